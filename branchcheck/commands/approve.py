"""``branchcheck approve``: the sign-off (审核) of a stored result, kept in the branch's
actions log; the result file itself is never rewritten."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from branchcheck.commands.options import UiLangOption
from branchcheck.core.errors import EXIT_OK


def approve(
    result: Annotated[str, typer.Argument(metavar="RESULT", show_default=False,
                                          help="A stored result file.")],
    approver: Annotated[str, typer.Option("--approver", metavar="NAME", show_default=False,
                                          help="Who approves (审核人).")],
    note: Annotated[str, typer.Option("--note", "-m", metavar="NOTE",
                                      help="A remark.")] = "",
    results_dir: Annotated[str | None, typer.Option(
        "--results-dir", metavar="DIR",
        help="Results folder holding the branch's log (default: the one the result is "
             "stored in).")] = None,
    allow_self: Annotated[bool, typer.Option(
        "--allow-self", help="Approve a check you did yourself (a one-person outlet); "
        "recorded and shown in the ledger.")] = False,
    lang: UiLangOption = None,
) -> int:
    """Record who approved a stored result (审核人), without changing the file.

    The result is re-checked first (a tampered file is refused); reports show
    the approver. Exit 0 recorded, 2 bad input or usage.
    """

    from branchcheck.actions.links import root_of
    from branchcheck.actions.ops import approve as record
    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.results.storage import read_result
    from branchcheck.terminal.output import err

    ui = resolve_lang(lang)
    path = Path(result)
    branch = read_result(path, lang=ui).branch
    root = root_of(path, branch, results_dir)
    if root is None:
        raise UsageError(t(ui, f"{result} 不在结果目录中；请用 --results-dir 指明",
                           f"{result} is not inside a results folder; give --results-dir"))
    _, sha = record(root, path, approver=approver, note=note, allow_self=allow_self, lang=ui)
    err(t(ui, f"已记录审核：{approver}（{result}，sha256 {sha[:12]}）\n",
          f"Approval recorded: {approver} ({result}, sha256 {sha[:12]})\n"))
    return EXIT_OK
