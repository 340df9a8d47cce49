"""The ``complaint-handling`` checklist run against a closed case: an answers file
prefilled from the register's events where they say enough, the rest left to the
reviewer (recordings, a talk with the handler)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from branchcheck.complaints.model import FIVE_STEPS, Case
from branchcheck.complaints.state import on_time
from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t

CHECKLIST = "complaint-handling"


def _recorded(case: Case, step: str, lang: str) -> str:
    found = [s for s in case.steps if s.step == step]
    return t(lang, f"台账记录：{found[0].who}，{found[0].at}", f"register: {found[0].who}, "
             f"{found[0].at}")


def _follow_up(case: Case, lang: str) -> dict[str, str] | None:
    calls = [s for s in case.steps if s.step == "follow-up"]
    first = next((s.at for s in case.steps if s.step == "communicate"), "")
    promised = case.first_reply_due
    if first and not on_time(first, promised):
        return {"value": "fail", "note": t(
            lang, f"承诺 {promised} 前答复，实际 {first[:10]} 才联系客户",
            f"reply promised by {promised}, first contact only on {first[:10]}")}
    if calls:
        return {"value": "pass", "note": _recorded(case, "follow-up", lang)}
    return None


def _outcome(case: Case) -> str:
    calls = [s.outcome for s in case.steps if s.step == "follow-up" and s.outcome]
    if not calls:
        return ""
    if calls[-1] == "satisfied":
        return "partly" if case.escalations or case.reopened else "won-back"
    return "lost" if case.escalations else "partly"


def prefill(case: Case, lang: str) -> dict[str, Any]:
    """Answers for the ``complaint-handling`` checklist from ``case`` (closed)."""
    if case.is_open:
        raise UsageError(t(lang, f"{case.id} 尚未办结；投诉处理评估针对已办结的投诉",
                           f"{case.id} is not closed; the complaint-handling review is for "
                           "closed cases"))
    answers: dict[str, Any] = {}
    recorded = {s.step for s in case.steps}
    for step in FIVE_STEPS[:-1]:
        if step in recorded:
            answers[step] = {"value": "pass", "note": _recorded(case, step, lang)}
    follow = _follow_up(case, lang)
    if follow is not None:
        answers["follow-up"] = follow
    missing = [name for name, value in ((t(lang, "问题", "the problem"), case.summary),
                                        (t(lang, "客户诉求", "the request"), case.asks))
               if not value]
    answers["complaint-recorded"] = {"value": "fail", "note": t(
        lang, f"台账缺少：{'、'.join(missing)}", f"the register lacks {', '.join(missing)}")} \
        if missing else {"value": "pass", "note": t(
            lang, f"问题、诉求与答复时限（{case.reply_due}）均已登记",
            f"problem, request and reply due date ({case.reply_due}) registered")}
    outcome = _outcome(case)
    if outcome:
        answers["final-outcome"] = outcome
    if case.actions:
        answers["service-improved"] = {"value": "pass", "note": t(
            lang, f"关联整改项 {' '.join(case.actions)}",
            f"corrective actions {' '.join(case.actions)}")}
    return answers


def answers_file(case: Case, reviewer: str, lang: str, today: date) -> str:
    """An answers file (YAML) for ``branchcheck score complaint-handling -a FILE``: the
    prefilled answers, and a comment naming what is left to the reviewer."""
    answers = prefill(case, lang)
    left = [i for i in (*FIVE_STEPS, "no-hostile-words", "complaint-recorded",
                        "final-outcome", "service-improved") if i not in answers]
    head = t(lang, f"# 投诉 {case.id}（{case.branch}）的处理评估，{today.isoformat()} 由台账"
                   "预填。\n"
                   f"# 待检查人补答：{', '.join(left)}，以及七条建议（1-5 分）。\n",
             f"# Review of complaint {case.id} ({case.branch}), prefilled from the register on "
             f"{today.isoformat()}.\n# Left to the reviewer: {', '.join(left)}, and the seven "
             "suggestions (1-5).\n")
    doc = {"checklist": CHECKLIST, "branch": case.branch, "reviewer": reviewer,
           "answers": answers}
    return head + json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
