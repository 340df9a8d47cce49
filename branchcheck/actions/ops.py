"""The user's operations on actions: find by id, assign, comment, fix, verify, reopen,
and the sign-off of a result. Each is one locked append to the branch's log."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from branchcheck.actions.limits import MAX_EVIDENCE, MAX_NAME, MAX_TEXT
from branchcheck.actions.log import (
    MAX_LOG_BYTES,
    Log,
    NewEvent,
    is_action_id,
    log_path,
    read_log,
)
from branchcheck.actions.model import HEAD_NAME, LOG_NAME, Action, Evidence
from branchcheck.actions.state import State, derive
from branchcheck.core.errors import InputError, NotFoundError, StorageError, UsageError
from branchcheck.core.i18n import t

_BRANCH = re.compile(r"^[A-Za-z0-9_-]{1,64}\Z")


@dataclass(frozen=True)
class Found:
    """An action with the branch log it lives in."""

    branch: str
    log: Log
    state: State
    action: Action


def branches(root: Path) -> Iterator[str]:
    """Branches under ``root`` that have an actions log (sorted)."""
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if _BRANCH.match(entry.name) and (os.path.lexists(entry / LOG_NAME)
                                          or os.path.lexists(entry / HEAD_NAME)):
            yield entry.name


def load(root: Path, branch: str) -> tuple[Log, State]:
    """A branch's log and the state derived from it."""
    log = read_log(root, branch)
    return log, derive(log)


def locate(root: Path, action_id: str, branch: str | None = None) -> Found:
    """The action ``action_id`` (ids are unique across branches)."""
    from branchcheck.core import fsafe

    wanted = action_id.strip().upper()
    if not is_action_id(wanted):
        raise UsageError(f"{action_id!r} is not an action id (like A-3F9C2E1B)")
    needle = f'"action":"{wanted}"'.encode()
    hits: list[Found] = []
    for name in [branch] if branch else list(branches(root)):
        path = log_path(root, name)
        if not os.path.lexists(path):
            continue
        try:
            raw = fsafe.read_regular(path, max_bytes=MAX_LOG_BYTES, root=root)
        except StorageError:
            continue  # reported by ``actions list``; the other logs are still searched
        if needle not in raw:
            continue
        log, state = load(root, name)
        if wanted in state.actions:
            hits.append(Found(name, log, state, state.actions[wanted]))
    if not hits:
        raise NotFoundError(f"no action {wanted} under {root}")
    if len(hits) > 1:
        names = ", ".join(h.branch for h in hits)
        raise UsageError(f"action {wanted} exists in several branches ({names}); "
                         "add --branch")
    return hits[0]


def clean_text(text: str, what: str, limit: int = MAX_TEXT, lang: str = "en") -> str:
    """A note or name as the user typed it, refused when over ``limit`` characters (the
    reader's limit, :mod:`branchcheck.actions.limits`): never cut silently."""
    if len(text) > limit:
        raise UsageError(t(lang, f"{what} 有 {len(text)} 个字符，超过上限 {limit}；未作任何记录",
                           f"{what} is {len(text)} characters, over the limit of {limit}; "
                           "nothing was recorded"))
    return text


def _change(root: Path, found: Found, make_one: type[_Step] | _Step) -> Action:
    step = make_one if isinstance(make_one, _Step) else make_one()

    from branchcheck.actions.writer import append

    def make(state: State) -> Sequence[NewEvent]:
        action = state.actions.get(found.action.id)
        if action is None:  # pragma: no cover - logs only grow
            raise NotFoundError(f"no action {found.action.id}")
        return [step.event(action)]

    append(root, found.branch, make)
    _, state = load(root, found.branch)
    return state.actions[found.action.id]


class _Step:
    """One change to an action, checked against its state at the time of writing."""

    def event(self, action: Action) -> NewEvent:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class _Event(_Step):
    kind: str
    who: str
    data: dict[str, object]
    allowed: tuple[str, ...]
    refuse: str = ""

    def event(self, action: Action) -> NewEvent:
        if action.status not in self.allowed:
            raise UsageError(self.refuse.format(id=action.id, status=action.status))
        return NewEvent(self.kind, action.id, self.who, self.data)


