"""Corrective actions in the network warehouse: ingest of the action logs (incremental,
tampered logs rejected), ``network actions``, the league's action columns, the report's
section and the v2 -> v3 migration, against hand-computed figures.

Network and checklist as in test_network (``mini``: ``a`` is a red line, ``b`` is not;
business days Mon-Fri, 2026-11-04 a holiday). The actions come from the hook that
``run``/``score`` call after storing (due dates: 5 business days Mon-Fri after the
check, 1 for a failed red line):

  O1 11-02 (p,f): opens X1 (b, normal, due 11-09)
  O1 11-03 (f,f): opens X2 (a, high, due 11-04); X1 recurs
  O2 11-02 (p,f): opens Y1 (b, due 11-09)
  O2 11-03 (p,p): verifies Y1 (closed 11-03)
  O3 11-06 (f,p): opens Z1 (a, high, due 11-09)

Judged on 11-10 (``--until``): X1 late 1 business day (11-10), X2 late 4 (11-05,
11-06, 11-09, 11-10), Z1 late 1. Judged on 11-09: X1 and Z1 not late, X2 late 3.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from branchcheck.cli import run
from tests.cli.test_network import _env, make_net  # noqa: F401
from tests.unit.test_network_warehouse import old_warehouse

duckdb = pytest.importorskip("duckdb")

P, F = "pass", "fail"
CHECKS = [
    ("O1", "2026-11-02T09:00:00+08:00", P, F), ("O1", "2026-11-03T09:00:00+08:00", F, F),
    ("O2", "2026-11-02T09:00:00+08:00", P, F), ("O2", "2026-11-03T09:00:00+08:00", P, P),
    ("O3", "2026-11-06T09:00:00+08:00", F, P),
]
SPAN = ("--since", "2026-11-02", "--until", "2026-11-10")


def _check(root: Path, ck_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """Store each result and update its branch's actions, as ``score`` does."""
    from branchcheck.actions.hook import record_result
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck = load_checklist(str(ck_path))
    for branch, finished, a, b in rows:
        result = make_result(ck, {"a": Answer("a", a), "b": Answer("b", b)}, branch=branch,
                             reviewer="r", lang="en", started=finished, finished=finished)
        record_result(root, write_result(result, root=root), result, ck)


