"""The input audit of the newer capabilities (complaints, network, shop, training, the
working-day calendar): every file the tool reads is hostile. Each test fails on the
code before its fix."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from branchcheck.cli import run
from branchcheck.core.i18n import set_ui

posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and alarms are POSIX")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for var in ("BRANCHCHECK_LANG", "BRANCHCHECK_DEBUG", "BRANCHCHECK_COMPLAINT_RULES",
                "BRANCHCHECK_CALENDAR", "BRANCHCHECK_ORG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path / "results"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    yield
    set_ui(None)


def _hung(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError("blocked")


def bc(capsys: pytest.CaptureFixture[str], *args: str, seconds: int = 10) -> tuple[int, str]:
    """Run in this process (exit code, stdout + stderr); a call blocked for ``seconds``
    is interrupted and ends as an internal error instead of hanging the suite."""
    old = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(seconds)
    try:
        code = run(list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out = capsys.readouterr()
    return code, out.out + out.err


NEW = ("complaints", "new", "--branch", "SH-002", "--channel", "hotline",
       "--received", "2026-11-02T11:00+08:00", "--promise-days", "2")
FIFO_READERS = {
    "complaint rules": (*NEW, "--rules", "f.yaml"),
    "working-day calendar": (*NEW, "--calendar", "f.yaml"),
    "checklist": ("validate", "f.yaml"),
    "answers": ("score", "daily-opening", "-a", "f.yaml"),
    "shop mapping": ("shop", "import", "delivery.csv", "--mapping", "f.yaml"),
    "org directory": ("shop", "plan", "--org", "f.yaml", "--wave", "2027H1", "--visits", "3",
                      "--seed", "7", "--from", "2027-03-01", "--to", "2027-04-30"),
}


@posix
@pytest.mark.parametrize("reader", sorted(FIFO_READERS))
def test_a_fifo_given_as_an_input_file_is_refused_without_blocking(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str) -> None:
    # A FIFO named where a file is expected blocked open() for ever (no writer comes):
    # every file read through core/textfile is now refused as not a regular file.
    os.mkfifo(tmp_path / "f.yaml")
    (tmp_path / "delivery.csv").write_text("visit\n1\n", encoding="utf-8")
    code, said = bc(capsys, *FIFO_READERS[reader])
    assert code == 2, said
    assert "Traceback" not in said
    assert "f.yaml" in said and "not a regular file" in said, said
    assert not (tmp_path / "results").exists()  # nothing was written
