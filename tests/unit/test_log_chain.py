"""The action log's reader and writer serve another hash-chained log (a ``Chain``):
its own file names, event types and subject key; the action log itself unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from branchcheck.actions import writer
from branchcheck.actions.log import ACTIONS, Chain, NewEvent, log_path, read_log
from branchcheck.core.errors import InputError

NOTES = Chain("notes.jsonl", "notes.head", ".notes.lock", frozenset(("noted", "repaired")),
              re.compile(r"^N-\d\Z"), "notes log", subject_key="note")


def _add(root: Path, *subjects: str) -> None:
    with writer.locked(root, "SH-001", NOTES):
        log = writer.checked(root, "SH-001", NOTES)
        writer.add_events(root, "SH-001", [NewEvent("noted", s, "tester", {"n": s})
                                           for s in subjects],
                          seq=log.last_seq, prev=log.last_hash, size=log.size,
                          torn=log.torn_tail, torn_line=log.torn_line, chain=NOTES)


def test_another_chain_has_its_own_files_and_subject_key(tmp_path: Path) -> None:
    _add(tmp_path, "N-1")
    _add(tmp_path, "N-2", "N-3")
    log = read_log(tmp_path, "SH-001", chain=NOTES)
    assert [e.action for e in log.events] == ["N-1", "N-2", "N-3"] and not log.problems
    first = json.loads(log_path(tmp_path, "SH-001", NOTES).read_text().splitlines()[0])
    assert first["note"] == "N-1" and "action" not in first
    assert json.loads((tmp_path / "SH-001" / "notes.head").read_text())["seq"] == 3
    assert not log_path(tmp_path, "SH-001").exists()  # the action log is untouched
    assert log_path(tmp_path, "SH-001") == tmp_path / "SH-001" / ACTIONS.log_name


def test_events_are_checked_against_their_own_chain(tmp_path: Path) -> None:
    _add(tmp_path, "N-1")
    before = log_path(tmp_path, "SH-001", NOTES).read_bytes()
    with pytest.raises(InputError, match="malformed"):  # not a subject of this chain
        _add(tmp_path, "X-1")
    assert log_path(tmp_path, "SH-001", NOTES).read_bytes() == before  # nothing written
    # a notes log copied over the action log is not an action log
    folder = tmp_path / "SH-001"
    (folder / "actions.jsonl").write_bytes(before)
    log = read_log(tmp_path, "SH-001")
    assert log.events == [] and "log-invalid" in [p.rule for p in log.problems]
