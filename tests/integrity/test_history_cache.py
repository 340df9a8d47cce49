"""The history cache (``branchcheck.results.history_cache``): it serves a file seen
before without parsing it, and is never believed beyond what it can prove -- not an
edited file, not an edited, foreign, cut or oversized cache, not a stale "checklist
not found", not a trust decision."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run
from branchcheck.core import resources
from branchcheck.core.model import Answer
from branchcheck.core.scoring import make_result
from branchcheck.results import history, history_cache
from tests.integrity.helpers import RED_LINE, daily, forge, load, save, stored

pytestmark = pytest.mark.usefixtures("integrity_env")


def days(root: Path, n: int = 3) -> list[Path]:
    """``n`` daily-opening results of SH-001 on consecutive days (chained)."""
    fails = [(RED_LINE,), ("brochures-current",), ()]
    return [stored(root, daily(fails[k % 3], finished=f"2024-05-0{k + 1}T09:30:00+08:00"))
            for k in range(n)]


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "branchcheck" / "history").glob("*.json"))


def test_a_file_seen_before_is_served_and_agrees(tmp_path: Path) -> None:
    root = tmp_path / "r"
    days(root)
    first = history.load(root, "SH-001", use_cache=True)
    assert (first.parsed, first.cached) == (3, 0)
    second = history.load(root, "SH-001", use_cache=True)
    assert (second.parsed, second.cached) == (0, 3)
    assert second.results == first.results  # every figure, text and verdict the same
    finals = [r.overall_final for r in second.results]
    assert finals[0] == 0.0 and finals[2] == 100.0  # the red line failed; all passed
    assert [r.integrity.state for r in second.results if r.integrity] == ["verified"] * 3
    assert history.build(second.results) == history.build(first.results)
    (kept,) = cache_files(tmp_path)
    assert os.name != "posix" or kept.stat().st_mode & 0o077 == 0  # names reviewers: private
    assert sorted(p.name for p in root.iterdir()) == ["SH-001"]  # never in the results folder


def test_an_edit_keeping_size_and_mtime_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "r"
    target = days(root)[2]
    history.load(root, "SH-001", use_cache=True)
    st = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("final: 100.0", "final: 90.00", 1)
    assert edited != text and len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = history.load(root, "SH-001", use_cache=True)
    assert (again.parsed, again.cached) == (0, 2)
    assert [p for p, _ in again.skipped] == [str(target)] and str(target) in again.tampered


def test_a_replaced_file_is_read_again(tmp_path: Path) -> None:
    root = tmp_path / "r"
    paths = days(root)
    history.load(root, "SH-001", use_cache=True)
    data = load(paths[0])
    data["reviewer"] = "Zhao"  # not a figure: a valid result with other bytes
    save(paths[0], data)
    again = history.load(root, "SH-001", use_cache=True)
    assert (again.parsed, again.cached) == (1, 2)
    assert again.results[0].reviewer == "Zhao"


def test_an_edited_cache_is_not_believed(tmp_path: Path) -> None:
    root = tmp_path / "r"
    days(root)
    history.load(root, "SH-001", use_cache=True)
    (cache,) = cache_files(tmp_path)
    magic, mac, body = cache.read_bytes().split(b"\n", 2)
    doc = json.loads(body)
    for entry in doc["entries"].values():
        entry[3][9] = 99.0  # the overall final score
    forged = json.dumps(doc).encode()
    cache.write_bytes(b"\n".join((magic, mac, forged)))  # the old MAC
    again = history.load(root, "SH-001", use_cache=True)
    assert (again.parsed, again.cached) == (3, 0)
    other = hmac.new(b"k" * 32, history_cache.FORMAT + b"|", hashlib.sha256)
    cache.write_bytes(b"\n".join((magic, other.hexdigest().encode(), forged)))  # a new MAC
    again = history.load(root, "SH-001", use_cache=True)
    assert (again.parsed, again.cached) == (3, 0)
    assert 99.0 not in [r.overall_final for r in again.results]


def test_a_cut_or_broken_cache_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "r"
    days(root)
    history.load(root, "SH-001", use_cache=True)
    (cache,) = cache_files(tmp_path)
    raw = cache.read_bytes()
    for broken in (raw[: len(raw) // 2], b"{not json", b"", raw + b" "):
        cache.write_bytes(broken)
        assert history.load(root, "SH-001", use_cache=True).parsed == 3


def test_another_users_cache_is_not_believed(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    days(root)
    history.load(root, "SH-001", use_cache=True)
    (cache,) = cache_files(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other"))
    history.load(root, "SH-001", use_cache=True)  # makes the other user's key
    (theirs,) = (tmp_path / "other" / "branchcheck" / "history").glob("*.json")
    shutil.copyfile(cache, theirs)
    assert history.load(root, "SH-001", use_cache=True).parsed == 3


def test_checklist_not_found_is_not_believed_once_it_is_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy of daily-opening under its own id: results of it are "unverified" until
    # $BRANCHCHECK_CHECKLISTS names it. A forger drops the red-line flag and recomputes
    # every figure: self-consistent, so unverified (and cached as such) at first.
    text = resources.bundled_checklist("daily-opening").read_text(encoding="utf-8")
    assert "id: daily-opening\n" in text
    own = tmp_path / "cks" / "daily-copy.yaml"
    own.parent.mkdir()
    own.write_text(text.replace("id: daily-opening\n", "id: daily-copy\n", 1), encoding="utf-8")
    ck = load_checklist(str(own))
    answers = {i.id: Answer(i.id, i.options[0].key if i.type == "choice"
                            else "fail" if i.id == RED_LINE else "pass") for _, i in ck.items()}
    root = tmp_path / "r"
    path = stored(root, make_result(ck, answers, branch="SH-001", reviewer="Wang", lang="en",
                                    started="2024-05-01T09:30:00+08:00",
                                    finished="2024-05-01T09:30:00+08:00"))
    data = load(path)
    next(i for i in data["items"] if i["id"] == RED_LINE)["critical"] = None
    forge(data)
    save(path, data)
    first = history.load(root, "SH-001", use_cache=True)
    assert [r.integrity.state for r in first.results if r.integrity] == ["unverified"]
    assert first.results[0].overall_final is not None and first.results[0].overall_final > 75
    assert history.load(root, "SH-001", use_cache=True).cached == 1
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(own.parent))
    found = history.load(root, "SH-001", use_cache=True)
    assert (found.cached, found.results) == (0, ())
    assert str(path) in found.tampered and "critical differs" in found.skipped[0][1]


def test_who_trusts_the_signer_is_decided_each_time(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    keys, trust, root = tmp_path / "keys", tmp_path / "trust", tmp_path / "r"
    assert run(["keys", "new", "--out", str(keys), "--name", "SH-001"]) == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("checklist: daily-opening\nbranch: SH-001\nreviewer: Wang\n"
                       "finished: 2024-05-01T09:00:00+08:00\nanswers: {entrance-clean: pass}\n",
                       encoding="utf-8")
    assert run(["score", "daily-opening", "-a", str(answers), "--results-dir", str(root),
                "--sign-key", str(keys / "SH-001.key")]) == 0
    capsys.readouterr()
    first = history.load(root, "SH-001", use_cache=True)
    assert [r.integrity.signature for r in first.results if r.integrity] == ["untrusted"]
    trust.mkdir()
    shutil.copyfile(keys / "SH-001.pub", trust / "SH-001.pub")
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(trust))
    again = history.load(root, "SH-001", use_cache=True)
    assert again.cached == 1
    assert [(r.integrity.signature, r.integrity.signer) for r in again.results
            if r.integrity] == [("trusted", "SH-001")]


def test_a_cache_over_the_bound_is_neither_written_nor_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    days(root)
    bound = history_cache.MAX_BYTES
    monkeypatch.setattr(history_cache, "MAX_BYTES", 1000)
    assert history.load(root, "SH-001", use_cache=True).parsed == 3
    assert cache_files(tmp_path) == []
    monkeypatch.setattr(history_cache, "MAX_BYTES", bound)
    history.load(root, "SH-001", use_cache=True)
    assert len(cache_files(tmp_path)) == 1
    monkeypatch.setattr(history_cache, "MAX_BYTES", 1000)
    assert history.load(root, "SH-001", use_cache=True).parsed == 3


def test_the_command_uses_the_cache_unless_told_not_to(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    root = tmp_path / "r"
    days(root)
    argv = ["history", "--branch", "SH-001", "--results-dir", str(root), "-f", "json"]
    assert run([*argv, "--no-cache"]) == 0
    assert cache_files(tmp_path) == []
    assert run(argv) == 0  # on by default
    assert len(cache_files(tmp_path)) == 1
    capsys.readouterr()


def test_at_most_max_files_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_cache, "MAX_FILES", 2)
    roots = [tmp_path / f"r{k}" for k in range(3)]
    for k, root in enumerate(roots):
        days(root, 1)
        before = set(cache_files(tmp_path))
        history.load(root, "SH-001", use_cache=True)
        (new,) = set(cache_files(tmp_path)) - before
        os.utime(new, ns=(10**18 + k, 10**18 + k))  # written in this order, whatever the clock
    assert len(cache_files(tmp_path)) == 2
    assert history.load(roots[0], "SH-001", use_cache=True).cached == 0  # the oldest went
    assert history.load(roots[2], "SH-001", use_cache=True).cached == 1
