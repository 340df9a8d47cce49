"""What a stored answer means for 整改: is it a problem, does it clear one, and the
rule (working days, owner role, category, evidence) of its item.

A problem is a *failed* scored item (weight above 0, not text, applicable), or a
scale answer at or below the point the checklist declares (``rectify: {below: N}``).
A partial answer above that point (a 4 = 良好 smile) is no problem, and a checklist or
item with ``rectify: false`` (a survey, a training checklist) never has one. The
working days are the item's ``within_days``, else its category's default, else the
checklist's ``within_days``, else the checklist's category's default, else 1 for a red
line and 5 for anything else: these defaults are the department's choice, set in its
checklists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from branchcheck.core.model import AnswerValue, Checklist, Item, ItemResult, Rectify, Result

CATEGORY_DAYS = {"on-the-spot": 0, "branch": 5, "external": 20}
"""Default working days by category (a local choice: set ``within_days`` to change it)."""
DEFAULT_DAYS = 5
"""Working days to fix a failed item when neither item nor checklist says (a default)."""
RED_LINE_DAYS = 1
"""... and a failed red-line (critical) item (a default)."""


@dataclass(frozen=True)
class Rule:
    """The 整改 rule of one item, from the item and its checklist."""

    enabled: bool = True
    within_days: int | None = None
    owner_role: str = ""
    """Every language of the role, joined (`` / ``), as logs have always stored it."""
    category: str = ""
    below: int | None = None
    evidence: bool = False
    owner_roles: Mapping[str, str] = field(default_factory=dict)
    """The role by language."""

    def days(self, red_line: bool) -> int:
        """Working days allowed to fix a problem of this item."""
        if self.within_days is not None:
            return self.within_days
        if self.category in CATEGORY_DAYS:
            return CATEGORY_DAYS[self.category]
        return RED_LINE_DAYS if red_line else DEFAULT_DAYS


def _pick(own: Rectify | None, default: Rectify | None, key: str) -> Any:
    for source in (own, default):
        value = getattr(source, key, None) if source is not None else None
        if value is not None:
            return value
    return None


def rule_for(ck: Checklist | None, item_id: str) -> Rule:
    """The rule of ``item_id`` in ``ck`` (no checklist: the defaults)."""
    item = ck.item_index().get(item_id) if ck else None
    own = item.rectify if item else None
    default = ck.rectify if ck else None
    if (own is not None and own.off) or (default is not None and default.off):
        return Rule(enabled=False)
    role = _pick(own, default, "owner_role")
    below = _pick(own, default, "below")
    category = _pick(own, default, "category")
    days = None  # the item's days or category, then the checklist's days or category
    for source in (own, default):
        if source is not None and days is None:
            days = source.within_days if source.within_days is not None else \
                CATEGORY_DAYS.get(source.category or "")
    evidence = bool(item and (item.evidence_required_on_fail or item.critical is not None))
    roles = {k: v for k, v in role.items() if isinstance(v, str) and v} \
        if isinstance(role, Mapping) else {}
    return Rule(True, days if isinstance(days, int) else None,
                " / ".join(dict.fromkeys(roles.values())),
                category if isinstance(category, str) else "",
                below if isinstance(below, int) else None, evidence, roles)


def _scored(it: ItemResult) -> bool:
    return it.applicable and it.weight > 0 and it.type != "text"


def is_problem(rule: Rule, it: ItemResult) -> bool:
    """Whether the answer ``it`` is a problem that needs 整改 under ``rule``."""
    if not rule.enabled or not _scored(it):
        return False
    if it.type == "scale" and rule.below is not None and isinstance(it.value, int | float) \
            and it.status in ("fail", "partial"):
        return it.value <= rule.below
    return it.status == "fail"


def clears(rule: Rule, it: ItemResult) -> bool:
    """Whether the answer ``it`` shows the item's problem is gone."""
    return rule.enabled and _scored(it) and it.status in ("pass", "partial") and not \
        is_problem(rule, it)


def red_line(it: ItemResult) -> bool:
    """A failed red-line (critical) item: an incident, not housekeeping."""
    return it.critical is not None and it.status == "fail"


SOURCE_LEVEL = {"self": 0, "sub-branch": 1, "branch": 2, "head-office": 3,
                "mystery-shopper": 3, "third-party": 3}
"""How independent a check is: an action raised by a check of one level is closed only
by a check of the same or a higher level (a self-check never closes what a 分行
inspection found)."""


def source_of(result: Result) -> str:
    """The source of a result's check (``self`` for an unknown word)."""
    return result.source if result.source in SOURCE_LEVEL else "self"


def may_close(raised_by: str, checked_by: str) -> bool:
    """Whether a check from ``checked_by`` may close an action raised by ``raised_by``."""
    return SOURCE_LEVEL.get(checked_by, 0) >= SOURCE_LEVEL.get(raised_by, 0)


def opens(ck: Checklist, item: Item, value: AnswerValue) -> bool:
    """Whether answering ``item`` with ``value`` is a problem that opens (or keeps open)
    a corrective action: ``run`` then asks for a note, so the problem is concrete."""
    from branchcheck.core.model import ItemResult
    from branchcheck.core.scoring import fraction, status_of

    frac = fraction(item, value)
    it = ItemResult(id=item.id, section="", type=item.type, text=item.text,
                    status=status_of(item, value, frac), value=value, fraction=frac,
                    weight=item.weight, critical=item.critical)
    return is_problem(rule_for(ck, item.id), it)
