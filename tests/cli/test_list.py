"""``branchcheck list`` and the catalog core, through the public CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists.catalog import build_catalog
from branchcheck.cli import run
from branchcheck.core import resources
from branchcheck.render.text import clip
from branchcheck.terminal.output import width

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"


def checklist_yaml(cid: str, zh: str, en: str, items: int = 2, minutes: float | None = 5) -> str:
    """A small valid checklist with ``items`` check items in one section."""
    lines = [
        f"id: {cid}",
        "version: 3",
        f"title: {{zh: {zh}, en: {en}}}",
    ]
    if minutes is not None:
        lines.append(f"estimated_minutes: {minutes}")
    lines += ["sections:", "  - id: s1", "    title: {zh: 部分, en: Part}", "    items:"]
    for i in range(items):
        lines += [
            f"      - id: item-{i}",
            f"        text: {{zh: 检查项{i}, en: Item {i}}}",
            "        type: check",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def no_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend nothing is bundled, so tests see only their own fixtures."""
    monkeypatch.setattr(resources, "bundled_checklists", lambda: [])


@pytest.fixture(autouse=True)
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)


@pytest.fixture
def cjk_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.yaml").write_text(checklist_yaml("short-one", "短", "Short", 1), "utf-8")
    (folder / "sub" / "b.yml").write_text(
        checklist_yaml("long-chinese", "一个相当长的中文标题", "A long title", 12, 12.5),
        "utf-8",
    )
    (folder / "c.yaml").write_text(
        checklist_yaml("mixed", "Mixed 中文 标题", "Mixed title", 3, None), "utf-8"
    )
    (folder / "notes.txt").write_text("not a checklist", "utf-8")
    return folder


