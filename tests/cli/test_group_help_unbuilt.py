"""A group's ``--help`` (``branchcheck network --help``) lists its commands without
turning each one's signature into options (about 3 ms a command): the same
listing, in zh and en, as the fully built group gives."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest
import typer

from branchcheck import cli

GROUPS = [name for name, (_, _, group) in cli.COMMANDS.items() if group]


@pytest.mark.parametrize("group", GROUPS)
def test_listed_without_options_and_the_same(group: str) -> None:
    listed = typer.main.get_command(cli.build_app(only=group, sub="--help"))
    built = typer.main.get_command(cli.build_app())
    mine = listed.commands[group]  # type: ignore[attr-defined]
    full = built.commands[group]  # type: ignore[attr-defined]
    same(mine, full)


def same(mine: typer.core.TyperGroup, full: typer.core.TyperGroup) -> None:
    assert list(mine.commands) == list(full.commands)
    for name, command in full.commands.items():
        if isinstance(command, typer.core.TyperGroup):  # a sub-group: its own listing
            same(mine.commands[name], command)  # type: ignore[arg-type]
            continue
        assert mine.commands[name].params == [], name
        assert mine.commands[name].get_short_help_str(200) == command.get_short_help_str(200)
        assert mine.commands[name].hidden == command.hidden


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("group", GROUPS)
def test_help_text_is_the_built_groups(group: str, lang: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("BRANCHCHECK_LANG", lang)

    def shown(app: typer.Typer) -> str:
        out = io.StringIO()
        monkeypatch.setattr(cli, "_command_for", lambda argv: app)
        with redirect_stdout(out):
            assert cli.run([group, "--help"]) == 0
        return out.getvalue()

    assert shown(cli.build_app(only=group, sub="--help")) == shown(cli.build_app())
