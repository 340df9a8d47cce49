"""The register's signed checkpoint: written by an outlet that signs, used by a reader
who trusts the outlet's key, and never used otherwise (an untrusted or wrong signer,
an edited checkpoint or register, a malformed row, a FIFO or a link out).

The register is the hand-computed one of ``test_complaints`` (a holiday, a 调休
weekend, an extension, an escalation, a referral, an overdue case, a reopened case):
whatever path a reader takes, it must list exactly what a full verification lists."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from branchcheck.complaints import checkpoint, snapshot
from branchcheck.integrity.signing import new_pair
from tests.cli.test_complaints import _env, new, ok, register, run

__all__ = ["_env", "register"]  # the fixtures used here


@pytest.fixture(autouse=True)
def _signing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The outlet signs with key SH-001; ``trust/`` holds its public key."""
    new_pair(tmp_path / "keys", "SH-001")
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "SH-001.pub").write_bytes((tmp_path / "keys" / "SH-001.pub")
                                                    .read_bytes())
    monkeypatch.setenv("BRANCHCHECK_SIGN_KEY", str(tmp_path / "keys" / "SH-001.key"))
    monkeypatch.delenv("BRANCHCHECK_TRUST", raising=False)
    return tmp_path / "trust"


class Full:
    """Counts full verifications (``refuse``: fail on one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, refuse: bool = False) -> None:
        self.count, self.refuse, self.real = 0, refuse, snapshot.verify_bytes
        monkeypatch.setattr(snapshot, "verify_bytes", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        assert not self.refuse, "verified in full"
        self.count += 1
        return self.real(*args, **kwargs)


def listing(capsys: pytest.CaptureFixture[str], root: Path, monkeypatch: pytest.MonkeyPatch,
            cache: str, trust: Path | None, *extra: str) -> str:
    """``complaints list --status all -f json`` by a reader with a cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(root.parent / cache))
    if trust is None:
        monkeypatch.delenv("BRANCHCHECK_TRUST", raising=False)
    else:
        monkeypatch.setenv("BRANCHCHECK_TRUST", str(trust))
    return ok(capsys, root, "list", "--status", "all", "-f", "json", *extra)


def test_a_trusted_checkpoint_lists_the_same_without_verifying_in_full(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, _signing: Path) -> None:
    root, ids = register
    head = json.loads(checkpoint.path_of(root, "SH-001").read_bytes().partition(b"\n")[0])
    register_bytes = (root / "SH-001" / "complaints.jsonl").read_bytes()
    # the last write (one line) was under a sixteenth of the register: not yet renewed,
    # so a reader also verifies the line after the checkpoint
    assert head["cases"] == 4 and 0 < len(register_bytes) - head["size"] \
        <= len(register_bytes) // checkpoint.RENEW
    full = Full(monkeypatch)
    expected = listing(capsys, root, monkeypatch, "untrusted", None)
    assert full.count == 1
    Full(monkeypatch, refuse=True)
    got = listing(capsys, root, monkeypatch, "trusting", _signing)
    assert got == expected
    rows = {r["id"]: r for r in json.loads(got)}  # the hand-computed figures, unchanged
    assert rows[ids["B"]]["decision_due"] == "2025-10-30"
    assert (rows[ids["C"]]["reply_days_overdue"], rows[ids["C"]]["decision_days_overdue"]) \
        == (17, 4)
    assert (rows[ids["A"]]["status"], rows[ids["A"]]["reopened"]) == ("reopened", 1)
    # the register (投诉台账) the same way, and again (a checkpoint read is not remembered)
    ledger = ok(capsys, root, "register", "--branch", "SH-001", "-f", "csv")
    assert ok(capsys, root, "register", "--branch", "SH-001", "-f", "csv") == ledger


def test_the_checkpoint_keeps_no_customer_name_or_contact(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, _signing: Path) -> None:
    root, _ = register
    stored = checkpoint.path_of(root, "SH-001").read_bytes()
    assert "张三".encode() not in stored and b"13800000000" not in stored
    assert b'"customer_name":""' in stored  # only that one was recorded
    full = Full(monkeypatch)
    listing(capsys, root, monkeypatch, "reader", _signing)
    assert full.count == 0
    out = ok(capsys, root, "register", "--branch", "SH-001", "-f", "csv", "--personal")
    assert "张三" in out and "13800000000" in out and full.count == 1  # read in full


