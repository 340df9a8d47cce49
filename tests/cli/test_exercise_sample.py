"""``branchcheck exercise sample``: the trainers' quick start, a class already answered,
graded as the README says; every figure worked out by hand below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sample(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> Path:
    folder = tmp_path / "course"
    code, out, err = cli(capsys, "exercise", "sample", str(folder), "--lang", lang)
    assert code == 0, err
    assert out == ""  # messages go to stderr
    return folder


# The key answers 13 items (11 check, 2 scale): fails sorry-when-unmet,
# step-5-both-hands-farewell and stand-to-see-off; smile 4, courtesy words 3.
# agreement = items agreeing / 13 (a blank counts as a disagreement):
#   wang 13/13 = 100 %; zhang 12/13 = 92.3 % (courtesy 4);
#   chen 11/13 = 84.6 % (step 5 passed, smile 3); liu 11/13 = 84.6 % (step 5
#   passed, seeing off blank); li 8/13 = 61.5 % (three fails passed, smile 5,
#   courtesy 4). Listed lowest first, ties by name: li, chen, liu, zhang, wang.
AGREED = {"li": (8, "61.5%"), "chen": (11, "84.6%"), "liu": (11, "84.6%"),
          "zhang": (12, "92.3%"), "wang": (13, "100.0%")}


def test_the_sample_class_grades_as_worked_out_by_hand(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = sample(capsys, tmp_path, "en")
    code, out, err = cli(capsys, "grade", str(folder / "key.yaml"), str(folder / "answers"),
                         "-f", "json", "--lang", "en")
    assert code == 0, err
    report = json.loads(out)
    assert [(t["name"], t["agreed"], t["compared"]) for t in report["trainees"]] == [
        (name, agreed, 13) for name, (agreed, _) in AGREED.items()]
    kappa = {t["name"]: t["kappa_check"]["value"] for t in report["trainees"]}
    # chen on the 11 check items: key pass/chen pass 8, fail/fail 2, fail/pass 1.
    # p_o = 10/11; p_e = (8*9 + 3*2)/121 = 78/121; kappa = (110-78)/(121-78) = 32/43
    assert kappa["chen"] == pytest.approx(32 / 43)
    # liu on the 10 check items answered (seeing off blank): pass/pass 8, fail/fail 1,
    # fail/pass 1. p_o = 0.9; p_e = 0.8*0.9 + 0.2*0.1 = 0.74; kappa = 0.16/0.26
    assert kappa["liu"] == pytest.approx(0.16 / 0.26)
    # li passes all 11: one category only, no kappa (the report says why)
    assert kappa["li"] is None
    # the item the class must be taught again: step 5, agreed by wang and zhang only
    first = report["items"][0]
    assert (first["id"], first["agreed"], first["wrong_by"]) == (
        "step-5-both-hands-farewell", 2, ["chen", "li", "liu"])
    # the customer types the scene does not show: blank in the key, not graded
    assert len(report["no_key_items"]) == 8


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_gate_names_the_lenient_trainee(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, lang: str) -> None:
    folder = sample(capsys, tmp_path, lang)
    code, out, err = cli(capsys, "grade", str(folder / "key.yaml"), str(folder / "answers"),
                         "--min-agreement", "80%", "--lang", lang)
    assert code == 1, err  # li, 61.5 % < 80 %, is below: exit 1
    rows = [line.split() for line in out.splitlines()
            if line.split()[:1] and line.split()[0] in AGREED]
    assert [(r[0], r[1], r[2]) for r in rows[:5]] == [
        (name, f"{agreed}/13", shown) for name, (agreed, shown) in AGREED.items()]
    assert err.splitlines()[-1] == ("低于最低一致率 80.0% 的学员：li 61.5%" if lang == "zh"
                                    else "Below the minimum agreement of 80.0%: li 61.5%")


def test_the_sample_never_writes_over_a_file(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    folder = sample(capsys, tmp_path, "en")
    (folder / "answers" / "li.yaml").write_text("mine\n", encoding="utf-8")
    code, _, err = cli(capsys, "exercise", "sample", str(folder), "--lang", "en")
    assert code == 2 and "not overwriting" in err
    assert (folder / "answers" / "li.yaml").read_text(encoding="utf-8") == "mine\n"
