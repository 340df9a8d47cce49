"""The network figures as a service-quality department counts them, hand-computed, in
an open month with a holiday week, a make-up Saturday (调休) and a weekend.

Today is Wed 2026-10-14 ($BRANCHCHECK_TODAY). October 2026: 10-01 .. 10-07 are the
National Day holiday, Sat 10-10 is a working day (调休). Working days (工作日) up to
today: Thu 8, Fri 9, Sat 10, Mon 12, Tue 13, Wed 14 = 6; Sun 10-11 is not one, and
10-15 .. 10-31 have not happened. Outlets open Mon-Sat (营业日).

Programme: ``mini`` every working day (business-day), due by 09:00; ``other`` once a
month. B's check of 10-12 was recorded at 14:30: done, but late (补录).
``mini``: red line ``a`` (a fail makes the check 0), ``b``, and the fact ``f``
(a 是/否 choice of weight 0, answered 否 everywhere: never a failure).
Final = 100 x passes of (a, b) / 2.

mini results (a, b) -> final:
  A (S1): 8 pp 100, 9 pp 100, 10 pp 100, 12 pf 50, 13 pf 50, 14 pp 100
          done 6/6, sum 500 -> period score 500 / 6 = 83.33
  B (S1): 8 pp 100, 9 fp 0 (red line), 10 pp 100, 12 pp 100, 13 pp 100, 14 pp 100
          done 6/6, sum 500 -> 83.33, red line 1
  C (S2): 8 pp 100, 12 pf 50, 14 pp 100; missed 9, 10, 13
          done 3/6 (50 %: under the 90 % minimum), sum 250
          missed: zero -> 250 / (3 + 3) = 41.67; missed: exclude -> 250 / 3 = 83.33
other: A once on 10-09, a failed (red line) -> 0; it is never mixed into mini's league.
September holds no result: no change is shown.

League (mini, missed: zero): A 83.33 #1; C 41.67 #2 (low completion, after A);
B 83.33 #3 (red line: after every unit without one, although it scores above C).
Sub-branches: S1 = (83.33 + 83.33) / 2 = 83.33 with a red line -> #2; S2 = 41.67 -> #1.
Items (mini): b failed 3 of 15: A 2/6 = 33 %, C 1/3 = 33 % (both >= 20 %), B 0/6:
2 of 3 outlets -> 67 % >= 30 %: a common problem (共性问题). a failed 1 of 15: B 1/6 =
17 % < 20 %: no outlet fails it (with --failing 0.1: 1 of 3 = 33 % -> common). f: left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run

pytest.importorskip("duckdb")
pytest.importorskip("chinese_calendar")

MINI = """\
id: {id}
version: 1
title: {{zh: 迷你, en: Mini}}
languages: [zh, en]
grades:
  - {{min: 90, label: {{zh: 优秀, en: Excellent}}}}
  - {{min: 60, label: {{zh: 合格, en: Pass}}}}
  - {{min: 0, label: {{zh: 不合格, en: Fail}}}}
sections:
  - id: s1
    title: {{zh: 一, en: One}}
    items:
      - {{id: a, type: check, critical: checklist,
          text: {{zh: 客户信息未外露, en: No data exposed}}}}
      - {{id: b, type: check, text: {{zh: 大厅整洁, en: Hall tidy}}}}
      - id: f
        type: choice
        weight: 0
        text: {{zh: 网点是否配有自助设备？, en: Self-service machines?}}
        options:
          - {{key: 'y', label: {{zh: 是, en: 'Yes'}}, points: 1}}
          - {{key: 'n', label: {{zh: 否, en: 'No'}}, points: 0}}
"""

UNITS = """\
  - {id: HO, kind: head-office, name: {zh: 总行, en: Head office}}
  - {id: S1, kind: sub-branch, parent: HO, name: {zh: 一支行, en: Sub-branch one}}
  - {id: S2, kind: sub-branch, parent: HO, name: {zh: 二支行, en: Sub-branch two}}
  - {id: A, kind: outlet, parent: S1, name: {zh: 甲网点, en: Outlet A}}
  - {id: B, kind: outlet, parent: S1, name: {zh: 乙网点, en: Outlet B}}
  - {id: C, kind: outlet, parent: S2, name: {zh: 丙网点, en: Outlet C}}
