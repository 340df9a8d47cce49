"""``branchcheck network`` end to end on a small network with hand-computed figures.

Network: HO -> R1 (O1, O2), HO -> R2 (O3, opened 2026-11-05). Business days
Mon-Fri, 2026-11-04 (Wed) a holiday. Checklist ``mini``: one section, items
``a`` (red line: a fail sets the score to 0) and ``b``; score = 100 * passes / 2.
Week 2026-W45 = 2026-11-02 (Mon) .. 2026-11-08; its business days are the 2nd,
3rd, 5th and 6th (O3: the 5th and 6th only).

Results (a, b) -> final:
  O1  10-30 (p,p) 100   11-02 (p,p) 100   11-03 (p,f) 50   11-05 (f,f) 0 KO
  O2  11-02 (p,p) 100   11-03 (p,p) 100   11-05 (p,p) 100  11-06 (p,f) 50 *
  O3  11-06 (f,p) 0 KO
* finished 2026-11-05T17:30Z = 11-06 01:30 in Shanghai: dated the 6th.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from branchcheck.cli import run

pytest.importorskip("duckdb")

CHECKLIST = """\
id: mini
version: 1
title: {zh: 迷你, en: Mini}
languages: [zh, en]
grades:
  - {min: 90, label: {zh: 优, en: Top}}
  - {min: 0, label: {zh: 差, en: Low}}
sections:
  - id: s1
    title: {zh: 一, en: One}
    items:
      - {id: a, type: check, critical: checklist, text: {zh: 甲, en: Item A}}
      - {id: b, type: check, text: {zh: 乙, en: Item B}}
"""

ORG = """\
format: branchcheck-org/1
timezone: Asia/Shanghai
business_days: [mon, tue, wed, thu, fri]
closed_days: [2026-11-04]
programme:
  - {kind: outlet, checklist: mini, every: business-day}
units:
  - {id: HO, kind: head-office, name: {zh: 总行, en: Head office}}
  - {id: R1, kind: region, parent: HO, name: {zh: 一区, en: Region one}}
  - {id: R2, kind: region, parent: HO, name: {zh: 二区, en: Region two}}
  - {id: O1, kind: outlet, parent: R1, name: {zh: 网点一, en: Outlet one}}
  - {id: O2, kind: outlet, parent: R1, name: {zh: 网点二, en: Outlet two}}
  - {id: O3, kind: outlet, parent: R2, name: {zh: 网点三, en: Outlet three}, opened: 2026-11-05}
