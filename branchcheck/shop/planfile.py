"""The plan file: plain YAML a department reviews and edits, read back strictly.

One visit per line, so deleting a line drops a visit and copying one adds a
visit; ``branchcheck validate PLAN`` (and every command reading it) checks the
schema (``schemas/shop-plan.schema.json``) and the rules below, each problem
located at its line and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.timestamps import real_day
from branchcheck.org.workdays import not_day
from branchcheck.shop.plan import Plan, Visit

PLAN_FORMAT = "branchcheck-shop-plan/1"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_BYTES = 64 * 1024 * 1024
_PLAIN = re.compile(r"[^\W][\w.-]*")

HEADER = """\
# branchcheck mystery-shopper wave plan (docs/shop.md). Review it, then edit as needed:
# delete a visit's line to drop it, copy a line (with a new id) to add one.
# 'branchcheck validate' checks the file; 'branchcheck shop assign' assigns the visits.
"""


def _scalar(value: Any) -> str:
    """A YAML flow scalar: plain where it reads back as the same string, else quoted."""
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    from branchcheck.core.strictyaml import plain_value

    text = str(value)
    try:
        plain = _PLAIN.fullmatch(text) is not None and plain_value(text) == text
    except ValueError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(data: dict[str, Any]) -> str:
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(_scalar(v) for v in value) + "]"
        else:
            shown = _scalar(value)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def dump(plan: Plan) -> str:
    """The plan file's text."""
    out = [HEADER, f"format: {PLAN_FORMAT}", f"wave: {_scalar(plan.wave)}",
           f"checklist: {_scalar(plan.checklist)}", f"seed: {_scalar(plan.seed)}"]
    if plan.org:
        out.append(f"org: {_flow(plan.org)}")
    if plan.window is not None:
        out.append(f"window: {{from: {plan.window[0]}, to: {plan.window[1]}}}")
    out.append("open_days: [" + ", ".join(WEEKDAYS[d] for d in sorted(plan.open_days)) + "]")
    out.append("closed_days: [" + ", ".join(str(d) for d in sorted(plan.closed_days)) + "]")
    if plan.design:
        out.append(f"design: {_flow(plan.design)}")
    if plan.assignment is not None:
        a = dict(plan.assignment)
        roster = a.pop("roster", None)
        out.append(f"assignment: {_flow(a)}" if roster is None else
                   "assignment: " + _flow(a)[:-1] + f", roster: {_flow(roster)}}}")
    out.append("visits:" if plan.visits else "visits: []")
    out.extend(f"  - {_flow(v.as_row())}" for v in plan.visits)
    return "\n".join(out) + "\n"


