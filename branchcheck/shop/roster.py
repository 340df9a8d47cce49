"""The shopper roster: a CSV the third-party firm or the department keeps.

Header ``id,name,home_units,max_per_day`` and optionally ``available``
(UTF-8 with or without a BOM, else GB18030). ``home_units`` lists, separated by ``;``, the
units where the shopper lives, works or is known (never sent there or below);
``available`` lists weekdays (``mon``..``sun``), days (``2026-03-05``) and
ranges (``2026-03-01..2026-03-15``): a shopper is available on a day that
matches a weekday, if any is listed, and a day or range, if any is listed;
empty means every day. Names are personal data: read, never printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui

HEADER = ("id", "name", "home_units", "max_per_day")
OPTIONAL = ("available",)
MAX_BYTES = 16 * 1024 * 1024
MAX_PER_DAY = 24
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Shopper:
    """One shopper of the roster."""

    id: str
    home_units: frozenset[str]
    max_per_day: int
    weekdays: frozenset[int] = frozenset()
    spans: tuple[tuple[date, date], ...] = ()

    def available(self, day: date) -> bool:
        """Whether the shopper can visit on ``day``."""
        if self.weekdays and day.weekday() not in self.weekdays:
            return False
        return not self.spans or any(a <= day <= b for a, b in self.spans)


def load(path: str, *, lang: str = "en") -> tuple[list[Shopper], str]:
    """The roster's shoppers (file order) and its sha256; :class:`InputError` with every
    located problem."""
    import hashlib

    from branchcheck.core.strictyaml import read_bytes

    raw = read_bytes(path, max_bytes=MAX_BYTES, display=path)
    shoppers, problems = parse(raw, path)
    if problems:
        raise InputError(t(lang, f"{path}：不是有效的暗访员名册", f"{path}: not a valid roster"),
                         problems)
    return shoppers, hashlib.sha256(raw).hexdigest()


def parse(raw: bytes, name: str) -> tuple[list[Shopper], list[Problem]]:
    """Shoppers from CSV bytes, and every problem (``file:line:column``, the column
    being the cell's position in the row)."""
    from branchcheck.core.csvtable import records

    header, rows, problems = records(raw, name, HEADER, OPTIONAL)
    if not rows and problems:
        return [], problems
    out: list[Shopper] = []
    first: dict[str, int] = {}
    for n, cells in rows:
        found: list[Problem] = []

        def bad(key: str, message: str, rule: str = "roster", line: int = n,
                found: list[Problem] = found) -> None:
            found.append(Problem(name, line, header.index(key) + 1, rule, message))

        if not _ID.fullmatch(cells["id"]):
            bad("id", t(ui(), f"暗访员编号 {cells['id']!r} 无效（字母、数字、'_' 或 '-'）",
                        f"invalid shopper id {cells['id']!r} (letters, digits, '_' or '-')"))
        elif cells["id"] in first:
            bad("id", t(ui(), f"暗访员 {cells['id']!r} 列了两次（第一次在第 "
                              f"{first[cells['id']]} 行）",
                        f"shopper {cells['id']!r} is listed twice (first at line "
                        f"{first[cells['id']]})"), "duplicate-id")
        first.setdefault(cells["id"], n)
        homes = [u.strip() for u in cells["home_units"].split(";") if u.strip()]
        for u in homes:
            if not _ID.fullmatch(u):
                bad("home_units", t(ui(), f"home_units 中的机构编号 {u!r} 无效",
                                    f"invalid unit id {u!r} in home_units"))
        try:
            per_day = int(cells["max_per_day"])
            if not 1 <= per_day <= MAX_PER_DAY:
                raise ValueError
        except ValueError:
            per_day = 0
            bad("max_per_day", t(ui(), f"max_per_day 应为 1 到 {MAX_PER_DAY} 的整数，而不是 "
                                       f"{cells['max_per_day']!r}",
                                 f"max_per_day must be a whole number from 1 to {MAX_PER_DAY}, "
                                 f"not {cells['max_per_day']!r}"))
        weekdays, spans = _availability(cells.get("available", ""), bad)
        problems.extend(found)
        if not found:
            out.append(Shopper(cells["id"], frozenset(homes), per_day, weekdays, spans))
    if not out and not problems:
        problems.append(Problem(name, 2, 1, "empty", t(ui(), "名册中没有暗访员",
                                                           "the roster lists no shopper")))
    return out, problems


def _availability(text: str, bad: Callable[..., None]
                  ) -> tuple[frozenset[int], tuple[tuple[date, date], ...]]:
    weekdays: set[int] = set()
    spans: list[tuple[date, date]] = []
    for token in (x.strip() for x in text.split(";")):
        if not token:
            continue
        if token.lower() in _WEEKDAYS:
            weekdays.add(_WEEKDAYS.index(token.lower()))
            continue
        start, _, end = token.partition("..")
        try:
            a = date.fromisoformat(start.strip())
            b = date.fromisoformat(end.strip()) if end else a
            if b < a:
                raise ValueError
        except ValueError:
            bad("available", t(ui(), f"{token!r} 不是星期（mon..sun）、日期（YYYY-MM-DD）或日期范围"
                                     "（YYYY-MM-DD..YYYY-MM-DD）",
                               f"{token!r} is not a weekday (mon..sun), a day (YYYY-MM-DD) "
                               "or a range (YYYY-MM-DD..YYYY-MM-DD)"))
            continue
        spans.append((a, b))
    return frozenset(weekdays), tuple(spans)
