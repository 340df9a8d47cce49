"""Registers this user has already verified, remembered by the SHA-256 of their bytes,
so that ``complaints list`` and ``register`` need not re-verify 50,000 events.

A register is verified in full (every hash, the chain, the head) the first time its
exact bytes are read; the cases derived from it are then kept in the user's own
cache folder (``$XDG_CACHE_HOME/branchcheck/complaints``, never the results folder)
with the HMAC of :class:`branchcheck.integrity.seen.Seen`: an entry written or
edited by anyone without the user's key is ignored. An entry is used only when the
register's bytes hash to its key *and* the head names its last event, so an edited,
cut or replaced register is always read and verified in full (and reported). Only
registers that verified without any problem are remembered. Writers refresh the
entry after each append. ``show``, ``review`` and the network ingest always verify
in full.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from branchcheck import __version__
from branchcheck.actions.log import MAX_LOG_BYTES, Log, log_path, read_head, read_log
from branchcheck.complaints.model import CHAIN, Case, Step
from branchcheck.complaints.state import State, derive
from branchcheck.core import fsafe
from branchcheck.core.errors import StorageError

FORMAT = "branchcheck-complaints-snapshot/1"
_ALL = [f.name for f in dataclasses.fields(Case)]
_FIELDS = _ALL[:_ALL.index("steps")]
"""The fields before ``steps``, in order (a case is rebuilt positionally)."""
_REST = [f for f in _ALL[_ALL.index("steps") + 1:] if f != "events"]


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "branchcheck" / "complaints"


def _key() -> bytes | None:
    """The user's cache key (made and kept by :class:`~branchcheck.integrity.seen.Seen`,
    mode 0600), or None when there is none to trust."""
    from branchcheck.integrity.seen import Seen

    key: bytes | None = Seen(_folder()).key
    return key


def _mac(key: bytes, digest: str, payload: bytes) -> bytes:
    return hmac.new(key, f"{FORMAT}|{__version__}|{digest}|".encode() + payload,
                    hashlib.sha256).hexdigest().encode()


def _entry(key: bytes, digest: str) -> Path:
    name = hmac.new(key, digest.encode(), hashlib.sha256).hexdigest()
    return _folder() / name[:2] / name


def _put(digest: str, payload: bytes) -> None:
    key = _key()
    if key is None:
        return
    entry = _entry(key, digest)
    try:
        entry.parent.mkdir(exist_ok=True, mode=0o700)
        fsafe.atomic_write(entry, _mac(key, digest, payload) + b"\n" + payload, durable=False)
    except (OSError, StorageError):
        pass


def _get(digest: str) -> bytes | None:
    """The payload kept for ``digest``, if its MAC holds."""
    key = _key()
    if key is None:
        return None
    try:
        raw = _entry(key, digest).read_bytes()
    except OSError:
        return None
    mac, _, payload = raw.partition(b"\n")
    return payload if hmac.compare_digest(mac, _mac(key, digest, payload)) else None


def _encode(seq: int, last: str, cases: list[Case]) -> bytes:
    rows = [[[getattr(c, k) for k in _FIELDS],
             [[s.step, s.who, s.at, s.note, s.outcome] for s in c.steps],
             [getattr(c, k) for k in _REST]] for c in cases]
    return json.dumps({"seq": seq, "hash": last, "cases": rows}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _decode(rows: list[Any]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    make: Any = Case  # rebuilt positionally, in field order
    for values, steps, rest in rows:
        case = make(*values, [Step(*s) for s in steps], *rest)
        cases[case.id] = case
    return cases


def _digest(root: Path, branch: str) -> tuple[str, int] | None:
    from branchcheck.core import fsafe
    from branchcheck.core.errors import BranchcheckError

    try:
        raw = fsafe.read_regular(log_path(root, branch, CHAIN), max_bytes=MAX_LOG_BYTES,
                                 root=root)
    except (BranchcheckError, OSError):
        return None
    if not raw.endswith(b"\n"):
        return None  # a torn last line: read in full (reported, then sealed)
    return hashlib.sha256(raw).hexdigest(), len(raw)


def remember(root: Path, branch: str, log: Log, state: State, *, size: int | None = None,
             seq: int | None = None, last: str | None = None) -> None:
    """Keep ``state`` for the register's bytes as they are now (``log`` verified
    without problems; ``size``/``seq``/``last``: the register after a write)."""
    if log.problems or state.problems:
        return
    found = _digest(root, branch)
    if found is None or found[1] != (log.size if size is None else size):
        return  # changed meanwhile: nothing remembered
    _put(found[0], _encode(log.last_seq if seq is None else seq,
                           log.last_hash if last is None else last,
                           list(state.cases.values())))


def load(root: Path, branch: str) -> tuple[Log, State]:
    """The register's cases: remembered when its bytes were verified before and its
    head agrees, else read and verified in full (and remembered when clean). The
    cases carry no events (``show`` reads those). The cyclic garbage collector is
    paused meanwhile: the objects built are not cycles, and its passes over tens of
    thousands of new objects would double the time."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(root, branch)
    finally:
        if paused:
            gc.enable()


def _load(root: Path, branch: str) -> tuple[Log, State]:
    path = log_path(root, branch, CHAIN)
    found = _digest(root, branch) if os.path.lexists(path) else None
    payload = _get(found[0]) if found is not None else None
    if found is not None and payload is not None:
        head = read_head(root, branch, CHAIN)
        try:
            entry = json.loads(payload)
            cases = _decode(entry["cases"]) if head == (entry["seq"], entry["hash"]) else None
        except (KeyError, TypeError, ValueError):
            cases = None
        if head is not None and cases is not None:
            log = Log(path, size=found[1], last_seq=head[0], last_hash=head[1], chain=CHAIN)
            return log, State(cases=cases)
    log = read_log(root, branch, chain=CHAIN)
    state = derive(log)
    remember(root, branch, log, state)
    return log, state
