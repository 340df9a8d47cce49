"""Plans and assignments as the department reads them: YAML, JSON, CSV, text, Markdown.

Shopper ids are personal data of the programme (docs/shop.md, privacy): they
appear in the assignment the programme needs and nowhere else; roster names
are never shown.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.network.columns import Column
from branchcheck.network.tables import render
from branchcheck.shop.plan import Plan, Visit

FORMATS = ("yaml", "json", "csv", "text", "md")
_WEEKDAY = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
REASON_WORDS = {
    "no-shopper": ("名册中没有暗访员", "the roster has no shopper"),
    "home-unit": ("暗访员均属该网点所在单位（回避）",
                  "every shopper is at home in the outlet's units"),
    "availability": ("其余暗访员在这些日期均不可用",
                     "the other shoppers are not available on these days"),
    "repeat": ("其余暗访员近期已暗访过该网点",
               "the other shoppers visited the outlet too recently"),
    "capacity": ("其余暗访员的可用名额已满", "the other shoppers' days are full"),
}


def reason_text(reason: str, lang: str) -> str:
    """A reason code in words."""
    zh, en = REASON_WORDS.get(reason, (reason, reason))
    return t(lang, zh, en)


def _col(header: str, key: str) -> Column:
    return Column(header, lambda r: "" if r.get(key) is None else str(r[key]),
                  lambda r: r.get(key))


def columns(lang: str) -> list[Column]:
    """Columns of a plan's visits (assignment columns shown when set)."""
    def weekday(r: dict[str, Any]) -> str:
        return _WEEKDAY[lang][date.fromisoformat(r["date"]).weekday()] if r.get("date") else ""

    return [
        _col(t(lang, "编号", "Visit"), "id"), _col(t(lang, "网点", "Outlet"), "outlet"),
        Column(t(lang, "所属单位", "Within"), lambda r: " < ".join(r["within"]),
               lambda r: ";".join(r["within"])),
        _col(t(lang, "场景", "Scenario"), "scenario"),
        _col(t(lang, "暗访员", "Shopper"), "shopper"), _col(t(lang, "日期", "Date"), "date"),
        Column(t(lang, "星期", "Day"), weekday, weekday), _col(t(lang, "时段", "Slot"), "slot"),
        Column(t(lang, "未分配原因", "Unassigned"),
               lambda r: reason_text(r["reason"], lang) if r.get("reason") else "",
               lambda r: r.get("reason")),
    ]


def show(plan: Plan, fmt: str, lang: str) -> str:
    """The plan in ``fmt`` (yaml: the plan file itself)."""
    if fmt == "yaml":
        from branchcheck.shop.planfile import dump

        return dump(plan)
    rows = [v.as_row() for v in plan.visits]
    title = t(lang, f"暗访批次 {plan.wave}", f"Wave {plan.wave}")
    return render(rows, columns(lang), "text" if fmt == "text" else fmt, title=title, lang=lang)


def row_columns(lang: str) -> list[Column]:
    """Columns of an import's rows."""
    words = {"stored": ("已保存", "stored"), "unchanged": ("已导入过", "already imported"),
             "error": ("有问题", "problem")}
    return [_col(t(lang, "行", "Row"), "row"), _col(t(lang, "网点", "Outlet"), "outlet"),
            _col(t(lang, "编号", "Visit"), "visit"), _col(t(lang, "日期", "Date"), "date"),
            Column(t(lang, "结果", "Status"), lambda r: t(lang, *words[r["status"]]),
                   lambda r: r["status"]),
            _col(t(lang, "文件", "File"), "file")]


def show_rows(rows: list[dict[str, Any]], fmt: str, lang: str) -> str:
    """An import's rows in ``fmt`` (text, json or csv)."""
    return render(rows, row_columns(lang), fmt, title=t(lang, "导入", "Import"), lang=lang)


def show_appeals(rows: list[dict[str, Any]], fmt: str, lang: str) -> str:
    """The appeals register as a table."""
    words = {"upheld": ("维持", "upheld"), "rejected": ("驳回", "rejected"),
             "": ("未决", "open")}
    columns = [_col(t(lang, "编号", "Appeal"), "id"), _col(t(lang, "网点", "Outlet"), "branch"),
               _col(t(lang, "批次", "Wave"), "wave"), _col(t(lang, "检查项", "Item"), "item"),
               Column(t(lang, "决定", "Decision"), lambda r: t(lang, *words[r["decision"]]),
                      lambda r: r["decision"] or "open"),
               _col(t(lang, "原得分", "Score"), "old_score"),
               _col(t(lang, "新得分", "New score"), "new_score"),
               _col(t(lang, "原结果", "Result"), "result"),
               _col(t(lang, "新结果", "New result"), "new_result")]
    return render(rows, columns, fmt, title=t(lang, "申诉", "Appeals"), lang=lang)


def summary(visits: list[Visit], lang: str) -> list[str]:
    """Lines for stderr: assigned and unassigned visits, days of the week, slots."""
    done = [v for v in visits if v.shopper]
    lines = [t(lang, f"{len(visits)} 次暗访：已分配 {len(done)}，未分配 {len(visits) - len(done)}",
               f"{len(visits)} visits: {len(done)} assigned, {len(visits) - len(done)} "
               "unassigned")]
    if done:
        weekend = sum(1 for v in done if date.fromisoformat(str(v.date)).weekday() >= 5)
        slots = Counter(str(v.slot) for v in done)
        lines.append(t(lang, f"工作日 {len(done) - weekend}，周末 {weekend}；时段：",
                       f"weekdays {len(done) - weekend}, weekends {weekend}; slots: ")
                     + ", ".join(f"{s} {n}" for s, n in sorted(slots.items())))
    reasons = Counter(v.reason for v in visits if v.reason)
    for reason, n in sorted(reasons.items()):
        lines.append(t(lang, f"未分配 {n} 次：{reason_text(reason, lang)}（{reason}）",
                       f"{n} unassigned: {reason_text(reason, lang)} ({reason})"))
    return lines
