"""``run`` at a real terminal: it starts with its title line (zh and en, no open
actions), and the reviewer typed for a branch is offered the next time (Enter takes
it), per branch, kept in the user's state folder; ``--reviewer`` wins and is
remembered; a bad state file is ignored with a warning; a pipe neither reads nor
writes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.results.drafts import draft_path, read_draft

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "tests/data/valid/issue-example.yaml"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def spawn(tmp: Path, lang: str, *extra: str, branch: str = "T1") -> Any:
    env = {k: v for k, v in os.environ.items()
           if k not in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_REVIEWER", "BRANCHCHECK_LANG")}
    env.update(TERM="xterm-256color", NO_COLOR="1", XDG_STATE_HOME=str(tmp / "state"))
    args = ["-m", "branchcheck", "run", EXAMPLE, "--branch", branch, "--results-dir",
            str(tmp / "results"), "--lang", lang, *extra]
    return pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                         timeout=30, dimensions=(40, 120))


def quit_at_first_item(child: Any) -> None:
    child.expect_exact("> ")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def reviewer_of_draft(tmp: Path, branch: str = "T1") -> str:
    ck = load_checklist(str(ROOT / EXAMPLE))
    return read_draft(draft_path(tmp / "results", branch, ck.id), ck, branch).reviewer


def state(tmp: Path) -> dict[str, Any]:
    return dict(json.loads((tmp / "state" / "branchcheck" / "reviewers.json")
                           .read_text(encoding="utf-8")))


@pytest.mark.parametrize(("lang", "title", "ask"), [
    ("zh", "示例网点自查（example-branch-check 第 1 版）· 网点 T1 · 共 8 项", "检查人姓名："),
    ("en", "Example branch check (example-branch-check v1) · branch T1 · 8 items",
     "Reviewer's name: "),
])
def test_a_run_starts_with_its_title_line(tmp_path: Path, lang: str, title: str,
                                          ask: str) -> None:
    child = spawn(tmp_path, lang)
    child.expect_exact(ask)
    assert child.before.strip() == title  # the very first thing on the screen
    child.sendline("王芳")
    quit_at_first_item(child)


def test_the_reviewer_is_offered_again_per_branch(tmp_path: Path) -> None:
    child = spawn(tmp_path, "zh")
    child.expect_exact("检查人姓名：")
    child.sendline("王芳")
    quit_at_first_item(child)
    assert state(tmp_path) == {"format": "branchcheck-reviewers/1",
                               "reviewers": {"T1": "王芳"}}

    child = spawn(tmp_path, "zh", "--restart")
    child.expect_exact("检查人姓名（直接回车即 王芳）：")
    child.sendline("")  # Enter takes the offer
    quit_at_first_item(child)
    assert reviewer_of_draft(tmp_path) == "王芳"

    child = spawn(tmp_path, "en", branch="T2")  # another branch: nothing offered
    child.expect_exact("Reviewer's name: ")
    child.sendline("Li Lei")
    quit_at_first_item(child)
    assert state(tmp_path)["reviewers"] == {"T1": "王芳", "T2": "Li Lei"}


def test_the_option_wins_and_is_remembered(tmp_path: Path) -> None:
    child = spawn(tmp_path, "en")
    child.expect_exact("Reviewer's name: ")
    child.sendline("王芳")
    quit_at_first_item(child)
    child = spawn(tmp_path, "en", "--restart", "--reviewer", "赵六")
    quit_at_first_item(child)  # not asked
    assert reviewer_of_draft(tmp_path) == "赵六"
    child = spawn(tmp_path, "en", "--restart")
    child.expect_exact("Reviewer's name [赵六]: ")
    child.sendline("")
    quit_at_first_item(child)
    assert reviewer_of_draft(tmp_path) == "赵六"


@pytest.mark.parametrize("content", [
    b"\xff\xfe not json", b'{"format": "branchcheck-reviewers/1", "reviewers": []}',
    b"[" * 100_000,
])
def test_a_bad_state_file_is_ignored_with_a_warning(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "state" / "branchcheck"
    folder.mkdir(parents=True)
    (folder / "reviewers.json").write_bytes(content)
    child = spawn(tmp_path, "zh")
    child.expect_exact("警告：已忽略记住的检查人文件")
    child.expect_exact("检查人姓名：")
    child.sendline("王芳")
    quit_at_first_item(child)
    assert state(tmp_path)["reviewers"] == {"T1": "王芳"}  # replaced by a good one


def test_hostile_entries_are_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "branchcheck"
    folder.mkdir(parents=True)
    (folder / "reviewers.json").write_text(json.dumps({
        "format": "branchcheck-reviewers/1",
        "reviewers": {"T1": "\x1b]0;owned\x07", "../x": "王芳", "T2": 5}}), encoding="utf-8")
    child = spawn(tmp_path, "en")
    child.expect_exact("Reviewer's name: ")  # nothing offered
    child.sendline("Ann")
    quit_at_first_item(child)
    assert state(tmp_path)["reviewers"] == {"T1": "Ann"}


def test_a_pipe_neither_reads_nor_writes_the_state(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BRANCHCHECK_REVIEWER"}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    done = subprocess.run(
        [sys.executable, "-m", "branchcheck", "run", EXAMPLE, "--branch", "T1",
         "--results-dir", str(tmp_path / "results"), "--lang", "en", "-r", "Ann"],
        input=":q\n", capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "state").exists()
    assert "Example branch check (" not in done.stderr  # the title is for a person
