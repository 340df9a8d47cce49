"""``branchcheck history``: a branch's stored results over time."""

from __future__ import annotations

from typing import Annotated

import typer

from branchcheck.commands.options import (
    HUMAN_FORMATS,
    BranchOption,
    ForceOption,
    LangOption,
    OutputOption,
    ResultsDirOption,
    check_choice,
    emit,
)
from branchcheck.core.errors import EXIT_OK, InputError
from branchcheck.terminal.output import err


def history(
    branch: BranchOption,
    checklist: Annotated[
        str | None,
        typer.Option("--checklist", "-c", help="Only this checklist (default: every "
                     "checklist the branch has results of)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only results finished on or after this day "
                     "(YYYY-MM-DD)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text, json or csv.")
    ] = "text",
    top: Annotated[
        int, typer.Option("--top", min=1, max=1000, help="How many most-failed items to list.")
    ] = 10,
    results_dir: ResultsDirOption = None,
    cache: Annotated[
        bool,
        typer.Option("--cache/--no-cache", help="Skip re-reading results this user has "
                     "read before with the same bytes (remembered under ~/.cache, "
                     "HMAC-protected; about 10x faster on a long history)."),
    ] = True,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """One row per stored result (oldest first): date, reviewer, overall final score,
    grade, each section's score, coverage; a trend line per column (text) and the
    items that failed most often.

    Files that are invalid or hand-edited are skipped with a warning. Exit 0 ok,
    2 bad options, no stored results for the branch, or none of them readable.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.render import history as render
    from branchcheck.results import history as core
    from branchcheck.results import storage

    check_choice(fmt, render.FORMATS)
    ui = resolve_lang(lang)
    storage.check_branch(branch, ui)
    if checklist is not None:
        core.check_checklist_id(checklist, ui)
    day = core.parse_since(since, ui) if since is not None else None
    root = storage.results_dir(results_dir)
    core.stored_of(root, branch, checklist, ui)
    loaded = core.load(root, branch, checklist, since=day, use_cache=cache, lang=ui)
    for path, reason in loaded.skipped:
        err(t(ui, "警告：已跳过 ", "warning: skipped ")
                         + core.describe(path, reason) + "\n")
    if not loaded.results and loaded.skipped:
        raise InputError(t(ui, f"网点 {branch} 的已保存结果都无法读取（见上面的警告）",
                           f"none of the stored results of branch {branch} could be read "
                           "(see the warnings above)"))
    histories = core.build(loaded.results, top)
    if not histories:
        err(t(ui, f"网点 {branch} 自 {since} 起没有结果\n",
                           f"no results of branch {branch} since {since}\n"))
    if fmt == "json":
        data: str | bytes = render.as_json(histories, ui, branch=branch, since=day,
                                           skipped=loaded.skipped, tampered=loaded.tampered)
    elif fmt == "csv":
        data = render.as_csv(histories, ui)
    else:
        data = render.as_text(histories, ui) if histories else ""
    emit(data, output, force, human=fmt in HUMAN_FORMATS)
    return EXIT_OK
