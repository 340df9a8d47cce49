"""``branchcheck diff``: what got better, what got worse, what keeps failing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.commands.options import (
    HUMAN_FORMATS,
    ForceOption,
    LangOption,
    OutputOption,
    ResultsDirOption,
    check_choice,
    emit,
    newest_stored,
)
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK, UsageError
from branchcheck.terminal.output import err

if TYPE_CHECKING:
    from branchcheck.core.model import Result


def diff(
    old: Annotated[
        str | None, typer.Argument(help="Older result file.", show_default=False)
    ] = None,
    new: Annotated[
        str | None, typer.Argument(help="Newer result file.", show_default=False)
    ] = None,
    branch: Annotated[
        str | None,
        typer.Option("--branch", "-b", help="Compare the newest stored result of this branch "
                     "with an older one (instead of OLD NEW)."),
    ] = None,
    checklist: Annotated[
        str | None,
        typer.Option("--checklist", "-c", help="Checklist id (needed when the branch has "
                     "results of several checklists)."),
    ] = None,
    against: Annotated[
        int, typer.Option("--against", min=1, help="With --branch: compare with the N-th "
                          "older result (1 = the one before the newest).")
    ] = 1,
    results_dir: ResultsDirOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text, md, json or html.")
    ] = "text",
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", help="Exit 1 when: regression (an item got worse), "
                     "knockout (a knockout item newly failed) or drop:N (overall final score "
                     "fell by more than N points). Repeatable."),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """Compare two results of the same checklist: item changes, section and overall
    score deltas, grade and coverage changes.

    Give two result files (OLD NEW), or --branch [--checklist] to compare the
    newest stored result with an older one. Exit 0 ok (or no gate fired), 1 a
    --fail-on gate fired, 2 bad input or results of different checklists.
    """
    from branchcheck.core import diff as core
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.render import diff as render
    from branchcheck.render import diff_doc

    check_choice(fmt, render.FORMATS)
    ui = resolve_lang(lang)
    gates = [core.parse_gate(g, ui) for g in fail_on or []]
    before, after = _pick(old, new, branch, checklist, against, results_dir, ui)
    result = core.compare(before, after, ui)
    fired = core.fired(result, gates, ui)
    if fmt == "text":
        if output is None or output == "-":
            render.text(result, ui, sys.stdout)
            sys.stdout.write(_actions_text(after, results_dir, ui))
        else:
            import io

            buf = io.StringIO()
            render.text(result, ui, buf)
            buf.write(_actions_text(after, results_dir, ui))
            emit(buf.getvalue(), output, force, human=True)
    else:
        from branchcheck.commands.report import with_actions

        doc = with_actions(diff_doc.render(result, fmt, ui, fired, gates), fmt, after,
                           results_dir, ui)
        emit(doc, output, force, human=fmt in HUMAN_FORMATS)
    for gate, reason in fired:
        err(t(ui, f"branchcheck: --fail-on {gate} 已触发：{reason}\n",
                           f"branchcheck: --fail-on {gate} fired: {reason}\n"))
    return EXIT_FAILED if fired else EXIT_OK


def _actions_text(result: Result, results_dir: str | None, ui: str) -> str:
    """Lines on the actions the newer check opened, kept open and closed."""
    from branchcheck.actions.links import for_result, root_of
    from branchcheck.actions.render_links import text_lines
    from branchcheck.core.errors import BranchcheckError

    root = root_of(Path(result.path), result.branch, results_dir) if result.path else None
    if root is None:
        return ""
    try:
        lines = text_lines(for_result(root, result.branch, Path(result.path)), ui)
    except BranchcheckError:
        return ""
    return "".join(f"{line}\n" for line in lines)


def _pick(old: str | None, new: str | None, branch: str | None, checklist: str | None,
          against: int, results_dir: str | None, ui: str) -> tuple[Result, Result]:
    """The two results to compare: from files, or from the store."""
    from branchcheck.core.i18n import t
    from branchcheck.results import storage

    if branch is None:
        if checklist is not None or against != 1:
            raise UsageError(t(ui, "--checklist 和 --against 需与 --branch 一起使用",
                               "--checklist and --against go with --branch"))
        if old is None or new is None:
            raise UsageError(t(ui, "请给出两个结果文件（OLD NEW），"
                                   "或用 --branch ID 比较已保存的结果",
                               "give two result files (OLD NEW), or --branch ID to compare "
                               "stored results"))
        return storage.read_result(old, lang=ui), storage.read_result(new, lang=ui)
    if old is not None:
        raise UsageError(t(ui, "请给出两个结果文件或 --branch，不能同时给出",
                           "give either two result files or --branch, not both"))
    root = storage.results_dir(results_dir)
    picked = newest_stored(branch, checklist, results_dir, ui, against + 1,
                           f"--against {against}")
    newest, older = picked[0], picked[against]
    err(t(ui, f"比较 {older} → {newest}\n", f"comparing {older} -> {newest}\n"))
    return (storage.read_result(older, lang=ui, root=root),
            storage.read_result(newest, lang=ui, root=root))
