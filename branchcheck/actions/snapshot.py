"""``actions list`` and ``actions ledger`` without re-verifying a log this user has
verified before.

The first read of a log's exact bytes verifies it in full (every hash, the chain, the
head) and folds its actions; when nothing was wrong, the actions and approvals (not
their events) are kept in the user's own cache folder
(:class:`branchcheck.integrity.memory.Memory`, ``$XDG_CACHE_HOME/branchcheck/actions``,
HMAC with the user's key). They are used again only when the log's bytes hash to the
same SHA-256 *and* its head names the same last event, so an edited, cut, extended or
replaced log is always read and verified in full (and its problems reported). ``show``,
the writers and the network ingest always read in full.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
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
from branchcheck.actions.model import Action, Evidence
from branchcheck.actions.state import Approval, State, derive

FORMAT = "branchcheck-actions-listing/1"
_FIELDS = [f.name for f in dataclasses.fields(Action) if f.name != "events"]
_EVIDENCE = ("evidence", "found_evidence")


def _encode(log: Log, state: State) -> bytes:
    rows = []
    for a in state.actions.values():
        values: list[Any] = []
        for name in _FIELDS:
            value = getattr(a, name)
            if name in _EVIDENCE:
                value = [[e.sha256, e.ext, e.size, e.kind, e.name] for e in value]
            values.append(value)
        rows.append(values)
    approvals = [[dict(p.result), p.approver, p.note, p.when, p.allow_self]
                 for p in state.approvals]
    return json.dumps({"seq": log.last_seq, "hash": log.last_hash, "fields": _FIELDS,
                       "actions": rows, "approvals": approvals}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _decode(doc: dict[str, Any]) -> State:
    if doc["fields"] != _FIELDS:
        raise ValueError("kept by a different layout")
    state = State()
    for values in doc["actions"]:
        fields = dict(zip(_FIELDS, values, strict=True))
        for name in _EVIDENCE:
            fields[name] = [Evidence(*e) for e in fields[name]]
        fields["recurrence_notes"] = [(d, n) for d, n in fields["recurrence_notes"]]
        action = Action(**fields)
        state.actions[action.id] = action
    state.approvals = [Approval(*a) for a in doc["approvals"]]
    return state


def _bytes(root: Path, branch: str) -> bytes | None:
    from branchcheck.core import fsafe
    from branchcheck.core.errors import BranchcheckError

    try:
        return fsafe.read_regular(log_path(root, branch), max_bytes=MAX_LOG_BYTES, root=root)
    except (BranchcheckError, OSError):
        return None


def load(root: Path, branch: str) -> tuple[Log, State]:
    """``branch``'s log (its problems; no events) and its actions without their events:
    remembered when its bytes were verified before and its head agrees, else read and
    verified in full (and remembered when clean). The cyclic garbage collector is paused
    meanwhile: nothing built here is a cycle, and its passes over many new objects
    cost a third of the time."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(root, branch)
    finally:
        if paused:
            gc.enable()


def _load(root: Path, branch: str) -> tuple[Log, State]:
    from branchcheck.integrity.memory import Memory

    path = log_path(root, branch)
    raw = _bytes(root, branch) if os.path.lexists(path) else None
    if raw is None or not raw.endswith(b"\n"):  # absent, unreadable or torn: in full
        log = read_log(root, branch)
        return log, derive(log)
    digest = hashlib.sha256(raw).hexdigest()
    memory = Memory("actions", FORMAT)
    slot = os.path.abspath(path)
    payload = memory.get(slot, digest)
    if payload is not None:
        head = read_head(root, branch)
        try:
            doc = json.loads(payload)
            if head is not None and head == (doc["seq"], doc["hash"]):
                return Log(path, last_seq=head[0], last_hash=head[1], size=len(raw)), \
                    _decode(doc)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    log = verify_bytes(root, branch, raw)  # the very bytes the digest is of
    state = derive(log)
    if not log.problems and not state.problems:
        memory.put(slot, digest, _encode(log, state))
    return log, state
