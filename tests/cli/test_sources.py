"""``validate --sources DIR``: every source quote is traced to its seed file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from branchcheck.cli import run

SEED = "网点的\n厅堂内外、窗口内外、各个分区，自始至终都是整洁有序的。\n妳在號碼機上拿壹個號碼。\n"


def checklist(tmp_path: Path, *sources: str) -> Path:
    lines = ["id: quotes", "version: 1", "title: {zh: 出处, en: Sources}", "sections:",
             "  - id: hall", "    title: {zh: 厅堂, en: Hall}", "    items:"]
    for n, source in enumerate(sources):
        lines += [f"      - id: item-{n}", "        type: check",
                  f"        text: {{zh: 项目{n}, en: Item {n}}}", f"        source: {source}"]
    path = tmp_path / "quotes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "000_demo.txt").write_text(SEED, encoding="utf-8")
    return folder


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def problems(out: str) -> list[tuple[int, int, str]]:
    """(line, column, rule) of every reported problem."""
    found = re.findall(r":(\d+):(\d+): error: .* \[([a-z-]+)\]$", out, re.M)
    return [(int(line), int(col), rule) for line, col, rule in found]


def test_quotes_found_across_line_breaks_and_as_written(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = checklist(tmp_path, '"000_demo.txt: 网点的厅堂内外"',  # the seed breaks the line
                     '"000_demo.txt: 厅堂内外、 窗口内外"',  # spaces in the quote are ignored
                     '"000_demo.txt: 妳在號碼機上拿壹個號碼"')  # traditional, as written
    code, out, err = validate(capsys, str(path), "--strict", "--sources", str(seeds))
    assert (code, err) == (0, "")
    assert out.startswith("OK: 1 file checked")


def test_a_changed_quote_is_a_located_error(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = checklist(tmp_path, '"000_demo.txt: 厅堂内外、窗口内外"',
                     '"000_demo.txt: 厅堂内外、柜台内外"',  # one character changed
                     '"000_demo.txt: 你在号码机上拿一个号码"')  # simplified: not as written
    code, out, _ = validate(capsys, str(path), "--sources", str(seeds))
    assert code == 1
    # item n has its source on line 11 + 4n (four lines per item after a 7-line header)
    assert problems(out) == [(15, 17, "source-not-found"), (19, 17, "source-not-found")]
    assert f"{path}:15:17: error: 000_demo.txt: quote '厅堂内外、柜台内外' is not in the " \
           "source file [source-not-found]" in out


def test_short_quotes_and_bad_file_names(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("厅堂内外、窗口内外", encoding="utf-8")
    (seeds / "link.txt").symlink_to(outside)
    os.mkfifo(seeds / "fifo.txt")
    path = checklist(tmp_path,
                     '"000_demo.txt: 米线"',  # too short to trace
                     '"../secret.txt: 厅堂内外、窗口内外"',  # not a plain file name
                     '"missing.txt: 厅堂内外、窗口内外"',
                     '"link.txt: 厅堂内外、窗口内外"',  # a link out of the folder
                     '"fifo.txt: 厅堂内外、窗口内外"',  # never opened for reading (no hang)
                     '"no quote here"')
    code, out, _ = validate(capsys, str(path), "--sources", str(seeds))
    assert code == 1
    assert [rule for _, _, rule in problems(out)] == [
        "source-short", "source-format", "source-file", "source-file", "source-file",
        "source-format"]
    assert "has 2 characters; at least 6" in out


def test_sources_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = checklist(tmp_path, '"000_demo.txt: 厅堂内外、窗口内外"')
    code, out, err = validate(capsys, str(path), "--sources", str(tmp_path / "nowhere"))
    assert code == 2 and out == ""
    assert "not a folder" in err


def test_without_sources_quotes_are_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = checklist(tmp_path, '"000_demo.txt: 米线"')
    code, _, _ = validate(capsys, str(path), "--strict")
    assert code == 0


# A seed extracted from slides prints every line twice (seed 004 does): lists, diagram
# boxes and table cells run together, and a cell may wrap onto a second line.
DOUBLED = ("客户维护内容客户维护内容.银行硬件维护银行硬件维护.功能维护功能维护.心理维护心理维护\n"
           "1.1.认同客户感受。认同客户感受。2.2.询问客户想法。询问客户想法。3.3.回形针策略。回形针策略。\n"
           "系统营运细分因素系统营运细分因素系统稳定度系统稳定度峰日系统处理效峰日系统处理效能能\n")


def test_a_quote_may_not_straddle_a_list_or_table_boundary(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 2, E19: quotes stitched across labels to reach 6 characters are rejected;
    a whole label may be short; a wrapped cell is quoted with '|' at its line break."""
    (seeds / "004_slides.txt").write_text(DOUBLED, encoding="utf-8")
    path = checklist(tmp_path,
                     '"004_slides.txt: 询问客户想法。3.3.回形针策略"',  # into the next list item
                     '"004_slides.txt: 功能维护.心理维护"',  # across the stop between labels
                     '"004_slides.txt: 系统营运细分因素系统稳定度"',  # across two table cells
                     '"004_slides.txt: 感受。认同客户"',  # a line run into its own repeat
                     '"004_slides.txt: 峰日系统处理效能"',  # a wrapped cell, break not marked
                     '"004_slides.txt: 系统|稳定度"',  # '|' where the seed has no break
                     '"004_slides.txt: 回形针"',  # short, and only part of a label
                     '"004_slides.txt: 回形针策略"',  # short but a whole list label: fine
                     '"004_slides.txt: 3.回形针策略"',  # the label with its number: fine
                     '"004_slides.txt: 峰日系统处理效|能"',  # the wrapped cell, marked: fine
                     '"004_slides.txt: 系统稳定度"',  # a whole table cell: fine
                     '"000_demo.txt: 厅堂内外、窗口内外"')  # a seed printed once: as before
    code, out, _ = validate(capsys, str(path), "--sources", str(seeds))
    assert code == 1
    # item n has its source on line 11 + 4n
    assert problems(out) == [
        (11, 17, "source-straddles"), (15, 17, "source-straddles"),
        (19, 17, "source-straddles"), (23, 17, "source-straddles"),
        (27, 17, "source-straddles"), (31, 17, "source-join"), (35, 17, "source-short")]
    assert "runs into the list item numbered '3.3.'" in out
    assert "runs across the full stop between the labels '功能维护' and '心理维护'" in out
    assert "runs across a line break of the seed after '系统营运细分因素'" in out
    assert "runs from a line of the seed into its repeat after '感受。'" in out
    assert "has '|' after '系统', but the seed does not break a line there" in out
    assert "unless it is a whole list label or table cell" in out


def test_the_seed_with_repeated_lines_is_told_apart_from_prose() -> None:
    """Only a seed whose text is mostly repeated lines gets line boundaries: prose that
    happens to say a word twice ("谢谢谢谢") is not cut there."""
    from branchcheck.checklists.seedlines import parse

    doubled = parse(DOUBLED.replace("\n", ""))
    prose = parse("客户办完业务说谢谢谢谢，柜员起身说不客气，请慢走，欢迎下次再来。")
    assert doubled.doubled and not prose.doubled
    assert prose.line_breaks == frozenset() and prose.repeats == frozenset()
    assert doubled.text.index("系统稳定度") in doubled.line_breaks
