"""Terminal helpers: display width and padding of CJK text, colour decisions, scores."""

from __future__ import annotations

import io

import pytest

from branchcheck.terminal.output import console, fmt_score, pad, use_color, width


class Tty(io.StringIO):
    """A string buffer that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("", 0),
        ("abc", 3),
        ("厅堂", 4),
        ("网点 A1", 7),
        ("ＡＢ", 4),  # full-width Latin letters
        ("，。", 4),  # full-width punctuation
        ("ｶﾀｶﾅ", 4),  # half-width katakana
        ("e\u0301", 1),  # combining accent takes no cell
        ("한국", 4),
        ("—", 1),
    ],
)
def test_width_counts_terminal_cells(text: str, cells: int) -> None:
    assert width(text) == cells


def test_pad_fills_to_display_width() -> None:
    assert pad("厅堂", 6) == "厅堂  "
    assert pad("ab", 6) == "ab    "
    assert pad("厅堂", 6, right=True) == "  厅堂"
    assert width(pad("混合 mix", 12)) == 12
    assert pad("太长的文字", 4) == "太长的文字"  # never cut


def test_padded_cjk_and_latin_columns_line_up() -> None:
    rows = [("厅堂整洁", "1"), ("ATM", "2"), ("柜面 counter", "3")]
    col = max(width(a) for a, _ in rows)
    lines = [pad(a, col) + " | " + b for a, b in rows]
    assert {width(line.split(" | ")[0]) for line in lines} == {col}
    assert len({len(line) for line in lines}) > 1  # characters differ, cells do not


def test_use_color_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) is True
    assert use_color(io.StringIO()) is False
    assert use_color(Closed()) is False


def test_no_color_wins_over_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert use_color(Tty()) is True


def test_console_writes_escapes_only_when_colour_is_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = Tty()
    console(tty).print("[bold]厅堂[/bold]")
    assert "\x1b[" in tty.getvalue() and "厅堂" in tty.getvalue()
    pipe = io.StringIO()
    console(pipe).print("[bold]厅堂[/bold]")
    assert pipe.getvalue() == "厅堂\n"
    monkeypatch.setenv("NO_COLOR", "1")
    tty = Tty()
    console(tty).print("[bold]厅堂[/bold]")
    assert "\x1b" not in tty.getvalue()


def test_console_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    console(stderr=True).print("to stderr")
    out, err = capsys.readouterr()
    assert (out, err) == ("", "to stderr\n")


def test_piped_console_does_not_wrap_long_lines() -> None:
    pipe = io.StringIO()
    line = "网点 " * 100
    console(pipe).print(line)
    assert pipe.getvalue().count("\n") == 1


def test_fmt_score() -> None:
    assert fmt_score(None) == "—"
    assert fmt_score(87.24) == "87.2"
    assert fmt_score(87.26) == "87.3"
    assert fmt_score(100) == "100.0"
    assert fmt_score(2 / 3, 2) == "0.67"
