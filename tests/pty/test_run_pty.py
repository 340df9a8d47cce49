"""``branchcheck run`` in a real pseudo-terminal (pexpect), Ctrl-C + resume, and a
piped run killed with SIGKILL mid-way (the draft must hold every answer given)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import Answer
from branchcheck.results import storage
from branchcheck.results.drafts import DRAFT_NAME, read_draft

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "tests/data/valid/issue-example.yaml"
ID = "example-branch-check"
# (text shown, answer typed) for each item of the example, in order
WALK = [
    ("Hall clean and orderly", "y"),
    ("Branch has self-service machines", "y"),
    ("Self-service machines working", "n # ATM 2 screen dark"),
    ("Greeting courtesy", "4"),
    ("Product suggested fits the customer", "b"),
    ("No misleading sales", "y"),
    ("Calls answered within 15 s", "87.5"),
    ("Other remarks", "排队较长 # 中午"),
]
TIMEOUT = 30

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def spawn(results: Path, *extra: str, color: bool = False) -> Any:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG")}
    env.update(TERM="xterm-256color", BRANCHCHECK_REVIEWER="tester")
    if not color:
        env["NO_COLOR"] = "1"
    args = ["-m", "branchcheck", "run", EXAMPLE, "--branch", "T1", "--results-dir",
            str(results), "--lang", "en", *extra]
    return pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                         timeout=TIMEOUT, dimensions=(40, 120))


def answer(child: Any, steps: list[tuple[str, str]]) -> None:
    for text, line in steps:
        child.expect_exact(text)
        child.expect_exact("> ")
        child.sendline(line)


def finish(child: Any) -> str:
    # New corrective actions are offered owners at the end (docs/actions.md): Ctrl-D skips.
    if child.expect([pexpect.EOF, r"(owner|责任人) \[[^\]]*\]: "]) == 1:
        child.sendeof()
        child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def test_whole_checklist_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("Facilities")
    child.expect_exact("item 1 of 7 · section 1 of 2")
    child.expect_exact("Floor, counters and zones free of clutter")  # guidance
    child.expect_exact("Answers: y/yes/pass or n/no/fail")
    child.expect_exact("> ")
    child.sendline("maybe")  # invalid: explained, asked again
    child.expect_exact("is not an answer for check “Hall clean and orderly”")
    child.expect_exact("> ")
    child.sendline("y")
    answer(child, WALK[1:2])
    child.expect_exact("item 3 of 8")  # the `when` item appeared
    answer(child, WALK[2:])
    child.expect_exact("Example branch check  (example-branch-check v1)")
    child.expect_exact("Overall")
    child.expect_exact("Failed items (1)")
    child.expect_exact("note: ATM 2 screen dark")
    child.expect(r"Result saved: (\S+\.yaml)")
    saved = Path(str(child.match.group(1)))
    finish(child)
    assert child.exitstatus == 0
    result = storage.read_result(saved)
    got = {i.id: (i.value, i.note) for i in result.score.items}
    assert got["atm-working"] == ("fail", "ATM 2 screen dark")
    assert got["answer-15s"] == (87.5, None)
    assert got["remarks"] == ("排队较长 # 中午", None)  # a text item takes the whole line
    assert result.score.complete
    assert not (tmp_path / "T1" / ID / DRAFT_NAME).exists()


def test_ctrl_c_saves_then_resume_finishes(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer(child, WALK[:3])
    child.expect_exact("Greeting courtesy")
    child.expect_exact("> ")
    child.sendline("")  # no answer yet: asked again
    child.expect_exact("Please answer")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("interrupted; 3 answers saved to draft")
    child.expect_exact("--resume")
    finish(child)
    assert child.exitstatus == 130

    ck = load_checklist(str(ROOT / EXAMPLE))
    path = tmp_path / "T1" / ID / DRAFT_NAME
    draft = read_draft(path, ck, "T1")
    assert draft.answers == {
        "hall-tidy": Answer("hall-tidy", "pass"),
        "has-atm": Answer("has-atm", "pass"),
        "atm-working": Answer("atm-working", "fail", "ATM 2 screen dark"),
    }
    assert draft.position == "greeting-quality"

    child = spawn(tmp_path, "--resume")
    child.expect_exact("item 4 of 8")  # continues where it stopped
    answer(child, WALK[3:])
    child.expect_exact("Overall")
    finish(child)
    assert child.exitstatus == 0
    assert not path.exists()
    (stored,) = list(storage.iter_stored(tmp_path))
    result = storage.read_result(stored.path)
    assert {i.id: i.value for i in result.score.items}["atm-working"] == "fail"
    assert result.score.complete


def test_sigterm_saves_the_draft_and_says_so(tmp_path: Path) -> None:
    """SIGTERM (`kill`, a supervisor or a shutdown stopping it) stops a run as
    Ctrl-C does: the draft is saved and the message says so; exit 143 (128 + 15)."""
    child = spawn(tmp_path)
    answer(child, WALK[:3])
    child.expect_exact("Greeting courtesy")
    child.expect_exact("> ")
    child.kill(signal.SIGTERM)
    child.expect_exact("terminated (SIGTERM); 3 answers saved to draft")
    child.expect_exact("--resume")
    finish(child)
    assert child.exitstatus == 143, (child.exitstatus, child.signalstatus)
    ck = load_checklist(str(ROOT / EXAMPLE))
    draft = read_draft(tmp_path / "T1" / ID / DRAFT_NAME, ck, "T1")
    assert list(draft.answers) == ["hall-tidy", "has-atm", "atm-working"]
    assert draft.position == "greeting-quality"
    child = spawn(tmp_path, "--resume")
    child.expect_exact("item 4 of 8")
    answer(child, WALK[3:])
    child.expect_exact("Overall")
    finish(child)
    assert child.exitstatus == 0


def test_sigterm_on_a_piped_run_in_chinese(tmp_path: Path) -> None:
    proc, err = piped(tmp_path, "zh")
    assert proc.stdin is not None
    try:
        for n, (_, line) in enumerate(WALK[:2], start=1):
            err.wait_for(f"[第 {n}/")
            proc.stdin.write(f"{line}\n".encode())
            proc.stdin.flush()
        err.wait_for("[第 3/")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=TIMEOUT)
        err.join(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143
    assert "已被终止（SIGTERM）；已保存 2 个答案到草稿" in err.text, err.text
    assert "--resume" in err.text and "Traceback" not in err.text


def test_colour_only_without_no_color(tmp_path: Path) -> None:
    child = spawn(tmp_path / "a", color=True)
    child.expect_exact("> ")
    coloured = str(child.before)
    child.sendline(":q")
    finish(child)
    assert "\x1b[1m" in coloured  # bold item text
    child = spawn(tmp_path / "b")
    child.expect_exact("> ")
    plain = str(child.before)
    child.sendline(":q")
    finish(child)
    assert child.exitstatus == 0
    assert "\x1b[" not in plain.replace("\x1b[?1034h", "")  # readline's meta-key switch


class Collector(threading.Thread):
    """Reads a pipe in the background so the test can wait for a prompt."""

    def __init__(self, stream: object) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.text = ""
        self.lock = threading.Lock()

    def run(self) -> None:
        fd = self.stream.fileno()  # type: ignore[attr-defined]
        while chunk := os.read(fd, 4096):
            with self.lock:
                self.text += chunk.decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = TIMEOUT) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if needle in self.text:
                    return
            time.sleep(0.01)
        raise AssertionError(f"{needle!r} never shown; got:\n{self.text}")


def piped(results: Path, lang: str) -> tuple[subprocess.Popen[bytes], Collector]:
    """``run`` of the example with answers from a pipe, its stderr collected."""
    env = {k: v for k, v in os.environ.items() if k not in ("BRANCHCHECK_RESULTS",
                                                             "BRANCHCHECK_LANG")}
    env.update(NO_COLOR="1", BRANCHCHECK_REVIEWER="tester")
    cmd = [sys.executable, "-m", "branchcheck", "run", EXAMPLE, "--branch", "T1",
           "--results-dir", str(results), "--lang", lang]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = Collector(proc.stderr)
    err.start()
    return proc, err


def test_sigkill_loses_at_most_the_answer_being_typed(tmp_path: Path) -> None:
    proc, err = piped(tmp_path, "en")
    assert proc.stdin is not None
    try:
        err.wait_for("item 1 of 7")
        for n, (_, line) in enumerate(WALK[:5], start=1):
            proc.stdin.write(f"{line}\n".encode())
            proc.stdin.flush()
            err.wait_for(f"item {n + 1} of")  # the next prompt is up
        proc.stdin.write(b"n # half-typ")  # the sixth answer, not finished
        proc.stdin.flush()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    ck = load_checklist(str(ROOT / EXAMPLE))
    draft = read_draft(tmp_path / "T1" / ID / DRAFT_NAME, ck, "T1")
    assert draft.answers == {
        "hall-tidy": Answer("hall-tidy", "pass"),
        "has-atm": Answer("has-atm", "pass"),
        "atm-working": Answer("atm-working", "fail", "ATM 2 screen dark"),
        "greeting-quality": Answer("greeting-quality", 4),
        "product-choice": Answer("product-choice", "b"),
    }
    assert draft.position == "no-misleading-sales"
    assert list(storage.iter_stored(tmp_path)) == []


def spawn_zh(results: Path, log: io.StringIO, *extra: str) -> Any:
    env = {k: v for k, v in os.environ.items() if k not in ("BRANCHCHECK_RESULTS",
                                                             "BRANCHCHECK_LANG")}
    env.update(TERM="xterm-256color", BRANCHCHECK_REVIEWER="tester", NO_COLOR="1",
               LANG="zh_CN.UTF-8")
    args = ["-m", "branchcheck", "run", "daily-opening", "--branch", "SH-001",
            "--results-dir", str(results), "--lang", "zh", *extra]
    child = pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 120))
    child.logfile_read = log  # the whole transcript, to check its language
    return child


def send(child: Any, *lines: str) -> None:
    for line in lines:
        child.expect_exact("> ")
        child.sendline(line)


ENGLISH = ("item ", "section ", "Answers:", "Accepted", "Current answer", "Note (",
           "Result saved", "interrupted", "saved to draft", "resume with", "Overall", "Grade")


def test_bundled_checklist_in_chinese_ctrl_c_quit_and_resume(tmp_path: Path) -> None:
    """daily-opening in Chinese: invalid input, back, na, skip, notes, Ctrl-C, resume, :q."""
    log = io.StringIO()
    child = spawn_zh(tmp_path, log)
    child.expect_exact("检查类别 1/4")
    child.expect_exact("第 1/20 项 · 类别 1/4")  # 21 items; one waits for its `when`
    child.expect_exact("可选答案：y/是 = 通过, n/否 = 不通过")
    send(child, "maybe")
    child.expect_exact("'maybe' 不是是否题 “门口及门前区域干净，无垃圾杂物” 的答案")
    child.sendline("是")
    send(child, "n # 节假日时间未更新", ":b")
    child.expect_exact("当前答案：不通过 # 节假日时间未更新（回车保留）")
    send(child, "", "na", ":s", "y")  # keep it; hall floor n/a; skip zones; counters
    child.expect_exact("第 6/20 项")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("已中断；已保存 4 个答案到草稿")
    child.expect_exact("--resume")
    finish(child)
    assert child.exitstatus == 130

    child = spawn_zh(tmp_path, log, "--resume")
    child.expect_exact("第 6/20 项")  # where it stopped
    send(child, "y", "y", "na", "y")  # ... has self-service: its `when` item appears
    child.expect_exact("第 10/21 项 · 类别 2/4")
    send(child, "n")
    child.expect_exact("备注（不通过时必填；:b 修改答案）> ")
    child.sendline("1号机黑屏")
    send(child, "y", "y", "y", "y", "y", "n # 填单台有身份证复印件", ":q")
    child.expect_exact("已保存 15 个答案到草稿")
    child.expect_exact("继续请运行：")
    finish(child)
    assert child.exitstatus == 0

    child = spawn_zh(tmp_path, log, "--resume")
    send(child, "y", "y", "y", "y", "y")
    child.expect_exact("有 1 项未作答")  # the skipped one: Enter stores it as incomplete
    child.expect_exact("> ")
    child.sendline("")
    child.expect_exact("整表否决")
    child.expect_exact("等级: 不合格（一票否决）")
    child.expect_exact("未完成（1 项未答）")
    child.expect(r"结果已保存：(\S+\.yaml)")
    saved = Path(str(child.match.group(1)))
    finish(child)
    assert child.exitstatus == 0
    transcript = log.getvalue()
    assert "第 21/21 项" in transcript and "否决项" in transcript
    for word in ENGLISH:
        assert word not in transcript, word

    result = storage.read_result(saved)
    got = {i.id: (i.status, i.note) for i in result.score.items}
    assert got["opening-hours-notice"] == ("fail", "节假日时间未更新")
    assert got["hall-floor-clean"] == ("na", None) and got["zones-tidy"] == ("skipped", None)
    assert got["self-service-on"] == ("fail", "1号机黑屏")
    assert got["no-customer-data-exposed"] == ("fail", "填单台有身份证复印件")
    assert result.score.knocked_out and result.overall_final == 0.0
    assert result.score.coverage == pytest.approx(20 / 21) and not result.score.complete
    assert (result.lang, result.reviewer) == ("zh", "tester")
    assert not (tmp_path / "SH-001" / "daily-opening" / DRAFT_NAME).exists()


def test_reviewer_is_asked_once_on_a_terminal_and_kept_in_the_draft(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG",
                        "BRANCHCHECK_REVIEWER")}
    env.update(TERM="xterm-256color", NO_COLOR="1", USER="not-this-one")
    args = ["-m", "branchcheck", "run", EXAMPLE, "--branch", "T1", "--results-dir",
            str(tmp_path), "--lang", "en"]
    child = pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 120))
    child.expect_exact("Reviewer's name: ")
    child.sendline("")  # a name is required: asked again
    child.expect_exact("Reviewer's name: ")
    child.sendline("王芳")
    answer(child, WALK[:1])
    child.expect_exact("> ")
    child.sendline(":q")
    finish(child)
    assert child.exitstatus == 0
    draft = read_draft(tmp_path / "T1" / ID / DRAFT_NAME, load_checklist(str(ROOT / EXAMPLE)),
                       "T1")
    assert draft.reviewer == "王芳"
    child = pexpect.spawn(sys.executable, [*args, "--resume"], cwd=str(ROOT), env=env,
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 120))
    answer(child, WALK[1:])  # resumed: not asked again
    child.expect(r"Result saved: (\S+\.yaml)")
    saved = Path(str(child.match.group(1)))
    finish(child)
    assert "Reviewer's name" not in str(child.before)
    assert storage.read_result(saved).reviewer == "王芳"
