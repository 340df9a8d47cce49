"""Frozen data model: checklists, answers, scored results and diffs. No I/O here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from branchcheck.core.i18n import localise as localise
from branchcheck.core.ids import CHECKLIST_ID as _CHECKLIST_ID

Text = Mapping[str, str]
"""A text by language code; a plain string in the file is stored under the key ``""``."""

ItemType = Literal["check", "scale", "choice", "metric", "text"]
Status = Literal["pass", "partial", "fail", "na", "skipped", "info"]
AnswerValue = str | int | float
"""``"pass"``/``"fail"`` (check), int (scale), option key (choice), number (metric),
free text (text), or ``"na"``."""

NA = "na"
CHECKLIST_ID = _CHECKLIST_ID  # re-exported; defined in branchcheck.core.ids

STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "na", "skipped", "info")
ITEM_TYPES: tuple[ItemType, ...] = ("check", "scale", "choice", "metric", "text")


@dataclass(frozen=True)
class Condition:
    """A threshold such as ``>= 85``."""

    op: str
    value: float

    def holds(self, x: float) -> bool:
        """Whether ``x`` meets the threshold."""
        if self.op == ">=":
            return x >= self.value
        if self.op == ">":
            return x > self.value
        if self.op == "<=":
            return x <= self.value
        if self.op == "<":
            return x < self.value
        return x == self.value

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


@dataclass(frozen=True)
class Band:
    """Partial credit for a metric that misses ``pass_if`` but meets this condition."""

    condition: Condition
    fraction: float


@dataclass(frozen=True)
class Scale:
    """A reusable numeric response scale."""

    id: str
    min: int
    max: int
    labels: Mapping[int, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Option:
    """One answer of a ``choice`` item."""

    key: str
    label: Text
    points: float


@dataclass(frozen=True)
class When:
    """Condition making an item applicable: an earlier item answered ``equals``."""

    item: str
    equals: AnswerValue


@dataclass(frozen=True)
class Ipa:
    """Figures for importance-performance analysis."""

    importance: float | None = None
    performance: float | None = None
    rank: int | None = None
    """Importance given only as a rank (1 = most important): analysed as a rank."""


RECTIFY_CATEGORIES = ("on-the-spot", "branch", "external")
"""How a fix is made: on the spot (立行立改), by the outlet itself, or with another
department or a vendor (装修, 布线, 设备厂商)."""


@dataclass(frozen=True)
class Rectify:
    """How a failed item is to be put right (整改): working days allowed, who owns it,
    the kind of fix, and the scale point at or below which an answer is a problem.
    ``off``: ``rectify: false`` (never opens a corrective action)."""

    within_days: int | None = None
    owner_role: Text | None = None
    category: str | None = None
    below: int | None = None
    off: bool = False


@dataclass(frozen=True)
class Item:
    """One question or standard of a checklist."""

    id: str
    text: Text
    type: ItemType
    guidance: Text | None = None
    rationale: Text | None = None
    """Why the item reads as it does where the material leaves a choice open."""
    weight: float = 1.0
    allow_na: bool = True
    note_required_on_fail: bool = False
    critical: Literal["section", "checklist"] | None = None
    when: When | None = None
    source: str | None = None
    scale: Scale | None = None
    options: tuple[Option, ...] = ()
    unit: str | None = None
    pass_if: Condition | None = None
    bands: tuple[Band, ...] = ()
    min: float | None = None
    max: float | None = None
    ipa: Ipa | None = None
    rectify: Rectify | None = None
    evidence_required_on_fail: bool = False

    @property
    def scored(self) -> bool:
        """Whether the item counts towards scores (not text, weight above 0)."""
        return self.type != "text" and self.weight > 0


@dataclass(frozen=True)
class Section:
    """A titled group of items with a weight in the overall score."""

    id: str
    title: Text
    items: tuple[Item, ...]
    weight: float = 1.0
    description: Text | None = None
    ipa: Ipa | None = None


@dataclass(frozen=True)
class Grade:
    """A band on the overall final score."""

    min: float
    label: Text


@dataclass(frozen=True)
class Checklist:
    """A validated checklist."""

    id: str
    version: int
    title: Text
    sections: tuple[Section, ...]
    languages: tuple[str, ...] = ("zh", "en")
    scales: Mapping[str, Scale] = field(default_factory=dict)
    grades: tuple[Grade, ...] = ()
    description: Text | None = None
    estimated_minutes: float | None = None
    tags: tuple[str, ...] = ()
    rationale: Text | None = None
    sha256: str = ""
    path: str = ""
    rectify: Rectify | None = None
    """The default for items without their own ``rectify``."""

    def items(self) -> Iterator[tuple[Section, Item]]:
        """Every item in order, with its section."""
        for section in self.sections:
            for item in section.items:
                yield section, item

    def item_index(self) -> dict[str, Item]:
        """Items by id."""
        return {item.id: item for _, item in self.items()}

    @property
    def item_count(self) -> int:
        """Number of items."""
        return sum(len(s.items) for s in self.sections)


@dataclass(frozen=True)
class Answer:
    """A reviewer's answer to one item: a normalised value and an optional note."""

    item_id: str
    value: AnswerValue
    note: str | None = None


