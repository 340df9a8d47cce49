"""ISO 8601 days and times as stored files hold them: one strict rule for every writer
and every reader.

A schema or a pattern only checks the shape of a day or a time; this also checks the
calendar and the clock, so ``2025-02-30``, ``2025-13-01``, year ``0000``, hour 25,
minute 61 and offset ``+25:00`` are refused where they come in (answers files, drafts,
commands) and reported, not met with a crash, where a reader finds them in a file
someone else wrote.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

EXAMPLE = "2024-05-01T09:30:00+08:00"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r"(?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


@lru_cache(maxsize=4096)
def real_day(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day of the calendar (2025-02-30 is not), remembered: a
    file's days repeat."""
    if not _DAY.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def real_time(text: str) -> bool:
    """An ISO 8601 time with its offset (``Z`` or ``+08:00``) on a real day and clock:
    what ``datetime.fromisoformat`` then reads without fail."""
    return bool(_TIME.fullmatch(text)) and real_day(text[:10])


def parse_iso(text: str) -> datetime | None:
    """``text`` as an aware datetime if it is a :func:`real_time`, else None."""
    if not real_time(text):
        return None
    stamp = text[:-1] + "+00:00" if text.endswith("Z") else text
    return datetime.fromisoformat(stamp)  # aware: the pattern asks for the offset
