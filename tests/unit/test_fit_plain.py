"""``render.fit``: a table printed to a pipe or a file is laid out without rich (3,650
results: 5 s, was 15 s), and is exactly what rich prints there."""

from __future__ import annotations

import io

import pytest

from branchcheck.core.textsafe import markup
from branchcheck.render import fit
from branchcheck.terminal.output import console

COLUMNS = [fit.Column("日期 Date"), fit.Column("Reviewer"), fit.Column("Final", "right"),
           fit.Column("Complete"), fit.Column("Integrity"), fit.Column("File", drop=1)]
ROWS = [
    ["2024-05-01 09:00", markup("张三"), "69.3", "yes", "verified", markup("/r/a.yaml")],
    ["2024-05-02 09:00 [yellow]late[/yellow]", markup("Wang [Wu]"), "100.0",
     "[yellow]否[/yellow]", "[red]TAMPERED[/red]", markup("/r/[x]\\b.yaml")],
    ["", markup("ends in \\"), "—", "no", "UNVERIFIED, UNTRUSTED signer", markup("/r/é.yaml")],
    ["2024-05-03", markup("[bold]not markup[/bold]"), "7.5", "yes", "", ""],
]


def by_rich(rows: list[list[str]]) -> str:
    out = io.StringIO()
    con = console(out)
    table, dropped = fit.fitted(con, COLUMNS, rows)
    assert dropped == []
    con.width = fit._measure(con, table)
    con.print(table)
    return out.getvalue()


def test_the_plain_lines_are_what_rich_prints() -> None:
    lines = fit.plain_lines(COLUMNS, ROWS)
    assert lines is not None
    assert "".join(f"{line}\n" for line in lines) == by_rich(ROWS)
    assert "[bold]not markup[/bold]" in lines[5] and "Wang [Wu]" in lines[3]


def test_show_writes_them_to_a_pipe() -> None:
    out = io.StringIO()
    fit.show(console(out), COLUMNS, ROWS, "en")
    assert out.getvalue() == by_rich(ROWS)


@pytest.mark.parametrize("cell", ["two\nlines", "bell\x07", "\u202eevil"])
def test_a_control_character_is_left_to_rich(cell: str) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][1] = markup(cell)
    assert fit.plain_lines(COLUMNS, rows) is None
    out = io.StringIO()
    fit.show(console(out), COLUMNS, rows, "en")
    assert out.getvalue() == by_rich(rows) and "\x07" not in out.getvalue()
