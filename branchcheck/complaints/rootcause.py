"""The root cause of a complaint (溯源整改): link a corrective action of the outlet's
action log to a case, or open one for a service failure. Actions are read and opened
only through the actions package's public functions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from branchcheck.actions.log import NewEvent
from branchcheck.complaints.model import LOG_NAME, Case
from branchcheck.complaints.register import Found, append, at_time, change
from branchcheck.complaints.state import State
from branchcheck.core.errors import NotFoundError, UsageError
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from branchcheck.actions.model import Action
    from branchcheck.complaints import rules as clock


class Opened(NamedTuple):
    """What ``complaints action`` did: the case, the new action's id and the earlier
    action it follows ("" when it is the first)."""

    case: Case
    action: str
    previous: str


def link(root: Path, found: Found, action_id: str, *, who: str, at: str | None, note: str,
         lang: str = "en") -> Case:
    """Link a corrective action (整改) of the same outlet as the root-cause fix."""
    from branchcheck.actions.ops import load as load_actions

    wanted = action_id.strip().upper()
    _, actions = load_actions(root, found.branch)
    if wanted not in actions.actions:
        raise NotFoundError(t(lang, f"网点 {found.branch} 没有整改项 {wanted}",
                              f"outlet {found.branch} has no corrective action {wanted}"))

    def check(case: Case) -> NewEvent:
        return NewEvent("linked", case.id, who, {"action": wanted, "at": at_time(case, at, lang),
                                                 "note": note})

    return change(root, found, check)


def opened_for(actions: Iterable[Action], branch: str, case: Case) -> list[Action]:
    """The actions ``complaints action`` opened for ``case``, oldest first: they name it
    as checklist ``complaints``, item = its id, and as their source its register with
    the hash of its ``received`` event (found even when the case's ``linked`` event was
    never written)."""
    path, first = f"{branch}/{LOG_NAME}", case.events[0].hash
    return sorted((a for a in actions if a.checklist == "complaints" and a.item == case.id
                   and a.source.get("path") == path and a.source.get("sha256") == first),
                  key=lambda a: a.opened)


def _named(actions: list[Action], lang: str) -> str:
    """``A-…（待整改，2025-10-14 到期，2025-09-30 溯源）`` / ``A-… (open, due 2025-10-14,
    cause found 2025-09-30)``, for each."""
    from branchcheck.actions.model import STATUS_ZH

    def found(a: Action) -> str:
        return (a.source.get("finished") or a.opened)[:10]

    return t(lang, "、".join(f"{a.id}（{STATUS_ZH.get(a.status, a.status)}，{a.due} 到期，"
                            f"{found(a)} 溯源）" for a in actions),
             ", ".join(f"{a.id} ({a.status}, due {a.due}, cause found {found(a)})"
                       for a in actions))


def _still_open(case: Case, branch: str, active: list[Action], lang: str) -> UsageError:
    """The refusal of a second root-cause action while one is not verified."""
    from branchcheck.actions.model import LOG_NAME as ACTIONS_LOG

    where, one = f"{branch}/{ACTIONS_LOG}", active[-1].id
    return UsageError(t(
        lang,
        f"{where}：投诉 {case.id} 已有由 complaints action 开立、尚未复查销号的溯源整改项 "
        f"{_named(active, lang)}；未作任何记录。请先完成它：actions fix {one} 登记整改措施，"
        f"再由他人 actions verify {one} 复查销号；销号后根源再次出现，可再开新的整改项"
        "（记为复发）。若是另一项根源，请加 --again。",
        f"{where}: complaint {case.id} already has a root-cause action opened by "
        f"'complaints action' and not yet verified: {_named(active, lang)}; nothing was "
        f"recorded. Finish it first: 'actions fix {one}' records the fix, someone else "
        f"verifies it ('actions verify {one}'); if the cause comes back after that, a new "
        "action can be opened (a recurrence). A different root cause: add --again."))


def _title(case: Case, earlier: list[Action], cause: str) -> dict[str, str]:
    """The new action's text: a recurrence names the verified action before it, a
    second cause (``--again``) the actions still open."""
    head_zh, head_en = f"投诉 {case.id} 溯源整改", f"Root cause of complaint {case.id}"
    active = [a for a in earlier if a.status != "verified"]
    if active:
        ids = ", ".join(a.id for a in active)
        head_zh += f"（另一项根源；{ids} 尚未销号）"
        head_en += f" (another cause; {ids} not yet verified)"
    elif earlier:
        last = earlier[-1]
        head_zh += f"（复发：前次整改项 {last.id} 已于 {last.verified_at[:10]} 复查销号）"
        head_en += f" (recurred: the earlier action {last.id} was verified on " \
                   f"{last.verified_at[:10]})"
    return {"zh": f"{head_zh}：{cause}", "en": f"{head_en}: {cause}"}


def open_action(root: Path, found: Found, *, cause: str, who: str, at: str | None,
                rules: clock.Rules, again: bool = False, lang: str = "en") -> Opened:
    """The root cause is a service failure: open a corrective action (整改) in the
    outlet's action log (through the actions package) naming this case, and link it
    to the case (a ``linked`` event marked ``opened``). Refused while an action opened
    so for the case is not verified (已复查销号), unless ``again`` (another cause);
    after it was verified the new one is a recurrence naming it."""
    from branchcheck.actions.model import ResultRef
    from branchcheck.actions.ops import load as load_actions
    from branchcheck.actions.ops import open_action as open_in_log

    if not cause:
        raise UsageError(t(lang, "请用 --cause 写明根源（哪一项服务出了问题）",
                           "give the root cause with --cause (which service failed)"))
    opened: list[tuple[str, str]] = []

    def make(state: State) -> list[NewEvent]:
        case = state.cases[found.case.id]
        if not case.accepted_at:
            raise UsageError(t(lang, f"{case.id} 尚未受理；请先记录 accept",
                               f"{case.id} is not accepted yet; record 'accept' first"))
        when = at_time(case, at, lang)
        earlier = opened_for(load_actions(root, found.branch)[1].actions.values(),
                             found.branch, case)
        active = [a for a in earlier if a.status != "verified"]
        if active and not again:
            raise _still_open(case, found.branch, active, lang)
        previous = earlier[-1].id if earlier else ""
        first = case.events[0]  # received: its hash names the case in the register
        action = open_in_log(
            root, found.branch, checklist="complaints", item=case.id,
            text=_title(case, earlier, cause), note=cause,
            source=ResultRef(f"{found.branch}/{LOG_NAME}", first.hash, when),
            who=who, within_days=rules.action_workdays, owner_role=rules.action_owner_role,
            previous=previous)
        opened.append((action.id, previous))
        return [NewEvent("linked", case.id, who, {"action": action.id, "at": when,
                                                  "note": cause, "opened": True})]

    case = append(root, found.branch, make, events=True).cases[found.case.id]
    return Opened(case, *opened[-1])