ANY = ("open", "reopened", "fixed", "verified")


def assign(root: Path, found: Found, *, owner: str | None, due: str | None, who: str) -> Action:
    """Set the owner and/or the due date (YYYY-MM-DD)."""
    from branchcheck.actions.calendar import parse_date

    if not owner and not due:
        raise UsageError("give --owner NAME and/or --due YYYY-MM-DD")
    data: dict[str, object] = {}
    if owner:
        data["owner"] = clean_text(owner, "--owner", MAX_NAME)
    if due:
        data["due"] = parse_date(due, "--due").isoformat()
    return _change(root, found, _Event("assigned", who, data, ANY))


def comment(root: Path, found: Found, *, note: str, who: str) -> Action:
    """Add a comment."""
    if not note.strip():
        raise UsageError("--note must not be empty")
    return _change(root, found, _Event("commented", who, {"note": clean_text(note, "--note")},
                                       ANY))


def fix(root: Path, found: Found, *, note: str, evidence: Sequence[str], who: str) -> Action:
    """Record the fix (整改措施) with its evidence files, copied into the store first."""
    from branchcheck.actions import evidence as store

    if not note.strip():
        raise UsageError("--note must not be empty: say what was done")
    if len(evidence) > MAX_EVIDENCE:
        raise UsageError(f"{len(evidence)} evidence files given; a fix may have at most "
                         f"{MAX_EVIDENCE}: put the rest in one PDF, or record them in a "
                         "second fix; nothing was recorded")
    if found.action.evidence_required and not evidence:
        raise UsageError(f"action {found.action.id} needs evidence (photo, PDF or audio): "
                         "add --evidence FILE")
    kept: list[Evidence] = [store.store(root, found.branch, f) for f in evidence]
    data: dict[str, object] = {"note": clean_text(note, "--note"),
                               "evidence": [e.as_dict() for e in kept]}
    return _change(root, found, _Event(
        "fixed", who, data, ("open", "reopened", "fixed"),
        "action {id} is {status}; reopen it first"))


def verify(root: Path, found: Found, *, note: str, who: str) -> Action:
    """A reviewer confirms the fix by hand (复查)."""
    return _change(root, found, _Event(
        "verified", who, {"note": clean_text(note, "--note")}, ("open", "reopened", "fixed"),
        "action {id} is already {status}"))


def reopen(root: Path, found: Found, *, note: str, who: str) -> Action:
    """Reopen a fixed or verified action (its history is kept)."""
    from branchcheck.actions.calendar import add_business_days, today

    due = add_business_days(today(), found.action.within_days).isoformat()
    return _change(root, found, _Event(
        "reopened", who, {"note": clean_text(note, "--note"), "due": due},
        ("fixed", "verified"), "action {id} is {status}; only fixed or verified actions "
        "can be reopened"))


def approve(root: Path, result_file: Path, *, approver: str, note: str, who: str,
            lang: str = "en") -> tuple[str, str]:
    """Record the sign-off of a stored result (the file is not changed). Returns the
    branch and the result's sha256."""
    from branchcheck.actions.hook import result_ref
    from branchcheck.core import fsafe
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
    from branchcheck.results.storage import read_result

    result = read_result(result_file, lang=lang)
    if not approver.strip():
        raise UsageError("--approver must not be empty")
    ref = result_ref(root, result_file, result)
    data = fsafe.read_regular(result_file, max_bytes=DEFAULT_MAX_BYTES)
    if hashlib.sha256(data).hexdigest() != ref.sha256:  # pragma: no cover - changed meanwhile
        raise InputError(f"{result_file} changed while it was read")
    event = NewEvent("approved", None, who, {"result": ref.as_dict(),
                                             "approver": clean_text(approver, "--approver",
                                                                    MAX_NAME),
                                             "note": clean_text(note, "--note")})
    from branchcheck.actions.writer import append

    append(root, result.branch, lambda state: [event])
    return result.branch, ref.sha256