def test_text_lists_bundled_and_dir_checklists(
    monkeypatch: pytest.MonkeyPatch, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(resources, "bundled_checklists", lambda: [EXAMPLE])
    assert run(["list", "--dir", str(cjk_dir), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Version", "Title", "Sections", "Items", "Minutes", "File"]
    assert set(lines[1]) <= {"-", " "}
    rows = {line.split()[0]: line for line in lines[2:]}
    assert list(rows) == ["example-branch-check", "short-one", "mixed", "long-chinese"]
    assert rows["example-branch-check"].split()[-4:] == ["2", "8", "—", "(bundled)"]
    assert "Example branch check" in rows["example-branch-check"]
    assert rows["long-chinese"].split()[-4:] == ["1", "12", "12.5", str(cjk_dir / "sub" / "b.yml")]
    assert "A long title" in rows["long-chinese"]
    assert err == ""


def test_chinese_titles_align_by_display_width(
    no_bundled: None, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["list", "--dir", str(cjk_dir), "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["编号", "版本", "标题", "类别", "检查项", "分钟", "文件"]
    titles = {"short-one": "短", "long-chinese": "一个相当长的中文标题", "mixed": "Mixed 中文 标题"}
    body = lines[2:]
    assert len(body) == 3
    title_cols, section_ends, line_ends = set(), set(), set()
    for line in body:
        title = titles[line.split()[0]]
        title_cols.add(width(line[: line.index(title)]))
        m = re.search(r"(\d+)\s+(\d+)\s+(\S+)  (\S+)$", line)
        assert m is not None
        section_ends.add(width(line[: m.end(1)]))
        line_ends.add(width(line[: m.end(3)]))
    # every column starts / ends at the same terminal cell in every row ...
    assert len(title_cols) == 1
    assert len(section_ends) == 1
    assert len(line_ends) == 1
    assert width(lines[0][: lines[0].index("分钟") + 2]) == line_ends.pop()
    # the file column starts at the same cell in every row and under its heading
    file_cols = {width(line[: line.rindex(" ") + 1]) for line in body}
    assert file_cols == {width(lines[0][: lines[0].index("文件")])}
    # ... which is not the same as the same character count (wide characters count 2)
    assert len({len(line[: line.rindex(" ")]) for line in body}) > 1


def test_json_is_only_json_with_both_title_languages(
    monkeypatch: pytest.MonkeyPatch, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(resources, "bundled_checklists", lambda: [EXAMPLE])
    assert run(["list", "--format", "json", "--dir", str(cjk_dir)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == ""
    assert [d["id"] for d in data] == ["example-branch-check", "short-one", "mixed", "long-chinese"]
    first = data[0]
    assert list(first) == [
        "id", "version", "title", "sections", "items", "estimated_minutes", "source", "path",
    ]
    assert first["title"] == {"zh": "示例网点自查", "en": "Example branch check"}
    assert first["source"] == "bundled"
    assert (first["sections"], first["items"], first["estimated_minutes"]) == (2, 8, None)
    long = data[3]
    assert long["source"] == long["path"] == str(cjk_dir / "sub" / "b.yml")
    assert (long["version"], long["items"], long["estimated_minutes"]) == (3, 12, 12.5)
    assert "一个相当长的中文标题" in out  # not \u-escaped


def test_invalid_file_in_dir_is_a_located_warning(
    no_bundled: None, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = cjk_dir / "broken.yaml"
    bad.write_text("id: broken\nversion: 1\ntitle: x\nsections: []\n", "utf-8")
    dup = cjk_dir / "dup.yaml"
    dup.write_text("id: a\nid: b\n", "utf-8")
    assert run(["list", "--dir", str(cjk_dir), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [d["id"] for d in json.loads(out)] == ["short-one", "mixed", "long-chinese"]
    warnings = err.splitlines()
    assert len(warnings) == 2
    assert re.match(rf"{re.escape(str(bad))}:4:\d+: warning: skipped invalid checklist: ", err)
    assert any(w.startswith(f"{dup}:2:1: warning:") for w in warnings)
    assert "Traceback" not in err


def test_missing_dir_and_bad_format_are_usage_errors(
    no_bundled: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["list", "--dir", str(tmp_path / "nope")]) == 2
    assert "no such directory" in capsys.readouterr().err
    assert run(["list", "--format", "xml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "unknown format 'xml'" in err
    assert run(["list", "--lang", "fr"]) == 2
    assert "unknown language" in capsys.readouterr().err


def test_empty_catalog(
    no_bundled: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["list", "--dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "No checklists found" in err
    assert run(["list", "--dir", str(tmp_path), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_ui_language_from_environment(
    monkeypatch: pytest.MonkeyPatch, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(resources, "bundled_checklists", lambda: [])
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert run(["list", "--dir", str(cjk_dir)]) == 0
    assert capsys.readouterr().out.startswith("编号")
    assert run(["list", "--dir", str(cjk_dir), "--lang", "en"]) == 0  # --lang wins
    assert capsys.readouterr().out.startswith("ID")
    monkeypatch.delenv("BRANCHCHECK_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert run(["list", "--dir", str(cjk_dir)]) == 0
    assert "一个相当长的中文标题" in capsys.readouterr().out


def test_hidden_and_non_yaml_files_are_ignored(no_bundled: None, cjk_dir: Path) -> None:
    (cjk_dir / ".draft.yaml").write_text("not: [valid", "utf-8")
    catalog = build_catalog([str(cjk_dir)])
    assert [e.id for e in catalog.entries] == ["short-one", "mixed", "long-chinese"]
    assert catalog.skipped == ()
    assert {e.source for e in catalog.entries} == {"dir"}


def test_clip_cuts_by_display_width() -> None:
    assert clip("short", 10) == "short"
    cut = clip("一二三四五六七八", 9)
    assert cut == "一二三四…"
    assert width(cut) <= 9
    assert clip("abcdefghij", 5) == "abcd…"


def test_no_ansi_escapes_when_piped(cjk_dir: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "BRANCHCHECK_LANG": "zh"}
    proc = subprocess.run(
        [sys.executable, "-m", "branchcheck", "list", "--dir", str(cjk_dir)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr
    assert "short-one" in proc.stdout


def test_bundled_checklists_are_all_listed() -> None:
    """End to end on the real bundled library: one JSON entry per bundled file."""
    proc = subprocess.run(
        [sys.executable, "-m", "branchcheck", "list", "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["id"] for d in data] == [p.stem for p in resources.bundled_checklists()]
    for entry in data:
        assert entry["source"] == "bundled"
        assert entry["items"] >= entry["sections"] >= 1
        assert set(entry["title"]) == {"zh", "en"}


def test_only_bundled_lists_have_no_file_column(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(resources, "bundled_checklists", lambda: [EXAMPLE])
    assert run(["list", "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["编号", "版本", "标题", "类别", "检查项", "分钟"]
    assert "内置" not in "\n".join(lines)


def test_dir_entries_show_the_file_that_show_accepts(
    no_bundled: None, cjk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A checklist under --dir is not found by its id, so the list names its file."""
    assert run(["list", "--dir", str(cjk_dir), "--lang", "en"]) == 0
    rows = {line.split()[0]: line.split()[-1] for line in capsys.readouterr().out.splitlines()[2:]}
    assert rows["short-one"] == str(cjk_dir / "a.yaml")
    assert run(["show", "short-one"]) == 2  # not bundled: the id alone is not enough
    capsys.readouterr()
    assert run(["show", rows["short-one"], "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Short\n")
