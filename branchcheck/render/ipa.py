"""Importance-performance analysis reports: a text scatter, Markdown, JSON and HTML (SVG)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from branchcheck.i18n import t
from branchcheck.ipa import QUADRANTS, Analysis, Placed, Quadrant
from branchcheck.model import localise
from branchcheck.output import width
from branchcheck.textsafe import html as escape

FORMATS = ("text", "md", "json", "html")
K = TypeVar("K")

_NAMES: dict[Quadrant, tuple[str, str, str, str]] = {
    # zh, en, zh meaning, en meaning
    "concentrate": ("重点改进", "Concentrate here", "重要性高、表现低：优先改进",
                    "high importance, low performance: improve first"),
    "keep-up": ("继续保持", "Keep up the good work", "重要性高、表现高",
                "high importance, high performance"),
    "low-priority": ("次要改进", "Low priority", "重要性低、表现低：资源允许时改进",
                     "low importance, low performance: improve when resources allow"),
    "overkill": ("可能过度投入", "Possible overkill", "重要性低、表现高：可调出资源",
                 "low importance, high performance: resources could go elsewhere"),
    "on-the-line": ("在分界线上", "On the line", "重要性排名恰为中位数：不归入任何象限，单独判断",
                    "importance rank exactly at the median: in no quadrant, judge it apart"),
}


@dataclass(frozen=True)
class Meta:
    """What was analysed, for the report header; ``factors`` is the section-level
    analysis shown next to an item-level one (None if the sections carry no figures)."""

    title: str
    source: str
    level: str
    factors: Analysis | None = None


def quadrant_name(q: Quadrant, lang: str) -> str:
    """Display name of a quadrant."""
    return t(lang, _NAMES[q][0], _NAMES[q][1])


def quadrant_meaning(q: Quadrant, lang: str) -> str:
    """What a quadrant means."""
    return t(lang, _NAMES[q][2], _NAMES[q][3])


def num(x: float) -> str:
    """A figure for display: whole numbers without decimals, else one decimal; beyond
    a million, four significant digits (``1.235e+07``), so labels fit the plot."""
    if abs(x) >= 1e7:
        return f"{x:.4g}"
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def imp(a: Analysis, x: float) -> str:
    """An importance figure, or a rank (``#2``) when importance is given as a rank."""
    if a.ordinal:
        return f"#{num(-x)}"
    return num(x)


def _label(p: Placed, lang: str) -> str:
    return localise(p.point.text, lang) or p.point.id


_CUT = frozenset(":：“”\"'‘’(（)）-—,，")


def _common(texts: list[str]) -> str:
    first = texts[0]
    n = 0
    while n < len(first) and all(len(x) > n and x[n] == first[n] for x in texts):
        n += 1
    return first[:n]


def trim_shared(full: dict[K, str]) -> dict[K, str]:
    """Labels without the wording all of them share (``Respondents satisfied with:
    system stability`` -> ``system stability``), cut only at punctuation (a shared
    ``a company`` stays: it is part of the wording, not a heading);
    unchanged for fewer than three labels or if a label would become empty."""
    texts = list(full.values())
    if len(texts) < 3:
        return dict(full)
    prefix = _common(texts)
    while prefix and prefix[-1] not in _CUT:
        prefix = prefix[:-1]
    suffix = _common([x[::-1] for x in texts])[::-1]
    while suffix and suffix[0] not in _CUT:
        suffix = suffix[1:]
    short = {n: x[len(prefix):len(x) - len(suffix)].strip() for n, x in full.items()}
    return dict(full) if any(not v for v in short.values()) else short


def short_labels(a: Analysis, lang: str) -> dict[int, str]:
    """The points' labels by number, without the wording every label shares."""
    return trim_shared({p.number: _label(p, lang) for p in a.points})


# ---------------------------------------------------------------- conclusion


def _how(method: str, lang: str) -> str:
    return {"mean": t(lang, "均值", "mean"), "median": t(lang, "中位数", "median"),
            "scale-mid": t(lang, "量程中点", "scale midpoint")}[method]


def _by_factor(a: Analysis, names: dict[int, str], lang: str) -> str:
    """The "concentrate here" items grouped by their section, in priority order."""
    if len({p.point.group for p in a.points}) < 2:  # one section: nothing to group
        return ""
    groups: dict[str, tuple[str, list[str]]] = {}
    for p in a.quadrant("concentrate"):
        if p.point.group is None:
            return ""
        title = localise(p.point.group_text, lang) or p.point.group
        groups.setdefault(p.point.group, (title, []))[1].append(names[p.number])
    if not groups:
        return ""
    zh = "；".join(f"{title}（{'、'.join(items)}）" for title, items in groups.values())
    en = "; ".join(f"{title} ({', '.join(items)})" for title, items in groups.values())
    return t(lang, f"按因素：{zh}。", f"By factor: {en}.")


def _factor_level(f: Analysis, lang: str) -> str:
    """One sentence on the section-level analysis."""
    first = f.quadrant("concentrate")
    how = _how(f.crosshair, lang)
    if not first:
        return t(lang, f"从因素层面看，没有重要性高而表现低的因素（以{how}为分界）。",
                 f"At the factor level, no factor combines high importance with low "
                 f"performance (split at the {how}).")
    listed = [f"{_label(p, lang)} ({imp(f, p.point.importance)}/{num(p.point.performance)})"
              for p in first]
    ci, cp = imp(f, f.importance_cut), num(f.performance_cut)
    if f.ordinal:
        line = [f"{_label(p, lang)} ({imp(f, p.point.importance)})"
                for p in f.quadrant("on-the-line")]
        return t(lang,
                 f"从因素层面看（重要性为排名，以中位排名 {ci} 为界），应优先改进的因素是"
                 f"{'、'.join(listed)}：排名在中位之前，表现低于{how} {cp}。"
                 + (f"排名恰为中位数的{'、'.join(line)}不归入象限。" if line else ""),
                 f"At the factor level (importance is a rank, split at the median rank "
                 f"{ci}), the factor{'s' if len(first) > 1 else ''} to improve first: "
                 f"{'; '.join(listed)}, ranked above the median with performance below the "
                 f"{how} of {cp}."
                 + (f" {'; '.join(line)} sit{'s' if len(line) == 1 else ''} on the median "
                    "rank and in no quadrant." if line else ""))
    return t(lang,
             f"从因素层面看，应优先改进的因素是{'、'.join(listed)}：重要性不低于{how} {ci}，"
             f"表现低于{how} {cp}。",
             f"At the factor level, the factor{'s' if len(first) > 1 else ''} to improve "
             f"first: {'; '.join(listed)}, with importance at or above the {how} of {ci} "
             f"and performance below the {how} of {cp}.")


def _missing_note(a: Analysis, lang: str) -> str:
    """How many were not analysed, and which unplotted items still perform poorly."""
    n = len(a.missing)
    out = t(lang, f"另有 {n} 项缺少数据，未参与分析。",
            f"{n} item(s) lack a figure and are not analysed.")
    low = sorted((m for m in a.missing if m.reason == "no-importance"
                  and m.performance is not None and m.performance < a.performance_cut),
                 key=lambda m: (m.performance, m.id))
    if not low:
        return out
    names = trim_shared({m.id: localise(m.text, lang) or m.id for m in a.missing})
    listed = [f"{names[m.id]} ({num(m.performance)})" for m in low
              if m.performance is not None]
    cp, how = num(a.performance_cut), _how(a.crosshair, lang)
    return out + t(
        lang,
        f"其中{'；'.join(listed)}的表现低于{how} {cp}，但缺少重要性数据、无法定位："
        "值得进一步了解其重要性。",
        f" Of these, {'; '.join(listed)} perform below the {how} of {cp} but have no "
        "importance figure to place them: worth finding out how much they matter.")


def conclusion(a: Analysis, lang: str, factors: Analysis | None = None) -> str:
    """A short paragraph answering "what to improve first, and why", from the data;
    with ``factors`` (the section-level analysis) also which factor comes first."""
    ci, cp = imp(a, a.importance_cut), num(a.performance_cut)
    how = _how(a.crosshair, lang)

    names = short_labels(a, lang)

    def items(q: Quadrant) -> list[str]:
        return [f"{names[p.number]} ({imp(a, p.point.importance)}/{num(p.point.performance)})"
                for p in a.quadrant(q)]

    first, keep, low, over = (items(q) for q in QUADRANTS[:4])
    sep = t(lang, "；", "; ")
    parts: list[str] = []
    if first:
        top = a.quadrant("concentrate")[0]
        parts.append(t(
            lang,
            f"应优先改进（括号内为重要性/表现，按重要性从高到低、同等重要时表现低者在前）："
            f"{sep.join(first)}。这些方面的重要性不低于{how} {ci}，表现却低于{how} {cp}："
            f"客户最看重、又最不满意。其中“{names[top.number]}”最重要，应最先着手。",
            f"Improve first (importance/performance; most important first, the less "
            f"satisfied first among equals): {sep.join(first)}. Their importance is "
            f"at or above the {how} of {ci} but their performance is below the {how} of {cp}: "
            "customers value them most and are least satisfied with them. Start with "
            f"\"{names[top.number]}\", the most important of them."))
        grouped = _by_factor(a, names, lang)
        if grouped:
            parts.append(grouped)
    else:
        parts.append(t(lang, f"没有重要性高而表现低的方面（以{how}为分界）。",
                       f"No item combines high importance with low performance (split at the "
                       f"{how})."))
    if factors is not None:
        parts.append(_factor_level(factors, lang))
    if keep:
        parts.append(t(lang, f"继续保持：{sep.join(keep)}。", f"Keep up: {sep.join(keep)}."))
    if over:
        parts.append(t(lang, f"可能投入过度、可调出资源：{sep.join(over)}。",
                       f"Possible overkill, where resources could be freed: {sep.join(over)}."))
    if low:
        parts.append(t(lang, f"次要改进（资源允许时）：{sep.join(low)}。",
                       f"Low priority (when resources allow): {sep.join(low)}."))
    if a.missing:
        parts.append(_missing_note(a, lang))
    return " ".join(parts) if lang != "zh" else "".join(parts)


# ---------------------------------------------------------------- text scatter


def _span(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.05, 0.5)
    return lo - pad, hi + pad


def _frame(a: Analysis) -> tuple[tuple[float, float], tuple[float, float]]:
    """The plotted ranges of performance (x) and importance (y), crosshair included."""
    xs = [p.point.performance for p in a.points] + [a.performance_cut]
    ys = [p.point.importance for p in a.points] + [a.importance_cut]
    return _span(xs), _span(ys)


SCREEN = 80
"""Terminal width the text scatter fits in."""


def scatter(a: Analysis, lang: str, cols: int = 61, rows: int = 19) -> list[str]:
    """The four quadrants as a character scatter (x: performance, y: importance),
    at most :data:`SCREEN` columns wide (narrower when the axis labels are long)."""
    (x0, x1), (y0, y1) = _frame(a)

    def row(y: float) -> int:
        return round((y1 - y) / (y1 - y0) * (rows - 1))

    cr = row(a.importance_cut)
    ylab = {0: imp(a, y1), cr: imp(a, a.importance_cut), rows - 1: imp(a, y0)}
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
    for c, text in ((0, num(x0)), (cc, num(a.performance_cut)), (cols - 1, num(x1))):
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


def _header(a: Analysis, meta: Meta, lang: str) -> list[str]:
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
    ]


