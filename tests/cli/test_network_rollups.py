"""The monthly item counts kept at ingest give the same ``items`` figures as the
item rows, after a first ingest, a later one and a directory that re-dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_network import ORG, _env, _write_results, cli, net  # noqa: F401

duckdb = pytest.importorskip("duckdb")


def _both(wh: Path, period: str, level: str | None = None) -> tuple[Any, Any]:
    from branchcheck.network import query, views
    from branchcheck.network.scope import prepare_rollup

    opts = query.Options(warehouse=str(wh), period=period, level=level)
    out = []
    for monthly in (True, False):
        with query.open_scope(opts) as (con, scope):
            prepare_rollup(con, scope)
            views.item_counts(con, scope, scope.period.previous(), monthly=monthly)
            out.append(sorted(con.execute("SELECT * FROM ifail").fetchall()))
    return out[0], out[1]


def test_monthly_counts_match_the_item_rows(net: dict[str, Path],  # noqa: F811
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monthly, raw = _both(net["wh"], "2026-11")
    # hand-computed: November, outlet O1 answered a 3 times (failed once) and b 3 times
    # (failed twice); October O1 once each, no failure
    assert ("mini", "a", "O1", "O1", True, 3, 1) in raw
    assert ("mini", "b", "O1", "O1", True, 3, 2) in raw
    assert ("mini", "a", "O1", "O1", False, 1, 0) in raw
    assert monthly == raw
    assert _both(net["wh"], "2026-11", "region")[0] == _both(net["wh"], "2026-11", "region")[1]
    # a later ingest adds a November fail for O2 and an October result: counted again
    _write_results(net["root"], net["ck"], [("O2", "2026-11-20T09:00:00+08:00", "fail", "pass"),
                                           ("O2", "2026-10-20T09:00:00+08:00", "pass", "pass")])
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0 and "2 added" in err, err
    monthly, raw = _both(net["wh"], "2026-11")
    assert ("mini", "a", "O2", "O2", True, 5, 1) in raw and monthly == raw
    monthly, raw = _both(net["wh"], "2026-10")
    assert ("mini", "a", "O2", "O2", True, 1, 0) in raw and monthly == raw
    con = duckdb.connect(str(net["wh"]), read_only=True)
    rows = con.execute("SELECT count(*), count(DISTINCT (checklist_id, item_id, branch, month))"
                       " FROM item_months").fetchone()
    con.close()
    assert rows is not None and rows[0] == rows[1]  # one row per key: counted again, not added


def test_a_directory_that_moves_days_recounts_the_months(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    # 2026-11-01T07:00+08:00 is 2026-10-31 23:00 UTC: November 1st in Shanghai,
    # October 31st in Honolulu (UTC-10)
    _write_results(net["root"], net["ck"], [("O1", "2026-11-01T07:00:00+08:00", "pass", "pass")])
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0, err
    monthly, raw = _both(net["wh"], "2026-11")
    assert ("mini", "a", "O1", "O1", True, 4, 1) in raw
    assert ("mini", "a", "O1", "O1", False, 1, 0) in raw and monthly == raw
    org = net["tmp"] / "moved.yaml"
    org.write_text(ORG.replace("{id: O1, kind: outlet,",
                               "{id: O1, timezone: Pacific/Honolulu, kind: outlet,"),
                   encoding="utf-8")
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]),
                       "--org", str(org))
    assert code == 0, err
    monthly, raw = _both(net["wh"], "2026-11")
    assert ("mini", "a", "O1", "O1", True, 3, 1) in raw
    assert ("mini", "a", "O1", "O1", False, 2, 0) in raw and monthly == raw
