"""Complaints for people and programs: the list (text, md, csv, json), one case (text,
json) and the register (投诉台账: md, csv, html).

Every text from a register is hostile: terminal output goes through
``textsafe.term``, Markdown through ``textsafe.md``, HTML through ``textsafe.html``,
CSV through ``csvsafe``. The customer's name and contact appear only where the
caller asks for them (``personal``); never in a list, an export or the network.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from branchcheck.complaints.model import CHANNELS, LEVELS, OUTCOMES, STATUSES, STEPS, Case
from branchcheck.complaints.state import next_due, on_time, overdue
from branchcheck.core.i18n import t

ROW_KEYS = ("id", "branch", "status", "channel", "category", "received", "reply_due",
            "decision_due", "next_due", "overdue", "reply_days_overdue",
            "decision_days_overdue", "replied", "reply_on_time", "decision_told",
            "decision_on_time", "handler", "extensions", "escalations", "reopened",
            "repeat_of", "actions", "closed")


def word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A code's name in ``lang`` (the code itself when unknown)."""
    names = table.get(key)
    return (names[0] if lang == "zh" else names[1]) if names else key


Names = dict[str, tuple[str, str]]
"""Category names by code (from the rules file)."""


def as_row(case: Case, today: date) -> dict[str, Any]:
    """A case as plain data (the ``list`` layout; no personal data)."""
    late = overdue(case, today)
    return {
        "id": case.id, "branch": case.branch, "status": case.status, "channel": case.channel,
        "category": case.category, "received": case.received, "reply_due": case.reply_due,
        "decision_due": case.decision_due, "next_due": next_due(case) or None,
        "overdue": bool(late), "reply_days_overdue": late.get("reply", 0),
        "decision_days_overdue": late.get("decision", 0),
        "replied": case.replied_at or None,
        "reply_on_time": on_time(case.replied_at, case.reply_due),
        "decision_told": case.told_at or None,
        "decision_on_time": on_time(case.told_at, case.decision_due),
        "handler": case.handler or None, "extensions": len(case.extensions),
        "escalations": len(case.escalations), "reopened": case.reopened,
        "repeat_of": case.repeat_of or None, "actions": list(case.actions),
        "closed": case.closed_at or None,
    }


def as_dict(case: Case, today: date, *, personal: bool = False) -> dict[str, Any]:
    """A case with its history (the ``show`` layout)."""
    out = as_row(case, today)
    out.update({
        "asks": case.asks, "summary": case.summary, "customer_ref": case.customer_ref,
        "about": case.about or None, "promise_days": case.promise_days,
        "decision_rule": dict(case.decision_rule), "decision": case.decision or None,
        "accepted": case.accepted_at or None, "confirmed": case.confirmed_at or None,
        "result": case.result or None, "registered_by": case.registered_by,
        "extension_list": case.extensions, "escalation_list": case.escalations,
        "steps": [{"step": s.step, "who": s.who, "at": s.at, "note": s.note,
                   "outcome": s.outcome or None} for s in case.steps],
        "personal_recorded": sorted(case.personal),
        "events": [{"seq": e.seq, "id": e.id, "type": e.type, "who": e.who, "when": e.when,
                    "tool": e.tool} for e in case.events],
    })
    if personal:
        out["personal"] = dict(case.personal)
    return out


_TRI = {True: "true", False: "false", None: "null"}


def list_json(cases: Sequence[Case], today: date) -> str:
    """A JSON array, one object per line: each row exactly as ``json.dumps(as_row(case),
    ensure_ascii=False)`` writes it (a property test holds them equal), put together
    from its values with the JSON module's own string encoder -- a third of the time of
    building 10,000 mappings and encoding them."""
    if not cases:
        return "[]\n"
    from json.encoder import encode_basestring as enc  # what ensure_ascii=False uses

    def opt(text: str) -> str:
        return enc(text) if text else "null"

    lines = []
    for c in cases:
        late = overdue(c, today)
        lines.append(
            f'{{"id": {enc(c.id)}, "branch": {enc(c.branch)}, "status": {enc(c.status)}, '
            f'"channel": {enc(c.channel)}, "category": {enc(c.category)}, '
            f'"received": {enc(c.received)}, "reply_due": {enc(c.reply_due)}, '
            f'"decision_due": {enc(c.decision_due)}, "next_due": {opt(next_due(c))}, '
            f'"overdue": {"true" if late else "false"}, '
            f'"reply_days_overdue": {late.get("reply", 0)}, '
            f'"decision_days_overdue": {late.get("decision", 0)}, '
            f'"replied": {opt(c.replied_at)}, '
            f'"reply_on_time": {_TRI[on_time(c.replied_at, c.reply_due)]}, '
            f'"decision_told": {opt(c.told_at)}, '
            f'"decision_on_time": {_TRI[on_time(c.told_at, c.decision_due)]}, '
            f'"handler": {opt(c.handler)}, "extensions": {len(c.extensions)}, '
            f'"escalations": {len(c.escalations)}, "reopened": {int(c.reopened)}, '
            f'"repeat_of": {opt(c.repeat_of)}, "actions": [{", ".join(map(enc, c.actions))}], '
            f'"closed": {opt(c.closed_at)}}}')
    return "[\n" + ",\n".join(lines) + "\n]\n"