def _rows(a: Analysis, q: Quadrant, lang: str) -> list[list[str]]:
    return [[str(p.number), p.point.id, _label(p, lang), imp(a, p.point.importance),
             num(p.point.performance)] for p in a.quadrant(q)]


def _headers(lang: str) -> list[str]:
    return ["#", "id", t(lang, "内容", "item"), t(lang, "重要性", "importance"),
            t(lang, "表现", "performance")]


def _missing_lines(a: Analysis, lang: str) -> list[str]:
    out = []
    for m in a.missing:
        why = (t(lang, "无重要性数据", "no importance figure") if m.reason == "no-importance"
               else t(lang, "无表现数据", "no performance figure"))
        fig = m.performance if m.performance is not None else m.importance
        shown = f", {num(fig)}" if fig is not None else ""
        out.append(f"{m.id} ({localise(m.text, lang)}{shown}): {why}")
    return out


def text(a: Analysis, meta: Meta, lang: str) -> str:
    """Header, scatter, quadrant lists, left-out items and the conclusion."""
    from branchcheck.render.text import table

    out = [*_header(a, meta, lang), "", *scatter(a, lang)]
    for q in a.used():
        out += ["", f"{quadrant_name(q, lang)} ({quadrant_meaning(q, lang)})"]
        rows = _rows(a, q, lang)
        out += table(_headers(lang), rows, right=(0, 3, 4)) if rows else [
            t(lang, "  （无）", "  (none)")]
    if a.missing:
        out += ["", t(lang, "未参与分析：", "Not plotted:")]
        out += [f"- {line}" for line in _missing_lines(a, lang)]
    out += ["", t(lang, "结论", "Conclusion"), conclusion(a, lang, meta.factors)]
    return "\n".join(out) + "\n"


