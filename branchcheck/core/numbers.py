"""The one bound on the size of numbers in checklists, answers and stored results.

YAML and JSON integers have no size limit, and a float's range ends near 1.8e308:
a weight, a threshold or an answer with hundreds of digits cannot be scored (and
1e308 weights overflow a sum). Every number branchcheck reads must lie within
``±MAX_MAGNITUDE``, far beyond any real weight, score, KPI or amount, and small
enough that integers stay exact as floats (below 2**53).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # kept light: answers checking imports this module
    from branchcheck.core.errors import Problem
    from branchcheck.core.strictyaml import Document, Path

MAX_MAGNITUDE = 10**15
"""Largest absolute value accepted for any number (``1e15``)."""


def too_large(value: object) -> bool:
    """Whether ``value`` is an int or a finite float beyond ``±MAX_MAGNITUDE``.

    Infinities and NaN are left to the ``not-finite`` rule; booleans are not numbers.
    """
    kind = type(value)
    if kind is int:
        return abs(value) > MAX_MAGNITUDE  # type: ignore[arg-type]
    if kind is float:
        return value - value == 0 and abs(value) > MAX_MAGNITUDE  # type: ignore[operator,arg-type]
    return False


def shown(value: int | float) -> str:
    """A short rendering of a number for messages (a 400-digit number stays readable)."""
    if isinstance(value, int):
        text = str(value)
        digits = len(text.lstrip("-"))
        return f"{text[:13]}... ({digits} digits)" if digits > 20 else text
    return f"{value:g}"


def oversized(data: Any) -> Iterator[tuple[Path, int | float]]:
    """Paths and values of every too-large number in plain data (walked without recursion)."""
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(((*path, k), v) for k, v in value.items())
        elif kind is list:
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif too_large(value):
            yield path, value


def problems(doc: Document) -> list[Problem]:
    """A located ``number-too-large`` error for every too-large number of ``doc``."""
    from branchcheck.core.i18n import t, ui

    lang = ui()
    found = [
        doc.problem(path, "number-too-large", t(
            lang, f"{shown(value)} 太大：数字必须在 -1e15 到 1e15 之间",
            f"{shown(value)} is too large: numbers must lie between -1e15 and 1e15"))
        for path, value in oversized(doc.data)
    ]
    return sorted(found, key=lambda p: (p.line, p.column))
