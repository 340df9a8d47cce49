"""Current actions (and approvals) folded from a verified event log."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from branchcheck.actions.calendar import business_days_between
from branchcheck.actions.limits import (
    MAX_EVIDENCE,
    MAX_FILE_NAME,
    MAX_ID,
    MAX_LANG,
    MAX_NAME,
    MAX_PATH,
    MAX_TEXT,
    MAX_VALUE,
)
from branchcheck.actions.log import Log
from branchcheck.actions.model import INCIDENT_FIELDS, KINDS, PRIORITIES, Action, Event, Evidence
from branchcheck.core.errors import Problem
from branchcheck.core.timestamps import out_of_range, outside_words, real_day

_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_EXT = re.compile(r"^[a-z0-9]{1,5}\Z")


class _Bad(Exception):
    """An event whose data does not have the documented shape: what is wrong, in the
    UI language."""

    def __init__(self, zh: str, en: str) -> None:
        from branchcheck.core.i18n import t, ui

        super().__init__(t(ui(), zh, en))


@dataclass(frozen=True)
class Approval:
    """A sign-off (审核) of a stored result."""

    result: Mapping[str, str]
    approver: str
    note: str
    when: str
    allow_self: bool = False
    """Approved by the check's own reviewer (``--allow-self``, a one-person outlet)."""


@dataclass
class State:
    """Actions by id (in opening order) and approvals of one branch's log."""

    actions: dict[str, Action] = field(default_factory=dict)
    approvals: list[Approval] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def open_for(self, checklist: str, item: str) -> Action | None:
        """The latest action of this checklist item, whatever its status."""
        found = None
        for action in self.actions.values():
            if action.checklist == checklist and action.item == item:
                found = action
        return found

    def of_item(self, checklist: str, item: str) -> list[Action]:
        """Every action of this checklist item, oldest first."""
        return [a for a in self.actions.values()
                if a.checklist == checklist and a.item == item]


