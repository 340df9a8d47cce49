"""What opens a corrective action (docs/actions.md, "What opens an action"): a failed
item, a scale answer at or below the checklist's ``below``; never a survey, training
answers, a fact or a weight-0 item; a failed red line is always a new incident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actions_helpers import answers, by_item, cli, listing, score

from branchcheck.checklists.loading import load_checklist

CLEAN = {"tidy": "pass", "atm-working": "pass", "has-vip-room": "pass",
         "no-misleading": "pass", "greeting": 5}
MON = "2024-05-06T10:00:00+08:00"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-06")


@pytest.mark.parametrize(("value", "opens"), [(5, False), (4, False), (3, True), (2, True),
                                               (1, True)])
def test_scale_opens_at_or_below_the_declared_point(tmp_path: Path, value: int, opens: bool,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # rectify-demo declares below: 3 -> 3, 2 and 1 are problems; 4 (良好) and 5 are not
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", MON, {**CLEAN, "greeting": value}))
    items = {r["item"] for r in listing(capsys, root, "--status", "all")} if (
        root / "SH-001" / "actions.jsonl").exists() else set()
    assert ("greeting" in items) is opens


def test_a_later_answer_above_the_point_verifies(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", MON, {**CLEAN, "greeting": 2}))
    err = score(capsys, root, answers(tmp_path, "b", "2024-05-07T10:00:00+08:00",
                                      {**CLEAN, "greeting": 4}))
    assert "0 opened, 0 still open, 0 reopened, 1 verified" in err
    assert by_item(listing(capsys, root, "--status", "all"))["greeting"]["status"] == "verified"


def test_training_answers_open_nothing(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    path = answers(tmp_path, "a", MON, {**CLEAN, "tidy": "fail"})
    data = json.loads(path.read_text("utf-8"))
    data["rectify"] = False
    path.write_text(json.dumps(data), "utf-8")
    err = score(capsys, root, path)
    assert "rectify: false" in err
    assert not (root / "SH-001" / "actions.jsonl").exists()


def test_exercise_templates_say_rectify_false(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "class"
    code, _, err = cli(capsys, "exercise", "new", "window-service", "--trainees", "2",
                       "-o", str(out), "--lang", "en")
    assert code == 0, err
    files = [out / "key.yaml", *sorted((out / "answers").glob("*.yaml"))]
    assert len(files) == 3
    for path in files:
        assert "\nrectify: false" in path.read_text("utf-8"), path


def test_a_stored_survey_opens_nothing(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    ck = load_checklist("satisfaction-survey")
    values = {item.id: 50 for _, item in ck.items()}  # every item half satisfied
    path = tmp_path / "survey.json"
    path.write_text(json.dumps({"checklist": "satisfaction-survey", "branch": "SH-001",
                                "reviewer": "王芳", "finished": MON, "answers": values}), "utf-8")
    root = tmp_path / "r"
    code, _, err = cli(capsys, "score", "satisfaction-survey", "-a", str(path),
                       "--results-dir", str(root), "--lang", "en")
    assert code == 0, err
    assert "Actions: 0 opened, 0 still open, 0 reopened, 0 verified" in err


def test_red_line_twice_is_two_incidents(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    bad = {**CLEAN, "no-misleading": {"value": "fail", "note": "把理财说成存款"}}
    score(capsys, root, answers(tmp_path, "a", MON, bad))
    # the next day passes it: an incident is not closed by a passing check
    err = score(capsys, root, answers(tmp_path, "b", "2024-05-07T10:00:00+08:00", CLEAN))
    assert "0 verified" in err
    again = {**CLEAN, "no-misleading": {"value": "fail", "note": "又一次误导"}}
    err = score(capsys, root, answers(tmp_path, "c", "2024-05-08T10:00:00+08:00", again))
    assert "1 opened, 0 still open, 0 reopened" in err
    rows = [r for r in listing(capsys, root) if r["item"] == "no-misleading"]
    assert [r["problem"] for r in rows] == ["把理财说成存款", "又一次误导"]
    assert [r["repeat"] for r in rows] == [0, 1] and rows[1]["previous"] == rows[0]["id"]
    assert all(r["kind"] == "incident" and r["evidence_required"] for r in rows)
    # due: the checklist's within_days 3 (it overrides the red-line default of 1):
    # Mon 6th + 3 working days -> Thu 9th; Wed 8th -> Thu 9, Fri 10, Sat 11 (a 调休
    # working Saturday after the May Day holiday in China's 2024 calendar) -> the 11th
    assert [r["due"] for r in rows] == ["2024-05-09", "2024-05-11"]


def test_evidence_at_check_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from actions_helpers import CHECKLIST, JPEG

    root = tmp_path / "r"
    photo = tmp_path / "found.jpg"
    photo.write_bytes(JPEG)
    path = answers(tmp_path, "a", MON, {**CLEAN, "no-misleading": "fail"})
    code, _, err = cli(capsys, "score", CHECKLIST, "-a", str(path), "--results-dir", str(root),
                       "--evidence", f"no-misleading={photo}")
    assert code == 0, err
    row = by_item(listing(capsys, root))["no-misleading"]
    assert [e["ext"] for e in row["found_evidence"]] == ["jpg"]
    code, _, err = cli(capsys, "score", CHECKLIST, "-a", str(path), "--results-dir", str(root),
                       "--evidence", f"tidy={photo}")
    assert code == 2 and "tidy" in err


def test_lint_below_only_on_scale_items(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from actions_helpers import CHECKLIST

    text = Path(CHECKLIST).read_text("utf-8").replace(
        "        rectify: {within_days: 1, owner_role",
        "        rectify: {below: 2, within_days: 1, owner_role")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, "utf-8")
    code, out, err = cli(capsys, "validate", str(bad))
    assert code != 0 and "rectify-below" in out + err
