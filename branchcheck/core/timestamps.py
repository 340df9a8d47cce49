"""ISO 8601 days and times as stored files hold them: one strict rule for every writer
and every reader.

A schema or a pattern only checks the shape of a day or a time; this also checks the
calendar and the clock, so ``2025-02-30``, ``2025-13-01``, year ``0000``, hour 25,
minute 61 and offset ``+25:00`` are refused where they come in (answers files, drafts,
commands) and reported, not met with a crash, where a reader finds them in a file
someone else wrote. A real day is also one a stored file may hold (:data:`FIRST_DAY`
to :data:`LAST_STORED`): year 0001 is a date to Python, but a time on it cannot be
moved to UTC, nor year 9999 carry a deadline.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

EXAMPLE = "2024-05-01T09:30:00+08:00"
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days the tool counts with (a day given, stored or fixed as today): far beyond any
record, and far enough from the ends of the calendar that a deadline a year on, or a
view's period before and after, is still a date."""
LAST_STORED = date(3099, 12, 31)
"""The last day a stored file may hold: a deadline counted from :data:`LAST_DAY` (at
most 3660 days, calendar or working) still falls before it, so what a writer stores a
reader reads."""
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r"(?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


@lru_cache(maxsize=4096)
def real_day(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day of the calendar (2025-02-30 is not) from
    :data:`FIRST_DAY` to :data:`LAST_STORED`, remembered: a file's days repeat."""
    if not _DAY.fullmatch(text):
        return False
    try:
        return FIRST_DAY <= date.fromisoformat(text) <= LAST_STORED
    except ValueError:
        return False


_CLOCK = re.compile(_TIME.pattern[_TIME.pattern.index("T") + 1:])
"""The part of :data:`_TIME` after the day's ``T``: the clock and the offset."""


def real_time(text: str) -> bool:
    """An ISO 8601 time with its offset (``Z`` or ``+08:00``) on a real day and clock:
    what ``datetime.fromisoformat`` then reads without fail. The day and the clock are
    checked apart, each remembered (a file's days and, mostly, its clock times repeat:
    a file of 50,000 times is checked in a third of the time)."""
    if len(text) > 64:  # a fraction of a second this long is never remembered
        return bool(_TIME.fullmatch(text)) and real_day(text[:10])
    return text[10:11] == "T" and real_day(text[:10]) and _real_clock(text[11:])


@lru_cache(maxsize=4096)
def _real_clock(text: str) -> bool:
    return bool(_CLOCK.fullmatch(text))


def out_of_range(text: str, last: date = LAST_STORED) -> bool:
    """A day or a time real in all but its year: before :data:`FIRST_DAY` or after
    ``last`` (a message can say so instead of calling it no time at all; an input
    given by hand: ``last=LAST_DAY``)."""
    if not (_DAY.fullmatch(text) or _TIME.fullmatch(text)):
        return False
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return False
    return not FIRST_DAY <= day <= last


def outside_words(lang: str, last: date = LAST_STORED) -> str:
    """What is wrong with a day or time :func:`out_of_range` finds, in ``lang``."""
    from branchcheck.core.i18n import t

    return t(lang, f"不在 {FIRST_DAY.year} 至 {last.year} 年之间",
             f"is not between the years {FIRST_DAY.year} and {last.year}")


def parse_iso(text: str) -> datetime | None:
    """``text`` as an aware datetime if it is a :func:`real_time`, else None."""
    if not real_time(text):
        return None
    stamp = text[:-1] + "+00:00" if text.endswith("Z") else text
    return datetime.fromisoformat(stamp)  # aware: the pattern asks for the offset
