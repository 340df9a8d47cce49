"""The user's operations on an outlet's register (投诉台账): register a complaint, record
a step, extend the decision limit, escalate, link a corrective action, close. Each is
one locked append, checked against the case as it is at the time of writing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.actions.log import MAX_LOG_BYTES, Log, NewEvent, log_path, read_log
from branchcheck.complaints.model import (
    CASE_ID,
    CHAIN,
    CHANNELS,
    LEVELS,
    LOG_NAME,
    MAX_NAME,
    MAX_TEXT,
    OUTCOMES,
    STEPS,
    Case,
)
from branchcheck.complaints.state import State, derive, reply_pending
from branchcheck.core.errors import StorageError, UsageError
from branchcheck.core.i18n import t
from branchcheck.core.places import BRANCH_ID

if TYPE_CHECKING:  # the clock rules are read by the commands that write, not by a listing
    from branchcheck.complaints import rules as clock

Make = Callable[[State], Sequence[NewEvent]]


@dataclass(frozen=True)
class Found:
    """A case with the register it lives in."""

    branch: str
    log: Log
    state: State
    case: Case


def branches(root: Path) -> Iterator[str]:
    """Outlets under ``root`` that have a register (sorted)."""
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if BRANCH_ID.fullmatch(entry.name) and os.path.lexists(entry / LOG_NAME):
            yield entry.name


def load(root: Path, branch: str) -> tuple[Log, State]:
    """An outlet's register, verified, and the cases derived from it."""
    log = read_log(root, branch, chain=CHAIN)
    return log, derive(log)


def locate(root: Path, case_id: str, branch: str | None = None, lang: str = "en", *,
           events: bool = False) -> Found:
    """The case ``case_id`` (ids are unique across outlets); with ``events`` its events
    too (its register verified in full), else read as a listing reads it."""
    from branchcheck.complaints import snapshot
    from branchcheck.core import fsafe

    wanted = case_id.strip().upper()
    if not CASE_ID.match(wanted):
        raise UsageError(t(lang, f"{case_id!r} 不是投诉编号（如 C-3F9C2E1B）",
                           f"{case_id!r} is not a complaint id (like C-3F9C2E1B)"))
    needle = f'"case":"{wanted}"'.encode()
    hits: list[Found] = []
    for name in [branch] if branch else list(branches(root)):
        path = log_path(root, name, CHAIN)
        if not os.path.lexists(path):
            continue
        try:
            raw: bytes | None = fsafe.read_regular(path, max_bytes=MAX_LOG_BYTES, root=root)
        except StorageError:  # too large, not a regular file, leads outside: load says so
            raw = None
        if raw is not None and needle not in raw and not branch:
            continue
        log, state = load(root, name) if events else snapshot.load(root, name)
        if wanted in state.cases:
            hits.append(Found(name, log, state, state.cases[wanted]))
    if not hits:
        from branchcheck.actions.ops import not_found  # the action log's ops: not for a list

        raise not_found(t(lang, f"{root} 下没有投诉 {wanted}", f"no complaint {wanted} under "
                          f"{root}"), root, [branch] if branch else list(branches(root)),
                        CHAIN, lang)
    if len(hits) > 1:
        raise UsageError(t(lang, f"投诉 {wanted} 出现在多个网点；请加 --branch",
                           f"complaint {wanted} exists in several outlets; add --branch"))
    return hits[0]


