"""Result storage: atomic writes, never overwrite, safe ids, re-validation, tamper checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from branchcheck import storage
from branchcheck.errors import InputError, StorageError, TamperedError, UsageError
from branchcheck.loading import load_checklist
from branchcheck.model import Answer, AnswerValue, Result
from branchcheck.scoring import make_result

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "scoring" / "weights.yaml"
ANSWERS: dict[str, AnswerValue] = {
    "tidy": "pass", "signage": "fail", "has-atm": "pass", "atm-clean": "pass",
    "safe-locked": "pass", "greeting": 4, "product-fit": "b", "answer-rate": 80,
    "no-misleading": "pass", "remarks": "排队较长", "cctv": "na", "alarm-tested": "pass"}


@pytest.fixture
def result() -> Result:
    ck = load_checklist(str(WEIGHTS))
    return make_result(ck, {k: Answer(k, v, "备注" if v == "fail" else None)
                            for k, v in ANSWERS.items()},
                       branch="SH-001", reviewer="王芳", lang="zh",
                       started="2024-05-01T09:30:00+08:00", finished="2024-05-01T10:00:00+08:00")


def test_round_trip_keeps_everything(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    assert path.parent == tmp_path / "SH-001" / "weights-demo"
    assert path.suffix == ".yaml"
    back = storage.read_result(path)
    assert back.score == result.score
    assert (back.branch, back.reviewer, back.started, back.finished) == (
        "SH-001", "王芳", "2024-05-01T09:30:00+08:00", "2024-05-01T10:00:00+08:00")
    assert back.checklist_sha256 == result.checklist_sha256
    assert back.path == str(path)
    # machine consumers rely on these keys
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"checklist", "branch", "reviewer", "overall", "grade", "coverage", "complete",
            "sections", "items"} <= set(data)
    assert set(data["checklist"]) >= {"id", "version", "sha256"}
    assert set(data["sections"][0]) >= {"id", "raw", "final", "knocked_out"}
    assert set(data["items"][0]) >= {"id", "status", "value", "fraction", "note"}
    assert "王芳" in path.read_text(encoding="utf-8")  # unicode kept, not escaped


def test_write_never_overwrites(tmp_path: Path, result: Result) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("precious\n", encoding="utf-8")
    with pytest.raises(StorageError, match="already exists"):
        storage.write_result(result, path=target)
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]  # no temp file left


def test_two_results_get_two_files(tmp_path: Path, result: Result) -> None:
    a = storage.write_result(result, root=tmp_path)
    b = storage.write_result(result, root=tmp_path)
    assert a != b and a.exists() and b.exists()


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    storage.atomic_write(target, b"one")
    storage.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.txt"]


def test_atomic_write_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.yaml"
    target.write_bytes(b"old complete content")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StorageError, match="No space left"):
        storage.atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old complete content"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_atomic_write_into_unusable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="cannot write"):
        storage.atomic_write(blocker / "sub" / "f.yaml", b"data")


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "SH 001", " SH-001", "..", "x" * 65,
                                 "SH-001\n", "网点1"])
def test_branch_ids_are_validated(bad: str) -> None:
    with pytest.raises(UsageError, match="invalid branch id"):
        storage.check_branch(bad)


@pytest.mark.parametrize("good", ["SH-001", "bj_2", "A", "x" * 64])
def test_good_branch_ids(good: str) -> None:
    assert storage.check_branch(good) == good


def test_write_refuses_unsafe_branch(tmp_path: Path, result: Result) -> None:
    from dataclasses import replace

    with pytest.raises(UsageError):
        storage.write_result(replace(result, branch="../x"), root=tmp_path / "r")
    assert not (tmp_path / "x").exists() and not (tmp_path / "r").exists()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_hand_edited_overall_score_is_tampered(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old = data["overall"]["final"]
    _edit(path, f"  final: {old!r}\n", "  final: 99.0\n")
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert "hand-edited" in info.value.message
    assert any("overall" in p.message for p in info.value.problems)
    # still readable when asked not to verify
    assert storage.read_result(path, verify=False).overall_final == 99.0


def test_hand_edited_item_answer_is_tampered(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    # signage failed; flip its status to pass while leaving fraction 0
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: signage")
    block_end = text.index("- id:", start + 1)
    block = text[start:block_end].replace("status: fail", "status: pass")
    path.write_text(text[:start] + block + text[block_end:], encoding="utf-8")
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert any("signage" in p.message for p in info.value.problems)


def test_schema_invalid_result_gives_located_error(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _edit(path, f"coverage: {data['coverage']!r}\n", "coverage: lots\n")
    with pytest.raises(InputError) as info:
        storage.read_result(path)
    assert "not a valid result" in info.value.message
    problem = info.value.problems[0]
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1)
                if t.startswith("coverage:"))
    assert (problem.file, problem.line) == (str(path), line)
    assert problem.column > 0
    assert f"{path}:{line}:" in str(info.value)


def test_unsafe_yaml_in_result_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("format: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        storage.read_result(path)
    assert info.value.problems[0].line == 1


def test_iter_stored_newest_first_with_filters(tmp_path: Path) -> None:
    for rel in ["SH-001/a-list/20240101T000000000000Z.yaml",
                "SH-001/a-list/20240301T000000000000Z.yaml",
                "SH-001/b-list/20240201T000000000000Z.yaml",
                "BJ-002/a-list/20240401T000000000000Z.yaml",
                "BJ-002/a-list/.20240501T000000000000Z.yaml.tmp",
                "bad branch/a-list/20240601T000000000000Z.yaml"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x: 1\n", encoding="utf-8")
    stamps = [s.stamp[:8] for s in storage.iter_stored(tmp_path)]
    assert stamps == ["20240401", "20240301", "20240201", "20240101"]
    assert [s.stamp[:8] for s in storage.iter_stored(tmp_path, branch="SH-001")] == [
        "20240301", "20240201", "20240101"]
    assert [s.stamp[:8] for s in storage.iter_stored(tmp_path, checklist_id="a-list")] == [
        "20240401", "20240301", "20240101"]
    assert list(storage.iter_stored(tmp_path / "missing")) == []
    with pytest.raises(UsageError):
        list(storage.iter_stored(tmp_path, branch="../SH-001"))


def test_results_dir_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    assert storage.results_dir() == Path("branchcheck-results")
    monkeypatch.setenv("BRANCHCHECK_RESULTS", "/srv/r")
    assert storage.results_dir() == Path("/srv/r")
    assert storage.results_dir("here") == Path("here")
