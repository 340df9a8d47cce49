"""Columns of the network's corrective-action figures (``network actions``, the
league's action columns, the report's section); rendered by
:func:`branchcheck.network.tables.render` like every network view."""

from __future__ import annotations

from typing import Any

from branchcheck.core.i18n import t
from branchcheck.network.columns import Column


def _int(key: str) -> Column:
    return Column("", lambda r: str(r.get(key, 0)), lambda r: r.get(key, 0), True)


def _named(column: Column, header: str) -> Column:
    return Column(header, column.show, column.raw, column.right)


def oldest(r: dict[str, Any], lang: str) -> str:
    """The oldest overdue action of a row: id, branch, item, due date, business days."""
    o = r.get("oldest_overdue")
    if not o:
        return ""
    return t(lang, f"{o['id']} {o['branch']} {o['item']}（{o['due']} 到期，逾期 {o['days']} "
                   "个工作日）",
             f"{o['id']} {o['branch']} {o['item']} (due {o['due']}, {o['days']} bd late)")


def actions_columns(lang: str) -> list[Column]:
    """Columns of ``network actions``."""
    return [
        Column(t(lang, "单位", "Unit"), lambda r: r["unit"], lambda r: r["unit"]),
        Column(t(lang, "名称", "Name"), lambda r: r["name"], lambda r: r["name"]),
        _named(_int("open"), t(lang, "整改中", "Open")),
        _named(_int("overdue"), t(lang, "逾期", "Overdue")),
        _named(_int("high"), t(lang, "高优先级", "High")),
        _named(_int("opened"), t(lang, "本期新增", "Opened")),
        _named(_int("fixed"), t(lang, "本期完成", "Fixed")),
        Column(t(lang, "最久逾期", "Oldest overdue"), lambda r: oldest(r, lang),
               lambda r: (r.get("oldest_overdue") or {}).get("id", "")),
    ]


def league_action_columns(lang: str) -> list[Column]:
    """The two action columns of ``network league``."""
    return [_named(_int("actions_open"), t(lang, "整改中", "Open actions")),
            _named(_int("actions_overdue"), t(lang, "逾期整改", "Overdue actions"))]
