"""What branch heads and trainees read, after the second domain review: grade words
(E6), the survey exercise's templates (F15), ``show`` for branch heads and authors,
facts that stay facts (E14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from branchcheck.cli import run


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize(("lang", "grade", "not_grade"), [
    ("zh", "等级: 良好", "等级: 优秀"), ("en", "Grade: Good", "Grade: Excellent")])
def test_failing_the_facilities_baseline_is_not_graded_excellent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, grade: str, not_grade: str
) -> None:
    """Review 2, E6: excellent-service with 2 of its 3 facility elements failed.

    By hand: facilities 1 of 3 = 33.3 (weight 1); professionalism 100 (weight 1.25);
    customer focus 100 (weight 1.5); overall (33.33 + 125 + 150) / 3.75 = 82.2.
    The seed's ladder would call the branch 优秀 only with the facilities passed; the
    checklist's grades are the common bands, so 82.2 is 良好 / Good (>= 75, < 90).
    """
    answers = {"tidy-and-orderly": "fail",
               "facilities-working": {"value": "fail", "note": "ATM dark"},
               "brochures-and-forms": "pass", "dress-and-badge": "pass",
               "friendly-and-courteous": "pass", "customer-privacy": "pass",
               "no-misleading-sales": "pass", "proactive-help": "pass", "solve-problem": "pass",
               "accurate-knowledge": "pass"}
    path = tmp_path / "es.yaml"
    path.write_text(yaml.safe_dump({"checklist": "excellent-service", "reviewer": "王芳",
                                    "answers": answers}, allow_unicode=True), encoding="utf-8")
    code, out, _ = cli(capsys, "score", "excellent-service", "-a", str(path), "-b", "B1",
                       "--no-save", "--lang", lang)
    assert code == 0
    assert "33.3" in out and "82.2" in out
    assert grade in out
    assert not_grade not in out


QUADRANT_WORDS = ("重点改进", "继续保持", "次要改进", "过度投入", "Concentrate here", "Keep up",
                  "Low priority", "overkill", "参考值", "Reference from")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_survey_exercise_does_not_give_trainees_the_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Review 2, F15: the trainees' templates and the class README carried each
    sub-factor's exercise figures and its quadrant, the answer the exercise asks for."""
    out_dir = tmp_path / "course"
    code, _, _ = cli(capsys, "exercise", "new", "satisfaction-survey", "-o", str(out_dir),
                     "--names", "gao,ma", "--lang", lang)
    assert code == 0
    for name in ("answers/gao.yaml", "answers/ma.yaml", "README.md"):
        text = (out_dir / name).read_text(encoding="utf-8")
        text = "\n".join(x for x in text.splitlines() if "--min-agreement" not in x)
        assert "system-stability" in text
        assert not [w for w in QUADRANT_WORDS if w in text], name
        assert not any(f"{figure}%" in text or f"{figure} %" in text
                       for figure in (76, 80, 95, 90, 87, 78, 93, 73, 81, 91, 72, 62)), name
    # the trainer still finds them with the checklist's authoring matter
    code, out, _ = cli(capsys, "show", "satisfaction-survey", "--rationale", "--lang", lang)
    assert code == 0
    assert ("重要性 97，满意 76%" if lang == "zh" else "importance 97, satisfied 76 %") in out


def _daily(tmp_path: Path, name: str, fact: str) -> Path:
    """A clean daily-opening check with the fact has-self-service answered ``fact``."""
    ck = yaml.safe_load((Path(__file__).resolve().parents[2] / "checklists"
                         / "daily-opening.yaml").read_text(encoding="utf-8"))
    answers: dict[str, object] = {}
    for section in ck["sections"]:
        for item in section["items"]:
            answers[item["id"]] = {"check": "pass", "scale": 5}.get(item["type"], fact)
    if fact == "n":
        answers.pop("self-service-on")  # only when the branch has machines
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"checklist": "daily-opening", "reviewer": "王芳",
                                    "answers": answers}, allow_unicode=True), encoding="utf-8")
    return path


def test_a_fact_is_never_a_failure_or_a_regression(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review 2, E14: has-self-service (是/否, weight 0) answered 否 was listed under
    不通过项 by report and as an improvement or regression by diff."""
    results = tmp_path / "results"
    stored = []
    for name, fact in (("before", "n"), ("after", "y"), ("again", "n")):
        code, out, err = cli(capsys, "score", "daily-opening", "-a", str(_daily(tmp_path, name,
                             fact)), "-b", "B1", "--results-dir", str(results), "-f", "json")
        assert code == 0, err
        stored.append(sorted(results.rglob("*.yaml"))[-1])
    code, out, _ = cli(capsys, "report", str(stored[0]), "-f", "md", "--lang", "zh")
    assert code == 0
    assert "## 不通过项 (0)" in out
    facts = out.split("## 不通过项 (0)")[1]
    assert "网点是否配有自助设备？" in facts  # still shown, as the fact it is
    code, out, _ = cli(capsys, "diff", str(stored[0]), str(stored[1]), "--lang", "zh")
    assert code == 0
    assert "进步 0 项" in out and "has-self-service" not in out  # 否 -> 是 is no improvement
    code, out, _ = cli(capsys, "diff", str(stored[1]), str(stored[2]), "-f", "json")
    changes = {i["id"]: i for i in json.loads(out)["items"]}
    assert changes["has-self-service"]["change"] == "unchanged"  # nor 是 -> 否 a regression
    code, out, _ = cli(capsys, "diff", str(stored[0]), str(stored[2]), "-f", "json")
    changes = {i["id"]: i for i in json.loads(out)["items"]}
    assert "persistent_failure" not in changes["has-self-service"]["flags"]
