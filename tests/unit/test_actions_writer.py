"""The append-only write path of the actions log: the writer's index, the head/tail check,
torn tails, a writer killed in the middle of an append."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from branchcheck.actions import index, writer
from branchcheck.actions.hook import record_result
from branchcheck.actions.log import NewEvent, log_path, read_log
from branchcheck.actions.model import HEAD_NAME
from branchcheck.actions.state import derive
from branchcheck.checklists.loading import load_checklist
from branchcheck.core.errors import TamperedError
from branchcheck.core.model import Answer, Checklist
from branchcheck.core.scoring import make_result
from branchcheck.results import storage
from tests.actions_helpers import run_at_once

BRANCH = "SH-001"


def _approval(n: int) -> list[NewEvent]:
    return [NewEvent("approved", None, "tester", {
        "result": {"path": f"r{n}", "sha256": "a" * 64, "finished": "2024-05-03T10:00:00+08:00"},
        "approver": f"approver {n}", "note": ""})]


def _fill(root: Path, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        writer.append(root, BRANCH, lambda state, n=n: _approval(n), quick=True)


def _checklist(tmp: Path, items: int = 3) -> Checklist:
    path = tmp / "ck.yaml"
    path.write_text(json.dumps({
        "id": "writer-test", "version": 1, "title": {"zh": "测试", "en": "Test"},
        "sections": [{"id": "s", "title": "S", "items": [
            {"id": f"i{n}", "text": f"Standard {n}", "type": "check"}
            for n in range(items)]}]}), encoding="utf-8")
    return load_checklist(str(path))


def _store(root: Path, ck: Checklist, values: dict[str, str], finished: str) -> Any:
    answers = {k: Answer(k, v, "note") for k, v in values.items()}
    result = make_result(ck, answers, branch=BRANCH, reviewer="tester", lang="en",
                         started=finished, finished=finished)
    stored = storage.write_result(result, root=root)
    return record_result(root, stored, result, ck)


def _rules(root: Path) -> list[tuple[str, str]]:
    return [(p.rule, p.severity) for p in read_log(root, BRANCH).problems]


def test_appends_keep_the_old_bytes_and_the_index_matches_the_whole_log(
        tmp_path: Path) -> None:
    ck = _checklist(tmp_path)
    out = _store(tmp_path, ck, {"i0": "fail", "i1": "fail", "i2": "pass"},
                 "2024-05-06T10:00:00+08:00")
    assert len(out.opened) == 2
    before = log_path(tmp_path, BRANCH).read_bytes()
    inode = os.stat(log_path(tmp_path, BRANCH)).st_ino
    out = _store(tmp_path, ck, {"i0": "pass", "i1": "fail", "i2": "fail"},
                 "2024-05-07T10:00:00+08:00")
    after = log_path(tmp_path, BRANCH).read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert os.stat(log_path(tmp_path, BRANCH)).st_ino == inode  # appended, not replaced
    assert (len(out.verified), len(out.recurred), len(out.opened)) == (1, 1, 1)
    log = read_log(tmp_path, BRANCH)
    assert log.problems == []
    # the index is exactly what the whole log gives
    info = os.stat(log_path(tmp_path, BRANCH))
    bound = index.binding(info, log.last_seq, log.last_hash)
    assert index.path_of(tmp_path, BRANCH).read_bytes() == index.dump(derive(log), bound)


def test_quick_write_does_not_read_the_whole_log(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(tmp_path, 3)

    def no_full_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole log was read")

    monkeypatch.setattr(writer, "read_log", no_full_read)
    _fill(tmp_path, 2, start=3)  # would fail if the index or the tail were not trusted
    monkeypatch.undo()
    log = read_log(tmp_path, BRANCH)
    assert [e.data["approver"] for e in log.events] == [f"approver {n}" for n in range(5)]
    assert log.problems == []


def test_append_after_a_torn_tail_seals_it(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    with open(log_path(tmp_path, BRANCH), "ab") as fh:
        fh.write(b'{"v":1,"seq":4,"id":"00')  # a writer killed in the middle of a line
    assert _rules(tmp_path) == [("log-truncated", "warning")]
    assert writer.quick_tip(tmp_path, BRANCH) is None  # the log grew: no shortcut
    _fill(tmp_path, 1, start=3)
    log = read_log(tmp_path, BRANCH)
    assert not log.tampered
    assert [e.type for e in log.events] == ["approved"] * 3 + ["repaired", "approved"]
    assert [(p.rule, p.line) for p in log.problems] == [("log-repaired", 4)]
    assert writer.quick_tip(tmp_path, BRANCH) is not None  # and the next write is quick


def test_head_that_does_not_match_the_tail_is_refused(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    head = tmp_path / BRANCH / HEAD_NAME
    head.write_text(json.dumps({"seq": 3, "hash": "1" * 64}))
    before = log_path(tmp_path, BRANCH).read_bytes()
    assert writer.quick_tip(tmp_path, BRANCH) is None
    with pytest.raises(TamperedError):
        _fill(tmp_path, 1, start=3)
    assert log_path(tmp_path, BRANCH).read_bytes() == before


def test_last_event_removed_with_the_head_rewound_is_not_trusted(tmp_path: Path) -> None:
    _fill(tmp_path, 3)
    path = log_path(tmp_path, BRANCH)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:2]))  # cut the last event ...
    second = json.loads(lines[1])
    (tmp_path / BRANCH / HEAD_NAME).write_text(  # ... and make the head agree
        json.dumps({"seq": 2, "hash": second["hash"]}))
    assert writer.quick_tip(tmp_path, BRANCH) is None  # the index is bound to the old file


def test_edited_middle_line_detected_on_read_and_write_refused(tmp_path: Path) -> None:
    _fill(tmp_path, 4)
    path = log_path(tmp_path, BRANCH)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"approver 1", b"approver 9")  # same size
    path.write_bytes(b"".join(lines))
    log = read_log(tmp_path, BRANCH)
    assert log.tampered and [p.line for p in log.problems if p.rule == "log-edited"] == [2]
    with pytest.raises(TamperedError):
        _fill(tmp_path, 1, start=4)


@pytest.mark.parametrize("damage", ["garbage", "wrong-binding", "fifo", "link-out",
                                    "duplicate"])
def test_a_hostile_index_is_ignored(tmp_path: Path, damage: str) -> None:
    _fill(tmp_path, 2)
    path = index.path_of(tmp_path, BRANCH)
    data = json.loads(path.read_bytes())
    path.unlink()
    if damage == "garbage":
        path.write_bytes(b"\x00\xff{not json")
    elif damage == "wrong-binding":
        data["log"]["size"] += 1
        path.write_text(json.dumps(data))
    elif damage == "fifo":
        os.mkfifo(path)
    elif damage == "link-out":
        outside = tmp_path.parent / f"{tmp_path.name}-index"
        outside.write_text(json.dumps(data))
        path.symlink_to(outside)
    else:
        row = ["A-0000000A", "c", "i", "open", "b" * 64, "", 5]
        data["actions"] = [row, row]
        path.write_text(json.dumps(data))
    assert writer.quick_tip(tmp_path, BRANCH) is None
    _fill(tmp_path, 1, start=2)  # still writes, through the whole log
    assert [p.rule for p in read_log(tmp_path, BRANCH).problems] == []


def test_reader_meeting_a_write_in_progress_waits_for_it(tmp_path: Path) -> None:
    from branchcheck.actions.model import LOCK_NAME
    from branchcheck.core import locking

    _fill(tmp_path, 2)
    whole = log_path(tmp_path, BRANCH).read_bytes()
    lines = whole.splitlines(keepends=True)
    path = log_path(tmp_path, BRANCH)
    seen: list[Any] = []
    with locking.exclusive(tmp_path / BRANCH / LOCK_NAME):
        path.write_bytes(lines[0] + lines[1][:30])  # the second line half written
        thread = threading.Thread(target=lambda: seen.append(read_log(tmp_path, BRANCH)))
        thread.start()
        time.sleep(0.3)
        path.write_bytes(whole)  # the writer finishes
    thread.join(10)
    assert [e.seq for e in seen[0].events] == [1, 2] and seen[0].problems == []


_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from branchcheck.core import fsafe
from branchcheck.actions import writer
from branchcheck.actions.log import NewEvent

def half(fd, data, path):
    os.write(fd, data[: len(data) // 2])
    os.fsync(fd)
    Path(sys.argv[2]).write_text("written")
    time.sleep(60)

fsafe.append_synced = half
writer.append(Path(sys.argv[1]), "SH-001", lambda state: [NewEvent("approved", None, "t", {
    "result": {"path": "r", "sha256": "a" * 64, "finished": "2024-05-03T10:00:00+08:00"},
    "approver": "killed", "note": ""})] * 3, quick=True)
"""


