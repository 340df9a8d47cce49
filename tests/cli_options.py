"""The options of every command of the app, for tests that try one rule on all of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from branchcheck.cli import full_app


def options_where(chosen: Callable[[Any], str | None]) -> list[tuple[tuple[str, ...], str]]:
    """(command path, option name) of every option for which ``chosen(param)`` names one."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for param in getattr(command, "params", ()):
            name = chosen(param)
            if name:
                found.append((path, name))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(full_app()), ())
    return found
