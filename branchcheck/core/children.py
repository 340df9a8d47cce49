"""Worker processes that never outlive their parent (the initializer of every pool
started while a lock is held)."""

from __future__ import annotations

import os
import sys
import threading
import time

POLL = 0.5
"""Seconds between two checks that the parent is still alive (where the system
cannot be asked to do it)."""


def guard(parent: int) -> None:
    """In a freshly forked worker: let go of the parent's locks and die with ``parent``."""
    from branchcheck.core.locking import let_go_inherited

    let_go_inherited()
    if sys.platform == "linux":
        _death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _death_signal() -> None:
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL)
    os._exit(1)
