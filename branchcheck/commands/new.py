"""``branchcheck new``: scaffold a commented checklist to edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from branchcheck.commands.options import emit
from branchcheck.core.errors import EXIT_OK
from branchcheck.terminal.output import err


def new(
    checklist_id: Annotated[
        str, typer.Argument(metavar="ID", help="Kebab-case id, e.g. daily-opening.")
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="File to write (default: ID.yaml here); '-' for stdout."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the comments: zh or en."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Scaffold a valid, commented checklist to edit.

    The template shows every item type once, with a comment on every key.

    The file is written atomically and never overwritten without --force.
    Exit 0, or 2 for an invalid id, an existing file or an unwritable path.
    """
    from branchcheck.checklists.scaffold import check_id, template
    from branchcheck.core.i18n import resolve_lang, t

    ui = resolve_lang(lang)
    check_id(checklist_id)
    if output == "-":
        emit(template(checklist_id, ui), output, force)
        return EXIT_OK
    target = str(Path(output) if output else Path(f"{checklist_id}.yaml"))
    emit(template(checklist_id, ui, target), target, force, notice=None)
    err(
        t(
            ui,
            f"已写入 {target}。修改后运行：branchcheck validate --strict {target}\n",
            f"Wrote {target}. Edit it, then run: branchcheck validate --strict {target}\n",
        )
    )
    return EXIT_OK