"""

P, F = "pass", "fail"
RESULTS = [
    ("O1", "2026-10-30T09:00:00+08:00", P, P), ("O1", "2026-11-02T09:00:00+08:00", P, P),
    ("O1", "2026-11-03T09:00:00+08:00", P, F), ("O1", "2026-11-05T09:00:00+08:00", F, F),
    ("O2", "2026-11-02T09:00:00+08:00", P, P), ("O2", "2026-11-03T09:00:00+08:00", P, P),
    ("O2", "2026-11-05T09:00:00+08:00", P, P), ("O2", "2026-11-05T17:30:00+00:00", P, F),
    ("O3", "2026-11-06T09:00:00+08:00", F, P),
]


def _write_results(root: Path, checklist_path: Path,
                   rows: list[tuple[str, str, str, str]]) -> list[Path]:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck = load_checklist(str(checklist_path))
    out = []
    for branch, finished, a, b in rows:
        result = make_result(ck, {"a": Answer("a", a), "b": Answer("b", b)}, branch=branch,
                             reviewer="r", lang="en", started=finished, finished=finished)
        out.append(write_result(result, root=root))
    return out


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS",
                "BRANCHCHECK_TRUST"):
        monkeypatch.delenv(var, raising=False)
    # the department has the checklist its outlets use: ingest verifies the results
    # against it (an unverified result is held back, issue 25 N2)
    known = tmp_path / "known-checklists"
    known.mkdir()
    (known / "mini.yaml").write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(known))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def make_net(tmp_path: Path, capsys: pytest.CaptureFixture[str],
             write: Callable[[Path, Path], Any]) -> dict[str, Path]:
    """The checklist and directory files, results written by ``write(root, checklist)``,
    all ingested into a warehouse."""
    ck = tmp_path / "mini.yaml"
    ck.write_text(CHECKLIST, encoding="utf-8")
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    root = tmp_path / "results"
    written = write(root, ck)
    wh = tmp_path / "net.duckdb"
    assert run(["network", "ingest", str(root), "--org", str(org), "-w", str(wh)]) == 0
    capsys.readouterr()
    net = {"root": root, "org": org, "wh": wh, "ck": ck, "tmp": tmp_path}
    if written:
        net["first"] = written[0]
    return net


@pytest.fixture
def net(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    return make_net(tmp_path, capsys, lambda root, ck: _write_results(root, ck, RESULTS))


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def view(capsys: pytest.CaptureFixture[str], net: dict[str, Path], name: str,
         *args: str) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "network", name, "-w", str(net["wh"]), "-f", "json", *args)
    assert code == 0, err
    data: list[dict[str, object]] = json.loads(out)
    return data


# ------------------------------------------------------------------ views


def test_league_by_outlet(net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Period score = sum of finals / (checks scored + missed checks) (missed: zero).

    O1 in W45: 100 + 50 + 0 over 3 checks done and 1 missed (11-06) -> 150 / 4 = 37.5;
    mean of checks done 150 / 3 = 50; a red line (11-05). W44: 100 (10-30) over 1 done
    and 4 missed business days (10-26 .. 10-29) -> 20; change +17.5.
    O2: 4 of 4 done, (100 + 100 + 100 + 50) / 4 = 87.5; W44: nothing done -> 0.
    O3 (opened 11-05): 0 (red line) over 1 done and 1 missed -> 0 / 2 = 0.
    Rank: O2 (no red line) first; O1 after it despite a higher mean than nothing; O3
    has fewer than --min-n 2 checks: listed, not ranked.
    """
    rows = {r["unit"]: r for r in view(capsys, net, "league", "--period", "2026-W45",
                                        "--level", "outlet", "--min-n", "2")}
    o1, o2, o3 = rows["O1"], rows["O2"], rows["O3"]
    assert (o1["n"], o1["done"], o1["expected"], o1["missed"]) == (3, 3, 4, 1)
    assert o1["score"] == pytest.approx(37.5) and o1["mean_done"] == pytest.approx(50.0)
    assert o1["previous"] == pytest.approx(20.0) and o1["change"] == pytest.approx(17.5)
    assert o1["red_lines"] == 1 and o1["period_grade"] == "Fail (red line)"
    assert o1["completion"] == pytest.approx(0.75) and o1["low_completion"] is True
    assert o2["score"] == pytest.approx(87.5) and (o2["done"], o2["expected"]) == (4, 4)
    assert o2["previous"] == 0.0 and o2["red_lines"] == 0 and o2["period_grade"] is None
    assert o2["grades"] == {"Top": 3, "Low": 1}
    assert o3["score"] == 0.0 and (o3["done"], o3["expected"]) == (1, 2)
    assert o3["small_n"] is True and o3["rank"] is None
    assert [o2["rank"], o1["rank"]] == [1, 2]
    # missed: exclude -> the mean of checks done: O1 50, O3 0; the ranks stand.
    rows = {r["unit"]: r for r in view(capsys, net, "league", "--period", "2026-W45",
                                        "--missed", "exclude")}
    assert rows["O1"]["score"] == pytest.approx(50.0) and rows["O3"]["score"] == 0.0
    assert [rows[u]["rank"] for u in ("O2", "O1", "O3")] == [1, 2, 3]


