"""A third party's delivery as rows of cells: CSV (UTF-8, or GB18030 as Excel in China
saves it) or an Excel workbook (.xlsx, read with openpyxl, imported only here).

Every cell keeps where it came from (sheet, row, column letter), so a bad value
is reported where the firm can find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_UNPACKED = 256 * 1024 * 1024
"""Bytes of a workbook's parts once unzipped (a delivery of MAX_ROWS rows is far less)."""


@dataclass(frozen=True)
class Table:
    """The header and data rows of one sheet (``rows``: (row number, cells))."""

    file: str
    sheet: str
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def cell(self, row: int, column: int) -> str:
        """A cell's name as a spreadsheet shows it: ``Sheet!B7`` (``B7`` in a CSV)."""
        return f"{self.sheet + '!' if self.sheet else ''}{letter(column)}{row}"

    def problem(self, row: int, column: int, rule: str, message: str) -> Problem:
        """A problem at a cell (1-based row, 0-based column index): ``file:row:col`` and
        the cell's name."""
        return Problem(self.file, row, column + 1, rule, f"{self.cell(row, column)}: {message}")


def letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def read(path: str, *, sheet: str | None = None, header_row: int = 1,
         lang: str = "en") -> Table:
    """The table in ``path`` (.xlsx by its name, else CSV)."""
    from branchcheck.core.strictyaml import read_bytes

    raw = read_bytes(path, max_bytes=MAX_BYTES, display=path)
    if path.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx(raw, path, sheet, header_row, lang)
    if sheet is not None:
        raise InputError.at(Problem(path, 0, 0, "sheet", t(
            lang, "CSV 文件没有工作表：请去掉 sheet", "a CSV file has no sheets: drop 'sheet'")))
    return _csv(raw, path, header_row, lang)


def _table(name: str, sheet: str, rows: list[tuple[Any, ...]], header_row: int,
           lang: str) -> Table:
    if len(rows) < header_row:
        raise InputError.at(Problem(name, header_row, 1, "empty", t(
            lang, f"第 {header_row} 行应为表头，但文件在此之前就结束了",
            f"row {header_row} should be the header, but the sheet ends before it")))
    header = tuple("" if c is None else str(c).strip() for c in rows[header_row - 1])
    while header and not header[-1]:
        header = header[:-1]
    data = []
    for n, row in enumerate(rows[header_row:], start=header_row + 1):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        data.append((n, tuple(row)))
    return Table(name, sheet, header, header_row, tuple(data))


def _csv(raw: bytes, name: str, header_row: int, lang: str) -> Table:
    import csv
    import io

    from branchcheck.core.textfile import decode_csv

    text = decode_csv(raw, name, lang)
    if "\x00" in text:
        raise InputError.at(Problem(name, 0, 0, "encoding", t(
            lang, "含有 NUL 字符：不是文本文件", "has a NUL character: not a text file")))
    rows: list[tuple[Any, ...]] = []
    for row in csv.reader(io.StringIO(text, newline="")):
        if len(rows) > MAX_ROWS or len(row) > MAX_COLUMNS:
            raise InputError.at(Problem(name, len(rows) + 1, 0, "too-large", t(
                lang, f"超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列的上限",
                f"over the limit of {MAX_ROWS} rows or {MAX_COLUMNS} columns")))
        rows.append(tuple(row))
    return _table(name, "", rows, header_row, lang)


def _xlsx(raw: bytes, name: str, sheet: str | None, header_row: int, lang: str) -> Table:
    import io
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency of branchcheck
        raise InputError.at(Problem(name, 0, 0, "xlsx", "openpyxl is not installed")) from None

    def unreadable(exc: BaseException) -> InputError:
        return InputError.at(Problem(name, 0, 0, "xlsx", t(
            lang, f"无法作为 Excel 工作簿读取：{exc}", f"cannot be read as an Excel workbook: "
            f"{exc}")))

    # damaged XML inside (ParseError is a SyntaxError), a zip or workbook part missing
    damaged = (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError,
               SyntaxError, EOFError)
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        if unpacked > MAX_UNPACKED:  # a zip bomb: each part is read up to its stated size
            raise InputError.at(Problem(name, 0, 0, "too-large", t(
                lang, f"解压后 {unpacked} 字节，超过 {MAX_UNPACKED} 字节的上限",
                f"{unpacked} bytes unpacked, over the limit of {MAX_UNPACKED} bytes")))
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except damaged as exc:
        raise unreadable(exc) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise InputError.at(Problem(name, 0, 0, "sheet", t(
                lang, f"没有名为 {sheet!r} 的工作表（有：{', '.join(book.sheetnames)}）",
                f"no sheet named {sheet!r} (found: {', '.join(book.sheetnames)})")))
        rows: list[tuple[Any, ...]] = []
        for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(rows) >= MAX_ROWS:
                raise InputError.at(Problem(name, len(rows) + 1, 0, "too-large", t(
                    lang, f"超过 {MAX_ROWS} 行的上限", f"over the limit of {MAX_ROWS} rows")))
            rows.append(tuple(row))
        title = ws.title
    except damaged as exc:  # the sheets are read as they are iterated
        raise unreadable(exc) from None
    finally:
        book.close()
    return _table(name, title, rows, header_row, lang)