@pytest.fixture
def net(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    return make_net(tmp_path, capsys, lambda root, ck: _check(root, ck, CHECKS))


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def view(capsys: pytest.CaptureFixture[str], net: dict[str, Path], name: str,
         *args: str) -> dict[str, dict[str, Any]]:
    code, out, err = cli(capsys, "network", name, "-w", str(net["wh"]), "-f", "json", *args)
    assert code == 0, err
    return {r["unit"]: r for r in json.loads(out)}


def test_actions_per_outlet(net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, net, "actions", *SPAN, "--level", "outlet")
    counts = {u: (r["open"], r["overdue"], r["high"], r["opened"], r["fixed"])
              for u, r in rows.items()}
    assert counts == {"O1": (2, 2, 1, 2, 0), "O2": (0, 0, 0, 1, 1), "O3": (1, 1, 1, 1, 0)}
    oldest = rows["O1"]["oldest_overdue"]
    assert (oldest["branch"], oldest["item"], oldest["due"], oldest["days"]) == (
        "O1", "a", "2026-11-04", 4)
    assert rows["O3"]["oldest_overdue"]["days"] == 1
    assert rows["O2"]["oldest_overdue"] is None
    assert list(rows) == ["O1", "O3", "O2"]  # most overdue first


def test_overdue_is_judged_on_the_last_day_by_the_directory_calendar(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, net, "actions", "--since", "2026-11-02", "--until", "2026-11-09")
    assert {u: r["overdue"] for u, r in rows.items()} == {"O1": 1, "O2": 0, "O3": 0}
    assert rows["O1"]["oldest_overdue"]["days"] == 3  # 11-04 is a holiday: 5th, 6th, 9th


def test_actions_by_region_and_in_the_league(net: dict[str, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, net, "actions", *SPAN, "--level", "region")
    assert {u: (r["open"], r["overdue"], r["opened"], r["fixed"]) for u, r in rows.items()} \
        == {"R1": (2, 2, 3, 1), "R2": (1, 1, 1, 0)}
    league = view(capsys, net, "league", *SPAN, "--level", "outlet", "--min-n", "1")
    assert {u: (r["actions_open"], r["actions_overdue"]) for u, r in league.items()} == {
        "O1": (2, 2), "O2": (0, 0), "O3": (1, 1)}
    only_a = view(capsys, net, "actions", *SPAN, "--checklist", "mini", "--unit", "R2")
    assert list(only_a) == ["O3"]


@pytest.mark.parametrize("args", [("--level", "outlet"), ("--level", "region"),
                                  ("--unit", "R1", "--level", "outlet")])
def test_the_stored_directory_and_the_file_count_the_same_actions(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    stored = view(capsys, net, "actions", *SPAN, *args)
    assert stored == view(capsys, net, "actions", *SPAN, *args, "--org", str(net["org"]))
    assert stored


@pytest.mark.parametrize("fmt", ["text", "md", "csv", "html"])
def test_every_format(net: dict[str, Path], capsys: pytest.CaptureFixture[str],
                      fmt: str) -> None:
    code, out, _ = cli(capsys, "network", "actions", "-w", str(net["wh"]), *SPAN, "-f", fmt)
    assert code == 0 and "O1" in out
    if fmt == "csv":
        head, first = out.splitlines()[:2]
        assert head.lstrip("\ufeff").startswith("Unit,Name,Open,Overdue")
        assert first.startswith("O1,")
    if fmt == "html":
        assert "<script" not in out and "Outlet one" in out


def test_report_has_an_actions_section(net: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "network", "report", "-w", str(net["wh"]), "--period",
                       "2026-11", "-f", "md")
    assert code == 0
    part = out.split("## Corrective actions")[1].split("\n## ")[0]
    assert "| O1 |" in part and "| O3 |" in part


def test_ingest_of_logs_is_incremental(net: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    args = ["network", "ingest", str(net["root"]), "-w", str(net["wh"])]
    code, _, err = cli(capsys, *args)
    assert code == 0 and "action logs: 0 read, 3 unchanged" in err
    _check(net["root"], net["ck"], [("O1", "2026-11-10T09:00:00+08:00", P, P)])
    code, _, err = cli(capsys, *args)
    assert code == 0 and "action logs: 1 read, 2 unchanged" in err
    rows = view(capsys, net, "actions", *SPAN)
    # X1 verified on 11-10; X2 is a red-line incident, which a passing check never closes
    assert (rows["O1"]["open"], rows["O1"]["fixed"]) == (1, 1)


def test_a_tampered_log_is_rejected_and_kept_out(net: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    log = net["root"] / "O2" / "actions.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].replace(b'"priority":"normal"', b'"priority":"high"')
    log.write_bytes(b"".join(lines))
    args = ["network", "ingest", str(net["root"]), "-w", str(net["wh"])]
    code, _, err = cli(capsys, *args, "--strict")
    assert code == 1
    assert f"rejected: {log}: the actions log has been tampered with" in err
    assert "1 rejected" in err
    rows = view(capsys, net, "actions", *SPAN, "--level", "region")
    assert (rows["R1"]["opened"], rows["R1"]["fixed"]) == (2, 0)  # O2's actions are out
    code, _, err = cli(capsys, *args)  # unchanged: still listed and counted
    assert code == 0 and f"rejected: {log}" in err


def test_a_log_holding_another_branchs_actions_is_rejected(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    (net["root"] / "O9").mkdir()
    for name in ("actions.jsonl", "actions.head"):
        shutil.copy(net["root"] / "O1" / name, net["root"] / "O9" / name)
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0 and "stored under O9 but holds actions of branch O1" in err


def test_a_version_2_warehouse_is_migrated_and_a_newer_one_refused(tmp_path: Path) -> None:
    from branchcheck.core.errors import InputError
    from branchcheck.network import warehouse as wh

    path = tmp_path / "v2.duckdb"
    con = old_warehouse(path, 2)
    con.execute("INSERT INTO results (rid, sha256, branch, checklist_id, day) VALUES "
                "(1, 'abc', 'O1', 'mini', DATE '2026-11-02')")
    con.close()
    with pytest.raises(InputError, match="schema version 2"), wh.reader(path):
        pass
    with wh.writer(path) as con:
        assert wh.schema_version(con) == wh.SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM results").fetchone() == (1,)
        # schema 6: a result ingested before sources were recorded is a self-check
        assert con.execute("SELECT check_source, inspector_unit FROM results").fetchone() == (
            "self", None)
        assert con.execute("SELECT count(*) FROM actions").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM action_logs").fetchone() == (0,)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                    [str(wh.SCHEMA_VERSION + 1)])
    with pytest.raises(InputError, match="newer branchcheck"), wh.writer(path):
        pass


def test_exported_actions_match_the_view(net: dict[str, Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export"
    assert run(["network", "export", str(out), "-w", str(net["wh"])]) == 0
    rows = duckdb.sql(f"SELECT branch, status, priority, due FROM '{out}/actions/*.parquet' "
                      "ORDER BY branch, item_id").fetchall()
    assert [(b, s, p, str(d)) for b, s, p, d in rows] == [
        ("O1", "open", "high", "2026-11-04"), ("O1", "open", "normal", "2026-11-09"),
        ("O2", "verified", "normal", "2026-11-09"), ("O3", "open", "high", "2026-11-09")]


def test_sample_has_actions_to_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo"
    assert run(["network", "sample", str(demo)]) == 0
    wh = str(demo / "net.duckdb")
    assert run(["network", "ingest", str(demo / "results"), "--org", str(demo / "org.yaml"),
                "-w", wh]) == 0
    capsys.readouterr()
    code, out, _ = cli(capsys, "network", "actions", "-w", wh, "--level", "sub-branch",
                       "-f", "json")
    rows = json.loads(out)
    assert code == 0 and {r["unit"] for r in rows} == {"SH-PD", "SH-XH", "BJ-HD", "BJ-CY"}
    assert sum(r["opened"] for r in rows) > 0 and sum(r["fixed"] for r in rows) > 0


def test_hostile_text_from_a_log_is_neutralised_in_every_format(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.actions.log import NewEvent
    from branchcheck.actions.writer import append

    evil = '=HYPERLINK("x")<script>\x1b]0;pwn\x07'
    ref = {"path": "x", "sha256": "c" * 64, "finished": "2026-11-02T09:00:00+08:00"}
    append(net["root"], "O2", lambda state: [NewEvent("opened", "A-0000BEEF", "r", {
        "branch": "O2", "checklist": "mini", "item": evil, "priority": "normal",
        "due": "2026-11-03", "within_days": 1, "result": ref})])
    assert run(["network", "ingest", str(net["root"]), "-w", str(net["wh"])]) == 0
    capsys.readouterr()
    for fmt in ("text", "md", "csv", "html"):
        code, out, _ = cli(capsys, "network", "actions", "-w", str(net["wh"]), *SPAN,
                           "--unit", "O2", "-f", fmt)
        assert code == 0 and "A-0000BEEF" in out
        assert "\x1b" not in out and "\x07" not in out
        if fmt in ("md", "html"):
            assert "<script>" not in out
        if fmt == "csv":
            assert ',"=HYPERLINK' not in out and ",=HYPERLINK" not in out
