"""The per-branch event log: ``<results-dir>/<branch>/actions.jsonl``.

One JSON object per line (UTF-8, keys sorted, no spaces). Each event carries
``seq`` (1, 2, ...), ``prev`` (the ``hash`` of the event before, 64 zeros for the
first) and ``hash`` (sha256 of the event's canonical JSON without ``hash``), so an
edited, inserted or removed line breaks the chain. ``actions.head`` holds the
last ``seq`` and ``hash`` written, so events cut off the end are noticed too.

Writes take the branch's lock (:func:`branchcheck.locking.exclusive`), re-read
and verify the log, then replace it atomically (temp file, fsync, rename): a
killed writer leaves the old log whole, two writers never lose an event. A line
cut short by a power cut or a bad copy is reported and skipped; the next write
seals it with a ``repaired`` event naming the line's hash, after which it is a
warning rather than tampering.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from branchcheck import __version__
from branchcheck.actions.model import (
    EVENT_FORMAT,
    EVENT_TYPES,
    GENESIS,
    HEAD_NAME,
    LOCK_NAME,
    LOG_NAME,
    Event,
)
from branchcheck.errors import Problem, StorageError, TamperedError

MAX_LOG_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024
LOCK_WAIT = 30.0
_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_WHEN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
_ACTION_ID = re.compile(r"^A-[0-9A-F]{8}\Z")
_EVENT_ID = re.compile(r"^[0-9a-f]{16}\Z")


@dataclass(frozen=True)
class NewEvent:
    """An event to append (the log fills in seq, id, when, tool, prev and hash)."""

    type: str
    action: str | None
    who: str
    data: Mapping[str, Any]


@dataclass
class Log:
    """A branch's log as read: the verified events and what was wrong with the rest."""

    path: Path
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tampered: bool = False
    last_hash: str = GENESIS
    last_seq: int = 0
    torn_tail: bytes | None = None
    """The cut-off last line (no newline), sealed by the next write."""
    torn_line: int = 0


def log_path(root: Path, branch: str) -> Path:
    """Where ``branch``'s log lives under the results folder ``root``."""
    return root / branch / LOG_NAME


def canonical(obj: Mapping[str, Any]) -> bytes:
    """The bytes hashed and stored: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def event_hash(obj: Mapping[str, Any]) -> str:
    """sha256 of an event's canonical JSON without its ``hash`` key."""
    return hashlib.sha256(canonical({k: v for k, v in obj.items() if k != "hash"})).hexdigest()


def new_action_id() -> str:
    """A short random action id such as ``A-3F9C2E1B``."""
    return "A-" + secrets.token_hex(4).upper()


def is_action_id(text: str) -> bool:
    """Whether ``text`` looks like an action id."""
    return bool(_ACTION_ID.match(text))


def read_log(root: Path, branch: str) -> Log:
    """Read and verify ``branch``'s log (an absent log is empty)."""
    from branchcheck import fsafe

    path = log_path(root, branch)
    log = Log(path)
    raw = b""
    if os.path.lexists(path):
        raw = fsafe.read_regular(path, max_bytes=MAX_LOG_BYTES, root=root)
    _parse(raw, log)
    _check_head(root, branch, log)
    return log


def _problem(log: Log, line: int, rule: str, message: str, *, severity: str = "error") -> None:
    log.problems.append(Problem(str(log.path), line, 1 if line else 0, rule, message, severity))
    if severity == "error":
        log.tampered = True


def _parse(raw: bytes, log: Log) -> None:
    lines = raw.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline
    if tail:
        log.torn_tail = tail
        log.torn_line = len(lines) + 1
    bad: dict[str, int] = {}  # sha256 of an unreadable line -> its line number
    for number, line in enumerate(lines, start=1):
        obj = _decode(line)
        if obj is None:
            bad[hashlib.sha256(line).hexdigest()] = number
            continue
        _accept(log, number, obj, bad, line)
    for number in sorted(bad.values()):
        _problem(log, number, "log-unreadable",
                 "not a valid event (edited or damaged, and not a sealed incomplete write)")
    if log.torn_tail is not None:
        _problem(log, log.torn_line, "log-truncated",
                 "the last line is incomplete (an interrupted write?); it is ignored and "
                 "will be sealed by the next change", severity="warning")


def _decode(line: bytes) -> dict[str, Any] | None:
    if len(line) > MAX_LINE_BYTES:
        return None
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return obj if isinstance(obj, dict) else None


def line_hash(line: bytes, stored: str) -> str:
    """:func:`event_hash` of a canonical line, from its bytes: the line without its
    ``,"hash":"..."`` member (the last one: every key after ``hash`` holds a plain value)."""
    member = b',"hash":"' + stored.encode("ascii") + b'"'
    at = line.rfind(member)
    if at < 0:
        return ""
    return hashlib.sha256(line[:at] + line[at + len(member):]).hexdigest()


def _accept(log: Log, number: int, obj: dict[str, Any], bad: dict[str, int],
            line: bytes) -> None:
    shape = _shape_error(obj)
    if shape:
        _problem(log, number, "log-invalid", f"event is malformed: {shape}")
        return
    stored = obj["hash"]
    good_hash = line_hash(line, stored) == stored
    if obj["seq"] != log.last_seq + 1 or obj["prev"] != log.last_hash:
        _problem(log, number, "log-chain",
                 f"event {obj['seq']} does not follow event {log.last_seq}: events were "
                 "removed, inserted or reordered before this line")
    if not good_hash:
        _problem(log, number, "log-edited", f"event {obj['seq']} was changed after it was "
                 "written (its hash does not match)")
    log.last_seq, log.last_hash = obj["seq"], stored
    if not good_hash:
        return
    if obj["type"] == "repaired":
        sealed = obj["data"].get("sha256")
        if isinstance(sealed, str) and sealed in bad:
            _problem(log, bad.pop(sealed), "log-repaired", "an incomplete write (power cut?) was "
                     f"sealed by event {obj['seq']}; it is ignored", severity="warning")
    log.events.append(Event(seq=obj["seq"], id=obj["id"], type=obj["type"],
                            action=obj["action"], who=obj["who"], when=obj["when"],
                            tool=obj["tool"], data=obj["data"], prev=obj["prev"],
                            hash=stored, line=number))


