"""An exclusive lock on a file that dies with the process (POSIX ``flock``).

Used for drafts, the results chain, action logs and the network warehouse: the
operating system releases the lock when the holder exits or is killed, so a
stale lock never blocks. The lock file records who holds it, for the message.
Messages follow the UI language of the process (:func:`branchcheck.core.i18n.ui`).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from branchcheck.core.errors import BranchcheckError, StorageError
from branchcheck.core.i18n import t, ui
from branchcheck.core.textsafe import term


class LockedError(BranchcheckError):
    """Another process holds the lock (exit 2)."""


_HELD: set[int] = set()
"""Descriptors of the locks this process holds (a forked child lets go of them)."""


def let_go_inherited() -> None:
    """In a forked child: close the lock descriptors inherited from the parent. A
    ``flock`` lock belongs to the open file, which every copy of the descriptor
    shares: a child keeping a copy would hold the lock after its parent died."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's
        return True
    return True


def _holder(fd: int, lang: str) -> str:
    try:
        raw = os.pread(fd, 4096, 0)
        info = json.loads(raw.decode("utf-8"))
        pid, who, since = info["pid"], f"{info['user']}@{info['host']}", info["since"]
        text = t(lang, f"进程 {pid}，{who}，自 {since} 起", f"pid {pid}, {who}, since {since}")
        if info["host"] == socket.gethostname() and not _alive(int(pid)):
            text += t(lang, "；该进程已结束，是它启动的进程仍持有锁：请停止那个进程，或等它结束",
                      "; that process has ended, so a process it started still holds the "
                      "lock: stop that process, or wait for it to end")
        return term(text)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return t(lang, "另一个进程", "another process")


@contextmanager
def exclusive(path: Path, *, wait: float = 0.0, what: str = "") -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if absent) for the ``with`` block.

    ``wait`` seconds are spent retrying before :class:`LockedError` is raised,
    naming the holder; ``what`` says what is locked, for the message.
    """
    import fcntl

    lang = ui()
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        raise StorageError(t(lang, f"无法加锁 {term(str(path))}：{exc.strerror or exc}",
                             f"cannot lock {term(str(path))}: {exc.strerror or exc}")) from None
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StorageError(t(lang, f"无法加锁 {term(str(path))}：不是普通文件",
                                 f"cannot lock {term(str(path))}: not a regular file"))
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    label = what or term(str(path))
                    raise LockedError(t(lang, f"{label} 正在被使用（{_holder(fd, lang)}）",
                                        f"{label} is in use ({_holder(fd, lang)})")) from None
                time.sleep(0.05)
        info = {
            "pid": os.getpid(),
            "user": _user(),
            "host": socket.gethostname(),
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
    finally:
        os.close(fd)  # releases the flock


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
