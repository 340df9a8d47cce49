"""``branchcheck network waiting``: the mystery shoppers' waiting times per unit
(docs/shop.md). A thin wrapper over :mod:`branchcheck.network.visits`; registered on
the ``network`` group by :mod:`branchcheck.commands.network`."""

from __future__ import annotations

from typing import Annotated

import typer

from branchcheck.commands.network import (
    ChecklistOption,
    FormatOption,
    LevelOption,
    OrgOption,
    PeriodOption,
    SinceOption,
    UnitOption,
    UntilOption,
    WarehouseOption,
    _view,
    app,
)
from branchcheck.commands.options import ForceOption, OutputOption, UiLangOption
from branchcheck.core.errors import EXIT_OK


@app.command("waiting")
def waiting(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    over: Annotated[float | None, typer.Option(
        "--over", metavar="MINUTES",
        help="Count the visits that waited this long or longer (default 15, a setting).")
    ] = None,
    by: Annotated[str, typer.Option(
        "--by", metavar="unit|scenario|slot",
        help="Group the visits by unit at --level (default), scenario or time slot.")
    ] = "unit",
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Mystery shoppers' waiting minutes per unit, or --by scenario or time slot (default:
    6 months to the newest): visits,
    mean, median, 90th percentile, maximum and how many waited --over minutes or more;
    the longest mean wait first. Shopper and teller are never stored in the warehouse."""
    from branchcheck.network.visits import DEFAULT_OVER, waiting_columns
    from branchcheck.network.visits import waiting as compute

    _view(lambda con, scope: compute(con, scope, over=over, by=by),
          lambda scope: waiting_columns(scope.lang, DEFAULT_OVER if over is None else over,
                                        by if by in ("scenario", "slot") else "unit"),
          ("暗访等候时间", "Mystery-shopper waiting"), fmt=fmt, output=output, force=force,
          months=6, warehouse=warehouse, org=org, since=since, until=until, period=period,
          unit=unit, checklist=checklist, level=level, lang=lang)
    return EXIT_OK
