"""The root cause of a complaint (溯源整改): link a corrective action of the outlet's
action log to a case, or open one for a service failure. Actions are read and opened
only through the actions package's public functions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.actions.log import NewEvent
from branchcheck.complaints.model import LOG_NAME, Case
from branchcheck.complaints.register import Found, append, at_time, change
from branchcheck.complaints.state import State
from branchcheck.core.errors import NotFoundError, UsageError
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from branchcheck.complaints import rules as clock


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


def open_action(root: Path, found: Found, *, cause: str, who: str, at: str | None,
                rules: clock.Rules, lang: str = "en") -> tuple[Case, str]:
    """The root cause is a service failure: open a corrective action (整改) in the
    outlet's action log (through the actions package) naming this case, and link it
    to the case (a ``linked`` event marked ``opened``). Returns the case and the id."""
    from branchcheck.actions.model import ResultRef
    from branchcheck.actions.ops import open_action as open_in_log

    if not cause:
        raise UsageError(t(lang, "请用 --cause 写明根源（哪一项服务出了问题）",
                           "give the root cause with --cause (which service failed)"))
    opened: list[str] = []

    def make(state: State) -> list[NewEvent]:
        case = state.cases[found.case.id]
        if not case.accepted_at:
            raise UsageError(t(lang, f"{case.id} 尚未受理；请先记录 accept",
                               f"{case.id} is not accepted yet; record 'accept' first"))
        when = at_time(case, at, lang)
        first = case.events[0]  # received: its hash names the case in the register
        action = open_in_log(
            root, found.branch, checklist="complaints", item=case.id,
            text={"zh": f"投诉 {case.id} 溯源整改：{cause}",
                  "en": f"Root cause of complaint {case.id}: {cause}"},
            note=cause, source=ResultRef(f"{found.branch}/{LOG_NAME}", first.hash, when),
            who=who, within_days=rules.action_workdays, owner_role=rules.action_owner_role)
        opened.append(action.id)
        return [NewEvent("linked", case.id, who, {"action": action.id, "at": when,
                                                  "note": cause, "opened": True})]

    case = append(root, found.branch, make).cases[found.case.id]
    return case, opened[-1]
