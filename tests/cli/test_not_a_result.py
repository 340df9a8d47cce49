"""A checklist given where a result (or answers file) is expected says so, instead
of listing a dozen missing result keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = str(ROOT / "checklists" / "daily-opening.yaml")
ANSWERS = str(ROOT / "tests" / "data" / "answers" / "weights-base.yaml")


@pytest.mark.parametrize(("argv", "en", "zh"), [
    (["report", CHECKLIST], "is a checklist, not a result", "是检查表，不是检查结果"),
    (["report", ANSWERS], "is an answers file, not a result", "是答案文件，不是检查结果"),
    (["diff", CHECKLIST, CHECKLIST], "is a checklist, not a result", "是检查表，不是检查结果"),
    (["grade", CHECKLIST, ANSWERS], "is a checklist, not an answers file or a result",
     "是检查表，不是答案文件或检查结果"),
])
def test_a_checklist_is_named_as_one(argv: list[str], en: str, zh: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and en in err.splitlines()[0]
    assert "missing required keys" not in err  # named as what it is, not dumped
    assert run([*argv, "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert zh in err.splitlines()[0] and "missing required keys" not in err
