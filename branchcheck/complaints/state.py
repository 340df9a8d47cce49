"""Current cases folded from a verified register, and what their deadlines say on a
given day (pending, met on time, late, overdue, soon due)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from branchcheck.actions.log import Log
from branchcheck.actions.model import Event
from branchcheck.complaints.model import (
    CASE_ID,
    CHANNELS,
    MAX_NAME,
    MAX_TEXT,
    OUTCOMES,
    STEPS,
    Case,
    Step,
)
from branchcheck.core.errors import Problem
from branchcheck.core.timestamps import out_of_range, outside_words, real_day, real_time

_ACTION = re.compile(r"^A-[0-9A-F]{8}\Z")


class _Bad(Exception):
    """An event whose data does not have the documented shape: what is wrong, in the
    UI language."""

    def __init__(self, zh: str, en: str) -> None:
        from branchcheck.core.i18n import t, ui

        super().__init__(t(ui(), zh, en))


@dataclass
class State:
    """Cases by id (in registration order) of one outlet's register."""

    cases: dict[str, Case] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _text(d: Mapping[str, Any], key: str, *, limit: int = MAX_TEXT,
          required: bool = False) -> str:
    value = d.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit or (required and not value):
        raise _Bad(f"{key!r} 应为不超过 {limit} 个字符的文本",
                   f"{key!r} must be text of at most {limit} characters")
    return value


def _outside(key: str, value: object) -> None:
    """Raise when ``value`` is real but for its year (the years the tool counts with)."""
    if isinstance(value, str) and out_of_range(value):
        raise _Bad(f"{key!r} {outside_words('zh')}", f"{key!r} {outside_words('en')}")


