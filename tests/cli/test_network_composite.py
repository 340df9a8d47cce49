"""``network composite`` (网点服务评价) by hand: weighted sources, red lines last.

Network HO -> S1 -> outlets A, B, C, D; programme: one ``mini4r`` check a week.
Checklist ``mini4r``: items a (a red line: its fail makes the score 0), b, c, d;
score = 25 x passes. Week 2026-W45: each outlet self-checks on Thursday 11-05; the
sub-branch inspects A, B and D on Wednesday 11-04 (C is not inspected).

    A  self P P P P = 100   inspection P F F F = 25
    B  self P P P F =  75   inspection P P P P = 100
    C  self P P P P = 100   (no inspection)
    D  self P P P P = 100   inspection F P P P = 0 (red line)

Weights sub-branch 60, self 40. Composite = (60 x inspection + 40 x self) / 100:
A (1500 + 4000)/100 = 55; B (6000 + 3000)/100 = 90; C has only its self-check:
4000/40 = 100, flagged incomplete; D (0 + 4000)/100 = 40 with a red line.
Ranked: B, A (complete, by composite), C (incomplete), D (red line last).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run

pytest.importorskip("duckdb")

CHECKLIST = """\
id: mini4r
version: 1
title: {zh: 四项, en: Four items}
languages: [zh, en]
sections:
  - id: s1
    title: {zh: 一, en: One}
    items:
      - {id: a, type: check, critical: checklist, text: {zh: 甲, en: Item A}}
      - {id: b, type: check, text: {zh: 乙, en: Item B}}
      - {id: c, type: check, text: {zh: 丙, en: Item C}}
      - {id: d, type: check, text: {zh: 丁, en: Item D}}
"""

ORG = """\
format: branchcheck-org/1
timezone: Asia/Shanghai
business_days: [mon, tue, wed, thu, fri]
programme:
  - {kind: outlet, checklist: mini4r, every: week}
units:
  - {id: HO, kind: head-office, name: {zh: 总行, en: Head office}}
  - {id: S1, kind: sub-branch, parent: HO, name: {zh: 一支行, en: Sub-branch one}}
  - {id: A, kind: outlet, parent: S1, name: {zh: 甲网点, en: Outlet A}}
  - {id: B, kind: outlet, parent: S1, name: {zh: 乙网点, en: Outlet B}}
  - {id: C, kind: outlet, parent: S1, name: {zh: 丙网点, en: Outlet C}}
  - {id: D, kind: outlet, parent: S1, name: {zh: 丁网点, en: Outlet D}}
