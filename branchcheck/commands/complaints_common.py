"""Options and helpers shared by the ``complaints`` commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

ResultsDir = Annotated[str | None, typer.Option(
    "--results-dir", metavar="DIR",
    help="Results folder holding the registers (else $BRANCHCHECK_RESULTS, else "
    "./branchcheck-results).")]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="Complaint id, e.g. C-3F9C2E1B.",
                                           show_default=False)]
ByOption = Annotated[str | None, typer.Option(
    "--by", metavar="NAME",
    help="Who records this (default: $BRANCHCHECK_REVIEWER, else $USER, else asked).")]
AtOption = Annotated[str | None, typer.Option(
    "--at", metavar="ISO-TIME", help="When it happened (default: now), e.g. "
    "2026-02-13T10:00+08:00.")]
BranchFilter = Annotated[str | None, typer.Option(
    "--branch", "-b", metavar="ID", help="The outlet (faster; needed when ids clash).")]
RulesOption = Annotated[str | None, typer.Option(
    "--rules", metavar="FILE", help="Clock rules and categories (else "
    "$BRANCHCHECK_COMPLAINT_RULES, else the bundled defaults).")]
CalendarOption = Annotated[str | None, typer.Option(
    "--calendar", metavar="FILE", help="Working-day calendar additions/overrides (工作日, 调休).")]

def root(results_dir: str | None) -> Path:
    from branchcheck.core import places

    return places.results_dir(results_dir)


def who(by: str | None, lang: str) -> str:
    from branchcheck.commands.options import actor
    from branchcheck.complaints.register import name_limit

    return name_limit(actor(by, lang), "--by", lang)


def say(message: str) -> None:
    from branchcheck.core.textsafe import term

    sys.stderr.write(term(message) + "\n")


def warn(problems: Any, lang: str) -> None:
    from branchcheck.core.i18n import t

    for p in problems:
        say(t(lang, "警告：", "Warning: ") + str(p))


def rules_of(path: str | None) -> Any:
    from branchcheck.complaints import rules as clock

    return clock.load(path)


def clock_of(rules: str | None, calendar: str | None) -> tuple[Any, Any]:
    from branchcheck.complaints import rules as clock

    return clock.load(rules), clock.calendar(calendar)


def find(case_id: str, branch: str | None, results_dir: str | None,
         lang: str | None, *, events: bool = False) -> tuple[Any, str]:
    """The case (its register's warnings said) and the UI language; ``events``: with
    its events (the register verified in full)."""
    from branchcheck.complaints.register import locate
    from branchcheck.core.i18n import resolve_lang

    ui = resolve_lang(lang)
    found = locate(root(results_dir), case_id, branch, ui, events=events)
    warn(found.log.problems + found.state.problems, ui)
    return found, ui
