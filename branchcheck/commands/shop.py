"""``branchcheck shop ...``: the mystery-shopper programme (神秘人暗访).

Thin wrappers: the work is in ``branchcheck.shop`` (docs/shop.md).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from branchcheck.commands.options import ForceOption, UiLangOption, check_choice, emit
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK, UsageError
from branchcheck.terminal.output import err

app = typer.Typer(
    help="Mystery-shopper programme: draw a wave's visits, assign shoppers, days and slots, "
    "import the firm's delivery, appeals, the programme report.",
    no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

SeedOption = Annotated[str, typer.Option(
    "--seed", metavar="S", help="Seed of every random choice (state it: same seed, same "
    "result).", show_default=False)]
FormatOption = Annotated[str, typer.Option(
    "--format", "-f", metavar="yaml|json|csv|text|md",
    help="yaml: the plan file; json/csv/text/md: the list of visits.")]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file (default stdout).")]


def _day(text: str | None, option: str, lang: str) -> object:
    from datetime import date

    from branchcheck.core.i18n import t

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(t(lang, f"{option} {text!r} 不是日期（YYYY-MM-DD）",
                           f"{option} {text!r} is not a date (YYYY-MM-DD)")) from None


@app.command("plan")
def plan(
    org: Annotated[str, typer.Option("--org", metavar="FILE", show_default=False,
                                     help="Organisation directory (YAML or CSV).")],
    wave: Annotated[str, typer.Option("--wave", metavar="NAME", show_default=False,
                                      help="Wave name, e.g. 2026H1.")],
    visits: Annotated[int, typer.Option("--visits", metavar="N", min=1, show_default=False,
                                        help="Visits in the wave (the sample size).")],
    seed: SeedOption,
    start: Annotated[str | None, typer.Option(
        "--from", metavar="YYYY-MM-DD", help="First day of the wave's window.")] = None,
    end: Annotated[str | None, typer.Option(
        "--to", metavar="YYYY-MM-DD", help="Last day of the wave's window.")] = None,
    clusters: Annotated[int | None, typer.Option(
        "--clusters", "-k", metavar="K", min=1,
        help="Clusters drawn at least in each stratum (default 3, a department setting).")
    ] = None,
    stratum: Annotated[str | None, typer.Option(
        "--stratum", metavar="KIND", help="Unit kind of the strata (default: two levels "
        "above an outlet).")] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", metavar="KIND", help="Unit kind of the clusters (default: an outlet's "
        "parent).")] = None,
    scenario: Annotated[list[str] | None, typer.Option(
        "--scenario", metavar="NAME", help="A scenario (e.g. 开户); repeat to deal several "
        "evenly over the visits.")] = None,
    checklist: Annotated[str, typer.Option(
        "--checklist", "-c", metavar="ID", help="Checklist the shoppers fill in.")
    ] = "mystery-shopper",
    fmt: FormatOption = "yaml", output: OutputOption = None, force: ForceOption = False,
    lang: UiLangOption = None,
) -> int:
    """Draw a wave's visits from the directory: stratified, clustered, reproducible.

    Writes the plan file (review and edit it; 'branchcheck validate' checks it), or
    with -f json|csv|text|md the list of visits. Exit 0, 2 on invalid input.
    """
    from datetime import date

    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.shop import make, views

    ui = resolve_lang(lang)
    check_choice(fmt, views.FORMATS)
    first, last = _day(start, "--from", ui), _day(end, "--to", ui)
    if (first is None) != (last is None):
        raise UsageError(t(ui, "--from 和 --to 须同时给出",
                           "give both --from and --to, or neither"))
    window = (first, last) if isinstance(first, date) and isinstance(last, date) else None
    made, warnings = make.plan(org, wave=wave, visits=visits, seed=seed, window=window,
                               clusters=clusters, stratum=stratum, cluster=cluster,
                               scenarios=tuple(scenario or ()), checklist=checklist, lang=ui)
    for w in warnings:
        err(t(ui, "警告：", "warning: ") + w + "\n")
    emit(views.show(made, fmt, ui), output, force, human=fmt in ("text", "md"))
    return EXIT_OK


@app.command("assign")
def assign(
    plan_file: Annotated[str, typer.Argument(metavar="PLAN", show_default=False,
                                             help="The wave's plan file.")],
    roster: Annotated[str, typer.Option("--roster", metavar="CSV", show_default=False,
                                        help="Shoppers: id,name,home_units,max_per_day"
                                        "[,available].")],
    start: Annotated[str, typer.Option("--from", metavar="YYYY-MM-DD", show_default=False,
                                       help="First day of visits.")],
    end: Annotated[str, typer.Option("--to", metavar="YYYY-MM-DD", show_default=False,
                                     help="Last day of visits.")],
    seed: SeedOption,
    slots: Annotated[str | None, typer.Option(
        "--slots", metavar="HH:MM-HH:MM,...",
        help="Time slots over the opening hours (default 09:00-11:00,11:00-13:00,"
        "13:00-15:00,15:00-17:00; a department setting).")] = None,
    gap_days: Annotated[int, typer.Option(
        "--gap-days", metavar="N", min=0, max=3660,
        help="A shopper returns to an outlet after at least N days (default 180).")] = 180,
    gap_waves: Annotated[int, typer.Option(
        "--gap-waves", metavar="W", min=0, max=100,
        help="...and not within the last W earlier waves given by --history (default 1).")
    ] = 1,
    history: Annotated[list[str] | None, typer.Option(
        "--history", metavar="PLAN", help="An earlier wave's assigned plan (repeatable).")
    ] = None,
    fmt: FormatOption = "yaml", output: OutputOption = None, force: ForceOption = False,
    lang: UiLangOption = None,
) -> int:
    """Give every visit a shopper, day and time slot under the programme's rules.

    Rules: not in a shopper's home units; not the same outlet again within the gap;
    at most the roster's max_per_day; on available and open days. Same inputs and
    seed, same assignment. Exit 0 when every visit is assigned, 1 when some are
    not (each says which rule stopped it), 2 on invalid input.
    """
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.shop import make, views

    ui = resolve_lang(lang)
    check_choice(fmt, views.FORMATS)
    first, last = _day(start, "--from", ui), _day(end, "--to", ui)
    done = make.assignment(plan_file, roster, start=first, end=last, seed=seed, slots=slots,
                           gap_days=gap_days, gap_waves=gap_waves, history=tuple(history or ()),
                           lang=ui)
    emit(views.show(done, fmt, ui), output, force, human=fmt in ("text", "md"))
    for line in views.summary(list(done.visits), ui):
        err(line + "\n")
    return EXIT_FAILED if any(v.reason for v in done.visits) else EXIT_OK


@app.command("import")
def import_(
    delivery: Annotated[str, typer.Argument(metavar="DELIVERY", show_default=False,
                                            help="The firm's file: .xlsx or .csv.")],
    mapping: Annotated[str, typer.Option("--mapping", "-m", metavar="FILE",
                                         show_default=False,
                                         help="Mapping of its columns (docs/shop.md).")],
    results_dir: Annotated[str | None, typer.Option(
        "--results-dir", metavar="DIR", help="Store under this folder (else "
        "$BRANCHCHECK_RESULTS, else ./branchcheck-results).")] = None,
    partial: Annotated[bool, typer.Option(
        "--partial", help="Store the rows without problems even when others have some.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json|csv",
                                     help="The rows and what became of each.")] = "text",
    lang: UiLangOption = None,
) -> int:
    """Store a third party's delivery as mystery-shopper results, one per visit.

    Every bad cell is reported with its sheet, row and column; nothing is stored
    from a file with problems unless --partial. A visit already stored is not
    stored again. Exit 0; 1 with --partial when some rows had problems; 2 when
    nothing was stored because of problems.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.results.storage import results_dir as where
    from branchcheck.shop import views
    from branchcheck.shop.delivered import import_delivery

    ui = resolve_lang(lang)
    check_choice(fmt, ("text", "json", "csv"))
    done = import_delivery(delivery, mapping, where(results_dir), partial=partial, lang=ui)
    for p in done.problems:
        err(f"{p}\n")
    emit(views.show_rows(done.rows, fmt, ui), None, False, human=fmt == "text")
    err(t(ui, f"{len(done.rows)} 行：保存 {done.count('stored')}，已导入过 "
              f"{done.count('unchanged')}，有问题 {done.count('error')}\n",
          f"{len(done.rows)} rows: {done.count('stored')} stored, {done.count('unchanged')} "
          f"already imported, {done.count('error')} with problems\n"))
    return EXIT_FAILED if done.problems else EXIT_OK


