"""Columns of the network's complaint figures (``network complaints``, the report's
section); rendered by :func:`branchcheck.network.tables.render` like every view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.network.columns import Column
from branchcheck.network.tables import pct


def _int(header: str, key: str) -> Column:
    return Column(header, lambda r: str(r.get(key, 0)), lambda r: r.get(key, 0), True)


def _rate(header: str, done: str, due: str, rate: str) -> Column:
    def show(r: dict[str, Any]) -> str:
        return f"{pct(r.get(rate))} ({r.get(done, 0)}/{r.get(due, 0)})" if r.get(due) else "—"
    return Column(header, show, lambda r: r.get(rate), True)


def _bucket(label: str) -> Column:
    return Column(label, lambda r: str(r["ageing"].get(label, 0)),
                  lambda r: r["ageing"].get(label, 0), True)


def complaints_columns(lang: str, by: str, labels: Sequence[str],
                       categories: dict[str, tuple[str, str]]) -> list[Column]:
    """Columns of ``network complaints`` (rows per unit or per category; ``labels``: the
    ageing buckets)."""
    if by == "unit":
        first = [Column(t(lang, "单位", "Unit"), lambda r: r["unit"], lambda r: r["unit"]),
                 Column(t(lang, "名称", "Name"), lambda r: r["name"], lambda r: r["name"])]
    else:
        def name(r: dict[str, Any]) -> str:
            names = categories.get(r["category"])
            return (names[0] if lang == "zh" else names[1]) if names else r["category"]
        first = [Column(t(lang, "类别", "Category"), name, lambda r: r["category"])]
    return [
        *first,
        _int(t(lang, "本期受理", "Received"), "received"),
        _int(t(lang, "本期办结", "Closed"), "closed"),
        _int(t(lang, "未办结", "Open"), "open"),
        _int(t(lang, "逾期", "Overdue"), "overdue"),
        _rate(t(lang, "决定按时率", "Decisions on time"), "decisions_on_time",
              "decisions_due", "decision_on_time_rate"),
        _rate(t(lang, "答复按时率", "Replies on time"), "replies_on_time", "replies_due",
              "reply_on_time_rate"),
        _int(t(lang, "重复投诉", "Repeats"), "repeats"),
        _int(t(lang, "升级", "Escalated"), "escalated"),
        *[_bucket(label) for label in labels],
    ]
