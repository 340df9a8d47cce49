"""Inline SVG charts for HTML reports: section bars and a score trend line.

No scripts, no external resources; every text is escaped. Scores are 0-100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from branchcheck.core.textsafe import html as escape
from branchcheck.render.text import clip
from branchcheck.terminal.output import width as cells

FONT_FAMILY = ("system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', "
               "'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif")
"""The font list of the HTML reports, so Chinese labels get a CJK font on every system.

Set once on each ``<svg>`` (its ``<text>`` elements inherit it), so a chart opened
or copied on its own still draws Chinese with a CJK font."""
_CELL_PX = 7  # approximate width of one terminal cell at 12px


@dataclass(frozen=True)
class Bar:
    """One section: label, raw and final score, knocked out or not."""

    label: str
    raw: float | None
    final: float | None
    knocked_out: bool = False


def _open(width: int, height: int, title: str) -> list[str]:
    """The opening ``<svg>`` tag and its ``<title>``."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT_FAMILY}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(bars: Sequence[Bar], *, title: str, width: int = 640) -> str:
    """Horizontal bars of section scores: final solid (red if knocked out), raw pale."""
    label_cells = min(28, max([cells(b.label) for b in bars] + [6]))
    left = label_cells * _CELL_PX + 12
    right = 48
    span = width - left - right
    row = 24
    top = 8
    height = top + row * len(bars) + 24
    parts = _open(width, height, title)
    for tick in (0, 25, 50, 75, 100):
        x = left + span * tick / 100
        parts.append(f'<line x1="{_num(x)}" y1="{top}" x2="{_num(x)}" '
                     f'y2="{top + row * len(bars)}" stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{_num(x)}" y="{height - 6}" text-anchor="middle" '
                     f'fill="#666">{tick}</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" '
                     f'fill="#222">{escape(clip(b.label, label_cells))}</text>')
        if b.raw is not None and b.final is not None and b.raw > b.final:
            parts.append(f'<rect x="{left}" y="{y + 4}" width="{_num(span * b.raw / 100)}" '
                         f'height="16" fill="#c9d6ea"/>')
        if b.final is not None:
            colour = "#b00020" if b.knocked_out else "#2f6db5"
            parts.append(f'<rect x="{left}" y="{y + 4}" width="{_num(span * b.final / 100)}" '
                         f'height="16" fill="{colour}"><title>{escape(b.label)}: '
                         f"{b.final:.1f}</title></rect>")
        shown = "—" if b.final is None else f"{b.final:.1f}"
        end = left + span * max(b.final or 0, b.raw or 0) / 100
        parts.append(f'<text x="{_num(end + 4)}" y="{y + 16}" fill="#222">'
                     f"{escape(shown)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def trend_line(points: Sequence[tuple[str, float | None]], *, title: str,
               width: int = 640, height: int = 220) -> str:
    """A line of scores (0-100) over results, oldest left; each point has a tooltip."""
    left, right, top, bottom = 36, 16, 12, 28
    span_x = width - left - right
    span_y = height - top - bottom
    n = len(points)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (span_x * i / (n - 1) if n > 1 else span_x / 2)
        return x, top + span_y * (1 - v / 100)

    parts = _open(width, height, title)
    for tick in (0, 25, 50, 75, 100):
        y = top + span_y * (1 - tick / 100)
        parts.append(f'<line x1="{left}" y1="{_num(y)}" x2="{width - right}" y2="{_num(y)}" '
                     f'stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{_num(y + 4)}" text-anchor="end" '
                     f'fill="#666">{tick}</text>')
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(known) > 1:
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in (xy(i, v) for i, v in known))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#2f6db5" '
                     f'stroke-width="2"/>')
    for i, v in known:
        x, y = xy(i, v)
        parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="#2f6db5">'
                     f"<title>{escape(points[i][0])}: {v:.1f}</title></circle>")
    if n:
        parts.append(f'<text x="{left}" y="{height - 8}" fill="#666">'
                     f"{escape(points[0][0])}</text>")
    if n > 1:
        parts.append(f'<text x="{width - right}" y="{height - 8}" text-anchor="end" '
                     f'fill="#666">{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)
