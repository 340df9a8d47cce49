"""The cross-cutting rules: terminal-safe text, safe paths, atomic regular-file writes, locks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from branchcheck.core import fsafe, locking, textsafe
from branchcheck.core.errors import StorageError


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J clear", "\\x1b[2J clear"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("del\x7f", "del\\x7f"),
        ("王芳 ok", "王芳 ok"),
        ("tab\there", "tab here"),
        ("two\nlines", "two\\x0alines"),
    ],
)
def test_term_neutralises_controls(raw: str, shown: str) -> None:
    assert textsafe.term(raw) == shown


def test_term_keeps_newlines_when_asked() -> None:
    assert textsafe.term("a\r\nb\x1b", newlines=True) == "a\nb\\x1b"


def test_md_is_one_line_and_escapes_markup_and_html() -> None:
    # the visible escape of ESC keeps its backslash, escaped for Markdown
    assert textsafe.md("a|b\r\n<script>*x*\x1b") == r"a\|b &lt;script&gt;\*x\*\\x1b"


def test_html_escapes_and_neutralises() -> None:
    assert textsafe.html('<a href="x">\x1b') == "&lt;a href=&quot;x&quot;&gt;\\x1b"


def test_inside_refuses_symlink_escape(tmp_path: Path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "link").symlink_to(outside)
    assert fsafe.inside(root, root / "a" / "b") == root.resolve() / "a" / "b"
    with pytest.raises(fsafe.UnsafePathError, match="outside"):
        fsafe.inside(root, root / "link" / "f.yaml")
    with pytest.raises(fsafe.UnsafePathError):
        fsafe.inside(root, root / ".." / "outside")


def test_atomic_write_refuses_fifo_symlink_and_escape(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(fsafe.UnsafePathError, match="not a regular file"):
        fsafe.atomic_write(fifo, b"x")
    target = tmp_path / "target"
    target.write_bytes(b"keep")
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(fsafe.UnsafePathError):
        fsafe.atomic_write(link, b"x")
    assert target.read_bytes() == b"keep" and link.is_symlink()
    root = tmp_path / "root"
    root.mkdir()
    (root / "out").symlink_to(tmp_path)
    with pytest.raises(fsafe.UnsafePathError):
        fsafe.atomic_write(root / "out" / "f", b"x", root=root)
    assert not (tmp_path / "f").exists()


def test_atomic_write_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "f"
    fsafe.atomic_write(target, b"one", overwrite=False)
    with pytest.raises(fsafe.ExistsError):
        fsafe.atomic_write(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"


def test_read_regular_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "r.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(fsafe.UnsafePathError, match="not a regular file"):
        fsafe.read_regular(fifo)
    assert time.monotonic() - started < 2
    assert not fsafe.is_regular(fifo)


def test_read_regular_limits_and_roots(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * 10)
    assert fsafe.read_regular(f, max_bytes=10) == b"x" * 10
    with pytest.raises(fsafe.UnsafePathError, match="limit"):
        fsafe.read_regular(f, max_bytes=9)
    root = tmp_path / "root"
    root.mkdir()
    (root / "f").symlink_to(f)
    with pytest.raises(fsafe.UnsafePathError):
        fsafe.read_regular(root / "f", root=root)
    with pytest.raises(StorageError):
        fsafe.read_regular(tmp_path / "absent")


_HOLD = """
import sys, time
from pathlib import Path
from branchcheck.core import locking
with locking.exclusive(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_lock_refuses_second_holder_and_dies_with_the_process(tmp_path: Path) -> None:
    lock = tmp_path / "draft.lock"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(lock)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(locking.LockedError, match=f"pid {holder.pid}"), \
                locking.exclusive(lock, what="the draft"):
            pass
    finally:
        holder.kill()
        holder.wait()
    with locking.exclusive(lock, wait=5):  # a killed holder leaves no stale lock
        pass


def test_lock_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "x.lock"
    os.mkfifo(fifo)
    with pytest.raises(StorageError, match="not a regular file"), locking.exclusive(fifo):
        pass


def test_lock_held_under_a_hostile_holder_record_still_says_in_use(tmp_path: Path) -> None:
    # The holder record is read from a file anyone may write: JSON nested past the
    # parser's depth raised RecursionError (an internal error) instead of "in use".
    import fcntl

    lock = tmp_path / "x.lock"
    lock.write_bytes(b"[" * 2000 + b"]" * 2000)
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(locking.LockedError, match=r"in use \(another process"), \
                locking.exclusive(lock):
            pass
    finally:
        os.close(fd)
