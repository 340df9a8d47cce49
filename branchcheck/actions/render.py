"""Actions for people and programs: the list (text, md, csv, json), one action (text,
json) and the rectification ledger (整改台账: md, html, csv).

Every text from a log is hostile: terminal output goes through ``textsafe.term``,
Markdown through ``textsafe.md``, HTML through ``textsafe.html``, CSV through
``csvsafe``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from branchcheck.actions.model import STATUS_ZH, Action
from branchcheck.actions.state import overdue_days
from branchcheck.core.i18n import t

PRIORITY_ZH = {"high": "高", "normal": "一般"}
EVENT_ZH = {"opened": "开立", "recurred": "复发", "assigned": "指派", "commented": "备注",
            "fixed": "整改", "verified": "复查", "reopened": "重新打开", "reported": "上报",
            "approved": "审核", "repaired": "修复"}
"""Event names as a zh reader reads them."""
_KEY_ZH = {"owner": "责任人", "staff_no": "工号", "due": "时限", "note": "说明", "result": "结果",
           "evidence": "证据", "reported_to": "上报对象", "reported_on": "上报日期",
           "remedy": "客户处置", "accountability": "问责", "allow_self": "本人复查"}


def _localise(text: Any, lang: str) -> str:
    from branchcheck.core.model import localise

    return localise(text, lang)


def status_text(action: Action, lang: str) -> str:
    """The status in ``lang``."""
    return STATUS_ZH.get(action.status, action.status) if lang == "zh" else action.status


def problem_text(a: Action, lang: str) -> str:
    """The problem: the reviewer's note, else what was answered."""
    if a.note:
        return a.note
    if a.item_status == "partial":
        return t(lang, f"部分达标（答案 {a.value}）", f"partly met (answer {a.value})")
    if a.value in ("", "fail"):
        return t(lang, "不达标", "not met")
    return t(lang, f"不达标（答案 {a.value}）", f"not met (answer {a.value})")


def day_of(stamp: str) -> str:
    """``YYYY-MM-DD`` of an ISO time (as written)."""
    return stamp[:10]


def as_dict(action: Action, today: date, *, events: bool = False) -> dict[str, Any]:
    """An action as plain data (the ``list``/``show`` JSON layout)."""
    late = overdue_days(action, today)
    out: dict[str, Any] = {
        "id": action.id, "branch": action.branch, "checklist": action.checklist,
        "item": action.item, "section": action.section, "text": dict(action.text),
        "problem": action.note, "value": action.value, "status": action.status,
        "priority": action.priority,
        "owner": action.owner, "owner_role": action.owner_role,
        "owner_roles": dict(action.owner_roles), "due": action.due or None,
        "overdue": late > 0, "days_overdue": late, "opened": action.opened,
        "opened_by": action.opened_by, "result": dict(action.source),
        "recurrences": action.recurrences, "fix": action.fix_note, "fixed_at": action.fixed_at,
        "fixed_by": action.fixed_by, "evidence": [e.as_dict() for e in action.evidence],
        "evidence_required": action.evidence_required, "verified_at": action.verified_at,
        "verified_by": action.verified_by, "verified_how": action.verified_how or None,
        "verified_self": action.verified_self, "kind": action.kind,
        "previous": action.previous or None, "repeat": action.repeat,
        "category": action.category or None, "raised_by": action.raised_by,
        "found_evidence": [e.as_dict() for e in action.found_evidence],
        "recurrence_notes": [list(n) for n in action.recurrence_notes],
        "report": dict(action.report),
    }
    if events:  # one action in full (show): with the owner's employee number
        out["staff_no"] = action.staff_no
        out["events"] = [{"seq": e.seq, "id": e.id, "type": e.type, "who": e.who,
                          "when": e.when, "tool": e.tool, "data": dict(e.data)}
                         for e in action.events]
    return out


def list_json(actions: Sequence[Action], today: date) -> str:
    """A JSON array, one object per action."""
    if not actions:
        return "[]\n"
    # one object per line: compact enough for thousands of actions (the C encoder),
    # still readable and diff-friendly
    rows = (json.dumps(as_dict(a, today), ensure_ascii=False) for a in actions)
    return "[\n" + ",\n".join(rows) + "\n]\n"


