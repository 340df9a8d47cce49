"""The actions log: hash chain, tampering, truncation, concurrent writers; business days;
evidence typing."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from branchcheck.actions import evidence
from branchcheck.actions.calendar import add_business_days, business_days_between
from branchcheck.actions.log import NewEvent, log_path, read_log
from branchcheck.actions.model import HEAD_NAME
from branchcheck.actions.writer import append
from branchcheck.core.errors import BranchcheckError, TamperedError
from tests.actions_helpers import run_at_once

BRANCH = "SH-001"


def _comment(n: int) -> list[NewEvent]:
    return [NewEvent("approved", None, "tester", {
        "result": {"path": f"r{n}", "sha256": "a" * 64, "finished": "2024-05-03T10:00:00+08:00"},
        "approver": f"approver {n}", "note": ""})]


def _fill(root: Path, count: int) -> None:
    for n in range(count):
        append(root, BRANCH, lambda log, n=n: _comment(n))


def _lines(root: Path) -> list[bytes]:
    return log_path(root, BRANCH).read_bytes().splitlines(keepends=True)


def _rules(root: Path) -> list[str]:
    return [p.rule for p in read_log(root, BRANCH).problems]


def test_chain_reads_back(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    log = read_log(tmp_path, BRANCH)
    assert [e.seq for e in log.events] == [1, 2, 3]
    assert log.problems == [] and not log.tampered
    assert log.events[0].prev == "0" * 64
    assert [e.prev for e in log.events[1:]] == [e.hash for e in log.events[:-1]]
    head = json.loads((tmp_path / BRANCH / HEAD_NAME).read_text())
    assert head == {"seq": 3, "hash": log.events[-1].hash}


def test_edited_event_is_detected_and_writes_refused(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    lines = _lines(tmp_path)
    lines[1] = lines[1].replace(b"approver 1", b"approver X")
    log_path(tmp_path, BRANCH).write_bytes(b"".join(lines))
    log = read_log(tmp_path, BRANCH)
    assert log.tampered and "log-edited" in _rules(tmp_path)
    assert [p.line for p in log.problems if p.rule == "log-edited"] == [2]
    assert [e.seq for e in log.events] == [1, 3]  # the forged event is not used
    with pytest.raises(TamperedError):
        _fill(tmp_path, 1)
    assert b"".join(lines) == log_path(tmp_path, BRANCH).read_bytes()


def test_removed_event_in_the_middle(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    lines = _lines(tmp_path)
    log_path(tmp_path, BRANCH).write_bytes(lines[0] + lines[2])
    assert "log-chain" in _rules(tmp_path)


def test_removed_last_event_caught_by_the_head(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    log_path(tmp_path, BRANCH).write_bytes(b"".join(_lines(tmp_path)[:2]))
    assert _rules(tmp_path) == ["log-cut"]


def test_garbage_line_is_tampering(tmp_path: Path) -> None:
    _fill(tmp_path, 2)
    lines = _lines(tmp_path)
    log_path(tmp_path, BRANCH).write_bytes(lines[0] + b'{"forged": 1}\n' + lines[1])
    log = read_log(tmp_path, BRANCH)
    assert log.tampered
    assert len(log.events) == 2


def test_truncated_last_line_reported_rest_read_then_sealed(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    data = log_path(tmp_path, BRANCH).read_bytes()
    cut = data[: len(data) - 40]  # a power cut in the middle of the last line
    log_path(tmp_path, BRANCH).write_bytes(cut)
    (tmp_path / BRANCH / HEAD_NAME).write_text(json.dumps({"seq": 2, "hash": "0" * 64}))
    log = read_log(tmp_path, BRANCH)
    assert [e.seq for e in log.events] == [1, 2]
    assert [(p.rule, p.severity, p.line) for p in log.problems
            if p.rule != "log-edited"] == [("log-truncated", "warning", 3)]
    os.unlink(tmp_path / BRANCH / HEAD_NAME)
    _fill(tmp_path, 1)  # the next write seals the torn line and goes on
    log = read_log(tmp_path, BRANCH)
    assert not log.tampered
    assert [e.type for e in log.events] == ["approved", "approved", "repaired", "approved"]
    assert [(p.rule, p.line) for p in log.problems] == [("log-repaired", 3)]


def _writer(root: str, start: int) -> None:
    for n in range(start, start + 15):
        append(Path(root), BRANCH, lambda log, n=n: _comment(n))


def test_two_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    run_at_once(_writer, [(str(tmp_path), s) for s in (0, 100)])
    log = read_log(tmp_path, BRANCH)
    assert not log.problems
    names = sorted(e.data["approver"] for e in log.events)
    assert names == sorted([f"approver {n}" for n in (*range(15), *range(100, 115))])


def test_log_that_is_a_fifo_or_a_link_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / BRANCH).mkdir()
    os.mkfifo(log_path(tmp_path, BRANCH))
    log = read_log(tmp_path, BRANCH)  # reported as a problem, never opened (issue 25, N7)
    assert log.tampered and [p.rule for p in log.problems] == ["log-unreadable"]
    os.unlink(log_path(tmp_path, BRANCH))
    outside = tmp_path.parent / f"{tmp_path.name}-secret.jsonl"
    outside.write_text("secret\n")
    log_path(tmp_path, BRANCH).symlink_to(outside)
    log = read_log(tmp_path, BRANCH)
    assert log.tampered and not log.events
    with pytest.raises(BranchcheckError):
        _fill(tmp_path, 1)
    assert outside.read_text() == "secret\n"


# 2024's Labour Day holiday: Wed 05-01 .. Sun 05-05 off; Sat 05-11 a make-up working day
# (调休) -- the working-day calendar of branchcheck.org.workdays.
@pytest.mark.parametrize(("start", "days", "due"), [
    (date(2024, 5, 3), 1, date(2024, 5, 6)),   # Friday (a holiday) + 1 -> Monday
    (date(2024, 5, 3), 0, date(2024, 5, 6)),   # 0: the next working day
    (date(2024, 5, 4), 0, date(2024, 5, 6)),   # Saturday + 0 -> Monday
    (date(2024, 5, 4), 1, date(2024, 5, 6)),   # the 1st working day after Saturday
    (date(2024, 4, 26), 1, date(2024, 4, 28)),  # Friday + 1 -> the make-up Sunday
    # Mon 6 .. Fri 10 (5), Sat 11 (6), Mon 13 .. Thu 16 (10)
    (date(2024, 5, 1), 10, date(2024, 5, 16)),
])
def test_add_business_days(start: date, days: int, due: date) -> None:
    assert add_business_days(start, days) == due


def test_business_days_between() -> None:
    fri = date(2024, 5, 3)
    # 4th and 5th off; Mon 6 -> 1, Tue 7 -> 2, Fri 10 -> 5, Sat 11 (调休) -> 6, Mon 13 -> 7
    assert [business_days_between(fri, date(2024, 5, d)) for d in (3, 4, 5, 6, 7, 10, 13)] == [
        0, 0, 0, 1, 2, 5, 7]
    # May 6-31: 20 weekdays, + Sat 05-11, + Mon 06-03
    assert business_days_between(fri, date(2024, 6, 3)) == 22


@pytest.mark.parametrize(("head", "ext"), [
    (b"\xff\xd8\xff\xe0", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"%PDF-1.7", "pdf"),
    (b"ID3\x04", "mp3"), (b"\xff\xfb\x90\x00", "mp3"), (b"RIFF\x00\x00\x00\x00WAVE", "wav"),
    (b"\x00\x00\x00\x20ftypM4A ", "m4a"), (b"#!AMR\n", "amr"), (b"OggS\x00", "ogg"),
    (b"fLaC", "flac"),
])
def test_sniff_accepts(head: bytes, ext: str) -> None:
    kind = evidence.sniff(head)
    assert kind is not None and kind[1] == ext


@pytest.mark.parametrize("head", [b"<html>", b"MZ\x90\x00", b"PK\x03\x04", b"", b"GIF89a"])
def test_sniff_refuses(head: bytes) -> None:
    assert evidence.sniff(head) is None


def test_evidence_size_limit_and_dedup(tmp_path: Path) -> None:
    src = tmp_path / "big.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(BranchcheckError, match="limit"):
        evidence.store(tmp_path / "r", BRANCH, str(src), max_bytes=50)
    one = evidence.store(tmp_path / "r", BRANCH, str(src))
    two = evidence.store(tmp_path / "r", BRANCH, str(src))
    assert one.sha256 == two.sha256 and one.size == 108
    assert len(list((tmp_path / "r" / BRANCH / "evidence").iterdir())) == 1


def test_shape_fast_path_refuses_what_the_slow_path_refuses() -> None:
    from branchcheck.actions.log import _shape_error

    good = {"v": 1, "seq": 1, "id": "0" * 16, "type": "commented", "action": "A-0000ABCD",
            "who": "w", "when": "2024-05-06T10:00:00+08:00", "tool": "t", "data": {},
            "prev": "0" * 64, "hash": "a" * 64}
    assert _shape_error(good) == ""
    # a '|' cannot smuggle one part into another: id + prev joined, hash moved up
    smuggled = {**good, "id": "0" * 16 + "|" + "0" * 64, "prev": "a" * 64,
                "hash": "2024-05-06T10:00:00+08:00"}
    assert _shape_error(smuggled) == "bad 'id'"
    for key, value in (("v", True), ("seq", 0), ("seq", True), ("type", ["opened"]),
                       ("who", 7), ("when", "2024-05-06 10:00"), ("data", []),
                       ("prev", "A" * 64), ("hash", "a" * 63), ("action", "A-1")):
        assert _shape_error({**good, key: value}) == f"bad {key!r}", key
