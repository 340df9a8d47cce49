"""Tables that fit the terminal: the least useful columns are shortened, then
dropped, before rich would squeeze every column to "…".

A pipe or a file gets every column at full width (nothing is assumed about a
width nobody sees); ``wide`` asks for the same on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@dataclass(frozen=True)
class Column:
    """A column: its header, justification, and how it gives way when space is short."""

    header: str
    justify: str = "left"
    shorten: Callable[[str], str] | None = None
    """Applied to every cell (markup) first when the table is too wide."""
    drop: int = 0
    """Dropped when still too wide, highest first (0: never dropped)."""


def fitted(con: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]],
           *, wide: bool = False) -> tuple[Table, list[str]]:
    """The table of ``rows`` under ``columns`` for ``con``, and the headers of the
    columns that were left out to make it fit."""
    width = None if wide else terminal_width(con)
    cells = [list(r) for r in rows]
    keep = list(range(len(columns)))
    table = _table(columns, cells, keep)
    if width is None or _measure(con, table) <= width:
        return table, []
    shortened = [[c.shorten(v) if c.shorten else v for c, v in zip(columns, r, strict=True)]
                 for r in cells]
    table = _table(columns, shortened, keep)
    dropped: list[str] = []
    for index in sorted((i for i, c in enumerate(columns) if c.drop),
                        key=lambda i: -columns[i].drop):
        if _measure(con, table) <= width:
            break
        keep.remove(index)
        dropped.append(columns[index].header)
        table = _table(columns, shortened, keep)
    if _measure(con, table) > width:  # last resort: one space between columns
        table = _table(columns, shortened, keep, compact=True)
    return table, dropped


def terminal_width(con: Console) -> int | None:
    """The width of the terminal ``con`` writes to (``$COLUMNS`` wins), or None when it
    writes to a pipe or a file (colour or not: ``NO_COLOR`` changes no width)."""
    import shutil

    try:
        if not con.file.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns


def _table(columns: Sequence[Column], rows: Sequence[Sequence[str]], keep: Sequence[int],
           compact: bool = False) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  padding=(0, 0) if compact else (0, 1))
    for i in keep:
        table.add_column(columns[i].header, justify=columns[i].justify,  # type: ignore[arg-type]
                         no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    return table


def _measure(con: Console, table: Table) -> int:
    return con.measure(table, options=con.options.update_width(10_000)).maximum




def plain_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[str] | None:
    """The lines rich prints for the table of ``rows`` at its natural width without
    colour (a pipe or a file), made without rich's layout: a line per row, the
    cells' markup read by rich only where a cell has any. None when a cell holds a
    line break or control character (rich lays those out itself)."""
    from branchcheck.core.textsafe import term

    texts: list[list[str]] = []
    for row in rows:
        line = []
        for cell in row:
            if "[" in cell or "\\" in cell:
                from rich.markup import render

                cell = render(cell).plain
            if not cell.isprintable() and term(cell) != cell:
                return None  # rich shows its escape, or breaks the line
            line.append(cell)
        texts.append(line)
    heads = [c.header for c in columns]
    if any(term(h) != h for h in heads):
        return None
    sizes = [[_cells(x) for x in line] for line in texts]
    widths = [max([_cells(h), *(s[i] for s in sizes)]) for i, h in enumerate(heads)]
    right = [c.justify == "right" for c in columns]

    def join(cells: Sequence[str], lens: Sequence[int]) -> str:
        return "   ".join((" " * (w - n) + x) if r else (x + " " * (w - n))
                           for x, n, w, r in zip(cells, lens, widths, right, strict=True))

    rule = "\u2500" * (sum(widths) + 3 * (len(widths) - 1))
    return [join(heads, [_cells(h) for h in heads]), rule,
            *(join(line, lens) for line, lens in zip(texts, sizes, strict=True))]


def _cells(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def show(con: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]], lang: str,
         *, wide: bool = False) -> None:
    """Print the fitted table on ``con`` (a pipe at its natural width) and say on
    stderr which columns were left out. A pipe or a file gets the lines of
    :func:`plain_lines` (what rich prints there, at a fraction of the time for
    thousands of rows)."""
    import sys

    from branchcheck.core.i18n import t

    lines = plain_lines(columns, rows) if terminal_width(con) is None else None
    if lines is not None and columns:
        con.file.write("".join(f"{line}\n" for line in lines))
        con.file.flush()
        return
    table, dropped = fitted(con, columns, rows, wide=wide)
    width = terminal_width(con)
    con.width = _measure(con, table) if width is None or wide else width
    con.print(table)
    if dropped:
        names = t(lang, "、", ", ").join(dropped)
        sys.stderr.write(t(lang, f"（为适应终端宽度省去了：{names}；加 --wide 显示全部列）\n",
                           f"(left out to fit the terminal: {names}; --wide shows every "
                           "column)\n"))
