"""The per-branch event log: ``<results-dir>/<branch>/actions.jsonl``.

One JSON object per line (UTF-8, keys sorted, no spaces). Each event carries
``seq`` (1, 2, ...), ``prev`` (the ``hash`` of the event before, 64 zeros for the
first) and ``hash`` (sha256 of the event's canonical JSON without ``hash``), so an
edited, inserted or removed line breaks the chain. ``actions.head`` holds the
last ``seq`` and ``hash`` written, so events cut off the end are noticed too.

Writes (:mod:`branchcheck.actions.writer`) take the branch's lock, append the new
lines with one ``write`` and fsync, then replace the head atomically: two writers
never lose an event, and the head never names an event the log does not hold. A
line cut short by a killed writer or a power cut is reported and skipped; the next
write seals it with a ``repaired`` event naming the line's hash, after which it is
a warning rather than tampering. Every reader here reads and verifies the whole
chain; only the writer may trust the head after checking the log's tail.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from branchcheck.actions import logscan
from branchcheck.actions.limits import MAX_LINE_BYTES, MAX_TOOL, MAX_WHO
from branchcheck.actions.model import (
    EVENT_FORMAT,
    EVENT_TYPES,
    GENESIS,
    HEAD_NAME,
    LOCK_NAME,
    LOG_NAME,
    Event,
)
from branchcheck.core.errors import BranchcheckError, Problem, StorageError

MAX_LOG_BYTES = 256 * 1024 * 1024
LOCK_WAIT = 30.0
_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_WHEN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
_ACTION_ID = re.compile(r"^A-[0-9A-F]{8}\Z")
_EVENT_ID = re.compile(r"^[0-9a-f]{16}\Z")
_FAST = re.compile(r"^[0-9a-f]{16}\|[0-9a-f]{64}\|[0-9a-f]{64}\|"
                   r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
"""``id|prev|hash|when`` of a well-formed event: one match instead of four (no part may
hold a ``|``, so the four parts are found again exactly)."""
TORN_WAIT = 2.0
"""Seconds a reader that meets a half-written last line waits for a writer to finish."""


@dataclass(frozen=True)
class Chain:
    """Which hash-chained log: its file names, event types and subject ids. The action
    log is :data:`ACTIONS`; the complaint register (issue 27) is another."""

    log_name: str
    head_name: str
    lock_name: str
    types: frozenset[str]
    subject: re.Pattern[str]
    what: str
    """What the log is called in messages ("actions log")."""
    subject_key: str = "action"
    """The key of the subject id in each event."""
    what_zh: str = ""
    """What the log is called in Chinese messages ("整改记录")."""
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    """The keys of every event."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", _BASE_KEYS | {self.subject_key})


_BASE_KEYS = frozenset(("v", "seq", "id", "type", "who", "when", "tool", "data", "prev",
                        "hash"))
ACTIONS = Chain(LOG_NAME, HEAD_NAME, LOCK_NAME, frozenset(EVENT_TYPES), _ACTION_ID,
                "actions log", what_zh="整改记录")


def lock_label(chain: Chain, branch: str) -> str:
    """What a lock on ``chain`` of ``branch`` is called in messages (UI language)."""
    from branchcheck.core.i18n import t, ui

    return t(ui(), f"网点 {branch} 的{chain.what_zh or chain.what}", f"{chain.what} of {branch}")


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
    size: int = 0
    """Bytes of the log file as read."""
    chain: Chain = ACTIONS


def log_path(root: Path, branch: str, chain: Chain = ACTIONS) -> Path:
    """Where ``branch``'s log lives under the results folder ``root``."""
    return root / branch / chain.log_name


def canonical(obj: Mapping[str, Any]) -> bytes:
    """The bytes hashed and stored: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def event_hash(obj: Mapping[str, Any]) -> str:
    """sha256 of an event's canonical JSON without its ``hash`` key."""
    return hashlib.sha256(canonical({k: v for k, v in obj.items() if k != "hash"})).hexdigest()


def new_action_id() -> str:
    """A short random action id such as ``A-3F9C2E1B``."""
    import secrets

    return "A-" + secrets.token_hex(4).upper()


def is_action_id(text: str) -> bool:
    """Whether ``text`` looks like an action id."""
    return bool(_ACTION_ID.match(text))


