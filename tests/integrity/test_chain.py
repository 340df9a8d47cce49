"""``branchcheck verify``: the chain of a branch's results, through the CLI."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.results import storage
from branchcheck.results.chain import walk
from tests.integrity.helpers import daily, digest, load, save, stored

pytestmark = pytest.mark.usefixtures("integrity_env")


def chain_of(root: Path, n: int = 5) -> list[Path]:
    """``n`` daily-opening results of SH-001, one a day in May 2024, stored in order."""
    return [stored(root, daily(fails=("brochures-current",) if i % 2 else (),
                               finished=f"2024-05-0{i + 1}T09:00:00+08:00"))
            for i in range(n)]


def verify(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["verify", "--branch", "SH-001", "--results-dir", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_chain_verifies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path)
    code, out, err = verify(capsys, tmp_path)
    assert (code, err) == (0, "")
    first, *late = out.splitlines()
    assert first == "OK SH-001 / daily-opening: 5 results, chain intact, all verified " \
                    "(0 with a trusted signature, 5 late entries (补录))"
    # finished in May 2024, stored today: every one is a late entry (issue 25, N12)
    assert len(late) == 5 and all("late entry (补录): stored" in line for line in late)
    assert load(paths[0])["previous"] is None
    for before, after in itertools.pairwise(paths):
        assert load(after)["previous"] == digest(before)
        assert load(after)["previous_file"] == before.name
    code, out, _ = verify(capsys, tmp_path, "-f", "json")
    data = json.loads(out)
    assert code == 0 and data[0]["ok"] is True and len(data[0]["results"]) == 5
    assert [r["integrity"]["state"] for r in data[0]["results"]] == ["verified"] * 5


def test_deleted_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path)
    gone = digest(paths[2])
    paths[2].unlink()
    code, out, _ = verify(capsys, tmp_path)
    assert code == 1 and "FAILED SH-001 / daily-opening: 4 results, 1 problems:" in out
    assert (f"{paths[3]} (2024-05-04T09:00:00+08:00): the result before it (sha256 "
            f"{gone[:12]}…) is missing: deleted") in out


def test_edited_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path)
    data = load(paths[1])
    data["reviewer"] = "Someone else"  # consistent with the checklist: only the chain sees it
    save(paths[1], data)
    assert storage.read_result(paths[1]).integrity.state == "verified"  # type: ignore[union-attr]
    code, out, _ = verify(capsys, tmp_path)
    assert code == 1
    assert f"{paths[1]} (2024-05-02T09:00:00+08:00): edited after {paths[2]} was stored" in out


def test_inserted_result_is_a_fork(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path)
    forged = load(paths[2])
    forged["reviewer"] = "Inserted"
    inserted = paths[2].with_name(paths[2].stem + "-2.yaml")  # stored just after paths[2]
    assert paths[2].stem < inserted.stem < paths[3].stem
    save(inserted, forged)  # claims the same predecessor as paths[2]
    code, out, _ = verify(capsys, tmp_path)
    assert code == 1 and "fork: " in out and f"all claim to follow {paths[1]}" in out
    assert str(inserted) in out


def test_inserted_first_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path, 3)
    forged = load(paths[1])
    forged["previous"] = forged["previous_file"] = None
    save(paths[1], forged)
    code, out, _ = verify(capsys, tmp_path)
    assert code == 1 and f"{paths[1]} (2024-05-02T09:00:00+08:00): claims to be the first " \
                         "result, but 1 stored before it" in out


def test_unverified_and_tampered_results_fail_verify(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    paths = chain_of(tmp_path, 2)
    data = load(paths[1])
    data["checklist"]["sha256"] = "a" * 64
    save(paths[1], data)
    code, out, _ = verify(capsys, tmp_path)
    version = data["checklist"]["version"]
    assert code == 1 and f"{paths[1]} (2024-05-02T09:00:00+08:00): unverified: checklist " \
                         f"daily-opening v{version} (sha256 aaaaaaaaaaaa…) not found" in out
    data["checklist"]["sha256"] = load(paths[0])["checklist"]["sha256"]
    data["overall"]["final"] = 12.5
    save(paths[1], data)
    code, out, _ = verify(capsys, tmp_path)
    assert code == 1 and f"{paths[1]} (2024-05-02T09:00:00+08:00): tampered: " in out


def test_checklist_given_by_file_verifies(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core import resources
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.chain import store_result

    own = tmp_path / "lists" / "own.yaml"
    own.parent.mkdir()
    text = resources.bundled_checklist("daily-opening").read_text(  # type: ignore[union-attr]
        encoding="utf-8")
    own.write_text(text.replace("id: daily-opening", "id: own-opening", 1), encoding="utf-8")
    ck = load_checklist(str(own))
    answers = {item.id: Answer(item.id, item.options[0].key if item.type == "choice" else "pass")
               for _, item in ck.items()}
    root = tmp_path / "r"
    store_result(make_result(ck, answers, branch="SH-001", reviewer="x", lang="en",
                             started="2024-05-01T09:00:00+08:00",
                             finished="2024-05-01T09:00:00+08:00"), root=root)
    code, out, _ = verify(capsys, root)
    assert code == 1 and "unverified" in out
    code, out, _ = verify(capsys, root, "--checklists", str(own.parent))
    assert code == 0 and "all verified" in out


def test_no_results_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = verify(capsys, tmp_path)
    assert code == 2 and out == "" and "no stored results for branch SH-001" in err


def test_concurrent_scores_keep_the_chain_linear(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("checklist: daily-opening\nbranch: SH-001\n"
                       "answers: {entrance-clean: pass, forms-tidy: fail}\n", encoding="utf-8")
    root = tmp_path / "r"
    procs = [subprocess.Popen([sys.executable, "-m", "branchcheck", "score", "daily-opening",
                               "-a", str(answers), "--results-dir", str(root), "-f", "json"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(6)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    chain = walk(root, "SH-001", "daily-opening")
    assert len(chain.links) == 6 and chain.ok, chain.problems
    assert [x.previous for x in chain.links[1:]] == [x.digest for x in chain.links[:-1]]


def test_remembered_verdicts_are_used_and_forged_ones_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = chain_of(tmp_path, 3)
    assert walk(tmp_path, "SH-001", "daily-opening").ok
    cache = tmp_path / "cache" / "branchcheck" / "verified"
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != "key"]
    assert len(entries) == 3 and (cache / "key").stat().st_mode & 0o077 == 0

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed although remembered")

    with monkeypatch.context() as m:
        m.setattr(storage, "load_result", no_parsing)
        again = walk(tmp_path, "SH-001", "daily-opening")
    assert again.ok and [x.previous for x in again.links] == [None, digest(paths[0]),
                                                              digest(paths[1])]
    for entry in entries:  # forged verdicts (no key): claim the chain starts anywhere
        doc = json.loads(entry.read_text(encoding="utf-8"))
        doc["fields"]["previous"] = None
        entry.write_text(json.dumps(doc), encoding="utf-8")
    assert walk(tmp_path, "SH-001", "daily-opening").ok  # the files were read again
