"""``branchcheck actions``: the rectification (整改) actions opened by stored results."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from branchcheck.commands.options import UiLangOption, check_choice
from branchcheck.core.errors import EXIT_OK

app = typer.Typer(
    help="Corrective actions (整改) from failed items: list, show, assign, comment, fix, "
    "verify, reopen, and the rectification ledger. See docs/actions.md.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ResultsDir = Annotated[str | None, typer.Option(
    "--results-dir", metavar="DIR",
    help="Results folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results).")]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="Action id, e.g. A-3F9C2E1B.",
                                           show_default=False)]
ByOption = Annotated[str | None, typer.Option(
    "--by", metavar="NAME", help="Who is doing this (default: $USER).")]
BranchFilter = Annotated[str | None, typer.Option(
    "--branch", "-b", metavar="ID", help="Only this branch.")]
NoteOption = Annotated[str, typer.Option("--note", "-m", metavar="NOTE", help="The note.")]

LIST_FORMATS = ("text", "md", "csv", "json")
LIST_STATUSES = ("open", "overdue", "fixed", "verified", "reopened", "all")


def _who(by: str | None) -> str:
    from branchcheck.actions.limits import MAX_WHO
    from branchcheck.actions.ops import clean_text

    return clean_text(by or os.environ.get("USER") or "unknown", "--by", MAX_WHO)


def _root(results_dir: str | None) -> Path:
    from branchcheck.core import places

    return places.results_dir(results_dir)


def _warn(problems: object) -> None:
    from branchcheck.core.textsafe import term

    for p in problems:  # type: ignore[attr-defined]
        sys.stderr.write(term(f"Warning: {p}") + "\n")


@app.command("list")
def list_actions(
    branch: BranchFilter = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", metavar="ID", help="Only this checklist id.")] = None,
    status: Annotated[str, typer.Option(
        "--status", "-s", metavar="|".join(LIST_STATUSES),
        help="Which actions (open includes reopened).")] = "open",
    owner: Annotated[str | None, typer.Option(
        "--owner", metavar="NAME", help="Only this owner.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="|".join(LIST_FORMATS), help="Output format.")] = "text",
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """List actions (default: the open ones of every branch), oldest first.

    Problems found in a log (tampering, a truncated last line, missing evidence) are
    warnings on stderr. Exit 0, 2 for usage errors.
    """
    from branchcheck.actions import ops
    from branchcheck.actions import render as render
    from branchcheck.actions.calendar import today
    from branchcheck.actions.state import select
    from branchcheck.commands.options import emit
    from branchcheck.core import places
    from branchcheck.core.i18n import resolve_lang

    check_choice(fmt, LIST_FORMATS)
    check_choice(status, LIST_STATUSES, "status")
    ui = resolve_lang(lang)
    root = _root(results_dir)
    names = [places.require_branch(root, branch, ui)] if branch else list(ops.branches(root))
    day = today()
    chosen = []
    for name in names:
        log, state = ops.load(root, name)
        _warn(log.problems + state.problems)
        chosen += select(state.actions.values(), status=status, checklist=checklist,
                         owner=owner, day=day)
    if fmt == "json":
        emit(render.list_json(chosen, day), None, False)
    elif fmt == "csv":
        emit(render.list_csv(chosen, day), None, False)
    else:
        lines = render.list_md(chosen, day, ui) if fmt == "md" else render.list_text(
            chosen, day, ui)
        emit("".join(f"{line}\n" for line in lines), None, False)
    return EXIT_OK


@app.command("show")
def show(
    action_id: IdArgument,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="text|json", help="Output format.")] = "text",
    results_dir: ResultsDir = None,
    branch: BranchFilter = None,
    lang: UiLangOption = None,
) -> int:
    """One action with its full history and the state of its evidence."""
    import json

    from branchcheck.actions import evidence, ops
    from branchcheck.actions import render as render
    from branchcheck.actions.calendar import today
    from branchcheck.commands.options import emit
    from branchcheck.core.i18n import resolve_lang

    check_choice(fmt, ("text", "json"))
    ui = resolve_lang(lang)
    root = _root(results_dir)
    found = ops.locate(root, action_id, branch)
    _warn(found.log.problems + found.state.problems)
    missing = evidence.check(root, found.branch, found.action.evidence)
    notes = [f"{m.path}: {m.problem}" for m in missing]
    _warn(notes)
    if fmt == "json":
        data = render.as_dict(found.action, today(), events=True)
        data["evidence_problems"] = notes
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None, False)
    else:
        emit("".join(f"{line}\n" for line in render.show_text(found.action, today(), ui,
                                                               notes)), None, False)
    return EXIT_OK


def _done(message: str) -> None:
    from branchcheck.core.textsafe import term

    sys.stderr.write(term(message) + "\n")


def _change(step: str, action_id: str, branch: str | None, results_dir: str | None,
            **fields: Any) -> Any:
    """Find the action (by id, in ``branch`` if given) and record one step of its life
    (``assign``, ``comment``, ``fix``, ``verify``, ``reopen``); the action after it."""
    from branchcheck.actions import ops

    root = _root(results_dir)
    return getattr(ops, step)(root, ops.locate(root, action_id, branch), **fields)


@app.command("assign")
def assign(
    action_id: IdArgument,
    owner: Annotated[str | None, typer.Option("--owner", metavar="NAME",
                                              help="The owner (整改责任人).")] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="YYYY-MM-DD",
                                            help="The due date (整改时限).")] = None,
    by: ByOption = None,
    results_dir: ResultsDir = None,
    branch: BranchFilter = None,
) -> int:
    """Give an action an owner and/or a due date."""
    a = _change("assign", action_id, branch, results_dir, owner=owner, due=due, who=_who(by))
    _done(f"{a.id}: owner {a.owner or '-'}, due {a.due or '-'}")
    return EXIT_OK


@app.command("comment")
def comment(action_id: IdArgument, note: NoteOption, by: ByOption = None,
            results_dir: ResultsDir = None, branch: BranchFilter = None) -> int:
    """Add a comment to an action's history."""
    a = _change("comment", action_id, branch, results_dir, note=note, who=_who(by))
    _done(f"{a.id}: comment added")
    return EXIT_OK