def read_log(root: Path, branch: str, *, locked: bool = False,
             chain: Chain = ACTIONS) -> Log:
    """Read and verify ``branch``'s log (an absent log is empty). A half-written last
    line makes a reader wait for the branch's lock and read again (``locked``: the
    caller holds it already)."""
    from branchcheck.core import fsafe

    log = _read(root, branch, chain)
    lock = root / branch / chain.lock_name
    if locked or log.torn_tail is None or not fsafe.is_regular(lock):
        return log
    # a half-written last line may be a write in progress: wait for the writer, read again
    from branchcheck.core import locking

    try:
        with locking.exclusive(lock, wait=TORN_WAIT, what=lock_label(chain, branch)):
            return _read(root, branch, chain)
    except (BranchcheckError, OSError):
        return log


def _read(root: Path, branch: str, chain: Chain = ACTIONS) -> Log:
    from branchcheck.core import fsafe

    path = log_path(root, branch, chain)
    log = Log(path, chain=chain)
    raw = b""
    if os.path.lexists(path):
        try:
            raw = fsafe.read_regular(path, max_bytes=MAX_LOG_BYTES, root=root)
        except StorageError as exc:  # too large, not a regular file, leads outside
            _problem(log, 0, "log-unreadable", exc.message)
            return log
    elif os.path.lexists(root / branch / chain.head_name):
        _problem(log, 0, "log-missing", f"the log is missing but {chain.head_name} says events "
                 "were written: the history was deleted")
        return log
    return verify_bytes(root, branch, raw, log)


def verify_bytes(root: Path, branch: str, raw: bytes, log: Log | None = None) -> Log:
    """``raw`` (the bytes of ``branch``'s log, already read) parsed and verified like
    :func:`read_log` does, head included."""
    log = log if log is not None else Log(log_path(root, branch))
    log.size = len(raw)
    _parse(raw, log)
    _check_head(root, branch, log)
    return log


def verify_tail(root: Path, branch: str, tail: bytes, log: Log, first: int) -> Log:
    """The lines appended after a prefix verified before: ``tail`` (complete lines,
    the first of them line ``first``) parsed and verified as :func:`verify_bytes` does,
    following the chain from ``log.last_seq``/``log.last_hash`` (the prefix's end), head
    included. ``log.events`` gets the tail's events only; ``log.size`` is left to the
    caller."""
    _parse(tail, log, first)
    _check_head(root, branch, log)
    return log


def _problem(log: Log, line: int, rule: str, message: str, *, severity: str = "error") -> None:
    log.problems.append(Problem(str(log.path), line, 1 if line else 0, rule, message, severity))
    if severity == "error":
        log.tampered = True


def _parse(raw: bytes, log: Log, first: int = 1) -> None:
    lines = raw.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline
    if tail:
        log.torn_tail = tail
        log.torn_line = len(lines) + first
    bad: dict[str, int] = {}  # sha256 of an unreadable line -> its line number
    events, accept = log.events, logscan.reader(log.chain)
    for number, line in enumerate(lines, start=first):
        event = accept(line, number, log.last_seq, log.last_hash)
        if event is not None:  # a canonical line that holds (the usual case, fast)
            events.append(event)
            log.last_seq, log.last_hash = event.seq, event.hash
            continue
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


def line_problem(line: bytes, obj: Mapping[str, Any], chain: Chain = ACTIONS) -> str:
    """Why the reader would refuse the event ``obj`` written as ``line`` ("" if it
    would not): the same checks :func:`read_log` makes, for the writer to make first."""
    if len(line) > MAX_LINE_BYTES:
        return f"the event would be {len(line)} bytes; an event may be at most " \
               f"{MAX_LINE_BYTES} bytes"
    shape = _shape_error(obj, chain)
    return f"event is malformed: {shape}" if shape else ""


def verified_line(line: bytes, chain: Chain = ACTIONS) -> dict[str, Any] | None:
    """The event on ``line`` (no newline) when it is well formed and its hash holds."""
    obj = _decode(line)
    if obj is None or _shape_error(obj, chain) or line_hash(line, obj["hash"]) != obj["hash"]:
        return None
    return obj


def line_hash(line: bytes, stored: str) -> str:
    """:func:`event_hash` of a canonical line, from its bytes: the line without its
    ``,"hash":"..."`` member (the last one: every key after ``hash`` holds a plain value)."""
    member = b',"hash":"' + stored.encode("ascii") + b'"'
    at = line.rfind(member)
    if at < 0:
        return ""
    digest = hashlib.sha256(line[:at])
    digest.update(line[at + len(member):])
    return digest.hexdigest()