def _text(data: Mapping[str, Any], key: str, *, limit: int = MAX_TEXT,
          required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise _Bad(f"{key!r} 应为不超过 {limit} 个字符的文本",
                   f"{key!r} must be text of at most {limit} characters")
    return value


def _day(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if value in (None, ""):
        return ""
    if isinstance(value, str) and out_of_range(value):
        raise _Bad(f"{key!r} {outside_words('zh')}", f"{key!r} {outside_words('en')}")
    if not isinstance(value, str) or not real_day(value):
        raise _Bad(f"{key!r} 应为日期 YYYY-MM-DD", f"{key!r} must be a date YYYY-MM-DD")
    return value


def _ref(data: Mapping[str, Any], key: str = "result") -> dict[str, str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Bad(f"{key!r} 应为对象", f"{key!r} must be an object")
    ref = {k: _text(value, k, limit=MAX_PATH) for k in ("path", "sha256", "finished")}
    if not _HEX64.match(ref["sha256"]):
        raise _Bad(f"{key!r} 缺少 sha256", f"{key!r} needs a sha256")
    return ref


def _localised(value: Any) -> dict[str, str]:
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        return {"": value}
    if isinstance(value, dict) and all(isinstance(k, str) and len(k) <= MAX_LANG
                                       and isinstance(v, str)
                                       and len(v) <= MAX_TEXT for k, v in value.items()):
        return dict(value)
    raise _Bad("'text' 应为文本或语言到文本的映射",
               "'text' must be text or a map of language to text")


def _evidence(value: Any) -> list[Evidence]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_EVIDENCE:
        raise _Bad(f"'evidence' 应为至多 {MAX_EVIDENCE} 个文件的列表",
                   f"'evidence' must be a list of at most {MAX_EVIDENCE} files")
    found = []
    for entry in value:
        if not isinstance(entry, dict):
            raise _Bad("证据条目应为对象", "an evidence entry must be an object")
        sha, ext = _text(entry, "sha256", limit=64), _text(entry, "ext", limit=5)
        size = entry.get("size")
        if not _HEX64.match(sha) or not _EXT.match(ext) or not isinstance(size, int):
            raise _Bad("证据条目需要 sha256、ext 和 size",
                       "an evidence entry needs sha256, ext and size")
        found.append(Evidence(sha, ext, size, _text(entry, "kind", limit=20),
                              _text(entry, "name", limit=MAX_FILE_NAME)))
    return found


def evidence_from(value: Any) -> list[Evidence] | None:
    """Evidence records as a log stores them (``[{sha256, ext, size, kind, name}]``), or
    None when ``value`` is not such a list."""
    try:
        return _evidence(value)
    except _Bad:
        return None


def _int(data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3650:
        raise _Bad(f"{key!r} 应为整数天数", f"{key!r} must be a whole number of days")
    return value


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _roles(d: Mapping[str, Any]) -> dict[str, str]:
    """The owner's role by language: ``owner_roles``, else the joined ``owner_role`` older
    logs hold (``大堂经理 / Lobby manager``) split into its Chinese and English parts."""
    value = d.get("owner_roles")
    if value is not None:
        if not (isinstance(value, dict) and all(
                isinstance(k, str) and len(k) <= MAX_LANG and isinstance(v, str)
                and len(v) <= MAX_NAME for k, v in value.items())):
            raise _Bad("'owner_roles' 应为语言到文本的映射",
                       "'owner_roles' must be a map of language to text")
        return dict(value)
    joined = _text(d, "owner_role", limit=MAX_NAME)
    parts = joined.split(" / ")
    if len(parts) == 2:
        chinese = [bool(_CJK.search(p)) for p in parts]
        if chinese.count(True) == 1:
            zh = parts[chinese.index(True)]
            return {"zh": zh, "en": parts[1 - chinese.index(True)]}
    return {"": joined} if joined else {}


def _opened(event: Event) -> Action:
    d = event.data
    priority = _text(d, "priority", limit=10) or "normal"
    if priority not in PRIORITIES:
        raise _Bad("'priority' 应为 high 或 normal", "'priority' must be high or normal")
    source = _ref(d)
    if source is None:
        raise _Bad("缺少 'result'", "'result' is required")
    assert event.action is not None  # noqa: S101 - checked by the caller
    kind = _text(d, "kind", limit=20) or "action"
    if kind not in KINDS:
        raise _Bad("'kind' 应为 action 或 incident", "'kind' must be action or incident")
    previous = _text(d, "previous", limit=20)
    raised_by = _text(d, "source", limit=40) or "self"
    return Action(
        kind=kind, previous=previous, repeat=_int(d, "repeat", 0),
        category=_text(d, "category", limit=40), raised_by=raised_by,
        found_evidence=_evidence(d.get("evidence")),
        id=event.action, branch=_text(d, "branch", limit=MAX_ID, required=True),
        checklist=_text(d, "checklist", limit=MAX_ID, required=True),
        item=_text(d, "item", limit=MAX_ID, required=True),
        section=_text(d, "section", limit=MAX_ID),
        text=_localised(d.get("text", "")), note=_text(d, "note"),
        item_status=_text(d, "item_status", limit=20), priority=priority,
        owner=_text(d, "owner", limit=MAX_NAME), owner_role=_text(d, "owner_role", limit=MAX_NAME),
        owner_roles=_roles(d),
        due=_day(d, "due"), within_days=_int(d, "within_days", 5),
        evidence_required=d.get("evidence_required") is True, opened=event.when,
        opened_by=event.who, source=source, value=_text(d, "value", limit=MAX_VALUE),
    )


def later(a: str, b: str) -> bool:
    """Whether ISO time ``a`` is after ``b`` (an unreadable time counts as not later)."""
    try:
        return datetime.fromisoformat(a.replace("Z", "+00:00")) > datetime.fromisoformat(
            b.replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return False


def _seen(action: Action, ref: Mapping[str, str] | None) -> None:
    if ref is not None and (not action.last_check or later(ref["finished"], action.last_check)):
        action.last_check, action.last_path = ref["finished"], ref["path"]


def _apply(action: Action, event: Event) -> None:
    d, kind = event.data, event.type
    _seen(action, _ref(d))
    if kind == "recurred":
        ref = _ref(d)
        action.recurrences += 1
        action.recurrence_notes.append((ref["finished"][:10] if ref else event.when[:10],
                                        _text(d, "note")))
        action.value = _text(d, "value", limit=MAX_VALUE) or action.value
    elif kind == "reported":
        for key in INCIDENT_FIELDS:
            value = _day(d, key) if key == "reported_on" else _text(d, key)
            if value:
                action.report[key] = value
    elif kind == "assigned":
        owner, due = _text(d, "owner", limit=MAX_NAME), _day(d, "due")
        staff_no = _text(d, "staff_no", limit=MAX_ID)
        if owner and owner != action.owner:
            action.staff_no = ""  # a new owner: their number, if given, comes with them
        action.staff_no = staff_no or action.staff_no
        action.owner = owner or action.owner
        action.due = due or action.due
    elif kind == "commented":
        _text(d, "note", required=True)
    elif kind == "fixed":
        action.fix_note = _text(d, "note", required=True)
        action.evidence = _evidence(d.get("evidence"))
        action.fixed_at, action.fixed_by, action.status = event.when, event.who, "fixed"
    elif kind == "verified":
        ref = _ref(d)
        _text(d, "note")
        action.verified_at, action.verified_by = event.when, event.who
        action.verified_how = "check" if ref else "hand"
        action.verified_self = d.get("allow_self") is True
        action.closed_by, action.status = ref, "verified"
    elif kind == "reopened":
        ref = _ref(d)
        _text(d, "note")
        if ref is not None:
            action.recurrences += 1
            action.recurrence_notes.append((ref["finished"][:10], _text(d, "note")))
        action.due = _day(d, "due") or action.due
        action.status, action.closed_by = "reopened", None
        action.verified_at = action.verified_by = action.verified_how = ""
        action.verified_self = False
    action.events.append(event)


def derive(log: Log) -> State:
    """Fold ``log``'s verified events into the current actions; events whose data is
    malformed, or that name an unknown action, are skipped and reported."""
    state = State()
    fold(state, log.events, str(log.path))
    return state


def fold(state: State, events: Iterable[Event], path: str) -> None:
    """Apply ``events`` (in log order) to ``state``; bad ones are reported against
    ``path`` and skipped."""
    for event in events:
        try:
            if event.type == "approved":
                ref = _ref(event.data)
                if ref is None:
                    raise _Bad("缺少 'result'", "'result' is required")
                state.approvals.append(Approval(ref, _text(event.data, "approver", limit=MAX_NAME,
                                                           required=True),
                                                _text(event.data, "note"), event.when,
                                                event.data.get("allow_self") is True))
            elif event.type == "repaired":
                continue
            elif event.action is None:
                raise _Bad("缺少整改项编号", "no action id")
            elif event.type == "opened":
                if event.action in state.actions:
                    raise _Bad(f"整改项 {event.action} 被重复创建",
                               f"action {event.action} is opened twice")
                action = _opened(event)
                _seen(action, action.source)
                action.events.append(event)
                state.actions[event.action] = action
            elif event.action not in state.actions:
                raise _Bad(f"未知整改项 {event.action}", f"unknown action {event.action}")
            else:
                _apply(state.actions[event.action], event)
        except _Bad as exc:
            from branchcheck.core.i18n import t, ui

            state.problems.append(Problem(path, event.line, 1, "log-invalid", t(
                ui(), f"第 {event.seq} 条事件（{event.type}）：{exc}",
                f"event {event.seq} ({event.type}): {exc}")))


def trial(state: State, events: Sequence[Event], path: str) -> list[Problem]:
    """What :func:`fold` would report about ``events`` appended to ``state``, leaving
    ``state`` as it was: the writer's last check before it writes a line."""
    overlay = State(actions=dict(state.actions))
    for name in {e.action for e in events if e.action in state.actions}:
        a = state.actions[name]
        overlay.actions[name] = replace(a, events=list(a.events), evidence=list(a.evidence))
    fold(overlay, events, path)
    return overlay.problems


def overdue_days(action: Action, day: date) -> int:
    """Business days an open action is past its due date on ``day`` (0 if not overdue)."""
    if not action.is_open or not action.due:
        return 0
    return business_days_between(date.fromisoformat(action.due), day)


def select(actions: Iterable[Action], *, status: str = "open", checklist: str | None = None,
           owner: str | None = None, day: date) -> list[Action]:
    """Filter by ``status`` (open, overdue, fixed, verified, reopened or all), checklist and
    owner."""
    chosen = []
    for a in actions:
        if checklist is not None and a.checklist != checklist:
            continue
        if owner is not None and a.owner != owner:
            continue
        if status == "open" and not a.is_open:
            continue
        if status == "overdue" and not overdue_days(a, day):
            continue
        if status in ("fixed", "verified", "reopened") and a.status != status:
            continue
        chosen.append(a)
    return chosen
