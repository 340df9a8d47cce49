"""Issue 10, "Misleading output": each finding through the CLI, named after it.

Figures are worked out by hand in the comments next to them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"

# One section, two check items weighing 8996 and 1004: passing the first only
# gives 100 * 8996 / 10000 = 89.96, just under the band at 90.
EDGE = """\
id: band-edge
version: 1
title: {zh: 分数边界, en: Band edge}
grades:
  - {min: 90, label: {zh: 优秀, en: Excellent}}
  - {min: 0, label: {zh: 待改进, en: Needs work}}
sections:
  - id: s
    title: {zh: 部分, en: Part}
    items:
      - {id: big, text: {zh: 大项, en: Big}, type: check, weight: 8996}
      - {id: small, text: {zh: 小项, en: Small}, type: check, weight: 1004}
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def edge(tmp_path: Path) -> tuple[Path, Path]:
    checklist = tmp_path / "edge.yaml"
    checklist.write_text(EDGE, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("checklist: band-edge\nbranch: SH-001\nreviewer: Wang\n"
                       "answers: {big: pass, small: fail}\n", encoding="utf-8")
    return checklist, answers


def test_overall_just_under_a_band_is_not_shown_rounded_up_to_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, edge: tuple[Path, Path]) -> None:
    checklist, answers = edge
    code, out, _ = cli(capsys, "score", str(checklist), "--answers", str(answers),
                       "--results-dir", str(tmp_path / "r"), "--lang", "en")
    assert code == 0
    overall = next(line for line in out.splitlines() if line.startswith("Overall"))
    assert overall.split() == ["Overall", "89.96", "89.96"]  # raw and final
    assert "Grade: Needs work" in out
    stored = next((tmp_path / "r").rglob("*.yaml"))
    for fmt in ("md", "html"):
        code, out, _ = cli(capsys, "report", str(stored), "-f", fmt, "--lang", "en")
        assert code == 0, fmt
        assert ('class="score">89.96<' if fmt == "html" else "**89.96**") in out, fmt
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path / "r"), "--lang", "en")
    assert "89.96" in out and "90.0" not in out
    code, out, _ = cli(capsys, "history", "--branch", "SH-001", "--no-cache",
                       "--results-dir", str(tmp_path / "r"), "--lang", "en")
    assert "89.96" in out.split("Trend")[0]
    code, out, _ = cli(capsys, "diff", str(stored), str(stored), "--lang", "en")
    assert "89.96 → 89.96" in out
    # JSON keeps the exact figure
    code, out, _ = cli(capsys, "report", str(stored), "-f", "json")
    assert json.loads(out)["overall"]["final"] == pytest.approx(89.96)


def test_valid_json_answers_with_surrogate_pair_escapes_are_accepted(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, edge: tuple[Path, Path]) -> None:
    checklist, _ = edge
    answers = tmp_path / "emoji.json"
    data = {"checklist": "band-edge", "branch": "SH-001", "reviewer": "王芳 \U0001F600",
            "answers": {"big": {"value": "pass", "note": "ok \U0001F44D \\ud83d"},
                        "small": "pass"}}
    answers.write_text(json.dumps(data), encoding="ascii")  # ensure_ascii: \ud83d\ude00
    assert "\\ud83d\\ude00" in answers.read_text(encoding="ascii")
    code, out, err = cli(capsys, "score", str(checklist), "--answers", str(answers),
                         "--no-save", "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["reviewer"] == "王芳 \U0001F600"
    notes = [i["note"] for i in result["items"] if i["id"] == "big"]
    assert notes == ["ok \U0001F44D \\ud83d"]  # an escaped backslash stays text


def test_grade_checklist_option_rescues_templates_whose_checklist_moved(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    course = tmp_path / "course.yaml"
    shutil.copy(DATA / "valid" / "issue-example.yaml", course)
    ex = tmp_path / "ex"
    code, _, err = cli(capsys, "exercise", "new", str(course), "-o", str(ex),
                       "--names", "wang,li", "--lang", "en")
    assert code == 0, err
    assert str(course.resolve()) in (ex / "key.yaml").read_text(encoding="utf-8")
    for name, atm in (("key", "pass"), ("answers/wang", "pass"), ("answers/li", "fail")):
        path = ex / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "  has-atm:", f"  has-atm: {atm}", 1), encoding="utf-8")
    moved = tmp_path / "moved.yaml"
    course.rename(moved)
    code, _, err = cli(capsys, "grade", str(ex / "key.yaml"), str(ex / "answers"), "--lang", "en")
    assert code == 2 and "--checklist" in err
    code, out, err = cli(capsys, "grade", str(ex / "key.yaml"), str(ex / "answers"),
                         "--checklist", str(moved), "-f", "json", "--lang", "en")
    assert code == 0, err
    assert "cannot be read" in err and str(moved) in err
    graded = {t["name"]: t["agreed"] for t in json.loads(out)["trainees"]}
    assert graded == {"wang": 1, "li": 0}  # has-atm is the one item the key answers


def test_grade_checklist_option_still_refuses_files_of_another_checklist(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key = tmp_path / "key.yaml"
    key.write_text("checklist: daily-opening\nanswers: {}\n", encoding="utf-8")
    other = tmp_path / "t1.yaml"
    other.write_text("checklist: hotline-kpi\nanswers: {}\n", encoding="utf-8")
    code, _, err = cli(capsys, "grade", str(key), str(other), "--checklist", "daily-opening")
    assert code == 2 and "checklist-mismatch" in err


def test_look_alike_trainee_names_collide_and_are_told_apart(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key = tmp_path / "key.yaml"
    key.write_text("checklist: daily-opening\nanswers: {entrance-clean: pass}\n", encoding="utf-8")
    folder = tmp_path / "class"
    folder.mkdir()
    # Latin, Cyrillic "а" and full-width letters: one name to a trainer
    for n, name in enumerate(("wang", "w\u0430ng", "\uff37\uff41\uff4e\uff47", "li"), 1):
        (folder / f"t{n}.yaml").write_text(
            f"checklist: daily-opening\nreviewer: {name}\nanswers: {{entrance-clean: pass}}\n",
            encoding="utf-8")
    code, out, err = cli(capsys, "grade", str(key), str(folder), "-f", "json", "--lang", "en")
    assert code == 0, err
    assert "look like one person" in err
    names = sorted(t["name"] for t in json.loads(out)["trainees"])
    assert names == ["li", "wang (t1.yaml)", "w\u0430ng (t2.yaml)",
                     "\uff37\uff41\uff4e\uff47 (t3.yaml)"]


def test_exercise_new_refuses_look_alike_trainee_names(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = cli(capsys, "exercise", "new", "daily-opening", "-o", str(tmp_path / "ex"),
                         "--names", "wang,\uff37\uff41\uff4e\uff47")
    assert code == 2 and "look the same" in err and out == ""
    assert not (tmp_path / "ex").exists()


@pytest.mark.parametrize(
    ("name", "needle", "rule"),
    [
        ("option-key-case", "key: A", "option-key-case"),
        ("no-overall-score", "sections:", "no-overall-score"),
        ("when-never", "when: {item: has-atm", "when-never"),
    ],
)
def test_validate_fails_option_keys_differing_in_case_zero_weights_and_impossible_when(
        capsys: pytest.CaptureFixture[str], name: str, needle: str, rule: str) -> None:
    path = DATA / "invalid" / f"{name}.yaml"
    code, out, _ = cli(capsys, "validate", str(path), "--format", "json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert rule in {p["rule"] for p in problems}
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if needle in text)
    assert any(p["line"] == line for p in problems if p["rule"] == rule)
