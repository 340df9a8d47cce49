"""``branchcheck actions``: the rectification (整改) actions opened by stored results."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from branchcheck.commands.options import UiLangOption, actor, check_choice
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
    "--by", metavar="NAME",
    help="Who is doing this (default: $BRANCHCHECK_REVIEWER, else $USER, else asked).")]
BranchFilter = Annotated[str | None, typer.Option(
    "--branch", "-b", metavar="ID", help="Only this branch.")]
NoteOption = Annotated[str, typer.Option("--note", "-m", metavar="NOTE", help="The note.")]

LIST_FORMATS = ("text", "md", "csv", "json")
LIST_STATUSES = ("open", "overdue", "fixed", "verified", "reopened", "all")


def _root(results_dir: str | None) -> Path:
    from branchcheck.core import places

    return places.results_dir(results_dir)


def _warn(problems: object, lang: str = "en") -> None:
    from branchcheck.core.i18n import t
    from branchcheck.core.textsafe import term

    for p in problems:  # type: ignore[attr-defined]
        sys.stderr.write(term(t(lang, f"警告：{p}", f"Warning: {p}")) + "\n")


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
    from branchcheck.actions import ops, snapshot
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
        log, state = snapshot.load(root, name)
        _warn(log.problems + state.problems, ui)
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
    _calendar(ui)
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
    from branchcheck.core.i18n import resolve_lang, t

    check_choice(fmt, ("text", "json"))
    ui = resolve_lang(lang)
    root = _root(results_dir)
    found = ops.locate(root, action_id, branch, ui)
    _warn(found.log.problems + found.state.problems, ui)
    missing = evidence.check(root, found.branch, found.action.evidence)
    notes = [t(ui, f"{m.path}：{evidence.say(m.problem, ui)}",
               f"{m.path}: {evidence.say(m.problem, ui)}") for m in missing]
    _warn(notes, ui)
    if fmt == "json":
        data = render.as_dict(found.action, today(), events=True)
        data["evidence_problems"] = notes
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None, False)
    else:
        emit("".join(f"{line}\n" for line in render.show_text(found.action, today(), ui,
                                                               notes)), None, False)
    _calendar(ui)
    return EXIT_OK


def _done(message: str, lang: str = "en") -> None:
    """What a write command did (stderr), then the calendar's warnings."""
    from branchcheck.core.textsafe import term

    sys.stderr.write(term(message) + "\n")
    _calendar(lang)


def _calendar(lang: str) -> None:
    """The working-day calendar's warnings for the years it had to guess (a year
    ``chinesecalendar`` and the calendar file do not cover), as ``network`` prints them."""
    from branchcheck.actions.calendar import calendar_warnings

    _warn(calendar_warnings(lang), lang)


def _change(step: str, action_id: str, branch: str | None, results_dir: str | None,
            lang: str | None, by: str | None, **fields: Any) -> tuple[Any, str]:
    """Find the action (by id, in ``branch`` if given) and record one step of its life
    (``assign``, ``comment``, ``fix``, ``verify``, ``reopen``, ``report``); the action
    after it and the UI language."""
    from branchcheck.actions import ops
    from branchcheck.core.i18n import resolve_lang

    ui = resolve_lang(lang)
    root = _root(results_dir)
    found = ops.locate(root, action_id, branch, ui)
    return getattr(ops, step)(root, found, who=actor(by, ui), lang=ui, **fields), ui


@app.command("assign")
def assign(
    action_id: IdArgument,
    owner: Annotated[str | None, typer.Option("--owner", metavar="NAME",
                                              help="The owner (整改责任人).")] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="YYYY-MM-DD",
                                            help="The due date (整改时限).")] = None,
    staff_no: Annotated[str | None, typer.Option(
        "--staff-no", metavar="NUMBER", help="The owner's employee number (工号, e.g. a "
        "teller's 柜员号); shown in the ledger and by show only.")] = None,
    by: ByOption = None,
    results_dir: ResultsDir = None,
    branch: BranchFilter = None,
    lang: UiLangOption = None,
) -> int:
    """Give an action an owner and/or a due date (not before the check that found it)."""
    from branchcheck.core.i18n import t

    a, ui = _change("assign", action_id, branch, results_dir, lang, by, owner=owner, due=due,
                    staff_no=staff_no)
    _done(t(ui, f"{a.id}：责任人 {a.owner or '—'}，整改时限 {a.due or '—'}",
            f"{a.id}: owner {a.owner or '-'}, due {a.due or '-'}"), ui)
    return EXIT_OK


