"""Business days (Monday to Friday) for due dates and overdue counts.

Public holidays and make-up working days (调休) are not modelled: a due date
that falls on a holiday is moved by hand with ``actions assign --due``.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta

from branchcheck.core.errors import UsageError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")


def parse_date(text: str, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` date, else a usage error naming ``what``."""
    if not _DATE.match(text):
        raise UsageError(f"{what} {text!r} is not a date like 2024-05-31")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a valid date") from None


def today() -> date:
    """Today's local date; ``$BRANCHCHECK_TODAY`` (YYYY-MM-DD) fixes it for reproducible
    ledgers and tests."""
    fixed = os.environ.get("BRANCHCHECK_TODAY", "").strip()
    if fixed:
        return parse_date(fixed, "BRANCHCHECK_TODAY")
    return datetime.now().date()


def is_business_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` business days after ``start`` (0: ``start`` itself, or the next
    business day when ``start`` falls on a weekend)."""
    day = start
    while not is_business_day(day):
        day += timedelta(days=1)
    left = days
    while left > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start
    for _ in range(rest):
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def local_date(stamp: str) -> date | None:
    """The date part of an ISO 8601 time as written (its own offset), or None."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None