@app.command("fix")
def fix(
    action_id: IdArgument,
    note: NoteOption,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", "-e", metavar="FILE",
        help="Photo (JPEG/PNG), PDF or audio file; repeatable.")] = None,
    by: ByOption = None,
    results_dir: ResultsDir = None,
    branch: BranchFilter = None,
) -> int:
    """Record what was done (整改措施), with evidence copied into the branch's store."""
    a = _change("fix", action_id, branch, results_dir, note=note, evidence=evidence or [],
                who=_who(by))
    _done(f"{a.id}: fixed ({len(a.evidence)} evidence files); the next passing check "
          "verifies it")
    return EXIT_OK


@app.command("verify")
def verify(action_id: IdArgument, note: Annotated[str, typer.Option(
        "--note", "-m", metavar="NOTE", help="A note.")] = "",
        by: ByOption = None, results_dir: ResultsDir = None,
        branch: BranchFilter = None) -> int:
    """Confirm by hand that the problem is gone (复查)."""
    a = _change("verify", action_id, branch, results_dir, note=note, who=_who(by))
    _done(f"{a.id}: verified")
    return EXIT_OK


@app.command("reopen")
def reopen(action_id: IdArgument, note: Annotated[str, typer.Option(
        "--note", "-m", metavar="NOTE", help="Why.")] = "",
        by: ByOption = None, results_dir: ResultsDir = None,
        branch: BranchFilter = None) -> int:
    """Reopen a fixed or verified action; its history is kept."""
    a = _change("reopen", action_id, branch, results_dir, note=note, who=_who(by))
    _done(f"{a.id}: reopened, due {a.due}")
    return EXIT_OK


@app.command("ledger")
def ledger(
    branch: Annotated[str, typer.Option("--branch", "-b", metavar="ID", show_default=False,
                                        help="The branch.")],
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only actions from checks on or after this date "
        "(YYYY-MM-DD).")] = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", metavar="ID", help="Only this checklist id.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="md|html|csv", help="Output format.")] = "md",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """The rectification ledger (整改台账) of a branch: every action with owner, due date,
    fix, re-check and status; printable (html: A4 landscape) and Excel-safe (csv)."""
    from branchcheck.actions import ledger as render
    from branchcheck.actions import ops
    from branchcheck.actions.calendar import parse_date, today
    from branchcheck.actions.render import day_of
    from branchcheck.commands.options import emit
    from branchcheck.core import places
    from branchcheck.core.i18n import resolve_lang

    check_choice(fmt, ("md", "html", "csv"))
    ui = resolve_lang(lang)
    start = parse_date(since, "--since") if since else None
    root = _root(results_dir)
    places.require_branch(root, branch, ui)
    log, state = ops.load(root, branch)
    _warn(log.problems + state.problems)
    chosen = [a for a in state.actions.values()
              if (checklist is None or a.checklist == checklist)
              and (start is None or day_of(a.source.get("finished", "") or a.opened)
                   >= start.isoformat())]
    day = today()
    if fmt == "csv":
        emit(render.ledger_csv(chosen, day, ui), output, force)
    elif fmt == "html":
        emit(render.ledger_html(branch, chosen, day, ui), output, force)
    else:
        emit(render.ledger_md(branch, chosen, day, ui), output, force)
    return EXIT_OK
