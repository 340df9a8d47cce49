"""``branchcheck list``: the bundled checklists and those found in folders."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from branchcheck.commands.options import check_choice
from branchcheck.core.errors import EXIT_OK
from branchcheck.core.i18n import t
from branchcheck.terminal.output import err


def list_checklists(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: text or json.")] = "text",
    dirs: Annotated[
        list[str] | None,
        typer.Option(
            "--dir",
            "-d",
            help="Also list checklists under this folder (*.yaml, *.yml; recursive). Repeatable.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="UI language: zh or en (default: $BRANCHCHECK_LANG, locale)."),
    ] = None,
) -> int:
    """List bundled checklists and those under --dir.

    Shows id, version, title (in the UI language), sections, items and
    estimated minutes; with --dir also each file, which is what show and run
    take for a checklist that is not bundled.

    Files under --dir that are not valid checklists are skipped with a warning
    on stderr. Exit 0, or 2 for usage errors (unknown format, missing folder).
    """
    from branchcheck.checklists.catalog import build_catalog
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.render import catalog as render

    ui = resolve_lang(lang)
    check_choice(fmt, render.FORMATS)
    catalog = build_catalog(dirs or ())
    for p in catalog.skipped:
        err(
            f"{p.location()}: warning: "
            + t(ui, "已跳过无效清单：", "skipped invalid checklist: ")
            + f"{p.message} [{p.rule}]\n"
        )
    out = sys.stdout
    if fmt == "json":
        out.write(render.as_json(catalog.entries))
    elif not catalog.entries:
        err(t(ui, "未找到清单。\n", "No checklists found.\n"))
    else:
        from branchcheck.core.textsafe import term

        out.write(term(render.text(catalog.entries, ui), newlines=True))
    out.flush()
    return EXIT_OK
