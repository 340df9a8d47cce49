"""``shop sample``: the quick start's files, among them the firm's delivery as the firm
sends it.

The delivery is bundled as CSV (``delivery.csv``) and also written as an Excel
workbook (``delivery.xlsx``, with openpyxl, imported only here): the visits on the
first sheet, 暗访明细, with typed cells as a firm's spreadsheet has them (dates as
Excel dates, minutes and scale points as numbers, teller numbers as text, so ``0815``
keeps its zero), and a second sheet of notes. One mapping reads both; importing one
after the other stores nothing new (the visits are the same).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

SAMPLE = Path(__file__).resolve().parent / "data"
FILES = ("org.yaml", "roster.csv", "mapping.yaml", "delivery.csv")
WAVE = "2026H2"
SHEET = "暗访明细"
_DATE_COLUMNS = ("暗访日期",)
_NUMBER_COLUMNS = ("等候分钟",)
_NOTES = (
    ("填表说明", ""),
    ("暗访日期", "Excel 日期"),
    ("等候分钟", "数字，单位分钟"),
    ("柜员号", "文本，照柜台所示填写（如 0815、窗口3）"),
    ("(1-5) 各列", "1 到 5 的整数"),
    ("其他各列", "是 / 否（配有自助设备：有 / 无）"),
)


def write_sample(folder: str, lang: str) -> list[Path]:
    """Copy the sample directory, roster, mapping and delivery into ``folder``, the
    delivery as .xlsx and the plan of its wave (never over a file)."""
    from branchcheck.core.fsafe import atomic_write

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = target / name
        atomic_write(path, (SAMPLE / name).read_bytes(), overwrite=False)
        written.append(path)
    path = target / "delivery.xlsx"
    atomic_write(path, workbook((SAMPLE / "delivery.csv").read_bytes()), overwrite=False)
    written.append(path)
    path = target / f"plan-{WAVE}.yaml"
    atomic_write(path, wave_plan(target / "org.yaml", lang).encode("utf-8"), overwrite=False)
    written.append(path)
    return written


def wave_plan(org: Path, lang: str) -> str:
    """The plan file of the wave the delivery reports on, as ``shop plan`` draws it:
    ``--wave 2026H2 --visits 12 --seed 7 --from 2026-09-01 --to 2026-10-31 --scenario
    投诉 --scenario 开户 --scenario 理财咨询``. The firm delivered its first four visits
    (the Beijing outlets); the report shows the other eight as missing."""
    from branchcheck.shop import make
    from branchcheck.shop.planfile import dump

    made, _ = make.plan(str(org), wave=WAVE, visits=12, seed="7",
                        window=(date(2026, 9, 1), date(2026, 10, 31)), clusters=None,
                        stratum=None, cluster=None, scenarios=("投诉", "开户", "理财咨询"),
                        checklist="mystery-shopper", lang=lang)
    return dump(made)


def _typed(column: str, text: str) -> Any:
    """A cell as the firm's spreadsheet holds it."""
    if not text:
        return None
    if column in _DATE_COLUMNS:
        return date.fromisoformat(text)
    if column in _NUMBER_COLUMNS or (column.endswith("(1-5)") and text.isdigit()):
        return int(text)
    return text


def workbook(delivery_csv: bytes) -> bytes:
    """The .xlsx bytes of a delivery given as CSV (see the module)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = list(csv.reader(io.StringIO(delivery_csv.decode("utf-8-sig"), newline="")))
    header, data = rows[0], rows[1:]
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append([_typed(c, v) for c, v in zip(header, row, strict=True)])
        for cell in sheet[sheet.max_row]:
            if header[cell.column - 1] in _DATE_COLUMNS:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    for line in _NOTES:
        notes.append(list(line))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
