"""``history`` text in English with Chinese names: columns line up by display width
(a CJK character takes two cells), and a grade cut to fit never loses its
incomplete mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.terminal.output import width

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "before-sources" / "answers-1.yaml"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two checks of daily-opening (the same partial answers: a red line failed, items
    left unanswered) by a Chinese and an English reviewer."""
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path))
    for reviewer in ("欧阳娜娜", "Ann"):
        assert run(["score", "daily-opening", "-a", str(ANSWERS), "-b", "SH-009",
                    "-r", reviewer, "--lang", "en"]) == 0
    return tmp_path


def _table(out: str, head: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(head))
    return lines[start:start + 4]  # header, rule, two rows


@pytest.mark.parametrize(("lang", "head", "grade"), [
    ("en", "Date", "Fail (red line)*"), ("zh", "日期", "不合格（一票否决）*")])
def test_columns_align_and_the_incomplete_mark_survives(
        root: Path, capsys: pytest.CaptureFixture[str], lang: str, head: str,
        grade: str) -> None:
    capsys.readouterr()
    assert run(["history", "-b", "SH-009", "--lang", lang]) == 0
    table = _table(capsys.readouterr().out, head)
    assert "欧阳娜娜" in table[2] and "Ann" in table[3]
    # the last column (coverage) is right-aligned: aligned lines are equally wide
    assert len({width(line) for line in table}) == 1, table
    # the grade column starts at the same cell in every row, and is not cut
    assert all(grade in line for line in table[2:])
    offsets = {width(line[:line.index(grade)]) for line in table[2:]}
    assert len(offsets) == 1