def _row(a: Action, today: date, lang: str) -> list[str]:
    late = overdue_days(a, today)
    due = a.due or "—"
    if late:
        due += t(lang, f"（逾期 {late} 个工作日）", f" (overdue {late} bd)")
    owner = a.owner or (f"({a.role(lang)})" if a.owner_role else "—")
    prio = PRIORITY_ZH.get(a.priority, a.priority) if lang == "zh" else a.priority
    return [a.id, a.branch, a.checklist, a.item, status_text(a, lang), prio, owner, due,
            str(a.recurrences)]


def _head(lang: str) -> list[str]:
    return [t(lang, "编号", "id"), t(lang, "网点", "branch"), t(lang, "检查表", "checklist"),
            t(lang, "项目", "item"), t(lang, "状态", "status"), t(lang, "优先级", "priority"),
            t(lang, "责任人", "owner"), t(lang, "时限", "due"), t(lang, "复发", "recurred")]


def list_text(actions: Sequence[Action], today: date, lang: str) -> Iterator[str]:
    """Lines of a terminal table."""
    from branchcheck.render.text import clip, table

    if not actions:
        yield t(lang, "没有符合条件的整改项。", "No actions match.")
        return
    rows = [[clip(c, 40) for c in _row(a, today, lang)] for a in actions]
    yield from table(_head(lang), rows, right={8}, safe=True)
    late = sum(1 for a in actions if overdue_days(a, today))
    yield t(lang, f"共 {len(actions)} 项，逾期 {late} 项",
            f"{len(actions)} actions, {late} overdue")


def list_md(actions: Sequence[Action], today: date, lang: str) -> Iterator[str]:
    """Lines of a Markdown table."""
    from branchcheck.core.textsafe import md

    yield "| " + " | ".join(_head(lang)) + " |"
    yield "|" + "---|" * len(_head(lang))
    for a in actions:
        yield "| " + " | ".join(md(c) for c in _row(a, today, lang)) + " |"


def list_csv(actions: Sequence[Action], today: date) -> bytes:
    """CSV for spreadsheets (every cell guarded)."""
    from branchcheck.core.csvsafe import to_csv

    head = ["id", "branch", "checklist", "item", "problem", "status", "priority", "owner",
            "due", "overdue", "days_overdue", "recurrences", "opened", "fix", "verified_at"]
    rows: list[list[str | int | bool]] = [
        [a.id, a.branch, a.checklist, a.item, a.note, a.status, a.priority, a.owner, a.due,
         overdue_days(a, today) > 0, overdue_days(a, today), a.recurrences,
         a.opened, a.fix_note, a.verified_at] for a in actions]
    return to_csv(head, rows)


def show_text(action: Action, today: date, lang: str, missing: Sequence[str] = ()) -> Iterator[str]:
    """One action with its history, for the terminal."""
    from branchcheck.core.textsafe import term

    a = action
    late = overdue_days(a, today)
    kind = t(lang, "红线事件", "red-line incident") if a.incident else t(lang, "整改项", "action")
    if a.incident and a.repeat:
        kind += t(lang, f"（屡查屡犯，第 {a.repeat + 1} 次；上一条 {a.previous}）",
                  f" (repeat no. {a.repeat + 1}; previous {a.previous})")
    pairs = [
        (t(lang, "编号", "id"), a.id),
        (t(lang, "类别", "kind"), kind),
        (t(lang, "网点 / 检查表 / 项目", "branch / checklist / item"),
         f"{a.branch} / {a.checklist} / {a.item}"),
        (t(lang, "检查项目", "standard"), _localise(a.text, lang)),
        (t(lang, "问题描述", "problem"), problem_text(a, lang)),
        (t(lang, "状态", "status"), status_text(a, lang)),
        (t(lang, "优先级", "priority"), PRIORITY_ZH.get(a.priority, a.priority) if lang == "zh"
         else a.priority),
        (t(lang, "责任人", "owner"), a.owner or (f"({a.role(lang)})" if a.owner_role else "—")),
        *([(t(lang, "工号", "employee no."), a.staff_no)] if a.staff_no else []),
        (t(lang, "整改时限", "due"), (a.due or "—") + (
            t(lang, f"（逾期 {late} 个工作日）", f" (overdue by {late} working days)")
            if late else "")),
        (t(lang, "复发次数", "recurrences"), str(a.recurrences)),
        (t(lang, "来源结果", "from result"), f"{a.source.get('path', '')} "
                                             f"({a.source.get('sha256', '')[:12]})"),
    ]
    for day, note in a.recurrence_notes:
        pairs.append((t(lang, "复发", "recurred"), f"{day} {note}".strip()))
    for ev in a.found_evidence:
        pairs.append((t(lang, "发现时证据", "evidence found"),
                      f"{ev.file_name} ({ev.kind}, {ev.size} B)"))
    if a.fix_note:
        pairs.append((t(lang, "整改措施", "fix"), a.fix_note))
    for ev in a.evidence:
        pairs.append((t(lang, "证据", "evidence"), f"{ev.file_name} ({ev.kind}, {ev.size} B)"))
    for key, value in a.report.items():
        pairs.append((_KEY_ZH.get(key, key) if lang == "zh" else key.replace("_", " "), value))
    for problem in missing:
        pairs.append((t(lang, "证据问题", "evidence problem"), problem))
    for key, value in pairs:
        yield f"{key}: {term(value)}"
    yield t(lang, "历史：", "history:")
    for e in a.events:
        detail = _event_detail(e.type, e.data, lang)
        name = EVENT_ZH.get(e.type, e.type) if lang == "zh" else e.type
        yield f"  {term(e.when)}  {term(name)}  {term(e.who)}" + (
            f"  {term(detail)}" if detail else "")


