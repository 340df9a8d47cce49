"""``branchcheck show``: a checklist in the terminal, as a printable form, or as JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from branchcheck.commands.options import ChecklistArgument, check_choice
from branchcheck.core.errors import EXIT_OK, UsageError


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
    sources: Annotated[
        bool, typer.Option("--sources", help="Text: also each item's source quote (authors).")
    ] = False,
    rationale: Annotated[
        bool, typer.Option("--rationale", help="Text: also the design rationale and the "
                           "trainer's notes (authors, trainers).")
    ] = False,
) -> int:
    """Show a checklist: terminal text, printable form or JSON.

    Text and md list sections, items with their guidance and weight, accepted
    answers, knockouts, conditions and thresholds. Authoring matter (source
    quotes, rationale) is shown with --sources / --rationale (text) and is
    always in json.

    Exit 0, or 2 when the checklist does not exist or is invalid (each problem
    is reported as file:line:col), or for --sources/--rationale with md.
    """
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.render.checklist import FORMATS, REPORTERS, to_text

    ui = resolve_lang(lang)
    check_choice(fmt, FORMATS)
    if (sources or rationale) and fmt == "md":
        raise UsageError(t(ui, "--sources 和 --rationale 只用于文字视图；可打印的空白表（md）供"
                               "检查当天使用，json 总是包含两者",
                           "--sources and --rationale are for the text view; the printable "
                           "form (md) is for inspection day, and json always carries both"))
    model = load_checklist(checklist, lang=ui)
    if fmt == "text":
        to_text(model, ui, sys.stdout, sources=sources, rationale=rationale)
    else:
        REPORTERS[fmt](model, ui, sys.stdout)
    sys.stdout.flush()
    return EXIT_OK
