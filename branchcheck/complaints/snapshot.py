"""Registers this user has already verified, remembered for the exact bytes verified,
so that ``complaints list`` and ``register`` need not re-verify 50,000 events.

A register is verified in full (every hash, the chain, the head) the first time its
exact bytes are read; the cases derived from it are then kept in the user's own
cache folder (``$XDG_CACHE_HOME/branchcheck/complaints``, never the results folder),
one entry per register, by :class:`branchcheck.integrity.memory.Memory`: HMAC'd
with the user's key over the SHA-256 of the register's bytes, so an entry written or
edited by anyone without the key, or kept for other bytes, is ignored. An entry is
used only when the register's bytes hash to it *and* the head names its last event,
so an edited, cut or replaced register is always read and verified in full (and
reported). Only registers that verified without any problem are remembered. Writers
refresh the entry after each append. ``show``, ``review`` and the network ingest
always verify in full. The cases are kept with :mod:`marshal` (plain values only,
read back only when the MAC holds): ten times quicker than JSON both ways.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any

from branchcheck.actions.log import (
    MAX_LOG_BYTES,
    Log,
    log_path,
    read_head,
    read_log,
    verify_bytes,
)
from branchcheck.complaints.model import CHAIN, Case, Step
from branchcheck.complaints.state import State, derive

FORMAT = f"branchcheck-complaints-snapshot/2 (marshal, Python {sys.version_info[0]}." \
    f"{sys.version_info[1]})"
_ALL = [f.name for f in dataclasses.fields(Case)]
_FIELDS = _ALL[:_ALL.index("steps")]
"""The fields before ``steps``, in order (a case is rebuilt positionally)."""
_REST = [f for f in _ALL[_ALL.index("steps") + 1:] if f != "events"]


def _memory() -> Any:
    from branchcheck.integrity.memory import Memory

    return Memory("complaints", FORMAT)


def _slot(root: Path, branch: str) -> str:
    """One entry per register (replaced as the register grows)."""
    return os.path.abspath(log_path(root, branch, CHAIN))


def _encode(seq: int, last: str, cases: list[Case]) -> bytes:
    head, rest = attrgetter(*_FIELDS), attrgetter(*_REST)
    rows = [(head(c), [tuple(s) for s in c.steps], rest(c)) for c in cases]
    return marshal.dumps((seq, last, rows), 2)  # 2: no shared refs, twice as quick


def _decode(rows: list[Any]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    make: Any = Case  # rebuilt positionally, in field order
    for values, steps, rest in rows:
        case = make(*values, [Step(*s) for s in steps], *rest)
        cases[case.id] = case
    return cases


def _bytes(root: Path, branch: str) -> bytes | None:
    """The register's bytes when it can be remembered (readable and not ending in a
    torn line: such a one is read in full, reported, then sealed), else None."""
    from branchcheck.core import fsafe
    from branchcheck.core.errors import BranchcheckError

    try:
        raw = fsafe.read_regular(log_path(root, branch, CHAIN), max_bytes=MAX_LOG_BYTES,
                                 root=root)
    except (BranchcheckError, OSError):
        return None
    return raw if raw.endswith(b"\n") else None


def _digest(root: Path, branch: str) -> tuple[str, int] | None:
    raw = _bytes(root, branch)
    return None if raw is None else (hashlib.sha256(raw).hexdigest(), len(raw))


def remember(root: Path, branch: str, log: Log, state: State, *, size: int | None = None,
             seq: int | None = None, last: str | None = None) -> None:
    """Keep ``state`` for the register's bytes as they are now (``log`` verified
    without problems; ``size``/``seq``/``last``: the register after a write)."""
    if log.problems or state.problems:
        return
    found = _digest(root, branch)
    if found is None or found[1] != (log.size if size is None else size):
        return  # changed meanwhile: nothing remembered
    payload = _encode(log.last_seq if seq is None else seq,
                      log.last_hash if last is None else last, list(state.cases.values()))
    _memory().put(_slot(root, branch), found[0], payload)


def load(root: Path, branch: str) -> tuple[Log, State]:
    """The register's cases: remembered when its bytes were verified before and its
    head agrees, else read and verified in full (and remembered when clean). The
    cases carry no events (``show`` reads those)."""
    with paused_gc():
        return _load(root, branch)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the objects a register is folded into are
    not cycles, and its passes over hundreds of thousands of new objects would double
    the time of a listing. On leaving, the objects made meanwhile are frozen (left out
    of later passes: the first allocation after enabling would otherwise scan them all);
    they are still freed as usual when no longer used."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def _load(root: Path, branch: str) -> tuple[Log, State]:
    raw = _bytes(root, branch) if os.path.lexists(log_path(root, branch, CHAIN)) else None
    if raw is None:  # absent, unreadable or torn: the reader reports what is wrong
        log = read_log(root, branch, chain=CHAIN)
        return log, derive(log)
    digest = hashlib.sha256(raw).hexdigest()
    memory, slot = _memory(), _slot(root, branch)
    payload = memory.get(slot, digest)
    if payload is not None:
        head = read_head(root, branch, CHAIN)
        try:  # the MAC holds: this user's own payload (marshal, plain values only)
            seq, last, rows = marshal.loads(payload)  # noqa: S302
            cases = _decode(rows) if head == (seq, last) else None
        except (EOFError, TypeError, ValueError):
            cases = None
        if head is not None and cases is not None:
            log = Log(log_path(root, branch, CHAIN), size=len(raw), last_seq=head[0],
                      last_hash=head[1], chain=CHAIN)
            return log, State(cases=cases)
    log = verify_bytes(root, branch, raw, Log(log_path(root, branch, CHAIN), chain=CHAIN))
    # (the very bytes hashed above)
    state = derive(log)
    if not log.problems and not state.problems:
        memory.put(slot, digest, _encode(log.last_seq, log.last_hash,
                                         list(state.cases.values())))
    return log, state
