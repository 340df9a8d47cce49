"""``branchcheck network honesty`` and ``network audit-sample``: who checked
(docs/oversight.md). Thin wrappers over :mod:`branchcheck.oversight`; registered
on the ``network`` group by :mod:`branchcheck.commands.network`."""

from __future__ import annotations

from typing import Annotated, Any

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
    _opts,
    _out,
    _title,
    app,
)
from branchcheck.commands.options import ForceOption, OutputOption, UiLangOption, check_choice
from branchcheck.core.errors import EXIT_OK

WindowOption = Annotated[str, typer.Option(
    "--window", metavar="week|DAYS",
    help="How near a self-check must be to an independent check to pair them: the same "
         "ISO week (default, a setting) or within DAYS days.")]


@app.command("honesty")
def honesty(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    by: Annotated[str, typer.Option("--by", metavar="unit|item|reviewer",
                                    help="One row per unit (default), item or reviewer.")
                  ] = "unit",
    window: WindowOption = "week",
    min_pairs: Annotated[int, typer.Option(
        "--min-pairs", min=1, metavar="N",
        help="--by reviewer: list reviewers with at least this many item pairs (default 5, "
             "a setting).")] = 5,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """How far each unit's self-checks can be believed: each independent check paired
    with the outlet's nearest self-check of the same checklist, item by item; missed
    failures, agreement (kappa, PABAK, AC1), score differences; least credible first."""
    from branchcheck.network import tables
    from branchcheck.network.query import open_scope
    from branchcheck.oversight import honesty as h
    from branchcheck.oversight.tables import COLUMNS

    check_choice(fmt, tables.FORMATS)
    opts = _opts(warehouse=warehouse, org=org, since=since, until=until, period=period,
                 unit=unit, checklist=checklist, level=level, lang=lang)
    spec = h.parse_window(window, opts.lang)
    with open_scope(opts) as (con, scope):
        rows = h.honesty(con, scope, by=by, window=spec, min_pairs=min_pairs)
        limits = h.limits(con)
    title = _title(*h.title_words(spec, limits), scope)
    _out(tables.render(rows, COLUMNS[by](opts.lang), fmt, title=title, lang=opts.lang),
         output, force)
    return EXIT_OK


@app.command("audit-sample")
def audit_sample(
    seed: Annotated[str, typer.Option("--seed", metavar="SEED", show_default=False,
                                      help="The published seed of the draw (e.g. 2026Q4).")],
    size: Annotated[int | None, typer.Option(
        "--size", "-n", min=1, metavar="N",
        help="Outlets to draw (default ceil(sqrt(N)) of the N in scope, a setting).")] = None,
    random_share: Annotated[float, typer.Option(
        "--random-share", metavar="SHARE", help="Share drawn at random (default 0.25, "
        "never less).")] = 0.25,
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, fmt: FormatOption = "text", window: WindowOption = "week",
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """The outlets to inspect next, drawn reproducibly from a published seed: a random
    part and a part weighted by risk (missed failures, missed checks, red lines, time
    since the last independent check); each row says why it is there."""
    from branchcheck.network import tables
    from branchcheck.network.query import open_scope
    from branchcheck.oversight import audit
    from branchcheck.oversight import honesty as h
    from branchcheck.oversight.tables import sample_columns

    check_choice(fmt, tables.FORMATS)
    opts = _opts(warehouse=warehouse, org=org, since=since, until=until, period=period,
                 unit=unit, checklist=checklist, level=None, lang=lang)
    spec = h.parse_window(window, opts.lang)
    with open_scope(opts) as (con, scope):
        rows: list[dict[str, Any]] = audit.sample(con, scope, seed=seed, size=size,
                                                  share=random_share, window=spec)
    title = _title(*audit.title_words(seed), scope)
    _out(tables.render(rows, sample_columns(opts.lang), fmt, title=title, lang=opts.lang),
         output, force)
    return EXIT_OK


WeightOption = Annotated[list[str] | None, typer.Option(
    "--weight", metavar="[CHECKLIST:]SOURCE=WEIGHT",
    help="A component and its weight, repeatable (default mystery-shopper=50 branch=30 "
         "self=20, a setting).")]


@app.command("composite")
def composite(
    weight: WeightOption = None,
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    level: LevelOption = None, fmt: FormatOption = "text",
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """The 网点服务评价: units ranked on a weighted composite of the period scores of
    several sources of checks, each component shown (self-checks alone: 自查情况).
    The same as 'network league --composite'."""
    opts = _opts(warehouse=warehouse, org=org, since=since, until=until, period=period,
                 unit=unit, checklist=None, level=level, lang=lang)
    show_composite(opts, weight, fmt=fmt, output=output, force=force)
    return EXIT_OK


def show_composite(opts: Any, weight: list[str] | None, *, fmt: str, output: str | None,
                   force: bool, missed: str | None = None, min_completion: float | None = None,
                   programme: Any = None) -> None:
    """Write the composite (``network composite``, ``network league --composite``):
    ``weight`` the ``--weight`` specs (None: the defaults, said in the title); a
    setting not given is the directory's."""
    from branchcheck.network import tables
    from branchcheck.network.query import open_scope
    from branchcheck.network.scores import ScoreRules
    from branchcheck.oversight import composite as comp
    from branchcheck.oversight.tables import composite_columns

    check_choice(fmt, tables.FORMATS)
    parts = comp.parse_weights(weight or list(comp.DEFAULT_WEIGHTS), opts.lang)
    with open_scope(opts) as (con, scope):
        chosen = scope.org.settings
        rules = ScoreRules(chosen.missed if missed is None else missed,
                           chosen.min_completion if min_completion is None else min_completion)
        rows = comp.composite(con, scope, parts, rules,
                              programme(scope) if programme is not None else None)
    title = _title(*comp.title_words(parts, not weight), scope)
    _out(tables.render(rows, composite_columns(opts.lang, parts), fmt, title=title,
                       lang=opts.lang), output, force)
