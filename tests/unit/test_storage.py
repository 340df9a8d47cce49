"""Result storage: atomic writes, never overwrite, safe ids, re-validation, tamper checks."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from branchcheck.checklists.loading import load_checklist
from branchcheck.core import fsafe
from branchcheck.core.errors import InputError, StorageError, TamperedError, UsageError
from branchcheck.core.model import Answer, AnswerValue, Result
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

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
    fsafe.atomic_write(target, b"one")
    fsafe.atomic_write(target, b"two")
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
        fsafe.atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old complete content"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_atomic_write_into_unusable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="cannot write"):
        fsafe.atomic_write(blocker / "sub" / "f.yaml", b"data")


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


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load the stored result, let ``change`` edit it in place, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(storage.dump_yaml(data), encoding="utf-8")


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in data["items"] if i["id"] == item_id)


def test_result_stores_the_grade_bands(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [g["min"] for g in data["checklist"]["grades"]] == [90, 70, 0]
    assert data["checklist"]["grades"][1]["label"] == {"zh": "良好", "en": "Good"}
    back = storage.read_result(path)
    assert back.checklist_grades == result.checklist_grades
    assert [g.min for g in back.checklist_grades] == [90, 70, 0]


def _status_pass_without_fraction(d: dict[str, Any]) -> None:
    _item(d, "alarm-tested").update(fraction=None)  # status stays pass


def _grade_label(d: dict[str, Any]) -> None:
    d["grade"]["label"] = {"zh": "优秀", "en": "Excellent"}  # the score is ~80: Good


def _grade_lower_band(d: dict[str, Any]) -> None:
    d["grade"] = {"min": 0, "label": {"zh": "待改进", "en": "Needs work"}}


def _no_grade(d: dict[str, Any]) -> None:
    d["grade"] = None


def _coverage(d: dict[str, Any]) -> None:
    d["coverage"] = 0.5


def _complete(d: dict[str, Any]) -> None:
    d["complete"] = not d["complete"]


def _knocked_out(d: dict[str, Any]) -> None:
    d["knocked_out"] = True


def _section_knocked_out(d: dict[str, Any]) -> None:
    d["sections"][0]["knocked_out"] = True


def _skipped_with_value(d: dict[str, Any]) -> None:
    _item(d, "alarm-tested").update(status="skipped", fraction=None)  # value stays pass


def _answered_without_value(d: dict[str, Any]) -> None:
    _item(d, "alarm-tested").update(value=None)  # status pass, fraction 1


@pytest.mark.parametrize(("change", "needle"), [
    (_status_pass_without_fraction, "item alarm-tested: status pass without a fraction"),
    (_grade_label, "grade Excellent does not fit score"),
    (_grade_lower_band, "grade Needs work does not fit score"),
    (_no_grade, "grade none does not fit score"),
    (_coverage, "coverage 0.5 does not match the items"),
    (_complete, "complete"),
    (_knocked_out, "knocked_out True does not match the items"),
    (_section_knocked_out, "section hall: knocked_out True"),
    (_skipped_with_value, "item alarm-tested: status skipped does not match answer 'pass'"),
    (_answered_without_value, "item alarm-tested: status pass does not match answer None"),
])
def test_hand_edits_that_keep_the_scores_are_tampered(
    tmp_path: Path, result: Result, change: Callable[[dict[str, Any]], None], needle: str
) -> None:
    path = storage.write_result(result, root=tmp_path)
    storage.read_result(path)  # untouched: fine
    _rewrite(path, change)
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert any(needle in p.message for p in info.value.problems), info.value.problems


def test_grade_checked_against_min_when_bands_are_missing(tmp_path: Path,
                                                          result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)

    def drop_bands(d: dict[str, Any]) -> None:  # as results of version 1 were stored
        del d["checklist"]["grades"], d["previous"], d["previous_file"]
        d["format"] = "branchcheck-result/1"

    _rewrite(path, drop_bands)
    assert storage.read_result(path).checklist_grades == ()  # older results still read

    def raise_grade(d: dict[str, Any]) -> None:
        d["grade"] = {"min": 90, "label": "Excellent"}

    _rewrite(path, raise_grade)
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert "hand-edited" in info.value.message
    assert "grade starting at 90 does not fit score" in info.value.problems[0].message


def test_tamper_messages_in_chinese(tmp_path: Path, result: Result) -> None:
    path = storage.write_result(result, root=tmp_path)
    _rewrite(path, _grade_label)
    with pytest.raises(TamperedError) as info:
        storage.read_result(path, lang="zh")
    assert "结果似乎被手工修改过" in info.value.message
    assert "等级 优秀 与总分" in info.value.problems[0].message
    assert "（应为 良好）" in info.value.problems[0].message


def test_same_timestamp_gets_a_new_name_never_overwrites(
    tmp_path: Path, result: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = datetime(2024, 5, 1, 1, 30, tzinfo=timezone.utc)

    class Clock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Clock:  # type: ignore[override]
            return cls.fromtimestamp(frozen.timestamp(), tz)

    monkeypatch.setattr(storage, "datetime", Clock)
    first = storage.write_result(result, root=tmp_path)
    second = storage.write_result(result, root=tmp_path)
    third = storage.write_result(result, root=tmp_path)
    assert first.name == "20240501T013000000000Z.yaml"
    assert (second.name, third.name) == ("20240501T013000000000Z-2.yaml",
                                         "20240501T013000000000Z-3.yaml")
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    assert [s.path for s in storage.iter_stored(tmp_path)] == [third, second, first]
    assert sorted(p.name for p in first.parent.iterdir()) == sorted(
        [first.name, second.name, third.name])  # no temp files left


def test_knockout_stored_in_the_old_wording_reads_as_red_line(tmp_path: Path) -> None:
    from branchcheck.core.scoring import RED_LINE

    sample = Path(__file__).parent.parent / "data" / "results" / "report-sample.yaml"
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    # stored before knockouts had their own grade (the lowest band, 待改进), no bands kept
    assert data["knocked_out"] is True and data["grade"]["label"]["zh"] == "待改进"
    assert "grades" not in data["checklist"]
    assert storage.read_result(sample).score.grade == RED_LINE
    # the same with the bands stored: the band the score gave then is accepted
    data["checklist"]["grades"] = [{"min": 60, "label": {"zh": "达标", "en": "Pass"}},
                                   {"min": 0, "label": {"zh": "待改进", "en": "Needs work"}}]
    banded = tmp_path / "banded.yaml"
    banded.write_text(storage.dump_yaml(data), encoding="utf-8")
    assert storage.read_result(banded).score.grade == RED_LINE
    # a knocked-out result claiming a higher band is hand-edited, in either form
    data["grade"] = {"min": 60, "label": {"zh": "达标", "en": "Pass"}}
    banded.write_text(storage.dump_yaml(data), encoding="utf-8")
    with pytest.raises(TamperedError):
        storage.read_result(banded)
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    data["grade"] = {"min": 90, "label": {"zh": "卓越", "en": "Excellent"}}
    forged = tmp_path / "forged.yaml"
    forged.write_text(storage.dump_yaml(data), encoding="utf-8")
    with pytest.raises(TamperedError) as info:
        storage.read_result(forged)
    assert any("Fail (red line)" in p.message for p in info.value.problems)