def _event_detail(kind: str, data: Any, lang: str) -> str:
    def key_name(key: str) -> str:
        return _KEY_ZH.get(key, key) if lang == "zh" else key

    parts = []
    for key in ("owner", "staff_no", "due", "note", "reported_to", "reported_on", "remedy",
                "accountability"):
        value = data.get(key)
        if isinstance(value, str) and value and (kind != "opened" or key == "note"):
            parts.append(f"{key_name(key)}={value}")
    if data.get("allow_self") is True:
        parts.append(key_name("allow_self"))
    result = data.get("result")
    if isinstance(result, dict) and kind != "opened":
        parts.append(f"{key_name('result')}={result.get('path', '')}")
    evidence = data.get("evidence")
    if isinstance(evidence, list) and evidence:
        parts.append(f"{key_name('evidence')}={len(evidence)}")
    return "; ".join(parts)


def outcome_line(opened: int, recurred: int, reopened: int, verified: int, lang: str) -> str:
    """One line saying what storing a result did to the actions."""
    return t(lang, f"整改：新开 {opened} 项，仍未整改 {recurred} 项，重新打开 {reopened} 项，"
                   f"复查通过 {verified} 项",
             f"Actions: {opened} opened, {recurred} still open, {reopened} reopened, "
             f"{verified} verified by this check")


def start_lines(actions: Sequence[Action], today: date, lang: str) -> list[str]:
    """What ``run`` shows first: the open actions of this branch and checklist."""
    from branchcheck.core.textsafe import term

    if not actions:
        return []
    late = sum(1 for a in actions if overdue_days(a, today))
    lines = [t(lang, f"本网点此检查表有 {len(actions)} 项未完成整改（逾期 {late} 项）：",
               f"Open actions of this branch and checklist: {len(actions)} "
               f"({late} overdue):")]
    for a in actions:
        lines.append("  " + term(item_note(a, today, lang, short=True)))
    return lines


def item_note(a: Action, today: date, lang: str, *, short: bool = False) -> str:
    """One line about an open action: id, since, owner, due (overdue), problem."""
    from branchcheck.core.textsafe import term

    late = overdue_days(a, today)
    owner = a.owner or a.role(lang) or t(lang, "未指定", "unassigned")
    days = "business day" if late == 1 else "business days"
    due = (a.due or "—") + (t(lang, f"，逾期 {late} 个工作日", f", {late} {days} overdue")
                            if late else "")
    since = day_of(a.source.get("finished") or a.opened)
    head = a.id if short else t(lang, f"未完成整改 {a.id}", f"Open action {a.id}")
    what = f"{a.item}: " if short else ""
    text = t(lang, f"{head}（{since} 起，责任人 {owner}，时限 {due}）",
             f"{head} (since {since}, owner {owner}, due {due})")
    problem = problem_text(a, lang)
    return term(f"{text} {what}{problem}")
