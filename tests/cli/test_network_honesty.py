"""``network honesty`` and ``network audit-sample`` on a network with hidden cheats.

Network: HO -> S1 (sub-branch) -> outlets D1, D2, H1, H2. Checklist ``mini4``: four
check items a-d, one point each: score = 25 x passes. Week 2026-W45 (Mon 11-02 ..
Sun 11-08). Every outlet self-checks on Monday 09:00 (everything failed: 0) and
Thursday 09:00; the sub-branch inspects each on Wednesday 10:00 (source
``sub-branch``, unit S1). Thursday is 23 h from the inspection, Monday 49 h: the
inspection is paired with Thursday's self-check.

Thursday self-check vs inspection, items a b c d (P pass, F fail):

    D1  self P P P P (100)   inspection P F F F (25)   b, c, d missed        diff +75
    D2  self P P P F (75)    inspection P P F F (50)   c missed, d both fail diff +25
    H1  self P F P P (75)    inspection P F P P (75)   b both fail           diff 0
    H2  self P P P P (100)   inspection P P P P (100)  nothing to miss       diff 0

D1 and D2 pass at home what the inspector fails; H1 and H2 are honest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run

pytest.importorskip("duckdb")

CHECKLIST = """\
id: mini4
version: 1
title: {zh: 四项, en: Four items}
languages: [zh, en]
sections:
  - id: s1
    title: {zh: 一, en: One}
    items:
      - {id: a, type: check, text: {zh: 甲, en: Item A}}
      - {id: b, type: check, text: {zh: 乙, en: Item B}}
      - {id: c, type: check, text: {zh: 丙, en: Item C}}
      - {id: d, type: check, text: {zh: 丁, en: Item D}}
"""

ORG = """\
format: branchcheck-org/1
timezone: Asia/Shanghai
business_days: [mon, tue, wed, thu, fri]
programme:
  - {kind: outlet, checklist: mini4, every: business-day}
units:
  - {id: HO, kind: head-office, name: {zh: 总行, en: Head office}}
  - {id: S1, kind: sub-branch, parent: HO, name: {zh: 一支行, en: Sub-branch one}}
  - {id: D1, kind: outlet, parent: S1, name: {zh: 甲网点, en: Outlet D1}}
  - {id: D2, kind: outlet, parent: S1, name: {zh: 乙网点, en: Outlet D2}}
  - {id: H1, kind: outlet, parent: S1, name: {zh: 丙网点, en: Outlet H1}}
  - {id: H2, kind: outlet, parent: S1, name: {zh: 丁网点, en: Outlet H2}}