def append(root: Path, branch: str, make: Make, *, events: bool = False) -> State:
    """Under the register's lock: verify it (a tampered register is refused and never
    written to), ask ``make`` for the events and append them; the state after. The
    register is read as a listing reads it (this user's memory of it when its bytes
    or their prefix were verified before, else verified in full: never the checkpoint,
    which has no names to remember); with ``events`` (``make`` needs the cases'
    events) always verified in full."""
    from branchcheck.actions import writer
    from branchcheck.complaints import checkpoint, snapshot
    from branchcheck.complaints.state import fold
    from branchcheck.core.i18n import ui

    key = checkpoint.signing_key(ui())  # a key that cannot be used: refused before writing
    with writer.locked(root, branch, CHAIN):
        if events:
            log = writer.checked(root, branch, CHAIN)
            state = derive(log)
        else:
            log, state = snapshot.load(root, branch, personal=True, locked=True)
            writer.refuse_tampered(log)
        wanted = list(make(state))
        if wanted:
            written, info = writer.add_events(
                root, branch, wanted, seq=log.last_seq, prev=log.last_hash, size=log.size,
                torn=log.torn_tail, torn_line=log.torn_line, chain=CHAIN)
            fold(state, written, str(log.path))
            seq, last, found = written[-1].seq, written[-1].hash, snapshot.digest(root, branch)
            snapshot.remember(root, branch, log, state, size=info.st_size, seq=seq,
                              last=last, found=found)
            if key is not None and found is not None and found[1] == info.st_size \
                    and not log.problems and not state.problems \
                    and checkpoint.due(root, branch, info.st_size, key):
                checkpoint.write(root, branch, key, size=info.st_size, digest=found[0],
                                 seq=seq, last=last, cases=state.cases.values())
    return state


def clean(text: str | None, what: str, limit: int = MAX_TEXT, lang: str = "en") -> str:
    """A user's text within the register's limit (what the writer accepts, the reader
    accepts)."""
    text = (text or "").strip()
    if len(text) > limit:
        raise UsageError(t(lang, f"{what} 超过 {limit} 个字符", f"{what} is longer than "
                           f"{limit} characters"))
    return text


