"""Property (issue 25, done-when 2): a warehouse file holding anything branchcheck never
makes -- an extra table, view, macro, sequence, type, schema or index, a column of
another type, dropped, renamed or added, a changed NOT NULL, a view shadowing a
table, a newer or unreadable schema version -- is refused by every command with a
clear error (exit 2): never a traceback, never a figure from it."""
# ruff: noqa: F811  (the fixtures ``net`` and ``_env`` come from test_network)

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_network import _env, cli, net  # noqa: F401

duckdb = pytest.importorskip("duckdb")

CLEAR = ("refused for safety", "newer branchcheck", "schema version", "damaged")
COMMANDS = [("league",), ("missing",), ("items",), ("trend",), ("actions",),
            ("report", "-f", "md"), ("sql", "SELECT count(*) AS n FROM results"),
            ("league", "-f", "csv")]


def _columns(path: Path) -> list[tuple[str, str, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [(t, c, ty) for t, c, ty in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE NOT internal ORDER BY table_name, column_index").fetchall()]
    finally:
        con.close()


@st.composite
def _mutation(draw: st.DrawFn, columns: list[tuple[str, str, str]]) -> list[str]:
    """SQL making one unexpected change to the warehouse."""
    table, column, kind = draw(st.sampled_from(columns))
    name = draw(st.sampled_from(["extra", "results_2", "units_view", "x1"]))
    other = "VARCHAR" if kind != "VARCHAR" else "BIGINT"
    return draw(st.sampled_from([
        [f"CREATE TABLE {name} (a INTEGER)"],
        [f"CREATE VIEW {name} AS SELECT * FROM {table}"],
        [f"CREATE MACRO {name}(v) AS v + 1"],
        [f"CREATE MACRO {name}() AS TABLE SELECT 1 AS one"],
        [f"CREATE SEQUENCE {name}"],
        [f"CREATE TYPE {name} AS ENUM ('a', 'b')"],
        [f"CREATE SCHEMA {name}"],
        [f"CREATE INDEX {name} ON {table} ({column})"],
        [f"ALTER TABLE {table} ADD COLUMN {name} INTEGER"],
        [f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {other}"],
        [f"ALTER TABLE {table} RENAME COLUMN {column} TO {column}_x"],
        [f"ALTER TABLE {table} DROP COLUMN {column}"],
        [f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT NULL"],
        [f"ALTER TABLE {table} RENAME TO {table}_real",  # a view shadowing the table
         f"CREATE VIEW {table} AS SELECT * FROM {table}_real"],
        ["UPDATE meta SET value = '999' WHERE key = 'schema_version'"],
        ["UPDATE meta SET value = 'nine' WHERE key = 'schema_version'"],
        ["UPDATE meta SET value = '-3' WHERE key = 'schema_version'"],
    ]))


def _apply(path: Path, statements: list[str]) -> bool:
    """Run ``statements`` on the file; False when the engine refuses one (no change)."""
    con = duckdb.connect(str(path))
    try:
        for s in statements:
            con.execute(s)
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


def test_unexpected_objects_are_refused_by_every_command(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.duckdb"
    shutil.copy(net["wh"], clean)
    columns = _columns(clean)
    assert len({t for t, _, _ in columns}) >= 5  # results, items, units, meta, ...
    tried: list[Any] = []

    @settings(max_examples=25, deadline=None, suppress_health_check=[
        HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(_mutation(columns), st.sampled_from(COMMANDS), st.booleans())
    def check(statements: list[str], command: tuple[str, ...], ingest: bool) -> None:
        wh = tmp_path / "wh.duckdb"
        shutil.copy(clean, wh)
        if not _apply(wh, statements):
            return  # the engine itself refused the change (e.g. a column a view needs)
        tried.append(statements)
        before = wh.read_bytes()
        args = ("ingest", str(net["root"])) if ingest else command
        code, out, err = cli(capsys, "network", *args, "-w", str(wh))
        assert code == 2, (statements, args, code, out, err)
        assert "Traceback" not in err and "internal error" not in err, err
        assert any(word in err for word in CLEAR), (statements, err)
        assert out == "", (statements, out)  # no row, no figure
        if ingest:
            assert wh.read_bytes() == before  # nothing ingested into it

    check()
    assert len(tried) >= 10  # most drawn changes were applied and refused