def markdown(a: Analysis, meta: Meta, lang: str) -> str:
    """The report in Markdown (the scatter in a code block)."""
    from branchcheck.textsafe import md as md_cell

    head = _header(a, meta, lang)
    out = [f"# {md_cell(head[0])}", "", *(md_cell(h) + "  " for h in head[1:]), "",
           f"## {t(lang, '结论', 'Conclusion')}", "",
           md_cell(conclusion(a, lang, meta.factors)), "",
           "```", *scatter(a, lang), "```"]
    for q in a.used():
        out += ["", f"## {quadrant_name(q, lang)}", "", md_cell(quadrant_meaning(q, lang)), ""]
        rows = _rows(a, q, lang)
        if rows:
            out += ["| " + " | ".join(_headers(lang)) + " |", "|" + "---|" * 5]
            out += ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows]
        else:
            out.append(t(lang, "（无）", "(none)"))
    if a.missing:
        out += ["", f"## {t(lang, '未参与分析', 'Not plotted')}", ""]
        out += [f"- {md_cell(line)}" for line in _missing_lines(a, lang)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- JSON


def _crosshair(a: Analysis) -> dict[str, Any]:
    return {"method": a.crosshair, "importance": a.importance_cut,
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
        "points": [{"number": p.number, "id": p.point.id, "text": _label(p, lang),
                    "section": p.point.group,
                    "importance": p.point.importance, "rank": p.point.rank,
                    "performance": p.point.performance, "quadrant": p.quadrant}
                   for p in a.points],
        "quadrants": {q: [p.point.id for p in a.quadrant(q)] for q in a.used()},
        "missing": [{"id": m.id, "text": localise(m.text, lang), "section": m.group,
                     "reason": m.reason, "importance": m.importance,
                     "performance": m.performance}
                    for m in a.missing],
        "factors": None if f is None else {
            "crosshair": _crosshair(f),
            "quadrants": {q: [p.point.id for p in f.quadrant(q)] for q in f.used()}},
        "conclusion": conclusion(a, lang, f),
    }


def as_json(a: Analysis, meta: Meta, lang: str) -> str:
    """The analysis as JSON."""
    return json.dumps(as_dict(a, meta, lang), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- HTML


def svg(a: Analysis, lang: str, w: int = 640, h: int = 480) -> str:
    """The scatter as an inline SVG (text escaped)."""
    m = 56
    (x0, x1), (y0, y1) = _frame(a)

    def sx(x: float) -> float:
        return m + (x - x0) / (x1 - x0) * (w - 2 * m)

    def sy(y: float) -> float:
        return h - m - (y - y0) / (y1 - y0) * (h - 2 * m)

    cx, cy = sx(a.performance_cut), sy(a.importance_cut)
    fills = {"concentrate": "#fde2e1", "keep-up": "#e3f4e1", "low-priority": "#f1f1f1",
             "overkill": "#fff3d6"}
    boxes = {"concentrate": (m, m, cx - m, cy - m), "keep-up": (cx, m, w - m - cx, cy - m),
             "low-priority": (m, cy, cx - m, h - m - cy),
             "overkill": (cx, cy, w - m - cx, h - m - cy)}
    aria = escape(t(lang, "重要性-表现散点图", "Importance-performance scatter"))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
             f'height="{h}" role="img" aria-label="{aria}">']
    for q, (bx, by, bw, bh) in boxes.items():
        parts.append(f'<rect x="{bx:.1f}" y="{by:.1f}" width="{max(bw, 0):.1f}" '
                     f'height="{max(bh, 0):.1f}" fill="{fills[q]}"/>')
    corners: dict[Quadrant, tuple[float, float, str]] = {
        "concentrate": (m + 6, m + 16, "start"), "keep-up": (w - m - 6, m + 16, "end"),
        "low-priority": (m + 6, h - m - 8, "start"), "overkill": (w - m - 6, h - m - 8, "end")}
    for q, (tx, ty, anchor) in corners.items():
        parts.append(f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" class="q">'
                     f'{escape(quadrant_name(q, lang))}</text>')
    parts.append(f'<line x1="{cx:.1f}" y1="{m}" x2="{cx:.1f}" y2="{h - m}" class="cross"/>')
    parts.append(f'<line x1="{m}" y1="{cy:.1f}" x2="{w - m}" y2="{cy:.1f}" class="cross"/>')
    parts.append(f'<rect x="{m}" y="{m}" width="{w - 2 * m}" height="{h - 2 * m}" '
                 'fill="none" stroke="#555"/>')
    for p in a.points:
        px, py = sx(p.point.performance), sy(p.point.importance)
        tip = (f"{p.number}. {_label(p, lang)}: {imp(a, p.point.importance)}/"
               f"{num(p.point.performance)}")
        parts.append(f'<g><title>{escape(tip)}</title><circle cx="{px:.1f}" cy="{py:.1f}" '
                     f'r="4" class="pt {p.quadrant}"/><text x="{px + 6:.1f}" y="{py - 5:.1f}" '
                     f'class="n">{p.number}</text></g>')
    for x in (x0, a.performance_cut, x1):
        parts.append(f'<text x="{sx(x):.1f}" y="{h - m + 16}" text-anchor="middle">'
                     f'{escape(num(x))}</text>')
    for y in (y0, a.importance_cut, y1):
        parts.append(f'<text x="{m - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">'
                     f'{escape(imp(a, y))}</text>')
    parts.append(f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">'
                 f'{escape(t(lang, "表现", "performance"))}</text>')
    parts.append(f'<text x="14" y="{h / 2}" text-anchor="middle" transform="rotate(-90 14 '
                 f'{h / 2})">{escape(t(lang, "重要性", "importance"))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


_CSS = """svg text{font-size:12px;font-family:sans-serif}svg .q{font-weight:bold;fill:#666}
svg .cross{stroke:#333;stroke-dasharray:4 3}svg .pt{stroke:#222}svg .concentrate{fill:#d62728}
svg .keep-up{fill:#2ca02c}svg .low-priority{fill:#7f7f7f}svg .overkill{fill:#e6a100}
svg .on-the-line{fill:#1f77b4}
svg .n{font-weight:bold}.conclusion{font-size:1.05em}"""


def html(a: Analysis, meta: Meta, lang: str) -> str:
    """A self-contained HTML page: header, conclusion, SVG scatter, quadrant tables."""
    from branchcheck.render.report_html import page, rows_table

    head = _header(a, meta, lang)
    out = [f"<style>{_CSS}</style>", f"<h1>{escape(head[0])}</h1>",
           *(f"<p>{escape(h)}</p>" for h in head[1:]),
           f"<h2>{escape(t(lang, '结论', 'Conclusion'))}</h2>",
           f'<p class="conclusion">{escape(conclusion(a, lang, meta.factors))}</p>', svg(a, lang)]
    for q in a.used():
        out.append(f"<h2>{escape(quadrant_name(q, lang))}</h2>"
                   f"<p>{escape(quadrant_meaning(q, lang))}</p>")
        rows = [[escape(c) for c in r] for r in _rows(a, q, lang)]
        out.append(rows_table([escape(h) for h in _headers(lang)], rows, {0, 3, 4}) if rows
                   else f"<p>{escape(t(lang, '（无）', '(none)'))}</p>")
    if a.missing:
        out.append(f"<h2>{escape(t(lang, '未参与分析', 'Not plotted'))}</h2><ul>")
        out += [f"<li>{escape(line)}</li>" for line in _missing_lines(a, lang)]
        out.append("</ul>")
    return page(head[0], "\n".join(out) + "\n", lang)
