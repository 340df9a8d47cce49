"""The columns of ``network honesty`` and ``network audit-sample`` (shown by
:func:`branchcheck.network.tables.render` in every format)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.network.columns import Column
from branchcheck.network.tables import pct

Row = dict[str, Any]


def _num(value: float | None, places: int = 2) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def _span(low: float | None, high: float | None, show: Callable[[float | None], str]) -> str:
    return "—" if low is None or high is None else f"{show(low)}–{show(high)}"


def _col(header: str, key: str, show: Callable[[Any], str], right: bool = True) -> Column:
    return Column(header, lambda r: show(r.get(key)), lambda r: r.get(key), right)


def _text(header: str, key: str) -> Column:
    return _col(header, key, lambda v: "" if v is None else str(v), right=False)


def _count(header: str, key: str) -> Column:
    return _col(header, key, lambda v: "" if v is None else str(v))


def _missed(lang: str) -> list[Column]:
    """The missed-failure rate with its Wilson interval, and the false-alarm rate."""
    return [
        _count(t(lang, "独立检查不合格项", "Independent fails"), "independent_fails"),
        _count(t(lang, "自查漏报", "Missed"), "missed"),
        _col(t(lang, "漏报率", "Missed-failure rate"), "missed_rate", pct),
        Column(t(lang, "漏报率 95% 区间", "95% CI"),
               lambda r: _span(r.get("missed_low"), r.get("missed_high"), pct),
               lambda r: _span(r.get("missed_low"), r.get("missed_high"),
                               lambda v: _num(v, 4)), True),
    ]


def unit_columns(lang: str) -> list[Column]:
    """Columns of ``network honesty`` (one row per unit, least credible first)."""
    def diff(v: float | None) -> str:
        return "—" if v is None else f"{v:+.1f}"

    return [
        _count("#", "rank"), _text(t(lang, "单位", "Unit"), "unit"),
        _text(t(lang, "名称", "Name"), "name"),
        _count(t(lang, "配对检查次数", "Paired checks"), "checks"),
        _count(t(lang, "配对项数", "Item pairs"), "item_pairs"),
        *_missed(lang),
        _col(t(lang, "漏报率（收缩）", "Shrunk rate"), "missed_rate_shrunk", pct),
        _col(t(lang, "误报率", "False-alarm rate"), "false_alarm_rate", pct),
        _col(t(lang, "自查减独立检查", "Self − independent"), "diff", diff),
        Column(t(lang, "分差 95% 区间", "95% CI"),
               lambda r: _span(r.get("diff_low"), r.get("diff_high"), diff),
               lambda r: _span(r.get("diff_low"), r.get("diff_high"),
                               lambda v: _num(v, 2)), True),
        _col(t(lang, "分差（收缩）", "Shrunk difference"), "diff_shrunk", diff),
        Column(t(lang, "漏报率超出漏斗上限", "Above funnel limit"),
               lambda r: f"{r['funnel']}%" if r.get("funnel") else "",
               lambda r: r.get("funnel") or ""),
        Column(t(lang, "超出一致性界限", "Outside limits"),
               lambda r: t(lang, "是", "YES") if r.get("outside_limits") else "",
               lambda r: r.get("outside_limits")),
    ]


def item_columns(lang: str) -> list[Column]:
    """Columns of ``network honesty --by item``."""
    def kappa_ci(r: Row) -> str:
        return _span(r.get("kappa_low"), r.get("kappa_high"), _num)

    return [
        _text(t(lang, "检查表", "Checklist"), "checklist"), _text(t(lang, "项目", "Item"), "item"),
        _text(t(lang, "内容", "Text"), "text"),
        _count(t(lang, "配对项数", "Pairs"), "pairs"),
        _col(t(lang, "一致率", "Agreement"), "agreement", pct),
        _col("κ", "kappa", _num),
        Column(t(lang, "κ 95% 区间", "κ 95% CI"), kappa_ci, kappa_ci, True),
        _col("PABAK", "pabak", _num), _col("AC1", "ac1", _num),
        *_missed(lang),
        _col(t(lang, "误报率", "False-alarm rate"), "false_alarm_rate", pct),
        _col(t(lang, "McNemar 精确 p", "McNemar exact p"), "mcnemar_p", lambda v: _num(v, 3)),
    ]


def _few(units: list[str], lang: str, shown: int = 3) -> str:
    """The first ``shown`` units and how many more."""
    more = len(units) - shown
    head = ", ".join(units[:shown])
    return head + (t(lang, f" 等 {len(units)} 个", f" +{more} more") if more > 0 else "")


def reviewer_columns(lang: str) -> list[Column]:
    """Columns of ``network honesty --by reviewer``."""
    return [
        _text(t(lang, "检查人", "Reviewer"), "reviewer"),
        Column(t(lang, "单位", "Units"), lambda r: _few(r["units"], lang),
               lambda r: " ".join(r["units"])),
        _count(t(lang, "配对项数", "Pairs"), "pairs"),
        _col(t(lang, "一致率", "Agreement"), "agreement", pct),
        _col("κ", "kappa", _num), _col("AC1", "ac1", _num),
        *_missed(lang),
        _col(t(lang, "漏报率（收缩）", "Shrunk rate"), "missed_rate_shrunk", pct),
        _col(t(lang, "误报率", "False-alarm rate"), "false_alarm_rate", pct),
    ]


COLUMNS = {"unit": unit_columns, "item": item_columns, "reviewer": reviewer_columns}


def sample_columns(lang: str) -> list[Column]:
    """Columns of ``network audit-sample``: the order drawn, the part and why."""
    def part(r: Row) -> str:
        return t(lang, "随机", "random") if r["part"] == "random" else t(lang, "风险", "risk")

    def days(r: Row) -> str:
        d = r.get("days_since_independent")
        return t(lang, "从未", "never") if d is None else str(d)

    return [
        _count("#", "order"), _text(t(lang, "单位", "Unit"), "unit"),
        _text(t(lang, "名称", "Name"), "name"),
        Column(t(lang, "抽取方式", "Part"), part, lambda r: r["part"]),
        _col(t(lang, "风险权重", "Risk weight"), "weight", lambda v: _num(v, 2)),
        _col(t(lang, "漏报率（收缩）", "Shrunk missed rate"), "missed_rate_shrunk", pct),
        _col(t(lang, "完成率", "Completion"), "completion", pct),
        _count(t(lang, "一票否决", "Red lines"), "red_lines"),
        Column(t(lang, "距上次独立检查（天）", "Days since independent check"), days,
               lambda r: r.get("days_since_independent"), True),
    ]


def composite_columns(lang: str, components: list[Any]) -> list[Column]:
    """Columns of ``network composite``: rank, unit, red lines first, the composite,
    then one column per component."""
    from branchcheck.core.checksource import label
    from branchcheck.terminal.output import fmt_score

    def part(key: str) -> Column:
        return Column(key, lambda r: fmt_score(r["components"].get(key)),
                      lambda r: r["components"].get(key), True)

    def header(c: Any) -> str:
        return label(c.source, lang) + (f" {c.checklist}" if c.checklist else "")

    return [
        _count("#", "rank"), _text(t(lang, "单位", "Unit"), "unit"),
        _text(t(lang, "名称", "Name"), "name"),
        _count(t(lang, "一票否决", "Red lines"), "red_lines"),
        _col(t(lang, "综合得分", "Composite"), "composite", fmt_score),
        *[Column(header(c), part(c.key).show, part(c.key).raw, True) for c in components],
        Column(t(lang, "备注", "Flag"),
               lambda r: "" if r["complete"] else t(lang, "缺少组成部分", "incomplete"),
               lambda r: "" if r["complete"] else "incomplete"),
    ]


def fair_columns(lang: str) -> list[Column]:
    """The league's fair-figure columns (branchcheck/oversight/fair.py): the period
    score's 95 % t interval, the shrunk score and the funnel flag."""
    from branchcheck.terminal.output import fmt_score

    def flag(r: Row) -> str:
        f = r.get("funnel")
        if not f:
            return ""
        side = t(lang, "低于", "below") if f.startswith("low") else t(lang, "高于", "above")
        return f"{side} {f.removeprefix('low').removeprefix('high')}%"

    return [
        Column(t(lang, "得分 95% 区间", "Score 95% CI"),
               lambda r: _span(r.get("score_low"), r.get("score_high"), fmt_score),
               lambda r: _span(r.get("score_low"), r.get("score_high"),
                               lambda v: _num(v, 2)), True),
        _col(t(lang, "收缩得分", "Shrunk score"), "score_shrunk", fmt_score),
        Column(t(lang, "漏斗限", "Funnel"), flag, lambda r: r.get("funnel") or ""),
    ]