@app.command("comment")
def comment(action_id: IdArgument, note: NoteOption, by: ByOption = None,
            results_dir: ResultsDir = None, branch: BranchFilter = None,
            lang: UiLangOption = None) -> int:
    """Add a comment to an action's history."""
    from branchcheck.core.i18n import t

    a, ui = _change("comment", action_id, branch, results_dir, lang, by, note=note)
    _done(t(ui, f"{a.id}：已添加备注", f"{a.id}: comment added"), ui)
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
    lang: UiLangOption = None,
) -> int:
    """Record what was done (整改措施), with evidence copied into the branch's store."""
    from branchcheck.core.i18n import t

    a, ui = _change("fix", action_id, branch, results_dir, lang, by, note=note,
                    evidence=evidence or [])
    if a.incident:
        _done(t(ui, f"{a.id}：已登记整改（证据 {len(a.evidence)} 份）；红线事件须由他人用 "
                    "actions verify 复查",
                f"{a.id}: fixed ({len(a.evidence)} evidence files); a red-line incident is "
                "verified by someone else with actions verify"), ui)
    else:
        _done(t(ui, f"{a.id}：已登记整改（证据 {len(a.evidence)} 份）；下次检查通过即复查",
                f"{a.id}: fixed ({len(a.evidence)} evidence files); the next passing check "
                "verifies it"), ui)
    return EXIT_OK


@app.command("verify")
def verify(action_id: IdArgument, note: Annotated[str, typer.Option(
        "--note", "-m", metavar="NOTE", help="A note.")] = "",
        allow_self: Annotated[bool, typer.Option(
            "--allow-self", help="Verify your own fix (a one-person outlet); recorded and "
            "shown in the ledger. Never for a red-line incident.")] = False,
        org: Annotated[str | None, typer.Option(
            "--org", metavar="FILE", help="Organisation directory (YAML or CSV; else "
            "$BRANCHCHECK_ORG): a red-line incident is verified only by the people the "
            "units above the outlet name (verifiers).")] = None,
        by: ByOption = None, results_dir: ResultsDir = None,
        branch: BranchFilter = None, lang: UiLangOption = None) -> int:
    """Confirm by hand that the problem is gone (复查); not by the person who fixed it.
    A red-line incident: by the level above when the directory names who that is."""
    from branchcheck.actions import ops
    from branchcheck.core.i18n import resolve_lang, t

    ui = resolve_lang(lang)
    root = _root(results_dir)
    found = ops.locate(root, action_id, branch, ui)
    above = _verifiers(org or os.environ.get("BRANCHCHECK_ORG", "").strip() or None,
                       found.branch, ui) if found.action.incident else ("", ())
    a, ui = _change("verify", action_id, found.branch, results_dir, lang, by, note=note,
                    allow_self=allow_self, above=above)
    _done(t(ui, f"{a.id}：已复查销号", f"{a.id}: verified"), ui)
    return EXIT_OK


