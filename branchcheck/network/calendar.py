"""Periods and the business calendar: what was expected when.

A period is a closed range of days (``--period 2026-11``, ``2026-W48``,
``2026-Q4``, or ``--since``/``--until``). A day is *open* unless it is a closed
day of the directory; an *opening day* (营业日) when it is also one of the
directory's business weekdays; a *working day* (工作日) when the working-day
calendar (:mod:`branchcheck.org.workdays`) says so and it is open. A unit is
expected to run a check from the day it opened until the day before it closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.core.timestamps import FIRST_DAY, LAST_DAY

if TYPE_CHECKING:
    from branchcheck.org.directory import Org

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included; ``kind`` is month/week/quarter/range."""

    start: date
    end: date
    kind: str = "range"

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """``2026-11``, ``2026-W48``, ``2026-Q4`` or ``2026-11-03..2026-11-09``."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period of the same length just before (the previous month, week, quarter)."""
        if self.kind == "month":
            return month(self.start - timedelta(days=1))
        if self.kind == "quarter":
            return quarter(self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1),
                      self.kind)

    def each_day(self) -> list[date]:
        """Every day of the period."""
        return [self.start + timedelta(days=i) for i in range(self.days)]


def month(day: date) -> Period:
    """The calendar month holding ``day``."""
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return Period(first, nxt - timedelta(days=1), "month")


def quarter(day: date) -> Period:
    """The calendar quarter holding ``day``."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    end = month(date(first.year, first.month + 2, 1)).end
    return Period(first, end, "quarter")


def parse_period(period: str | None, since: str | None, until: str | None, *,
                 default: date, lang: str = "en") -> Period:
    """The period the options name; none given: the month holding ``default``. Days
    outside :data:`FIRST_DAY` .. :data:`LAST_DAY` are refused."""
    found = _period(period, since, until, default=default, lang=lang)
    if found.start < FIRST_DAY or found.end > LAST_DAY:
        raise UsageError(t(lang, f"期间 {found.label} 超出可用范围（{FIRST_DAY} 至 {LAST_DAY}）",
                           f"the period {found.label} is outside the days a view covers "
                           f"({FIRST_DAY} to {LAST_DAY})"))
    return found


def _period(period: str | None, since: str | None, until: str | None, *,
            default: date, lang: str) -> Period:
    if period is not None:
        if since or until:
            raise UsageError(t(lang, "--period 不能与 --since/--until 同用",
                               "--period cannot be combined with --since/--until"))
        return _named(period.strip(), lang)
    if since is None and until is None:
        return month(max(min(default, LAST_DAY), FIRST_DAY))
    start = _date(since, "--since", lang) if since else None
    end = _date(until, "--until", lang) if until else None
    if start is None:
        start = (end or default).replace(day=1)
    if end is None:
        end = max(default, start)
    if end < start:
        raise UsageError(t(lang, f"--until {end} 早于 --since {start}",
                           f"--until {end} is before --since {start}"))
    return Period(start, end)


def _named(text: str, lang: str) -> Period:
    try:
        if not text.isascii():
            raise ValueError(text)
        if m := _MONTH.fullmatch(text):
            return month(date(int(m[1]), int(m[2]), 1))
        if m := _WEEK.fullmatch(text):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(start, start + timedelta(days=6), "week")
        if m := _QUARTER.fullmatch(text):
            return quarter(date(int(m[1]), 3 * int(m[2]) - 2, 1))
    except (ValueError, OverflowError):
        pass
    raise UsageError(t(lang, f"无法识别的期间 {text!r}（例：2026-11、2026-W48、2026-Q4）",
                       f"unknown period {text!r} (e.g. 2026-11, 2026-W48, 2026-Q4)"))


def _date(text: str, option: str, lang: str) -> date:
    try:
        if not text.isascii():
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(t(lang, f"{option} {text!r} 不是日期（YYYY-MM-DD）",
                           f"{option} {text!r} is not a date (YYYY-MM-DD)")) from None


def calendar_rows(period: Period, org: Org) -> list[tuple[date, bool, bool, bool]]:
    """(day, open, opening, working) for every day of ``period``. open: not a closed
    day; opening: an opening day (营业日: a business weekday, not closed); working: a
    working day (工作日: the directory's working-day calendar), not closed."""
    cal = org.workdays
    rows = []
    for day in period.each_day():
        is_open = day not in org.closed_days
        rows.append((day, is_open, is_open and day.weekday() in org.business_days,
                     is_open and cal.is_workday(day)))
    return rows
