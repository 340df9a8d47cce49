"""What a warehouse keeps, checked before it is used: its days (every DATE and
TIMESTAMP column) and the directory (meta ``org``). The file may have been damaged
or written by another tool, and a day the calendar has not, a day Python cannot hold
(year 10000), or a zone this machine does not know must be a clear error, never a
crash."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection


class Damaged(Exception):
    """A value in the warehouse that no ingest writes (a damaged or hostile file): what
    is wrong, in zh and en."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh


def check_org(info: Any) -> None:
    """Raise :class:`Damaged` unless the stored directory ``info`` is one an ingest
    writes: the org schema's own rules (with real days, a known zone) on its values."""
    from branchcheck.core.timestamps import real_day
    from branchcheck.core.validation import is_valid
    from branchcheck.org.directory import WEEKDAYS, known_zone

    try:
        cal = info.get("calendar") or {}
        doc = {"format": "branchcheck-org/1", "timezone": info["timezone"],
               "business_days": [WEEKDAYS[d] if type(d) is int and 0 <= d < 7 else d
                                 for d in info["business_days"]],
               "closed_days": info["closed_days"], "holidays": cal.get("holidays", []),
               "workdays": cal.get("workdays", []),
               "programme": [{k: v for k, v in zip(("kind", "checklist", "every", "due_by"), r,
                                                   strict=True) if v is not None}
                             for r in info["programme"]],
               "settings": info.get("settings") or {},
               "units": [{"id": "X", "kind": "outlet", "name": "X"}]}
        days = [*doc["closed_days"], *doc["holidays"], *doc["workdays"]]
        good = (is_valid(doc, "org") and isinstance(info.get("source"), str)
                and all(real_day(d) for d in days) and known_zone(doc["timezone"]))
    except (AttributeError, KeyError, TypeError, ValueError):
        good = False
    if not good:
        raise Damaged("其中保存的机构名录（日期、时区、检查计划或设置）不是导入所写的",
                      "the directory stored in it (days, time zone, programme or settings) "
                      "is not one an ingest writes")


_BOUNDS = {"TIMESTAMP WITH TIME ZONE": ("TIMESTAMPTZ '1899-12-31 00:00:00+00'",
                                        "TIMESTAMPTZ '3100-01-01 23:59:59+00'"),
           "DATE": ("DATE '1900-01-01'", "DATE '3099-12-31'"),
           "TIMESTAMP": ("TIMESTAMP '1899-12-31 00:00:00'", "TIMESTAMP '3100-01-01 23:59:59'")}
"""The days a stored file may hold (:data:`branchcheck.core.timestamps.FIRST_DAY` to
``LAST_STORED``; an instant in UTC may be a day either side)."""


def check_days(con: DuckDBPyConnection, shape: Iterable[tuple[str, str]]) -> None:
    """Raise :class:`Damaged` naming the first column holding a day outside the days the
    tool counts with (compared in SQL: such a day may not even be a Python date);
    ``shape``: the tables' columns as :func:`branchcheck.network.guard.check_tables`
    checked them."""
    columns = []
    for kind, text in sorted(shape):
        name, _, rest = text.partition(" ")  # main.table.column TYPE[ NOT NULL]...
        typed = next((k for k in _BOUNDS if rest == k or rest.startswith(k + " ")), None)
        if kind == "column" and typed is not None:
            columns.append((*name.split(".")[1:3], typed))
    if not columns:
        return
    tests = []
    for table, column, typed in columns:  # names of the schema check_tables has checked
        low, high = _BOUNDS[typed]
        test = f'bool_or("{column}" < {low} OR "{column}" > {high})'
        tests.append(f'(SELECT {test} FROM "{table}")')  # noqa: S608
    row = con.execute("SELECT " + ", ".join(tests)).fetchone() or ()
    for (table, column, _), bad in zip(columns, row, strict=True):
        if bad:
            raise Damaged(f"{table}.{column} 有不在 1900 至 3099 年之间的日期",
                          f"{table}.{column} holds a day outside the years 1900 to 3099")
