"""``branchcheck show``: a checklist in the terminal, as a printable form, or as JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from branchcheck.commands.options import ChecklistArgument, check_choice
from branchcheck.core.errors import EXIT_OK


def show(
    checklist: ChecklistArgument,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Output: text (terminal), md (printable form) or json (model)."
        ),
    ] = "text",
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language: zh or en (default: $BRANCHCHECK_LANG, locale)."),
    ] = None,
) -> int:
    """Show a checklist: terminal text, printable form or JSON.

    Text and md list sections, items, accepted answers, guidance, knockouts,
    conditions and thresholds.

    Exit 0, or 2 when the checklist does not exist or is invalid (each problem
    is reported as file:line:col).
    """
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.render.checklist import FORMATS, REPORTERS

    ui = resolve_lang(lang)
    check_choice(fmt, FORMATS)
    model = load_checklist(checklist, lang=ui)
    REPORTERS[fmt](model, ui, sys.stdout)
    sys.stdout.flush()
    return EXIT_OK
