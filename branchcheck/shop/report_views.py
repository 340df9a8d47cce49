"""The programme report as text, Markdown, HTML or JSON (every cell escaped by the
network's table writers)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.network.columns import Column
from branchcheck.network.tables import html_table, md_table, page, pct, signed, text_table
from branchcheck.shop.report import Report
from branchcheck.terminal.output import fmt_score

FORMATS = ("text", "md", "html", "json")


def _c(header: str, key: str, show: Any = None) -> Column:
    def shown(r: dict[str, Any]) -> str:
        value = r.get(key)
        if value is None:
            return "—"
        return show(value) if show else str(value)
    return Column(header, shown, lambda r: r.get(key), show is not None)


def sections(rep: Report, lang: str) -> list[tuple[str, list[dict[str, Any]], list[Column]]]:
    """(title, rows, columns) of each section, in reading order."""
    def n(h: str, k: str) -> Column:
        return _c(h, k, str)

    return [
        (t(lang, "计划与完成（按网点上级单位）",
           "Visits planned and done (by the unit above the outlet)"),
         rep.planned, [_c(t(lang, "单位", "Unit"), "unit"),
                       n(t(lang, "计划", "Planned"), "planned"),
                       n(t(lang, "已访", "Done"), "done"),
                       n(t(lang, "未访", "Missing"), "missing"),
                       _c(t(lang, "完成率", "Completion"), "completion", pct)]),
        (t(lang, "网点得分排名（有红线的网点排在后面）",
           "Outlets by score (an outlet with a red line ranks after every outlet without)"),
         rep.league, [n("#", "rank"), _c(t(lang, "网点", "Outlet"), "outlet"),
                      _c(t(lang, "上级单位", "Unit"), "unit"),
                      n(t(lang, "暗访次数", "Visits"), "n"),
                      _c(t(lang, "平均分", "Mean"), "mean", fmt_score),
                      n(t(lang, "红线", "Red lines"), "red_lines")]),
        (t(lang, "检查项不通过率", "Items by failure rate"), rep.items,
         [_c(t(lang, "检查项", "Item"), "item"), n(t(lang, "作答", "Answered"), "answered"),
          n(t(lang, "不通过", "Failed"), "failed"), _c(t(lang, "不通过率", "Rate"), "rate", pct)]),
        (t(lang, "场景得分", "Scores by scenario"), rep.scenarios,
         [_c(t(lang, "场景", "Scenario"), "scenario"), n(t(lang, "暗访次数", "Visits"), "n"),
          _c(t(lang, "平均分", "Mean"), "mean", fmt_score)]),
        (t(lang, "等候时长（分钟）", "Waiting time (minutes)"), [rep.waiting],
         [n(t(lang, "次数", "Visits"), "n"), _c(t(lang, "平均", "Mean"), "mean", _minutes),
          _c(t(lang, "中位数", "Median"), "median", _minutes),
          _c(t(lang, "90 分位", "90th pct"), "p90", _minutes),
          _c(t(lang, "最长", "Max"), "max", _minutes),
          Column(t(lang, "分段", "Bands"), _bands, _bands)]),
        (t(lang, "红线（一票否决）", "Red-line failures"), rep.red_lines,
         [_c(t(lang, "网点", "Outlet"), "outlet"), _c(t(lang, "编号", "Visit"), "visit"),
          _c(t(lang, "日期", "Date"), "date"),
          Column(t(lang, "检查项", "Items"), lambda r: ", ".join(r["items"]),
                 lambda r: " ".join(r["items"]))]),
        (t(lang, "申诉（复核）", "Appeals"), [rep.appeals],
         [n(t(lang, "提出", "Filed"), "filed"), n(t(lang, "维持", "Upheld"), "upheld"),
          n(t(lang, "驳回", "Rejected"), "rejected"), n(t(lang, "未决", "Open"), "open"),
          n(t(lang, "改变得分", "Scores changed"), "scores_changed"),
          _c(t(lang, "占结果比例", "Share of results"), "changed_share", _share)]),
        (t(lang, "暗访员宽严（与同单位其他暗访员的平均差）",
           "Shopper leniency (mean difference from the other shoppers under the same unit)"),
         rep.shoppers, [_c(t(lang, "暗访员", "Shopper"), "shopper"),
                        n(t(lang, "可比次数", "Comparable"), "n"),
                        _c(t(lang, "平均差", "Difference"), "difference", signed),
                        Column(t(lang, "标记", "Flag"),
                               lambda r: t(lang, "偏差大", "FAR OFF") if r["flag"] else "",
                               lambda r: r["flag"])]),
    ]


def _minutes(value: float) -> str:
    return f"{value:.1f}"


def _share(value: float) -> str:
    return f"{value:.1%}"


def _bands(row: dict[str, Any]) -> str:
    return " ".join(f"{band}:{count}" for band, count in row.get("bands", {}).items())


def render(rep: Report, fmt: str, lang: str) -> str:
    """The report in ``fmt``."""
    title = t(lang, f"神秘人暗访报告 · {rep.wave}", f"Mystery-shopper report · {rep.wave}")
    if fmt == "json":
        return json.dumps(asdict(rep), ensure_ascii=False, indent=1, default=str) + "\n"
    parts = sections(rep, lang)
    if fmt == "html":
        body = [f"<h1>{_esc(title)}</h1>", *[f"<p><strong>{_esc(w)}</strong></p>"
                                               for w in rep.warnings]]
        for heading, rows, columns in parts:
            body += [f"<h2>{_esc(heading)}</h2>", *html_table(rows, columns)]
        return page(title, body, lang)
    lines = [f"# {title}" if fmt == "md" else title, ""]
    from branchcheck.core.textsafe import md

    lines += [t(lang, "警告：", "Warning: ") + (md(w) if fmt == "md" else w)
              for w in rep.warnings]
    for heading, rows, columns in parts:
        lines += ["", *(md_table(rows, columns, heading) if fmt == "md"
                        else text_table(rows, columns, heading))]
    return "\n".join(lines) + "\n"


def _esc(text: str) -> str:
    from branchcheck.core.textsafe import html

    return html(text)
