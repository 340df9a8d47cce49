"""The views over the directory stored at ingest (rolled up inside DuckDB, from
``unit_tree``) and over the same directory given with ``--org`` (rolled up in
Python) agree; a day checked twice is done once, after a later ingest and after a
directory that re-dates results too. Network and figures: tests/cli/test_network.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_network import ORG, _env, _write_results, cli, net, view  # noqa: F401

duckdb = pytest.importorskip("duckdb")

CASES = [
    ("league", "--period", "2026-W45", "--level", "outlet", "--min-n", "2"),
    ("league", "--period", "2026-11", "--level", "region"),
    ("league", "--period", "2026-11", "--level", "1", "--unit", "R1"),
    ("league", "--period", "2026-11", "--unit", "R2"),
    ("league", "--period", "2026-11", "--level", "head-office"),
    ("missing", "--period", "2026-W45"),
    ("missing", "--period", "2026-11", "--level", "region"),
    ("missing", "--period", "2026-11", "--level", "2", "--unit", "R2"),
    ("missing", "--period", "2026-11", "--every", "week", "--level", "region"),
    ("missing", "--period", "2026-11", "--every", "day"),
    ("missing", "--period", "2026-Q4", "--every", "month", "--unit", "R1"),
    ("items", "--period", "2026-11", "--level", "region"),
    ("trend", "--since", "2026-10-01", "--until", "2026-11-30", "--by", "week"),
]


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c) for c in CASES])
def test_the_stored_directory_and_the_file_give_the_same_views(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        case: tuple[str, ...]) -> None:
    stored = view(capsys, net, *case)
    given = view(capsys, net, *case, "--org", str(net["org"]))
    assert stored == given
    assert stored  # every case shows rows: the comparison is not of two empty lists


def _week(capsys: pytest.CaptureFixture[str],
          network: dict[str, Path]) -> dict[str, dict[str, object]]:
    league = {r["unit"]: r for r in view(capsys, network, "league", "--period", "2026-W45",
                                          "--level", "outlet", "--min-n", "1")}
    missing = {r["unit"]: r for r in view(capsys, network, "missing", "--period", "2026-W45")}
    for unit, row in missing.items():  # two ways of counting done slots, one figure
        assert (league[unit]["done"], league[unit]["expected"]) == (row["done"],
                                                                    row["expected"])
    return {u: {**league[u], "slots": missing[u]["slots"]} for u in league}


def _one_first_per_day(wh: Path) -> None:
    con = duckdb.connect(str(wh), read_only=True)
    marks = con.execute(
        "SELECT count(*) FILTER (WHERE day_first), count(*) FILTER (WHERE day_first IS NULL), "
        "min(rid) FILTER (WHERE day_first) = min(rid) FROM results "
        "GROUP BY branch, checklist_id, day").fetchall()
    con.close()
    assert marks and set(marks) == {(1, 0, True)}  # one mark per day, on its first result


def test_a_day_checked_twice_is_done_once(net: dict[str, Path],  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = _week(capsys, net)
    assert (before["O1"]["n"], before["O1"]["done"], before["O1"]["expected"]) == (3, 3, 4)
    # a second check of O1 on Monday 2026-11-02, ingested later
    _write_results(net["root"], net["ck"], [("O1", "2026-11-02T15:00:00+08:00", "pass",
                                             "pass")])
    assert cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))[0] == 0
    after = _week(capsys, net)
    assert (after["O1"]["n"], after["O1"]["done"], after["O1"]["expected"]) == (4, 3, 4)
    assert after["O1"]["slots"] == ["O1 2026-11-06"]
    _one_first_per_day(net["wh"])


def test_a_directory_that_re_dates_results_recounts_the_days(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert _week(capsys, net)["O2"]["done"] == 4  # the 17:30Z result is Shanghai's 6th
    utc = net["tmp"] / "utc.yaml"
    utc.write_text(ORG.replace("name: {zh: 网点二, en: Outlet two}}",
                               "name: {zh: 网点二, en: Outlet two}, timezone: UTC}"),
                   encoding="utf-8")
    assert cli(capsys, "network", "ingest", str(net["root"]), "--org", str(utc),
               "-w", str(net["wh"]))[0] == 0
    # in UTC it is the 5th: two checks on the 5th, none on the 6th
    row = _week(capsys, net)["O2"]
    assert (row["n"], row["done"], row["expected"]) == (4, 3, 4)
    assert row["slots"] == ["O2 2026-11-06"]
    _one_first_per_day(net["wh"])


def test_a_forged_cycle_in_the_stored_directory_does_not_hang(
        net: dict[str, Path]) -> None:  # noqa: F811
    from branchcheck.network import warehouse as wh

    con = duckdb.connect(str(net["wh"]))
    con.execute("UPDATE units SET parent = 'O1' WHERE id = 'HO'")
    con.execute("DELETE FROM unit_tree")
    con.execute(wh.UNIT_TREE)
    con.close()
    for args in (["--level", "region"], ["--unit", "R1", "--level", "outlet"]):
        done = subprocess.run(
            [sys.executable, "-m", "branchcheck", "network", "league", "-w", str(net["wh"]),
             "--period", "2026-11", "-f", "json", *args],
            capture_output=True, text=True, timeout=120)
        assert done.returncode in (0, 2), done.stderr
        assert "Traceback" not in done.stderr


def test_a_programme_of_several_cadences(net: dict[str, Path],  # noqa: F811
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Outlets: a business-day and a weekly check of ``mini``; regions (which never
    check): a monthly one. Hand-computed for 2026-W45, O3 opening on the 5th."""
    several = net["tmp"] / "several.yaml"
    several.write_text(ORG.replace(
        "  - {kind: outlet, checklist: mini, every: business-day}\n",
        "  - {kind: outlet, checklist: mini, every: business-day}\n"
        "  - {kind: outlet, checklist: mini, every: week}\n"
        "  - {kind: region, checklist: mini, every: month}\n"), encoding="utf-8")
    assert cli(capsys, "network", "ingest", str(net["root"]), "--org", str(several),
               "-w", str(net["wh"]))[0] == 0
    week = ("--period", "2026-W45")
    missing = {r["unit"]: r for r in view(capsys, net, "missing", *week)}
    assert (missing["O1"]["expected"], missing["O1"]["done"]) == (5, 4)  # 4 days + 1 week
    assert missing["O1"]["slots"] == ["O1 2026-11-06"]
    assert (missing["O3"]["expected"], missing["O3"]["done"]) == (3, 2)
    assert (missing["R1"]["expected"], missing["R1"]["done"]) == (1, 0)
    assert missing["R1"]["slots"] == ["R1 2026-11"]
    league = {r["unit"]: r for r in view(capsys, net, "league", *week, "--level", "region")}
    # R1: O1 5/4, O2 5/5, R1 itself 1/0; R2: O3 3/2, R2 itself 1/0
    assert {u: (r["expected"], r["done"]) for u, r in league.items()} == {
        "R1": (11, 9), "R2": (4, 2)}
    for case in (("missing", *week), ("league", *week, "--level", "region"),
                 ("missing", *week, "--level", "1", "--unit", "R2")):
        assert view(capsys, net, *case) == view(capsys, net, *case, "--org", str(several))