def test_writer_killed_mid_append_leaves_a_readable_log(tmp_path: Path) -> None:
    root = tmp_path / "results"
    _fill(root, 3)
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(root), str(marker)])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    log = read_log(root, BRANCH)
    assert not log.tampered
    assert [e.data.get("approver") for e in log.events][:3] == [f"approver {n}"
                                                                 for n in range(3)]
    assert all(p.severity == "warning" for p in log.problems)
    assert json.loads((root / BRANCH / HEAD_NAME).read_text())["seq"] == 3  # not ahead
    _fill(root, 1, start=3)  # the next writer goes on
    log = read_log(root, BRANCH)
    assert not log.tampered
    assert log.events[-1].data["approver"] == "approver 3"
    assert {p.rule for p in log.problems} <= {"log-repaired"}


def _mixed_writer(root: str, start: int, quick: bool) -> None:
    for n in range(start, start + 12):
        writer.append(Path(root), BRANCH, lambda state, n=n: _approval(n), quick=quick)


def test_quick_and_full_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    run_at_once(_mixed_writer, [(str(tmp_path), s, q)
                                for s, q in ((0, True), (100, False), (200, True))])
    log = read_log(tmp_path, BRANCH)
    assert log.problems == []
    names = sorted(e.data["approver"] for e in log.events)
    assert names == sorted(f"approver {n}" for s in (0, 100, 200) for n in range(s, s + 12))
    info = os.stat(log_path(tmp_path, BRANCH))  # and the index is the last writer's, exact
    bound = index.binding(info, log.last_seq, log.last_hash)
    assert index.path_of(tmp_path, BRANCH).read_bytes() == index.dump(derive(log), bound)


def _hook_writer(root: str, ck_dir: str, hour: int) -> None:
    ck = _checklist(Path(ck_dir))
    for n in range(5):
        _store(Path(root), ck, {"i0": "fail", "i1": "pass", "i2": "pass"},
               f"2024-05-{6 + n:02d}T{hour:02d}:00:00+08:00")


def test_two_results_stored_at_once_open_one_action_per_item(tmp_path: Path) -> None:
    root = tmp_path / "results"
    for d in ("ck9", "ck15"):
        (tmp_path / d).mkdir()
    run_at_once(_hook_writer, [(str(root), str(tmp_path / f"ck{h}"), h) for h in (9, 15)])
    log = read_log(root, BRANCH)
    assert log.problems == []
    opened = [e for e in log.events if e.type == "opened"]
    assert len(opened) == 1 and opened[0].data["item"] == "i0"  # one action, not two
    recurred = [e for e in log.events if e.type == "recurred"]
    # each later check recurs on it (a check older than one already linked is ignored)
    assert recurred and {e.action for e in recurred} == {opened[0].action}
    assert len(recurred) <= 9