@pytest.mark.parametrize("how", ["no trust folder", "another key", "signer not for SH-001"])
def test_a_checkpoint_nobody_trusts_is_not_used(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str) -> None:
    root, _ = register
    trust: Path | None = None
    if how == "another key":
        new_pair(tmp_path / "other", "SH-001")
        trust = tmp_path / "other-trust"
        trust.mkdir()
        (trust / "SH-001.pub").write_bytes((tmp_path / "other" / "SH-001.pub").read_bytes())
    elif how == "signer not for SH-001":  # the right key, trusted as another outlet's
        trust = tmp_path / "renamed"
        trust.mkdir()
        (trust / "SH-002.pub").write_bytes((tmp_path / "trust" / "SH-001.pub").read_bytes())
    full = Full(monkeypatch)
    expected = listing(capsys, root, monkeypatch, "a", None)
    assert listing(capsys, root, monkeypatch, "b", trust) == expected and full.count == 2


def _rewrite(path: Path, change: Any) -> None:
    head, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(head + b"\n" + change(body))


def _resign(root: Path, keys: Path, change: Any) -> None:
    """The checkpoint's rows changed and signed again with the trusted key."""
    from branchcheck.integrity.signing import load_signing_key, sign

    path = checkpoint.path_of(root, "SH-001")
    head_line, _, body = path.read_bytes().partition(b"\n")
    body = change(body[:-1])
    head = json.loads(head_line)
    del head["signature"]
    head["rows_sha256"] = hashlib.sha256(body).hexdigest()
    head["signature"] = sign(head, load_signing_key(str(keys / "SH-001.key")))
    path.write_bytes(json.dumps(head).encode() + b"\n" + body + b"\n")


@pytest.mark.parametrize("how", ["row edited", "row malformed but signed", "header edited",
                                 "register edited", "register cut", "FIFO", "link out",
                                 "no real time but signed", "header only"])
def test_a_checkpoint_that_does_not_hold_is_not_used(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _signing: Path, how: str) -> None:
    root, _ = register
    path, log = checkpoint.path_of(root, "SH-001"), root / "SH-001" / "complaints.jsonl"
    expected = listing(capsys, root, monkeypatch, "before", None)
    if how == "row edited":  # a reopened case shown as closed, signature untouched
        _rewrite(path, lambda b: b.replace(b'"reopened"', b'"closed"', 1))
    elif how == "row malformed but signed":  # the trusted key signed a row the fold never makes
        _resign(root, tmp_path / "keys", lambda b: b.replace(b'"reopened"', b'"lost"', 1))
    elif how == "no real time but signed":  # a step on a day the calendar has not
        def impossible(body: bytes) -> bytes:
            changed, n = re.subn(rb'\["accept", ?("[^"]*"), ?"[^"]+"',
                                 rb'["accept",\1,"2025-02-30T10:00+08:00"', body, count=1)
            assert n == 1
            return changed
        _resign(root, tmp_path / "keys", impossible)
    elif how == "header only":  # the signed header, no line break, no rows
        path.write_bytes(path.read_bytes().partition(b"\n")[0])
    elif how == "header edited":
        path.write_bytes(path.read_bytes().replace(b'"cases":4', b'"cases":3', 1))
    elif how == "register edited":
        log.write_bytes(log.read_bytes().replace("需调取录像".encode(), "无需理由".encode()))
    elif how == "register cut":
        log.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:-1]))
    elif how == "FIFO":
        path.unlink()
        os.mkfifo(path)
    else:
        outside = tmp_path / "outside.checkpoint"
        outside.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(outside)
    full = Full(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "after"))
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(_signing))
    code, out, err = run(capsys, root, "list", "--status", "all", "-f", "json")
    assert code == 0 and full.count == 1
    if how.startswith("register"):  # reported by the full verification
        assert ("was changed" in err) if how == "register edited" else ("removed" in err)
    else:
        assert out == expected and err == ""