def _verifiers(org: str | None, branch: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """Who may verify a red-line incident of ``branch``: the ``verifiers`` the units
    above it name in the directory (the nearest one's name first), or none known."""
    if not org:
        return "", ()
    from branchcheck.core.i18n import t
    from branchcheck.org.directory import load as load_org

    directory = load_org(org, lang=lang)
    if branch not in directory.by_id:
        _warn([t(lang, f"机构目录 {org} 中没有网点 {branch}：红线事件按“他人复查”规则",
                 f"{branch} is not in the directory {org}: a red-line incident is verified "
                 "by anyone but the fixer")], lang)
        return "", ()
    names: list[str] = []
    nearest = ""
    for unit_id in directory.chain(branch)[1:]:  # the level above, then up to the top
        unit = directory.by_id[unit_id]
        if unit.verifiers and not nearest:
            nearest = f"{unit.name(lang)}（{unit.id}）" if lang == "zh" else \
                f"{unit.name(lang)} ({unit.id})"
        names += [n for n in unit.verifiers if n not in names]
    return nearest, tuple(names)


@app.command("reopen")
def reopen(action_id: IdArgument, note: Annotated[str, typer.Option(
        "--note", "-m", metavar="NOTE", help="Why.")] = "",
        by: ByOption = None, results_dir: ResultsDir = None,
        branch: BranchFilter = None, lang: UiLangOption = None) -> int:
    """Reopen a fixed or verified action; its history is kept."""
    from branchcheck.core.i18n import t

    a, ui = _change("reopen", action_id, branch, results_dir, lang, by, note=note)
    _done(t(ui, f"{a.id}：已重新打开，整改时限 {a.due}", f"{a.id}: reopened, due {a.due}"), ui)
    return EXIT_OK


@app.command("report")
def report(
    action_id: IdArgument,
    to: Annotated[str, typer.Option("--to", metavar="WHOM",
                                    help="Reported to (上报对象), e.g. 支行 / 合规部.")] = "",
    on: Annotated[str, typer.Option("--on", metavar="YYYY-MM-DD",
                                    help="Reported on (上报日期).")] = "",
    remedy: Annotated[str, typer.Option("--remedy", metavar="NOTE",
                                        help="What was done for the customer (客户处置).")] = "",
    accountability: Annotated[str, typer.Option(
        "--accountability", metavar="NOTE", help="Accountability (问责).")] = "",
    by: ByOption = None, results_dir: ResultsDir = None, branch: BranchFilter = None,
    lang: UiLangOption = None,
) -> int:
    """Record a red-line incident's 上报 (to whom, when), 客户处置 and 问责."""
    from branchcheck.core.i18n import t

    fields = {"reported_to": to, "reported_on": on, "remedy": remedy,
              "accountability": accountability}
    a, ui = _change("report", action_id, branch, results_dir, lang, by, fields=fields)
    _done(t(ui, f"{a.id}：已记录上报、客户处置和问责", f"{a.id}: incident report recorded"), ui)
    return EXIT_OK


LEDGER_FORMATS = ("md", "html", "csv", "xlsx")


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
        "--format", "-f", metavar="|".join(LEDGER_FORMATS),
        help="Output format (xlsx needs -o FILE).")] = "md",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    org: Annotated[str | None, typer.Option(
        "--org", metavar="FILE", help="Organisation directory (YAML or CSV): the outlet's "
        "name in the header.")] = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """The rectification ledger (整改台账) of a branch: every action with its source,
    owner, due date, fix, re-check, recurrences and status, and the approvals; printable
    (html: A4 landscape), Excel-safe (csv) and an Excel workbook (xlsx)."""
    from branchcheck.actions import ledger_formats as render
    from branchcheck.actions import snapshot
    from branchcheck.actions.calendar import parse_date, today
    from branchcheck.actions.ledger import Ledger
    from branchcheck.actions.render import day_of
    from branchcheck.commands.options import emit
    from branchcheck.core import places
    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import resolve_lang, t

    check_choice(fmt, LEDGER_FORMATS)
    ui = resolve_lang(lang)
    places.check_branch(branch, ui)
    if fmt == "xlsx" and output in (None, "-"):
        raise UsageError(t(ui, "xlsx 是二进制文件：请用 -o 文件名.xlsx 写入文件",
                           "xlsx is a binary file: write it with -o FILE.xlsx"))
    start = parse_date(since, "--since").isoformat() if since else ""
    name = branch
    if org:
        from branchcheck.org.directory import load as load_org

        unit = load_org(org, lang=ui).by_id.get(branch)
        name = unit.name(ui) if unit is not None else branch
    root = _root(results_dir)
    places.require_branch(root, branch, ui)
    log, state = snapshot.load(root, branch)
    _warn(log.problems + state.problems, ui)

    def wanted(checked: str, checklist_id: str | None) -> bool:
        return (checklist is None or checklist_id in (None, checklist)) and day_of(
            checked) >= start

    chosen = [a for a in state.actions.values()
              if wanted(a.source.get("finished", "") or a.opened, a.checklist)]
    approvals = [a for a in state.approvals if wanted(a.result.get("finished", ""), None)
                 and (checklist is None or any(x.source.get("sha256") == a.result.get("sha256")
                                               for x in chosen))]
    book = Ledger(branch, name, today(), chosen, approvals, ui)
    if fmt == "xlsx":
        emit(render.ledger_xlsx(book), output, force)
    elif fmt == "csv":
        emit(render.ledger_csv(book), output, force)
    elif fmt == "html":
        emit(render.ledger_html(book), output, force)
    else:
        emit(render.ledger_md(book), output, force)
    _calendar(ui)
    return EXIT_OK