def list_csv(cases: Sequence[Case], today: date) -> bytes:
    """CSV for spreadsheets (every cell guarded)."""
    from branchcheck.core.csvsafe import to_csv

    rows = []
    for c in cases:
        row = as_row(c, today)
        row["actions"] = " ".join(row["actions"])
        rows.append(["" if row[k] is None else row[k] for k in ROW_KEYS])
    return to_csv(list(ROW_KEYS), rows)


def due_text(case: Case, today: date, lang: str) -> str:
    """The next deadline with how late it is."""
    late = overdue(case, today)
    due = next_due(case)
    if not due:
        return "—"
    if late:
        days = max(late.values())
        return due + t(lang, f"（逾期 {days} 天）", f" (overdue {days} d)")
    return due


def _row(case: Case, today: date, lang: str, cats: Names) -> list[str]:
    return [case.id, case.branch, word(STATUSES, case.status, lang),
            word(CHANNELS, case.channel, lang), word(cats, case.category, lang),
            case.received[:16],
            case.reply_due, case.decision_due, due_text(case, today, lang),
            case.handler or "—"]


def _head(lang: str) -> list[str]:
    return [t(lang, "编号", "id"), t(lang, "网点", "outlet"), t(lang, "状态", "status"),
            t(lang, "渠道", "channel"), t(lang, "类别", "category"),
            t(lang, "投诉时间", "received"), t(lang, "承诺答复", "reply due"),
            t(lang, "处理时限", "decision due"), t(lang, "下一时限", "next due"),
            t(lang, "处理人", "handler")]


def list_text(cases: Sequence[Case], today: date, lang: str,
              cats: Names) -> Iterator[str]:
    """Lines of a terminal table and a count."""
    from branchcheck.render.text import clip, table

    if not cases:
        yield t(lang, "没有符合条件的投诉。", "No complaints match.")
        return
    rows = [[clip(c, 40) for c in _row(case, today, lang, cats)] for case in cases]
    yield from table(_head(lang), rows, safe=True)  # clip neutralised every cell
    late = sum(1 for c in cases if overdue(c, today))
    yield t(lang, f"共 {len(cases)} 件，逾期 {late} 件（截至 {today.isoformat()}）",
            f"{len(cases)} complaints, {late} overdue (as of {today.isoformat()})")


def list_md(cases: Sequence[Case], today: date, lang: str, cats: Names) -> Iterator[str]:
    """Lines of a Markdown table."""
    from branchcheck.core.textsafe import md

    yield "| " + " | ".join(_head(lang)) + " |"
    yield "|" + "---|" * len(_head(lang))
    for case in cases:
        yield "| " + " | ".join(md(c) for c in _row(case, today, lang, cats)) + " |"


def show_text(case: Case, today: date, lang: str, cats: Names, *,
              personal: bool = False) -> Iterator[str]:
    """One case with its history, for the terminal."""
    from branchcheck.core.textsafe import term

    c = case
    pairs = [
        (t(lang, "编号", "id"), c.id),
        (t(lang, "网点", "outlet"), c.branch),
        (t(lang, "状态", "status"), word(STATUSES, c.status, lang)),
        (t(lang, "渠道", "channel"), word(CHANNELS, c.channel, lang)),
        (t(lang, "投诉时间", "received"), c.received),
        (t(lang, "类别", "category"), f"{word(cats, c.category, lang)} ({c.category})"),
        (t(lang, "客户诉求", "customer asks"), c.asks or "—"),
        (t(lang, "投诉内容", "summary"), c.summary or "—"),
        (t(lang, "客户编号", "customer reference"), c.customer_ref or "—"),
        (t(lang, "被投诉人", "about"), c.about or "—"),
        (t(lang, "处理人", "handler"), c.handler or "—"),
        (t(lang, "承诺答复日", "reply due"),
         t(lang, f"{c.reply_due}（收到后 {c.promise_days} 个工作日）",
           f"{c.reply_due} ({c.promise_days} working days after receipt)")),
        (t(lang, "处理决定时限", "decision due"), c.decision_due),
        (t(lang, "下一时限", "next due"), due_text(c, today, lang)),
    ]
    if c.decision:
        pairs.append((t(lang, "处理决定", "decision"), c.decision))
    if c.repeat_of:
        pairs.append((t(lang, "重复投诉，前一件", "repeat of"), c.repeat_of))
    if c.actions:
        pairs.append((t(lang, "整改项", "corrective actions"), " ".join(c.actions)))
    if c.personal:
        shown = ", ".join(f"{k}={v}" for k, v in sorted(c.personal.items())) if personal else \
            t(lang, "已登记，未显示（--personal 显示）", "recorded, not shown (--personal)")
        pairs.append((t(lang, "客户个人信息", "customer details"), shown))
    for key, value in pairs:
        yield f"{key}: {term(value)}"
    yield t(lang, "历史：", "history:")
    for e in c.events:
        yield f"  {term(_event_line(e.type, e.data, lang))}  {term(e.who)}"


