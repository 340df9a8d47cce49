"""The directory a warehouse keeps (meta ``org``) checked before it is used: the file
may have been damaged or written by another tool, and a day the calendar has not, or
a zone this machine does not know, must be a clear error, never a crash."""

from __future__ import annotations

from typing import Any


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
