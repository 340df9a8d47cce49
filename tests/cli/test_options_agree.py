"""Options mean the same everywhere: ``-o`` names a file, so ``exercise new`` takes
its folder as ``--dir`` (the old ``-o`` still works for scripts, hidden)."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run


def test_exercise_new_takes_a_folder_as_dir(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercise", "new", "daily-opening", "--dir", str(tmp_path / "a"),
                "--trainees", "2"]) == 0
    assert (tmp_path / "a" / "answers" / "trainee-02.yaml").is_file()
    assert run(["exercise", "new", "daily-opening", "-o", str(tmp_path / "b"),
                "--trainees", "1"]) == 0
    assert (tmp_path / "b" / "key.yaml").is_file()
    capsys.readouterr()
    assert run(["exercise", "new", "daily-opening", "--trainees", "1"]) == 2
    assert "--dir DIR" in capsys.readouterr().err
    assert run(["exercise", "new", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--dir DIR" in out and "--output" not in out