def _event_line(kind: str, d: Any, lang: str) -> str:
    at = d.get("at") or d.get("received") or ""
    if kind == "received":
        return f"{at}  {t(lang, '登记', 'received')}"
    if kind == "step":
        extra = t(lang, f"（{word(OUTCOMES, str(d['outcome']), lang)}）",
                  f" ({d['outcome']})") if d.get("outcome") else ""
        note = f": {d['note']}" if d.get("note") else ""
        return f"{at}  {word(STEPS, str(d.get('step')), lang)}{extra}{note}"
    if kind == "extended":
        return f"{at}  " + t(lang, f"延期 {d.get('days')} 天至 {d.get('decision_due')}，"
                             f"原因：{d.get('reason')}，审批人：{d.get('approver')}",
                             f"extended by {d.get('days')} days to {d.get('decision_due')}; "
                             f"reason: {d.get('reason')}; approved by {d.get('approver')}")
    if kind == "escalated":
        where = (word(LEVELS, str(d.get("level")), lang) + (f" {d['unit']}" if d.get("unit")
                                                            else "")) if d.get("level") \
            else t(lang, f"外部转办：{d.get('referral')}", f"referred by {d.get('referral')}")
        return f"{at}  {t(lang, '升级', 'escalated')} {where}"
    if kind == "linked":
        what = (t(lang, "开立溯源整改项", "opened the root-cause action") if d.get("opened")
                is True else t(lang, "关联整改项", "linked action"))
        return f"{at}  {what} {d.get('action')}" + (f": {d['note']}" if d.get("note") else "")
    if kind == "closed":
        return f"{at}  {t(lang, '办结', 'closed')}" + (f": {d['result']}" if d.get("result")
                                                      else "")
    return f"{at}  {kind}"


def register_head(lang: str) -> list[str]:
    """Columns of the printable register (投诉台账)."""
    return [t(lang, "编号", "id"), t(lang, "投诉时间", "received"), t(lang, "渠道", "channel"),
            t(lang, "类别", "category"), t(lang, "客户诉求", "customer asks"),
            t(lang, "处理人", "handler"), t(lang, "承诺答复日", "reply due"),
            t(lang, "答复", "replied"), t(lang, "处理时限", "decision due"),
            t(lang, "决定告知", "decision told"), t(lang, "延期/升级", "ext./esc."),
            t(lang, "回访", "follow-up"), t(lang, "状态", "status")]


def register_rows(cases: Sequence[Case], today: date, lang: str,
                  cats: Names) -> list[list[str]]:
    """One row per case, in registration order."""
    rows = []
    for c in cases:
        follow = [word(OUTCOMES, s.outcome, lang) for s in c.steps
                  if s.step == "follow-up" and s.outcome]
        rows.append([c.id, c.received[:16], word(CHANNELS, c.channel, lang),
                     word(cats, c.category, lang),
                     c.asks, c.handler, c.reply_due, _done(c.replied_at, c.reply_due, lang),
                     c.decision_due, _done(c.told_at, c.decision_due, lang),
                     f"{len(c.extensions)}/{len(c.escalations)}",
                     ", ".join(follow) or "—",
                     word(STATUSES, c.status, lang) + (
                         t(lang, "（逾期）", " (overdue)") if overdue(c, today) else "")])
    return rows


def _done(at: str, due: str, lang: str) -> str:
    if not at:
        return "—"
    return at[:10] + ("" if on_time(at, due) else t(lang, "（超时）", " (late)"))
