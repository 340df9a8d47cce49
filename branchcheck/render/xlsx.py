"""A small .xlsx (Office Open XML SpreadsheetML) writer: one sheet of text, written with
the standard library's ``zipfile``.

Why not openpyxl: importing it alone takes about 0.2 s, a fifth of the ledger's time
budget (docs/actions.md, "Speed"); this writer needs none of its features. The files it
writes are read back with openpyxl in the tests, as the department's spreadsheet would.

What it writes: every cell an inline string (``t="inlineStr"``: never a number or a
formula, whatever the text starts with), characters XML 1.0 forbids (control
characters, lone surrogates) removed, bold rows, wrapped text in the table, column
widths, a frozen header row, and the page set to A4 landscape.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX_CELL = 32767
"""Excel's limit on the characters of one cell."""

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>')
_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
# cell styles: 0 plain, 1 bold (the header row), 2 wrapped and top-aligned (the table),
# 3 bold and larger (the title)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet {_NS}>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
PLAIN, BOLD, WRAP, TITLE = 0, 1, 2, 3
"""The cell styles a row can have."""


@dataclass
class Sheet:
    """One worksheet: rows of text, each with a style; the row to freeze above."""

    name: str
    rows: list[tuple[Sequence[str], int]] = field(default_factory=list)
    widths: Sequence[float] = ()
    freeze_below: int = 0
    """The header row's number (1-based): rows up to it stay in view; 0 for none."""
    landscape: bool = True

    def add(self, cells: Sequence[str], style: int = PLAIN) -> int:
        """Append a row; its 1-based number."""
        self.rows.append((cells, style))
        return len(self.rows)


def clean(text: str) -> str:
    """``text`` as a cell may hold it: no characters XML 1.0 forbids, at most 32,767."""
    return _ILLEGAL.sub("", text)[:_MAX_CELL]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def column(n: int) -> str:
    """The letters of column ``n`` (1-based): 1 -> A, 27 -> AA."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    return _SHEET_NAME_BAD.sub("_", clean(name)).strip("'")[:31] or "Sheet1"


def _sheet_xml(sheet: Sheet, letters: Collection[str]) -> str:
    cols = list(letters)
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', f"<worksheet {_NS}>",
           "<sheetViews><sheetView workbookViewId=\"0\">"]
    if sheet.freeze_below:
        top = f"A{sheet.freeze_below + 1}"
        out.append(f'<pane ySplit="{sheet.freeze_below}" topLeftCell="{top}" '
                   f'activePane="bottomLeft" state="frozen"/>'
                   f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>')
    out.append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
    if sheet.widths:
        out.append("<cols>" + "".join(
            f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
            for n, w in enumerate(sheet.widths, start=1)) + "</cols>")
    out.append("<sheetData>")
    for number, (cells, style) in enumerate(sheet.rows, start=1):
        attr = f' s="{style}"' if style else ""
        out.append(f'<row r="{number}">')
        out.append("".join(
            f'<c r="{cols[c]}{number}"{attr} t="inlineStr"><is><t xml:space="preserve">'
            f"{_escape(clean(text))}</t></is></c>"
            for c, text in enumerate(cells) if text))
        out.append("</row>")
    out.append("</sheetData>")
    out.append('<pageMargins left="0.3" right="0.3" top="0.4" bottom="0.4" header="0.2" '
               'footer="0.2"/>')
    orientation = "landscape" if sheet.landscape else "portrait"
    out.append(f'<pageSetup paperSize="9" orientation="{orientation}"/></worksheet>')
    return "".join(out)


def workbook(sheet: Sheet) -> bytes:
    """The .xlsx file (bytes) holding ``sheet``."""
    width = max((len(cells) for cells, _ in sheet.rows), default=1)
    letters = [column(n) for n in range(1, max(width, len(sheet.widths), 1) + 1)]
    name = _escape(sheet_name(sheet.name)).replace('"', "&quot;")
    book = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook {_NS}><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("xl/workbook.xml", book), ("xl/_rels/workbook.xml.rels", _BOOK_RELS),
                           ("xl/styles.xml", _STYLES),
                           ("xl/worksheets/sheet1.xml", _sheet_xml(sheet, letters))):
            z.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)),
                       text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
