"""What storing a result does to the actions of its branch (one call, after the store).

Per item of the result whose answer is a problem (:mod:`branchcheck.actions.rules`:
a failed scored item, or a scale answer at or below the checklist's ``below``):

- a failed red line: always a new ``incident``, linked to the item's earlier action
  and counting the incidents before it (屡查屡犯);
- no action yet: ``opened``;
- its action open or reopened: ``recurred`` (counted; the first finding is kept);
- its action fixed or verified: ``reopened`` (history kept).

Per item whose answer shows the problem gone: its open, reopened or fixed action is
``verified`` by this check, unless it is an incident (closed only by hand, by someone
other than the fixer) or was raised by a more independent check than this one.

Texts taken from the result (item text and note, the answer, the reviewer, the owner's
role) that are longer than the log allows are shortened with a marker
(:func:`branchcheck.actions.limits.shorten`), never dropped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.actions.calendar import add_business_days, local_date, today
from branchcheck.actions.limits import MAX_LANG, MAX_NAME, MAX_TEXT, MAX_VALUE, MAX_WHO, shorten
from branchcheck.actions.log import NewEvent, new_action_id
from branchcheck.actions.model import Action, Evidence, ResultRef
from branchcheck.actions.rules import (
    Rule,
    clears,
    is_problem,
    may_close,
    red_line,
    rule_for,
    source_of,
)
from branchcheck.actions.state import State, later
from branchcheck.actions.writer import append

if TYPE_CHECKING:
    from branchcheck.core.model import Checklist, ItemResult, Result

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


def _opening(it: ItemResult, result: Result, rule: Rule, ref: ResultRef,
             extra: Mapping[str, object]) -> dict[str, object]:
    high = red_line(it)
    within = rule.days(high)
    start = local_date(ref.finished) or today()
    due = add_business_days(start, within).isoformat()
    data: dict[str, object] = {
        "branch": result.branch, "checklist": result.checklist_id, "item": it.id,
        "section": it.section,
        "text": {lang: shorten(text, MAX_TEXT) for lang, text in it.text.items()
                 if len(lang) <= MAX_LANG},
        "note": _note(it), "item_status": it.status, "value": _value(it),
        "priority": "high" if high else "normal", "owner": "",
        "owner_role": shorten(rule.owner_role, MAX_NAME),
        "owner_roles": {lang: shorten(text, MAX_NAME) for lang, text in rule.owner_roles.items()
                        if len(lang) <= MAX_LANG},
        "due": due, "within_days": within, "evidence_required": rule.evidence or high,
        "result": ref.as_dict(), "kind": "incident" if high else "action",
        "source": source_of(result)}
    if rule.category:
        data["category"] = rule.category
    data.update(extra)
    return data


def _note(it: ItemResult) -> str:
    return shorten(it.note or "", MAX_TEXT)


def _value(it: ItemResult) -> str:
    return "" if it.value is None else shorten(str(it.value), MAX_VALUE)


def plan(state: State, result: Result, ref: ResultRef, ck: Checklist | None,
         who: str, found: Mapping[str, Sequence[Evidence]] | None = None,
         ) -> tuple[list[NewEvent], Outcome]:
    """The events storing ``result`` adds to a log in ``state``, and what they do (only
    the fields the writer's index keeps are used). ``found``: evidence files attached
    at check time, by item id (already in the store)."""
    taken = set(state.actions)
    out = Outcome()
    events: list[NewEvent] = []
    source = source_of(result)
    for it in result.score.items:
        rule = rule_for(ck, it.id)
        problem = is_problem(rule, it)
        if not problem and not clears(rule, it):
            continue  # a partial answer above the threshold, a fact, a survey: no problem
        current: Action | None = state.open_for(result.checklist_id, it.id)
        if current is not None and (current.source.get("sha256") == ref.sha256 or (
                current.last_check and later(current.last_check, ref.finished))):
            continue  # already recorded, or a check older than the latest one linked
        if not problem:
            if (current is not None and current.status != "verified" and not current.incident
                    and may_close(current.raised_by, source)):
                events.append(NewEvent("verified", current.id, who,
                                       {"result": ref.as_dict(), "note": ""}))
                out.verified.append(current.id)
            continue
        if red_line(it) or current is None:
            action_id = new_action_id()
            while action_id in taken:
                action_id = new_action_id()
            taken.add(action_id)
            extra: dict[str, object] = {}
            if red_line(it) and current is not None:
                extra = {"previous": current.id, "repeat": sum(
                    1 for a in state.of_item(result.checklist_id, it.id) if a.incident)}
            if found and found.get(it.id):
                extra["evidence"] = [e.as_dict() for e in found[it.id]]
            events.append(NewEvent("opened", action_id, who,
                                   _opening(it, result, rule, ref, extra)))
            out.opened.append(action_id)
        elif current.is_open:
            events.append(NewEvent("recurred", current.id, who,
                                   {"result": ref.as_dict(), "note": _note(it),
                                    "item_status": it.status, "value": _value(it)}))
            out.recurred.append(current.id)
        else:
            start = local_date(ref.finished) or today()
            due = add_business_days(start, current.within_days).isoformat()
            events.append(NewEvent("reopened", current.id, who,
                                   {"result": ref.as_dict(), "note": _note(it),
                                    "due": due}))
            out.reopened.append(current.id)
    return events, out


def record_result(root: Path, stored: Path, result: Result, ck: Checklist | None = None,
                  *, who: str | None = None,
                  evidence: Mapping[str, Sequence[str | Evidence]] | None = None) -> Outcome:
    """Update the branch's actions for a result just stored at ``stored`` (the one call
    ``run`` and ``score`` make after storing). ``evidence``: files attached at check time,
    by item id (paths are copied into the branch's evidence store; records are already
    there)."""
    from branchcheck.actions import evidence as store

    ref = result_ref(root, stored, result)
    by = shorten(who or result.reviewer or os.environ.get("BRANCHCHECK_REVIEWER")
                 or os.environ.get("USER") or "", MAX_WHO)
    found = {item: [f if isinstance(f, Evidence) else store.store(root, result.branch, f)
                    for f in files]
             for item, files in (evidence or {}).items()}
    box: list[Outcome] = []

    def make(state: State) -> Sequence[NewEvent]:
        events, out = plan(state, result, ref, ck, by, found)
        box.append(out)
        return events

    append(root, result.branch, make, quick=True)
    return box[-1] if box else Outcome()


def after_store(root: Path, stored: Path, result: Result, ck: Checklist | None = None,
                evidence: Mapping[str, Sequence[str | Evidence]] | None = None,
                ) -> tuple[Outcome | None, str]:
    """:func:`record_result` for commands: the outcome, or the reason the actions could not
    be updated (the result itself is stored either way)."""
    from branchcheck.core.errors import BranchcheckError

    try:
        return record_result(root, stored, result, ck, evidence=evidence), ""
    except BranchcheckError as exc:
        return None, exc.message
    except OSError as exc:
        return None, f"{exc.strerror or exc}"
