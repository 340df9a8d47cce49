"""Warehouse schema: migrations from an older version, refusing a newer one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from branchcheck.core.errors import InputError

duckdb = pytest.importorskip("duckdb")


def old_warehouse(path: Path, version: int) -> Any:
    """An open connection to a new file at schema ``version`` (as that release made it)."""
    from branchcheck.network import warehouse as wh

    con = duckdb.connect(str(path))
    for step in wh.MIGRATIONS[:version]:
        for statement in step:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
    return con


def test_a_version_1_warehouse_is_migrated_in_place(tmp_path: Path) -> None:
    from branchcheck.network import warehouse as wh

    path = tmp_path / "old.duckdb"
    con = old_warehouse(path, 1)
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, checklist_version, day)"
                " VALUES (1, 'abc', 'O1', 'mini', 1, DATE '2026-11-02')")
    con.execute("INSERT INTO items (rid, item_id, section_id, status, fraction, value) VALUES"
                " (1, 'a', 's1', 'pass', 1.0, 'pass'), (1, 'b', 's2', 'partial', 0.5, '3')")
    con.execute("INSERT INTO texts VALUES ('mini', 1, 'item', 'a', '甲', 'A'),"
                " ('mini', 1, 'item', 'b', '乙', 'B'), ('mini', 1, 'section', 's1', '一', 'One')")
    con.close()
    with wh.writer(path) as con:
        assert wh.schema_version(con) == wh.SCHEMA_VERSION
        assert con.execute("SELECT item_id, value FROM items ORDER BY 1").fetchall() == [
            ("a", None), ("b", "3")]
        # v4: the monthly item counts, made from the rows already there
        assert con.execute("SELECT * FROM item_months ORDER BY item_id").fetchall() == [
            ("mini", "a", "O1", date(2026, 11, 1), 1, 0, "self"),
            ("mini", "b", "O1", date(2026, 11, 1), 1, 0, "self")]
        assert con.execute("SELECT id, section FROM texts ORDER BY kind, id").fetchall() == [
            ("a", "s1"), ("b", "s2"), ("s1", None)]
        columns = {r[0] for r in con.execute("DESCRIBE items").fetchall()}
        assert "section_id" not in columns


def test_a_version_4_warehouse_gains_the_unit_tree_and_day_marks(tmp_path: Path) -> None:
    from branchcheck.network import warehouse as wh

    path = tmp_path / "v4.duckdb"
    con = old_warehouse(path, 4)
    # two checks of O1 on the 2nd (rids 3 and 1), one on the 3rd; one of O2 on the 2nd
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, day) VALUES"
                " (3, 'c', 'O1', 'mini', DATE '2026-11-02'), (1, 'a', 'O1', 'mini',"
                " DATE '2026-11-02'), (2, 'b', 'O1', 'mini', DATE '2026-11-03'),"
                " (4, 'd', 'O2', 'mini', DATE '2026-11-02')")
    # HO <- R1 <- S1 <- O1, and an outlet O2 straight under the region R1
    con.execute("INSERT INTO units (id, parent, kind) VALUES ('HO', NULL, 'head-office'),"
                " ('R1', 'HO', 'region'), ('S1', 'R1', 'sub-branch'), ('O1', 'S1', 'outlet'),"
                " ('O2', 'R1', 'outlet')")
    con.close()
    with wh.writer(path) as con:
        rows = con.execute("SELECT id, ancestor, distance, depth, kind, nearest FROM unit_tree"
                           " ORDER BY id, distance").fetchall()
        marks = con.execute("SELECT rid, day_first FROM results ORDER BY rid").fetchall()
    assert marks == [(1, True), (2, True), (3, False), (4, True)]
    assert rows == [
        ("HO", "HO", 0, 0, "head-office", True),
        ("O1", "O1", 0, 3, "outlet", True), ("O1", "S1", 1, 2, "sub-branch", True),
        ("O1", "R1", 2, 1, "region", True), ("O1", "HO", 3, 0, "head-office", True),
        ("O2", "O2", 0, 2, "outlet", True), ("O2", "R1", 1, 1, "region", True),
        ("O2", "HO", 2, 0, "head-office", True),
        ("R1", "R1", 0, 1, "region", True), ("R1", "HO", 1, 0, "head-office", True),
        ("S1", "S1", 0, 2, "sub-branch", True), ("S1", "R1", 1, 1, "region", True),
        ("S1", "HO", 2, 0, "head-office", True)]


def test_a_version_8_warehouse_marks_self_checks_only(tmp_path: Path) -> None:
    # Schema 8 marked the first result of the day whatever its source: an inspection
    # (rid 1, before the self-check rid 2 on the 2nd) took the mark, and one alone on
    # the 3rd (rid 3) filled that day. Schema 10 marks self-checks only: rid 2 on the
    # 2nd, nothing on the 3rd; O2's row from before sources (default 'self') keeps its.
    from branchcheck.network import warehouse as wh

    path = tmp_path / "v8.duckdb"
    con = old_warehouse(path, 5)  # rows as a release before sources stored them
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, day) VALUES"
                " (4, 'd', 'O2', 'mini', DATE '2026-11-02')")
    for step in wh.MIGRATIONS[5:8]:
        for statement in step:
            con.execute(statement)
    con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, day, check_source,"
                " day_first) VALUES (1, 'a', 'O1', 'mini', DATE '2026-11-02', 'sub-branch',"
                " true), (2, 'b', 'O1', 'mini', DATE '2026-11-02', 'self', false),"
                " (3, 'c', 'O1', 'mini', DATE '2026-11-03', 'branch', true)")
    con.execute("UPDATE results SET day_first = true WHERE rid = 4")
    con.close()
    with wh.writer(path) as con:
        assert wh.schema_version(con) == wh.SCHEMA_VERSION
        marks = con.execute("SELECT rid, check_source, day_first FROM results ORDER BY rid"
                            ).fetchall()
    assert marks == [(1, "sub-branch", False), (2, "self", True), (3, "branch", False),
                     (4, "self", True)]


def test_a_version_11_warehouse_counts_item_months_per_source(tmp_path: Path) -> None:
    # November: O1 checks itself on the 2nd (item a passes) and the sub-branch inspects
    # it on the 3rd (a fails); October: O2's self-check (a passes). Schema 11 kept one
    # November row for O1 (a answered 2, failed 1); schema 12 splits it by source:
    # self 1/0, sub-branch 1/1. O2's October (self-checks only) stays 1/0, 'self'.
    from branchcheck.network import warehouse as wh

    path = tmp_path / "v11.duckdb"
    con = old_warehouse(path, 11)
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, day, check_source)"
                " VALUES (1, 'a', 'O1', 'mini', DATE '2026-11-02', 'self'),"
                " (2, 'b', 'O1', 'mini', DATE '2026-11-03', 'sub-branch'),"
                " (3, 'c', 'O2', 'mini', DATE '2026-10-05', 'self')")
    con.execute("INSERT INTO items (rid, item_id, status, fraction) VALUES"
                " (1, 'a', 'pass', 1.0), (2, 'a', 'fail', 0.0), (3, 'a', 'pass', 1.0)")
    con.execute("INSERT INTO item_months " + wh.ITEM_MONTHS + " GROUP BY ALL")
    assert con.execute("SELECT branch, answered, failed FROM item_months ORDER BY 1"
                       ).fetchall() == [("O1", 2, 1), ("O2", 1, 0)]
    con.close()
    with wh.writer(path) as con:
        rows = con.execute("SELECT branch, month, check_source, answered, failed FROM "
                           "item_months ORDER BY 1, 3").fetchall()
    assert rows == [("O1", date(2026, 11, 1), "self", 1, 0),
                    ("O1", date(2026, 11, 1), "sub-branch", 1, 1),
                    ("O2", date(2026, 10, 1), "self", 1, 0)]


def test_a_damaged_directory_cannot_make_the_unit_tree_endless(tmp_path: Path) -> None:
    from branchcheck.network import warehouse as wh

    path = tmp_path / "loop.duckdb"
    with wh.writer(path) as con:
        # a cycle no ingest would store (the directory is checked first)
        con.execute("INSERT INTO units (id, parent, kind) VALUES ('A', 'B', 'x'), ('B', 'A', 'y')")
        con.execute(wh.UNIT_TREE)
        deepest = con.execute("SELECT max(distance), count(*) FROM unit_tree").fetchone()
    assert deepest == (64, 130)


def test_a_newer_warehouse_is_refused_by_writer_and_reader(tmp_path: Path) -> None:
    from branchcheck.network import warehouse as wh

    path = tmp_path / "new.duckdb"
    with wh.writer(path) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                    [str(wh.SCHEMA_VERSION + 1)])
    for opener in (wh.writer, wh.reader):
        with pytest.raises(InputError, match="newer branchcheck"), opener(path):
            pass


def test_a_file_that_is_not_a_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    from branchcheck.core.errors import StorageError
    from branchcheck.network import warehouse as wh

    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(StorageError, match="damaged or not a branchcheck"), wh.reader(path):
        pass
