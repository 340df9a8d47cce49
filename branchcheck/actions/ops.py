"""The user's operations on actions: find by id, assign, comment, fix, verify, reopen,
and the sign-off of a result. Each is one locked append to the branch's log."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from branchcheck.actions.limits import MAX_EVIDENCE, MAX_NAME, MAX_TEXT
from branchcheck.actions.log import (
    ACTIONS,
    MAX_LOG_BYTES,
    Chain,
    Log,
    NewEvent,
    is_action_id,
    log_path,
    read_log,
)
from branchcheck.actions.model import HEAD_NAME, LOG_NAME, STATUS_ZH, Action, Evidence, ResultRef
from branchcheck.actions.state import State, derive
from branchcheck.core.errors import (
    InputError,
    NotFoundError,
    Problem,
    StorageError,
    UsageError,
)
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


def locate(root: Path, action_id: str, branch: str | None = None, lang: str = "en") -> Found:
    """The action ``action_id`` (ids are unique across branches)."""
    from branchcheck.core import fsafe

    wanted = action_id.strip().upper()
    if not is_action_id(wanted):
        raise UsageError(t(lang, f"{action_id!r} 不是整改项编号（形如 A-3F9C2E1B）",
                           f"{action_id!r} is not an action id (like A-3F9C2E1B)"))
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
        raise not_found(t(lang, f"{root} 下没有整改项 {wanted}", f"no action {wanted} under "
                          f"{root}"), root, [branch] if branch else list(branches(root)),
                        ACTIONS, lang)
    if len(hits) > 1:
        names = ", ".join(h.branch for h in hits)
        raise UsageError(t(lang, f"整改项 {wanted} 出现在多个网点（{names}）；请加 --branch",
                           f"action {wanted} exists in several branches ({names}); "
                           "add --branch"))
    return hits[0]


def not_found(said: str, root: Path, names: Sequence[str], chain: Chain,
              lang: str) -> NotFoundError:
    """"Not found" (``said``), naming with its first error each log of ``names`` that
    does not read in full: the subject may be what it lost. Every log is read, on this
    way out only."""
    damaged: list[Problem] = []
    for name in names:
        if (os.path.lexists(log_path(root, name, chain))
                or os.path.lexists(root / name / chain.head_name)):
            log = read_log(root, name, chain=chain)
            damaged += [p for p in log.problems if p.severity == "error"][:1]
    if damaged:
        said += t(lang, "；以下记录无法完整读取，可能缺了它：",
                  "; these logs do not read in full and may have lost it:")
    return NotFoundError(said, damaged)


def clean_text(text: str, what: str, limit: int = MAX_TEXT, lang: str = "en") -> str:
    """A note or name as the user typed it, refused when over ``limit`` characters (the
    reader's limit, :mod:`branchcheck.actions.limits`): never cut silently."""
    if len(text) > limit:
        raise UsageError(t(lang, f"{what} 有 {len(text)} 个字符，超过上限 {limit}；未作任何记录",
                           f"{what} is {len(text)} characters, over the limit of {limit}; "
                           "nothing was recorded"))
    return text


def _change(root: Path, found: Found, step: _Event) -> Action:
    from branchcheck.actions.writer import append

    def make(state: State) -> Sequence[NewEvent]:
        action = state.actions.get(found.action.id)
        if action is None:  # pragma: no cover - logs only grow
            raise NotFoundError(f"no action {found.action.id}")
        return [step.event(action)]

    append(root, found.branch, make)
    _, state = load(root, found.branch)
    return state.actions[found.action.id]


@dataclass
class _Event:
    """One change to an action, checked against its state at the time of writing
    (``check`` raises the refusal, in the UI language)."""

    kind: str
    who: str
    data: dict[str, object]
    allowed: tuple[str, ...]
    refuse: tuple[str, str] = ("", "")
    lang: str = "en"
    check: Callable[[Action], None] | None = None

    def event(self, action: Action) -> NewEvent:
        if action.status not in self.allowed:
            status = STATUS_ZH.get(action.status, action.status) if self.lang == "zh" \
                else action.status
            raise UsageError(t(self.lang, *self.refuse).format(id=action.id, status=status))
        if self.check is not None:
            self.check(action)
        return NewEvent(self.kind, action.id, self.who, self.data)


ANY = ("open", "reopened", "fixed", "verified")


STAFF_NO = re.compile(r"^[A-Za-z0-9-]{1,20}\Z")
"""An employee number (工号), e.g. 012345 or SH-0451."""


def assign(root: Path, found: Found, *, owner: str | None, due: str | None, who: str,
           lang: str = "en", staff_no: str | None = None) -> Action:
    """Set the owner (整改责任人, the employee), their employee number (工号) and/or the
    due date (YYYY-MM-DD, not before the day the problem was found)."""
    from branchcheck.actions.calendar import local_date, parse_date

    if not owner and not due and not staff_no:
        raise UsageError(t(lang, "请给出 --owner 姓名、--staff-no 工号 和/或 --due YYYY-MM-DD",
                           "give --owner NAME, --staff-no NUMBER and/or --due YYYY-MM-DD"))
    data: dict[str, object] = {}
    if owner:
        data["owner"] = clean_text(owner, "--owner", MAX_NAME, lang)
    if staff_no:
        if not STAFF_NO.match(staff_no):
            raise UsageError(t(lang, f"--staff-no {staff_no!r} 不是工号（1–20 位字母、数字或 -）",
                               f"--staff-no {staff_no!r} is not an employee number (1-20 "
                               "letters, digits or -)"))
        data["staff_no"] = staff_no
    if due:
        day = parse_date(due, "--due")
        opened = local_date(found.action.source.get("finished", "") or found.action.opened)
        if opened is not None and day < opened:
            raise UsageError(t(lang, f"--due {due} 早于发现问题的日期 {opened}；未作任何记录",
                               f"--due {due} is before the day the problem was found "
                               f"({opened}); nothing was recorded"))
        data["due"] = day.isoformat()
    return _change(root, found, _Event("assigned", who, data, ANY, lang=lang))


def comment(root: Path, found: Found, *, note: str, who: str, lang: str = "en") -> Action:
    """Add a comment."""
    if not note.strip():
        raise UsageError(t(lang, "--note 不能为空", "--note must not be empty"))
    return _change(root, found, _Event("commented", who,
                                       {"note": clean_text(note, "--note", lang=lang)}, ANY,
                                       lang=lang))


def fix(root: Path, found: Found, *, note: str, evidence: Sequence[str], who: str,
        lang: str = "en") -> Action:
    """Record the fix (整改措施) with its evidence files, copied into the store first."""
    from branchcheck.actions import evidence as store

    if not note.strip():
        raise UsageError(t(lang, "--note 不能为空：请写明整改措施",
                           "--note must not be empty: say what was done"))
    if len(evidence) > MAX_EVIDENCE:
        raise UsageError(t(lang, f"给出了 {len(evidence)} 个证据文件，一次整改最多 "
                                 f"{MAX_EVIDENCE} 个：请合并为一个 PDF，或分两次登记；未作任何记录",
                           f"{len(evidence)} evidence files given; a fix may have at most "
                           f"{MAX_EVIDENCE}: put the rest in one PDF, or record them in a "
                           "second fix; nothing was recorded"))
    if (found.action.evidence_required or found.action.incident) and not evidence:
        raise UsageError(t(lang, f"整改项 {found.action.id} 需要证据（照片、PDF 或录音）："
                                 "请加 --evidence 文件",
                           f"action {found.action.id} needs evidence (photo, PDF or audio): "
                           "add --evidence FILE"))
    kept: list[Evidence] = [store.store(root, found.branch, f, lang=lang) for f in evidence]
    data: dict[str, object] = {"note": clean_text(note, "--note", lang=lang),
                               "evidence": [e.as_dict() for e in kept]}
    return _change(root, found, _Event(
        "fixed", who, data, ("open", "reopened", "fixed"),
        ("整改项 {id} 的状态是{status}；请先重新打开", "action {id} is {status}; reopen it first"),
        lang))


def verify(root: Path, found: Found, *, note: str, who: str, allow_self: bool = False,
           lang: str = "en", above: tuple[str, Sequence[str]] = ("", ())) -> Action:
    """A reviewer confirms the fix by hand (复查). Refused when the reviewer recorded the
    fix (unless ``allow_self``: a one-person outlet; never for a red-line incident), for
    an incident not yet fixed with evidence, and for an incident verified by someone the
    directory does not name for the level above (``above``: that unit's name and the
    people it and the units over it name; no one named: anyone but the fixer)."""
    data: dict[str, object] = {"note": clean_text(note, "--note", lang=lang)}
    unit, allowed = above

    def check(action: Action) -> None:
        if action.incident and allowed and who not in allowed:
            names = "、".join(allowed) if lang == "zh" else ", ".join(allowed)
            raise UsageError(t(lang, f"{action.id} 是红线事件，须由上级复查：机构目录中 {unit} "
                                     f"及以上的复查人为 {names}；{who} 不在其中",
                               f"{action.id} is a red-line incident, verified by the level "
                               f"above: the directory names {names} ({unit} and above); "
                               f"{who} is not one of them"))
        if action.incident and (action.status != "fixed" or not action.evidence):
            raise UsageError(t(lang, f"{action.id} 是红线事件：须先用 actions fix 登记整改措施"
                                     "和证据，再由他人复查",
                               f"{action.id} is a red-line incident: record the fix with "
                               "evidence (actions fix) first; someone else then verifies it"))
        if action.fixed_by and action.fixed_by == who:
            if action.incident:
                raise UsageError(t(lang, f"{who} 登记了 {action.id} 的整改，不能复查自己的整改；"
                                         "红线事件须由他人（最好是上级）复查",
                                   f"{who} recorded the fix of {action.id} and may not verify "
                                   "it; a red-line incident is verified by someone else "
                                   "(preferably from the level above)"))
            if not allow_self:
                raise UsageError(t(lang, f"{who} 登记了 {action.id} 的整改，不能复查自己的整改："
                                         "请由他人复查（一人网点可加 --allow-self，台账中注明）",
                                   f"{who} recorded the fix of {action.id} and may not verify "
                                   "it: ask someone else (a one-person outlet may add "
                                   "--allow-self; the ledger says so)"))
            data["allow_self"] = True

    return _change(root, found, _Event(
        "verified", who, data, ("open", "reopened", "fixed"),
        ("整改项 {id} 已是{status}", "action {id} is already {status}"), lang, check))


def reopen(root: Path, found: Found, *, note: str, who: str, lang: str = "en") -> Action:
    """Reopen a fixed or verified action (its history is kept)."""
    from branchcheck.actions.calendar import add_business_days, today

    due = add_business_days(today(), found.action.within_days).isoformat()
    return _change(root, found, _Event(
        "reopened", who, {"note": clean_text(note, "--note", lang=lang), "due": due},
        ("fixed", "verified"),
        ("整改项 {id} 的状态是{status}；只有已整改或已复查的整改项可以重新打开",
         "action {id} is {status}; only fixed or verified actions can be reopened"), lang))


def report(root: Path, found: Found, *, fields: dict[str, str], who: str,
           lang: str = "en") -> Action:
    """Record an incident's 上报 (to whom, when), 客户处置 and 问责."""
    from branchcheck.actions.calendar import parse_date

    if not found.action.incident:
        raise UsageError(t(lang, f"{found.action.id} 不是红线事件；上报、客户处置和问责"
                                 "只记在红线事件上",
                           f"{found.action.id} is not a red-line incident; reports, customer "
                           "remedies and accountability belong to incidents"))
    data: dict[str, object] = {}
    for key, value in fields.items():
        if value:
            data[key] = (parse_date(value, "--on").isoformat() if key == "reported_on"
                         else clean_text(value, f"--{key}", lang=lang))
    if not data:
        raise UsageError(t(lang, "请至少给出 --to、--on、--remedy、--accountability 之一",
                           "give at least one of --to, --on, --remedy, --accountability"))
    return _change(root, found, _Event("reported", who, data, ANY, lang=lang))


def approve(root: Path, result_file: Path, *, approver: str, note: str,
            allow_self: bool = False, lang: str = "en") -> tuple[str, str]:
    """Record the sign-off of a stored result (the file is not changed). Refused for the
    check's own reviewer (unless ``allow_self``) and for a second approval by the same
    person. Returns the branch and the result's sha256."""
    from branchcheck.actions.hook import result_ref
    from branchcheck.core import fsafe
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
    from branchcheck.results.storage import read_result

    result = read_result(result_file, lang=lang)
    if not approver.strip():
        raise UsageError(t(lang, "--approver 不能为空", "--approver must not be empty"))
    name = clean_text(approver, "--approver", MAX_NAME, lang)
    data_self: dict[str, object] = {}
    if result.reviewer and result.reviewer.strip() == name.strip():
        if not allow_self:
            raise UsageError(t(lang, f"{name} 是这次检查的检查人，不能审核自己的检查：请由他人审核"
                                     "（一人网点可加 --allow-self，台账中注明）",
                               f"{name} is the reviewer of this check and may not approve it: "
                               "ask someone else (a one-person outlet may add --allow-self; "
                               "the ledger says so)"))
        data_self["allow_self"] = True
    ref = result_ref(root, result_file, result)
    data = fsafe.read_regular(result_file, max_bytes=DEFAULT_MAX_BYTES)
    if hashlib.sha256(data).hexdigest() != ref.sha256:  # pragma: no cover - changed meanwhile
        raise InputError(f"{result_file} changed while it was read")
    event = NewEvent("approved", None, name, {"result": ref.as_dict(), "approver": name,
                                              "note": clean_text(note, "--note", lang=lang),
                                              **data_self})

    def make(state: State) -> Sequence[NewEvent]:
        for done in state.approvals:
            if done.result.get("sha256") == ref.sha256 and done.approver == name:
                raise UsageError(t(lang, f"{name} 已于 {done.when[:10]} 审核过这份结果；未重复记录",
                                   f"{name} already approved this result on {done.when[:10]}; "
                                   "nothing was recorded"))
        return [event]

    from branchcheck.actions.writer import append

    append(root, result.branch, make)
    return result.branch, ref.sha256


def open_action(root: Path, branch: str, *, checklist: str, item: str,
                text: Mapping[str, str], note: str, source: ResultRef, who: str,
                within_days: int, owner_role: str = "", category: str = "",
                previous: str = "") -> Action:
    """Open a corrective action (整改) that no stored check raised: one ``opened``
    event in ``branch``'s log, due ``within_days`` working days after the day of
    ``source.finished``. ``checklist``/``item`` and ``source`` name what raised it (the
    complaint register, issue 27: ``complaints``, the case id, the register's path and
    the hash of the case's first event); it is then fixed and verified as any other.
    ``previous``: the id of an earlier action for the same finding (a recurrence)."""
    from branchcheck.actions.calendar import add_business_days, local_date, today
    from branchcheck.actions.limits import MAX_ID, shorten
    from branchcheck.actions.log import new_action_id
    from branchcheck.actions.writer import append

    start = local_date(source.finished) or today()
    data: dict[str, object] = {
        "branch": branch, "checklist": shorten(checklist, MAX_ID), "item": shorten(item, MAX_ID),
        "section": "", "text": {k: shorten(v, MAX_TEXT) for k, v in text.items()},
        "note": shorten(note, MAX_TEXT), "item_status": "", "value": "", "priority": "normal",
        "owner": "", "owner_role": shorten(owner_role, MAX_NAME),
        "due": add_business_days(start, within_days).isoformat(), "within_days": within_days,
        "evidence_required": False, "result": source.as_dict(), "kind": "action",
        "source": "self"}
    if category:
        data["category"] = shorten(category, 40)
    if previous:
        data["previous"] = previous
    box: list[str] = []

    def make(state: State) -> Sequence[NewEvent]:
        action_id = new_action_id()
        while action_id in state.actions:
            action_id = new_action_id()
        box.append(action_id)
        return [NewEvent("opened", action_id, who, data)]

    append(root, branch, make)
    return load(root, branch)[1].actions[box[-1]]