_KEYS = frozenset(("v", "seq", "id", "type", "action", "who", "when", "tool", "data", "prev",
                   "hash"))
_TYPES = frozenset(EVENT_TYPES)


def _shape_error(obj: Mapping[str, Any]) -> str:
    """What is wrong with an event's top-level shape ("" when nothing)."""
    if obj.keys() != _KEYS:
        missing, extra = _KEYS - obj.keys(), obj.keys() - _KEYS
        return f"missing keys {sorted(missing)}" if missing else f"unknown keys {sorted(extra)}"
    seq, action, who, tool = obj["seq"], obj["action"], obj["who"], obj["tool"]
    for key, ok in (
        ("v", obj["v"] == EVENT_FORMAT and type(obj["v"]) is int),
        ("seq", type(seq) is int and seq >= 1),
        ("id", isinstance(obj["id"], str) and _EVENT_ID.match(obj["id"]) is not None),
        ("type", isinstance(obj["type"], str) and obj["type"] in _TYPES),
        ("action", action is None or (isinstance(action, str)
                                      and _ACTION_ID.match(action) is not None)),
        ("who", isinstance(who, str) and len(who) <= 200),
        ("when", isinstance(obj["when"], str) and _WHEN.match(obj["when"]) is not None),
        ("tool", isinstance(tool, str) and len(tool) <= 40),
        ("data", isinstance(obj["data"], dict)),
        ("prev", isinstance(obj["prev"], str) and _HEX64.match(obj["prev"]) is not None),
        ("hash", isinstance(obj["hash"], str) and _HEX64.match(obj["hash"]) is not None),
    ):
        if not ok:
            return f"bad {key!r}"
    return ""


def _check_head(root: Path, branch: str, log: Log) -> None:
    from branchcheck import fsafe

    path = root / branch / HEAD_NAME
    if not os.path.lexists(path):
        if log.last_seq:
            _problem(log, 0, "log-head", f"{HEAD_NAME} is missing", severity="warning")
        return
    try:
        head = _decode(fsafe.read_regular(path, max_bytes=4096, root=root).strip())
    except StorageError:
        head = None
    if not head or not isinstance(head.get("seq"), int) or not isinstance(head.get("hash"), str):
        _problem(log, 0, "log-head", f"{HEAD_NAME} is unreadable", severity="warning")
        return
    if head["seq"] > log.last_seq:
        _problem(log, 0, "log-cut", f"the log ends at event {log.last_seq} but event "
                 f"{head['seq']} was written: events were removed from the end")
    elif head["seq"] == log.last_seq and head["hash"] != log.last_hash:
        _problem(log, 0, "log-edited", f"the last event ({log.last_seq}) is not the one "
                 "that was written")


def append(root: Path, branch: str, make: Callable[[Log], Sequence[NewEvent]], *,
           now: str | None = None) -> list[Event]:
    """Under the branch's lock: read and verify the log, ask ``make`` for the events to
    add (given the log as it is now) and write them. Refuses a tampered log."""
    from branchcheck import fsafe, locking
    from branchcheck.storage import now_iso

    folder = root / branch
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    fsafe.inside(root, folder)
    with locking.exclusive(folder / LOCK_NAME, wait=LOCK_WAIT, what=f"actions log of {branch}"):
        log = read_log(root, branch)
        if log.tampered:
            raise TamperedError(f"{log.path}: the actions log has been tampered with; "
                                "nothing was written", [p for p in log.problems
                                                        if p.severity == "error"])
        wanted = list(make(log))
        if not wanted:
            return []
        when = now or now_iso()
        prefix = b""
        if log.torn_tail is not None:
            prefix = b"\n"  # seal the cut-off line, then say so
            wanted.insert(0, NewEvent("repaired", None, "branchcheck", {
                "line": log.torn_line, "bytes": len(log.torn_tail),
                "sha256": hashlib.sha256(log.torn_tail).hexdigest()}))
        written: list[Event] = []
        chunks: list[bytes] = []
        seq, prev = log.last_seq, log.last_hash
        for new in wanted:
            seq += 1
            obj: dict[str, Any] = {"v": EVENT_FORMAT, "seq": seq, "id": secrets.token_hex(8),
                                   "type": new.type, "action": new.action, "who": new.who,
                                   "when": when, "tool": __version__, "data": dict(new.data),
                                   "prev": prev}
            obj["hash"] = prev = event_hash(obj)
            chunks.append(canonical(obj) + b"\n")
            written.append(Event(seq=seq, id=obj["id"], type=new.type, action=new.action,
                                 who=new.who, when=when, tool=__version__, data=obj["data"],
                                 prev=obj["prev"], hash=prev))
        old = b""
        if os.path.lexists(log.path):
            old = fsafe.read_regular(log.path, max_bytes=MAX_LOG_BYTES, root=root)
        fsafe.atomic_write(log.path, old + prefix + b"".join(chunks), root=root)
        fsafe.atomic_write(folder / HEAD_NAME, canonical({"seq": seq, "hash": prev}) + b"\n",
                           root=root)
        return written
