"""Working days (工作日) for due dates and overdue counts: the one calendar of
:mod:`branchcheck.org.workdays` (China's public holidays and make-up working days
from ``chinesecalendar``, with the days of the file ``$BRANCHCHECK_CALENDAR``
names on top). A year the calendar does not cover is counted Monday to Friday
and :func:`calendar_warnings` says so.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t, ui
from branchcheck.core.timestamps import FIRST_DAY, LAST_DAY
from branchcheck.org.workdays import (
    WorkCalendar,
    default_calendar,
    env_overrides,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")


def parse_date(text: str, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` date, else a usage error naming ``what``."""
    if not _DATE.match(text):
        raise UsageError(t(ui(), f"{what} {text!r} 不是 2024-05-31 这样的日期",
                           f"{what} {text!r} is not a date like 2024-05-31"))
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(t(ui(), f"{what} {text!r} 不是有效日期",
                           f"{what} {text!r} is not a valid date")) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(t(ui(), f"{what} {text!r} 不在 {FIRST_DAY} 到 {LAST_DAY} 之间",
                           f"{what} {text!r} is not between {FIRST_DAY} and {LAST_DAY}"))
    return day


def today() -> date:
    """Today's local date; ``$BRANCHCHECK_TODAY`` (YYYY-MM-DD) fixes it for reproducible
    ledgers and tests."""
    from branchcheck.org.workdays import today as _today

    return _today()


_CALENDARS: dict[str, WorkCalendar] = {}


def work_calendar() -> WorkCalendar:
    """The working-day calendar (one per process and ``$BRANCHCHECK_CALENDAR`` value)."""
    import os

    key = os.environ.get("BRANCHCHECK_CALENDAR", "").strip()
    if key not in _CALENDARS:
        _CALENDARS[key] = default_calendar(env_overrides())
    return _CALENDARS[key]


def calendar_warnings(lang: str = "en") -> list[str]:
    """The calendar's warnings for the days it had to guess so far."""
    return work_calendar().warnings(lang)


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a working day (工作日)."""
    return work_calendar().is_workday(day)


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` not counted; 0:
    ``start`` itself, or the next working day when ``start`` is not one)."""
    cal = work_calendar()
    return cal.next_workday(start) if days <= 0 else cal.add_workdays(start, days)


_BETWEEN: dict[tuple[str, date, date], int] = {}


def business_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

    Remembered per calendar for the process: a list of thousands of actions asks the
    same (due date, today) again and again, and each answer walks the days between."""
    import os

    key = (os.environ.get("BRANCHCHECK_CALENDAR", "").strip(), start, end)
    found = _BETWEEN.get(key)
    if found is None:
        found = _BETWEEN[key] = work_calendar().workdays_between(start, end)
    return found


def local_date(stamp: str) -> date | None:
    """The date part of an ISO 8601 time as written (its own offset), or None."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None