appeal_app = typer.Typer(
    help="Appeals (申诉/复核) against an item of a mystery-shopper visit.",
    no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(appeal_app, name="appeal")

ResultsDirOption = Annotated[str | None, typer.Option(
    "--results-dir", metavar="DIR", help="The results folder (else $BRANCHCHECK_RESULTS, "
    "else ./branchcheck-results); its appeals are registered in DIR/.appeals/.")]
ByOption = Annotated[str, typer.Option("--by", metavar="NAME", show_default=False,
                                       help="Who files or decides (kept in the register).")]


@appeal_app.command("file")
def appeal_file(
    result: Annotated[str, typer.Argument(metavar="RESULT", show_default=False,
                                          help="The stored mystery-shopper result.")],
    item: Annotated[str, typer.Option("--item", metavar="ID", show_default=False,
                                      help="The appealed item.")],
    reason: Annotated[str, typer.Option("--reason", metavar="WORDS", show_default=False,
                                        help="Why the outlet appeals.")],
    by: ByOption,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", metavar="FILE", help="Evidence (its name and SHA-256 are registered; "
        "repeatable).")] = None,
    results_dir: ResultsDirOption = None, lang: UiLangOption = None,
) -> int:
    """An outlet appeals an item of a visit, with a reason and evidence."""
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.results.storage import results_dir as where
    from branchcheck.shop import appeals

    ui = resolve_lang(lang)
    done = appeals.file(where(results_dir), result, item, reason, list(evidence or ()),
                        by, ui)
    sys.stdout.write(done.id + "\n")
    err(t(ui, f"申诉已登记：{done.id}（{done.branch} {done.item}）\n",
          f"appeal registered: {done.id} ({done.branch} {done.item})\n"))
    return EXIT_OK