def test_lines_after_the_checkpoint_are_verified_and_a_new_one_is_due_past_a_sixteenth(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        _signing: Path) -> None:
    """Each case is one line of about 400 bytes: with 20-odd lines a sixteenth of the
    register is more than one line and less than two."""
    root = tmp_path / "results"
    log = root / "SH-001" / "complaints.jsonl"
    for n in range(20):
        new(capsys, root, f"2025-10-{1 + n % 9:02d}T09:00:00+08:00", 3)
    path = checkpoint.path_of(root, "SH-001")
    signed = path.read_bytes()
    monkeypatch.delenv("BRANCHCHECK_SIGN_KEY")  # a colleague who does not sign
    late = new(capsys, root, "2025-10-09T09:00:00+08:00", 3)
    assert path.read_bytes() == signed
    with monkeypatch.context() as m:
        Full(m, refuse=True)
        rows = json.loads(listing(capsys, root, monkeypatch, "reader", _signing))
    assert len(rows) == 21 and late in {r["id"] for r in rows}
    monkeypatch.setenv("BRANCHCHECK_SIGN_KEY", str(tmp_path / "keys" / "SH-001.key"))

    def head() -> dict[str, Any]:
        return dict(json.loads(path.read_bytes().partition(b"\n")[0]))

    # two lines or more after the checkpoint: a new one covering the whole register
    new(capsys, root, "2025-10-09T10:00:00+08:00", 3)
    assert (head()["cases"], head()["size"]) == (22, log.stat().st_size)
    renewed = path.read_bytes()
    new(capsys, root, "2025-10-09T11:00:00+08:00", 3)  # one line after it: not yet due
    lines = log.read_bytes().splitlines(keepends=True)
    assert len(lines[-1]) <= log.stat().st_size // checkpoint.RENEW < 2 * len(lines[-1])
    assert path.read_bytes() == renewed
    new(capsys, root, "2025-10-09T12:00:00+08:00", 3)  # two lines: renewed
    assert (head()["cases"], head()["size"]) == (24, log.stat().st_size)
    rows = json.loads(listing(capsys, root, monkeypatch, "reader-2", _signing))
    assert len(rows) == 24


def test_an_unusable_signing_key_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "results"
    missing = tmp_path / "keys" / "nobody.key"
    monkeypatch.setenv("BRANCHCHECK_SIGN_KEY", str(missing))
    for lang, words in (("en", "cannot read key file"), ("zh", "无法读取密钥文件")):
        code, out, err = run(capsys, root, "new", "--branch", "SH-001", "--channel",
                             "counter", "--received", "2025-10-09T09:00:00+08:00",
                             "--promise-days", "3", "--lang", lang)
        assert code == 2 and out == "" and words in err and str(missing) in err
        assert "Traceback" not in err
    assert not (root / "SH-001" / "complaints.jsonl").exists()


def _mutations() -> list[tuple[str, Any]]:
    """Ways a row can differ from what the fold makes: (what, change to one row)."""
    def at(part: int, index: int, value: Any) -> Any:
        def change(row: list[Any]) -> None:
            row[part][index] = value
        return change

    def step(index: int, value: Any) -> Any:
        def change(row: list[Any]) -> None:
            row[1][0][index] = value
        return change

    return [("id not text", at(0, 0, 7)), ("unknown status", at(0, 17, "lost")),
            ("not a day", at(0, 11, "2025-02-30")), ("day as text", at(0, 13, "soon")),
            ("rule without days", at(0, 12, {"count": "calendar", "roll": True})),
            ("promise too long", at(0, 10, 999)), ("personal not text", at(0, 8, {"a": []})),
            ("reopened negative", at(2, 9, -1)), ("extension not a mapping", at(2, 10, [1])),
            ("action not text", at(2, 12, [None])), ("unknown step", step(0, "dance")),
            ("unknown outcome", step(4, "angry")), ("step short", lambda r: r[1][0].pop()),
            ("step at no time", step(2, "2025-10-09T25:00+08:00")),
            ("told on no day", at(2, 4, "2025-02-30T10:00+08:00")),
            ("row short", lambda r: r.pop()), ("field missing", lambda r: r[0].pop())]


def test_rows_read_back_exactly_and_any_other_shape_is_refused(
        register: tuple[Path, dict[str, str]]) -> None:
    import dataclasses

    from branchcheck.actions.log import read_log
    from branchcheck.complaints import caserows
    from branchcheck.complaints.model import CHAIN
    from branchcheck.complaints.state import derive

    root, ids = register
    cases = derive(read_log(root, "SH-001", chain=CHAIN)).cases
    text = json.dumps(caserows.rows(cases.values()))
    back = caserows.checked(json.loads(text))
    assert back is not None and list(back) == list(cases)
    for case_id, case in cases.items():
        want = {k: v for k, v in dataclasses.asdict(case).items() if k != "events"}
        got = {k: v for k, v in dataclasses.asdict(back[case_id]).items() if k != "events"}
        assert json.loads(json.dumps(got)) == json.loads(json.dumps(want))
        assert all(type(s).__name__ == "Step" for s in back[case_id].steps)
    assert cases[ids["A"]].personal and cases[ids["B"]].extensions  # the shapes covered
    assert cases[ids["C"]].escalations
    for what, change in _mutations():
        rows = json.loads(text)
        change(rows[0])
        assert caserows.checked(rows) is None, what
    assert caserows.checked(json.loads(text) * 2) is None  # an id twice


