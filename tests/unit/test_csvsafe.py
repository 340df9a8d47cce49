"""branchcheck.core.csvsafe: formula-injection guard, BOM, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from branchcheck.core.csvsafe import BOM, cell, guard, to_csv


@pytest.mark.parametrize(("raw", "safe"), [
    ("=1+1", "'=1+1"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("＝1+1", "'＝1+1"),
    ("-", "'-"),
    ("+5", "'+5"),
    ("-5", "-5"),
    ("-5\n", "'-5\n"),
    ("-3.2", "-3.2"),
    ("-1e3", "-1e3"),
    ("12", "12"),
    ("厅堂整洁 = ok", "厅堂整洁 = ok"),
    ("", ""),
    ("王芳\x1b]8;;http://x\x07点我\x1b]8;;\x07", "王芳\\x1b]8;;http://x\\x07点我\\x1b]8;;\\x07"),
    ("\x1b[31m=1", "\\x1b[31m=1"),  # shown, so no longer a leading trigger
    ("a\u202eb\x9bc\x7f", "a\\u202eb\\x9bc\\x7f"),
    ("第一行\r\n第二行\t完", "第一行\r\n第二行\t完"),
])
def test_guard(raw: str, safe: str) -> None:
    assert guard(raw) == safe


def test_cells_of_every_type() -> None:
    assert [cell(v) for v in (None, True, -5, -3.2, 0.1 + 0.2, "=x")] == [
        "", "true", "-5", "-3.2", "0.3", "'=x"]


def test_document_has_bom_crlf_and_round_trips() -> None:
    data = to_csv(["a", "b"], [["=1+1", -5], ["多行\n文字", None]])
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.startswith("a,b\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["a", "b"], ["'=1+1", "-5"], ["多行\n文字", ""]]