def load(path: str, *, lang: str = "en") -> Plan:
    """Read and check a plan file; :class:`InputError` with every located problem."""
    from branchcheck.core.strictyaml import read_bytes

    raw = read_bytes(path, max_bytes=MAX_BYTES, display=path)
    plan, problems = parse(raw, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors or plan is None:
        raise InputError(t(lang, f"{path}：不是有效的暗访计划", f"{path}: not a valid wave plan"),
                         errors)
    return plan


def parse(raw: bytes, name: str) -> tuple[Plan | None, list[Problem]]:
    """A plan from a file's bytes, and every problem found (schema, then the rules)."""
    from branchcheck.core.strictyaml import decode, parse_mapping
    from branchcheck.core.validation import schema_problems

    try:
        doc = parse_mapping(decode(raw, name), name)
    except InputError as exc:
        return None, list(exc.problems)
    problems = schema_problems(doc, "wave_plan")
    if problems:
        return None, problems
    data = doc.data

    def day(path: tuple[str | int, ...], text: str) -> date | None:
        if real_day(text):  # the one rule: a day of the calendar, 1900 to 2999
            return date.fromisoformat(text)
        problems.append(doc.problem(path, "date", not_day(ui(), text)))
        return None

    window = _span(data.get("window"), ("window",), day, doc, problems)
    closed = frozenset(d for i, s in enumerate(data.get("closed_days", []))
                       if (d := day(("closed_days", i), s)) is not None)
    assignment = data.get("assignment")
    span = _span(assignment, ("assignment",), day, doc, problems)
    if span and window and not (window[0] <= span[0] and span[1] <= window[1]):
        problems.append(doc.problem(("assignment", "from"), "window",
                                    t(ui(), f"派员日期 {span[0]}..{span[1]} 不在本期暗访时段 "
                                            f"{window[0]}..{window[1]} 之内",
                                      f"the assignment's days {span[0]}..{span[1]} are not "
                                      f"inside the wave's window {window[0]}..{window[1]}")))
    slots = list((assignment or {}).get("slots", []))
    for i, s in enumerate(slots):
        if s[:5] >= s[6:]:
            problems.append(doc.problem(("assignment", "slots", i), "slot",
                                        t(ui(), f"时段 {s!r} 的结束早于开始",
                                          f"time slot {s!r} ends before it starts")))
    visits = []
    for v in data["visits"]:
        visits.append(Visit(v["id"], v["outlet"], tuple(v.get("within", ())), v.get("scenario"),
                            v.get("shopper"), v.get("date"), v.get("slot"), v.get("reason")))
    open_days = tuple(WEEKDAYS.index(d) for d in data.get("open_days", WEEKDAYS))
    plan = Plan(wave=data["wave"], checklist=data["checklist"], seed=str(data["seed"]),
                visits=tuple(visits), window=window, open_days=open_days,
                closed_days=closed, org=dict(data.get("org", {})),
                design=dict(data.get("design", {})),
                assignment=dict(assignment) if assignment is not None else None)
    problems.extend(_visit_problems(plan, doc, span, slots, day))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return plan, problems


def _span(block: Any, path: tuple[str, ...], day: Any, doc: Any,
          problems: list[Problem]) -> tuple[date, date] | None:
    if block is None:
        return None
    start, end = day((*path, "from"), block["from"]), day((*path, "to"), block["to"])
    if start is None or end is None:
        return None
    if end < start:
        problems.append(doc.problem((*path, "to"), "dates", f"{end} is before {start}"))
        return None
    return start, end


def _visit_problems(plan: Plan, doc: Any, span: tuple[date, date] | None, slots: list[str],
                    day: Any) -> Iterable[Problem]:
    """Duplicate ids, visits outside the days or slots, double-booked shoppers, a shopper
    sent back to an outlet within the gap."""
    first: dict[str, int] = {}
    booked: dict[tuple[str, str, str], int] = {}
    seen: dict[tuple[str, str], list[tuple[date, int]]] = {}
    gap = int((plan.assignment or {}).get("gap_days", 0))
    for i, v in enumerate(plan.visits):
        where = ("visits", i)
        if v.id in first:
            yield doc.problem((*where, "id"), "duplicate-id",
                              t(ui(), f"暗访 {v.id!r} 列了两次（第一次是第 {first[v.id] + 1} 次）",
                                f"visit {v.id!r} is listed twice (first in visit "
                                f"{first[v.id] + 1})"))
        first.setdefault(v.id, i)
        if v.outlet in v.within or len(set(v.within)) != len(v.within):
            yield doc.problem((*where, "within"), "within",
                              t(ui(), "'within' 应列出网点的各级上级机构，每个一次",
                                "'within' lists the outlet's units above it, each once"))
        if v.shopper is None:
            continue
        if v.reason is not None:
            yield doc.problem((*where, "reason"), "reason",
                              t(ui(), "已分配的暗访没有 'reason'（那是未分配的暗访用的）",
                                "an assigned visit has no 'reason' (that is for unassigned "
                                "ones)"))
        if span is None:
            yield doc.problem((*where, "shopper"), "assignment",
                              t(ui(), "已分配的暗访需要计划中的 'assignment' 部分",
                                "an assigned visit needs the plan's 'assignment' block"))
            continue
        when = day((*where, "date"), v.date)
        if when is None:
            continue
        if not span[0] <= when <= span[1]:
            yield doc.problem((*where, "date"), "date",
                              t(ui(), f"{when} 不在派员日期 {span[0]}..{span[1]} 之内",
                                f"{when} is outside the assignment's days "
                                f"{span[0]}..{span[1]}"))
        elif not plan.open_on(when):
            yield doc.problem((*where, "date"), "date", t(
                ui(), f"网点 {when} 不营业", f"outlets are not open on {when}"))
        if v.slot not in slots:
            yield doc.problem((*where, "slot"), "slot",
                              t(ui(), f"{v.slot!r} 不是计划中的时段（{', '.join(slots)}）",
                                f"{v.slot!r} is not one of the plan's slots "
                                f"({', '.join(slots)})"))
        key = (v.shopper, str(when), str(v.slot))
        if key in booked:
            yield doc.problem((*where, "slot"), "double-booked",
                              t(ui(), f"暗访员 {v.shopper!r} 在 {when} {v.slot} 已有暗访 "
                                      f"{plan.visits[booked[key]].id!r}",
                                f"shopper {v.shopper!r} already has visit "
                                f"{plan.visits[booked[key]].id!r} on {when} {v.slot}"))
        booked.setdefault(key, i)
        for other, j in seen.get((v.shopper, v.outlet), []):
            if abs((when - other).days) < max(gap, 1):
                yield doc.problem((*where, "shopper"), "repeat",
                                  t(ui(), f"暗访员 {v.shopper!r} 在 {max(gap, 1)} 天内再次去 "
                                          f"{v.outlet}（{other} 的暗访 {plan.visits[j].id!r}）",
                                    f"shopper {v.shopper!r} visits {v.outlet} again within "
                                    f"{max(gap, 1)} days (visit {plan.visits[j].id!r} on "
                                    f"{other})"))
        seen.setdefault((v.shopper, v.outlet), []).append((when, i))


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