"""
ORG = ("format: branchcheck-org/1\nbusiness_days: [mon, tue, wed, thu, fri, sat]\n"
       "programme:\n  - {kind: outlet, checklist: mini, every: business-day, due_by: '09:00'}\n"
       "  - {kind: outlet, checklist: other, every: month}\nunits:\n" + UNITS)
CSV = ("id,name_zh,name_en,parent,kind\nHO,总行,Head office,,head-office\n"
       "S1,一支行,Sub-branch one,HO,sub-branch\nS2,二支行,Sub-branch two,HO,sub-branch\n"
       "A,甲网点,Outlet A,S1,outlet\nB,乙网点,Outlet B,S1,outlet\nC,丙网点,Outlet C,S2,outlet\n")

P, F = "pass", "fail"
LATE = {("B", 12): "14:30"}  # recorded after the 09:00 due time: done, but late (补录)
MINI_RESULTS = {
    "A": [(8, P, P), (9, P, P), (10, P, P), (12, P, F), (13, P, F), (14, P, P)],
    "B": [(8, P, P), (9, F, P), (10, P, P), (12, P, P), (13, P, P), (14, P, P)],
    "C": [(8, P, P), (12, P, F), (14, P, P)],
}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS",
                "BRANCHCHECK_CALENDAR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2026-10-14")


def _store(root: Path, checklist: Path, branch: str, day: int, a: str, b: str) -> None:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck = load_checklist(str(checklist))
    at = LATE.get((branch, day), "08:40")
    stamp = f"2026-10-{day:02d}T{at}:00+08:00"
    answers = {"a": Answer("a", a), "b": Answer("b", b), "f": Answer("f", "n")}
    write_result(make_result(ck, answers, branch=branch, reviewer="r", lang="en",
                             started=stamp, finished=stamp), root=root)


@pytest.fixture
def dept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    paths = {name: tmp_path / f"{name}.yaml" for name in ("mini", "other")}
    for name, path in paths.items():
        path.write_text(MINI.format(id=name), encoding="utf-8")
    root = tmp_path / "results"
    for branch, rows in MINI_RESULTS.items():
        for day, a, b in rows:
            _store(root, paths["mini"], branch, day, a, b)
    _store(root, paths["other"], "A", 9, F, P)
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    csv = tmp_path / "org.csv"
    csv.write_text(CSV, encoding="utf-8")
    wh = tmp_path / "net.duckdb"
    # the department has its checklists: ingest verifies the results against them
    # (an unverified result is held back, issue 25 N2)
    assert run(["network", "ingest", str(root), "--org", str(org), "-w", str(wh),
                "--checklists", str(paths["mini"]), "--checklists", str(paths["other"]),
                "--strict"]) == 0
    capsys.readouterr()
    return {"wh": wh, "org": org, "csv": csv, "tmp": tmp_path}


def _json(capsys: pytest.CaptureFixture[str], dept: dict[str, Path], view: str,
          *args: str) -> dict[str, dict[str, object]]:
    code = run(["network", view, "-w", str(dept["wh"]), "-f", "json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    key = "item" if view == "items" else "unit"
    return {str(r[key]): r for r in json.loads(out)}


@pytest.mark.parametrize("org", [None, "org"], ids=["stored directory", "--org FILE"])
def test_league_ranks_as_the_department_does(dept: dict[str, Path], org: str | None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["--org", str(dept[org])] if org else []
    rows = _json(capsys, dept, "league", "--period", "2026-10", *extra)
    a, b, c = rows["A"], rows["B"], rows["C"]
    assert (a["rank"], c["rank"], b["rank"]) == (1, 2, 3)
    assert a["score"] == pytest.approx(500 / 6) and a["n"] == 6  # "other" not mixed in
    assert (a["done"], a["expected"], a["checklist"]) == (6, 6, "mini")
    assert b["score"] == pytest.approx(500 / 6) and b["red_lines"] == 1
    assert b["period_grade"] == "Fail (red line)"
    assert c["score"] == pytest.approx(250 / 6) and c["mean_done"] == pytest.approx(250 / 3)
    assert (c["done"], c["expected"], c["missed"]) == (3, 6, 3)
    assert c["low_completion"] is True and a["low_completion"] is False
    assert a["previous"] is None and a["change"] is None  # September holds no result
    rows = _json(capsys, dept, "league", "--period", "2026-10", "--missed", "exclude", *extra)
    assert rows["C"]["score"] == pytest.approx(250 / 3)
    assert [rows[u]["rank"] for u in "ACB"] == [1, 2, 3]  # C: low completion, after A
    subs = _json(capsys, dept, "league", "--period", "2026-10", "--level", "sub-branch",
                 *extra)
    assert subs["S1"]["score"] == pytest.approx(500 / 6) and subs["S1"]["red_lines"] == 1
    assert subs["S2"]["score"] == pytest.approx(250 / 6)
    assert (subs["S2"]["rank"], subs["S1"]["rank"]) == (1, 2)


def test_the_other_checklist_has_its_own_league(dept: dict[str, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # other, monthly: A did it (a red line: 0), B and C missed their one check (0 / 1).
    rows = _json(capsys, dept, "league", "--period", "2026-10", "--checklist", "other")
    assert {u: (r["done"], r["expected"], r["score"]) for u, r in rows.items()} == {
        "A": (1, 1, 0.0), "B": (0, 1, 0.0), "C": (0, 1, 0.0)}
    assert rows["A"]["rank"] == 3 and rows["A"]["red_lines"] == 1


def test_missing_counts_working_days_up_to_today(dept: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, dept, "missing", "--period", "2026-10", "--checklist", "mini")
    assert {u: (r["expected"], r["done"]) for u, r in rows.items()} == {
        "A": (6, 6), "B": (6, 6), "C": (6, 3)}
    assert rows["C"]["slots"] == ["C 2026-10-09", "C 2026-10-10", "C 2026-10-13"]
    # due_by 09:00: B's check of 10-12 finished at 14:30 -- done, but a late entry
    assert (rows["B"]["on_time"], rows["B"]["late"], rows["B"]["missed"]) == (5, 1, 0)
    assert (rows["A"]["late"], rows["C"]["late"]) == (0, 0)
    code = run(["network", "missing", "-w", str(dept["wh"]), "--checklist", "mini",
                "--fail-on-missing"])
    capsys.readouterr()
    assert code == 1  # C missed three; nothing after today is ever missed
    # Opening days (营业日, Mon-Sat): Sat 10-10 and also the holiday week's days.
    rows = _json(capsys, dept, "missing", "--period", "2026-10", "--checklist", "mini",
                 "--every", "opening-day")
    # 10-01 .. 10-14 less the Sundays 10-04 and 10-11: 12 opening days
    assert rows["A"]["expected"] == 12 and rows["A"]["done"] == 6


def test_items_facts_thresholds_and_common_problems(
        dept: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, dept, "items", "--period", "2026-10", "--checklist", "mini")
    assert set(rows) == {"a", "b"}  # the fact f is never a failure
    b, a = rows["b"], rows["a"]
    assert (b["answered"], b["failed"], b["outlets_failing"], b["outlets"]) == (15, 3, 2, 3)
    assert b["rate"] == pytest.approx(0.2) and b["systemic"] is True
    assert (a["failed"], a["outlets_failing"], a["outlets_any_fail"]) == (1, 0, 1)
    assert a["systemic"] is False
    rows = _json(capsys, dept, "items", "--period", "2026-10", "--checklist", "mini",
                 "--failing", "0.1")
    assert rows["a"]["outlets_failing"] == 1 and rows["a"]["systemic"] is True


def test_a_csv_directory_with_a_calendar_file(dept: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV has no calendar: --calendar adds a local holiday, Tue 10-13. Working days
    up to today: 8, 9, 10 (调休), 12, 14 = 5. C did 8, 12, 14: missed 9 and 10; its
    score 250 / (3 + 2) = 50."""
    cal = dept["tmp"] / "local.yaml"
    cal.write_text("holidays: [2026-10-13]\n", encoding="utf-8")
    base = ["--org", str(dept["csv"]), "--calendar", str(cal), "--period", "2026-10",
            "--checklist", "mini", "--every", "business-day"]
    rows = _json(capsys, dept, "missing", *base)
    assert {u: (r["expected"], r["done"]) for u, r in rows.items()} == {
        "A": (5, 5), "B": (5, 5), "C": (5, 3)}
    assert rows["C"]["slots"] == ["C 2026-10-09", "C 2026-10-10"]
    rows = _json(capsys, dept, "league", *base)
    assert rows["C"]["score"] == pytest.approx(50.0) and rows["C"]["missed"] == 2
    # A did 6 checks, one on the local holiday: 500 / (6 + 0)
    assert rows["A"]["score"] == pytest.approx(500 / 6) and rows["A"]["missed"] == 0


