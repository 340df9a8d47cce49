"""From command-line options to an open warehouse and a :class:`Scope`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from branchcheck.network.calendar import Period, parse_period
from branchcheck.network.scope import Scope, check_checklist, latest_day, org_or_flat

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection


@dataclass(frozen=True)
class Options:
    """The options every view takes."""

    warehouse: str | None = None
    org: str | None = None
    since: str | None = None
    until: str | None = None
    period: str | None = None
    unit: str | None = None
    checklist: str | None = None
    level: str | None = None
    lang: str = "en"
    calendar: str | None = None
    """A calendar file (holidays/workdays) on top of the directory's days."""
    source: str | None = None
    """``--source``: all (None), a group or one source (docs/oversight.md)."""


@contextmanager
def open_scope(opts: Options, *, months: int = 0) -> Iterator[tuple[DuckDBPyConnection, Scope]]:
    """A read-only warehouse connection and the scope the options describe.

    Without a period the view covers the month of the newest result (``months``
    > 0: that many months up to it).
    """
    from branchcheck.core.checksource import source_filter
    from branchcheck.network import warehouse
    from branchcheck.org import directory as orgmod

    sources = source_filter(opts.source, opts.lang)  # a bad word: exit 2 before any work
    org = orgmod.load(opts.org, lang=opts.lang) if opts.org else None
    if opts.checklist is not None:
        from branchcheck.results.history import check_checklist_id

        check_checklist_id(opts.checklist, opts.lang)
    path = warehouse.default_path(opts.warehouse)
    with warehouse.reader(path, lang=opts.lang) as con:
        found = org_or_flat(con, org)
        check_checklist(con, found, opts.checklist, str(path), opts.lang)
        if opts.calendar:
            from dataclasses import replace

            from branchcheck.org.workdays import load_calendar_file

            extra = load_calendar_file(opts.calendar, lang=opts.lang)
            found = replace(found, calendar=found.calendar.merged(extra))
        latest = latest_day(con, opts.checklist)
        period = parse_period(opts.period, opts.since, opts.until, default=latest,
                              lang=opts.lang)
        if months and opts.period is None and opts.since is None and opts.until is None:
            from branchcheck.network.calendar import month

            first = period.start
            for _ in range(months - 1):
                first = month(first.replace(day=1) - timedelta(days=1)).start
            period = Period(first, period.end)
        yield con, Scope(found, period, opts.checklist, opts.unit, opts.level, opts.lang,
                         sources=sources)

