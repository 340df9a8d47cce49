"""The complaint register's storage: the action log's hash chain under another name,
concurrent writers, edited / cut / torn registers, the action log left as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from branchcheck.actions.log import log_path, read_log
from branchcheck.complaints import register as reg
from branchcheck.complaints import rules as clock
from branchcheck.complaints.model import CHAIN, HEAD_NAME
from branchcheck.core.errors import TamperedError
from tests.actions_helpers import run_at_once

BRANCH = "SH-001"


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _new(root: Path, n: int = 0) -> str:
    intake = reg.Intake(branch=BRANCH, channel="counter",
                        received="2025-10-09T09:00:00+08:00", promise_days=3,
                        summary=f"case {n}", customer_ref=f"REF-{n}")
    return reg.new(root, intake, "tester", clock.load(), clock.calendar()).id


def _lines(root: Path) -> list[bytes]:
    return log_path(root, BRANCH, CHAIN).read_bytes().splitlines(keepends=True)


def _writer(root: Path, n: int) -> None:
    for k in range(5):
        _new(root, n * 10 + k)


def test_register_is_a_chain_of_its_own(tmp_path: Path) -> None:
    ids = [_new(tmp_path, n) for n in range(3)]
    log = read_log(tmp_path, BRANCH, chain=CHAIN)
    assert [e.action for e in log.events] == ids and not log.problems
    assert json.loads((tmp_path / BRANCH / HEAD_NAME).read_text())["seq"] == 3
    first = json.loads(_lines(tmp_path)[0])
    assert first["case"] == ids[0] and "action" not in first and first["type"] == "received"
    assert not (tmp_path / BRANCH / "actions.jsonl").exists()


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    run_at_once(_writer, [(tmp_path, n) for n in range(6)])
    log, state = reg.load(tmp_path, BRANCH)
    assert not log.problems and not state.problems
    assert sorted(c.summary for c in state.cases.values()) == sorted(
        f"case {n * 10 + k}" for n in range(6) for k in range(5))
    assert [e.seq for e in log.events] == list(range(1, 31))


def test_edited_register_is_reported_and_never_written(tmp_path: Path) -> None:
    _new(tmp_path, 1)
    _new(tmp_path, 2)
    lines = _lines(tmp_path)
    forged = lines[0].replace(b'"promise_days":3', b'"promise_days":9')
    log_path(tmp_path, BRANCH, CHAIN).write_bytes(forged + lines[1])
    log, _ = reg.load(tmp_path, BRANCH)
    assert log.tampered and [p.rule for p in log.problems] == ["log-edited"]
    with pytest.raises(TamperedError) as caught:
        _new(tmp_path, 3)
    assert "the complaint register has been tampered with" in caught.value.message
    assert log_path(tmp_path, BRANCH, CHAIN).read_bytes() == forged + lines[1]


def test_cut_register_is_reported_and_never_written(tmp_path: Path) -> None:
    for n in range(3):
        _new(tmp_path, n)
    log_path(tmp_path, BRANCH, CHAIN).write_bytes(b"".join(_lines(tmp_path)[:2]))
    log, state = reg.load(tmp_path, BRANCH)
    assert [p.rule for p in log.problems] == ["log-cut"] and len(state.cases) == 2
    with pytest.raises(TamperedError):
        _new(tmp_path, 9)


def test_torn_last_line_is_sealed_by_the_next_write(tmp_path: Path) -> None:
    _new(tmp_path, 1)
    with log_path(tmp_path, BRANCH, CHAIN).open("ab") as f:
        f.write(b'{"v":1,"seq":2,"case":"C-')
    log, _ = reg.load(tmp_path, BRANCH)
    assert [p.rule for p in log.problems] == ["log-truncated"] and not log.tampered
    _new(tmp_path, 2)
    log, state = reg.load(tmp_path, BRANCH)
    assert not log.tampered and len(state.cases) == 2
    assert [p.rule for p in log.problems] == ["log-repaired"]


def test_an_action_log_is_not_a_register(tmp_path: Path) -> None:
    """A register copied over the action log (or the reverse) is refused by shape."""
    _new(tmp_path, 1)
    folder = tmp_path / BRANCH
    (folder / "actions.jsonl").write_bytes((folder / "complaints.jsonl").read_bytes())
    (folder / "actions.head").write_bytes((folder / "complaints.head").read_bytes())
    log = read_log(tmp_path, BRANCH)
    assert log.tampered and "log-invalid" in [p.rule for p in log.problems]


def test_remembered_register_is_used_only_for_the_same_bytes_and_head(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from branchcheck.complaints import snapshot

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "r"
    _new(root, 1)
    _new(root, 2)
    two = log_path(root, BRANCH, CHAIN).read_bytes()
    assert list((tmp_path / "cache" / "branchcheck" / "complaints").rglob("*"))  # kept
    log, state = snapshot.load(root, BRANCH)
    assert sorted(c.summary for c in state.cases.values()) == ["case 1", "case 2"]
    assert not log.problems
    _new(root, 3)
    kept = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "key"]
    assert len(kept) == 1  # one entry per register, replaced as it grows
    # the older bytes put back: remembered, but the head names a later event
    log_path(root, BRANCH, CHAIN).write_bytes(two)
    log, state = snapshot.load(root, BRANCH)
    assert [p.rule for p in log.problems] == ["log-cut"] and log.tampered
    # an edited register is never served from memory
    log_path(root, BRANCH, CHAIN).write_bytes(two.replace(b"case 1", b"case 9"))
    log, _ = snapshot.load(root, BRANCH)
    assert "log-edited" in [p.rule for p in log.problems]


def test_a_planted_memory_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from branchcheck.complaints import snapshot

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "r"
    _new(root, 1)
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "key"]
    assert len(entries) == 1
    raw = entries[0].read_bytes()
    entries[0].write_bytes(raw.replace(b"case 1", b"forged"))  # MAC no longer holds
    _, state = snapshot.load(root, BRANCH)
    assert [c.summary for c in state.cases.values()] == ["case 1"]


def test_many_registers_are_verified_by_workers(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("duckdb")
    from branchcheck.network import warehouse as wh
    from branchcheck.network.complaints import prepare

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "r"
    for k in range(20):  # 20 registers: more than the 16 that make it worth a pool
        intake = reg.Intake(branch=f"O-{k:02d}", channel="letter",
                            received="2025-10-09T09:00:00+08:00", promise_days=1)
        reg.new(root, intake, "tester", clock.load(), clock.calendar())
    (root / "O-07" / "complaints.jsonl").write_bytes(b"{}\n")  # damaged
    with wh.writer(tmp_path / "w.duckdb") as con:
        found = prepare(con, [root], jobs=2)
    assert found.read == 20 and len(found.rows) == 19
    assert [p for p, _ in found.rejected] == [str(root / "O-07" / "complaints.jsonl")]
    assert {r[1] for r in found.rows} == {f"O-{k:02d}" for k in range(20)} - {"O-07"}


def _as_rows(state: object) -> list[tuple[object, ...]]:
    import dataclasses

    cases = state.cases.values()  # type: ignore[attr-defined]
    return sorted(tuple(v for k, v in dataclasses.asdict(c).items() if k != "events")
                  for c in cases)


def test_a_grown_register_verifies_only_its_new_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """User A remembered two cases; user B (another cache) then accepts case 1 and adds
    case 3. A's next read verifies only B's lines (a full verification would fail
    here) and gives exactly the cases of a full read; an edit inside the remembered
    bytes, or in the new lines, is reported as before."""
    from branchcheck.complaints import snapshot
    from branchcheck.complaints.state import derive

    root = tmp_path / "r"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    first = _new(root, 1)
    _new(root, 2)
    snapshot.load(root, BRANCH)
    two = log_path(root, BRANCH, CHAIN).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    reg.step(root, reg.locate(root, first), "accept", who="B",
             at="2025-10-09T10:00:00+08:00")
    _new(root, 3)
    grown = log_path(root, BRANCH, CHAIN).read_bytes()
    full = read_log(root, BRANCH, chain=CHAIN)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("verified in full")

    with monkeypatch.context() as m:
        m.setattr(snapshot, "verify_bytes", refuse)
        log, state = snapshot.load(root, BRANCH)
        assert not log.problems and not state.problems
        assert (log.size, log.last_seq, log.last_hash) == (len(grown), 4, full.last_hash)
        assert _as_rows(state) == _as_rows(derive(full))
        assert state.cases[first].status == "accepted"
        log, again = snapshot.load(root, BRANCH)  # the entry now names the grown bytes
        assert _as_rows(again) == _as_rows(state)
    # an edit inside the bytes A verified, with the new lines after it: reported
    log_path(root, BRANCH, CHAIN).write_bytes(
        two.replace(b"case 2", b"case 9") + grown[len(two):])
    log, _ = snapshot.load(root, BRANCH)
    assert "log-edited" in [p.rule for p in log.problems] and log.tampered
    # an edit in the new lines: reported
    log_path(root, BRANCH, CHAIN).write_bytes(two + grown[len(two):].replace(b"case 3",
                                                                               b"case 8"))
    log, _ = snapshot.load(root, BRANCH)
    assert "log-edited" in [p.rule for p in log.problems] and log.tampered
    # the new lines cut again after A verified them: the head names a later event
    log_path(root, BRANCH, CHAIN).write_bytes(grown)
    snapshot.load(root, BRANCH)
    log_path(root, BRANCH, CHAIN).write_bytes(two)
    log, _ = snapshot.load(root, BRANCH)
    assert [p.rule for p in log.problems] == ["log-cut"]


def test_a_little_growth_is_verified_each_read_and_not_rewritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """User A remembered 20 cases; B adds one (one line in 21: under a sixteenth of the
    bytes). A's reads verify that line each time (an edit in it is reported) and leave
    the entry as it was (no re-writing of 20 cases per read); once B's lines pass a
    sixteenth of the register (three lines in 23) the entry is renewed."""
    from branchcheck.complaints import snapshot
    from branchcheck.complaints.state import derive

    root = tmp_path / "r"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    for n in range(20):
        _new(root, n)
    snapshot.load(root, BRANCH)
    entries = list((tmp_path / "a").rglob("*"))
    entry = next(p for p in entries if p.is_file() and p.parent.parent.name == "complaints")
    kept = entry.read_bytes()
    size = log_path(root, BRANCH, CHAIN).stat().st_size
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    _new(root, 20)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    grown = log_path(root, BRANCH, CHAIN).stat().st_size
    assert grown - size <= grown // snapshot.RENEW  # one line of 21: a little growth

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("verified in full")

    full = read_log(root, BRANCH, chain=CHAIN)
    with monkeypatch.context() as m:
        m.setattr(snapshot, "verify_bytes", refuse)
        for _ in range(2):  # each read: the new line verified, the entry left alone
            log, state = snapshot.load(root, BRANCH)
            assert not log.problems and (log.size, log.last_seq) == (grown, 21)
            assert sorted(c.summary for c in state.cases.values()) == sorted(
                c.summary for c in derive(full).cases.values())
            assert entry.read_bytes() == kept
    raw = log_path(root, BRANCH, CHAIN).read_bytes()  # B's line edited: reported
    log_path(root, BRANCH, CHAIN).write_bytes(raw.replace(b"case 20", b"case 70"))
    log, _ = snapshot.load(root, BRANCH)
    assert "log-edited" in [p.rule for p in log.problems]
    log_path(root, BRANCH, CHAIN).write_bytes(raw)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    _new(root, 21)
    _new(root, 22)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    more = log_path(root, BRANCH, CHAIN).stat().st_size
    assert more - size > more // snapshot.RENEW
    with monkeypatch.context() as m:
        m.setattr(snapshot, "verify_bytes", refuse)
        log, state = snapshot.load(root, BRANCH)
        assert log.last_seq == 23 and len(state.cases) == 23
    assert entry.read_bytes() != kept  # renewed: it names the 23 cases now


@pytest.mark.parametrize(("kind", "data"), [
    ("received", {"reply_due": "2025-02-30"}), ("received", {"decision_due": "2025-13-01"}),
    ("received", {"received": "2025-02-29T09:00:00+08:00"}),
    ("received", {"received": "2025-10-09T25:00:00+08:00"}),
    ("step", {"step": "accept", "at": "2025-02-30T10:00+08:00"}),
    ("closed", {"at": "2025-04-31T10:00+08:00"})])
def test_an_impossible_day_in_a_register_is_reported_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
        data: dict[str, object]) -> None:
    """A register written by another tool with a day the calendar has not (the writer
    refuses them): the event is reported where it is, and the listing goes on."""
    from branchcheck.actions import writer
    from branchcheck.actions.log import NewEvent
    from branchcheck.cli import run

    root = tmp_path / "r"
    case = _new(root, 1)
    good = {"branch": BRANCH, "channel": "counter", "received": "2025-10-09T09:00:00+08:00",
            "promise_days": 3, "reply_due": "2025-10-14", "decision_due": "2025-10-24",
            "decision": {"count": "calendar", "days": 15, "extensions": [15], "roll": True}}
    event = NewEvent("received", "C-0000BAD0", "x", {**good, **data}) if kind == "received" \
        else NewEvent(kind, case, "x", data)
    with writer.locked(root, BRANCH, CHAIN):
        log = read_log(root, BRANCH, chain=CHAIN, locked=True)
        writer.add_events(root, BRANCH, [event], seq=log.last_seq, prev=log.last_hash,
                          size=log.size, chain=CHAIN)
    for lang, words in (("en", "must be"), ("zh", "应为")):
        code = run(["complaints", "list", "--status", "all", "-f", "json", "--results-dir",
                    str(root), "--lang", lang])
        out, err = capsys.readouterr()
        assert code == 0 and case in out and "C-0000BAD0" not in out, err
        assert "internal error" not in err and "内部错误" not in err
        assert "complaints.jsonl:2:" in err and words in err
        if lang == "zh":  # one language: nothing English but the key, ids and the rule
            assert not re.search(r"\b(?!YYYY|MM|DD|ISO)[A-Za-z]{3,}\b", re.sub(
                r"/\S+|'[a-z_]+'|（[a-z-]+）|\[register-invalid\]", "", err)), err
