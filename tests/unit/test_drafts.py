"""Draft files: layout, atomic autosave, round trip, refusal of mismatched or broken drafts."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.errors import InputError, UsageError
from branchcheck.core.model import Answer, Checklist
from branchcheck.results.drafts import (
    DRAFT_NAME,
    Draft,
    draft_path,
    draft_text,
    read_draft,
    remove_draft,
    save_draft,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"


@pytest.fixture(scope="module")
def example() -> Checklist:
    return load_checklist(str(EXAMPLE))


def a_draft(ck: Checklist) -> Draft:
    d = Draft.start(ck, branch="SH-001", reviewer="王芳", lang="zh")
    d.answers = {
        "hall-tidy": Answer("hall-tidy", "fail", "地面湿滑 # 未放警示牌"),
        "has-atm": Answer("has-atm", "na"),
        "greeting-quality": Answer("greeting-quality", 4),
        "answer-15s": Answer("answer-15s", 87.5),
        "remarks": Answer("remarks", "yes"),  # text that YAML would read as a boolean
    }
    d.position = "product-choice"
    return d


def test_path_layout_and_ids_validated(tmp_path: Path) -> None:
    assert draft_path(tmp_path, "SH-001", "daily-opening") == (
        tmp_path / "SH-001" / "daily-opening" / DRAFT_NAME)
    for branch in ("../etc", "a/b", "", "x" * 65, "分行"):
        with pytest.raises(UsageError):
            draft_path(tmp_path, branch, "daily-opening")
    with pytest.raises(UsageError):
        draft_path(tmp_path, "SH-001", "../../x")


def test_start_points_at_first_item(example: Checklist) -> None:
    d = Draft.start(example, branch="B1", reviewer="r", lang="en")
    assert (d.position, d.answers, d.version, d.sha256) == (
        "hall-tidy", {}, 1, example.sha256)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", d.started)


def test_round_trip(tmp_path: Path, example: Checklist) -> None:
    d = a_draft(example)
    path = draft_path(tmp_path, "SH-001", example.id)
    save_draft(path, d)
    back = read_draft(path, example, "SH-001")
    assert back == d
    assert back.saved  # stamped on save
    assert [p.name for p in path.parent.iterdir()] == [DRAFT_NAME]  # no temp file left


def test_text_is_plain_yaml(tmp_path: Path, example: Checklist) -> None:
    data = yaml.safe_load(draft_text(a_draft(example)))
    assert data["checklist"] == {"id": example.id, "version": 1, "sha256": example.sha256}
    assert data["answers"]["remarks"] == {"value": "yes", "note": None}
    assert data["answers"]["answer-15s"]["value"] == 87.5
    assert data["position"] == "product-choice"
    empty = Draft.start(example, branch="B1", reviewer="r", lang="en")
    assert yaml.safe_load(draft_text(empty))["answers"] == {}


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(), remark=st.text(), reviewer=st.text())
def test_any_text_survives_a_round_trip(
    tmp_path: Path, example: Checklist, note: str, remark: str, reviewer: str
) -> None:
    d = Draft.start(example, branch="B1", reviewer=reviewer, lang="en")
    d.answers = {"has-atm": Answer("has-atm", "fail", note or None),
                 "remarks": Answer("remarks", remark)}
    path = tmp_path / "B1" / example.id / DRAFT_NAME
    save_draft(path, d)
    back = read_draft(path, example, "B1")
    assert back.reviewer == reviewer
    assert back.answers["has-atm"].note == (note or None)
    # text answers are normalised (trimmed) on the way in, exactly as at the prompt
    assert back.answers["remarks"].value == remark.strip()


def test_resave_replaces_atomically(tmp_path: Path, example: Checklist) -> None:
    d = a_draft(example)
    path = draft_path(tmp_path, "SH-001", example.id)
    save_draft(path, d)
    d.answers["product-choice"] = Answer("product-choice", "b")
    d.position = "no-misleading-sales"
    save_draft(path, d)
    back = read_draft(path, example, "SH-001")
    assert back.answers["product-choice"].value == "b"
    assert back.position == "no-misleading-sales"


def saved(tmp_path: Path, ck: Checklist) -> Path:
    path = draft_path(tmp_path, "SH-001", ck.id)
    save_draft(path, a_draft(ck))
    return path


def test_other_version_refused(tmp_path: Path, example: Checklist) -> None:
    path = saved(tmp_path, example)
    v2 = dataclasses.replace(example, version=2, sha256="0" * 64)
    with pytest.raises(InputError) as exc:
        read_draft(path, v2, "SH-001")
    (problem,) = exc.value.problems
    assert problem.rule == "version-mismatch"
    assert (problem.file, problem.line, problem.column) == (str(path), 4, 12)
    assert "version 1" in problem.message and "now version 2" in problem.message
    assert "--restart" in problem.message


def test_other_version_refused_in_chinese(tmp_path: Path, example: Checklist) -> None:
    path = saved(tmp_path, example)
    v2 = dataclasses.replace(example, version=2, sha256="0" * 64)
    with pytest.raises(InputError) as exc:
        read_draft(path, v2, "SH-001", "zh")
    assert exc.value.message == f"{path}：草稿与检查表不符"
    (problem,) = exc.value.problems
    assert (problem.rule, problem.line, problem.column) == ("version-mismatch", 4, 12)
    assert problem.message == (
        f"草稿是用 {example.id!r} 的版本 1 开始的，但检查表现在是版本 2；"
        "请用版本 1 完成它，或加 --restart 丢弃草稿")


def test_changed_file_same_version_refused(tmp_path: Path, example: Checklist) -> None:
    path = saved(tmp_path, example)
    edited = dataclasses.replace(example, sha256="f" * 64)
    with pytest.raises(InputError) as exc:
        read_draft(path, edited, "SH-001")
    assert [p.rule for p in exc.value.problems] == ["checklist-changed"]
    assert exc.value.problems[0].line == 5


def test_other_checklist_or_branch_refused(tmp_path: Path, example: Checklist) -> None:
    path = saved(tmp_path, example)
    with pytest.raises(InputError) as exc:
        read_draft(path, dataclasses.replace(example, id="other"), "SH-002")
    assert [p.rule for p in exc.value.problems] == ["wrong-checklist", "wrong-branch"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / DRAFT_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_hand_edited_answers_located(tmp_path: Path, example: Checklist) -> None:
    text = draft_text(a_draft(example))
    text = text.replace('"greeting-quality": {value: 4,', '"greeting-quality": {value: 9,')
    text = text.replace("log:\n", '  "no-such-item": {value: "pass", note: null}\nlog:\n')
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        read_draft(path, example, "SH-001")
    rules = [(p.rule, p.line) for p in exc.value.problems]
    assert rules == [("bad-answer", 15), ("unknown-item", 18)]
    assert "out of range" in exc.value.problems[0].message


def test_malformed_drafts_located(tmp_path: Path, example: Checklist) -> None:
    path = write(tmp_path, "format: nope\nchecklist: 3\nlang: fr\nanswers: [1]\n")
    with pytest.raises(InputError) as exc:
        read_draft(path, example, "SH-001")
    where = {(p.line, p.path) for p in exc.value.problems}
    assert (1, "/format") in where
    assert (2, "/checklist") in where
    assert (3, "/lang") in where
    assert (4, "/answers") in where
    path = write(tmp_path, "format: [unclosed\n")
    with pytest.raises(InputError) as exc:
        read_draft(path, example, "SH-001")
    assert exc.value.problems[0].rule == "yaml-syntax"


def test_unknown_position_refused(tmp_path: Path, example: Checklist) -> None:
    text = draft_text(a_draft(example)).replace('"product-choice"', '"gone"')
    with pytest.raises(InputError) as exc:
        read_draft(write(tmp_path, text), example, "SH-001")
    assert exc.value.problems[0].path == "/position"


def test_remove(tmp_path: Path, example: Checklist) -> None:
    path = saved(tmp_path, example)
    remove_draft(path)
    assert not path.exists()
    remove_draft(path)  # nothing to remove is fine
