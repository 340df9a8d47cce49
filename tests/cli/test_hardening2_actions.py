"""Second red team (issue 25) on the action log: N1 (the writer enforces the reader's
limits), N6 (a deleted history is noticed), N7 (every read is bounded, one bad log
never stops the others). Each test fails on the code before the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from actions_helpers import JPEG, answers, cli, listing, score

from branchcheck.actions import writer
from branchcheck.actions.limits import MARK, MAX_EVIDENCE, MAX_TEXT, MAX_WHO
from branchcheck.actions.log import NewEvent, log_path, read_log
from branchcheck.actions.model import HEAD_NAME
from branchcheck.actions.state import derive
from branchcheck.core.errors import InputError

FRI = "2024-05-03T10:00:00+08:00"
ONE_FAIL = {"tidy": "fail", "atm-working": "pass", "has-vip-room": "pass",
            "no-misleading": "pass", "greeting": 5}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-03")


def _clean(root: Path) -> None:
    log = read_log(root, "SH-001")
    assert not log.tampered and not log.problems, log.problems
    assert not derive(log).problems


def test_n1_reviewer_of_201_characters_keeps_the_history(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    reviewer = "王" * (MAX_WHO + 1)
    score(capsys, root, answers(tmp_path, "a", FRI, ONE_FAIL, reviewer=reviewer))
    _clean(root)
    [row] = listing(capsys, root)
    assert row["item"] == "tidy"
    who = read_log(root, "SH-001").events[0].who
    assert len(who) == MAX_WHO and who.endswith(MARK)
    # and the next check is still recorded (the log was not made unwritable)
    score(capsys, root, answers(tmp_path, "b", "2024-05-04T10:00:00+08:00", ONE_FAIL))
    assert listing(capsys, root)[0]["recurrences"] == 1


def test_n1_long_note_from_a_result_is_shortened_not_dropped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    values = dict(ONE_FAIL, tidy={"value": "fail", "note": "纸" * (MAX_TEXT + 500)})
    score(capsys, root, answers(tmp_path, "a", FRI, values))
    _clean(root)
    [row] = listing(capsys, root)  # before: the opening event was skipped, no action
    note = derive(read_log(root, "SH-001")).actions[row["id"]].note
    assert len(note) == MAX_TEXT and note.endswith(MARK)


def test_n1_fix_with_51_evidence_files_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, ONE_FAIL))
    ident = listing(capsys, root)[0]["id"]
    files = []
    for n in range(MAX_EVIDENCE + 1):
        f = tmp_path / f"photo{n}.jpg"
        f.write_bytes(JPEG + n.to_bytes(2, "big"))
        files += ["--evidence", str(f)]
    before = log_path(root, "SH-001").read_bytes()
    code, _, err = cli(capsys, "actions", "fix", ident, "-m", "done", *files,
                       "--results-dir", str(root))
    assert code == 2 and f"at most {MAX_EVIDENCE}" in err and "Traceback" not in err
    assert log_path(root, "SH-001").read_bytes() == before
    assert listing(capsys, root)[0]["status"] == "open"
    # fifty are fine, and all fifty are kept
    code, _out, err = cli(capsys, "actions", "fix", ident, "-m", "done",
                         *files[:2 * MAX_EVIDENCE], "--results-dir", str(root))
    assert code == 0, err
    assert len(derive(read_log(root, "SH-001")).actions[ident].evidence) == MAX_EVIDENCE
    _clean(root)


@pytest.mark.parametrize(("args", "limit"), [
    (("comment", "-m", "x" * (MAX_TEXT + 1)), MAX_TEXT),
    (("comment", "-m", "ok", "--by", "b" * (MAX_WHO + 1)), MAX_WHO),
    (("assign", "--owner", "o" * 201), 200),
])
def test_n1_over_long_user_input_is_refused_not_cut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
        limit: int) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, ONE_FAIL))
    ident = listing(capsys, root)[0]["id"]
    before = log_path(root, "SH-001").read_bytes()
    code, _, err = cli(capsys, "actions", args[0], ident, *args[1:], "--results-dir", str(root))
    assert code == 2 and f"over the limit of {limit}" in err
    assert log_path(root, "SH-001").read_bytes() == before


@pytest.mark.parametrize("event", [
    NewEvent("approved", None, "w" * (MAX_WHO + 1), {
        "result": {"path": "r", "sha256": "a" * 64, "finished": FRI}, "approver": "a"}),
    NewEvent("approved", None, "tester", {
        "result": {"path": "r", "sha256": "a" * 64, "finished": FRI}, "approver": "a",
        "note": "n" * (MAX_TEXT + 1)}),
    NewEvent("approved", None, "tester", {
        "result": {"path": "r", "sha256": "a" * 64, "finished": FRI}, "approver": "a",
        "extra": "x" * 70_000}),
    NewEvent("approved", None, "tester", {
        "result": {"path": "r", "sha256": "a" * 64, "finished": FRI}, "approver": "\ud800"}),
])
def test_n1_the_writer_never_writes_what_the_reader_refuses(tmp_path: Path,
                                                            event: NewEvent) -> None:
    root = tmp_path / "r"
    with pytest.raises(InputError) as caught:
        writer.append(root, "SH-001", lambda state: [event])
    assert "nothing was written" in caught.value.message
    assert not os.path.lexists(log_path(root, "SH-001"))


def test_n6_a_deleted_log_beside_its_head_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, ONE_FAIL))
    log_path(root, "SH-001").unlink()
    assert (root / "SH-001" / HEAD_NAME).exists()
    code, _out, err = cli(capsys, "actions", "list", "--results-dir", str(root))
    assert "log-missing" in err and "deleted" in err  # before: silently skipped
    log = read_log(root, "SH-001")
    assert log.tampered
    # and nothing appends to it: the next check's actions are refused, the result stored
    code, _, err = cli(capsys, "score", str(Path(__file__).parent.parent / "data" / "valid"
                                            / "rectify.yaml"),
                       "-a", str(answers(tmp_path, "b", "2024-05-04T10:00:00+08:00",
                                         ONE_FAIL)), "--results-dir", str(root))
    assert code == 0 and "tampered" in err
    assert not log_path(root, "SH-001").exists()


def test_n7_one_oversized_log_does_not_stop_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from branchcheck.actions import log as logmod

    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, ONE_FAIL))
    big = root / "AA-000"
    big.mkdir()
    with open(log_path(root, "AA-000"), "wb") as fh:  # sparse: no disk used
        fh.truncate(logmod.MAX_LOG_BYTES + 1)
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json")
    assert code == 0 and "AA-000" in err and "over the limit" in err
    assert [r["item"] for r in __import__("json").loads(out)] == ["tidy"]
    ident = listing(capsys, root)[0]["id"]
    code, out, err = cli(capsys, "actions", "show", ident, "--results-dir", str(root))
    assert code == 0, err
    code, _, err = cli(capsys, "actions", "comment", ident, "-m", "ok",
                       "--results-dir", str(root))
    assert code == 0, err
