"""``branchcheck new``: scaffold a commented checklist to edit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from branchcheck.errors import EXIT_OK, UsageError


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
    from branchcheck.i18n import resolve_lang, t
    from branchcheck.scaffold import check_id, template
    from branchcheck.storage import atomic_write

    ui = resolve_lang(lang)
    check_id(checklist_id)
    if output == "-":
        sys.stdout.write(template(checklist_id, ui))
        sys.stdout.flush()
        return EXIT_OK
    target = Path(output) if output else Path(f"{checklist_id}.yaml")
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name with -o")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    data = template(checklist_id, ui, str(target)).encode("utf-8")
    atomic_write(target, data, overwrite=force)
    _readable(target)
    sys.stderr.write(
        t(
            ui,
            f"已写入 {target}。修改后运行：branchcheck validate --strict {target}\n",
            f"Wrote {target}. Edit it, then run: branchcheck validate --strict {target}\n",
        )
    )
    return EXIT_OK


def _readable(path: Path) -> None:
    """Give the new file the usual mode (0666 less the umask); temp files start as 0600."""
    import os

    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:
        pass
