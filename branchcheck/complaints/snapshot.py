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
import json
import os
from pathlib import Path
from typing import Any

from branchcheck.actions.log import MAX_LOG_BYTES, Log, log_path, read_head, read_log
from branchcheck.complaints.model import CHAIN, Case, Step
from branchcheck.complaints.state import State, derive

FORMAT = "branchcheck-complaints-snapshot/1"
_ALL = [f.name for f in dataclasses.fields(Case)]
_FIELDS = _ALL[:_ALL.index("steps")]
"""The fields before ``steps``, in order (a case is rebuilt positionally)."""
_REST = [f for f in _ALL[_ALL.index("steps") + 1:] if f != "events"]


def _seen() -> Any:
    from branchcheck.integrity.seen import Seen

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Seen(Path(base) / "branchcheck" / "complaints")


def _encode(cases: list[Case]) -> str:
    rows = [[[getattr(c, k) for k in _FIELDS],
             [[s.step, s.who, s.at, s.note, s.outcome] for s in c.steps],
             [getattr(c, k) for k in _REST]] for c in cases]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _decode(text: str) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    make: Any = Case  # rebuilt positionally, in field order
    for values, steps, rest in json.loads(text):
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
    seen = _seen()
    seen.put(found[0], {"format": FORMAT, "seq": log.last_seq if seq is None else seq,
                        "hash": log.last_hash if last is None else last,
                        "cases": _encode(list(state.cases.values()))})


def load(root: Path, branch: str) -> tuple[Log, State]:
    """The register's cases: remembered when its bytes were verified before and its
    head agrees, else read and verified in full (and remembered when clean). The
    cases carry no events (``show`` reads those)."""
    path = log_path(root, branch, CHAIN)
    found = _digest(root, branch) if os.path.lexists(path) else None
    if found is not None:
        entry = _seen().get(found[0])
        head = read_head(root, branch, CHAIN)
        if entry is not None and entry.get("format") == FORMAT and head is not None \
                and head == (entry.get("seq"), entry.get("hash")):
            try:
                cases = _decode(entry["cases"])
            except (KeyError, TypeError, ValueError):
                cases = None
            if cases is not None:
                log = Log(path, size=found[1], last_seq=head[0], last_hash=head[1],
                          chain=CHAIN)
                return log, State(cases=cases)
    log = read_log(root, branch, chain=CHAIN)
    state = derive(log)
    remember(root, branch, log, state)
    return log, state
