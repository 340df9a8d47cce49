"""Importance-performance analysis reports: a text scatter, Markdown and JSON (HTML
with an SVG scatter: :mod:`branchcheck.training.ipa_html`; the conclusion:
:mod:`branchcheck.training.ipa_conclusion`)."""

from __future__ import annotations

import json
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.core.model import localise
from branchcheck.terminal.output import width
from branchcheck.training.ipa import Analysis, Quadrant
from branchcheck.training.ipa_conclusion import conclusion
from branchcheck.training.ipa_words import (
    Meta,
    imp,
    num,
    point_label,
    quadrant_meaning,
    quadrant_name,
)

FORMATS = ("text", "md", "json", "html")

# ---------------------------------------------------------------- text scatter


def _span(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.05, 0.5)
    return lo - pad, hi + pad


def frame(a: Analysis) -> tuple[tuple[float, float], tuple[float, float]]:
    """The plotted ranges of performance (x) and importance (y), crosshair included."""
    xs = [p.point.performance for p in a.points] + [a.performance_cut]
    ys = [p.point.importance for p in a.points] + [a.importance_cut]
    return _span(xs), _span(ys)


SCREEN = 80
"""Terminal width the text scatter fits in."""


def scatter(a: Analysis, lang: str, cols: int = 61, rows: int = 19) -> list[str]:
    """The four quadrants as a character scatter (x: performance, y: importance),
    at most :data:`SCREEN` columns wide (narrower when the axis labels are long)."""
    (x0, x1), (y0, y1) = frame(a)

    def row(y: float) -> int:
        return round((y1 - y) / (y1 - y0) * (rows - 1))

    cr = row(a.importance_cut)
    # axis labels at the data's own extremes and the crosshair, never at the padded frame
    # (which would read "#0.5" for ranks, or "101" past a 0-100 scale)
    lo_i, hi_i = min(p.point.importance for p in a.points), max(
        p.point.importance for p in a.points)
    ylab = {row(hi_i): imp(a, hi_i), row(lo_i): imp(a, lo_i), cr: imp(a, a.importance_cut)}
    margin = max(width(v) for v in ylab.values())
    # margin, " ┤", the plot, and up to 8 columns of the last x label past it
    cols = max(24, min(cols, SCREEN - margin - 2 - 8))

    def col(x: float) -> int:
        return round((x - x0) / (x1 - x0) * (cols - 1))

    grid = [[" "] * cols for _ in range(rows)]
    cc = col(a.performance_cut)
    for r in range(rows):
        grid[r][cc] = "│"
    for c in range(cols):
        grid[cr][c] = "┼" if c == cc else "─"
    taken = [[False] * cols for _ in range(rows)]

    def put(r: int, c: int, text: str) -> bool:
        cells: list[str] = []
        for ch in text:
            cells += [ch] + ([""] if width(ch) == 2 else [])
        lo, hi = max(c - 1, 0), min(c + len(cells) + 1, cols)
        if c < 0 or c + len(cells) > cols or any(taken[r][k] for k in range(lo, hi)):
            return False
        for k, cell in enumerate(cells):
            grid[r][c + k] = cell
            taken[r][c + k] = True
        return True

    put(0, 0, quadrant_name("concentrate", lang))
    name = quadrant_name("keep-up", lang)
    put(0, cols - width(name), name)
    put(rows - 1, 0, quadrant_name("low-priority", lang))
    name = quadrant_name("overkill", lang)
    put(rows - 1, cols - width(name), name)
    hidden: list[str] = []
    for p in a.points:
        r, c = row(p.point.importance), col(p.point.performance)
        label = str(p.number)
        for dr, dc in ((0, 0), (0, 1), (0, -len(label)), (0, 2), (-1, 0), (1, 0), (0, -3)):
            if 0 <= r + dr < rows and put(r + dr, c + dc, label):
                break
        else:
            hidden.append(label)
    out = [t(lang, "重要性", "importance")]
    for r in range(rows):
        out.append(f"{ylab.get(r, ''):>{margin}} ┤" if r in ylab else " " * margin + " │")
        out[-1] += "".join(grid[r]).rstrip()
    out.append(" " * margin + " └" + "─" * cols)
    axis = [" "] * (cols + 8)
    lo_p, hi_p = min(p.point.performance for p in a.points), max(
        p.point.performance for p in a.points)
    for c, text in ((cc, num(a.performance_cut)), (col(lo_p), num(lo_p)), (col(hi_p), num(hi_p))):
        start = max(0, min(c - len(text) // 2, cols + 8 - len(text)))
        if start + len(text) <= len(axis) and all(axis[start + k] == " " for k in range(len(text))):
            axis[start:start + len(text)] = list(text)
    out.append(" " * (margin + 2) + "".join(axis).rstrip())
    label = t(lang, "表现 →", "performance →")
    out.append(" " * (margin + 2 + cols - width(label)) + label)
    if hidden:  # too crowded to label: say so rather than drop them silently
        out += wrap(t(lang, f"（与其他点重叠、未标出：{'、'.join(hidden)}，见下方列表）",
                      f"(overlapping, not labelled: {', '.join(hidden)}; see the lists "
                      "below)"), SCREEN - 2)
    return out


def wrap(text: str, limit: int) -> list[str]:
    """``text`` cut into lines of at most ``limit`` terminal columns, after a space,
    comma or ideographic comma where possible."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if width(line + ch) > limit:
            cut = max(line.rfind(" "), line.rfind("、"), line.rfind("，")) + 1
            if cut <= 0:
                cut = len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:]
        line += ch
    return [*lines, line] if line else lines


# ---------------------------------------------------------------- text and Markdown


def header(a: Analysis, meta: Meta, lang: str) -> list[str]:
    how = {"mean": t(lang, "均值", "means"), "median": t(lang, "中位数", "medians"),
           "scale-mid": t(lang, "量程中点", "scale midpoints")}[a.crosshair]
    return [
        t(lang, f"重要性-表现分析：{meta.title}", f"Importance-performance analysis: {meta.title}"),
        t(lang, f"数据：{meta.source}；{len(a.points)} 项", f"Data: {meta.source}; "
          f"{len(a.points)} points"),
        t(lang, f"分界线（{how}）：重要性 {imp(a, a.importance_cut)}，表现 {num(a.performance_cut)}"
          "（等于分界值算作高）",
          f"Crosshair ({how}): importance {imp(a, a.importance_cut)}, performance "
          f"{num(a.performance_cut)} (a figure equal to it counts as high)") if not a.ordinal
        else t(lang, f"分界线：重要性为排名，以中位排名 {imp(a, a.importance_cut)} 为界（恰在中位的"
                     f"单独列为“在分界线上”）；表现以{how} {num(a.performance_cut)} 为界",
               f"Crosshair: importance is a rank, split at the median rank "
               f"{imp(a, a.importance_cut)} (a rank on it is listed apart, \"on the line\"); "
               f"performance at the {how} {num(a.performance_cut)}"),
        t(lang, "每个象限内的顺序：重要性从高到低，同等重要时表现低者在前。",
          "Order within a quadrant: importance descending, then performance ascending."),
        *([t(lang, f"因素表现：{meta.factor_data}", f"Factor performance: {meta.factor_data}")]
          if meta.factor_data else []),
    ]


def quadrant_rows(a: Analysis, q: Quadrant, lang: str) -> list[list[str]]:
    return [[str(p.number), p.point.id, point_label(p, lang), imp(a, p.point.importance),
             num(p.point.performance)] for p in a.quadrant(q)]


def table_headers(lang: str) -> list[str]:
    return ["#", "id", t(lang, "内容", "item"), t(lang, "重要性", "importance"),
            t(lang, "表现", "performance")]


def missing_lines(a: Analysis, lang: str) -> list[str]:
    out = []
    for m in a.missing:
        why = (t(lang, "无重要性数据", "no importance figure") if m.reason == "no-importance"
               else t(lang, "无表现数据", "no performance figure"))
        fig = m.performance if m.performance is not None else m.importance
        shown = (f", #{m.rank}" if m.rank is not None and m.performance is None
                 else f", {num(fig)}" if fig is not None else "")
        out.append(f"{m.id} ({localise(m.text, lang)}{shown}): {why}")
    return out


def text(a: Analysis, meta: Meta, lang: str) -> str:
    """Header, scatter, quadrant lists, left-out items and the conclusion."""
    from branchcheck.render.text import table

    out = [*header(a, meta, lang), "", *scatter(a, lang)]
    for q in a.used():
        out += ["", f"{quadrant_name(q, lang)} ({quadrant_meaning(q, lang)})"]
        rows = quadrant_rows(a, q, lang)
        out += table(table_headers(lang), rows, right=(0, 3, 4)) if rows else [
            t(lang, "  （无）", "  (none)")]
    if a.missing:
        out += ["", t(lang, "未参与分析：", "Not plotted:")]
        out += [f"- {line}" for line in missing_lines(a, lang)]
    out += ["", t(lang, "结论", "Conclusion"), conclusion(a, lang, meta.factors, meta.factor_tag)]
    return "\n".join(out) + "\n"


def markdown(a: Analysis, meta: Meta, lang: str) -> str:
    """The report in Markdown (the scatter in a code block)."""
    from branchcheck.core.textsafe import md as md_cell

    head = header(a, meta, lang)
    out = [f"# {md_cell(head[0])}", "", *(md_cell(h) + "  " for h in head[1:]), "",
           f"## {t(lang, '结论', 'Conclusion')}", "",
           md_cell(conclusion(a, lang, meta.factors, meta.factor_tag)), "",
           "```", *scatter(a, lang), "```"]
    for q in a.used():
        out += ["", f"## {quadrant_name(q, lang)}", "", md_cell(quadrant_meaning(q, lang)), ""]
        rows = quadrant_rows(a, q, lang)
        if rows:
            out += ["| " + " | ".join(table_headers(lang)) + " |", "|" + "---|" * 5]
            out += ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows]
        else:
            out.append(t(lang, "（无）", "(none)"))
    if a.missing:
        out += ["", f"## {t(lang, '未参与分析', 'Not plotted')}", ""]
        out += [f"- {md_cell(line)}" for line in missing_lines(a, lang)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- JSON


def _crosshair(a: Analysis) -> dict[str, Any]:
    """The crosshair; a rank crosshair is the median rank (``importance`` is then null)."""
    return {"method": a.crosshair, "importance": None if a.ordinal else a.importance_cut,
            "importance_median_rank": -a.importance_cut if a.ordinal else None,
            "performance": a.performance_cut, "importance_range": a.importance_range,
            "performance_range": a.performance_range,
            "importance_is_rank": a.ordinal,
            "order": "importance descending, then performance ascending"}


def as_dict(a: Analysis, meta: Meta, lang: str) -> dict[str, Any]:
    """The analysis as plain data; ``factors`` is the section-level crosshair and
    quadrants next to an item-level analysis (else null)."""
    f = meta.factors
    return {
        "title": meta.title, "source": meta.source, "level": meta.level,
        "crosshair": _crosshair(a),
        "points": [{"number": p.number, "id": p.point.id, "text": point_label(p, lang),
                    "section": p.point.group,
                    "importance": None if p.point.rank is not None else p.point.importance,
                    "rank": p.point.rank,
                    "performance": p.point.performance, "quadrant": p.quadrant}
                   for p in a.points],
        "quadrants": {q: [p.point.id for p in a.quadrant(q)] for q in a.used()},
        "missing": [{"id": m.id, "text": localise(m.text, lang), "section": m.group,
                     "reason": m.reason,
                     "importance": None if m.rank is not None else m.importance,
                     "rank": m.rank,
                     "performance": m.performance}
                    for m in a.missing],
        "factors": None if f is None else {
            "crosshair": _crosshair(f),
            "quadrants": {q: [p.point.id for p in f.quadrant(q)] for q in f.used()}},
        "conclusion": conclusion(a, lang, f, meta.factor_tag),
    }


def as_json(a: Analysis, meta: Meta, lang: str) -> str:
    """The analysis as JSON."""
    return json.dumps(as_dict(a, meta, lang), ensure_ascii=False, indent=2)
