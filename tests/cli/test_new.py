"""``branchcheck new``: a valid, commented checklist template, written safely."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import check_bytes, load_checklist
from branchcheck.checklists.scaffold import template
from branchcheck.cli import run
from branchcheck.core.model import ITEM_TYPES

DOCUMENTED_KEYS = [
    "id", "version", "title", "description", "estimated_minutes", "languages", "tags",
    "scales", "grades", "sections", "guidance", "weight", "allow_na", "note_required_on_fail",
    "source", "when", "scale", "ipa", "options", "critical", "unit", "min", "max", "pass_if",
    "bands",
]


@pytest.fixture(autouse=True)
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_scaffold_validates_strict_and_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["new", "daily-walk"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "Wrote daily-walk.yaml" in err
    path = tmp_path / "daily-walk.yaml"
    assert run(["validate", "--strict", "--format", "json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["errors"], report["warnings"], report["problems"]) == (0, 0, [])
    checklist = load_checklist(str(path))
    assert checklist.id == "daily-walk"
    assert checklist.title == {"zh": "daily-walk 自查清单", "en": "Daily walk checklist"}
    types = [item.type for _, item in checklist.items()]
    assert sorted(set(types)) == sorted(ITEM_TYPES)
    assert any(item.critical for _, item in checklist.items())
    assert any(item.when for _, item in checklist.items())
    assert checklist.grades and checklist.scales


def test_every_key_is_explained_by_a_comment(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new", "x", "-o", "-", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "«" not in text and "»" not in text
    lines = text.splitlines()
    explained: set[str] = set()
    for i, line in enumerate(lines):
        m = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if m and i > 0 and lines[i - 1].strip().startswith("#"):
            explained.add(m.group(1))
    missing = [key for key in DOCUMENTED_KEYS if key not in explained]
    assert missing == []
    # each item type is introduced by its own comment
    for kind in ITEM_TYPES:
        assert re.search(rf"^\s*# {kind} item", text, re.M), kind


def test_comments_follow_the_language_texts_stay_bilingual(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["new", "x", "-o", "-", "--lang", "zh"]) == 0
    zh = capsys.readouterr().out
    assert run(["new", "x", "-o", "-", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    comments_zh = "\n".join(line for line in zh.splitlines() if line.lstrip().startswith("#"))
    comments_en = "\n".join(line for line in en.splitlines() if line.lstrip().startswith("#"))
    assert "清单编号" in comments_zh and "Checklist id" not in comments_zh
    assert "Checklist id" in comments_en and "清单编号" not in comments_en
    assert yaml.safe_load(zh) == yaml.safe_load(en)  # only the comments differ


def test_stdout_output_is_only_the_checklist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["new", "to-stdout", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert list(tmp_path.iterdir()) == []
    report = check_bytes(out.encode(), "stdout")
    assert report.problems == ()
    assert report.checklist is not None and report.checklist.id == "to-stdout"


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my edits\n", "utf-8")
    assert run(["new", "mine", "-o", str(target)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_text("utf-8") == "my edits\n"
    assert run(["new", "mine", "-o", str(target), "--force"]) == 0
    assert load_checklist(str(target)).id == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no temp files left


def test_written_file_has_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "perm.yaml"
    assert run(["new", "perm", "-o", str(target)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize(
    "bad", ["Daily", "daily_walk", "-daily", "daily-", "a--b", "../x", "x/y", "日报", "a" * 65, ""]
)
def test_invalid_ids_are_exit_2(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["new", "--", bad]) == 2
    assert "invalid checklist id" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_directory_as_output_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new", "x", "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_ids_that_yaml_would_misread_stay_strings() -> None:
    for cid in ("yes", "no", "null", "on", "123", "1e3", "0x1f"):
        report = check_bytes(template(cid).encode(), f"{cid}.yaml")
        assert report.problems == (), cid
        assert report.checklist is not None and report.checklist.id == cid


def test_output_name_cannot_break_the_header_comment() -> None:
    text = template("x", "en", "evil\nid: hacked.yaml")
    report = check_bytes(text.encode(), "x.yaml")
    assert report.problems == ()
    assert "hacked" not in text


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=4),
    st.sampled_from(["zh", "en"]),
)
def test_any_kebab_id_gives_a_clean_checklist(parts: list[str], lang: str) -> None:
    cid = "-".join(parts)
    report = check_bytes(template(cid, lang).encode(), "t.yaml")
    assert report.problems == ()
    assert report.checklist is not None and report.checklist.id == cid
