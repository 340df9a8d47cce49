"""Network views as text, Markdown, CSV, JSON and HTML.

A view is a list of row dicts; a :class:`Column` says how one column is shown.
Every cell goes through the shared safety rules (``textsafe`` for terminal,
Markdown and HTML; ``csvsafe`` for spreadsheets).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.core.textsafe import NOBREAK_CSS
from branchcheck.network.columns import Column
from branchcheck.terminal.output import fmt_score, pad, width

FORMATS = ("text", "md", "csv", "json", "html")


def pct(value: float | None) -> str:
    """``87%`` (or an em dash)."""
    return "—" if value is None else f"{100 * value:.0f}%"


def signed(value: float | None) -> str:
    """``+2.5`` / ``-1.0`` (or an em dash)."""
    return "—" if value is None else f"{value:+.1f}"


_KINDS = {"outlet": ("网点", "outlet"), "sub-branch": ("支行", "sub-branch"),
          "branch": ("分行", "branch"), "head-office": ("总行", "head office"),
          "region": ("区域", "region")}


def kind_word(kind: str, lang: str) -> str:
    """A unit kind (or depth) as people say it: ``sub-branch`` -> 支行; another kind
    as the directory spells it; a depth as 第 N 层 / depth N."""
    if kind.isdigit():
        return t(lang, f"第 {kind} 层", f"depth {kind}")
    zh, en = _KINDS.get(kind, (kind, kind))
    return t(lang, zh, en)


def _col(header: str, key: str, kind: str = "text") -> Column:
    shows: dict[str, Callable[[Any], str]] = {
        "text": lambda v: "" if v is None else str(v), "score": fmt_score, "pct": pct,
        "signed": signed, "int": lambda v: "" if v is None else str(v)}
    show = shows[kind]
    return Column(header, lambda r: show(r.get(key)), lambda r: r.get(key), kind != "text")


def league_columns(lang: str) -> list[Column]:
    """Columns of ``network league``: red lines first, then the period score."""
    def flags(r: dict[str, Any]) -> list[tuple[str, str]]:
        out = []
        if r.get("low_completion"):
            out.append(("low_completion", t(lang, "完成率不足", "low completion")))
        if r.get("small_n"):
            out.append(("small_n", t(lang, "检查次数少", "few checks")))
        return out

    def grades(r: dict[str, Any]) -> str:
        return " ".join(f"{g}:{n}" for g, n in r["grades"].items())

    return [
        _col("#", "rank", "int"), _col(t(lang, "单位", "Unit"), "unit"),
        _col(t(lang, "名称", "Name"), "name"),
        _col(t(lang, "红线", "Red lines"), "red_lines", "int"),
        Column(t(lang, "本期评级", "Period grade"), lambda r: r.get("period_grade") or "",
               lambda r: r.get("period_grade") or ""),
        _col(t(lang, "本期得分", "Period score"), "score", "score"),
        _col(t(lang, "较上期", "Change"), "change", "signed"),
        _col(t(lang, "已检平均分", "Mean of checks done"), "mean_done", "score"),
        _col(t(lang, "检查次数", "Checks"), "n", "int"),
        Column(t(lang, "已检/应检", "Done/expected"),
               lambda r: f"{r['done']}/{r['expected']}" if r["expected"] else "—",
               lambda r: r["done"] if r["expected"] else None, True),
        _col(t(lang, "漏检", "Missed"), "missed", "int"),
        _col(t(lang, "完成率", "Completion"), "completion", "pct"),
        *_action_columns(lang),
        Column(t(lang, "等级分布", "Grades"), grades, grades),
        Column(t(lang, "备注", "Flag"), lambda r: "，".join(f for _, f in flags(r))
               if lang == "zh" else ", ".join(f for _, f in flags(r)),
               lambda r: " ".join(k for k, _ in flags(r))),
    ]


def _action_columns(lang: str) -> list[Column]:
    from branchcheck.network.tables_actions import league_action_columns

    return league_action_columns(lang)


def missing_columns(lang: str, limit: int = 6) -> list[Column]:
    """Columns of ``network missing``."""
    def slots(r: dict[str, Any]) -> str:
        shown = r["slots"][:limit]
        more = len(r["slots"]) - len(shown)
        return ", ".join(shown) + (t(lang, f" 等 {more} 项", f" +{more} more") if more else "")

    return [
        _col(t(lang, "单位", "Unit"), "unit"), _col(t(lang, "名称", "Name"), "name"),
        _col(t(lang, "检查表", "Checklist"), "checklist"),
        _col(t(lang, "应检", "Expected"), "expected", "int"),
        _col(t(lang, "已检", "Done"), "done", "int"),
        _col(t(lang, "其中补录", "of which late"), "late", "int"),
        _col(t(lang, "漏检", "Missed"), "missed", "int"),
        _col(t(lang, "完成率", "Completion"), "completion", "pct"),
        Column(t(lang, "漏检明细", "Missed checks"), slots, lambda r: " ".join(r["slots"])),
    ]


def points(change: float | None, lang: str) -> str:
    """A change of rate in percentage points: ``+5 个百分点`` / ``+5 pt`` (``0`` not ``-0``)."""
    if change is None:
        return "—"
    value = round(100 * change)
    text = f"{value:+d}" if value else "0"
    return t(lang, f"{text} 个百分点", f"{text} pt")


def items_columns(lang: str, failing: float = 0.2, systemic: float = 0.3) -> list[Column]:
    """Columns of ``network items`` (``failing`` and ``systemic``: the thresholds, named
    in the headers)."""
    def worst(r: dict[str, Any]) -> str:
        return ", ".join(f"{w['unit']} {pct(w['rate'])}" for w in r["worst"])

    return [
        _col(t(lang, "检查表", "Checklist"), "checklist"), _col(t(lang, "项目", "Item"), "item"),
        _col(t(lang, "内容", "Text"), "text"),
        _col(t(lang, "不通过率", "Fail rate"), "rate", "pct"),
        Column(t(lang, f"不合格网点（本网点不通过率≥{failing:.0%}）",
                 f"Outlets failing (own rate >= {failing:.0%})"),
               lambda r: f"{r['outlets_failing']}/{r['outlets']}",
               lambda r: r["outlets_failing"], True),
        Column(t(lang, "较上期", "Change"), lambda r: points(r["change"], lang),
               lambda r: r["change"], True),
        Column(t(lang, "最差单位", "Worst units"), worst, worst),
        Column(t(lang, f"共性问题（≥{systemic:.0%} 网点）", f"Common problem (>= {systemic:.0%})"),
               lambda r: t(lang, "是", "yes") if r["systemic"] else "",
               lambda r: r["systemic"]),
    ]


def trend_columns(lang: str) -> list[Column]:
    """Columns of ``network trend``."""
    return [_col(t(lang, "单位", "Unit"), "unit"), _col(t(lang, "名称", "Name"), "name"),
            _col(t(lang, "期间", "Period"), "period"),
            _col(t(lang, "检查次数", "Checks"), "n", "int"),
            _col(t(lang, "平均分", "Mean"), "mean", "score")]


def plain_columns(names: Sequence[str]) -> list[Column]:
    """Columns of an ``sql`` answer (values shown as they are)."""
    def show(v: Any) -> str:
        return "NULL" if v is None else str(v)

    def column(name: str) -> Column:
        return Column(name, lambda r: show(r[name]), lambda r: _plain(r[name]))

    return [column(n) for n in names]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def render(rows: list[dict[str, Any]], columns: Sequence[Column], fmt: str, *,
           title: str = "", lang: str = "en") -> str:
    """The view in ``fmt`` (text, md, csv, json or html) as one string."""
    if fmt == "json":
        # One row per line: readable, and written by json's C encoder (``indent``
        # falls back to pure Python: slow at thousands of rows of missed slots).
        lines = ["  " + json.dumps(r, ensure_ascii=False, default=str) for r in rows]
        return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
    if fmt == "csv":
        from branchcheck.core.csvsafe import to_csv

        return to_csv([c.header for c in columns],
                      ([c.raw(r) for c in columns] for r in rows)).decode("utf-8")
    if fmt == "md":
        return "\n".join(md_table(rows, columns, title)) + "\n"
    if fmt == "html":
        return page(title, [f"<h1>{_h(title)}</h1>", *html_table(rows, columns)], lang)
    return "\n".join(text_table(rows, columns, title)) + "\n"


def text_table(rows: list[dict[str, Any]], columns: Sequence[Column],
               title: str = "") -> Iterator[str]:
    """Aligned plain-text lines (terminal controls neutralised, CJK widths respected),
    made a column at a time: a column of printable ASCII (the common case) is measured
    and padded without a look at each character."""
    from branchcheck.core.textsafe import oneline, term

    padded: list[list[str]] = []
    widths: list[int] = []
    for c in columns:
        head = term(c.header)
        texts = [c.show(r) for r in rows]
        joined = "".join(texts)
        if not joined.isprintable():  # a line break, control or bidi character somewhere
            texts = [term(oneline(x)) for x in texts]
            joined = "".join(texts)
        if joined.isascii():
            w = max([width(head), *map(len, texts)])
            cells = [x.rjust(w) for x in texts] if c.right else [x.ljust(w) for x in texts]
        else:
            sizes = [width(x) for x in texts]
            w = max([width(head), *sizes])
            cells = [(" " * (w - n) + x) if c.right else (x + " " * (w - n))
                     for x, n in zip(texts, sizes, strict=True)]
        widths.append(w)
        padded.append([pad(head, w, right=c.right), *cells])
    if title:
        yield term(title)
    lines = iter(zip(*padded, strict=True)) if padded else iter(())
    head_line = next(lines, None)
    if head_line is not None:
        yield "  ".join(head_line).rstrip()
    yield "  ".join("-" * w for w in widths)
    for line in lines:
        yield "  ".join(line).rstrip()


def md_table(rows: list[dict[str, Any]], columns: Sequence[Column],
             title: str = "") -> Iterator[str]:
    """A Markdown table (every cell escaped)."""
    from branchcheck.core.textsafe import md

    if title:
        yield f"## {md(title)}"
        yield ""
    yield "| " + " | ".join(md(c.header) for c in columns) + " |"
    yield "|" + "|".join("---:" if c.right else "---" for c in columns) + "|"
    for r in rows:
        yield "| " + " | ".join(md(c.show(r)) for c in columns) + " |"


def _h(text: str) -> str:
    from branchcheck.core.textsafe import html

    return html(text)


def _cell(text: str) -> str:
    """A table cell's text for HTML: escaped, ids never broken across lines."""
    from branchcheck.core.textsafe import html_ids

    return html_ids(text)


_NUM = ' class="num"'


def html_table(rows: list[dict[str, Any]], columns: Sequence[Column]) -> list[str]:
    """An HTML table (every cell escaped)."""
    out = ["<table><thead><tr>" + "".join(
        f"<th{_NUM if c.right else ''}>{_h(c.header)}</th>" for c in columns)
        + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(
            f"<td{_NUM if c.right else ''}>{_cell(c.show(r))}</td>" for c in columns)
            + "</tr>")
    out.append("</tbody></table>")
    return out


_CSS = """\
@page { size: A4 landscape; margin: 12mm; }
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #222;
  margin: 0 auto; padding: 16px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 3px 6px; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; } .num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #666; }
@media print { tr { break-inside: avoid; } h2 { break-after: avoid; } }
""" + NOBREAK_CSS + "\n"
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def page(title: str, body: Sequence[str], lang: str) -> str:
    """A self-contained HTML document: inline CSS, no scripts, no remote assets."""
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{_h(title)}</title>", f"<style>\n{_CSS}</style>", "</head>", "<body>",
        *body, "</body>", "</html>", ""])
