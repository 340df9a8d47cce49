"""The writer's index: ``<branch>/.actions.index``, what a writer needs of the current
state, so that storing a result does not re-read a long log.

Per action (in opening order): id, checklist, item, status, the sha256 of the result
that opened it, the ``finished`` time of the latest check linked to it, its working
days to fix, its kind (action or incident) and the source of the check that raised it.
The index is bound to the log as it was when the index was written: size, inode,
modification and change times, last ``seq`` and ``hash``, and the tool version. It is
a cache and hostile input like any stored file: anything malformed, or bound to
another state of the log, is ignored (the writer then reads and verifies the whole
log). Readers (``list``, ``show``, ``ledger``, the network ingest) never use it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from branchcheck.actions.model import KINDS, STATUSES, Action
from branchcheck.actions.state import State

INDEX_NAME = ".actions.index"
INDEX_FORMAT = "branchcheck-actions-index/2"
MAX_INDEX_BYTES = 64 * 1024 * 1024
_ID = re.compile(r"^A-[0-9A-F]{8}\Z")
_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_BINDING = ("size", "ino", "mtime_ns", "ctime_ns", "seq")


def binding(info: os.stat_result, seq: int, last_hash: str) -> dict[str, Any]:
    """What ties an index to one state of the log file."""
    from branchcheck import __version__

    return {"size": info.st_size, "ino": info.st_ino, "mtime_ns": info.st_mtime_ns,
            "ctime_ns": info.st_ctime_ns, "seq": seq, "hash": last_hash, "tool": __version__}


def dump(state: State, bound: Mapping[str, Any]) -> bytes:
    """The index of ``state``, bound to ``bound`` (from :func:`binding`)."""
    rows = [[a.id, a.checklist, a.item, a.status, a.source.get("sha256", ""), a.last_check,
             a.within_days, a.kind, a.raised_by] for a in state.actions.values()]
    return json.dumps({"format": INDEX_FORMAT, "log": dict(bound), "actions": rows},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def load(raw: bytes, bound: Mapping[str, Any], branch: str) -> State | None:
    """The state an index holds, or None unless it is well formed and bound to
    ``bound`` exactly."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        return None
    log = data.get("log")
    if not isinstance(log, dict) or log != dict(bound) or not all(
            type(log[k]) is int for k in _BINDING):
        return None
    rows = data.get("actions")
    if not isinstance(rows, list):
        return None
    state = State()
    for row in rows:
        action = _action(row, branch)
        if action is None or action.id in state.actions:
            return None
        state.actions[action.id] = action
    return state


def _short(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _action(row: Any, branch: str) -> Action | None:
    """An action sketch: the fields a writer decides on, the rest left empty."""
    if not isinstance(row, list) or len(row) != 9:
        return None
    ident, checklist, item, status, sha, last_check, days, kind, raised_by = row
    if not (isinstance(ident, str) and _ID.match(ident) and _short(checklist, 64)
            and _short(item, 64) and status in STATUSES and isinstance(sha, str)
            and _HEX64.match(sha) and _short(last_check, 1000) and type(days) is int
            and 0 <= days <= 3650 and kind in KINDS and _short(raised_by, 40)):
        return None
    return Action(id=ident, branch=branch, checklist=checklist, item=item, section="",
                  text={}, note="", item_status="", priority="normal", owner="",
                  owner_role="", due="", within_days=days, evidence_required=False,
                  opened="", opened_by="", source={"path": "", "sha256": sha, "finished": ""},
                  status=status, last_check=last_check, kind=kind, raised_by=raised_by)


def path_of(root: Path, branch: str) -> Path:
    """Where ``branch``'s index lives."""
    return root / branch / INDEX_NAME
