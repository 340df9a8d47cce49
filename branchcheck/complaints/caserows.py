"""Folded cases as rows of plain values, and back: the shape the user's memory of
verified registers (:mod:`.snapshot`, marshal) and the signed checkpoint
(:mod:`.checkpoint`, JSON) keep cases in.

A row is ``(fields before steps, steps, fields after steps but events)``, in the order
of :class:`~branchcheck.complaints.model.Case`'s fields, so a case is rebuilt
positionally (keywords cost twice as much). :func:`checked` rebuilds rows read from a
file someone else wrote: each value must have the type and form the fold gives it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from branchcheck.complaints.model import MAX_NAME, MAX_TEXT, OUTCOMES, STATUSES, STEPS, Case, Step
from branchcheck.core.timestamps import real_day as _day
from branchcheck.core.timestamps import real_time

_ALL = [f.name for f in dataclasses.fields(Case)]
FIELDS = _ALL[:_ALL.index("steps")]
"""The fields before ``steps``, in order."""
REST = [f for f in _ALL[_ALL.index("steps") + 1:] if f != "events"]
"""The fields after ``steps``, in order, without ``events`` (a listing needs none)."""
NAMES = (*FIELDS, "steps", *REST)
"""Every field a row holds, in row order (a file of rows names them, so that rows of
another shape are never read as these)."""


def rows(cases: Iterable[Case]) -> list[tuple[Any, list[tuple[str, ...]], Any]]:
    """``cases`` as rows."""
    head, rest = attrgetter(*FIELDS), attrgetter(*REST)
    return [(head(c), [tuple(s) for s in c.steps], rest(c)) for c in cases]


def decode(found: list[Any]) -> dict[str, Case]:
    """Cases by id from rows this user wrote (no checks: the caller proved that)."""
    cases: dict[str, Case] = {}
    make: Any = Case
    for values, steps, rest in found:
        case = make(*values, [Step(*s) for s in steps], *rest)
        cases[case.id] = case
    return cases


_TEXT = (str,) * 8
_HEAD = (*_TEXT, dict, str, int, str, dict, str, str, str, str, str, str)
"""The types of the fields before ``steps`` (see :class:`Case`)."""
_TAIL = ((str,) * 9) + (int, list, list, list)
_STEP = (str,) * 5
_TIMES = tuple(REST.index(f) for f in ("accepted_at", "replied_at", "decided_at", "told_at",
                                       "confirmed_at", "closed_at"))
"""The fields after ``steps`` that hold a time (or "" when not yet)."""


def _texts(value: Any, limit: int = MAX_TEXT) -> bool:
    """A mapping of short texts (personal data, an extension, an escalation), as folded."""
    return type(value) is dict and len(value) <= 16 and all(
        type(k) is str and ((type(v) is str and len(v) <= limit) or type(v) is int)
        for k, v in value.items())


def _case(values: Any, steps: Any, rest: Any) -> Case | None:
    """One row as a case, or None when anything is not as the fold makes it."""
    if type(values) is not list or tuple(map(type, values)) != _HEAD \
            or type(rest) is not list or tuple(map(type, rest)) != _TAIL \
            or type(steps) is not list:
        return None
    rule, personal = values[12], values[8]
    if not (values[17] in STATUSES and _day(values[11]) and _day(values[13])
            and real_time(values[3])
            and _day(values[15]) and (not personal or _texts(personal, MAX_NAME))
            and type(rule.get("days")) is int and rule.get("count") in ("calendar", "workdays")
            and type(rule.get("roll")) is bool and 0 <= values[10] <= 365 and rest[9] >= 0):
        return None
    made = []
    for i in _TIMES:  # "" until reached
        if rest[i] and not real_time(rest[i]):
            return None
    for step in steps:
        if type(step) is not list or tuple(map(type, step)) != _STEP or step[0] not in STEPS \
                or not real_time(step[2]) or (step[4] and step[4] not in OUTCOMES):
            return None
        made.append(Step(*step))
    extensions, escalations, actions = rest[10], rest[11], rest[12]
    if (extensions or escalations or actions) and not (
            all(_texts(e) and type(e.get("days")) is int for e in extensions)
            and all(map(_texts, escalations)) and all(type(a) is str for a in actions)):
        return None
    make: Any = Case
    case: Case = make(*values, made, *rest)
    return case


def checked(found: Any) -> dict[str, Case] | None:
    """Cases by id from rows as JSON reads them (lists for tuples) out of a file someone
    else wrote; None when one row is not as the fold makes it."""
    if type(found) is not list:
        return None
    cases: dict[str, Case] = {}
    for row in found:
        if type(row) is not list or len(row) != 3:
            return None
        case = _case(*row)
        if case is None or case.id in cases:
            return None
        cases[case.id] = case
    return cases
