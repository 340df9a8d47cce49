"""The complaint clock as data: the rules file (bundled defaults, or the department's
own with ``--rules FILE``) and the deadlines computed from it on the working-day
calendar (:mod:`branchcheck.org.workdays`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui

if TYPE_CHECKING:
    from branchcheck.core.strictyaml import Document
    from branchcheck.org.workdays import WorkCalendar

RULES_FORMAT = "branchcheck-complaint-rules/1"
BUNDLED = Path(__file__).resolve().parent / "rules.yaml"
COUNTS = ("calendar", "workdays")
_MAX_BYTES = 1024 * 1024
_KEYS = {"format", "reply", "decision", "soon_workdays", "ageing", "repeat_days", "root_cause",
         "categories"}


@dataclass(frozen=True)
class Rules:
    """The clock rules and the category code list in force."""

    source: str
    reopen_days: int = 3
    decision_days: int = 15
    decision_count: str = "calendar"
    roll_to_workday: bool = True
    extensions: tuple[int, ...] = (15, 30)
    soon_workdays: int = 2
    ageing: tuple[int, ...] = (5, 15, 30, 60)
    repeat_days: int = 90
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)
    action_workdays: int = 5
    """A root-cause action (整改) is due this many working days after the cause is found."""
    action_owner_role: str = "网点负责人"

    def decision_rule(self) -> dict[str, Any]:
        """What a new case records of the decision limit (later rule files do not
        change a case already registered)."""
        return {"days": self.decision_days, "count": self.decision_count,
                "roll": self.roll_to_workday, "extensions": list(self.extensions)}


def load(option: str | None = None) -> Rules:
    """``--rules FILE``, else ``$BRANCHCHECK_COMPLAINT_RULES``, else the bundled defaults."""
    from branchcheck.core.strictyaml import load_mapping

    path = option or os.environ.get("BRANCHCHECK_COMPLAINT_RULES") or ""
    name = path or str(BUNDLED)
    doc = load_mapping(name, max_bytes=_MAX_BYTES)
    problems: list[Problem] = []
    rules = _parse(doc, path or "defaults", problems)
    if problems:
        raise InputError(t(ui(), f"{name}：不是有效的投诉时限规则文件",
                             f"{name}: not a valid complaint rules file"), problems)
    return rules


def _int(doc: Document, where: tuple[str | int, ...], value: Any, low: int, high: int,
         problems: list[Problem]) -> int:
    if type(value) is not int or not low <= value <= high:
        problems.append(doc.problem(where, "rules-value",
                                    t(ui(), f"应为 {low} 到 {high} 的整数",
                                      f"must be a whole number from {low} to {high}")))
        return low
    return value


def _parse(doc: Document, source: str, problems: list[Problem]) -> Rules:
    data = doc.data
    for key in sorted(set(data) - _KEYS):
        problems.append(doc.problem((key,), "rules-key", t(ui(), f"未知的键 {key!r}",
                                                                 f"unknown key {key!r}"), key=True))
    if data.get("format") != RULES_FORMAT:
        problems.append(doc.problem(("format",), "rules-format", t(
            ui(), f"'format' 应为 {RULES_FORMAT}", f"format must be {RULES_FORMAT}")))
    reply = data.get("reply") or {}
    decision = data.get("decision") or {}
    if not isinstance(reply, dict) or not isinstance(decision, dict):
        problems.append(doc.problem((), "rules-shape", t(
            ui(), "reply 和 decision 应为映射（键: 值）", "reply and decision must be mappings")))
        return Rules(source)
    count = decision.get("count", "calendar")
    if count not in COUNTS:
        problems.append(doc.problem(("decision", "count"), "rules-value",
                                    t(ui(), "应为 calendar 或 workdays",
                                      "must be calendar or workdays")))
    roll = decision.get("roll_to_workday", True)
    if not isinstance(roll, bool):
        problems.append(doc.problem(("decision", "roll_to_workday"), "rules-value",
                                    t(ui(), "应为 true 或 false", "must be true or false")))
    ext = decision.get("extensions", [15, 30])
    ageing = data.get("ageing", [5, 15, 30, 60])
    for key, seq in ((("decision", "extensions"), ext), (("ageing",), ageing)):
        if not isinstance(seq, list) or len(seq) > 10:
            problems.append(doc.problem(key, "rules-value", t(
                ui(), "应为整数的列表", "must be a list of whole numbers")))
    ext = [_int(doc, ("decision", "extensions", i), v, 1, 365, problems)
           for i, v in enumerate(ext if isinstance(ext, list) else [])]
    ageing = [_int(doc, ("ageing", i), v, 1, 3650, problems)
              for i, v in enumerate(ageing if isinstance(ageing, list) else [])]
    if ageing != sorted(set(ageing)):
        problems.append(doc.problem(("ageing",), "rules-value", t(
            ui(), "分段界限应递增", "bounds must increase")))
    return Rules(
        source=source,
        reopen_days=_int(doc, ("reply", "reopen_days"), reply.get("reopen_days", 3), 0, 365,
                         problems),
        decision_days=_int(doc, ("decision", "days"), decision.get("days", 15), 1, 365,
                           problems),
        decision_count=count if count in COUNTS else "calendar",
        roll_to_workday=roll is True,
        extensions=tuple(ext), ageing=tuple(ageing),
        soon_workdays=_int(doc, ("soon_workdays",), data.get("soon_workdays", 2), 0, 365,
                           problems),
        repeat_days=_int(doc, ("repeat_days",), data.get("repeat_days", 90), 0, 3650, problems),
        categories=_categories(doc, data.get("categories"), problems),
        **_root_cause(doc, data.get("root_cause", {}), problems),
    )


def _root_cause(doc: Document, value: Any, problems: list[Problem]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) - {"within_workdays", "owner_role"}:
        problems.append(doc.problem(("root_cause",), "rules-value",
                                    t(ui(), "应给出 within_workdays 和/或 owner_role",
                                      "must give within_workdays and/or owner_role")))
        return {}
    role = value.get("owner_role", "网点负责人")
    if not isinstance(role, str) or len(role) > 200:
        problems.append(doc.problem(("root_cause", "owner_role"), "rules-value",
                                    t(ui(), "应为最多 200 个字符的文字",
                                      "must be text of at most 200 characters")))
        role = ""
    return {"action_workdays": _int(doc, ("root_cause", "within_workdays"),
                                    value.get("within_workdays", 5), 0, 365, problems),
            "action_owner_role": role}


def _categories(doc: Document, value: Any,
                problems: list[Problem]) -> dict[str, tuple[str, str]]:
    import re

    if not isinstance(value, dict) or not value:
        problems.append(doc.problem(("categories",), "rules-categories",
                                    t(ui(), "'categories' 应把类别代码对应到 {zh, en} 名称",
                                      "categories must map codes to {zh, en} names")))
        return {}
    out: dict[str, tuple[str, str]] = {}
    for code, names in value.items():
        ok = isinstance(names, dict) and all(isinstance(names.get(k), str) and names.get(k)
                                             for k in ("zh", "en"))
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,39}", code) or not ok:
            problems.append(doc.problem(("categories", code), "rules-categories",
                                        t(ui(), "类别需要代码（a-z、0-9、-）以及 zh 和 en 名称",
                                          "a category needs a code (a-z, 0-9, -) and zh and en "
                                          "names")))
            continue
        out[code] = (names["zh"], names["en"])
    return out


# ------------------------------------------------------------------ deadlines


MAX_LIMIT_DAYS = 3660
"""The longest limit counted (a rule's days are at most 365, each extension too): a
limit read from a register beyond it, or a day of receipt outside the days the tool
counts with, is refused rather than counted for ever or past the calendar's end."""


def _countable(received: date, days: int) -> None:
    from branchcheck.core.timestamps import FIRST_DAY, LAST_DAY

    if not (FIRST_DAY <= received <= LAST_DAY and 0 <= days <= MAX_LIMIT_DAYS):
        raise InputError(t(
            ui(), f"无法计算期限：受理日 {received}、期限 {days} 天超出可计算的范围"
                  f"（{FIRST_DAY} 至 {LAST_DAY}，至多 {MAX_LIMIT_DAYS} 天）；"
                  "投诉台账是否被改动过？",
            f"cannot count a limit of {days} days from {received}: outside what the tool "
            f"counts ({FIRST_DAY} to {LAST_DAY}, at most {MAX_LIMIT_DAYS} days); was the "
            "register edited?"))


def reply_due(cal: WorkCalendar, received: date, days: int) -> date:
    """The promised reply: ``days`` working days after the day of receipt."""
    _countable(received, days)
    return cal.add_workdays(received, days)


def decision_due(cal: WorkCalendar, received: date, rule: dict[str, Any],
                 extended: int = 0) -> date:
    """The decision limit: ``rule['days']`` (plus ``extended`` days of extensions)
    calendar or working days after the day of receipt; a calendar limit ending on a
    non-working day ends on the next working day when the rule says ``roll``."""
    days = int(rule["days"]) + extended
    _countable(received, days)
    if rule["count"] == "workdays":
        return cal.add_workdays(received, days)
    due = received + timedelta(days=days)
    return cal.next_workday(due) if rule.get("roll") else due


def days_late(due: str, day: date) -> int:
    """Calendar days ``day`` is past the due date ``due`` (0 when not past or none): a
    deadline is missed once its day has ended, whatever kind of day follows."""
    if not due:
        return 0
    return max((day - date.fromisoformat(due)).days, 0)


def calendar(path: str | None = None, lang: str | None = None) -> WorkCalendar:
    """The one working-day calendar (工作日 and 调休): the official days, with the
    calendar file ``path`` (``--calendar``, else ``$BRANCHCHECK_CALENDAR``) on top."""
    from branchcheck.org import workdays

    overrides = (workdays.load_calendar_file(path, lang=lang) if path
                 else workdays.env_overrides(lang=lang))
    return workdays.default_calendar(overrides)
