"""Appeals and the programme report, hand-computed.

Checklist ``mini``: one section, items a (red line), b (weight 2), c, d; a
result's score = 100 * (weights passed) / 5, and 0 when a fails.

Wave W, directory HO -> U1 (O1, O2), U2 (O3). The delivery:

  V1 O1 shopper S1 waited  5: a p, b p, c p, d f -> (1+2+1)/5 = 80
  V2 O2 shopper S2 waited 12: a p, b f, c p, d p -> (1+1+1)/5 = 60
  V3 O3 shopper S1 waited 30: a f, b p, c p, d p -> red line: 0

League before any appeal: 1 O1 80, 2 O2 60, 3 O3 0 (red line: last whatever its mean).
O2 appeals b, upheld (b pass): (1+2+1+1)/5 = 100 -> 1 O2 100, 2 O1 80, 3 O3 0.
O1 appeals d, rejected: nothing changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run

CHECKLIST = """\
id: mini
version: 1
title: {zh: 迷你暗访, en: Mini visit}
languages: [zh, en]
sections:
  - id: s
    title: {zh: 全部, en: All}
    items:
      - {id: a, type: check, critical: checklist, text: {zh: 甲, en: A}}
      - {id: b, type: check, weight: 2, text: {zh: 乙, en: B}}
      - {id: c, type: check, text: {zh: 丙, en: C}}
      - {id: d, type: check, text: {zh: 丁, en: D}}
