"""The hand-written .xlsx writer (branchcheck/render/xlsx.py), read back with openpyxl as
the real client: values, strings that look like formulas, hostile characters, styles,
widths, the frozen header and the page setup."""

from __future__ import annotations

import io
from typing import Any

import pytest

from branchcheck.render.xlsx import BOLD, TITLE, WRAP, Sheet, column, sheet_name, workbook

openpyxl = pytest.importorskip("openpyxl")


def _read(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_cells_are_text_and_hostile_characters_go() -> None:
    sheet = Sheet("整改台账", widths=(5, 30))
    sheet.add(["整改台账 — 陆家嘴网点（SH-001）"], TITLE)
    sheet.add(["截至 2024-05-22"])
    sheet.add([])
    sheet.freeze_below = sheet.add(["序号", "问题描述"], BOLD)
    sheet.add(["1", "=HYPERLINK(\"http://x\")"], WRAP)
    sheet.add(["2", "<b>&amp; \"q\"\x07\x1b[31m red\ud800 ok"], WRAP)
    sheet.add(["003", "+1", "  two spaces  ", "12.50"], WRAP)
    ws = _read(workbook(sheet))
    assert ws.title == "整改台账"
    assert ws["A1"].value == "整改台账 — 陆家嘴网点（SH-001）"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A3"].value is None
    assert [ws["A4"].value, ws["B4"].value] == ["序号", "问题描述"]
    assert ws["A4"].font.b and not ws["A5"].font.b
    # a formula-looking text stays a string; numbers-looking text stays text ("003")
    assert ws["B5"].value == "=HYPERLINK(\"http://x\")" and ws["B5"].data_type == "s"
    # BEL and ESC and the lone surrogate are removed; markup is text
    assert ws["B6"].value == "<b>&amp; \"q\"[31m red ok"
    assert [ws["A7"].value, ws["B7"].value, ws["C7"].value, ws["D7"].value] == [
        "003", "+1", "  two spaces  ", "12.50"]
    assert ws["B5"].alignment.wrap_text and ws["B5"].alignment.vertical == "top"
    assert ws.freeze_panes == "A5"
    assert ws.column_dimensions["A"].width == 5 and ws.column_dimensions["B"].width == 30
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"  # A4


def test_long_cells_are_cut_to_excels_limit() -> None:
    sheet = Sheet("x")
    sheet.add(["长" * 40000])
    assert len(_read(workbook(sheet))["A1"].value) == 32767


def test_names_and_columns() -> None:
    assert [column(n) for n in (1, 26, 27, 52, 53, 703)] == ["A", "Z", "AA", "AZ", "BA", "AAA"]
    assert sheet_name("a/b[c]:d*e?f\\g") == "a_b_c__d_e_f_g"
    assert sheet_name("") == "Sheet1" and len(sheet_name("长" * 40)) == 31
    sheet = Sheet("<a & b>")
    sheet.add(["x"])
    assert _read(workbook(sheet)).title == "<a & b>"
