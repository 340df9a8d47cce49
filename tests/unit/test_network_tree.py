"""Rolling units up to a level inside DuckDB (``unit_tree``, for the directory
stored at ingest) gives exactly what the Python walk gives (a directory from a
file): on random forests, at every kind and depth, over the whole network and
over any subtree."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.network.calendar import Period
from branchcheck.org.directory import Org, Unit

duckdb = pytest.importorskip("duckdb")


@st.composite
def forests(draw: st.DrawFn) -> Org:
    n = draw(st.integers(1, 30))
    units = []
    for i in range(n):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        kind = draw(st.sampled_from(["outlet", "sub-branch", "region"]))
        units.append(Unit(f"U{i}", "", "", kind, None if parent is None else f"U{parent}"))
    # file order need not put parents first
    order = draw(st.permutations(units))
    return Org(tuple(order), source="test")


def _warehouse(org: Org) -> tuple[Any, Org]:
    from branchcheck.network import warehouse as wh

    con = duckdb.connect()
    for step in wh.MIGRATIONS:
        for statement in step:
            con.execute(statement)
    wh.store_org(con, org)
    stored = wh.load_org(con)
    assert stored is not None and stored.stored and not org.stored
    return con, stored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org=forests(), data=st.data())
def test_the_sql_roll_up_is_the_python_roll_up(org: Org, data: st.DataObject) -> None:
    from branchcheck.network.scope import Scope, level_units, prepare_rollup

    con, stored = _warehouse(org)
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    kinds = sorted({u.kind for u in org.units})
    for level in [None, *kinds, "0", "1", "2", "5"]:
        unit = data.draw(st.none() | st.sampled_from([u.id for u in org.units]))
        expected = level_units(Scope(org, period, unit=unit, level=level))
        prepare_rollup(con, Scope(stored, period, unit=unit, level=level))
        got = dict(con.execute("SELECT branch, unit FROM rollup").fetchall())
        assert got == expected, (level, unit)
    con.close()


def test_a_hand_made_tree_rolls_up_as_drawn() -> None:
    from branchcheck.network.scope import Scope, prepare_rollup

    # HO <- R1 <- S1 <- {O1, O2}; R1 <- O3 (an outlet straight under the region)
    org = Org((Unit("O1", "", "", "outlet", "S1"), Unit("HO", "", "", "head-office"),
               Unit("S1", "", "", "sub-branch", "R1"), Unit("R1", "", "", "region", "HO"),
               Unit("O2", "", "", "outlet", "S1"), Unit("O3", "", "", "outlet", "R1")),
              source="test")
    con, stored = _warehouse(org)
    period = Period(date(2026, 11, 1), date(2026, 11, 30))

    def rolled(level: str | None, unit: str | None = None) -> dict[str, str]:
        prepare_rollup(con, Scope(stored, period, unit=unit, level=level))
        return dict(con.execute("SELECT * FROM rollup").fetchall())

    assert rolled("sub-branch") == {"S1": "S1", "O1": "S1", "O2": "S1"}
    assert rolled("2") == {"S1": "S1", "O1": "S1", "O2": "S1", "O3": "O3"}
    assert rolled("region", "S1") == {}  # the region is above the subtree
    assert rolled("outlet", "R1") == {"O1": "O1", "O2": "O2", "O3": "O3"}
    assert rolled(None, "S1") == {"S1": "S1", "O1": "O1", "O2": "O2"}
