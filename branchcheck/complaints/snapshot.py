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
read back only when the MAC holds), as rows (:mod:`.caserows`).

A register this user never verified is taken from the outlet's signed checkpoint
(:mod:`.checkpoint`) when the user trusts the key that signed it, with the lines after
it verified the same way as below; such a read is not remembered (the checkpoint serves
the next one as quickly). Otherwise it is verified in full.

A register that grew by appends since it was remembered is not verified again in
full: the entry also keeps the size and SHA-256 of the bytes it was made from, and
when the register's first ``size`` bytes still hash to that, only the appended lines
are verified (hashes, chain from the remembered last event, head) and folded into the
remembered cases. Any edit or cut inside those bytes changes their hash, so the
register is then verified in full and reported as before; so is a tail with any problem.
The entry is renewed only when the appended lines have grown past a sixteenth of the
register (:data:`RENEW`)."""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from branchcheck.actions.log import (
    MAX_LOG_BYTES,
    Log,
    log_path,
    read_head,
    read_log,
    verify_bytes,
    verify_tail,
)
from branchcheck.complaints import caserows
from branchcheck.complaints.model import CHAIN, Case
from branchcheck.complaints.state import State, derive, fold

FORMAT = f"branchcheck-complaints-snapshot/3 (marshal, Python {sys.version_info[0]}." \
    f"{sys.version_info[1]})"


def _memory() -> Any:
    from branchcheck.integrity.memory import Memory

    return Memory("complaints", FORMAT)


def _slot(root: Path, branch: str) -> str:
    """One entry per register (replaced as the register grows)."""
    return os.path.abspath(log_path(root, branch, CHAIN))


RENEW = 16
"""A grown register's entry is renewed once the lines appended since it was made
exceed 1/RENEW of the register: until then each read verifies those few lines again
(a few milliseconds), which is quicker than re-writing 10,000 remembered cases."""

_ANY = ""
"""The entry is kept under this digest: the digest and size of the bytes it was made
from are inside the MAC'd payload, so a grown register still finds it."""


def _encode(size: int, digest: str, seq: int, last: str, cases: list[Case]) -> bytes:
    # 2: no shared refs, twice as quick
    return marshal.dumps((size, digest, seq, last, caserows.rows(cases)), 2)


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


def digest(root: Path, branch: str) -> tuple[str, int] | None:
    """The SHA-256 and size of the register's bytes as they are now (None when they
    cannot be remembered)."""
    raw = _bytes(root, branch)
    return None if raw is None else (hashlib.sha256(raw).hexdigest(), len(raw))


def remember(root: Path, branch: str, log: Log, state: State, *, size: int | None = None,
             seq: int | None = None, last: str | None = None,
             found: tuple[str, int] | None = None) -> None:
    """Keep ``state`` for the register's bytes as they are now (``log`` verified
    without problems; ``size``/``seq``/``last``: the register after a write;
    ``found``: their :func:`digest` when the caller has it)."""
    if log.problems or state.problems:
        return
    found = found or digest(root, branch)
    if found is None or found[1] != (log.size if size is None else size):
        return  # changed meanwhile: nothing remembered
    payload = _encode(found[1], found[0], log.last_seq if seq is None else seq,
                      log.last_hash if last is None else last, list(state.cases.values()))
    _memory().put(_slot(root, branch), _ANY, payload)


def load(root: Path, branch: str, *, personal: bool = False,
         locked: bool = False) -> tuple[Log, State]:
    """The register's cases: remembered when its bytes were verified before and its
    head agrees, else from the outlet's signed checkpoint when one is trusted (not when
    the customer's name and contact are wanted: ``personal``), else read and verified
    in full (and remembered when clean). The cases carry no events (``show`` reads
    those). ``locked``: the caller holds the register's lock (a torn last line is then
    not waited for)."""
    with paused_gc():
        return _load(root, branch, personal, locked)


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


def _load(root: Path, branch: str, personal: bool, locked: bool) -> tuple[Log, State]:
    from branchcheck.complaints import checkpoint

    raw = _bytes(root, branch) if os.path.lexists(log_path(root, branch, CHAIN)) else None
    if raw is None:  # absent, unreadable or torn: the reader reports what is wrong
        log = read_log(root, branch, chain=CHAIN, locked=locked)
        return log, derive(log)
    memory, slot, path = _memory(), _slot(root, branch), log_path(root, branch, CHAIN)
    payload = memory.get(slot, _ANY)
    try:  # the MAC holds: this user's own payload (marshal, plain values only)
        size, kept, seq, last, rows = marshal.loads(payload) if payload else (0, "", 0, "", [])  # noqa: S302
        size, seq = int(size), int(seq)
    except (EOFError, TypeError, ValueError):
        size, kept, seq, last, rows = 0, "", 0, "", []
    sha = hashlib.sha256(memoryview(raw)[:size]) if 0 < size <= len(raw) else None
    if sha is not None and sha.hexdigest() == kept:
        try:
            cases: dict[str, Case] | None = caserows.decode(rows)
        except (TypeError, ValueError):
            cases = None
        found = None if cases is None else _known(root, branch, raw, size, seq, last, cases)
        if found is not None:
            if found[0].size - size > found[0].size // RENEW:
                memory.put(slot, _ANY, _encode(len(raw), _whole(raw, size, sha),
                                               found[0].last_seq, found[0].last_hash,
                                               list(found[1].cases.values())))
            return found
    signed = None if personal else checkpoint.read(root, branch, raw)
    if signed is not None:  # not remembered: the checkpoint serves the next read as well
        found = _known(root, branch, raw, *signed)
        if found is not None:
            return found
    log = verify_bytes(root, branch, raw, Log(path, chain=CHAIN))
    state = derive(log)
    if not log.problems and not state.problems:
        memory.put(slot, _ANY, _encode(len(raw), _whole(raw, size, sha), log.last_seq,
                                       log.last_hash, list(state.cases.values())))
    return log, state


def _whole(raw: bytes, size: int, sha: Any) -> str:
    """The SHA-256 of ``raw``, on from ``sha`` (of its first ``size`` bytes) if any."""
    if sha is None:
        return hashlib.sha256(raw).hexdigest()
    sha = sha.copy()
    sha.update(memoryview(raw)[size:])
    return str(sha.hexdigest())


def _known(root: Path, branch: str, raw: bytes, size: int, seq: int, last: str,
           cases: dict[str, Case]) -> tuple[Log, State] | None:
    """The register from the cases of its first ``size`` bytes (remembered or signed;
    their hash checked by the caller) and its appended lines verified; None when
    anything does not hold (the caller then verifies in full and reports). The
    returned log's size is ``size`` when nothing was appended."""
    path = log_path(root, branch, CHAIN)
    if size == len(raw):
        if read_head(root, branch, CHAIN) != (seq, last):
            return None
        return Log(path, size=size, last_seq=seq, last_hash=last, chain=CHAIN), \
            State(cases=cases)
    tail = Log(path, last_seq=seq, last_hash=last, chain=CHAIN)
    verify_tail(root, branch, raw[size:], tail, raw.count(b"\n", 0, size) + 1)
    state = State(cases=cases)
    fold(state, tail.events, str(path))
    if tail.problems or state.problems:
        return None
    return Log(path, size=len(raw), last_seq=tail.last_seq, last_hash=tail.last_hash,
               chain=CHAIN), state
