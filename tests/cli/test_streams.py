"""Issue 10: a closed stdin, stdout or stderr (``<&-``, ``>&-``, ``2>&-``) and an
output encoding that cannot show the symbols (GBK/cp936, ASCII) never crash a
command (exit 3) and never lose its result: symbols degrade to ASCII."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.terminal.output import prepare_streams

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = str(ROOT / "tests" / "data" / "valid" / "issue-example.yaml")
SCRIPT = "y\ny\nn # ATM 2 dark\n4\na\ny\n90\n\n"  # hall-tidy passes, atm-working fails
ANSWERS = ("checklist: example-branch-check\nbranch: SH-001\nreviewer: 王芳\nanswers:\n"
           "  hall-tidy: pass\n  has-atm: pass\n  atm-working: {value: fail, note: 屏幕黑}\n"
           "  greeting-quality: 4\n  product-choice: a\n  no-misleading-sales: pass\n"
           "  answer-15s: 90\n")


def shell(redirect: str, *args: str, stdin: str | None = None, encoding: str = "utf-8",
          cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``python -m branchcheck ARGS REDIRECT`` through sh, so ``>&-`` really closes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHCHECK_")}
    env.update(PYTHONIOENCODING=encoding, NO_COLOR="1", LC_ALL="C.UTF-8")
    command = 'exec "$0" -m branchcheck "$@" ' + redirect
    return subprocess.run(["sh", "-c", command, sys.executable, *args], cwd=cwd, env=env,
                          input=None if stdin is None else stdin.encode(encoding),
                          capture_output=True, check=False, timeout=60)


def stored(root: Path) -> list[Path]:
    return sorted(root.rglob("2*.yaml"))


@pytest.fixture()
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@pytest.mark.parametrize("redirect", [">&-", "2>&-", ">&- 2>&-"])
def test_closed_stdout_or_stderr_keeps_the_result_and_exits_0(
        tmp_path: Path, answers: Path, redirect: str) -> None:
    proc = shell(redirect, "score", CHECKLIST, "--answers", str(answers),
                 "--results-dir", "r", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
    assert len(stored(tmp_path / "r")) == 1
    proc = shell(redirect, "run", CHECKLIST, "--branch", "SH-002", "--results-dir", "r",
                 stdin=SCRIPT, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(stored(tmp_path / "r")) == 2


def test_closed_stdin_is_input_that_ended(tmp_path: Path) -> None:
    proc = shell("<&-", "score", CHECKLIST, "--answers", "-", "--results-dir", "r",
                 cwd=tmp_path)
    assert proc.returncode == 2 and b"<stdin>:1:1" in proc.stderr
    proc = shell("<&-", "run", CHECKLIST, "--branch", "SH-001", "--results-dir", "r",
                 cwd=tmp_path)
    assert proc.returncode == 1 and b"input ended" in proc.stderr
    assert (tmp_path / "r" / "SH-001" / "example-branch-check" / "draft.yaml").is_file()


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_output_encoding_without_the_symbols_degrades_to_ascii(
        tmp_path: Path, answers: Path, encoding: str) -> None:
    proc = shell("", "score", CHECKLIST, "--answers", str(answers), "--results-dir", "r",
                 "--lang", "en", encoding=encoding, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode(encoding)
    assert "x facilities/atm-working" in out  # ✗ became x
    reviewer = "王芳" if encoding == "gbk" else "\\u738b\\u82b3"
    assert f"Reviewer: {reviewer}" in out
    assert len(stored(tmp_path / "r")) == 1
    proc = shell("", "run", CHECKLIST, "--branch", "SH-002", "--results-dir", "r",
                 "--lang", "en", stdin=SCRIPT, encoding=encoding, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    dot = "·" if encoding == "gbk" else "-"  # GBK has ·, ASCII does not
    assert f"[item 1 of 7 {dot} section 1 of 2]" in proc.stderr.decode(encoding)
    results = [str(p) for p in stored(tmp_path / "r")]
    proc = shell("", "diff", *results, "--lang", "zh", encoding=encoding, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert ("→" if encoding == "gbk" else "->") in proc.stdout.decode(encoding)
    proc = shell("", "history", "--branch", "SH-001", "--results-dir", "r", encoding=encoding,
                 cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_fallback_keeps_what_the_encoding_has_and_replaces_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_streams()
    text = "✗ 王 · → ≥ 90 — “ok” ：\udcff"
    assert text.encode("ascii", "branchcheck-ascii") == \
        b'x \\u738b - -> >= 90 - "ok" :\\udcff'
    assert text.encode("gbk", "branchcheck-ascii").decode("gbk") == \
        "x 王 · → ≥ 90 — “ok” ：\\udcff"