def test_league_by_region_and_depth(net: dict[str, Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """R1 = mean of its outlets' period scores: (37.5 + 87.5) / 2 = 62.5 (each outlet
    weighs the same; the pool of its 7 results would give 500 / 7 = 71.4)."""
    by_kind = {r["unit"]: r for r in view(capsys, net, "league", "--period", "2026-W45",
                                           "--level", "region")}
    by_depth = {r["unit"]: r for r in view(capsys, net, "league", "--period", "2026-W45",
                                            "--level", "1")}
    assert by_kind == by_depth
    r1, r2 = by_kind["R1"], by_kind["R2"]
    assert r1["n"] == 7 and r1["score"] == pytest.approx(62.5) and r1["outlets"] == 2
    assert r1["mean_done"] == pytest.approx((50 + 87.5) / 2)
    assert (r1["done"], r1["expected"], r1["red_lines"]) == (7, 8, 1)
    assert r2["red_lines"] == 1 and r2["expected"] == 2 and r2["score"] == 0.0
    assert (r1["rank"], r2["rank"]) == (1, 2)


def test_league_subtree(net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, net, "league", "--period", "2026-W45", "--unit", "R1")
    assert sorted(r["unit"] for r in rows) == ["O1", "O2"]


def test_missing_respects_holidays_and_opening(net: dict[str, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["unit"]: r for r in view(capsys, net, "missing", "--period", "2026-W45")}
    assert rows["O1"]["slots"] == ["O1 2026-11-06"]
    assert rows["O2"]["missed"] == 0 and rows["O2"]["expected"] == 4
    assert rows["O3"]["slots"] == ["O3 2026-11-05"] and rows["O3"]["expected"] == 2
    code, _, _ = cli(capsys, "network", "missing", "-w", str(net["wh"]), "--period",
                     "2026-W45", "--fail-on-missing")
    assert code == 1


def test_missing_with_a_cadence_on_the_command_line(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    # Weekly: every outlet did at least one check in W45 -> nothing missing.
    rows = view(capsys, net, "missing", "--period", "2026-W45", "--every", "week")
    assert {r["unit"]: (r["expected"], r["done"]) for r in rows} == {
        "O1": (1, 1), "O2": (1, 1), "O3": (1, 1)}
    # Every calendar day except the holiday: 6 days (O3: 5th-8th = 4 days).
    rows = view(capsys, net, "missing", "--period", "2026-W45", "--every", "day")
    assert {r["unit"]: (r["expected"], r["done"]) for r in rows} == {
        "O1": (6, 3), "O2": (6, 4), "O3": (4, 1)}


def test_items_rates_and_systemic_flag(net: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["item"]: r for r in view(capsys, net, "items", "--period", "2026-W45",
                                        "--systemic", "0.5")}
    a, b = rows["a"], rows["b"]
    assert (a["answered"], a["failed"], a["outlets_failing"], a["outlets"]) == (8, 2, 2, 3)
    assert a["rate"] == pytest.approx(0.25) and a["change"] == pytest.approx(0.25)
    assert b["rate"] == pytest.approx(3 / 8) and b["outlets_failing"] == 2
    assert a["systemic"] and b["systemic"] and a["text"] == "Item A"
    assert b["worst"][0] == {"unit": "O1", "rate": pytest.approx(2 / 3), "failed": 2}
    rows = {r["item"]: r for r in view(capsys, net, "items", "--period", "2026-W45",
                                        "--systemic", "0.7")}
    assert not rows["a"]["systemic"]


def test_trend_by_week(net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, net, "trend", "--since", "2026-10-26", "--until", "2026-11-08",
                "--by", "week", "--unit", "O1")
    assert [(r["period"], r["n"], r["mean"]) for r in rows] == [
        ("2026-W44", 1, 100.0), ("2026-W45", 3, 50.0)]


def test_text_md_csv_html_outputs(net: dict[str, Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, marker in (("text", "Outlet two"), ("md", "| O2 |"), ("csv", "\ufeff#,Unit"),
                        ("html", "<table>")):
        code, out, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--period",
                             "2026-W45", "-f", fmt)
        assert code == 0 and marker in out and err == "", (fmt, out)


def test_report_html_is_self_contained(net: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "network", "report", "-w", str(net["wh"]), "--period",
                       "2026-11", "--lang", "en")
    assert code == 0
    assert "<script" not in out and "http://" not in out and "https://" not in out
    for part in ("Self-check overview", "heat map", "Missed checks", "Common problems",
                 "Red-line"):
        assert part in out
    assert "O3" in out and "2026-11-06" in out  # O3's red-line failure
    code, out, _ = cli(capsys, "network", "report", "-w", str(net["wh"]), "-f", "md",
                       "--period", "2026-11", "--lang", "en")
    assert code == 0 and out.startswith("# Network check report · 2026-11 · as of 2026-11-30")
    # the heat map: section titles and unit names; the red line by its text; a legend;
    # each setting says whether it is a default
    assert "| Unit | One |" in out and "| O1 Outlet one |" in out
    assert "| 2026-11-06 | O3 Outlet three | mini | Item A |" in out
    assert "red at 0, yellow at 50, green at 100" in out
    assert "a missed check counts 0 in the period score (default; the department may" in out
    code, out, _ = cli(capsys, "network", "report", "-w", str(net["wh"]), "-f", "md",
                       "--since", "2026-11-02", "--until", "2026-11-06", "--lang", "zh")
    assert code == 0
    assert out.startswith("# 网点服务检查报告 · 2026-11-02..2026-11-06 · 截至 2026-11-06")
    assert "| 单位 | 一 |" in out and "| 2026-11-06 | O3 网点三 | mini | 甲 |" in out
    assert "漏检按 0 分计入本期得分（默认值，可由部门设定）" in out


def test_sql_is_read_only_and_sandboxed(net: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "network", "sql", "-w", str(net["wh"]), "-f", "json",
                       "SELECT branch, count(*) AS n FROM results GROUP BY 1 ORDER BY 1")
    assert code == 0 and json.loads(out) == [{"branch": "O1", "n": 4}, {"branch": "O2", "n": 4},
                                             {"branch": "O3", "n": 1}]
    for bad in ("DELETE FROM results", "SELECT * FROM read_csv('/etc/passwd')",
                "COPY results TO '/tmp/x.csv'", "ATTACH '/tmp/other.duckdb'"):
        code, out, err = cli(capsys, "network", "sql", "-w", str(net["wh"]), bad)
        assert code == 2 and out == "" and ("SQL error" in err or "(SELECT) only" in err), bad


# ------------------------------------------------------------------ export + portable SQL


def test_export_and_portable_sql_match_the_commands(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from branchcheck.network import SQL_DIR

    target = net["tmp"] / "export"
    code, _, err = cli(capsys, "network", "export", str(target), "-w", str(net["wh"]))
    assert code == 0, err
    assert (target / "results" / "checklist=mini" / "month=2026-11").is_dir()
    assert (target / "items" / "checklist=mini" / "month=2026-10").is_dir()
    con = duckdb.connect()
    for table in ("results", "items", "sections"):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
                    f"'{target}/{table}/**/*.parquet', hive_partitioning = true)")
    league = con.execute((SQL_DIR / "league_month.sql").read_text()).fetchall()
    got = {(m, b): (n, mean, ko) for _, m, b, n, mean, ko in league}
    for month in ("2026-10", "2026-11"):
        for r in view(capsys, net, "league", "--period", month, "--level", "outlet"):
            if r["n"]:
                n, mean, ko = got[(month, r["unit"])]
                assert (n, ko) == (r["n"], r["red_lines"])
                assert mean == pytest.approx(r["mean_done"])
    items = con.execute((SQL_DIR / "items_month.sql").read_text()).fetchall()
    cmd = {r["item"]: r for r in view(capsys, net, "items", "--period", "2026-11")}
    for _, month, item, answered, failed, rate, outlets_failing, outlets in items:
        if month == "2026-11":
            c = cmd[item]
            assert (answered, failed, outlets_failing, outlets) == (
                c["answered"], c["failed"], c["outlets_any_fail"], c["outlets"])
            assert rate == pytest.approx(c["rate"])
    trend = con.execute((SQL_DIR / "trend_month.sql").read_text()).fetchall()
    cmd_trend = view(capsys, net, "trend", "--since", "2026-10-01", "--until", "2026-11-30")
    assert sorted((b, m, n, round(v, 9)) for b, _, m, n, v in trend) == sorted(
        (r["unit"], r["period"], r["n"], round(r["mean"], 9)) for r in cmd_trend)
    code, _, err = cli(capsys, "network", "export", str(target), "-w", str(net["wh"]))
    assert code == 2 and "already exists" in err


def test_views_without_a_warehouse_say_what_to_do(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "network", "league", "-w", str(tmp_path / "none.duckdb"))
    assert code == 2 and out == "" and "network ingest" in err


def test_bad_options_are_usage_errors(net: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for args, text in ((["--period", "2026-13"], "unknown period"),
                       (["--level", "planet"], "unknown level"),
                       (["--unit", "NOPE"], "no unit"),
                       (["--since", "2026-11-09", "--until", "2026-11-01"], "before")):
        code, out, err = cli(capsys, "network", "league", "-w", str(net["wh"]), *args)
        assert code == 2 and out == "" and text in err, args


def test_unknown_branches_are_warned_about(net: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _write_results(net["root"], net["ck"], [("ZZ-9", "2026-11-06T09:00:00+08:00", P, P)])
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]),
                       "--org", str(net["org"]))
    assert code == 0 and "not in the directory: ZZ-9" in err


def test_sample_quick_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo"
    assert run(["network", "sample", str(demo)]) == 0
    wh = str(demo / "net.duckdb")
    assert run(["network", "ingest", str(demo / "results"), "--org", str(demo / "org.yaml"),
                "-w", wh]) == 0
    capsys.readouterr()
    code, out, _ = cli(capsys, "network", "league", "-w", wh, "--level", "sub-branch")
    assert code == 0 and "Pudong sub-branch" in out and "2026-11" in out
    # The story the sample tells (network/sample.py): the outlet with a red line ranks
    # last, the one that skips days is flagged and loses points for each skipped day,
    # two common problems, a fact that is never a failure.
    league = view(capsys, {"wh": Path(wh)}, "league", "--period", "2026-11")
    last, skipper = league[-1], next(r for r in league if r["unit"] == "SH-001")
    assert last["unit"] == "BJ-001" and last["red_lines"] == 1
    assert [r["unit"] for r in league if r["red_lines"]] == ["BJ-001"]
    assert skipper["low_completion"] and skipper["missed"] == 5  # 25 opening days, 1 in 5
    assert skipper["score"] < skipper["mean_done"]
    items = view(capsys, {"wh": Path(wh)}, "items", "--period", "2026-11")
    assert {r["item"] for r in items if r["systemic"]} == {"brochures-tidy", "badge-worn"}
    assert "has-self-service" not in {r["item"] for r in items}
    branch = sorted(p.name for p in (demo / "results").iterdir() if p.is_dir())[0]
    code, out, _ = cli(capsys, "verify", "--branch", branch, "--results-dir",
                       str(demo / "results"))
    assert code == 0 and "chain intact" in out  # the sample is chained like real results


def test_version_and_other_commands_do_not_import_duckdb() -> None:
    code = ("import sys\nfrom branchcheck.cli import run\n"
            "run(['--version']); run(['list']); run(['validate', 'daily-opening'])\n"
            "run(['network', '--help'])\n"
            "assert 'duckdb' not in sys.modules, 'duckdb imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_sample_inspections_tell_the_honesty_story(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # network/sample.py: the branches inspect each outlet on its 2nd and 4th Wednesday
    # (11 and 25 Nov 2026), the same day as its own check. Caohejing (SH-005) passes,
    # both times, the five items the inspectors fail: 2 x 5 = 10 independent fails, all
    # 10 missed (rate 100 %); every other outlet's inspection copies its own answers, so
    # it misses nothing. Longhua (SH-006) opened on 16 Nov and Sanlitun (BJ-006) closed
    # on 21 Nov: one inspection each (see the directory). 10 x 2 + 2 = 22 in all.
    demo = tmp_path / "demo"
    assert run(["network", "sample", str(demo)]) == 0
    assert "22" in capsys.readouterr().err
    wh = str(demo / "net.duckdb")
    for folder in ("results", "inspections"):
        assert run(["network", "ingest", str(demo / folder), "--org", str(demo / "org.yaml"),
                    "-w", wh]) == 0
    capsys.readouterr()
    rows = view(capsys, {"wh": Path(wh)}, "honesty", "--period", "2026-11")
    first, rest = rows[0], rows[1:]
    assert (first["unit"], first["independent_fails"], first["missed"]) == ("SH-005", 10, 10)
    assert first["missed_rate"] == 1.0
    assert all(r["missed"] == 0 for r in rest) and len(rows) == 12
    # Composite (default weights; no mystery shopper in the sample): SH-005 is 8th on
    # its own checks and 10th on the composite.
    own = view(capsys, {"wh": Path(wh)}, "league", "--period", "2026-11", "--source", "self")
    comp = view(capsys, {"wh": Path(wh)}, "league", "--period", "2026-11", "--composite")
    assert [r["unit"] for r in own].index("SH-005") == 7
    assert [r["unit"] for r in comp].index("SH-005") == 9
    code, out, _ = cli(capsys, "network", "honesty", "-w", wh, "--period", "2026-11",
                       "--lang", "zh")
    assert code == 0 and "漕河泾网点" in out.splitlines()[3] and "100%" in out.splitlines()[3]
