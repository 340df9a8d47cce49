"""One language at a time in ``validate``: in a zh session every semantic rule's
message (checklist lint, number bounds, text encoding) is Chinese; ids, keys and
paths aside. Each checklist below triggers a set of rules; the run must show each
of them, in Chinese, and the same problems in English in an en session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from branchcheck.cli import run
from tests.cli.test_sources import DOUBLED, checklist, seeds  # noqa: F401  (fixture)
from tests.cli.test_zh_ui import english

MANY = """\
id: many-problems
version: 1
title: 甲
description: {zh: 说明}
scales:
  five:
    min: 1
    max: 5
    labels: {"1": {zh: 差, en: Bad}, "01": {zh: 差, en: Bad}, "9": {zh: 超, en: Over}}
  flat: {min: 3, max: 3}
grades:
  - {min: 50, label: {zh: 优, en: Top}}
  - {min: 60, label: {zh: 良, en: Good}}
sections:
  - id: s1
    title: {zh: 一, en: One}
    items:
      - {id: a, type: check, scale: five, text: {zh: 甲, en: A}, rectify: {below: 2}}
      - {id: b, type: scale, scale: nope, text: {zh: 乙, en: B}}
      - id: c
        type: choice
        text: {zh: 丙, en: C}
        options:
          - {key: x, label: {zh: 一, en: One}, points: 0}
          - {key: X, label: {zh: 二, en: Two}, points: 0}
          - {key: x, label: {zh: 三, en: Three}, points: 0}
      - {id: d, type: text, critical: checklist, rectify: {within_days: 3}, text: {zh: 丁, en: D}}
      - id: f
        type: metric
        text: {zh: 戊, en: E}
        min: 10
        max: 5
        pass_if: {op: ">=", value: 20}
        bands: [{op: "<=", value: .nan, fraction: 0.5}]
      - {id: a, type: check, text: {zh: 己, en: F}, weight: 10000000000000000}
"""
WHENS = """\
id: whens
version: 1
title: {zh: 条件, en: Conditions}
sections:
  - id: s1
    title: {zh: 一, en: One}
    items:
      - {id: a, type: check, allow_na: false, text: {zh: 甲, en: A}}
      - {id: b, type: check, text: {zh: 乙, en: B}, when: {item: zz, equals: pass}}
      - {id: c, type: check, text: {zh: 丙, en: C}, when: {item: e, equals: pass}}
      - {id: d, type: check, text: {zh: 丁, en: D}, when: {item: a, equals: 7}}
      - {id: e, type: check, text: {zh: 戊, en: E}, when: {item: a, equals: na}}