def test_without_a_trust_folder_no_signature_code_is_loaded(
        register: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    import subprocess
    import sys

    root, _ = register
    code = ("import sys\nfrom branchcheck.cli import run\n"
            f"code = run(['complaints', 'list', '--results-dir', {str(root)!r}])\n"
            "heavy = [m for m in sys.modules if m.startswith('cryptography')]\n"
            "sys.exit(code if not heavy else 99)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("BRANCHCHECK_TRUST",
                                                             "BRANCHCHECK_SIGN_KEY")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, env=dict(env, XDG_CACHE_HOME=str(tmp_path / "fresh")))
    assert done.returncode == 0, done.stderr


def test_a_checkpoint_signed_by_another_key_is_replaced_at_the_next_signed_change(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """However little the register grew: a checkpoint this key did not sign (another
    signer's, or a planted one) would otherwise stand until a sixteenth grew after it."""
    root, ids = register
    path = checkpoint.path_of(root, "SH-001")
    path.unlink()  # the next signed change writes one covering the whole register
    ok(capsys, root, "step", ids["C"], "judge", "--at", "2025-10-10T09:00+08:00")
    log = root / "SH-001" / "complaints.jsonl"
    assert json.loads(path.read_bytes().partition(b"\n")[0])["size"] == log.stat().st_size
    fingerprint = new_pair(tmp_path / "new", "SH-001")[2]
    monkeypatch.setenv("BRANCHCHECK_SIGN_KEY", str(tmp_path / "new" / "SH-001.key"))
    before = json.loads(path.read_bytes().partition(b"\n")[0])
    assert before["signature"]["key"] != fingerprint
    ok(capsys, root, "step", ids["C"], "confirm", "--at", "2025-10-10T10:00+08:00")
    lines = log.read_bytes().splitlines(keepends=True)
    assert len(lines[-1]) <= log.stat().st_size // checkpoint.RENEW  # not due by growth
    after = json.loads(path.read_bytes().partition(b"\n")[0])
    assert after["signature"]["key"] == fingerprint and after["size"] == log.stat().st_size


def _signing_writer(root: Path, n: int) -> None:
    from branchcheck.complaints import register as reg
    from branchcheck.complaints import rules as clock

    for k in range(4):
        intake = reg.Intake(branch="SH-001", channel="counter", promise_days=3,
                            received="2025-10-09T09:00:00+08:00", summary=f"case {n}-{k}")
        reg.new(root, intake, f"writer-{n}", clock.load(), clock.calendar())


def test_concurrent_signing_writers_leave_a_checkpoint_that_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _signing: Path) -> None:
    """Six processes register four cases each at once, each signing: nothing is lost,
    and the checkpoint left (written under the register's lock) lists all 24."""
    from branchcheck.complaints.state import derive
    from tests.actions_helpers import run_at_once

    root = tmp_path / "results"
    run_at_once(_signing_writer, [(root, n) for n in range(6)])
    Full(monkeypatch, refuse=True)
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(_signing))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "reader"))
    log, state = snapshot.load(root, "SH-001")
    assert not log.problems and not state.problems
    assert sorted(c.summary for c in state.cases.values()) == sorted(
        f"case {n}-{k}" for n in range(6) for k in range(4))
    from branchcheck.actions.log import read_log
    from branchcheck.complaints.model import CHAIN

    full = derive(read_log(root, "SH-001", chain=CHAIN))
    assert [c.status for c in full.cases.values()] == [c.status for c in state.cases.values()]


def test_a_change_reads_the_register_as_remembered_and_never_from_the_checkpoint(
        register: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, _signing: Path) -> None:
    """A writer with a memory of the register verifies only what came after it (not
    50,000 events per change); one without (a trusting colleague) verifies in full
    rather than take the checkpoint, whose names are blank, into its memory."""
    from branchcheck.actions import writer

    root, ids = register
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(_signing))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root.parent / "colleague"))
    full = Full(monkeypatch)
    ok(capsys, root, "step", ids["C"], "judge", "--at", "2025-10-10T09:00+08:00")
    assert full.count == 1  # finding the case: the checkpoint; under the lock: in full
    ledger = ok(capsys, root, "register", "--branch", "SH-001", "-f", "csv", "--personal")
    assert "张三" in ledger and full.count == 1  # from the memory the change left
    with monkeypatch.context() as m:
        Full(m, refuse=True)
        m.setattr(writer, "checked", lambda *a, **k: pytest.fail("verified in full"))
        ok(capsys, root, "step", ids["C"], "confirm", "--at", "2025-10-10T10:00+08:00")
        got = listing(capsys, root, monkeypatch, "colleague", _signing)
    assert got == listing(capsys, root, monkeypatch, "someone-else", None)
    assert {r["id"]: r for r in json.loads(got)}[ids["C"]]["status"] == "handling"
