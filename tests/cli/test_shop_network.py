"""An upheld appeal in the warehouse: the network views count the visit once, as the
shop report does, through ``network ingest`` and ``network league`` on a real DuckDB file.

The wave of tests/cli/test_shop_appeals.py (checklist ``mini``: a red line, b weight 2,
c, d; score = 100 x weights passed / 5, 0 when a fails), directory HO -> U1 (O1, O2),
U2 (O3), October 2026:

  V1 O1 a p, b p, c p, d f -> (1+2+1)/5 = 80
  V2 O2 a p, b f, c p, d p -> (1+1+1)/5 = 60
  V3 O3 a f                -> red line: 0

League before: 1 O1 80, 2 O2 60, 3 O3 0 (red line last). O2's appeal on b is upheld
(b pass): the new result scores (1+2+1+1)/5 = 100 and replaces the original, which
stays in the folder and in the warehouse, marked, counted nowhere:
1 O2 100, 2 O1 80, 3 O3 0 -- the shop report's figures. Item b then failed 0 times in
3 visits (not 1 in 4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_shop_appeals import CHECKLIST, DELIVERY, MAPPING, cli

duckdb = pytest.importorskip("duckdb")

ORG = """\
format: branchcheck-org/1
timezone: Asia/Shanghai
units:
  - {id: HO, kind: head-office, name: {zh: 总行, en: Head office}}
  - {id: U1, kind: sub-branch, parent: HO, name: {zh: 一支行, en: Sub-branch one}}
  - {id: U2, kind: sub-branch, parent: HO, name: {zh: 二支行, en: Sub-branch two}}
  - {id: O1, kind: outlet, parent: U1, name: {zh: 甲网点, en: Outlet one}}
  - {id: O2, kind: outlet, parent: U1, name: {zh: 乙网点, en: Outlet two}}
  - {id: O3, kind: outlet, parent: U2, name: {zh: 丙网点, en: Outlet three}}
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    known = tmp_path / "known"
    known.mkdir()
    (known / "mini.yaml").write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(known))  # ingest verifies against it
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def net(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    for name, text in (("mini.yaml", CHECKLIST), ("map.yaml", MAPPING),
                       ("delivery.csv", DELIVERY), ("org.yaml", ORG)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    res = tmp_path / "res"
    code, _, err = cli(capsys, "shop", "import", str(tmp_path / "delivery.csv"), "-m",
                       str(tmp_path / "map.yaml"), "--results-dir", str(res))
    assert code == 0, err
    paths = {"res": res, "tmp": tmp_path, "wh": tmp_path / "net.duckdb",
             "org": tmp_path / "org.yaml"}
    assert ingest(capsys, paths)[0] == 0
    return paths


def ingest(capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> tuple[int, str]:
    code, _, err = cli(capsys, "network", "ingest", str(net["res"]), "--org", str(net["org"]),
                       "-w", str(net["wh"]), "--strict")
    return code, err


def league(capsys: pytest.CaptureFixture[str], net: dict[str, Path],
           lang: str = "en") -> list[tuple[object, ...]]:
    code, out, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--period",
                         "2026-10", "--checklist", "mini", "-f", "json", "--lang", lang)
    assert code == 0, err
    return [(r["rank"], r["unit"], r["name"], r["score"], r["red_lines"], r["n"])
            for r in json.loads(out)]


def item_b(capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> tuple[int, int]:
    code, out, err = cli(capsys, "network", "items", "-w", str(net["wh"]), "--period",
                         "2026-10", "--checklist", "mini", "-f", "json")
    assert code == 0, err
    (row,) = [r for r in json.loads(out) if r["item"] == "b"]
    return row["failed"], row["answered"]


def uphold(capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> Path:
    (original,) = sorted((net["res"] / "O2" / "mini").glob("2*.yaml"))
    code, _, err = cli(capsys, "shop", "appeal", "file", str(original), "--item", "b",
                       "--reason", "录像显示已主动询问", "--by", "O2",
                       "--results-dir", str(net["res"]))
    assert code == 0, err
    code, _, err = cli(capsys, "shop", "appeal", "decide", "AP-0001", "--uphold", "--answer",
                       "pass", "--by", "服务质量部", "--results-dir", str(net["res"]),
                       "--checklist", str(net["tmp"] / "mini.yaml"))
    assert code == 0 and "60.0 -> 100.0" in err, err
    return original


BEFORE = [(1, "O1", "Outlet one", 80.0, 0, 1), (2, "O2", "Outlet two", 60.0, 0, 1),
          (3, "O3", "Outlet three", 0.0, 1, 1)]
AFTER = [(1, "O2", "Outlet two", 100.0, 0, 1), (2, "O1", "Outlet one", 80.0, 0, 1),
         (3, "O3", "Outlet three", 0.0, 1, 1)]


def test_an_upheld_appeal_changes_the_league_as_the_shop_report_does(
        capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> None:
    assert league(capsys, net) == BEFORE
    assert item_b(capsys, net) == (1, 3)
    original = uphold(capsys, net)
    code, err = ingest(capsys, net)
    assert code == 0 and "1 added" in err and "upheld appeals: 1 original" in err, err
    assert league(capsys, net) == AFTER
    assert item_b(capsys, net) == (0, 3)  # the monthly counts no longer hold the original
    # trend: O2's month holds one check of 100, not two (60 and 100, mean 80)
    code, out, err = cli(capsys, "network", "trend", "-w", str(net["wh"]), "--period",
                         "2026-10", "--checklist", "mini", "-f", "json")
    assert code == 0, err
    assert [(r["unit"], r["n"], r["mean"]) for r in json.loads(out) if r["unit"] == "O2"] == [
        ("O2", 1, 100.0)]
    # zh: the same figures, the names in Chinese
    assert league(capsys, net, "zh") == [(1, "O2", "乙网点", 100.0, 0, 1),
                                         (2, "O1", "甲网点", 80.0, 0, 1),
                                         (3, "O3", "丙网点", 0.0, 1, 1)]
    code, out, _ = cli(capsys, "network", "league", "-w", str(net["wh"]), "--period",
                       "2026-10", "--checklist", "mini", "--lang", "zh")
    assert code == 0 and out.index("乙网点") < out.index("甲网点") < out.index("丙网点")
    # Both results are in the warehouse; the original is marked, not deleted.
    con = duckdb.connect(str(net["wh"]), read_only=True)
    try:
        rows = con.execute("SELECT branch, overall_final, superseded, appeal_of IS NOT NULL "
                           "FROM results ORDER BY branch, rid").fetchall()
    finally:
        con.close()
    assert rows == [("O1", 80.0, False, False), ("O2", 60.0, True, False),
                    ("O2", 100.0, False, True), ("O3", 0.0, False, False)]
    assert original.exists()
    # Ingesting again adds nothing and changes nothing.
    code, err = ingest(capsys, net)
    assert code == 0 and "0 added, 4 unchanged, 0 duplicates" in err, err
    assert "upheld appeals" not in err
    assert league(capsys, net) == AFTER


def test_an_original_ingested_after_its_replacement_is_still_left_out(
        capsys: pytest.CaptureFixture[str], net: dict[str, Path], tmp_path: Path) -> None:
    """The replacement reaches a new warehouse first (another folder), the original later."""
    uphold(capsys, net)
    first, later = tmp_path / "first", tmp_path / "later"
    (first / "O2" / "mini").mkdir(parents=True)
    (later / "O2" / "mini").mkdir(parents=True)
    files = sorted((net["res"] / "O2" / "mini").glob("2*.yaml"))
    (first / "O2" / "mini" / files[1].name).write_bytes(files[1].read_bytes())
    (later / "O2" / "mini" / files[0].name).write_bytes(files[0].read_bytes())
    wh = tmp_path / "other.duckdb"
    for root in (first, later):
        code, _, err = cli(capsys, "network", "ingest", str(root), "--org", str(net["org"]),
                           "-w", str(wh))
        assert code == 0, err
    assert "upheld appeals: 1 original" in err
    code, out, err = cli(capsys, "network", "league", "-w", str(wh), "--period", "2026-10",
                         "--checklist", "mini", "-f", "json")
    assert code == 0, err
    assert [(r["unit"], r["score"], r["n"]) for r in json.loads(out)] == [("O2", 100.0, 1)]


def test_a_result_cannot_take_another_outlets_visit_out_of_the_figures(
        capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> None:
    """A replacement supersedes only a result of its own outlet, checklist and source: a
    result of O1 that names O3's red-line visit as the one it replaces leaves that visit
    counted (O3 stays in the league, last, with its red line)."""
    import hashlib
    from dataclasses import replace

    from branchcheck.results.chain import store_result
    from branchcheck.results.storage import read_result

    (mine,) = sorted((net["res"] / "O1" / "mini").glob("2*.yaml"))
    (theirs,) = sorted((net["res"] / "O3" / "mini").glob("2*.yaml"))
    forged = replace(read_result(mine), appeal={
        "id": "AP-0009", "of": hashlib.sha256(theirs.read_bytes()).hexdigest(), "item": "a"})
    store_result(forged, root=net["res"])
    code, err = ingest(capsys, net)
    assert code == 0 and "1 added" in err and "upheld appeals" not in err, err
    assert [(u, s, k, n) for _, u, _, s, k, n in league(capsys, net)] == [
        ("O1", 80.0, 0, 2), ("O2", 60.0, 0, 1), ("O3", 0.0, 1, 1)]


def test_a_version_8_warehouse_learns_what_its_results_replace(
        capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> None:
    """A warehouse made before schema 9 holds both results of the appealed visit and knows
    no link; the upgrading ingest reads the mystery-shopper results again (counting them
    unchanged, not as duplicates) and the league is right."""
    from branchcheck.network.warehouse import ITEM_MONTHS, MIGRATIONS

    uphold(capsys, net)
    assert ingest(capsys, net)[0] == 0
    # Take the file back to what schema 8 made: no link columns, counts over every result.
    con = duckdb.connect(str(net["wh"]))
    try:
        con.execute("DROP TABLE visits")
        con.execute("ALTER TABLE results DROP COLUMN superseded")
        con.execute("ALTER TABLE results DROP COLUMN appeal_of")
        con.execute("ALTER TABLE item_months DROP COLUMN check_source")  # schema 12's
        con.execute("DELETE FROM item_months")
        con.execute("INSERT INTO item_months " + ITEM_MONTHS + " GROUP BY ALL")
        con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    finally:
        con.close()
    assert len(MIGRATIONS) >= 9  # the upgrade runs schema 9's step and every later one
    code, _, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--period",
                       "2026-10", "--checklist", "mini")
    assert code == 2 and "schema version 8" in err  # a reader asks for the upgrade
    code, err = ingest(capsys, net)
    assert code == 0 and "0 added, 4 unchanged, 0 duplicates" in err, err
    assert "upheld appeals: 1 original" in err
    assert league(capsys, net) == AFTER
    assert item_b(capsys, net) == (0, 3)
    assert [(r["unit"], r["visits"]) for r in waiting(capsys, net)] == [
        ("O3", 1), ("O2", 1), ("O1", 1)]  # the visit records, read again


def waiting(capsys: pytest.CaptureFixture[str], net: dict[str, Path], *args: str
            ) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "network", "waiting", "-w", str(net["wh"]), "--period",
                         "2026-10", "-f", "json", *args)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_waiting_minutes_per_unit(capsys: pytest.CaptureFixture[str],
                                  net: dict[str, Path]) -> None:
    """Waits: O1 5, O2 12 (both under U1), O3 30 (U2).

    U1: 2 visits, mean (5 + 12) / 2 = 8.5, median 8.5, 90th percentile by nearest rank
    the ceil(0.9 x 2) = 2nd smallest = 12, max 12; none waited 15 minutes or more.
    U2: 1 visit of 30: mean, median, p90 and max 30; 1 of 1 waited 15 or more.
    Longest mean first: U2, U1. After O2's upheld appeal the replacement carries the
    same visit: still 2 visits under U1, not 3.
    """
    u2 = {"unit": "U2", "name": "Sub-branch two", "visits": 1, "mean": 30.0, "median": 30.0,
          "p90": 30.0, "max": 30.0, "over": 1, "over_share": 1.0, "threshold": 15.0}
    u1 = {"unit": "U1", "name": "Sub-branch one", "visits": 2, "mean": 8.5, "median": 8.5,
          "p90": 12.0, "max": 12.0, "over": 0, "over_share": 0.0, "threshold": 15.0}
    assert waiting(capsys, net, "--level", "sub-branch") == [u2, u1]
    uphold(capsys, net)
    assert ingest(capsys, net)[0] == 0
    assert waiting(capsys, net, "--level", "sub-branch") == [u2, u1]
    # --over 10: O2's 12 minutes count under U1 (1 of 2 = 50 %)
    assert [(r["unit"], r["over"], r["over_share"]) for r in waiting(
        capsys, net, "--level", "sub-branch", "--over", "10")] == [("U2", 1, 1.0),
                                                                  ("U1", 1, 0.5)]
    code, out, err = cli(capsys, "network", "waiting", "-w", str(net["wh"]), "--period",
                         "2026-10", "--level", "sub-branch", "--lang", "zh")
    assert code == 0, err
    assert "平均等候（分钟）" in out and "等候 ≥15 分钟" in out and "1 (100%)" in out
    assert out.index("二支行") < out.index("一支行") and "8.5" in out
    # The warehouse keeps no shopper and no teller.
    con = duckdb.connect(str(net["wh"]), read_only=True)
    try:
        columns = [r[0] for r in con.execute("DESCRIBE visits").fetchall()]
        values = con.execute("SELECT * FROM visits ORDER BY rid").fetchall()
    finally:
        con.close()
    assert columns == ["rid", "wave", "visit_id", "visit_date", "slot", "waiting_minutes",
                       "scenario"]
    assert not any(v in ("S1", "S2") for row in values for v in row)
    assert len(values) == 4  # three visits and the appeal's new result
    # ... nor does its export: visits/ has the same columns
    target = net["tmp"] / "export"
    code, _, err = cli(capsys, "network", "export", str(target), "-w", str(net["wh"]))
    assert code == 0, err
    con = duckdb.connect()
    try:
        exported = [r[0] for r in con.execute(
            "DESCRIBE SELECT * FROM read_parquet(?)",
            [str(target / "visits" / "visits.parquet")]).fetchall()]
    finally:
        con.close()
    assert exported == columns


def test_a_chain_of_appeals_counts_the_last_result_alone(
        capsys: pytest.CaptureFixture[str], net: dict[str, Path]) -> None:
    """O1 (80: d failed) appeals d; the department upholds it without changing the answer
    (B, 80 again, a new result); O1 then appeals d of B, upheld as pass (C: 100). A is
    replaced by B, B by C: O1 counts once, 100 -- not B's 80 beside it (mean 90, n 2)."""
    res, ck = str(net["res"]), str(net["tmp"] / "mini.yaml")

    def appeal(path: Path, number: str, answer: str) -> None:
        code, _, err = cli(capsys, "shop", "appeal", "file", str(path), "--item", "d",
                           "--reason", "复核", "--by", "O1", "--results-dir", res)
        assert code == 0, err
        code, _, err = cli(capsys, "shop", "appeal", "decide", number, "--uphold", "--answer",
                           answer, "--by", "部", "--results-dir", res, "--checklist", ck)
        assert code == 0, err

    (first,) = sorted((net["res"] / "O1" / "mini").glob("2*.yaml"))
    appeal(first, "AP-0001", "fail")
    assert ingest(capsys, net)[0] == 0  # B reaches the warehouse before C exists
    (second,) = [p for p in sorted((net["res"] / "O1" / "mini").glob("2*.yaml")) if p != first]
    appeal(second, "AP-0002", "pass")
    code, err = ingest(capsys, net)
    assert code == 0 and "upheld appeals: 1 original" in err, err
    assert [(u, s, n) for _, u, _, s, _, n in league(capsys, net)] == [
        ("O1", 100.0, 1), ("O2", 60.0, 1), ("O3", 0.0, 1)]


def test_waiting_by_scenario_and_slot(capsys: pytest.CaptureFixture[str],
                                      net: dict[str, Path]) -> None:
    """开户: O1 5 and O3 30 -> 2 visits, mean 17.5, median 17.5, p90 the 2nd = 30, max 30,
    1 of 2 at 15 or more; 投诉: O2 12 alone. The delivery gives no slot: one group '—' of
    3 visits, mean 47/3, median 12, p90 the ceil(2.7) = 3rd = 30, 1 of 3 at 15 or more."""
    rows = waiting(capsys, net, "--by", "scenario")
    assert [(r["scenario"], r["visits"], r["mean"], r["median"], r["p90"], r["max"],
             r["over"]) for r in rows] == [("开户", 2, 17.5, 17.5, 30.0, 30.0, 1),
                                          ("投诉", 1, 12.0, 12.0, 12.0, 12.0, 0)]
    (row,) = waiting(capsys, net, "--by", "slot")
    assert (row["slot"], row["visits"], row["median"], row["p90"], row["over"]) == (
        "—", 3, 12.0, 30.0, 1)
    assert row["mean"] == pytest.approx(47 / 3) and row["over_share"] == pytest.approx(1 / 3)
    code, out, _ = cli(capsys, "network", "waiting", "-w", str(net["wh"]), "--period",
                       "2026-10", "--by", "scenario", "--lang", "zh")
    assert code == 0 and "场景" in out and out.index("开户") < out.index("投诉")
    code, _, err = cli(capsys, "network", "waiting", "-w", str(net["wh"]), "--by", "teller")
    assert code == 2 and "--by" in err
