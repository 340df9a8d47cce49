"""``branchcheck grade``: grade a class of trainees' answers against a key."""

from __future__ import annotations

from typing import Annotated

import typer

from branchcheck.commands.options import (
    HUMAN_FORMATS,
    REPORT_WRITTEN,
    ForceOption,
    OutputOption,
    ReportLangOption,
    check_choice,
    emit,
)
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK
from branchcheck.terminal.output import err

FORMATS = ("text", "md", "json", "csv")


def grade(
    key: Annotated[
        str, typer.Argument(help="The key: an answers file or a stored result file.",
                            show_default=False)
    ],
    answers: Annotated[
        list[str], typer.Argument(help="Trainees' answers files, or folders of them "
                                  "(*.yaml, *.yml, *.json).", show_default=False)
    ],
    checklist: Annotated[
        str | None, typer.Option("--checklist", "-c", help="Checklist file or bundled id "
                                 "(else the files' 'checklist' field).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: text, md, json or csv.")
                   ] = "text",
    min_agreement: Annotated[
        str | None, typer.Option("--min-agreement", help="Exit 1 if any trainee agrees with "
                                 "the key on less than this share of items: 0.8 or 80%.")
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: ReportLangOption = None,
) -> int:
    """Grade trainees' answers against a key: agreement per trainee and per item, kappas.

    Exit 0 when graded, 1 when --min-agreement is given and a trainee is below
    it, 2 for usage errors or invalid files.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.training import grade_report as render
    from branchcheck.training.grading import grade as grade_class
    from branchcheck.training.grading_input import load_class, parse_share

    check_choice(fmt, FORMATS)
    threshold = parse_share(min_agreement) if min_agreement is not None else None
    ui = resolve_lang(lang)
    loaded = load_class(key, answers, checklist=checklist, lang=ui)
    for note in loaded.notes:
        err(t(ui, f"警告：{note}\n", f"Warning: {note}\n"))
    cg = grade_class(loaded.checklist, loaded.key, loaded.trainees)
    below = [] if threshold is None else [
        tg for tg in cg.trainees if tg.agreement is not None and tg.agreement < threshold]
    names = [tg.rater.name for tg in below]
    report: str | bytes
    if fmt == "json":
        report = render.as_json(cg, ui, threshold, names) + "\n"
    elif fmt == "csv":
        report = render.as_csv(cg)
    elif fmt == "md":
        report = render.markdown(cg, ui)
    else:
        report = render.text(cg, ui)
    emit(report, output, force, human=fmt in HUMAN_FORMATS,
         notice=REPORT_WRITTEN)
    if below and threshold is not None:
        listed = t(ui, "，", ", ").join(f"{tg.rater.name} {render.fmt_share(tg.agreement)}"
                                        for tg in below)
        share = render.fmt_share(threshold)
        err(t(ui, f"低于最低一致率 {share} 的学员：{listed}\n",
                           f"Below the minimum agreement of {share}: {listed}\n"))
        return EXIT_FAILED
    return EXIT_OK