@appeal_app.command("decide")
def appeal_decide(
    appeal_id: Annotated[str, typer.Argument(metavar="APPEAL", show_default=False,
                                             help="The appeal's id (AP-0001).")],
    by: ByOption,
    uphold: Annotated[bool, typer.Option(
        "--uphold/--reject", show_default=False,
        help="Uphold the appeal (with --answer) or reject it.")],
    answer: Annotated[str | None, typer.Option(
        "--answer", metavar="VALUE", help="The item's answer once the appeal is upheld.")
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="WORDS", help="The reasons.")] = "",
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", metavar="FILE", help="The checklist file the result was scored "
        "with, if not a bundled one.")] = None,
    results_dir: ResultsDirOption = None, lang: UiLangOption = None,
) -> int:
    """Uphold or reject an appeal. An upheld one stores a new result of the visit with
    the item changed, linked to the original; the original is kept and still verifies."""
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.results.storage import results_dir as where
    from branchcheck.shop import appeals

    ui = resolve_lang(lang)
    done = appeals.decide(where(results_dir), appeal_id, "upheld" if uphold else "rejected",
                          answer, note, by, ui, checklist)
    if done.decision == "upheld":
        err(t(ui, f"申诉 {done.id} 维持：得分 {done.old_score} → {done.new_score}；新结果 "
                  f"{done.new_result}，原结果保留\n",
              f"appeal {done.id} upheld: score {done.old_score} -> {done.new_score}; new "
              f"result {done.new_result}; the original is kept\n"))
    else:
        err(t(ui, f"申诉 {done.id} 驳回\n", f"appeal {done.id} rejected\n"))
    return EXIT_OK


@appeal_app.command("list")
def appeal_list(
    results_dir: ResultsDirOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json|csv",
                                     help="Output format.")] = "text",
    lang: UiLangOption = None,
) -> int:
    """The appeals of the results folder and their outcomes."""
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.results.storage import results_dir as where
    from branchcheck.shop import appeals, views

    ui = resolve_lang(lang)
    check_choice(fmt, ("text", "json", "csv"))
    rows = [a.__dict__ for a in appeals.read(where(results_dir), ui).values()]
    emit(views.show_appeals(rows, fmt, ui), None, False, human=fmt == "text")
    return EXIT_OK


@app.command("report")
def report(
    wave: Annotated[str, typer.Option("--wave", metavar="NAME", show_default=False,
                                      help="The wave reported on.")],
    plan_files: Annotated[list[str] | None, typer.Option(
        "--plan", metavar="PLAN", help="The wave's (assigned) plan: planned and missing "
        "visits, units (repeatable).")] = None,
    results_dir: ResultsDirOption = None,
    changed_share: Annotated[float, typer.Option(
        "--changed-share", metavar="SHARE", min=0, max=1,
        help="Warn when upheld appeals changed more than this share of scores (default "
        "0.02, a department setting).")] = 0.02,
    lenient: Annotated[float, typer.Option(
        "--lenient", metavar="POINTS", min=0, help="Flag a shopper this many points from "
        "the others (default 10, a department setting).")] = 10.0,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|md|html|json",
                                     help="Output format.")] = "text",
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """The programme report of a wave: planned/done/missing, scores by outlet, item and
    scenario, waiting times, red lines, appeals, shopper leniency."""
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.results.storage import results_dir as where
    from branchcheck.shop import planfile, report_views
    from branchcheck.shop.report import build

    ui = resolve_lang(lang)
    check_choice(fmt, report_views.FORMATS)
    plans = [planfile.load(p, lang=ui) for p in plan_files or ()]
    rep = build(where(results_dir), wave, plans, changed_share=changed_share, lenient=lenient,
                lang=ui)
    for w in rep.warnings:
        err(w + "\n")
    emit(report_views.render(rep, fmt, ui), output, force, human=fmt in ("text", "md"))
    return EXIT_OK


@app.command("sample")
def sample(
    folder: Annotated[str, typer.Argument(metavar="DIR", show_default=False,
                                          help="Folder to write the sample files to.")],
    lang: UiLangOption = None,
) -> int:
    """Write a sample directory, roster, delivery and its mapping to DIR (the quick start)."""
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.shop.sample import write_sample

    ui = resolve_lang(lang)
    for path in write_sample(folder, ui):
        err(f"{path}\n")
    return EXIT_OK
