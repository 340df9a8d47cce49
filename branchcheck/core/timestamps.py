"""ISO 8601 times as results store them: one strict checker for every input.

The result schema only checks the shape of ``started`` and ``finished``; this
also checks the calendar and the clock, so ``2024-13-45T99:99+08:00`` is refused
where it comes in (answers files, drafts) instead of being stored.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

EXAMPLE = "2024-05-01T09:30:00+08:00"
_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]+))?)?(Z|([+-])([0-9]{2}):([0-9]{2}))"
)


def parse_iso(text: str) -> datetime | None:
    """``text`` as an aware datetime if it is an ISO 8601 time with an offset
    (``Z`` or ``+08:00``) naming a real day and time, else None."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, frac, zulu, sign, oh, om = m.groups()
    try:
        offset = timedelta(0)
        if zulu != "Z":
            offset = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
        micro = int((frac or "0")[:6].ljust(6, "0"))
        return datetime(int(year), int(month), int(day), int(hour), int(minute),
                        int(second or 0), micro, tzinfo=timezone(offset))
    except ValueError:  # month 13, day 45, hour 99, an offset of a day or more
        return None
