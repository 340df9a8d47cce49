"""A run with skipped items says so before storing: on a terminal it offers to go
back to the first unanswered item; in a pipe it warns; the stored result's grade
says it is incomplete (in zh and en)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from branchcheck.results import storage

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "tests/data/valid/issue-example.yaml"
# hall-tidy, has-atm, atm-working (skipped with :s), greeting, product-fit, no-misleading,
# answer-15s, remarks
SKIPPING = ["y", "y", ":s", "4", "a", "y", "90", ""]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def spawn(results: Path, lang: str) -> Any:
    env = {k: v for k, v in os.environ.items() if k not in ("BRANCHCHECK_RESULTS",)}
    env.update(TERM="xterm-256color", NO_COLOR="1", BRANCHCHECK_REVIEWER="tester")
    args = ["-m", "branchcheck", "run", EXAMPLE, "--branch", "T1", "--results-dir",
            str(results), "--lang", lang]
    return pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                         timeout=30, dimensions=(40, 120))


def walk(child: Any, lines: list[str]) -> None:
    for line in lines:
        child.expect_exact("> ")
        child.sendline(line)


def saved(child: Any) -> Path:
    child.expect(r"(?:Result saved|结果已保存)[:：] ?(\S+\.yaml)")
    path = Path(str(child.match.group(1)))
    if child.expect([pexpect.EOF, r"(owner|责任人) \[[^\]]*\]: "]) == 1:
        child.sendeof()
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return path


def test_going_back_answers_the_skipped_item(tmp_path: Path) -> None:
    child = spawn(tmp_path, "en")
    walk(child, SKIPPING)
    child.expect_exact("1 item(s) left unanswered: Self-service machines working.")
    child.expect_exact(":b goes back to the first unanswered item")
    child.sendline(":b")
    child.expect_exact("Self-service machines working")
    walk(child, ["n # ATM 2 dark", "", "", "", "", ""])  # Enter keeps the later answers
    child.expect_exact("Grade: Good")
    result = storage.read_result(saved(child))
    assert result.score.complete and result.score.coverage == 1


@pytest.mark.parametrize(("lang", "warning", "grade"), [
    ("en", "1 item(s) left unanswered", "Grade: Excellent (incomplete)"),
    ("zh", "有 1 项未作答", "等级: 卓越（不完整）"),
])
def test_enter_stores_it_marked_incomplete(tmp_path: Path, lang: str, warning: str,
                                          grade: str) -> None:
    child = spawn(tmp_path, lang)
    walk(child, SKIPPING)
    child.expect_exact(warning)
    child.expect_exact("> ")
    child.sendline("")
    child.expect_exact(grade)
    result = storage.read_result(saved(child))
    assert not result.score.complete


def test_a_pipe_is_warned_and_reads_no_extra_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "branchcheck", "run", EXAMPLE, "--branch", "T1",
         "--results-dir", str(tmp_path), "--lang", "en", "--reviewer", "tester"],
        input="\n".join(SKIPPING) + "\n", capture_output=True, text=True, cwd=ROOT,
        check=False)
    assert done.returncode == 0, done.stderr
    assert "Warning: 1 item(s) left unanswered: Self-service machines working." in done.stderr
    assert "Grade: Excellent (incomplete)" in done.stdout


def test_ctrl_d_at_a_prompt_saves_and_leaves_without_an_error(tmp_path: Path) -> None:
    child = spawn(tmp_path, "en")
    walk(child, ["y", "y"])
    child.expect_exact("> ")
    child.sendeof()
    child.expect_exact("2 answers saved to draft")
    child.expect_exact("--resume")
    child.expect(pexpect.EOF)
    before = str(child.before)
    child.close()
    assert child.exitstatus == 0 and "Error" not in before
