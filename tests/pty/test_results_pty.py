"""``branchcheck results`` in a real 120-column terminal: the table fits by leaving
out the least useful columns (the path first), never by squeezing score, grade
or branch to "…"; ``--wide`` shows everything; a pipe always gets every column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from branchcheck.cli import run
from branchcheck.terminal.output import width

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "scoring" / "weights.yaml")
BASE = DATA / "answers" / "weights-base.yaml"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


@pytest.fixture
def root(tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    folder = tmp_path / "a-rather-long-folder-name-for-results" / "branchcheck-results"
    for branch in ("SH-001", "BJ-002"):
        assert run(["score", CHECKLIST, "-a", str(BASE), "-b", branch,
                    "--results-dir", str(folder)]) == 0
    capsys.readouterr()
    return folder


def terminal(root: Path, *args: str, columns: int = 120) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", NO_COLOR="1", BRANCHCHECK_CHECKLISTS=CHECKLIST)
    child: Any = pexpect.spawn(sys.executable, ["-m", "branchcheck", "results",
                                                "--results-dir", str(root), *args],
                               env=env, encoding="utf-8", timeout=30, dimensions=(40, columns))
    out = str(child.read())
    child.close()
    assert child.exitstatus == 0, out
    return out.replace("\r\n", "\n")


@pytest.mark.parametrize(("lang", "heads", "grade"), [
    ("en", ["Date", "Branch", "Checklist", "Final", "Grade", "Integrity"], "Good (incomplete)"),
    ("zh", ["日期", "网点", "检查表", "总分", "等级", "可信度"], "良好（不完整）"),
])
def test_fits_120_columns_without_squeezing(root: Path, lang: str, heads: list[str],
                                            grade: str) -> None:
    out = terminal(root, "--lang", lang)
    table = [line for line in out.splitlines() if not line.startswith(("(", "（"))]
    assert all(width(line) <= 120 for line in table), out
    assert "…" not in "\n".join(table), out
    shown = table[0].split()
    assert [h for h in shown if h in heads] == heads, out
    rows = [line for line in table if "SH-001" in line or "BJ-002" in line]
    assert len(rows) == 2 and all(grade in r for r in rows), out
    assert str(root) not in out  # the path went first
    assert "--wide" in out  # and the user is told how to get it back


def test_wide_and_pipe_show_every_column(root: Path) -> None:
    out = terminal(root, "--wide", "--lang", "en")
    assert str(root / "SH-001") in out.replace("\n", "") and "Open actions" in out
    piped = subprocess.run([sys.executable, "-m", "branchcheck", "results", "--results-dir",
                            str(root), "--lang", "en"], capture_output=True, text=True,
                           check=True, env={**os.environ, "COLUMNS": "80"})
    assert str(root / "SH-001") in piped.stdout and "--wide" not in piped.stderr