"""

SELF = {"A": "PPPP", "B": "PPPF", "C": "PPPP", "D": "PPPP"}
INSPECTION = {"A": "PFFF", "B": "PPPP", "D": "FPPP"}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    # the department has the checklist: ingest verifies the results against it
    # (an unverified result is held back, issue 25 N2)
    known = tmp_path / "known-checklists"
    known.mkdir()
    (known / "mini4r.yaml").write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(known))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def wh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck_path = tmp_path / "mini4r.yaml"
    ck_path.write_text(CHECKLIST, encoding="utf-8")
    ck = load_checklist(str(ck_path))
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    root = tmp_path / "results"

    def store(branch: str, when: str, marks: str, source: str = "self") -> None:
        answers = {k: Answer(k, "pass" if m == "P" else "fail")
                   for k, m in zip("abcd", marks, strict=True)}
        write_result(make_result(ck, answers, branch=branch, reviewer="r", lang="en",
                                 started=when, finished=when, source=source), root=root)

    for branch, marks in SELF.items():
        store(branch, "2026-11-05T09:00:00+08:00", marks)
    store("A", "2026-10-30T09:00:00+08:00", "PPPP")  # W44: a self-check, no inspection
    for branch, marks in INSPECTION.items():
        store(branch, "2026-11-04T10:00:00+08:00", marks, "sub-branch")
    path = tmp_path / "net.duckdb"
    assert run(["network", "ingest", str(root), "--org", str(org), "-w", str(path),
                "--strict"]) == 0
    capsys.readouterr()
    return path


def composite(capsys: pytest.CaptureFixture[str], wh: Path, *args: str
              ) -> tuple[list[dict[str, object]], str]:
    code = run(["network", "composite", "-w", str(wh), "--period", "2026-W45", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    if "json" in args:
        rows: list[dict[str, object]] = json.loads(out)
        return rows, out
    return [], out


def test_the_composite_moves_the_lenient_outlet_down(
        wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows, _ = composite(capsys, wh, "--weight", "sub-branch=60", "--weight", "self=40",
                        "-f", "json")
    assert [(r["unit"], r["rank"]) for r in rows] == [("B", 1), ("A", 2), ("C", 3), ("D", 4)]
    by = {r["unit"]: r for r in rows}
    assert by["B"]["composite"] == pytest.approx(90.0)
    assert by["A"]["composite"] == pytest.approx(55.0)
    assert by["C"]["composite"] == pytest.approx(100.0) and by["C"]["complete"] is False
    assert by["D"]["composite"] == pytest.approx(40.0) and by["D"]["red_lines"] == 1
    assert by["A"]["components"] == {"sub-branch": 25.0, "self": 100.0}
    # on self-checks alone A (100) would be first: the title is then 自查情况
    rows, _ = composite(capsys, wh, "--weight", "self=1", "-f", "json")
    assert [r["unit"] for r in rows] == ["A", "C", "D", "B"]


def test_a_sub_branch_is_the_mean_of_its_outlets(wh: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows, _ = composite(capsys, wh, "--weight", "sub-branch=60", "--weight", "self=40",
                        "--level", "sub-branch", "-f", "json")
    # (90 + 55 + 100 + 40) / 4 = 71.25; D's red line makes S1's count 1
    (s1,) = rows
    assert s1["composite"] == pytest.approx(71.25) and s1["red_lines"] == 1


def test_titles_and_words(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = composite(capsys, wh, "--weight", "self=1", "--lang", "zh")
    assert out.startswith("自查情况（权重：自查 1）") and "排名" not in out.splitlines()[0]
    _, out = composite(capsys, wh, "--lang", "zh")
    assert out.startswith("网点服务评价（权重：神秘人暗访 50, 分行检查 30, 自查 20"
                          "（默认权重，可设置）")
    assert "缺少组成部分" in out  # no shopper visit, no branch inspection in the data
    _, out = composite(capsys, wh, "--weight", "sub-branch=60", "--weight", "self=40")
    assert out.startswith("Composite evaluation (weights: sub-branch inspection 60, "
                          "self-check 40)")
    code = run(["network", "composite", "-w", str(wh), "--weight", "boss=3"])
    _, err = capsys.readouterr()
    assert code == 2 and "invalid --weight 'boss=3'" in err


def test_a_league_of_self_checks_alone_is_not_a_ranking(
        wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # W45 holds the sub-branch's inspections: the league is a 排名
    code = run(["network", "league", "-w", str(wh), "--period", "2026-W45", "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("排名 · ")
    # W44 holds no independent check: a league of self-checks alone is a 自查情况
    code = run(["network", "league", "-w", str(wh), "--period", "2026-W44", "--lang", "zh"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("自查情况 · ") and "甲网点" in out


def test_fair_figures_beside_the_league(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The league of W45 (one mini4r check a week expected, done by all: nothing missed)
    # counts every result: A 100 and 25 -> 62.5; B 75 and 100 -> 87.5; C 100; D 100 and 0.
    # Within-outlet variances (n - 1 = 1): A 2 x 37.5^2 = 2812.5, B 2 x 12.5^2 = 312.5,
    # D 2 x 50^2 = 5000: pooled 8125/3 = 2708.33. Centre (mean of the scores) 300/4 = 75.
    # The scores' spread (-12.5, 12.5, 25, -25: variance 1562.5/3 = 520.8) is less than
    # their mean sampling variance ((3 x 2708.33/2 + 2708.33)/4 = 1692.7): tau^2 = 0 and
    # every shrunk score is 75. B's t interval: 87.5 -+ 12.706 x sqrt(312.5/2) = 87.5 -+
    # 158.8, clipped to 0..100; C (one check) has none. Funnel: 75 -+ 1.96 x 52.04 /
    # sqrt(2) = 75 -+ 72.1 holds everyone.
    code = run(["network", "league", "-w", str(wh), "--period", "2026-W45", "--level",
                "outlet", "-f", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    by = {r["unit"]: r for r in json.loads(out)}
    assert by["A"]["score"] == pytest.approx(62.5) and by["D"]["score"] == pytest.approx(50.0)
    assert all(r["score_shrunk"] == pytest.approx(75.0) for r in by.values())
    assert (by["B"]["score_low"], by["B"]["score_high"]) == (0.0, 100.0)
    assert by["C"]["score_low"] is None and not any(r["funnel"] for r in by.values())


@pytest.mark.parametrize("weight", ["self=inf", "self=1e309", "self=1001"])
def test_an_infinite_or_huge_weight_is_refused(
        capsys: pytest.CaptureFixture[str], wh: Path, weight: str) -> None:
    # Input audit: `--weight self=inf` (or 1e309) made every composite NaN, ranked as if a
    # number, and written to -f json as NaN (not JSON). Weights are 0 < w <= 1000.
    code = run(["network", "composite", "-w", str(wh), "--period", "2026-W45",
                "--weight", weight, "--weight", "sub-branch=60", "-f", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and not out, err
    assert f"invalid --weight {weight!r}" in err and "at most 1000" in err, err
    rows, _ = composite(capsys, wh, "--weight", "sub-branch=1000", "--weight", "self=1",
                        "-f", "json")
    assert all(isinstance(r["composite"], float) for r in rows)