@dataclass(frozen=True)
class ItemResult:
    """How one item was answered and scored."""

    id: str
    section: str
    type: ItemType
    text: Text
    status: Status
    value: AnswerValue | None = None
    fraction: float | None = None
    note: str | None = None
    weight: float = 1.0
    critical: str | None = None
    applicable: bool = True
    guidance: Text | None = None
    unit: str | None = None

    @property
    def scored(self) -> bool:
        """Whether the answer counts towards the score (not text, weight above 0). An
        unscored answer, such as the fact "has self-service machines" (是/否, weight 0),
        is never a failure, a persistent failure, a regression or an improvement."""
        return self.type != "text" and self.weight > 0


@dataclass(frozen=True)
class SectionScore:
    """Raw and final (after knockouts) score of a section, 0-100, or None if unscored."""

    id: str
    title: Text
    weight: float
    raw: float | None
    final: float | None
    knocked_out: bool = False


@dataclass(frozen=True)
class Score:
    """The scored outcome of a set of answers."""

    items: tuple[ItemResult, ...]
    sections: tuple[SectionScore, ...]
    overall_raw: float | None
    overall_final: float | None
    grade: Grade | None
    coverage: float
    complete: bool
    knocked_out: bool


@dataclass(frozen=True)
class Integrity:
    """How far a stored result could be trusted when it was read.

    ``state``: ``verified`` (re-scored against its checklist, found by sha256),
    ``unverified`` (its checklist was not found: only self-consistency was
    checked; ``reason`` says why) or ``legacy`` (stored by an older version
    in the format without a chain; ``reason`` says whether it was re-scored
    against its checklist) or ``tampered`` (only in listings: a file that
    contradicts its checklist, its own scores or its signature; ``reason``
    says how). ``signer`` names a trusted key that signed it; ``signature`` is
    ``none``, ``trusted`` or ``untrusted``.
    """

    state: Literal["verified", "unverified", "legacy", "tampered"]
    reason: str = ""
    signature: Literal["none", "trusted", "untrusted"] = "none"
    signer: str = ""
    key: str = ""
    """Fingerprint of the key that signed it ("" when unsigned)."""
    previous: str | None = None
    """The sha256 of the previous result of the same branch and checklist."""

    @property
    def ok(self) -> bool:
        """Verified against its checklist, and not signed by an untrusted key."""
        return self.state == "verified" and self.signature != "untrusted"


@dataclass(frozen=True)
class Result:
    """A stored check: who, when, which checklist, by which source, and its score."""

    tool_version: str
    checklist_id: str
    checklist_version: int
    checklist_sha256: str
    checklist_title: Text
    branch: str
    reviewer: str
    started: str
    finished: str
    lang: str
    score: Score
    path: str = ""
    checklist_grades: tuple[Grade, ...] = ()
    """The checklist's grade bands (highest first), so the grade can be re-checked."""
    integrity: Integrity | None = None
    """Set when read back from a file (None for a result just scored)."""
    source: str = "self"
    """Who did the check (branchcheck.core.checksource.SOURCES); ``self`` for results
    stored before sources were recorded."""
    inspector_unit: str | None = None
    """The inspecting unit of an independent check (a directory id), if given."""
    stored: str = ""
    """When branchcheck stored it in the chain (ISO time; "" if not recorded)."""
    visit: Mapping[str, Any] | None = None
    """A mystery shopper's visit record (date, slot, waiting minutes, teller, scenario,
    shopper id; docs/shop.md), if any."""
    appeal: Mapping[str, Any] | None = None
    """The upheld appeal this result comes from, naming the result it replaces."""

    @property
    def overall_final(self) -> float | None:
        """Overall final score (0-100) or None."""
        return self.score.overall_final


Change = Literal[
    "regressed", "improved", "unchanged", "newly_na", "no_longer_na", "added", "removed"
]
Flag = Literal[
    "knockout_triggered",
    "knockout_cleared",
    "threshold_crossed",
    "persistent_failure",
    "text_changed",
]


@dataclass(frozen=True)
class ItemDiff:
    """How one item changed between two results."""

    id: str
    change: Change
    old: ItemResult | None
    new: ItemResult | None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Delta:
    """Old and new value of a score and their difference (None where either is missing)."""

    id: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        """new - old, or None."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass(frozen=True)
class Diff:
    """Comparison of two results of the same checklist."""

    old: Result
    new: Result
    items: tuple[ItemDiff, ...]
    sections: tuple[Delta, ...]
    overall: Delta
    overall_raw: Delta
    coverage: Delta
    grade_changed: bool
    version_changed: bool
    sections_raw: tuple[Delta, ...] = ()
    """Raw (before knockouts) section scores, in the order of ``sections``."""

    @property
    def cross_branch(self) -> bool:
        """Whether the two results are of different branches."""
        return self.old.branch != self.new.branch
