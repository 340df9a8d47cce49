"""Events and actions as plain data. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

LOG_NAME = "actions.jsonl"
HEAD_NAME = "actions.head"
LOCK_NAME = ".actions.lock"
EVIDENCE_DIR = "evidence"
EVENT_FORMAT = 1
GENESIS = "0" * 64
"""``prev`` of the first event of a log."""

EventType = Literal["opened", "recurred", "assigned", "commented", "fixed", "verified",
                    "reopened", "approved", "repaired", "reported"]
EVENT_TYPES: tuple[str, ...] = ("opened", "recurred", "assigned", "commented", "fixed",
                                "verified", "reopened", "approved", "repaired", "reported")
KINDS: tuple[str, ...] = ("action", "incident")
"""An ``incident`` is a failed red line: its own record, linked to earlier ones."""
INCIDENT_FIELDS: tuple[str, ...] = ("reported_to", "reported_on", "remedy", "accountability")
"""上报对象, 上报日期, 客户处置, 问责 of an incident (the ``reported`` event)."""
Status = Literal["open", "fixed", "verified", "reopened"]
STATUSES: tuple[str, ...] = ("open", "fixed", "verified", "reopened")
OPEN_STATUSES: tuple[str, ...] = ("open", "reopened")
STATUS_ZH = {"open": "待整改", "fixed": "已整改待复查", "verified": "已复查销号",
             "reopened": "重新打开"}
"""The statuses as a 整改台账 names them (已复查销号: closed)."""
PRIORITIES: tuple[str, ...] = ("high", "normal")


@dataclass(slots=True)
class Event:
    """One line of the log, verified (not frozen: thousands are built per read)."""

    seq: int
    id: str
    type: str
    action: str | None
    who: str
    when: str
    tool: str
    data: Mapping[str, Any]
    prev: str
    hash: str
    line: int = 0


@dataclass(frozen=True)
class ResultRef:
    """The stored result an event came from: path relative to the results folder,
    the file's sha256 and when the check finished."""

    path: str
    sha256: str
    finished: str

    def as_dict(self) -> dict[str, str]:
        """Plain data for an event."""
        return {"path": self.path, "sha256": self.sha256, "finished": self.finished}


@dataclass(frozen=True)
class Evidence:
    """A file in the evidence store: ``evidence/<sha256>.<ext>``."""

    sha256: str
    ext: str
    size: int
    kind: str
    name: str = ""

    @property
    def file_name(self) -> str:
        """Its name inside the branch's evidence folder."""
        return f"{self.sha256}.{self.ext}"

    def as_dict(self) -> dict[str, Any]:
        """Plain data for an event."""
        return {"sha256": self.sha256, "ext": self.ext, "size": self.size, "kind": self.kind,
                "name": self.name}


@dataclass
class Action:
    """The current state of one corrective action, folded from its events."""

    id: str
    branch: str
    checklist: str
    item: str
    section: str
    text: Mapping[str, str]
    note: str
    item_status: str
    priority: str
    owner: str
    owner_role: str
    due: str
    within_days: int
    evidence_required: bool
    opened: str
    opened_by: str
    source: Mapping[str, str]
    status: str = "open"
    value: str = ""
    """The failing answer (e.g. ``fail``, ``3``, ``80``)."""
    recurrences: int = 0
    fix_note: str = ""
    fixed_at: str = ""
    fixed_by: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    verified_at: str = ""
    verified_by: str = ""
    verified_how: str = ""
    closed_by: Mapping[str, str] | None = None
    last_check: str = ""
    last_path: str = ""
    """``path`` of that result (relative to the results folder)."""
    """``finished`` of the latest result linked to this action (older checks are ignored)."""
    events: list[Event] = field(default_factory=list)
    kind: str = "action"
    """``action``, or ``incident`` for a failed red line (never recurs: each is new)."""
    previous: str = ""
    """An incident: the id of the earlier action of the same item."""
    repeat: int = 0
    """An incident: how many incidents of the same item came before (屡查屡犯)."""
    category: str = ""
    raised_by: str = "self"
    """The source of the check that opened it (self, sub-branch, branch, ...)."""
    found_evidence: list[Evidence] = field(default_factory=list)
    """Evidence attached at check time (a photo of the problem)."""
    recurrence_notes: list[tuple[str, str]] = field(default_factory=list)
    """(date, note) of each recurrence; ``note`` stays the first finding."""
    report: dict[str, str] = field(default_factory=dict)
    """An incident's 上报 / 客户处置 / 问责 fields (:data:`INCIDENT_FIELDS`)."""
    verified_self: bool = False
    """Verified by the person who fixed it, with ``--allow-self``."""
    staff_no: str = ""
    """The owner's employee number (工号, ``assign --staff-no``): personal data, shown by
    the ledger and ``show`` only."""
    owner_roles: Mapping[str, str] = field(default_factory=dict)
    """The owner's role by language (``{"zh": "大堂经理", "en": "Lobby manager"}``);
    ``owner_role`` is every language joined, as logs before it stored."""

    def role(self, lang: str) -> str:
        """The owner's role in ``lang`` only."""
        from branchcheck.core.model import localise

        return localise(self.owner_roles, lang) if self.owner_roles else self.owner_role

    @property
    def incident(self) -> bool:
        """A red-line incident."""
        return self.kind == "incident"

    @property
    def is_open(self) -> bool:
        """Open or reopened (still to be fixed)."""
        return self.status in OPEN_STATUSES
