"""``branchcheck complaints``: the complaint register (投诉台账) of each outlet."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from branchcheck.commands.complaints_common import (
    AtOption,
    BranchFilter,
    ByOption,
    CalendarOption,
    IdArgument,
    ResultsDir,
    RulesOption,
    clock_of,
    find,
    root,
    rules_of,
    say,
    warn,
    who,
)
from branchcheck.commands.complaints_rootcause import action, link
from branchcheck.commands.options import UiLangOption, check_choice
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK

app = typer.Typer(
    help="The complaint register (投诉台账): register a complaint, record 受理 and the five "
    "steps, extend, escalate, close; lists with deadlines; the printable register. "
    "See docs/complaints.md.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


LIST_FORMATS = ("text", "md", "csv", "json")
LIST_STATUSES = ("open", "overdue", "soon", "closed", "all")


@app.command("new")
def new(
    branch: Annotated[str, typer.Option("--branch", "-b", metavar="ID", show_default=False,
                                        help="The outlet that received the complaint.")],
    channel: Annotated[str, typer.Option(
        "--channel", metavar="counter|hotline|letter|online|regulator", show_default=False,
        help="How it came in.")],
    received: Annotated[str, typer.Option(
        "--received", metavar="ISO-TIME", show_default=False,
        help="When it was received, with offset, e.g. 2026-02-13T10:00+08:00.")],
    promise_days: Annotated[int, typer.Option(
        "--promise-days", metavar="N", show_default=False,
        help="Reply promised within N working days (the day of receipt does not count).")],
    category: Annotated[str, typer.Option("--category", metavar="CODE",
                                          help="Category code (see docs).")] = "other",
    summary: Annotated[str, typer.Option("--summary", metavar="SUMMARY",
                                         help="What happened.")] = "",
    asks: Annotated[str, typer.Option("--asks", metavar="REQUEST",
                                      help="What the customer asks for (客户诉求).")] = "",
    customer_ref: Annotated[str, typer.Option(
        "--customer-ref", metavar="REF", help="The customer's reference in the bank's own "
        "system (instead of a name).")] = "",
    customer_name: Annotated[str, typer.Option("--customer-name", metavar="NAME",
                                               help="Only if needed; never exported.")] = "",
    customer_contact: Annotated[str, typer.Option("--customer-contact", metavar="CONTACT",
                                                  help="Only if needed; never exported.")] = "",
    about: Annotated[str, typer.Option(
        "--about", metavar="NAME", help="The member of staff complained about (may not "
        "handle the case).")] = "",
    by: ByOption = None,
    rules: RulesOption = None,
    calendar: CalendarOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Register a complaint; prints its id. Deadlines are computed now and stored."""
    from branchcheck.complaints import register as reg
    from branchcheck.core import places
    from branchcheck.core.i18n import resolve_lang, t

    ui = resolve_lang(lang)
    places.check_branch(branch, ui)
    clock_rules, cal = clock_of(rules, calendar)
    intake = reg.Intake(
        branch=branch, channel=channel, received=received, promise_days=promise_days,
        category=category, asks=reg.clean(asks, "--asks", lang=ui),
        summary=reg.clean(summary, "--summary", lang=ui),
        customer_ref=reg.name_limit(customer_ref, "--customer-ref", ui),
        customer_name=reg.name_limit(customer_name, "--customer-name", ui),
        customer_contact=reg.name_limit(customer_contact, "--customer-contact", ui),
        about=reg.name_limit(about, "--about", ui))
    case = reg.new(root(results_dir), intake, who(by, ui), clock_rules, cal, ui)
    warn(cal.warnings(ui), ui)
    sys.stdout.write(case.id + "\n")
    say(t(ui, f"{case.id}：承诺答复 {case.reply_due}，处理决定时限 {case.decision_due}",
           f"{case.id}: reply due {case.reply_due}, decision due {case.decision_due}")
         + (t(ui, f"；重复投诉（前一件 {case.repeat_of}）", f"; repeat of {case.repeat_of}")
            if case.repeat_of else ""))
    return EXIT_OK