def _accept(log: Log, number: int, obj: dict[str, Any], bad: dict[str, int],
            line: bytes) -> None:
    shape = _shape_error(obj, log.chain)
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
                            action=obj[log.chain.subject_key], who=obj["who"], when=obj["when"],
                            tool=obj["tool"], data=obj["data"], prev=obj["prev"],
                            hash=stored, line=number))


def _shape_error(obj: Mapping[str, Any], chain: Chain = ACTIONS) -> str:
    """What is wrong with an event's top-level shape ("" when nothing)."""
    keys = chain.keys
    if obj.keys() != keys:
        missing, extra = keys - obj.keys(), obj.keys() - keys
        return f"missing keys {sorted(missing)}" if missing else f"unknown keys {sorted(extra)}"
    seq, action, who, tool = obj["seq"], obj[chain.subject_key], obj["who"], obj["tool"]
    ident, prev, digest, when = obj["id"], obj["prev"], obj["hash"], obj["when"]
    if (type(ident) is str and type(prev) is str and type(digest) is str  # the usual case
            and type(when) is str and type(seq) is int and seq >= 1
            and type(obj["v"]) is int and obj["v"] == EVENT_FORMAT
            and type(obj["type"]) is str and obj["type"] in chain.types
            and type(who) is str and len(who) <= MAX_WHO
            and type(tool) is str and len(tool) <= MAX_TOOL and type(obj["data"]) is dict
            and (action is None or (type(action) is str and chain.subject.match(action)))
            and _FAST.match(f"{ident}|{prev}|{digest}|{when}")):
        return ""
    key = ""  # checked in order, stopping at the first bad key (this runs per event)
    if not (type(obj["v"]) is int and obj["v"] == EVENT_FORMAT):
        key = "v"
    elif not (type(seq) is int and seq >= 1):
        key = "seq"
    elif not (isinstance(obj["id"], str) and _EVENT_ID.match(obj["id"])):
        key = "id"
    elif not (isinstance(obj["type"], str) and obj["type"] in chain.types):
        key = "type"
    elif not (action is None or (isinstance(action, str) and chain.subject.match(action))):
        key = chain.subject_key
    elif not (isinstance(who, str) and len(who) <= MAX_WHO):
        key = "who"
    elif not (isinstance(obj["when"], str) and _WHEN.match(obj["when"])):
        key = "when"
    elif not (isinstance(tool, str) and len(tool) <= MAX_TOOL):
        key = "tool"
    elif not isinstance(obj["data"], dict):
        key = "data"
    elif not (isinstance(obj["prev"], str) and _HEX64.match(obj["prev"])):
        key = "prev"
    elif not (isinstance(obj["hash"], str) and _HEX64.match(obj["hash"])):
        key = "hash"
    return f"bad {key!r}" if key else ""


def read_head(root: Path, branch: str, chain: Chain = ACTIONS) -> tuple[int, str] | None:
    """The ``seq`` and ``hash`` the head file names, or None (absent or unreadable)."""
    from branchcheck.core import fsafe

    try:
        head = _decode(fsafe.read_regular(root / branch / chain.head_name, max_bytes=4096,
                                          root=root).strip())
    except StorageError:
        return None
    if not head or type(head.get("seq")) is not int or not isinstance(head.get("hash"), str):
        return None
    return head["seq"], head["hash"]


def _check_head(root: Path, branch: str, log: Log) -> None:
    if not os.path.lexists(root / branch / log.chain.head_name):
        if log.last_seq:
            _problem(log, 0, "log-head", f"{log.chain.head_name} is missing", severity="warning")
        return
    head = read_head(root, branch, log.chain)
    if head is None:
        _problem(log, 0, "log-head", f"{log.chain.head_name} is unreadable", severity="warning")
        return
    seq, last = head
    if seq > log.last_seq:
        _problem(log, 0, "log-cut", f"the log ends at event {log.last_seq} but event "
                 f"{seq} was written: events were removed from the end")
    elif seq == log.last_seq and last != log.last_hash:
        _problem(log, 0, "log-edited", f"the last event ({log.last_seq}) is not the one "
                 "that was written")
