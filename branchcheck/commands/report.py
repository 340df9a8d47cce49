"""``branchcheck report``: one result as Markdown, HTML, CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.commands.options import (
    HUMAN_FORMATS,
    ForceOption,
    OutputOption,
    ReportLangOption,
    check_choice,
    emit,
    newest_stored,
)
from branchcheck.core.errors import EXIT_OK, UsageError
from branchcheck.terminal.output import err, warn

if TYPE_CHECKING:
    from branchcheck.core.model import Result
    from branchcheck.results.summary import Summary


def report(
    result: Annotated[str | None, typer.Argument(
        help="A result file (or use --branch [--checklist] for the newest stored one).",
        show_default=False)] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: md, html, csv or json.")
    ] = "md",
    output: OutputOption = None,
    force: ForceOption = False,
    lang: ReportLangOption = None,
    with_history: Annotated[
        bool,
        typer.Option("--history", help="HTML: add a trend of the overall score from stored "
                     "results of the same branch and checklist."),
    ] = False,
    results_dir: Annotated[
        str | None,
        typer.Option("--results-dir", help="Stored results for --branch and --history "
                     "(default $BRANCHCHECK_RESULTS or ./branchcheck-results)."),
    ] = None,
    branch: Annotated[str | None, typer.Option(
        "--branch", "-b", help="Report the newest stored result of this branch.")] = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", help="With --branch: of this checklist (needed when the branch "
        "has results of several).")] = None,
) -> int:
    """Write a report of one result: summary, section scores, knockouts, failed and
    partial items with notes and guidance.

    md (default) and html are for people (html: one self-contained, printable
    file with an SVG chart); csv (one row per item, UTF-8 with BOM, safe for
    spreadsheets) and json are for tools. Give a result file, or --branch
    [--checklist] for the newest stored result. Exit 0 ok, 2 bad input or usage.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.render.report_formats import FORMATS, render
    from branchcheck.results import storage

    check_choice(fmt, FORMATS)
    ui = resolve_lang(lang)
    if with_history and fmt != "html":
        raise UsageError(t(ui, "--history 只用于 --format html",
                           "--history is only for --format html"))
    if (result is None) == (branch is None):
        raise UsageError(t(ui, "请给出一个结果文件，或用 --branch ID 报告最新的已保存结果",
                           "give a result file, or --branch ID for the newest stored result"))
    if branch is None and checklist is not None:
        raise UsageError(t(ui, "--checklist 需与 --branch 一起使用",
                           "--checklist goes with --branch"))
    if result is None:
        (path,) = newest_stored(branch or "", checklist, results_dir, ui)
        err(t(ui, f"报告 {path}\n", f"reporting {path}\n"))
        loaded = storage.read_result(path, lang=ui, root=storage.results_dir(results_dir))
    else:
        loaded = storage.read_result(result, lang=ui)
    trend = _trend(loaded, results_dir, ui) if with_history else None
    doc = with_actions(render(loaded, fmt, ui, trend), fmt, loaded, results_dir, ui)
    emit(doc, output, force, human=fmt in HUMAN_FORMATS)
    return EXIT_OK


def with_actions(doc: str | bytes, fmt: str, result: Result, results_dir: str | None,
                 ui: str) -> str | bytes:
    """A md or html document with the actions this check opened, kept open and closed,
    and its approvers, from the branch's actions log (docs/actions.md)."""
    from branchcheck.actions import render_links as action_links
    from branchcheck.actions.links import for_result, root_of
    from branchcheck.core.errors import BranchcheckError

    if fmt not in ("md", "html") or not isinstance(doc, str) or not result.path:
        return doc
    root = root_of(Path(result.path), result.branch, results_dir)
    if root is None:
        return doc
    try:
        links = for_result(root, result.branch, Path(result.path))
    except BranchcheckError as exc:
        warn(exc.message)
        return doc
    if fmt == "html":
        return action_links.insert_html(doc, action_links.html_block(links, ui))
    lines = action_links.md_lines(links, ui)
    return doc.rstrip("\n") + "\n" + "\n".join(lines) + "\n" if lines else doc


def _trend(result: Result, results_dir: str | None,
           ui: str) -> list[tuple[str, float | None]]:
    """(date, overall final) of the stored results of the same branch and checklist
    finished up to ``result``, ending with ``result`` itself (once, also when the
    file given is a copy of a stored one)."""
    from branchcheck.core.i18n import t
    from branchcheck.render.report import date_text
    from branchcheck.results import history, storage

    root = storage.results_dir(results_dir)
    loaded = history.load(root, result.branch, result.checklist_id, use_cache=True, lang=ui)
    for path, reason in loaded.skipped:
        err(t(ui, "警告：已跳过 ", "warning: skipped ")
                         + history.describe(path, reason) + "\n")
    me = Path(result.path).resolve()
    end = history.parse_time(result.finished)
    points = []
    for r in loaded.results:
        when = history.parse_time(r.finished)
        if Path(r.path).resolve() == me or (end and when and when > end) or _same(r, result):
            continue
        points.append((date_text(r.finished), r.overall_final))
    points.append((date_text(result.finished), result.overall_final))
    return points


def _same(a: Summary, b: Result) -> bool:
    """Whether a stored result and ``b`` are the same self-check (a file and a copy of it)."""
    s = b.score
    return (a.started, a.finished, a.reviewer, a.checklist_version, a.checklist_sha256,
            a.overall_raw, a.overall_final, a.coverage) == (
        b.started, b.finished, b.reviewer, b.checklist_version, b.checklist_sha256,
        s.overall_raw, s.overall_final, s.coverage)