@app.command("step")
def step(
    case_id: IdArgument,
    name: Annotated[str, typer.Argument(
        metavar="accept|judge|decide|communicate|confirm|follow-up", show_default=False,
        help="受理, or one of the five steps 判断 决定 沟通 确认 跟踪(回访).")],
    note: Annotated[str, typer.Option("--note", "-m", metavar="NOTE",
                                      help="What was done (for decide: the decision).")] = "",
    handler: Annotated[str, typer.Option("--handler", metavar="NAME",
                                         help="accept: who handles it (default --by).")] = "",
    outcome: Annotated[str, typer.Option(
        "--outcome", metavar="satisfied|unsatisfied|unreachable",
        help="follow-up: the customer's answer; unsatisfied reopens a closed case.")] = "",
    promise_days: Annotated[int | None, typer.Option(
        "--promise-days", metavar="N", help="follow-up that reopens: the new reply promise "
        "in working days (default: the rules' reopen_days).")] = None,
    at: AtOption = None,
    by: ByOption = None,
    branch: BranchFilter = None,
    rules: RulesOption = None,
    calendar: CalendarOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Record 受理 or one of the five steps, with who and when."""
    from branchcheck.complaints import register as reg
    from branchcheck.complaints.model import STATUSES, STEPS
    from branchcheck.complaints.render import word
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    clock_rules, cal = clock_of(rules, calendar) if name == "follow-up" else (None, None)
    case = reg.step(root(results_dir), found, name, who=who(by, ui), at=at,
                    note=reg.clean(note, "--note", lang=ui),
                    handler=reg.name_limit(handler, "--handler", ui), outcome=outcome,
                    promise_days=promise_days, rules=clock_rules, cal=cal, lang=ui)
    if cal is not None:
        warn(cal.warnings(ui), ui)
    status = word(STATUSES, case.status, ui)
    say(t(ui, f"{case.id}：已记录“{word(STEPS, name, ui)}”，状态 {status}",
           f"{case.id}: {name} recorded; status {case.status}")
         + (t(ui, f"，新的答复时限 {case.reply_due}", f", new reply due {case.reply_due}")
            if case.status == "reopened" and not case.replied_at else ""))
    return EXIT_OK


@app.command("extend")
def extend(
    case_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", metavar="REASON", show_default=False,
                                        help="Why more time is needed.")],
    approver: Annotated[str, typer.Option("--approver", metavar="NAME", show_default=False,
                                          help="Who approved the extension.")],
    at: AtOption = None,
    by: ByOption = None,
    branch: BranchFilter = None,
    rules: RulesOption = None,
    calendar: CalendarOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Extend the decision limit by the next extension of its rule (15 → 30 → 60 days by
    default), recording the reason and the approver."""
    from branchcheck.complaints import register as reg
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    clock_rules, cal = clock_of(rules, calendar)
    case = reg.extend(root(results_dir), found, reason=reg.clean(reason, "--reason", lang=ui),
                      approver=reg.name_limit(approver, "--approver", ui), who=who(by, ui),
                      at=at, rules=clock_rules, cal=cal, lang=ui)
    warn(cal.warnings(ui), ui)
    say(t(ui, f"{case.id}：处理决定时限延至 {case.decision_due}",
           f"{case.id}: decision now due {case.decision_due}"))
    return EXIT_OK


@app.command("escalate")
def escalate(
    case_id: IdArgument,
    to: Annotated[str, typer.Option("--to", metavar="sub-branch|branch|head-office",
                                    help="Escalate up to this level.")] = "",
    referral: Annotated[str, typer.Option(
        "--referral", metavar="SOURCE", help="Or: the case was sent from outside (e.g. the "
        "regulator, the head-office hotline).")] = "",
    org: Annotated[str | None, typer.Option(
        "--org", metavar="FILE", help="Organisation directory: finds the unit at --to "
        "above the outlet.")] = None,
    unit: Annotated[str, typer.Option("--unit", metavar="ID",
                                      help="The unit escalated to (else from --org).")] = "",
    handler: Annotated[str, typer.Option("--handler", metavar="NAME",
                                         help="The new handler.")] = "",
    reason: Annotated[str, typer.Option("--reason", metavar="REASON", help="Why.")] = "",
    at: AtOption = None,
    by: ByOption = None,
    branch: BranchFilter = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Escalate a case to 支行 / 分行 / 总行, or record a referral from outside."""
    from branchcheck.complaints import register as reg
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    if to and org and not unit:
        unit = reg.unit_above(org, found.branch, to, ui)
    case = reg.escalate(root(results_dir), found, who=who(by, ui), at=at,
                        reason=reg.clean(reason, "--reason", lang=ui), level=to, unit=unit,
                        referral=reg.name_limit(referral, "--referral", ui),
                        handler=reg.name_limit(handler, "--handler", ui), lang=ui)
    say(t(ui, f"{case.id}：已升级（第 {len(case.escalations)} 次）",
           f"{case.id}: escalation {len(case.escalations)} recorded"))
    return EXIT_OK


app.command("link")(link)
app.command("action")(action)


@app.command("close")
def close(
    case_id: IdArgument,
    result: Annotated[str, typer.Option("--result", metavar="RESULT",
                                        help="How it ended (办结情况).")] = "",
    at: AtOption = None,
    by: ByOption = None,
    branch: BranchFilter = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Close a case (办结) once its decision has been told to the customer."""
    from branchcheck.complaints import register as reg
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    case = reg.close(root(results_dir), found, who=who(by, ui), at=at,
                     result=reg.clean(result, "--result", lang=ui), lang=ui)
    say(t(ui, f"{case.id}：已办结", f"{case.id}: closed"))
    return EXIT_OK


@app.command("list")
def list_cases(
    branch: BranchFilter = None,
    status: Annotated[str, typer.Option(
        "--status", "-s", metavar="|".join(LIST_STATUSES),
        help="open (not closed), overdue, soon (due within the rules' soon_workdays), "
        "closed, all.")] = "open",
    category: Annotated[str | None, typer.Option("--category", metavar="CODE",
                                                 help="Only this category.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="|".join(LIST_FORMATS), help="Output format.")] = "text",
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help="Exit 1 when a listed case is overdue (scheduled jobs).")
    ] = False,
    rules: RulesOption = None,
    calendar: CalendarOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Complaints with their deadlines (default: the open ones of every outlet), oldest
    first. Exit 0; 1 with --fail-on-overdue when one is overdue; 2 for usage errors."""
    from branchcheck.commands.options import emit
    from branchcheck.complaints import register as reg
    from branchcheck.complaints import render, snapshot
    from branchcheck.complaints.state import foreign, overdue, select
    from branchcheck.core import places
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.org.workdays import today

    check_choice(fmt, LIST_FORMATS)
    check_choice(status, LIST_STATUSES, "status")
    ui = resolve_lang(lang)
    folder = root(results_dir)
    names = [places.check_branch(branch, ui)] if branch else list(reg.branches(folder))
    day = today()
    soon = None
    if status == "soon" or rules or calendar:  # a file given is read, and refused when bad
        clock_rules, cal = clock_of(rules, calendar)
        soon = (cal, clock_rules.soon_workdays) if status == "soon" else None
    with snapshot.paused_gc():  # hundreds of thousands of objects, none in a cycle
        chosen = []
        for name in names:
            log, state = snapshot.load(folder, name)
            warn(log.problems + state.problems, ui)
            why = foreign(state, name, ui)
            if why:  # listed, as the network ingest would not: said on every read
                say(t(ui, f"警告：{log.path}：{why}", f"Warning: {log.path}: {why}"))
            chosen += select(state.cases.values(), status=status, category=category, day=day,
                             soon=soon)
        chosen.sort(key=lambda c: (c.received, c.id))
        if fmt == "json":
            emit(render.list_json(chosen, day), None, False)
        elif fmt == "csv":
            emit(render.list_csv(chosen, day), None, False)
        else:
            cats = rules_of(rules).categories
            lines = render.list_md(chosen, day, ui, cats) if fmt == "md" else render.list_text(
                chosen, day, ui, cats)
            emit("".join(f"{line}\n" for line in lines), None, False)
    if fail_on_overdue and any(overdue(c, day) for c in chosen):
        return EXIT_FAILED
    return EXIT_OK


@app.command("show")
def show(
    case_id: IdArgument,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json",
                                     help="Output format.")] = "text",
    personal: Annotated[bool, typer.Option(
        "--personal", help="Show the customer's name and contact when recorded.")] = False,
    branch: BranchFilter = None,
    rules: RulesOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """One complaint with its deadlines and full history."""
    import json

    from branchcheck.actions.calendar import today
    from branchcheck.commands.options import emit
    from branchcheck.complaints import render

    check_choice(fmt, ("text", "json"))
    found, ui = find(case_id, branch, results_dir, lang, events=True)
    if fmt == "json":
        data = render.as_dict(found.case, today(), personal=personal)
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None, False)
    else:
        lines = render.show_text(found.case, today(), ui, rules_of(rules).categories,
                                 personal=personal)
        emit("".join(f"{line}\n" for line in lines), None, False)
    return EXIT_OK


@app.command("register")
def register(
    branch: Annotated[str, typer.Option("--branch", "-b", metavar="ID", show_default=False,
                                        help="The outlet.")],
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only complaints received on or after this day.")
    ] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Only complaints received on or before this day.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="md|html|csv",
                                     help="Output format.")] = "md",
    personal: Annotated[bool, typer.Option(
        "--personal", help="Add the customer's name and contact (off by default).")] = False,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    rules: RulesOption = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """The outlet's complaint register (投诉台账): every case with its deadlines, reply,
    decision, extensions, escalations, follow-up and status; printable and Excel-safe."""
    from branchcheck.actions.calendar import parse_date, today
    from branchcheck.commands.options import emit
    from branchcheck.complaints import ledger, snapshot
    from branchcheck.core import places
    from branchcheck.core.i18n import resolve_lang

    check_choice(fmt, ("md", "html", "csv"))
    ui = resolve_lang(lang)
    places.check_branch(branch, ui)
    start = parse_date(since, "--since").isoformat() if since else ""
    end = parse_date(until, "--until").isoformat() if until else "9999"
    log, state = snapshot.load(root(results_dir), branch, personal=personal)
    warn(log.problems + state.problems, ui)
    cases = [c for c in state.cases.values() if start <= c.received[:10] <= end]
    doc = ledger.build(branch, cases, today(), ui, fmt, rules_of(rules).categories,
                       personal=personal)
    emit(doc, output, force, human=fmt == "md")
    return EXIT_OK


@app.command("review")
def review(
    case_id: IdArgument,
    reviewer: Annotated[str | None, typer.Option(
        "--reviewer", "-r", metavar="NAME", help="Who reviews (default: $USER).")] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    branch: BranchFilter = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """An answers file for the complaint-handling checklist, prefilled from a closed
    case's events; complete it, then 'branchcheck score complaint-handling -a FILE'."""
    from branchcheck.actions.calendar import today
    from branchcheck.commands.options import emit
    from branchcheck.complaints.review import answers_file

    found, ui = find(case_id, branch, results_dir, lang, events=True)
    emit(answers_file(found.case, who(reviewer, ui), ui, today()), output, force)
    return EXIT_OK
