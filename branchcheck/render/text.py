"""Plain-text layout by terminal display width (CJK characters count 2 cells)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from branchcheck.core.textsafe import term
from branchcheck.terminal.output import width


def clip(text: str, max_cells: int) -> str:
    """``text`` (control characters neutralised) cut to ``max_cells`` display cells,
    ending in ``…`` when cut."""
    text = term(text)
    if width(text) <= max_cells:
        return text
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > max_cells - 1:
            break
        out += ch
        used += w
    return out + "…"


def table(head: Sequence[str], rows: Sequence[Sequence[str]],
          right: Collection[int] = (), *, safe: bool = False) -> list[str]:
    """Lines of a plain table: heading, a rule of dashes, then the rows; columns are
    two spaces apart and ``right`` lists the right-aligned ones. Control characters
    in cells are neutralised before they are measured (``safe``: the caller did it,
    e.g. with :func:`clip`)."""
    head = [term(h) for h in head]
    if not safe:
        rows = [[term(c) for c in r] for r in rows]
    measured = [[(c, width(c)) for c in r] for r in rows]  # each cell measured once
    widths = [max([width(h)] + [r[c][1] for r in measured]) for c, h in enumerate(head)]

    def line(cells: Sequence[tuple[str, int]]) -> str:
        return "  ".join((" " * (widths[c] - w) + x) if c in right
                         else (x + " " * (widths[c] - w))
                         for c, (x, w) in enumerate(cells)).rstrip()

    return [line([(h, width(h)) for h in head]), "  ".join("-" * w for w in widths),
            *(line(r) for r in measured)]