"""
MAPPING = """\
format: branchcheck-shop-mapping/1
checklist: mini.yaml
firm: 调研公司
wave: W
visit: {id: id, outlet: outlet, date: date, waiting: wait, shopper: shopper, scenario: scen}
items: {a: a, b: b, c: c, d: d}
"""
DELIVERY = """\
id,outlet,date,wait,shopper,scen,a,b,c,d
V1,O1,2026-10-05,5,S1,开户,y,y,y,n
V2,O2,2026-10-06,12,S2,投诉,y,n,y,y
V3,O3,2026-10-07,30,S1,开户,n,y,y,y
"""
PLAN = """\
format: branchcheck-shop-plan/1
wave: W
checklist: mini
seed: 1
visits:
  - {id: V1, outlet: O1, within: [U1, HO]}
  - {id: V2, outlet: O2, within: [U1, HO]}
  - {id: V3, outlet: O3, within: [U2, HO]}
  - {id: V4, outlet: O1, within: [U1, HO]}
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def wave(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    for name, text in (("mini.yaml", CHECKLIST), ("map.yaml", MAPPING),
                       ("delivery.csv", DELIVERY), ("plan.yaml", PLAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    res = tmp_path / "res"
    code, _, err = cli(capsys, "shop", "import", str(tmp_path / "delivery.csv"), "-m",
                       str(tmp_path / "map.yaml"), "--results-dir", str(res))
    assert code == 0, err
    return {"res": res, "plan": tmp_path / "plan.yaml", "tmp": tmp_path}


def report(capsys: pytest.CaptureFixture[str], wave: dict[str, Path], *args: str
           ) -> dict[str, object]:
    code, out, err = cli(capsys, "shop", "report", "--wave", "W", "--plan", str(wave["plan"]),
                         "--results-dir", str(wave["res"]), "-f", "json", *args)
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def league(data: dict[str, object]) -> list[tuple[int, str, float, int]]:
    return [(r["rank"], r["outlet"], r["mean"], r["red_lines"])  # type: ignore[index]
            for r in data["league"]]  # type: ignore[attr-defined]


def _result(wave: dict[str, Path], outlet: str) -> Path:
    (path,) = sorted((wave["res"] / outlet / "mini").glob("2*.yaml"))
    return path


def test_an_upheld_appeal_changes_the_league_and_keeps_the_original(
        capsys: pytest.CaptureFixture[str], wave: dict[str, Path]) -> None:
    assert league(report(capsys, wave)) == [(1, "O1", 80.0, 0), (2, "O2", 60.0, 0),
                                            (3, "O3", 0.0, 1)]
    original = _result(wave, "O2")
    before = original.read_bytes()
    evidence = wave["tmp"] / "video.txt"
    evidence.write_text("录像第 3 分钟：引导员上前询问", encoding="utf-8")
    code, out, err = cli(capsys, "shop", "appeal", "file", str(original), "--item", "b",
                         "--reason", "录像显示已主动询问", "--evidence", str(evidence),
                         "--by", "O2 网点主任", "--results-dir", str(wave["res"]))
    assert code == 0 and out.strip() == "AP-0001", err
    code, _, err = cli(capsys, "shop", "appeal", "decide", "AP-0001", "--uphold", "--answer",
                       "pass", "--by", "服务质量部", "--results-dir", str(wave["res"]),
                       "--checklist", str(wave["tmp"] / "mini.yaml"))
    assert code == 0 and "60.0 -> 100.0" in err, err
    code, out, _ = cli(capsys, "shop", "appeal", "file", str(_result(wave, "O1")), "--item", "d",
                       "--reason", "不同意", "--by", "O1", "--results-dir", str(wave["res"]))
    assert code == 0 and out.strip() == "AP-0002"
    assert cli(capsys, "shop", "appeal", "decide", "AP-0002", "--reject", "--by", "服务质量部",
               "--results-dir", str(wave["res"]))[0] == 0
    data = report(capsys, wave)
    assert league(data) == [(1, "O2", 100.0, 0), (2, "O1", 80.0, 0), (3, "O3", 0.0, 1)]
    # The original is kept, byte for byte, beside the new result, and both verify.
    assert original.read_bytes() == before
    files = sorted((wave["res"] / "O2" / "mini").glob("2*.yaml"))
    assert len(files) == 2 and original in files
    assert cli(capsys, "verify", "-b", "O2", "--results-dir", str(wave["res"]), "--checklists",
               str(wave["tmp"] / "mini.yaml"))[0] == 0
    from branchcheck.results.storage import read_result

    new = read_result(next(f for f in files if f != original))
    assert new.appeal is not None and new.appeal["of"] and new.appeal["item"] == "b"
    assert new.source == "mystery-shopper" and dict(new.visit or {})["id"] == "V2"
    # Appeals: 2 filed, 1 upheld, 1 rejected; 1 of 3 scores changed = 33.3 % > 2 %.
    assert data["appeals"] == {"filed": 2, "upheld": 1, "rejected": 1, "open": 0,
                               "scores_changed": 1, "results": 3,
                               "changed_share": 1 / 3, "threshold": 0.02}
    assert data["warnings"]
    code, out, err = cli(capsys, "shop", "report", "--wave", "W", "--plan", str(wave["plan"]),
                         "--results-dir", str(wave["res"]), "--lang", "zh")
    assert code == 0 and "申诉改变了本批次 33.3% 的得分" in err and "网点得分排名" in out
    # A decided appeal is not decided again.
    assert cli(capsys, "shop", "appeal", "decide", "AP-0001", "--reject", "--by", "x",
               "--results-dir", str(wave["res"]))[0] == 2
    # A replaced result is not appealed again (two replacements would both count): the
    # message names the new result, whose other items may be appealed.
    code, _, err = cli(capsys, "shop", "appeal", "file", str(original), "--item", "d",
                       "--reason", "再诉", "--by", "O2", "--results-dir", str(wave["res"]))
    new_name = next(f for f in files if f != original).name
    assert code == 2 and "appeal its new result" in err and new_name in err, err


def test_the_report_figures(capsys: pytest.CaptureFixture[str], wave: dict[str, Path]) -> None:
    data = report(capsys, wave)
    # Planned 4 (V4 at O1 not delivered): U1 3 planned, 2 done; U2 1 and 1.
    assert data["planned"] == [
        {"unit": "U1", "planned": 3, "done": 2, "missing": 1, "completion": 2 / 3},
        {"unit": "U2", "planned": 1, "done": 1, "missing": 0, "completion": 1.0}]
    # Waiting 5, 12, 30: mean 47/3, median 12, 90th percentile (nearest rank: the
    # ceil(0.9*3) = 3rd) 30; bands [0,5) none, [5,10) one, [10,15) one, [30,) one.
    waiting = data["waiting"]
    assert waiting == {"n": 3, "mean": 47 / 3, "median": 12.0, "p90": 30.0, "max": 30.0,
                       "bands": {"0-5": 0, "5-10": 1, "10-15": 1, "15-30": 0, "30+": 1}}
    # Items: a failed at O3 (1/3), b at O2 (1/3), d at O1 (1/3), c never.
    assert [(r["item"], r["failed"], r["answered"]) for r in data["items"]] == [  # type: ignore
        ("a", 1, 3), ("b", 1, 3), ("d", 1, 3), ("c", 0, 3)]
    # Scenarios: 开户 (80 + 0) / 2 = 40; 投诉 60.
    assert [(r["scenario"], r["mean"]) for r in data["scenarios"]] == [  # type: ignore
        ("开户", 40.0), ("投诉", 60.0)]
    assert data["red_lines"] == [{"outlet": "O3", "visit": "V3", "date": "2026-10-07",
                                  "items": ["a"]}]
    # Leniency within U1: S1 80 - 60 = +20, S2 60 - 80 = -20 (one comparable each:
    # too few to flag); O3 has no other shopper under U2.
    assert [(r["shopper"], r["n"], r["difference"], r["flag"])  # type: ignore[index]
            for r in data["shoppers"]] == [("S1", 1, 20.0, False),  # type: ignore
                                           ("S2", 1, -20.0, False)]


def test_imported_and_appealed_results_are_not_late_entries(
        capsys: pytest.CaptureFixture[str], wave: dict[str, Path]) -> None:
    """The visits of 5-7 October were imported today: stored weeks after they finished, by
    nature of a third party's delivery, so ``verify`` and ``results`` name them imported
    (导入), not late entries (补录); the same for a visit re-scored on appeal. A self-check
    carrying a copied delivery record is still a late entry."""
    from dataclasses import replace

    from branchcheck.results.chain import store_result
    from branchcheck.results.storage import read_result

    original = _result(wave, "O2")
    assert cli(capsys, "shop", "appeal", "file", str(original), "--item", "b", "--reason", "录像",
               "--by", "O2", "--results-dir", str(wave["res"]))[0] == 0
    assert cli(capsys, "shop", "appeal", "decide", "AP-0001", "--uphold", "--answer", "pass",
               "--by", "部", "--results-dir", str(wave["res"]),
               "--checklist", str(wave["tmp"] / "mini.yaml"))[0] == 0
    mine = read_result(_result(wave, "O1"))
    store_result(replace(mine, source="self", inspector_unit=None), root=wave["res"])
    ck = str(wave["tmp"] / "mini.yaml")
    seen = set()
    for branch in ("O1", "O2", "O3"):
        code, out, err = cli(capsys, "verify", "-b", branch, "--results-dir", str(wave["res"]),
                             "--checklists", ck, "-f", "json")
        assert code == 0, err
        seen |= {(c["branch"], r["after_visit"], r["late_entry"])
                 for c in json.loads(out) for r in c["results"]}
    assert seen == {("O1", "imported", False), ("O2", "imported", False),
                    ("O2", "appeal", False), ("O3", "imported", False),
                    ("O1", None, True)}  # the self-check with the copied record: 补录
    code, out, _ = cli(capsys, "verify", "-b", "O2", "--results-dir", str(wave["res"]),
                       "--checklists", ck, "--lang", "zh")
    assert code == 0 and "2 个暗访导入或申诉改分" in out and "补录" not in out, out
    code, out, _ = cli(capsys, "results", "--results-dir", str(wave["res"]), "-f", "json")
    assert code == 0
    assert sorted((r["branch"], r["after_visit"] or "", r["late_entry"])
                  for r in json.loads(out)) == [
        ("O1", "", True), ("O1", "imported", False), ("O2", "appeal", False),
        ("O2", "imported", False), ("O3", "imported", False)]
    code, out, _ = cli(capsys, "results", "-b", "O3", "--results-dir", str(wave["res"]),
                       "--lang", "zh")
    assert code == 0 and "导入" in out and "补录" not in out, out


@pytest.mark.parametrize("damage", ["link out of the folder", "link loop", "empty"])
def test_a_result_that_does_not_read_is_named_not_counted_silently(
        capsys: pytest.CaptureFixture[str], wave: dict[str, Path], damage: str) -> None:
    # Input audit: a link out of the results folder (or a loop) in place of O2's result
    # was an internal error (exit 3); an empty one dropped O2 from the league silently.
    path = _result(wave, "O2")
    path.unlink()
    if damage == "empty":
        path.write_bytes(b"")
    else:
        outside = wave["tmp"] / "outside.yaml"
        outside.write_text("secret: 1\n", encoding="utf-8")
        path.symlink_to(outside if damage == "link out of the folder" else path.name)
    code, out, err = cli(capsys, "shop", "report", "--wave", "W", "--plan", str(wave["plan"]),
                         "--results-dir", str(wave["res"]), "-f", "json")
    assert code == 0, err
    assert league(json.loads(out)) == [(1, "O1", 80.0, 0), (2, "O3", 0.0, 1)]
    assert "1 result files do not read and are not counted" in err and str(path) in err, err
