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
