"""The rectification ledger (整改台账) of a branch: Markdown, HTML (printable A4), CSV and
.xlsx, one table of rows for all four.

Columns (docs/actions.md, "The ledger"): 序号, 检查日期, 检查类型/来源, 检查表, 检查项目,
问题描述, 整改责任人, 整改时限, 整改措施, 完成情况, 复查人, 复查日期, 复发次数, 状态.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from branchcheck.actions.model import STATUS_ZH, Action
from branchcheck.actions.render import day_of, problem_text
from branchcheck.actions.state import Approval, overdue_days
from branchcheck.core.i18n import t
from branchcheck.core.model import localise

HEAD_ZH = ("序号", "检查日期", "检查类型/来源", "检查表", "检查项目", "问题描述", "整改责任人",
           "整改时限", "整改措施", "完成情况", "复查人", "复查日期", "复发次数", "状态")
HEAD_EN = ("No.", "Check date", "Source", "Checklist", "Item", "Problem", "Owner", "Due",
           "Action taken", "Completion", "Re-checked by", "Re-check date", "Recurrences",
           "Status")
STATE_EN = {"open": "open", "fixed": "fixed, awaiting re-check", "verified": "re-checked, closed",
            "reopened": "reopened"}


@dataclass
class Ledger:
    """What a ledger shows: the outlet, the day it is drawn up, its rows and sign-offs."""

    branch: str
    name: str
    today: date
    actions: Sequence[Action]
    approvals: Sequence[Approval] = field(default_factory=list)
    lang: str = "en"

    @property
    def title(self) -> str:
        """``整改台账 — 陆家嘴网点（SH-001）``."""
        who = f"{self.name}（{self.branch}）" if self.lang == "zh" and self.name != self.branch \
            else f"{self.name} ({self.branch})" if self.name != self.branch else self.branch
        return f"{t(self.lang, '整改台账', 'Rectification ledger')} — {who}"

    def lines(self) -> list[str]:
        """The lines under the title: as of, counts, approvals, the deadline rule."""
        lang, acts = self.lang, self.actions
        incidents = sum(1 for a in acts if a.incident)
        late = sum(1 for a in acts if overdue_days(a, self.today))
        out = [t(lang, f"截至 {self.today.isoformat()}，共 {len(acts)} 项（红线事件 "
                       f"{incidents} 项，逾期未整改 {late} 项）。",
                 f"As of {self.today.isoformat()}: {len(acts)} actions ({incidents} red-line "
                 f"incidents, {late} overdue).")]
        for a in self.approvals:
            mark = t(lang, "（本人审核）", " (approved own check)") if a.allow_self else ""
            checked = day_of(a.result.get("finished", ""))
            out.append(t(lang, f"审核：{a.approver}{mark}，{day_of(a.when)}（{checked} 的检查）",
                         f"Approved: {a.approver}{mark}, {day_of(a.when)} (check of "
                         f"{checked})") + (f" — {a.note}" if a.note else ""))
        out.append(t(lang, "整改时限按工作日计（法定节假日和调休按国家安排）；检查表未设置时，"
                           "红线默认 1 个、其他默认 5 个工作日，均为本部门可设置的默认值。",
                     "Due dates count working days (public holidays and make-up working days "
                     "as officially announced); where a checklist sets none, 1 working day for "
                     "a red line and 5 for anything else: defaults the department may change."))
        return out

    def head(self) -> tuple[str, ...]:
        """The column names."""
        return HEAD_ZH if self.lang == "zh" else HEAD_EN

    def rows(self) -> list[list[str]]:
        """One row of plain text per action, in ledger order."""
        return [row(n, a, self.today, self.lang) for n, a in enumerate(self.actions, start=1)]


def _problem(a: Action, lang: str) -> str:
    text = problem_text(a, lang)
    if a.incident:
        head = t(lang, "【红线事件】", "[Red-line incident] ")
        if a.repeat:
            head += t(lang, f"屡查屡犯（第 {a.repeat + 1} 次）", f"repeat no. {a.repeat + 1}; ")
        text = head + text
    for day, note in a.recurrence_notes:
        text += t(lang, f"；{day} 复发：{note or '同上'}", f"; recurred {day}: {note or 'same'}")
    return text


def _action_taken(a: Action, lang: str) -> str:
    parts = [a.fix_note] if a.fix_note else []
    r = a.report
    if r.get("reported_to") or r.get("reported_on"):
        parts.append(t(lang, f"上报：{r.get('reported_to', '')} {r.get('reported_on', '')}",
                       f"reported to {r.get('reported_to', '')} {r.get('reported_on', '')}")
                     .strip())
    elif a.incident:
        parts.append(t(lang, "未登记上报", "no report recorded"))
    if r.get("remedy"):
        parts.append(t(lang, f"客户处置：{r['remedy']}", f"customer remedy: {r['remedy']}"))
    if r.get("accountability"):
        parts.append(t(lang, f"问责：{r['accountability']}",
                       f"accountability: {r['accountability']}"))
    return t(lang, "；", "; ").join(parts)


def completion(a: Action, lang: str) -> str:
    """已整改 / 逾期整改 (fixed after its due date) / 复查通过（未登记整改措施）/ 未整改."""
    if a.fixed_at and a.status != "reopened":
        day = day_of(a.fixed_at)
        late = bool(a.due) and day > a.due
        word = t(lang, "逾期整改" if late else "已整改", "fixed late" if late else "fixed")
        evidence = t(lang, f"，证据 {len(a.evidence)} 份", f", {len(a.evidence)} evidence") \
            if a.evidence else ""
        return t(lang, f"{word}（{day}{evidence}）", f"{word} ({day}{evidence})")
    if a.status == "verified":
        return t(lang, "复查通过（未登记整改措施）", "passed re-check (no fix recorded)")
    if a.fixed_at:
        return t(lang, f"未整改（{day_of(a.fixed_at)} 曾整改）",
                 f"not fixed (fixed once on {day_of(a.fixed_at)})")
    return t(lang, "未整改", "not fixed")


def row(n: int, a: Action, today: date, lang: str) -> list[str]:
    """The ledger row of action ``a``, number ``n``."""
    from branchcheck.core.checksource import label

    late = overdue_days(a, today)
    state = (STATUS_ZH if lang == "zh" else STATE_EN).get(a.status, a.status)
    if late:
        state += t(lang, f"（逾期 {late} 个工作日）", f" ({late} working days overdue)")
    owner = a.owner or ""
    role = a.role(lang)
    extra = ([t(lang, f"工号 {a.staff_no}", f"no. {a.staff_no}")] if a.staff_no else []) + (
        [role] if role else [])
    if extra:
        owner += t(lang, f"（{'，'.join(extra)}）", f" ({', '.join(extra)})")
    checked = a.closed_by.get("finished", "") if a.closed_by else a.verified_at
    verifier = a.verified_by + (t(lang, "（本人复查）", " (verified own fix)")
                                if a.verified_self else "")
    return [str(n), day_of(a.source.get("finished", "") or a.opened), label(a.raised_by, lang),
            a.checklist, localise(a.text, lang) or a.item, _problem(a, lang), owner.strip(),
            a.due, _action_taken(a, lang), completion(a, lang), verifier, day_of(checked),
            str(a.recurrences), state]