"""
SECTION = "  - id: s{n}\n    title: {{zh: 一, en: One}}\n    weight: {w}\n    items:\n" \
          "      - {{id: i{n}, type: {kind}, text: {{zh: 甲, en: A}}}}\n"
HEAD = "id: {id}\nversion: 1\ntitle: {{zh: 甲, en: A}}\nsections:\n"
FILES = {
    "many.yaml": MANY.encode(),
    "whens.yaml": WHENS.encode(),
    "reserved.yaml": (HEAD.format(id="evidence")
                      + SECTION.format(n=1, w=1, kind="check")).encode(),
    "weightless.yaml": (HEAD.format(id="weightless")
                        + SECTION.format(n=1, w=0, kind="check")).encode(),
    "textonly.yaml": (HEAD.format(id="text-only") + SECTION.format(n=1, w=1, kind="text")
                      + SECTION.format(n=2, w=0, kind="check")).encode(),
    "latin1.yaml": HEAD.format(id="latin").encode() + "  - id: café\n".encode("latin-1"),
}
RULES = {
    "many.yaml": {"missing-translation", "duplicate-key", "scale-range", "grades-order",
                  "type-fields", "rectify-below", "unknown-scale", "choice-no-points",
                  "option-key-case", "duplicate-id", "critical-unscored", "rectify-unscored",
                  "metric-threshold", "not-finite", "number-too-large"},
    "whens.yaml": {"when-unknown-item", "when-forward", "when-bad-value", "when-never"},
    "reserved.yaml": {"reserved-id"},
    "weightless.yaml": {"no-overall-score"},
    "textonly.yaml": {"no-overall-score"},
    "latin1.yaml": {"encoding"},
}
LINE = re.compile(
    r"^(?P<file>[\w.]+):\d+:\d+: (?P<level>\S+) (?P<message>.*) \[(?P<rule>[\w-]+)\]$")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    for name, raw in FILES.items():
        (tmp_path / name).write_bytes(raw)
    return tmp_path


def problems(capsys: pytest.CaptureFixture[str], lang: str, monkeypatch: pytest.MonkeyPatch
             ) -> dict[str, list[tuple[str, str, str]]]:
    """file -> (level, message, rule) of every problem ``validate`` reports in ``lang``."""
    monkeypatch.setenv("BRANCHCHECK_LANG", lang)
    assert run(["validate", "--no-cache", "-j", "1", *sorted(FILES)]) == 1
    out = capsys.readouterr().out.splitlines()
    found: dict[str, list[tuple[str, str, str]]] = {}
    for line in out[:-1]:
        match = LINE.match(line)
        assert match, line
        found.setdefault(match["file"], []).append(
            (match["level"], match["message"], match["rule"]))
    return found


def test_every_lint_message_is_chinese_in_a_zh_session(
        folder: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    zh = problems(capsys, "zh", monkeypatch)
    assert {name: {rule for _, _, rule in found} for name, found in zh.items()} == RULES
    for name, found in zh.items():
        for level, message, rule in found:
            assert level in ("错误:", "警告:"), (name, level)
            assert not english(message), (name, rule, message)
            assert re.search(r"[\u4e00-\u9fff]", message), (name, rule, message)
    en = problems(capsys, "en", monkeypatch)
    assert {name: [r for _, _, r in found] for name, found in en.items()} == {
        name: [r for _, _, r in found] for name, found in zh.items()}
    assert all(level in ("error:", "warning:") for found in en.values() for level, _, _ in found)


def test_some_messages_word_for_word(folder: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    zh = {(name, message) for name, found in problems(capsys, "zh", monkeypatch).items()
          for _, message, _ in found}
    assert {("many.yaml", "编号 'a' 已在第 18 行第 14 列用过"),
            ("many.yaml", "10000000000000000 太大：数字必须在 -1e15 到 1e15 之间"),
            ("weightless.yaml", "每个检查类别的权重都是 0，所以无论怎么回答都得不到总分"),
            ("reserved.yaml", "检查表编号 'evidence' 是保留的：结果文件夹用这个名称存放整改佐证"
                              "材料；请换一个编号"),
            # 10 + 11 + 24 (甲 is 3 bytes) + 10 bytes of lines, then "  - id: caf" (11)
            ("latin1.yaml", "不是有效的 UTF-8 文本（偏移 66 处的字节 0xe9）；请把文件存为 UTF-8"),
            } <= zh


def test_every_source_quote_message_is_chinese_in_a_zh_session(
        tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``validate --sources``: each quote rule (format, file, short, not found, '|',
    the four ways to straddle a boundary of the seed) in Chinese."""
    (seeds / "004_slides.txt").write_text(DOUBLED, encoding="utf-8")
    (seeds / "latin.txt").write_bytes("café crème".encode("latin-1"))
    path = checklist(tmp_path,
                     '"no quote here"', '"missing.txt: 厅堂内外、窗口内外"',
                     '"latin.txt: 厅堂内外、窗口内外"', '"000_demo.txt: 米线"',
                     '"000_demo.txt: 厅堂内外、柜台内外"', '"000_demo.txt: 厅堂内外|"',
                     '"004_slides.txt: 询问客户想法。3.3.回形针策略"',
                     '"004_slides.txt: 功能维护.心理维护"',
                     '"004_slides.txt: 系统营运细分因素系统稳定度"',
                     '"004_slides.txt: 感受。认同客户"', '"004_slides.txt: 系统|稳定度"')
    rules = []
    for lang in ("zh", "en"):
        monkeypatch.setenv("BRANCHCHECK_LANG", lang)
        assert run(["validate", "--no-cache", str(path), "--sources", str(seeds)]) == 1
        lines = capsys.readouterr().out.splitlines()[:-1]
        found = [LINE.match(line.replace(str(tmp_path) + "/", "")) for line in lines]
        assert all(found), lines
        rules.append([m["rule"] for m in found if m])
        if lang == "zh":
            for m in found:
                assert m and not english(m["message"]) and m["level"] == "错误:", m
    assert rules[0] == rules[1] == [
        "source-format", "source-file", "source-file", "source-short", "source-not-found",
        "source-join", "source-straddles", "source-straddles", "source-straddles",
        "source-straddles", "source-join"]


@pytest.mark.parametrize("lang, line", [
    ("zh", "many.yaml: 错误: 文件有 {size} 字节，超过 10 字节的上限（见 --max-bytes） [too-large]"),
    ("en", "many.yaml: error: file is {size} bytes, over the limit of 10 bytes (see --max-bytes) "
           "[too-large]")])
def test_a_file_over_the_size_limit_is_told_in_the_ui_language(
        folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str, line: str) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", lang)
    assert run(["validate", "--no-cache", "--max-bytes", "10", "many.yaml"]) == 1
    size = len(MANY.encode())
    assert capsys.readouterr().out.splitlines()[0] == line.format(size=size)
