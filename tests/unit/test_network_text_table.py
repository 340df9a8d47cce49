"""The network views' text tables (``branchcheck.network.tables.text_table``): aligned by
display width, every cell neutralised, and made a column at a time (10,000 rows of
printable ASCII are not measured character by character)."""

from __future__ import annotations

from typing import Any

import pytest

from branchcheck.network import tables
from branchcheck.network.columns import Column


def cols() -> list[Column]:
    return [Column("Unit", lambda r: r["unit"], lambda r: r["unit"]),
            Column("Name", lambda r: r["name"], lambda r: r["name"]),
            Column("Score", lambda r: r["score"], lambda r: r["score"], True)]


def test_aligned_by_display_width() -> None:
    rows: list[dict[str, Any]] = [
        {"unit": "O1", "name": "网点一", "score": "99.8"},
        {"unit": "O22", "name": "Outlet", "score": "7.0"},
    ]
    # Name: 网点一 is 6 cells wide, Outlet 6; Score right-aligned to its header (5).
    assert list(tables.text_table(rows, cols(), "League")) == [
        "League",
        "Unit  Name    Score",
        "----  ------  -----",
        "O1    网点一   99.8",
        "O22   Outlet    7.0",
    ]


def test_cells_are_neutralised_before_they_are_measured() -> None:
    rows = [{"unit": "O1", "name": "a\x1b[31mb\nc", "score": "1"},
            {"unit": "O2", "name": "x\u202ey", "score": "2"}]
    lines = list(tables.text_table(rows, cols()))
    assert "\x1b" not in "".join(lines) and "\u202e" not in "".join(lines)
    # a\x1b[31mb c: 13 characters, all ASCII once escaped
    assert lines[2] == "O1    a\\x1b[31mb c      1"
    assert lines[3] == "O2    x\\u202ey          2"


def test_no_rows_gives_the_header() -> None:
    assert list(tables.text_table([], cols())) == ["Unit  Name  Score",
                                                   "----  ----  -----"]


def test_ascii_columns_are_not_measured_cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = tables.width

    def counting(text: str) -> int:
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(tables, "width", counting)
    rows = [{"unit": f"O{n:05d}", "name": f"Outlet {n}", "score": f"{n % 100}.5"}
            for n in range(10_000)]
    text = tables.render(rows, cols(), "text")
    assert text.count("\n") == 10_002
    assert calls <= 2 * len(cols())  # the headers only, not 30,000 cells
