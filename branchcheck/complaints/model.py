"""Complaint cases as plain data: the register's names, event types, steps, channels,
statuses and the folded case. No I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from branchcheck.actions.log import Chain
from branchcheck.actions.model import Event

LOG_NAME = "complaints.jsonl"
HEAD_NAME = "complaints.head"
LOCK_NAME = ".complaints.lock"
CASE_ID = re.compile(r"^C-[0-9A-F]{8}\Z")

EVENT_TYPES: tuple[str, ...] = ("received", "step", "extended", "escalated", "linked",
                                "closed", "repaired")
CHAIN = Chain(LOG_NAME, HEAD_NAME, LOCK_NAME, frozenset(EVENT_TYPES), CASE_ID,
              "complaint register", subject_key="case", what_zh="投诉台账")
"""The register's file names and event shapes, for the action log's reader and writer."""

CHANNELS: dict[str, tuple[str, str]] = {
    "counter": ("柜面（现场）", "counter (in person)"),
    "hotline": ("客服热线（95xxx）", "hotline (95xxx)"),
    "letter": ("信函", "letter"),
    "online": ("网络（网银、手机银行、邮件）", "online"),
    "regulator": ("监管转送", "regulator referral"),
}
STEPS: dict[str, tuple[str, str]] = {
    "accept": ("受理", "accept"),
    "judge": ("判断", "judge"),
    "decide": ("决定", "decide"),
    "communicate": ("沟通", "communicate"),
    "confirm": ("确认", "confirm"),
    "follow-up": ("跟踪（回访）", "follow up (call back)"),
}
"""受理, then the five steps of seed 004: 判断 → 决定 → 沟通 → 确认 → 跟踪."""
FIVE_STEPS = ("judge", "decide", "communicate", "confirm", "follow-up")
STATUSES: dict[str, tuple[str, str]] = {
    "received": ("已登记", "received"),
    "accepted": ("已受理", "accepted"),
    "handling": ("处理中", "handling"),
    "closed": ("已办结", "closed"),
    "reopened": ("重新处理", "reopened"),
}
OPEN_STATUSES = ("received", "accepted", "handling", "reopened")
LEVELS: dict[str, tuple[str, str]] = {
    "sub-branch": ("支行", "sub-branch"),
    "branch": ("分行", "branch"),
    "head-office": ("总行", "head office"),
}
"""Where a case can be escalated to (unit kinds of the org directory)."""
OUTCOMES: dict[str, tuple[str, str]] = {
    "satisfied": ("满意", "satisfied"),
    "unsatisfied": ("不满意", "unsatisfied"),
    "unreachable": ("未联系上", "unreachable"),
}
"""What a follow-up call (回访) found; ``unsatisfied`` reopens a closed case."""
MAX_TEXT = 4000
MAX_NAME = 200


class Step(NamedTuple):
    """One recorded step: which, who, when it happened and the note (a named tuple:
    tens of thousands are rebuilt for a list)."""

    step: str
    who: str
    at: str
    note: str
    outcome: str = ""


@dataclass(slots=True)
class Case:
    """The current state of one complaint, folded from its events."""

    id: str
    branch: str
    channel: str
    received: str
    """When the complaint was received (ISO time as given)."""
    category: str
    asks: str
    summary: str
    customer_ref: str
    personal: dict[str, str]
    """Customer name / contact when recorded (never exported)."""
    about: str
    """The member of staff the complaint is about ("" when none)."""
    promise_days: int
    reply_due: str
    decision_rule: dict[str, Any]
    decision_due: str
    registered_by: str
    first_reply_due: str = ""
    """The reply first promised (``reply_due`` moves when a case is reopened)."""
    repeat_of: str = ""
    status: str = "received"
    handler: str = ""
    steps: list[Step] = field(default_factory=list)
    accepted_at: str = ""
    replied_at: str = ""
    """The first 沟通 (reply to the customer) since receipt or the last reopening."""
    decided_at: str = ""
    decision: str = ""
    told_at: str = ""
    """When the decision was told to the customer (the first 沟通 after 决定)."""
    confirmed_at: str = ""
    closed_at: str = ""
    closed_by: str = ""
    result: str = ""
    reopened: int = 0
    extensions: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """Not closed (received, accepted, handling or reopened)."""
        return self.status in OPEN_STATUSES
