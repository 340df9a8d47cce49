"""Reading a CSV list with a fixed header (directories, rosters): one set of rules.

UTF-8 with or without a BOM, else GB18030 (see
:func:`branchcheck.core.textfile.decode_csv`); the header's first cells must be the required
columns in order, followed by any of the optional ones, each once; blank rows
are skipped; a row with another number of cells is a located problem. Columns
in problems are the cell's position in the row (1-based).
"""

from __future__ import annotations

from collections.abc import Sequence

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui

Record = tuple[int, dict[str, str]]
"""A data row: its line and its cells by column name (trimmed)."""


def records(raw: bytes, name: str, required: Sequence[str], optional: Sequence[str] = ()
            ) -> tuple[list[str], list[Record], list[Problem]]:
    """The header, the data rows and the problems of a CSV file's bytes (no rows when the
    file cannot be read or its header is wrong)."""
    import csv
    import io

    from branchcheck.core.textfile import decode_csv

    try:
        text = decode_csv(raw, name)
    except InputError as exc:
        return [], [], list(exc.problems)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return [], [], [Problem(name, 1, 1, "empty", t(ui(), "文件是空的", "file is empty"))]
    header = [h.strip() for h in rows[0]]
    if tuple(header[:len(required)]) != tuple(required) or any(
            h not in optional for h in header[len(required):]) or len(set(header)) != len(header):
        return header, [], [Problem(
            name, 1, 1, "csv-header", t(
                ui(), f"表头应为 {','.join(required)}，其后可加 {','.join(optional)}；"
                      f"实际是 {','.join(header)!r}",
                f"the header must be {','.join(required)} optionally "
                f"followed by {','.join(optional)}; found {','.join(header)!r}"))]
    found: list[Record] = []
    problems: list[Problem] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(name, n, 1, "csv-row",
                                    t(ui(), f"应有 {len(header)} 格，实际 {len(row)} 格",
                                      f"expected {len(header)} cells, found {len(row)}")))
            continue
        found.append((n, {h: c.strip() for h, c in zip(header, row, strict=True)}))
    return header, found, problems
