"""Property (issue 25, done-when 2): every cache reads back what it wrote, and a cache
entry changed by anyone (any byte, cut short, random bytes) is a miss -- never an
exception, never a wrong value. Caches: verdicts (``Seen``), per-file memory
(``Memory``), the complaint snapshot, the validate cache, the history cache."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TRICKY = "\u2028\u2029\x85\n\r\x00\x1b\ud800\udcff\"\\{}[]字"
texts = st.one_of(st.text(max_size=30), st.text(alphabet=st.sampled_from(TRICKY + "ab"),
                                                max_size=30))
# a change to a stored entry: (where, as a fraction of its length; new bytes; cut)
damage = st.tuples(st.floats(0, 1), st.binary(min_size=0, max_size=8), st.booleans())
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="bc-cache-"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(where))
    yield where
    shutil.rmtree(where, ignore_errors=True)


def _damage(path: Path, change: tuple[float, bytes, bool]) -> bool:
    """Change the file at ``path``; whether its bytes now differ."""
    at, new, cut = change
    raw = path.read_bytes()
    i = int(at * len(raw))
    changed = raw[:i] if cut else raw[:i] + new + raw[i + len(new):]
    path.write_bytes(changed)
    return changed != raw


def _entries(folder: Path, skip: tuple[str, ...] = ("key",)) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in skip)


@SETTINGS
@given(st.dictionaries(texts, texts, max_size=4), damage)
def test_verdict_cache(cache: Path, fields: dict[str, Any],
                       change: tuple[float, bytes, bool]) -> None:
    from branchcheck.integrity.seen import Seen

    seen = Seen(cache / "v")
    digest = "a" * 64
    seen.put(digest, fields)
    kept = json.loads(json.dumps(fields)) == fields  # else not kept: never read back wrong
    assert Seen(cache / "v").get(digest) == (fields if kept else None)
    for entry in _entries(cache / "v"):
        if _damage(entry, change):
            assert Seen(cache / "v").get(digest) in (None, fields)
    shutil.rmtree(cache / "v")


@SETTINGS
@given(st.binary(max_size=200), texts, damage)
def test_memory(cache: Path, payload: bytes, slot: str,
                change: tuple[float, bytes, bool]) -> None:
    from branchcheck.integrity.memory import Memory

    memory = Memory("m", "fmt/1")
    digest = "b" * 64
    memory.put(slot, digest, payload)
    assert Memory("m", "fmt/1").get(slot, digest) == payload
    assert Memory("m", "fmt/1").get(slot, "c" * 64) is None  # kept for other bytes
    for entry in _entries(cache / "branchcheck" / "m"):
        if _damage(entry, change):
            assert Memory("m", "fmt/1").get(slot, digest) in (None, payload)
    shutil.rmtree(cache / "branchcheck" / "m")


@SETTINGS
@given(damage)
def test_complaint_snapshot(cache: Path, change: tuple[float, bytes, bool]) -> None:
    from branchcheck.complaints import register as reg
    from branchcheck.complaints import rules as clock
    from branchcheck.complaints import snapshot

    root = cache / "r"
    if not (root / "SH-001").exists():  # one register for every example
        reg.new(root, reg.Intake(branch="SH-001", channel="letter",
                                 received="2025-10-09T09:00:00+08:00", promise_days=1,
                                 summary="字\u2028\"\\{}[]\x85"), "tester", clock.load(),
                clock.calendar())
    folder = cache / "branchcheck" / "complaints"
    snapshot.load(root, "SH-001")  # verified and remembered (if not yet)
    _, want = snapshot.load(root, "SH-001")
    assert all(not c.events for c in want.cases.values())  # read from the memory
    for entry in _entries(folder):
        if _damage(entry, change):
            log, got = snapshot.load(root, "SH-001")  # a miss: verified in full again
            assert not log.problems
            assert [dataclasses.replace(c, events=[]) for c in got.cases.values()] == list(
                want.cases.values())
    shutil.rmtree(folder)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), texts, texts),
                max_size=3), damage)
def test_validate_cache(cache: Path, warnings: list[tuple[int, int, str, str]],
                        change: tuple[float, bytes, bool]) -> None:
    from branchcheck.checklists.checker import _Cache
    from branchcheck.checklists.loading import Report
    from branchcheck.core.errors import Problem

    file = cache / "c.yaml"
    file.write_text("id: x\n", encoding="utf-8")
    problems = tuple(Problem(str(file), line, col, rule, message, "warning", "/")
                     for line, col, rule, message in warnings)
    folder = cache / "validate"
    _Cache(str(folder), b"k" * 32).put(str(file), Report(str(file), problems, None))
    got = _Cache(str(folder), b"k" * 32).get(str(file), 10**6)
    written = _entries(folder)
    if not written:  # text the cache cannot store is simply not cached
        assert got is None
        return
    assert got is not None and got.problems == problems
    for entry in written:
        if _damage(entry, change):
            again = _Cache(str(folder), b"k" * 32).get(str(file), 10**6)
            assert again is None or isinstance(again, Report)
    shutil.rmtree(folder)


EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"


@SETTINGS
@given(texts, texts, damage)
def test_history_cache(cache: Path, reviewer: str, name: str,
                       change: tuple[float, bytes, bool]) -> None:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.integrity.assess import Verdict
    from branchcheck.results.history_cache import ResultCache
    from branchcheck.results.summary import summarise

    ck = load_checklist(str(EXAMPLE))
    result = make_result(ck, {"hall-tidy": Answer("hall-tidy", "pass")}, branch="SH-001",
                         reviewer="x", lang="en", started="2024-05-01T08:00:00+08:00",
                         finished="2024-05-01T08:30:00+08:00")
    summary = dataclasses.replace(summarise(result), reviewer=reviewer, path="p")
    where = cache / "h"
    one = ResultCache(cache, "SH-001", ck.id, where=where)
    one.put(name, "e" * 64, summary, Verdict("unverified", "why"))
    one.save([name])  # must never raise, whatever the text
    got = ResultCache(cache, "SH-001", ck.id, where=where).get(name, "e" * 64, "p")
    if got is not None:
        assert dataclasses.replace(got, integrity=None) == dataclasses.replace(
            summary, integrity=None)
    for entry in _entries(where):
        if entry.suffix == ".json" and _damage(entry, change):
            again = ResultCache(cache, "SH-001", ck.id, where=where).get(name, "e" * 64, "p")
            assert again is None or again.reviewer == reviewer
    shutil.rmtree(where, ignore_errors=True)


def test_memory_never_opens_a_fifo_or_follows_a_link_out(cache: Path) -> None:
    import os
    import threading

    from branchcheck.integrity.memory import Memory

    memory = Memory("m", "fmt/1")
    memory.put("slot", "b" * 64, b"payload")
    [entry] = _entries(cache / "branchcheck" / "m")
    entry.unlink()
    os.mkfifo(entry)  # an open() would block here for ever
    got: list[bytes | None] = []
    reader = threading.Thread(target=lambda: got.append(memory.get("slot", "b" * 64)),
                              daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert got == [None]
    entry.unlink()
    outside = cache / "elsewhere"
    outside.write_bytes(b"x")
    entry.symlink_to(outside)
    assert memory.get("slot", "b" * 64) is None
