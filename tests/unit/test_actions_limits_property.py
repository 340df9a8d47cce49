"""Property (issue 25, N1): whatever the action-log writer accepts, the reader accepts.

Random events -- every type, texts of any Unicode around and over each limit, evidence
lists around their limit -- go through :func:`branchcheck.actions.writer.append`.
Either the writer refuses (and the log is unchanged), or the log reads back whole:
not tampered, no problem, every event folded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.actions import writer
from branchcheck.actions.limits import MAX_EVIDENCE, MAX_NAME, MAX_TEXT, MAX_WHO
from branchcheck.actions.log import NewEvent, log_path, read_log
from branchcheck.actions.state import derive
from branchcheck.core.errors import InputError

ACTION = "A-0000000A"
REF = {"path": "SH-001/c/x.yaml", "sha256": "b" * 64, "finished": "2024-05-03T10:00:00+08:00"}


def _around(limit: int) -> st.SearchStrategy[str]:
    """Text of any length up to a little over ``limit`` (mostly near it)."""
    return st.one_of(st.text(max_size=20),
                     st.integers(limit - 2, limit + 2).map(lambda n: "字" * max(n, 0)),
                     st.text(min_size=limit - 1, max_size=limit + 1))


_evidence = st.lists(st.fixed_dictionaries({
    "sha256": st.just("c" * 64), "ext": st.just("jpg"), "size": st.integers(0, 10),
    "kind": st.just("image"), "name": _around(255)}), max_size=MAX_EVIDENCE + 1)


@st.composite
def _events(draw: st.DrawFn) -> list[NewEvent]:
    """An ``opened`` event and up to three more for the same action."""
    opened = NewEvent("opened", ACTION, draw(_around(MAX_WHO)), {
        "branch": "SH-001", "checklist": "c", "item": "i", "section": "s",
        "text": draw(st.one_of(_around(MAX_TEXT), st.dictionaries(
            st.sampled_from(["zh", "en", "x" * 11]), _around(MAX_TEXT), max_size=2))),
        "note": draw(_around(MAX_TEXT)), "item_status": "fail", "value": draw(_around(200)),
        "priority": "normal", "owner": "", "owner_role": draw(_around(MAX_NAME)),
        "due": "2024-05-08", "within_days": 3, "evidence_required": False, "result": REF})
    more: list[NewEvent] = []
    for kind in draw(st.lists(st.sampled_from(
            ["assigned", "commented", "fixed", "recurred", "approved"]), max_size=3)):
        who = draw(_around(MAX_WHO))
        data: dict[str, Any]
        if kind == "assigned":
            data = {"owner": draw(_around(MAX_NAME))}
        elif kind == "commented":
            data = {"note": draw(_around(MAX_TEXT)) or "x"}
        elif kind == "fixed":
            data = {"note": draw(_around(MAX_TEXT)) or "x", "evidence": draw(_evidence)}
        elif kind == "recurred":
            data = {"result": REF, "note": draw(_around(MAX_TEXT)), "item_status": "fail",
                    "value": draw(_around(200))}
        else:
            data = {"result": REF, "approver": draw(_around(MAX_NAME)) or "a",
                    "note": draw(_around(MAX_TEXT))}
        more.append(NewEvent(kind, None if kind == "approved" else ACTION, who, data))
    return [opened, *more]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(_events())
def test_n1_whatever_the_writer_accepts_the_reader_accepts(events: list[NewEvent]) -> None:
    root = Path(tempfile.mkdtemp(prefix="bc-limits-"))
    try:
        written = 0
        for event in events:
            before = log_path(root, "SH-001").read_bytes() if written else b""
            try:
                writer.append(root, "SH-001", lambda state, e=event: [e])
            except InputError:
                after = log_path(root, "SH-001").read_bytes() if written else b""
                assert after == before  # refused: nothing written
                continue
            written += 1
        log = read_log(root, "SH-001")
        assert not log.tampered and not log.problems, log.problems
        assert len(log.events) == written
        state = derive(log)
        assert not state.problems, state.problems
    finally:
        shutil.rmtree(root, ignore_errors=True)
