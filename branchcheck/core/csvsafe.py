"""CSV for spreadsheets: UTF-8 with a BOM, and no cell that a spreadsheet runs as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and some strip a leading tab or carriage return first),
whatever the CSV quoting. Such cells get a leading ``'`` so they show as text.
A plain negative number (``-5``, ``-3.2``) is left alone so it stays a number. The
full-width forms (``＝＋－＠``) are treated the same, for Chinese input methods.
Control characters (ESC, BEL, C1, bidi overrides; not tab or line breaks) are shown
as visible escapes, as on a terminal.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from branchcheck.core.textsafe import controls

BOM = "\ufeff"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")

Cell = str | int | float | bool | None


def guard(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: control characters other than tab and
    line breaks shown as visible escapes (``\\x1b``: a CSV printed on a terminal runs
    no escape sequence, and no spreadsheet shows junk), and a leading ``'`` if it
    could be a formula."""
    text = controls(text)
    if text.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell(value: Cell) -> str:
    """A value as safe cell text: numbers as written, None as empty, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    return guard(value)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A CSV document (UTF-8 with BOM, CRLF line ends) with every cell guarded."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return (BOM + buf.getvalue()).encode("utf-8")
