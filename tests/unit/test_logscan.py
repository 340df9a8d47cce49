"""The quick line reader (``actions/logscan.py``) takes only lines the full reader would
take, with the same event: a log reads the same -- events, problems, chain end --
with it and without it, whatever was done to the log's bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.actions import logscan, writer
from branchcheck.actions.log import Chain, Log, NewEvent, log_path, read_log
from branchcheck.complaints.model import CHAIN

NOTES = Chain("notes.jsonl", "notes.head", ".notes.lock", frozenset(("noted", "repaired")),
              re.compile(r"^N-\d\Z"), "notes log", subject_key="note")


def _write(root: Path, events: list[NewEvent], chain: Chain = NOTES) -> bytes:
    with writer.locked(root, "SH-001", chain):
        log = writer.checked(root, "SH-001", chain)
        writer.add_events(root, "SH-001", events, seq=log.last_seq, prev=log.last_hash,
                          size=log.size, torn=log.torn_tail, torn_line=log.torn_line,
                          chain=chain)
    return log_path(root, "SH-001", chain).read_bytes()


def _seen(log: Log) -> tuple[Any, ...]:
    return (log.events, [(p.line, p.rule, p.severity, p.message) for p in log.problems],
            log.tampered, log.last_seq, log.last_hash, log.torn_tail)


def _both(root: Path, monkeypatch: pytest.MonkeyPatch, chain: Chain = NOTES) -> tuple[Log, Log]:
    quick = read_log(root, "SH-001", chain=chain)
    with monkeypatch.context() as m:  # the full reader alone
        m.setattr(logscan, "reader", lambda chain: lambda *args: None)
        full = read_log(root, "SH-001", chain=chain)
    return quick, full


def _sample(root: Path) -> bytes:
    return _write(root, [
        NewEvent("noted", "N-1", "tester", {"n": "plain", "k": [1, 2.5, None, True]}),
        NewEvent("noted", None, "王 经理", {"n": "中文 \u2028 text", "e": {}}),
        NewEvent("noted", "N-2", 'say "hi"\\', {"n": "escapes in who: full reader only"}),
        NewEvent("noted", "N-3", "tab\there", {"n": "a control character in who"}),
        NewEvent("noted", "N-4", "tester", {"n": ',"hash":"' + "0" * 64 + '" inside data'}),
        NewEvent("noted", "N-5", "tester", {}),
    ])


def test_canonical_lines_are_read_quickly_and_the_rest_in_full(tmp_path: Path) -> None:
    raw = _sample(tmp_path)
    lines = raw.split(b"\n")[:-1]
    accept = logscan.reader(NOTES)
    prev, taken = "0" * 64, []
    for number, line in enumerate(lines, start=1):
        event = accept(line, number, number - 1, prev)
        taken.append(event is not None)
        prev = read_log(tmp_path, "SH-001", chain=NOTES).events[number - 1].hash
    # escaped quote / backslash and a raw tab (escaped as \t) in who go to the full reader
    assert taken == [True, True, False, False, True, True]


def test_a_log_reads_the_same_with_and_without_the_quick_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _sample(tmp_path)
    quick, full = _both(tmp_path, monkeypatch)
    assert _seen(quick) == _seen(full) and len(quick.events) == 6 and not quick.problems


def test_a_line_that_does_not_follow_is_left_to_the_full_reader(tmp_path: Path) -> None:
    lines = _sample(tmp_path).split(b"\n")[:-1]
    accept = logscan.reader(NOTES)
    assert accept(lines[0], 1, 0, "0" * 64) is not None
    assert accept(lines[0], 1, 1, "0" * 64) is None  # seq does not follow
    assert accept(lines[0], 1, 0, "1" * 64) is None  # prev is not the last hash
    assert accept(lines[0], 1, 0, "0" * 64) == accept(lines[0], 1, 0, "0" * 64)
    assert logscan.reader(CHAIN)(lines[0], 1, 0, "0" * 64) is None  # another chain's line


_BYTES = [*b'0123456789abcdef",:{}[]\\ Nn-Az', 0, 9, 0x7F, 0x80, 0xE4, 0xFF]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["flip", "drop", "add", "swap"]), where=st.integers(0, 10**6),
       byte=st.sampled_from(_BYTES), other=st.integers(0, 10**6))
def test_whatever_is_done_to_the_bytes_both_readers_agree(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        kind: str, where: int, byte: int, other: int) -> None:
    root = tmp_path_factory.mktemp("log")
    raw = _sample(root)
    at = where % len(raw)
    if kind == "flip":  # one byte replaced (a hex digit, a quote, a comma, a digit...)
        raw = raw[:at] + bytes([byte]) + raw[at + 1:]
    elif kind == "drop":
        raw = raw[:at] + raw[at + 1:]
    elif kind == "add":
        raw = raw[:at] + bytes([byte]) + raw[at:]
    else:  # two lines swapped
        lines = raw.split(b"\n")
        i, j = where % (len(lines) - 1), other % (len(lines) - 1)
        lines[i], lines[j] = lines[j], lines[i]
        raw = b"\n".join(lines)
    log_path(root, "SH-001", NOTES).write_bytes(raw)
    quick, full = _both(root, monkeypatch)
    assert _seen(quick) == _seen(full)


def test_a_register_reads_the_same_with_and_without_the_quick_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"branch": "SH-001", "channel": "counter", "received": "2025-09-01T09:00+08:00",
            "category": "fees", "asks": "退费", "summary": "收费\n有误", "customer_ref": "",
            "about": "", "promise_days": 3, "reply_due": "2025-09-04",
            "decision": {"days": 15, "count": "calendar", "roll": True, "extensions": [15]},
            "decision_due": "2025-09-16"}
    _write(tmp_path, [NewEvent("received", "C-0000000A", "张三", data),
                      NewEvent("step", "C-0000000A", "张三", {"step": "accept", "note": "",
                                                             "at": "2025-09-01T10:00+08:00"})],
           CHAIN)
    quick, full = _both(tmp_path, monkeypatch, CHAIN)
    assert _seen(quick) == _seen(full) and [e.type for e in quick.events] == ["received", "step"]
