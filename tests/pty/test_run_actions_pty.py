"""``branchcheck run`` with open actions, in a real pseudo-terminal (pexpect): they are
shown at the start and at their items, and the new ones get owners at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pexpect
import pytest

from branchcheck.actions.calendar import add_business_days

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = "tests/data/valid/rectify.yaml"
TIMEOUT = 30

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG")}
    env.update(TERM="xterm-256color", USER="tester", NO_COLOR="1", LC_ALL="C.UTF-8",
               BRANCHCHECK_TODAY="2024-05-09")
    return env


def _seed(results: Path, tmp: Path) -> None:
    """A first check on Friday 2024-05-03: tidy and the machines failed."""
    answers = tmp / "first.json"
    answers.write_text(json.dumps({
        "checklist": "rectify-demo", "branch": "SH-001", "reviewer": "王芳",
        "finished": "2024-05-03T10:00:00+08:00",
        "answers": {"tidy": {"value": "fail", "note": "纸屑未清"}, "atm-working": "fail",
                    "has-vip-room": "pass", "no-misleading": "pass", "greeting": 5}}))
    subprocess.run([sys.executable, "-m", "branchcheck", "score", CHECKLIST, "-a", str(answers),
                    "--results-dir", str(results)], cwd=ROOT, env=_env(), check=True,
                   capture_output=True)


def _actions(results: Path) -> dict[str, dict[str, Any]]:
    out = subprocess.run([sys.executable, "-m", "branchcheck", "actions", "list", "-f", "json",
                          "--status", "all", "--results-dir", str(results)], cwd=ROOT,
                         env=_env(), check=True, capture_output=True, text=True).stdout
    return {a["item"]: a for a in json.loads(out)}


def _answer(child: Any, text: str, line: str) -> None:
    child.expect_exact(text)
    child.expect_exact("> ")
    child.sendline(line)


def test_open_actions_shown_and_new_ones_assigned(tmp_path: Path) -> None:
    results = tmp_path / "results"
    _seed(results, tmp_path)
    before = _actions(results)
    # the new actions are due 3 business days (the checklist default) after today's check
    due = add_business_days(datetime.now().date(), 3).isoformat()
    later = add_business_days(datetime.now().date(), 7).isoformat()
    child = pexpect.spawn(sys.executable, ["-m", "branchcheck", "run", CHECKLIST, "--branch",
                                           "SH-001", "--reviewer", "王芳", "--results-dir",
                                           str(results), "--lang", "en"],
                          cwd=str(ROOT), env=_env(), encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(40, 160))
    child.expect_exact("Open actions of this branch and checklist: 2 (2 overdue)")
    # the machines were due Monday the 6th: 3 business days late on Thursday the 9th
    child.expect_exact(f"{before['atm-working']['id']} (since 2024-05-03, owner "
                       "Operations supervisor, due 2024-05-06, 3 business days overdue)")
    child.expect_exact("Hall tidy")
    child.expect_exact(f"Open action {before['tidy']['id']} (since 2024-05-03, owner "
                       "Lobby manager, due 2024-05-08, 1 business day overdue) 纸屑未清")
    child.expect_exact("> ")
    child.sendline("y")
    _answer(child, "Machines working", "n # still dark")
    _answer(child, "Has a VIP room", "y")
    _answer(child, "No misleading sales", "n # deposit talk")
    child.expect_exact("Photo (file path; a red line should have one; Enter skips) > ")
    child.sendline("")  # a red line asks for a photo; Enter goes on without one
    _answer(child, "Greeting", "2 # 未问候")
    child.expect_exact("Actions: 2 opened, 1 still open, 0 reopened, 1 verified by this check")
    child.expect_exact("Result saved: ")
    child.expect_exact("Assign owners and due dates to the new actions")
    child.expect_exact("no-misleading: deposit talk")
    child.expect_exact("owner [Lobby manager]: ")
    child.sendline("李明")
    child.expect_exact(f"due [{due}]: ")
    child.sendline("2024-05-31x")
    child.expect_exact("is not a date")
    child.expect_exact(f"due [{due}]: ")
    child.sendline("")  # Enter keeps the default
    child.expect_exact("greeting: ")
    child.expect_exact("owner [Lobby manager]: ")
    child.sendline("")
    child.expect_exact(f"due [{due}]: ")
    child.sendline("2024-05-17")  # before today's check: refused, asked again
    child.expect_exact("the due date cannot be before the check")
    child.expect_exact(f"due [{due}]: ")
    child.sendline(later)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    after = _actions(results)
    assert (after["no-misleading"]["owner"], after["no-misleading"]["due"]) == (
        "李明", due)
    assert after["no-misleading"]["priority"] == "high"
    assert (after["greeting"]["owner"], after["greeting"]["due"]) == (
        "Lobby manager", later)  # the role in the session's language alone
    assert after["tidy"]["status"] == "verified"
    assert (after["atm-working"]["status"], after["atm-working"]["recurrences"]) == ("open", 1)


def test_a_pipe_never_asks(tmp_path: Path) -> None:
    results = tmp_path / "results"
    _seed(results, tmp_path)
    proc = subprocess.run([sys.executable, "-m", "branchcheck", "run", CHECKLIST, "--branch",
                           "SH-001", "--reviewer", "王芳", "--results-dir", str(results),
                           "--lang", "en"], cwd=ROOT, env=_env(), capture_output=True,
                          text=True, input="n\nn\ny\ny\n2\n", timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    assert "Open actions of this branch and checklist: 2" in proc.stderr
    assert "Actions: 1 opened, 2 still open" in proc.stderr
    assert "Assign owners" not in proc.stdout + proc.stderr
    assert _actions(results)["greeting"]["owner"] == ""


def test_a_problem_needs_a_note_on_a_terminal(tmp_path: Path) -> None:
    results = tmp_path / "results"
    child = pexpect.spawn(sys.executable, ["-m", "branchcheck", "run", CHECKLIST, "--branch",
                                           "SH-002", "--reviewer", "王芳", "--results-dir",
                                           str(results), "--lang", "en"],
                          cwd=str(ROOT), env=_env(), encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(40, 160))
    _answer(child, "Hall tidy", "n")  # opens an action: the problem must be concrete
    child.expect_exact("Note (required when this fails")
    child.sendline("门口有烟头")
    _answer(child, "Machines working", "y")
    _answer(child, "Has a VIP room", "n")  # weight 0: a fact, no note asked
    _answer(child, "No misleading sales", "y")
    _answer(child, "Greeting", "4")  # 4 > below 3: no problem, no note
    child.expect_exact("Actions: 1 opened")
    child.expect_exact("owner [")  # keys typed before a prompt may race its line editor
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    rows = _actions(results)
    assert set(rows) == {"tidy"} and rows["tidy"]["problem"] == "门口有烟头"


def test_photos_attached_at_failures_survive_a_quit_and_resume(tmp_path: Path) -> None:
    results = tmp_path / "results"
    png, jpg = tmp_path / "门口.png", tmp_path / "desk.jpg"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    jpg.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32)
    args = ["-m", "branchcheck", "run", CHECKLIST, "--branch", "SH-003", "--reviewer", "王芳",
            "--results-dir", str(results), "--lang", "en", "--photos"]
    child = pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=_env(), encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 160))
    _answer(child, "Hall tidy", "n")
    child.expect_exact("Note (required when this fails")
    child.sendline("门口有烟头")
    child.expect_exact("Photo (file path, optional; Enter skips) > ")
    child.sendline(str(tmp_path / "nowhere.png"))
    child.expect_exact("evidence file not found")
    child.expect_exact("Photo (file path, optional; Enter skips) > ")
    child.sendline(str(png))
    child.expect_exact("Attached: 门口.png (image, 40 bytes)")
    child.expect_exact("Photo (file path, optional; Enter skips) > ")
    child.sendline("")
    _answer(child, "Machines working", "y")  # passes: no photo asked
    _answer(child, "Has a VIP room", "n")  # a fact: no note, no photo
    _answer(child, "No misleading sales", ":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (results / "SH-003" / "rectify-demo" / "draft-evidence.json").is_file()

    child = pexpect.spawn(sys.executable, [*args, "--resume"], cwd=str(ROOT), env=_env(),
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 160))
    _answer(child, "No misleading sales", "n")
    child.expect_exact("Note (required when this fails")
    child.sendline("申请书外露")
    child.expect_exact("Photo (file path; a red line should have one; Enter skips) > ")
    child.sendline(str(jpg))
    child.expect_exact("Attached: desk.jpg")
    child.expect_exact("> ")
    child.sendline("")
    _answer(child, "Greeting", "5")
    child.expect_exact("Actions: 2 opened")
    child.expect_exact("owner [")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    rows = _actions(results)
    assert [(e["name"], e["kind"], e["size"]) for e in rows["tidy"]["found_evidence"]] == [
        ("门口.png", "image", 40)]
    assert [e["name"] for e in rows["no-misleading"]["found_evidence"]] == ["desk.jpg"]
    assert rows["tidy"]["problem"] == "门口有烟头"
    assert not (results / "SH-003" / "rectify-demo" / "draft-evidence.json").exists()
    assert len(list((results / "SH-003" / "evidence").iterdir())) == 2