def parse_time(text: str, what: str, lang: str = "en") -> str:
    """An ISO 8601 time with its offset (a date alone is refused: the day of receipt
    depends on the time zone)."""
    from branchcheck.core.timestamps import LAST_DAY, out_of_range, outside_words, real_time

    value = text.strip()
    if out_of_range(value, LAST_DAY):  # deadlines a year on must still be dates
        raise UsageError(f"{what} {text!r} {outside_words(lang, LAST_DAY)}")
    if not real_time(value):
        raise UsageError(t(lang, f"{what} {text!r} 不是带时区的时间（如 2026-02-13T10:00+08:00）",
                           f"{what} {text!r} is not a time with its offset (like "
                           "2026-02-13T10:00+08:00)"))
    return value


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _same_person(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()


def _not_subject(case_about: str, person: str, lang: str) -> None:
    if _same_person(case_about, person):
        raise UsageError(t(lang, f"{person} 是被投诉人，不能处理本投诉（回避）",
                           f"{person} is the subject of this complaint and may not handle it"))


def at_time(case: Case, at: str | None, lang: str) -> str:
    """When a step happened: ``at`` (not before receipt, not in the future), else now."""
    from branchcheck.core.places import now_iso

    value = parse_time(at, "--at", lang) if at else now_iso()
    if _moment(value) < _moment(case.received):
        raise UsageError(t(lang, f"--at {value} 早于投诉受理时间 {case.received}",
                           f"--at {value} is before the complaint was received ({case.received})"))
    return value


@dataclass(frozen=True)
class Intake:
    """What ``complaints new`` records."""

    branch: str
    channel: str
    received: str
    promise_days: int
    category: str = "other"
    asks: str = ""
    summary: str = ""
    customer_ref: str = ""
    customer_name: str = ""
    customer_contact: str = ""
    about: str = ""


def new(root: Path, intake: Intake, who: str, rules: clock.Rules, cal: Any,
        lang: str = "en") -> Case:
    """Register a complaint: its deadlines computed now and stored with it."""
    import secrets

    from branchcheck.complaints import rules as clock

    if intake.channel not in CHANNELS:
        raise UsageError(t(lang, f"未知渠道 {intake.channel!r}；可选 {', '.join(CHANNELS)}",
                           f"unknown channel {intake.channel!r}; choose one of "
                           f"{', '.join(CHANNELS)}"))
    if intake.category not in rules.categories:
        raise UsageError(t(lang, f"未知投诉类别 {intake.category!r}；可选 "
                           f"{', '.join(rules.categories)}",
                           f"unknown category {intake.category!r}; choose one of "
                           f"{', '.join(rules.categories)}"))
    if not 0 <= intake.promise_days <= 365:
        raise UsageError(t(lang, "--promise-days 应为 0 到 365", "--promise-days must be 0 to 365"))
    received = parse_time(intake.received, "--received", lang)
    day = date.fromisoformat(received[:10])
    rule = rules.decision_rule()
    case_id = "C-" + secrets.token_hex(4).upper()
    data: dict[str, Any] = {
        "branch": intake.branch, "channel": intake.channel, "received": received,
        "category": intake.category, "asks": intake.asks, "summary": intake.summary,
        "customer_ref": intake.customer_ref, "about": intake.about,
        "promise_days": intake.promise_days,
        "reply_due": clock.reply_due(cal, day, intake.promise_days).isoformat(),
        "decision": rule, "decision_due": clock.decision_due(cal, day, rule).isoformat(),
    }
    for key in ("customer_name", "customer_contact"):
        if getattr(intake, key):
            data[key] = getattr(intake, key)

    def make(state: State) -> list[NewEvent]:
        repeat = _repeat_of(state, intake.customer_ref, day, rules.repeat_days)
        if repeat:
            data["repeat_of"] = repeat
        return [NewEvent("received", case_id, who, data)]

    return append(root, intake.branch, make).cases[case_id]


def _repeat_of(state: State, ref: str, day: date, within: int) -> str:
    """The latest earlier case of the same customer reference within ``within`` days."""
    if not ref:
        return ""
    found = ""
    for case in state.cases.values():
        if case.customer_ref == ref and 0 <= (day - date.fromisoformat(case.received[:10])).days \
                <= within:
            found = case.id
    return found


def change(root: Path, found: Found, check: Callable[[Case], NewEvent]) -> Case:
    def make(state: State) -> list[NewEvent]:
        return [check(state.cases[found.case.id])]

    return append(root, found.branch, make).cases[found.case.id]


def step(root: Path, found: Found, name: str, *, who: str, at: str | None = None,
         note: str = "", handler: str = "", outcome: str = "", promise_days: int | None = None,
         rules: clock.Rules | None = None, cal: Any = None, lang: str = "en") -> Case:
    """Record 受理 or one of the five steps (判断 决定 沟通 确认 跟踪)."""
    from branchcheck.complaints import rules as clock

    if name not in STEPS:
        raise UsageError(t(lang, f"未知步骤 {name!r}；可选 {', '.join(STEPS)}",
                           f"unknown step {name!r}; choose one of {', '.join(STEPS)}"))
    if outcome and (name != "follow-up" or outcome not in OUTCOMES):
        raise UsageError(t(lang, f"--outcome 仅用于回访（follow-up），可选 {', '.join(OUTCOMES)}",
                           f"--outcome is for follow-up only: {', '.join(OUTCOMES)}"))

    def check(case: Case) -> NewEvent:
        when = at_time(case, at, lang)
        data: dict[str, Any] = {"step": name, "at": when, "note": note}
        if name == "accept":
            if case.accepted_at:
                raise UsageError(t(lang, f"{case.id} 已受理", f"{case.id} is already accepted"))
            _not_subject(case.about, handler or who, lang)
            if handler:
                data["handler"] = handler
        elif not case.accepted_at:
            raise UsageError(t(lang, f"{case.id} 尚未受理；请先记录 accept",
                               f"{case.id} is not accepted yet; record 'accept' first"))
        elif case.status == "closed" and name != "follow-up":
            raise UsageError(t(lang, f"{case.id} 已办结；只能记录回访（follow-up）",
                               f"{case.id} is closed; only a follow-up can be recorded"))
        if name == "decide" and not note:
            raise UsageError(t(lang, "记录决定时请用 --note 写明处理决定",
                               "give the decision with --note"))
        if name == "follow-up" and outcome == "unsatisfied" and case.status == "closed":
            assert rules is not None and cal is not None  # noqa: S101 - the command gives them
            days = rules.reopen_days if promise_days is None else promise_days
            data["reply_due"] = clock.reply_due(cal, date.fromisoformat(when[:10]),
                                                days).isoformat()
        if outcome:
            data["outcome"] = outcome
        return NewEvent("step", case.id, who, data)

    return change(root, found, check)


def extend(root: Path, found: Found, *, reason: str, approver: str, who: str,
           at: str | None, rules: clock.Rules, cal: Any, lang: str = "en") -> Case:
    """Extend the decision limit by the case's next allowed extension (its rule, as
    registered), with the reason and the approver."""
    from branchcheck.complaints import rules as clock

    if not reason or not approver:
        raise UsageError(t(lang, "延期须写明原因（--reason）和审批人（--approver）",
                           "an extension needs --reason and --approver"))

    def check(case: Case) -> NewEvent:
        allowed = case.decision_rule.get("extensions", [])
        if case.told_at or not case.is_open:
            raise UsageError(t(lang, f"{case.id} 的处理决定已告知客户，无需延期",
                               f"{case.id}: the decision was already told; nothing to extend"))
        if len(case.extensions) >= len(allowed):
            raise UsageError(t(lang, f"{case.id} 已用完全部 {len(allowed)} 次延期",
                               f"{case.id} has used all {len(allowed)} extensions"))
        _not_subject(case.about, approver, lang)
        days = int(allowed[len(case.extensions)])
        added = sum(e["days"] for e in case.extensions) + days
        due = clock.decision_due(cal, date.fromisoformat(case.received[:10]),
                                 case.decision_rule, added)
        return NewEvent("extended", case.id, who, {
            "days": days, "reason": reason, "approver": approver, "at": at_time(case, at, lang),
            "decision_due": due.isoformat()})

    return change(root, found, check)


def escalate(root: Path, found: Found, *, who: str, at: str | None, reason: str,
             level: str = "", unit: str = "", referral: str = "", handler: str = "",
             lang: str = "en") -> Case:
    """Record an escalation up the organisation (``level``, resolved to ``unit``) or a
    referral from outside (``referral``: the regulator, the head-office hotline)."""
    if bool(level) == bool(referral):
        raise UsageError(t(lang, "请给出 --to（上报到哪一级）或 --referral（外部转办来源）之一",
                           "give either --to (escalate up) or --referral (sent from outside)"))
    if level and level not in LEVELS:
        raise UsageError(t(lang, f"--to 可选 {', '.join(LEVELS)}",
                           f"--to must be one of {', '.join(LEVELS)}"))

    def check(case: Case) -> NewEvent:
        if not case.is_open:
            raise UsageError(t(lang, f"{case.id} 已办结", f"{case.id} is closed"))
        if handler:
            _not_subject(case.about, handler, lang)
        return NewEvent("escalated", case.id, who, {
            "at": at_time(case, at, lang), "reason": reason, "level": level, "unit": unit,
            "referral": referral, "handler": handler})

    return change(root, found, check)


def close(root: Path, found: Found, *, who: str, at: str | None, result: str,
          lang: str = "en") -> Case:
    """办结: only once a decision has been told to the customer."""
    def check(case: Case) -> NewEvent:
        if not case.is_open:
            raise UsageError(t(lang, f"{case.id} 已办结", f"{case.id} is already closed"))
        if not case.told_at or reply_pending(case):
            raise UsageError(t(lang, f"{case.id} 还没有把处理决定告知客户（决定、沟通）",
                               f"{case.id}: no decision has been told to the customer yet "
                               "(decide, then communicate)"))
        return NewEvent("closed", case.id, who, {"at": at_time(case, at, lang), "result": result})

    return change(root, found, check)


def name_limit(text: str | None, what: str, lang: str = "en") -> str:
    """A name (who, handler, approver) within the register's limit."""
    return clean(text, what, MAX_NAME, lang)


def future_warning(at: str, lang: str) -> str:
    """A warning when ``at`` lies more than a day ahead of now ("" otherwise)."""
    from datetime import timezone

    if _moment(at) - datetime.now(timezone.utc) > timedelta(days=1):
        return t(lang, f"注意：时间 {at} 在将来", f"note: the time {at} is in the future")
    return ""


def unit_above(org_path: str, branch: str, level: str, lang: str = "en") -> str:
    """The unit of kind ``level`` above ``branch`` in the organisation directory."""
    from branchcheck.org.directory import load as load_org

    org = load_org(org_path, lang=lang)
    if branch not in org.by_id:
        raise UsageError(t(lang, f"机构目录 {org_path} 中没有网点 {branch}",
                           f"the directory {org_path} has no unit {branch}"))
    for unit_id in org.chain(branch)[1:]:
        if org.by_id[unit_id].kind == level:
            return unit_id
    raise UsageError(t(lang, f"机构目录中 {branch} 之上没有 {level} 一级的单位",
                       f"the directory has no {level} above {branch}"))
