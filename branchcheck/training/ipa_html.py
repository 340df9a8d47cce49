"""An importance-performance analysis as one self-contained HTML page with an SVG
scatter."""

from __future__ import annotations

from collections.abc import Callable

from branchcheck.core.i18n import t
from branchcheck.core.textsafe import html as escape
from branchcheck.training.ipa import Analysis, Quadrant
from branchcheck.training.ipa_conclusion import conclusion
from branchcheck.training.ipa_report import (
    frame,
    header,
    missing_lines,
    quadrant_rows,
    table_headers,
)
from branchcheck.training.ipa_words import (
    Meta,
    imp,
    num,
    point_label,
    quadrant_meaning,
    quadrant_name,
)


def ticks(cut: float, lo: float, hi: float, at: Callable[[float], float],
          room: float) -> list[float]:
    """Axis labels: the crosshair and the data's own extremes (never the padded frame,
    which reads "#0.5" for ranks or "101" past a 0-100 scale), an extreme left out
    when it would overlap a label already placed (``room`` pixels apart)."""
    out = [cut]
    for x in (lo, hi):
        if all(abs(at(x) - at(y)) >= room for y in out):
            out.append(x)
    return out


def place_labels(texts: list[str], spots: list[tuple[float, float]]
                 ) -> list[tuple[float, float]]:
    """Where each point's number goes: the first of a few positions around its point that
    overlaps neither an earlier number nor any point (else the first position)."""
    taken: list[tuple[float, float, float, float]] = [
        (x - 4, y - 4, x + 4, y + 4) for x, y in spots]
    out: list[tuple[float, float]] = []
    for text, (x, y) in zip(texts, spots, strict=True):
        wide = 7.0 * len(text)
        tries = [(x + 6, y - 5), (x + 6, y + 13), (x - 6 - wide, y - 5),
                 (x - 6 - wide, y + 13), (x - wide / 2, y - 9), (x - wide / 2, y + 19)]
        for lx, ly in tries:
            box = (lx, ly - 10, lx + wide, ly + 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in taken):
                break
        else:
            lx, ly = tries[0]
        taken.append((lx, ly - 10, lx + wide, ly + 2))
        out.append((lx, ly))
    return out


def svg(a: Analysis, lang: str, w: int = 640, h: int = 480) -> str:
    """The scatter as an inline SVG (text escaped)."""
    m = 56
    (x0, x1), (y0, y1) = frame(a)

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
    spots = [(sx(p.point.performance), sy(p.point.importance)) for p in a.points]
    labels = place_labels([str(p.number) for p in a.points], spots)
    for p, (px, py), (lx, ly) in zip(a.points, spots, labels, strict=True):
        tip = (f"{p.number}. {point_label(p, lang)}: {imp(a, p.point.importance)}/"
               f"{num(p.point.performance)}")
        parts.append(f'<g><title>{escape(tip)}</title><circle cx="{px:.1f}" cy="{py:.1f}" '
                     f'r="4" class="pt {p.quadrant}"/><text x="{lx:.1f}" y="{ly:.1f}" '
                     f'class="n">{p.number}</text></g>')
    perf = [p.point.performance for p in a.points]
    for x in ticks(a.performance_cut, min(perf), max(perf), sx, 28):
        parts.append(f'<text x="{sx(x):.1f}" y="{h - m + 16}" text-anchor="middle">'
                     f'{escape(num(x))}</text>')
    imps = [p.point.importance for p in a.points]
    for y in ticks(a.importance_cut, min(imps), max(imps), sy, 14):
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

    head = header(a, meta, lang)
    out = [f"<style>{_CSS}</style>", f"<h1>{escape(head[0])}</h1>",
           *(f"<p>{escape(h)}</p>" for h in head[1:]),
           f"<h2>{escape(t(lang, '结论', 'Conclusion'))}</h2>",
           f'<p class="conclusion">'
           f'{escape(conclusion(a, lang, meta.factors, meta.factor_tag))}</p>', svg(a, lang)]
    for q in a.used():
        out.append(f"<h2>{escape(quadrant_name(q, lang))}</h2>"
                   f"<p>{escape(quadrant_meaning(q, lang))}</p>")
        rows = [[escape(c) for c in r] for r in quadrant_rows(a, q, lang)]
        out.append(rows_table([escape(h) for h in table_headers(lang)], rows, {0, 3, 4}) if rows
                   else f"<p>{escape(t(lang, '（无）', '(none)'))}</p>")
    if a.missing:
        out.append(f"<h2>{escape(t(lang, '未参与分析', 'Not plotted'))}</h2><ul>")
        out += [f"<li>{escape(line)}</li>" for line in missing_lines(a, lang)]
        out.append("</ul>")
    return page(head[0], "\n".join(out) + "\n", lang)