def test_zh_and_en_words_and_as_of(dept: dict[str, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    run(["network", "league", "-w", str(dept["wh"]), "--lang", "zh", "--level", "sub-branch"])
    out, _ = capsys.readouterr()
    assert "截至 2026-10-14" in out and "检查表 mini" in out and "按支行" in out
    for word in ("红线", "本期得分", "已检平均分", "检查次数", "不合格（一票否决）", "完成率不足"):
        assert word in out, word
    assert "sub-branch" not in out
    run(["network", "missing", "-w", str(dept["wh"]), "--lang", "zh", "--checklist", "mini"])
    out, _ = capsys.readouterr()
    for word in ("应检", "已检", "其中补录", "漏检", "截至 2026-10-14"):
        assert word in out, word
    run(["network", "items", "-w", str(dept["wh"]), "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert "共性问题（≥30%" in out and "本网点不通过率≥20%" in out
    run(["network", "league", "-w", str(dept["wh"]), "--lang", "en"])
    out, _ = capsys.readouterr()
    assert "as of 2026-10-14" in out and "Fail (red line)" in out and "low completion" in out


def test_a_year_the_calendar_lacks_is_warned_about(
        dept: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2199-03-01")
    code = run(["network", "missing", "-w", str(dept["wh"]), "--period", "2199-02",
                "--checklist", "mini"])
    _, err = capsys.readouterr()
    assert code == 0 and "2199" in err and "Monday to Friday" in err
