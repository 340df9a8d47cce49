"""What storing a result does to the actions of its branch (one call, after the store).

Per applicable item of the result:

- failed or partial, no action yet (or the last one verified long ago and closed):
  ``opened`` (priority high for a red-line item);
- failed or partial, its action open or reopened: ``recurred`` (counted);
- failed or partial, its action fixed or verified: ``reopened`` (history kept);
- passed, its action open, reopened or fixed: ``verified`` by this check.

Texts taken from the result (item text and note, the answer, the reviewer, the owner's
role) that are longer than the log allows are shortened with a marker
(:func:`branchcheck.actions.limits.shorten`), never dropped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.actions.calendar import add_business_days, local_date, today
from branchcheck.actions.limits import MAX_LANG, MAX_NAME, MAX_TEXT, MAX_VALUE, MAX_WHO, shorten
from branchcheck.actions.log import NewEvent, new_action_id
from branchcheck.actions.model import Action, ResultRef
from branchcheck.actions.state import State, later
from branchcheck.actions.writer import append

if TYPE_CHECKING:
    from branchcheck.core.model import Checklist, ItemResult, Result

DEFAULT_DAYS = 5
"""Business days to fix a failed item when the checklist says nothing."""
HIGH_DAYS = 1
"""... and a failed red-line (critical) item."""
FAILED = ("fail", "partial")


@dataclass
class Outcome:
    """Action ids touched by storing one result, by what happened to them."""

    opened: list[str] = field(default_factory=list)
    recurred: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    verified: list[str] = field(default_factory=list)

    @property
    def new(self) -> list[str]:
        """Opened or reopened: the ones that need an owner and a due date."""
        return self.opened + self.reopened


def result_ref(root: Path, stored: Path, result: Result) -> ResultRef:
    """A reference to the stored result file (path relative to ``root`` when inside)."""
    from branchcheck.core import fsafe
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES

    data = fsafe.read_regular(stored, root=None, max_bytes=DEFAULT_MAX_BYTES)
    try:
        rel = os.path.relpath(stored, root)
    except ValueError:
        rel = str(stored)
    if rel.startswith(".."):
        rel = str(stored)
    return ResultRef(rel.replace(os.sep, "/"), hashlib.sha256(data).hexdigest(), result.finished)


def _rule(ck: Checklist | None, item_id: str) -> tuple[int | None, str, bool]:
    """(within_days, owner_role, evidence required) of an item, from the checklist."""
    item = ck.item_index().get(item_id) if ck else None
    own = item.rectify if item else None
    default = ck.rectify if ck else None
    days = own.within_days if own and own.within_days is not None else (
        default.within_days if default else None)
    role_text = own.owner_role if own and own.owner_role else (
        default.owner_role if default else None)
    role = " / ".join(dict.fromkeys(role_text.values())) if role_text else ""
    return days, shorten(role, MAX_NAME), bool(item and item.evidence_required_on_fail)


def _opening(it: ItemResult, result: Result, ck: Checklist | None,
             ref: ResultRef) -> dict[str, object]:
    days, role, evidence = _rule(ck, it.id)
    high = it.critical is not None and it.status == "fail"
    within = days if days is not None else (HIGH_DAYS if high else DEFAULT_DAYS)
    start = local_date(ref.finished) or today()
    due = add_business_days(start, within).isoformat()
    return {"branch": result.branch, "checklist": result.checklist_id, "item": it.id,
            "section": it.section,
            "text": {lang: shorten(text, MAX_TEXT) for lang, text in it.text.items()
                     if len(lang) <= MAX_LANG},
            "note": _note(it), "item_status": it.status, "value": _value(it),
            "priority": "high" if high else "normal", "owner": "", "owner_role": role,
            "due": due, "within_days": within, "evidence_required": evidence,
            "result": ref.as_dict()}


def _note(it: ItemResult) -> str:
    return shorten(it.note or "", MAX_TEXT)


def _value(it: ItemResult) -> str:
    return "" if it.value is None else shorten(str(it.value), MAX_VALUE)


def plan(state: State, result: Result, ref: ResultRef, ck: Checklist | None,
         who: str) -> tuple[list[NewEvent], Outcome]:
    """The events storing ``result`` adds to a log in ``state``, and what they do (only
    the fields the writer's index keeps are used)."""
    taken = set(state.actions)
    out = Outcome()
    events: list[NewEvent] = []
    for it in result.score.items:
        if (not it.applicable or it.status not in (*FAILED, "pass") or it.weight <= 0
                or it.type == "text"):
            continue  # only scored items: a weight-0 gate ("has a VIP room?") is no problem
        current: Action | None = state.open_for(result.checklist_id, it.id)
        if current is not None and (current.source.get("sha256") == ref.sha256 or (
                current.last_check and later(current.last_check, ref.finished))):
            continue  # already recorded, or a check older than the latest one linked
        if it.status == "pass":
            if current is not None and current.status != "verified":
                events.append(NewEvent("verified", current.id, who,
                                       {"result": ref.as_dict(), "note": ""}))
                out.verified.append(current.id)
            continue
        if current is not None and current.is_open:
            events.append(NewEvent("recurred", current.id, who,
                                   {"result": ref.as_dict(), "note": _note(it),
                                    "item_status": it.status, "value": _value(it)}))
            out.recurred.append(current.id)
        elif current is not None:
            start = local_date(ref.finished) or today()
            due = add_business_days(start, current.within_days).isoformat()
            events.append(NewEvent("reopened", current.id, who,
                                   {"result": ref.as_dict(), "note": _note(it),
                                    "due": due}))
            out.reopened.append(current.id)
        else:
            action_id = new_action_id()
            while action_id in taken:
                action_id = new_action_id()
            taken.add(action_id)
            events.append(NewEvent("opened", action_id, who, _opening(it, result, ck, ref)))
            out.opened.append(action_id)
    return events, out


def record_result(root: Path, stored: Path, result: Result, ck: Checklist | None = None,
                  *, who: str | None = None) -> Outcome:
    """Update the branch's actions for a result just stored at ``stored`` (the one call
    ``run`` and ``score`` make after storing)."""
    ref = result_ref(root, stored, result)
    by = shorten(who or result.reviewer or os.environ.get("USER") or "unknown", MAX_WHO)
    box: list[Outcome] = []

    def make(state: State) -> Sequence[NewEvent]:
        events, out = plan(state, result, ref, ck, by)
        box.append(out)
        return events

    append(root, result.branch, make, quick=True)
    return box[-1] if box else Outcome()


def after_store(root: Path, stored: Path, result: Result,
                ck: Checklist | None = None) -> tuple[Outcome | None, str]:
    """:func:`record_result` for commands: the outcome, or the reason the actions could not
    be updated (the result itself is stored either way)."""
    from branchcheck.core.errors import BranchcheckError

    try:
        return record_result(root, stored, result, ck), ""
    except BranchcheckError as exc:
        return None, exc.message
    except OSError as exc:
        return None, f"{exc.strerror or exc}"