def _day(d: Mapping[str, Any], key: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not real_day(value):
        _outside(key, value)
        raise _Bad(f"{key!r} 应为日期 YYYY-MM-DD", f"{key!r} must be a date YYYY-MM-DD")
    return value


def _time(d: Mapping[str, Any], key: str = "at") -> str:
    value = d.get(key)
    if not isinstance(value, str) or not real_time(value):
        _outside(key, value)
        raise _Bad(f"{key!r} 应为带时区的 ISO 8601 时间",
                   f"{key!r} must be an ISO 8601 time with its offset")
    return value


def _int(d: Mapping[str, Any], key: str, high: int = 3650) -> int:
    value = d.get(key)
    if type(value) is not int or not 0 <= value <= high:
        raise _Bad(f"{key!r} 应为整数天数", f"{key!r} must be a whole number of days")
    return value


def _rule(value: Any) -> dict[str, Any]:
    ok = (isinstance(value, dict) and type(value.get("days")) is int
          and value.get("count") in ("calendar", "workdays")
          and isinstance(value.get("roll"), bool))
    if not ok:
        raise _Bad("'decision' 应给出 days、count 和 roll",
                   "'decision' must give days, count and roll")
    return dict(value)


_RECEIVED = (("branch", 64), ("channel", 20), ("category", 40), ("asks", MAX_TEXT),
             ("summary", MAX_TEXT), ("customer_ref", MAX_NAME), ("about", MAX_NAME),
             ("repeat_of", 20), ("customer_name", MAX_NAME), ("customer_contact", MAX_NAME))


def _texts(d: Mapping[str, Any], spec: tuple[tuple[str, int], ...]) -> list[str]:
    """The text values of ``spec``'s keys ("" when absent), each within its limit."""
    out = []
    for key, limit in spec:
        value = d.get(key)
        if value is None:
            value = ""
        elif type(value) is not str or len(value) > limit:
            raise _Bad(f"{key!r} 应为不超过 {limit} 个字符的文本",
                   f"{key!r} must be text of at most {limit} characters")
        out.append(value)
    return out


def _received(event: Event) -> Case:
    d = event.data
    branch, channel, category, asks, summary, ref, about, repeat, name, contact = _texts(
        d, _RECEIVED)
    if not branch or channel not in CHANNELS:
        raise _Bad(f"需要网点和已知的渠道（而不是 {channel!r}）",
                   f"needs a branch and a known channel (not {channel!r})")
    assert event.action is not None  # noqa: S101 - checked by the caller
    personal = {}
    if name:
        personal["customer_name"] = name
    if contact:
        personal["customer_contact"] = contact
    reply_due = _day(d, "reply_due")
    make: Any = Case  # positional, in field order (keywords cost twice as much)
    case: Case = make(event.action, branch, channel, _time(d, "received"), category, asks,
                      summary, ref, personal, about, _int(d, "promise_days", 365), reply_due,
                      _rule(d.get("decision")), _day(d, "decision_due"), event.who, reply_due,
                      repeat)
    return case


_STEP = (("step", 20), ("outcome", 20), ("note", MAX_TEXT), ("handler", MAX_NAME))


def step_values(d: Mapping[str, Any]) -> tuple[str, str, str, str, str] | None:
    """``(step, at, note, outcome, handler)`` of a step's data in the usual shape (the
    quick way, one expression); None for anything else (:func:`step_checked` decides)."""
    name, at, note = d.get("step"), d.get("at"), d.get("note", "")
    outcome, handler = d.get("outcome", ""), d.get("handler", "")
    if (type(name) is str and name in STEPS and type(at) is str and real_time(at)
            and type(note) is str and len(note) <= MAX_TEXT
            and type(handler) is str and len(handler) <= MAX_NAME
            and (outcome == "" or (type(outcome) is str and outcome in OUTCOMES))):
        return name, at, note, outcome, handler
    return None


def step_checked(d: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    """The same values as :func:`step_values`, for any data: each key checked in turn,
    raising with what is wrong."""
    name, outcome, note, handler = _texts(d, _STEP)
    at = _time(d)
    if name not in STEPS:
        raise _Bad(f"未知步骤 {name!r}", f"unknown step {name!r}")
    if outcome and outcome not in OUTCOMES:
        raise _Bad(f"未知回访结果 {outcome!r}", f"unknown outcome {outcome!r}")
    return name, at, note, outcome, handler


def _step(case: Case, event: Event) -> None:
    d = event.data
    name, at, note, outcome, handler = step_values(d) or step_checked(d)
    case.steps.append(Step(name, event.who, at, note, outcome))
    if name == "accept":
        case.accepted_at = case.accepted_at or at
        case.handler = handler or event.who
    elif name == "decide":
        case.decided_at, case.decision = case.decided_at or at, note or case.decision
    elif name == "communicate":
        case.replied_at = case.replied_at or at
        if case.decided_at and not case.told_at:
            case.told_at = at
    elif name == "confirm":
        case.confirmed_at = case.confirmed_at or at
    if name == "follow-up" and outcome == "unsatisfied" and case.status == "closed":
        case.status, case.reopened = "reopened", case.reopened + 1
        case.reply_due, case.replied_at = _day(d, "reply_due"), ""
        case.closed_at = case.closed_by = ""
    elif case.status in ("received", "accepted") and name != "accept":
        case.status = "handling"
    elif case.status == "received":
        case.status = "accepted"


def _apply(case: Case, event: Event) -> None:
    d, kind = event.data, event.type
    if kind == "step":
        _step(case, event)
    elif kind == "extended":
        case.extensions.append({"days": _int(d, "days", 365), "at": _time(d),
                                "reason": _text(d, "reason", required=True),
                                "approver": _text(d, "approver", limit=MAX_NAME,
                                                  required=True), "by": event.who})
        case.decision_due = _day(d, "decision_due")
    elif kind == "escalated":
        entry = {"at": _time(d), "by": event.who, "reason": _text(d, "reason"),
                 "level": _text(d, "level", limit=20), "unit": _text(d, "unit", limit=64),
                 "referral": _text(d, "referral", limit=MAX_NAME),
                 "handler": _text(d, "handler", limit=MAX_NAME)}
        case.escalations.append(entry)
        case.handler = entry["handler"] or case.handler
    elif kind == "linked":
        action = _text(d, "action", limit=12, required=True)
        if not _ACTION.match(action):
            raise _Bad("'action' 应为整改编号", "'action' must be an action id")
        if action not in case.actions:
            case.actions.append(action)
    elif kind == "closed":
        case.closed_at, case.closed_by = _time(d), event.who
        case.result = _text(d, "result")
        case.status = "closed"
    case.events.append(event)


def derive(log: Log) -> State:
    """Fold ``log``'s verified events into cases; an event whose data is malformed or
    names an unknown case is skipped and reported."""
    state = State()
    fold(state, log.events, str(log.path))
    return state


def fold(state: State, events: Iterable[Event], path: str) -> None:
    """Apply ``events`` (in log order) to ``state``."""
    cases, case_id, step = state.cases, CASE_ID.match, _step
    for event in events:
        kind, ident = event.type, event.action
        if kind == "repaired":
            continue
        try:
            case = None if ident is None else cases.get(ident)
            if case is not None and kind != "received":  # a known case (the usual event)
                if kind == "step":
                    step(case, event)
                    case.events.append(event)
                else:
                    _apply(case, event)
                continue
            if ident is None or not case_id(ident):
                raise _Bad("缺少投诉编号", "no case id")
            if kind != "received":
                raise _Bad(f"未登记的投诉 {ident}", f"unknown case {ident}")
            if case is not None:
                raise _Bad(f"投诉 {ident} 登记了两次", f"case {ident} is registered twice")
            case = cases[ident] = _received(event)
            case.events.append(event)
        except _Bad as exc:
            from branchcheck.core.i18n import t, ui

            state.problems.append(Problem(path, event.line, 1, "register-invalid", t(
                ui(), f"第 {event.seq} 条事件（{kind}）：{exc}",
                f"event {event.seq} ({kind}): {exc}")))


def foreign(state: State, branch: str, lang: str) -> str:
    """Why a register stored under ``branch`` cannot be trusted for it ("" when it can):
    it holds another outlet's cases (a register copied into the wrong folder)."""
    from branchcheck.core.i18n import t

    other = sorted({c.branch for c in state.cases.values()} - {branch})
    return t(lang, f"存放在 {branch} 下，但含有网点 {other[0]} 的投诉",
             f"stored under {branch} but holds complaints of outlet {other[0]}") if other else ""


# ------------------------------------------------------------------ deadlines on a day


def reply_pending(case: Case) -> bool:
    """The customer still waits for the promised reply (no 沟通 since receipt or reopening)."""
    return case.is_open and not case.replied_at


def decision_pending(case: Case) -> bool:
    """No decision told to the customer yet (决定, then 沟通)."""
    return not case.told_at


def late_days(due: str, day: date) -> int:
    """Calendar days ``day`` is past the due date (0 when not past): a deadline is missed
    once its day has ended."""
    return max((day - date.fromisoformat(due)).days, 0) if due else 0


def overdue(case: Case, day: date) -> dict[str, int]:
    """The open deadlines missed on ``day``: ``{"reply": days late, "decision": ...}``."""
    out: dict[str, int] = {}
    if not case.is_open:
        return out
    if not case.replied_at:
        late = late_days(case.reply_due, day)
        if late:
            out["reply"] = late
    if not case.told_at:
        late = late_days(case.decision_due, day)
        if late:
            out["decision"] = late
    return out


def next_due(case: Case) -> str:
    """The earliest deadline still running ("" when none)."""
    dues = [case.reply_due] if reply_pending(case) else []
    if case.is_open and decision_pending(case):
        dues.append(case.decision_due)
    return min(dues) if dues else ""


def on_time(done_at: str, due: str) -> bool | None:
    """Whether something done at ``done_at`` met ``due`` (None when not done yet)."""
    return (done_at[:10] <= due) if done_at else None


def select(cases: Iterable[Case], *, status: str, category: str | None, day: date,
           soon: tuple[Any, int] | None = None) -> list[Case]:
    """Filter by ``status`` (open, overdue, soon, closed or all) and category; ``soon``
    is the working-day calendar and how many working days ahead count as soon."""
    chosen = []
    for case in cases:
        if category is not None and case.category != category:
            continue
        if status == "open" and not case.is_open:
            continue
        if status == "overdue" and not overdue(case, day):
            continue
        if status == "closed" and case.is_open:
            continue
        if status == "soon":
            due = next_due(case)
            if soon is None or not due or overdue(case, day) or soon[0].workdays_between(
                    day, date.fromisoformat(due)) > soon[1]:
                continue
        chosen.append(case)
    return chosen