"""

THURSDAY = {"D1": "PPPP", "D2": "PPPF", "H1": "PFPP", "H2": "PPPP"}
INSPECTION = {"D1": "PFFF", "D2": "PPFF", "H1": "PFPP", "H2": "PPPP"}


def _write(root: Path, ck_path: Path) -> None:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck = load_checklist(str(ck_path))

    def store(branch: str, when: str, marks: str, source: str = "self") -> None:
        answers = {k: Answer(k, "pass" if m == "P" else "fail") for k, m in zip("abcd", marks,
                                                                               strict=True)}
        who = "inspector" if source != "self" else f"head-{branch}"
        write_result(make_result(ck, answers, branch=branch, reviewer=who, lang="en",
                                 started=when, finished=when, source=source,
                                 inspector_unit=None if source == "self" else "S1"), root=root)

    for branch in THURSDAY:
        store(branch, "2026-11-02T09:00:00+08:00", "FFFF")
        store(branch, "2026-11-05T09:00:00+08:00", THURSDAY[branch])
        store(branch, "2026-11-04T10:00:00+08:00", INSPECTION[branch], "sub-branch")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    # the department has the checklist: ingest verifies the results against it
    # (an unverified result is held back, issue 25 N2)
    known = tmp_path / "known-checklists"
    known.mkdir()
    (known / "mini4.yaml").write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(known))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def wh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    ck = tmp_path / "mini4.yaml"
    ck.write_text(CHECKLIST, encoding="utf-8")
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    root = tmp_path / "results"
    _write(root, ck)
    path = tmp_path / "net.duckdb"
    assert run(["network", "ingest", str(root), "--org", str(org), "-w", str(path),
                "--checklists", str(ck), "--strict"]) == 0  # verified (issue 25 N2)
    capsys.readouterr()
    return path


def view(capsys: pytest.CaptureFixture[str], wh: Path, name: str, *args: str
         ) -> list[dict[str, object]]:
    code = run(["network", name, "-w", str(wh), "--period", "2026-W45", "-f", "json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_the_cheats_come_first_with_their_missed_failure_rates(
        wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, wh, "honesty")
    assert [r["unit"] for r in rows] == ["D1", "D2", "H1", "H2"]
    by = {r["unit"]: r for r in rows}
    # missed-failure rate = missed / independent fails: D1 3/3, D2 1/2, H1 0/1, H2 none
    assert [(by[u]["missed"], by[u]["independent_fails"]) for u in by] == [
        (3, 3), (1, 2), (0, 1), (0, 0)]
    assert by["D1"]["missed_rate"] == 1.0 and by["D2"]["missed_rate"] == 0.5
    assert by["H1"]["missed_rate"] == 0.0 and by["H2"]["missed_rate"] is None
    # Wilson 95 % of 3/3: (2*3 + z^2 - z sqrt(z^2)) / (2 (3 + z^2)) = 6 / (2 (3 + 3.8415))
    # = 0.4385, to 1
    assert round(by["D1"]["missed_low"], 4) == 0.4385 and by["D1"]["missed_high"] == 1.0
    # Shrunk toward the network's rate p0 = 4/6 = 2/3, sampling variance
    # p0 (1 - p0) / n = (2/9)/n: 2/27, 1/9, 2/9 (n = 3, 2, 1). The rates 1, 1/2, 0 have
    # sample variance 1/4; tau^2 = 1/4 - mean(2/27, 3/27, 6/27) = 81/324 - 44/324 = 37/324.
    # B = 37/61, 37/73, 37/109:  D1 2/3 + (37/61)(1/3) = 159/183 = 0.868852;
    # D2 2/3 - (37/73)(1/6) = 255/438 = 0.582192;  H1 (2/3)(72/109) = 48/109 = 0.440367.
    assert round(by["D1"]["missed_rate_shrunk"], 6) == 0.868852
    assert round(by["D2"]["missed_rate_shrunk"], 6) == 0.582192
    assert round(by["H1"]["missed_rate_shrunk"], 6) == 0.440367
    assert by["H2"]["missed_rate_shrunk"] is None
    # self minus independent score, one pair each: +75, +25, 0, 0 (Monday's 0 is farther)
    assert [by[u]["diff"] for u in ("D1", "D2", "H1", "H2")] == [75.0, 25.0, 0.0, 0.0]
    # Bland-Altman over the 4 pairs: bias 25, s^2 = (50^2 + 0 + 25^2 + 25^2)/3 = 1250;
    # the outlets' spread is no more than one pair's noise: tau^2 = 1250 - 1250 = 0, so
    # every shrunk difference is the bias, 25; no outlet is outside 25 -+ 1.96 sqrt(1250)
    assert all(by[u]["diff_shrunk"] == pytest.approx(25.0) for u in by)
    assert not any(by[u]["outside_limits"] for u in by)
    assert all(by[u]["checks"] == 1 and by[u]["item_pairs"] == 4 for u in by)


def test_per_item_agreement_by_hand(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = view(capsys, wh, "honesty", "--by", "item")
    assert [r["item"] for r in rows] == ["c", "b", "d", "a"]
    c, b, _, a = rows
    # c: D1, D2 self pass / inspection fail; H1, H2 both pass -> a=2 b=2 c=0 d=0.
    # p_o = 1/2; self passes everything, so p_e = 1 x 1/2 = 1/2 and kappa = 0.
    # McNemar: 2 x P(X <= 0), X ~ Bin(2, 1/2) = 2/4 = 0.5. PABAK 2(1/2) - 1 = 0.
    assert (c["both_pass"], c["missed"], c["false_alarms"], c["both_fail"]) == (2, 2, 0, 0)
    assert c["missed_rate"] == 1.0 and c["agreement"] == 0.5 and c["kappa"] == 0.0
    assert c["mcnemar_p"] == 0.5 and c["pabak"] == 0.0
    # b: D1 missed, H1 both fail, D2 and H2 both pass -> a=2 b=1 c=0 d=1. p_o = 3/4;
    # self pass 3/4, inspection pass 1/2: p_e = 3/4 x 1/2 + 1/4 x 1/2 = 1/2, kappa = 1/2.
    # AC1: pi = (3/4 + 1/2)/2 = 5/8, p_e = 2 (5/8)(3/8) = 15/32, AC1 = (3/4 - 15/32) /
    # (17/32) = 9/17 = 0.529412. McNemar b=1, c=0: 2 x 1/2 = 1.
    assert b["kappa"] == pytest.approx(0.5) and b["missed_rate"] == 0.5
    assert round(b["ac1"], 6) == 0.529412 and b["mcnemar_p"] == 1.0
    assert b["pabak"] == pytest.approx(0.5) and b["text"] == "Item B"
    # a: everything passes, kappa undefined (chance agreement 1), PABAK and AC1 say 1
    assert a["kappa"] is None and a["missed_rate"] is None
    assert a["pabak"] == 1.0 and a["ac1"] == 1.0


def test_reviewers_with_enough_pairs(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert view(capsys, wh, "honesty", "--by", "reviewer") == []  # 4 pairs < 5 (default)
    rows = view(capsys, wh, "honesty", "--by", "reviewer", "--min-pairs", "4")
    assert [(r["reviewer"], r["missed"], r["units"]) for r in rows[:2]] == [
        ("head-D1", 3, ["D1"]), ("head-D2", 1, ["D2"])]
    # each outlet has one reviewer: their rates shrink exactly as the outlets' above
    # (p0 = 4/6): head-D1 159/183, head-D2 255/438, head-H1 48/109; head-H2 has no fail
    by = {r["reviewer"]: r["missed_rate_shrunk"] for r in rows}
    assert by == pytest.approx({"head-D1": 159 / 183, "head-D2": 255 / 438,
                                "head-H1": 48 / 109, "head-H2": None})
    # least credible first, by the shrunk rate
    assert [r["reviewer"] for r in rows] == ["head-D1", "head-D2", "head-H1", "head-H2"]


def test_rolled_up_to_the_sub_branch(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (row,) = view(capsys, wh, "honesty", "--level", "sub-branch")
    # S1: 4 missed of 6 independent fails; 4 paired checks, mean difference 25
    assert (row["unit"], row["missed"], row["independent_fails"]) == ("S1", 4, 6)
    assert row["checks"] == 4 and row["diff"] == 25.0


def test_the_window_decides_what_is_paired(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # within 0 days: no self-check on an inspection day -> nothing paired
    assert view(capsys, wh, "honesty", "--window", "0") == []
    # within 2 days: Thursday (1 day after) still wins over Monday (2 days before)
    rows = view(capsys, wh, "honesty", "--window", "2")
    assert [r["unit"] for r in rows] == ["D1", "D2", "H1", "H2"]
    code = run(["network", "honesty", "-w", str(wh), "--window", "fortnight"])
    _, err = capsys.readouterr()
    assert code == 2 and "--window must be week or a number of days" in err


def test_text_in_chinese(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["network", "honesty", "-w", str(wh), "--period", "2026-W45", "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0].startswith("自查可信度（配对：同一周（默认，可设置）")
    assert "漏报率" in out and "甲网点" in out and "100%" in out
    code = run(["network", "honesty", "-w", str(wh), "--period", "2026-W45", "--by", "team"])
    _, err = capsys.readouterr()
    assert code == 2 and "--by must be unit, item or reviewer" in err


def test_audit_sample_is_reproducible_and_says_why(wh: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    first = view(capsys, wh, "audit-sample", "--seed", "2026W45")
    again = view(capsys, wh, "audit-sample", "--seed", "2026W45")
    assert first == again
    # default size ceil(sqrt(4)) = 2: ceil(2/4) = 1 drawn at random, 1 by risk
    assert [r["part"] for r in first] == ["random", "risk"] and len(first) == 2
    assert {r["unit"] for r in first} <= {"D1", "D2", "H1", "H2"}
    assert all(r["days_since_independent"] == 4 for r in first)  # 11-04 to 11-08
    seeds = {tuple(r["unit"] for r in view(capsys, wh, "audit-sample", "--seed", str(s)))
             for s in range(12)}
    assert len(seeds) > 1  # the seed matters
    everyone = view(capsys, wh, "audit-sample", "--seed", "x", "--size", "9")
    assert sorted(r["unit"] for r in everyone) == ["D1", "D2", "H1", "H2"]
    code = run(["network", "audit-sample", "-w", str(wh), "--seed", "x", "--random-share",
                "0.1"])
    _, err = capsys.readouterr()
    assert code == 2 and "--random-share must be between 0.25 and 1" in err


def test_the_monthly_report_has_the_honesty_section(wh: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["network", "report", "-w", str(wh), "--period", "2026-W45", "-f", "md",
                "--lang", "zh"])
    out, err = capsys.readouterr()
    assert code == 0, err
    section = out[out.index("## 自查可信度"):]
    lines = [ln for ln in section.splitlines() if ln.startswith("| ")]
    # header, then the outlets least credible first: D1 (100%), D2 (50%), H1, H2
    assert [ln.split(" | ")[1] for ln in lines[1:]] == ["D1", "D2", "H1", "H2"]
    assert "| 100% |" in lines[1]
    assert "<svg" not in out  # the funnel plot is for the HTML report
    # HTML: the funnel plot, one dot per outlet with independent fails: D1 3/3, D2 1/2,
    # H1 0/1 (H2 had none); around p0 = 4/6 no rate is above a limit (D1: 2/3 + 1.96
    # sqrt((2/9)/3) = 1.2 > 1), so no dot is labelled
    code = run(["network", "report", "-w", str(wh), "--period", "2026-W45", "--lang", "zh"])
    out, err = capsys.readouterr()
    assert code == 0, err
    svg = out[out.index('<svg xmlns="http://www.w3.org/2000/svg"'):]
    svg = svg[:svg.index("</svg>")]
    assert "漏报率漏斗图（全网漏报率 67%" in svg and svg.count("<circle") == 3
    assert all(f"<title>{dot}</title>" in svg
               for dot in ("D1 甲网点: 3/3", "D2 乙网点: 1/2", "H1 丙网点: 0/1"))
    assert 'fill="#b00020">' not in svg and 'fill="#e08a00">' not in svg


def test_the_composite_league_moves_the_cheats_down(
        wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One check a week expected (--every week): every outlet did its self-checks, nothing
    # missed. On self-checks alone (--source self) the period score is the mean of
    # Monday's 0 and Thursday's self-check: D1 (0 + 100)/2 = 50, D2 (0 + 75)/2 = 37.5,
    # H1 (0 + 75)/2 = 37.5, H2 (0 + 100)/2 = 50; ties by unit id: D1, H2, D2, H1.
    # The cheat D1 is first.
    week = ("--every", "week", "--level", "outlet")
    rows = view(capsys, wh, "league", "--source", "self", *week)
    assert [(r["unit"], r["rank"], r["score"]) for r in rows] == [
        ("D1", 1, 50.0), ("H2", 2, 50.0), ("D2", 3, 37.5), ("H1", 4, 37.5)]
    # The composite, sub-branch inspection 60 and self-check 40 (the self component is
    # the score above, the inspection's the mean of the inspections: 25, 50, 75, 100):
    # D1 (60 x 25 + 40 x 50)/100 = 35, D2 (60 x 50 + 40 x 37.5)/100 = 45,
    # H1 (60 x 75 + 40 x 37.5)/100 = 60, H2 (60 x 100 + 40 x 50)/100 = 80.
    # D1 falls from first to last; both cheats rank below both honest outlets.
    weights = ("--composite", "--weight", "sub-branch=60", "--weight", "self=40")
    rows = view(capsys, wh, "league", *weights, *week)
    assert [(r["unit"], r["rank"]) for r in rows] == [("H2", 1), ("H1", 2), ("D2", 3),
                                                      ("D1", 4)]
    assert [r["composite"] for r in rows] == pytest.approx([80.0, 60.0, 45.0, 35.0])
    assert rows[3]["components"] == {"sub-branch": 25.0, "self": 50.0}
    # the same figures in each language, the weights in the title; the defaults say so
    for lang, head, word in (("zh", "网点服务评价（权重：支行检查 60, 自查 40）", "丁网点"),
                             ("en", "Composite evaluation (weights: sub-branch inspection "
                                    "60, self-check 40)", "Outlet H2")):
        code = run(["network", "league", "-w", str(wh), "--period", "2026-W45", *weights,
                    *week, "--lang", lang])
        out, err = capsys.readouterr()
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0].startswith(head)
        first = next(line for line in lines if word in line)
        assert "80" in first and first.split()[0] == "1"
    code = run(["network", "league", "-w", str(wh), "--period", "2026-W45", "--composite",
                "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0 and "（默认权重，可设置）" in out.splitlines()[0]
    # --composite names its sources with --weight: --source or --min-n is a usage error
    for extra in (("--source", "self"), ("--min-n", "2")):
        code = run(["network", "league", "-w", str(wh), "--composite", *extra])
        _, err = capsys.readouterr()
        assert code == 2 and "--composite" in err


def test_a_league_of_one_source(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --source inspection: the sub-branch's inspections alone, one per outlet: the score
    # is the mean of the inspections done (no programme of inspections to miss):
    # D1 25, D2 50, H1 75, H2 100, ranked H2, H1, D2, D1 whatever their completion.
    rows = view(capsys, wh, "league", "--source", "inspection", "--level", "outlet")
    assert [(r["unit"], r["rank"], r["score"], r["n"]) for r in rows] == [
        ("H2", 1, 100.0, 1), ("H1", 2, 75.0, 1), ("D2", 3, 50.0, 1), ("D1", 4, 25.0, 1)]
    assert not any(r["low_completion"] for r in rows)
    for lang, head, word in (("zh", "排名 · 2026-W45", "来源：检查（支行/分行/总行）"),
                             ("en", "League · 2026-W45", "source: inspections")):
        code = run(["network", "league", "-w", str(wh), "--period", "2026-W45", "--source",
                    "inspection", "--lang", lang])
        out, _ = capsys.readouterr()
        assert code == 0 and out.startswith(head) and word in out.splitlines()[0]
    code = run(["network", "league", "-w", str(wh), "--source", "self", "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("自查情况 · ") and "来源：自查" in out.splitlines()[0]
    code = run(["network", "league", "-w", str(wh), "--source", "boss"])
    _, err = capsys.readouterr()
    assert code == 2 and "--source must be one of all|self|inspection" in err


def test_items_and_trend_of_one_source(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Item failure rates over the four outlets. Inspections: a 0/4, b (D1, H1) 2/4,
    # c (D1, D2) 2/4, d (D1, D2) 2/4. Self-checks (Monday's FFFF and Thursday's):
    # a 4/8, b 5/8 (H1), c 4/8, d 5/8 (D2). All: a 4/12, b 7/12, c 6/12, d 7/12.
    # The month 2026-11 is read from the monthly counts without --source and from
    # the item rows with it: both must hold.
    def rates(*args: str) -> dict[str, tuple[int, int]]:
        return {str(r["item"]): (int(str(r["failed"])), int(str(r["answered"])))
                for r in view(capsys, wh, "items", *args)}

    assert rates("--source", "inspection") == {"a": (0, 4), "b": (2, 4), "c": (2, 4),
                                               "d": (2, 4)}
    assert rates("--source", "self") == {"a": (4, 8), "b": (5, 8), "c": (4, 8), "d": (5, 8)}
    code = run(["network", "items", "-w", str(wh), "--period", "2026-11", "-f", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and {r["item"]: (r["failed"], r["answered"]) for r in json.loads(out)
                          } == {"a": (4, 12), "b": (7, 12), "c": (6, 12), "d": (7, 12)}
    code = run(["network", "items", "-w", str(wh), "--period", "2026-11", "-f", "json",
                "--source", "independent"])
    out, _ = capsys.readouterr()
    assert code == 0 and {r["item"]: r["failed"] for r in json.loads(out)} == {
        "a": 0, "b": 2, "c": 2, "d": 2}
    # Trend by week: the inspections' mean is each inspection's score; the self-checks'
    # the mean of Monday's 0 and Thursday's: D1 50, D2 37.5, H1 37.5, H2 50.
    trend = {(r["unit"], r["n"], r["mean"]) for r in view(
        capsys, wh, "trend", "--by", "week", "--source", "inspection", "--level", "outlet")}
    assert trend == {("D1", 1, 25.0), ("D2", 1, 50.0), ("H1", 1, 75.0), ("H2", 1, 100.0)}
    trend = {(r["unit"], r["n"], r["mean"]) for r in view(
        capsys, wh, "trend", "--by", "week", "--source", "self", "--level", "outlet")}
    assert trend == {("D1", 2, 50.0), ("D2", 2, 37.5), ("H1", 2, 37.5), ("H2", 2, 50.0)}
    code = run(["network", "trend", "-w", str(wh), "--source", "self", "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("趋势 · ") and "来源：自查" in out.splitlines()[0]


def test_an_inspection_never_fills_a_missed_self_check(
        wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Programme: one self-check each business day. W45 has five (Mon 11-02 .. Fri 11-06,
    # no holiday). Each outlet checked itself on Monday and Thursday; the sub-branch's
    # inspection on Wednesday is not the outlet's check: done 2, missed 3 (Tue 11-03,
    # Wed 11-04, Fri 11-06), completion 2/5 = 40 %.
    rows = view(capsys, wh, "missing", "--level", "outlet")
    assert [(r["unit"], r["expected"], r["done"], r["missed"], r["slots"]) for r in rows] == [
        (u, 5, 2, 3, [f"{u} 2026-11-03", f"{u} 2026-11-04", f"{u} 2026-11-06"])
        for u in ("D1", "D2", "H1", "H2")]
    # The league still counts the inspection as a check (three checks), but with three
    # missed: D1 (0 + 25 + 100) / (3 + 3) = 20.83, H2 (0 + 100 + 100) / 6 = 33.33.
    by = {r["unit"]: r for r in view(capsys, wh, "league", "--level", "outlet")}
    assert (by["D1"]["n"], by["D1"]["done"], by["D1"]["expected"]) == (3, 2, 5)
    assert by["D1"]["score"] == pytest.approx(125 / 6) and by["D1"]["completion"] == 0.4
    assert by["H2"]["score"] == pytest.approx(200 / 6)
    for lang, words in (("zh", ("漏检 · 2026-W45", "D1 2026-11-04", "40%")),
                        ("en", ("Missed checks · 2026-W45", "D1 2026-11-04", "40%"))):
        code = run(["network", "missing", "-w", str(wh), "--period", "2026-W45", "--level",
                    "outlet", "--lang", lang])
        out, _ = capsys.readouterr()
        d1 = next(line for line in out.splitlines() if line.startswith("D1 "))
        assert code == 0 and out.startswith(words[0])
        assert words[1] in d1 and words[2] in d1 and " 5 " in d1 and " 3 " in d1


def test_monthly_counts_per_source_match_the_item_rows(wh: Path) -> None:
    # `items --source` over whole months reads the monthly counts kept per source; the
    # item rows must give the same: inspections in November, D1 answered b once and
    # failed it; self-checks, D1 answered b twice (Monday's fail, Thursday's pass)
    from branchcheck.network import query, views
    from branchcheck.network.scope import prepare_rollup

    for source, row in (("inspection", ("mini4", "b", "D1", "D1", True, 1, 1)),
                        ("self", ("mini4", "b", "D1", "D1", True, 2, 1)),
                        (None, ("mini4", "b", "D1", "D1", True, 3, 2))):
        found = []
        for monthly in (True, False):
            opts = query.Options(warehouse=str(wh), period="2026-11", source=source)
            with query.open_scope(opts) as (con, scope):
                prepare_rollup(con, scope)
                views.item_counts(con, scope, scope.period.previous(), monthly=monthly)
                found.append(sorted(con.execute("SELECT * FROM ifail").fetchall()))
        assert row in found[1] and found[0] == found[1]
