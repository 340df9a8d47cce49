"""The funnel plot of missed-failure rates (Spiegelhalter 2005) as inline SVG, for the
HTML report's honesty section.

Each unit with independent fails is a dot: across, its number of independent fails
n; up, its missed-failure rate (the share of them the outlet had passed itself).
Around the scope's rate p0 (a dashed line) the 95 % and 99.8 % limits
``p0 -+ z sqrt(p0 (1 - p0) / n)`` narrow as n grows; a dot above a limit is drawn
in the colour of that limit and labelled with its unit id. No script, no external
resource; every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.core.textsafe import html as escape
from branchcheck.render.svg import FONT_FAMILY

WIDTH, HEIGHT = 640, 384
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 68
COLOURS = {"99.8": "#b00020", "95": "#e08a00", "": "#2f6db5"}
"""A dot's colour by the limit it lies above (none: blue)."""


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def funnel_svg(rows: Sequence[dict[str, Any]], lang: str) -> str | None:
    """The plot of ``network honesty --by unit`` rows (``independent_fails``,
    ``missed``, ``missed_rate``, ``funnel``, ``unit``, ``name``); None when no unit has
    an independent fail."""
    from branchcheck.core.stats import Z95, Z998, funnel

    dots = [r for r in rows if r.get("independent_fails")]
    if not dots:
        return None
    total = sum(int(r["independent_fails"]) for r in dots)
    p0 = sum(int(r["missed"]) for r in dots) / total
    top_n = max(int(r["independent_fails"]) for r in dots)
    span_x, span_y = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: float) -> float:
        return LEFT + span_x * n / top_n

    def y(rate: float) -> float:
        return TOP + span_y * (1 - max(0.0, min(1.0, rate)))

    title = t(lang, f"漏报率漏斗图（全网漏报率 {p0:.0%}；95% 与 99.8% 控制限）",
              f"Funnel plot of missed-failure rates (network rate {p0:.0%}; 95% and 99.8% "
              "limits)")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
           f'font-family="{FONT_FAMILY}" font-size="12" class="funnel">',
           f"<title>{escape(title)}</title>"]
    for tick in (0, 25, 50, 75, 100):
        out.append(f'<line x1="{LEFT}" y1="{_num(y(tick / 100))}" x2="{WIDTH - RIGHT}" '
                   f'y2="{_num(y(tick / 100))}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{_num(y(tick / 100) + 4)}" text-anchor="end" '
                   f'fill="#666">{tick}%</text>')
    for n in _ticks(top_n):
        out.append(f'<text x="{_num(x(n))}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                   f'fill="#666">{n}</text>')
    out.append(f'<text x="{LEFT + span_x / 2:.0f}" y="{HEIGHT - BOTTOM + 34}" '
               f'text-anchor="middle" fill="#222">'
               f'{escape(t(lang, "独立检查不合格项数", "Independent fails"))}</text>')
    out.append(f'<text x="14" y="{TOP + span_y / 2:.0f}" text-anchor="middle" fill="#222" '
               f'transform="rotate(-90 14 {TOP + span_y / 2:.0f})">'
               f'{escape(t(lang, "漏报率", "Missed-failure rate"))}</text>')
    out.append(f'<line x1="{LEFT}" y1="{_num(y(p0))}" x2="{WIDTH - RIGHT}" y2="{_num(y(p0))}" '
               'stroke="#222" stroke-dasharray="4 3"/>')
    sd = math.sqrt(p0 * (1 - p0))
    for name, z in (("95", Z95), ("99.8", Z998)):
        for side in (0, 1):
            points = " ".join(f"{_num(x(n))},{_num(y(funnel(p0, sd, n, z)[side]))}"
                              for n in _steps(top_n))
            out.append(f'<polyline points="{points}" fill="none" stroke="{COLOURS[name]}" '
                       f'stroke-width="1.5"/>')
    for r in dots:
        n, k, flag = int(r["independent_fails"]), int(r["missed"]), r.get("funnel") or ""
        cx, cy = _num(x(n)), _num(y(k / n))
        label = f"{r['unit']} {r.get('name') or ''}".strip()
        out.append(f'<circle cx="{cx}" cy="{cy}" r="4" fill="{COLOURS[flag]}">'
                   f"<title>{escape(label)}: {k}/{n}</title></circle>")
        if flag:
            out.append(f'<text x="{cx}" y="{_num(float(cy) - 7)}" text-anchor="middle" '
                       f'fill="{COLOURS[flag]}">{escape(str(r["unit"]))}</text>')
    out.append(_legend(lang))
    out.append("</svg>")
    return "\n".join(out)


def _steps(top_n: int) -> list[float]:
    """The n at which the limit curves are drawn: from 1 to ``top_n`` (at most 60)."""
    count = min(60, max(2, top_n))
    return [1 + (top_n - 1) * i / (count - 1) for i in range(count)] if top_n > 1 else [1.0]


def _ticks(top_n: int) -> list[int]:
    """A handful of whole numbers from 0 to ``top_n`` for the horizontal axis."""
    step = max(1, math.ceil(top_n / 5))
    return list(range(0, top_n + 1, step))


def _legend(lang: str) -> str:
    items = [(COLOURS["95"], t(lang, "95% 控制限", "95% limit")),
             (COLOURS["99.8"], t(lang, "99.8% 控制限", "99.8% limit")),
             ("#222", t(lang, "全网漏报率", "network rate"))]
    out = []
    for i, (colour, text) in enumerate(items):
        x0 = LEFT + 8 + i * 150
        out.append(f'<line x1="{x0}" y1="{HEIGHT - 12}" x2="{x0 + 18}" y2="{HEIGHT - 12}" '
                   f'stroke="{colour}" stroke-width="2"/>'
                   f'<text x="{x0 + 24}" y="{HEIGHT - 8}" fill="#222">{escape(text)}</text>')
    return "".join(out)
