"""``complaints link`` and ``complaints action``: the root-cause fix (溯源整改) of a case,
a corrective action in the outlet's action log (registered on the ``complaints`` app)."""

from __future__ import annotations

from typing import Annotated

import typer

from branchcheck.commands.complaints_common import (
    AtOption,
    BranchFilter,
    ByOption,
    IdArgument,
    ResultsDir,
    RulesOption,
    find,
    root,
    rules_of,
    say,
    who,
)
from branchcheck.commands.options import UiLangOption
from branchcheck.core.errors import EXIT_OK


def link(
    case_id: IdArgument,
    action_id: Annotated[str, typer.Argument(metavar="ACTION", show_default=False,
                                             help="Corrective action id, e.g. A-3F9C2E1B.")],
    note: Annotated[str, typer.Option("--note", "-m", metavar="NOTE",
                                      help="The root cause (溯源).")] = "",
    at: AtOption = None,
    by: ByOption = None,
    branch: BranchFilter = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Link a corrective action (整改) of the outlet as the complaint's root-cause fix."""
    from branchcheck.complaints import rootcause
    from branchcheck.complaints.register import clean
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    case = rootcause.link(root(results_dir), found, action_id, who=who(by, ui), at=at,
                          note=clean(note, "--note", lang=ui), lang=ui)
    say(t(ui, f"{case.id}：关联整改项 {', '.join(case.actions)}",
           f"{case.id}: linked to {', '.join(case.actions)}"))
    return EXIT_OK


def action(
    case_id: IdArgument,
    cause: Annotated[str, typer.Option(
        "--cause", "-m", metavar="CAUSE", show_default=False,
        help="The root cause: which service failed (溯源), e.g. 柜员未告知手续费标准.")] = "",
    again: Annotated[bool, typer.Option(
        "--again", help="Another root cause: open a further action although the one "
                        "opened for this case is not verified yet.")] = False,
    at: AtOption = None,
    by: ByOption = None,
    rules: RulesOption = None,
    branch: BranchFilter = None,
    results_dir: ResultsDir = None,
    lang: UiLangOption = None,
) -> int:
    """Open a corrective action (整改) in the outlet's action log for the complaint's root
    cause, a service failure, and link the two; prints the action's id. It is due the
    rules' root_cause.within_workdays working days after --at (default 5, a setting).
    Refused while the action opened so for the case is not verified (--again: another
    cause); after it was verified the new one is a recurrence naming it."""
    from branchcheck.complaints import rootcause
    from branchcheck.complaints.register import clean
    from branchcheck.core.i18n import t

    found, ui = find(case_id, branch, results_dir, lang)
    case, opened, previous = rootcause.open_action(
        root(results_dir), found, cause=clean(cause, "--cause", lang=ui), who=who(by, ui),
        at=at, rules=rules_of(rules), again=again, lang=ui)
    after = t(ui, f"，接续 {previous}", f", after {previous}") if previous else ""
    say(t(ui, f"{case.id}：已开立溯源整改项 {opened}{after}（branchcheck actions show {opened}）",
           f"{case.id}: opened the root-cause action {opened}{after} (branchcheck actions "
           f"show {opened})"))
    typer.echo(opened)
    return EXIT_OK
