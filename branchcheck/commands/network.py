"""``branchcheck network ...``: the roll-up of a branch network (DuckDB warehouse).

Thin wrappers: the work is in ``branchcheck.network``; duckdb is imported only
when one of these commands runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from branchcheck.commands.options import (
    ForceOption,
    OutputOption,
    UiLangOption,
    check_choice,
    emit,
)
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK
from branchcheck.terminal.output import err

app = typer.Typer(
    help="Roll-up of a branch network: ingest results into a DuckDB warehouse, then league "
    "tables, missed checks, failing items, trends, a monthly report, SQL and Parquet export.",
    no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

WarehouseOption = Annotated[str | None, typer.Option(
    "--warehouse", "-w", metavar="FILE",
    help="Warehouse file (else $BRANCHCHECK_WAREHOUSE, else ./branchcheck-network.duckdb).")]
OrgOption = Annotated[str | None, typer.Option(
    "--org", metavar="FILE", help="Organisation directory, YAML or CSV (else the one given "
    "at ingest).")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", metavar="YYYY-MM-DD",
    help="First day of the period, instead of --period (default: the first of the month of "
         "--until).")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", metavar="YYYY-MM-DD",
    help="Last day of the period, included (default: the newest result's day).")]
PeriodOption = Annotated[str | None, typer.Option(
    "--period", metavar="2026-11|2026-W48|2026-Q4",
    help="A month, ISO week or quarter (default: the month of the newest result).")]
UnitOption = Annotated[str | None, typer.Option(
    "--unit", "-u", metavar="ID", help="Only this unit and the units below it.")]
ChecklistOption = Annotated[str | None, typer.Option(
    "--checklist", "-c", metavar="ID", help="Only this checklist id.")]
LevelOption = Annotated[str | None, typer.Option(
    "--level", "-l", metavar="KIND|DEPTH",
    help="Roll up to this kind of unit (e.g. sub-branch) or depth (0 = top).")]
SystemicOption = Annotated[float | None, typer.Option(
    "--systemic", metavar="SHARE", help="An item is a common problem (共性问题) when at least "
    "this share of outlets fail it (department setting; else the directory's, else 0.3).")]
FailingOption = Annotated[float | None, typer.Option(
    "--failing", metavar="RATE", help="An outlet fails an item when its own failure rate "
    "reaches this (department setting; else the directory's, else 0.2).")]
EveryOption = Annotated[str | None, typer.Option(
    "--every", metavar="day|opening-day|business-day|week|month|quarter",
    help="Cadence for every outlet (instead of the directory's programme).")]
CalendarOption = Annotated[str | None, typer.Option(
    "--calendar", metavar="FILE", help="Working-day calendar file (YAML: holidays, workdays) "
    "on top of the official days and the directory's.")]
FormatOption = Annotated[str, typer.Option(
    "--format", "-f", metavar="text|md|csv|json|html", help="Output format.")]
SourceOption = Annotated[str | None, typer.Option(
    "--source", metavar="all|self|inspection|shopper|independent|SOURCE",
    help="Only checks of this source: self, inspection (sub-branch, branch, head-office), "
         "shopper (mystery-shopper, third-party), independent (all but self), or one "
         "source (default all).")]


def _opts(**kw: Any) -> Any:
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.network.query import Options

    kw["lang"] = resolve_lang(kw.get("lang"))
    return Options(**kw)


def _out(text: str, output: str | None, force: bool) -> None:
    emit(text, output, force)


def _view(compute: Callable[[Any, Any], list[dict[str, Any]]],
          columns: Callable[[Any], Any],
          title: tuple[str, str] | Callable[[Any, Any], tuple[str, str]], *, fmt: str,
          output: str | None, force: bool, months: int = 0, shown: int | None = None,
          **scope: Any) -> list[dict[str, Any]]:
    """Open the warehouse for the scope options, compute a view's rows, write them in
    ``fmt`` (the first ``shown`` rows, if given) with the ``columns`` of the scope; the
    rows."""
    from branchcheck.network import tables as rn
    from branchcheck.network.query import open_scope

    check_choice(fmt, rn.FORMATS)
    opts = _opts(**scope)
    with open_scope(opts, months=months) as (con, found):
        rows: list[dict[str, Any]] = compute(con, found)
        if callable(title):  # a title that depends on the data (league: 排名 or 自查情况)
            title = title(con, found)
    calendar_warnings(found)
    checklist = found.checklist or (rows[0].get("checklist") if rows else None)
    _out(rn.render(rows[:shown] if shown else rows, columns(found), fmt,
                   title=_title(*title, found, checklist), lang=opts.lang), output, force)
    return rows


@app.command("ingest")
def ingest(
    results_dirs: Annotated[list[Path], typer.Argument(
        metavar="RESULTS_DIR...", help="Results folders (<branch>/<checklist>/<stamp>.yaml).",
        show_default=False)],
    warehouse: WarehouseOption = None,
    org: OrgOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when any file is rejected or held back.")] = False,
    checklists: Annotated[list[str] | None, typer.Option(
        "--checklists", metavar="PATH",
        help="Checklist file or folder to verify results against, besides the bundled "
             "ones and $BRANCHCHECK_CHECKLISTS (repeatable).")] = None,
    trust: Annotated[str | None, typer.Option(
        "--trust", metavar="DIR", envvar="BRANCHCHECK_TRUST", show_envvar=True,
        help="Folder of trusted public keys (<signer>.pub).")] = None,
    wait: Annotated[float, typer.Option(
        "--wait", metavar="SECONDS", min=0,
        help="Wait this long for another ingest to finish (default: refuse at once).")] = 0.0,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (0 = every core).")] = 0,
    lang: UiLangOption = None,
) -> int:
    """Read new and changed result files into the warehouse, in one transaction.

    Every file is validated and tamper-checked; rejected files are listed with the
    reason and kept out of every figure. Results that cannot be verified (checklist
    not found, signer not trusted) are held back: listed, kept out of every figure and
    read again by the next ingest. Exit 0, or 1 with --strict when any file was
    rejected or held back; 2 when another ingest holds the warehouse.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.network import ingest as ing
    from branchcheck.network import warehouse as wh
    from branchcheck.network.parse import Belief
    from branchcheck.org.directory import load

    ui = resolve_lang(lang)
    if trust:
        from branchcheck.integrity.signing import trusted_keys

        trusted_keys(trust, ui)  # a missing or bad trust folder: an error before any work
    for folder in results_dirs:  # before the warehouse exists: a typo leaves nothing behind
        _check_results_folder(folder, ui)
    directory = load(org, lang=ui) if org else None
    for p in directory.warnings if directory else ():
        err(f"{p}\n")
    path = wh.default_path(warehouse)
    with wh.writer(path, wait=wait, lang=ui) as con:
        report = ing.ingest(con, results_dirs, org=directory, lang=ui, jobs=jobs,
                            progress=sys.stderr.isatty(),
                            belief=Belief(tuple(checklists or ()), trust))
    from branchcheck.core.textsafe import term

    for where, reason in report.rejected:
        err(t(ui, f"已拒收：{term(where)}：{term(reason)}\n",
                           f"rejected: {term(where)}: {term(reason)}\n"))
    for where, reason in report.held:
        err(t(ui, f"暂不计入：{term(where)}：{term(reason)}\n",
              f"held back: {term(where)}: {term(reason)}\n"))
    held = len(report.held)
    if report.unknown_branches:
        shown = ", ".join(report.unknown_branches[:10])
        err(t(
            ui, f"警告：{len(report.unknown_branches)} 个网点不在机构目录中：{shown}\n",
            f"warning: {len(report.unknown_branches)} branches are not in the directory: "
            f"{shown}\n"))
    err(t(
        ui, f"{path}：新增 {report.added}，未变 {report.unchanged}，重复 {report.duplicates}，"
            f"拒收 {len(report.rejected)}" + (f"，暂不计入 {held}（未核验）" if held else "")
            + f"（共 {report.scanned} 个文件，{report.seconds:.2f} 秒）\n",
        f"{path}: {report.added} added, {report.unchanged} unchanged, {report.duplicates} "
        f"duplicates, {len(report.rejected)} rejected"
        + (f", {held} held back (not verified)" if held else "")
        + f" ({report.scanned} files, {report.seconds:.2f} s)\n"))
    if report.superseded:
        err(t(ui, f"申诉维持：{report.superseded} 个原结果已被新结果取代，不再计入\n",
              f"upheld appeals: {report.superseded} original results replaced by their new "
              "results, no longer counted\n"))
    read, same = report.action_logs
    if read or same:
        err(t(ui, f"整改记录：读取 {read}，未变 {same}\n",
              f"action logs: {read} read, {same} unchanged\n"))
    read, same = report.complaint_registers
    if read or same:
        err(t(ui, f"投诉台账：读取 {read}，未变 {same}\n",
              f"complaint registers: {read} read, {same} unchanged\n"))
    return EXIT_FAILED if strict and (report.rejected or report.held) else EXIT_OK


@app.command("league")
def league(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    calendar: CalendarOption = None,
    min_n: Annotated[int, typer.Option("--min-n", min=0, help="Units with fewer checks done "
                                       "are listed, not ranked (department setting; "
                                       "default 0).")] = 0,
    missed: Annotated[str | None, typer.Option(
        "--missed", metavar="zero|exclude", help="A missed check counts 0 in the period "
        "score, or is left out (department setting; else the directory's, else zero).")] = None,
    min_completion: Annotated[float | None, typer.Option(
        "--min-completion", metavar="SHARE", help="Units under this completion are flagged "
        "and ranked after the others (department setting; else the directory's, else "
        "0.9).")] = None,
    every: EveryOption = None, source: SourceOption = None,
    composite: Annotated[bool, typer.Option(
        "--composite", help="Rank on the 网点服务评价, the weighted composite of the "
        "sources' period scores (as 'network composite'; weights: --weight).")] = False,
    weight: Annotated[list[str] | None, typer.Option(
        "--weight", metavar="[CHECKLIST:]SOURCE=WEIGHT",
        help="With --composite: a component and its weight, repeatable (default "
             "mystery-shopper=50 branch=30 self=20, a setting).")] = None,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Units ranked by period score: red lines last, then score, checks done, completion,
    grades, change (one checklist: --checklist, else the programme's main one); with
    --composite, on the weighted composite of several sources (docs/oversight.md)."""
    from branchcheck.network import tables as rn
    from branchcheck.network import views
    from branchcheck.oversight.fair import add_fair
    from branchcheck.oversight.tables import fair_columns

    if composite or weight:
        _composite_league(weight, fmt=fmt, output=output, force=force, min_n=min_n,
                          source=source, missed=missed, min_completion=min_completion,
                          every=every, warehouse=warehouse, org=org, since=since,
                          until=until, period=period, unit=unit, checklist=checklist,
                          level=level, calendar=calendar, lang=lang)
        return EXIT_OK

    def compute(con: Any, scope: Any) -> list[dict[str, Any]]:
        rows = views.league(con, scope, min_n=min_n, missed=missed,
                            min_completion=min_completion, rules=_cadence(every, scope))
        zero = ((missed or scope.org.settings.missed) == "zero"
                and (scope.sources is None or "self" in scope.sources))
        return add_fair(con, scope, rows, zero)  # interval, shrunk score, funnel flag

    _view(compute, lambda scope: rn.league_columns(scope.lang) + fair_columns(scope.lang),
          _league_title, fmt=fmt, output=output, force=force, warehouse=warehouse,
          org=org, since=since, until=until, period=period, unit=unit, checklist=checklist,
          level=level, calendar=calendar, lang=lang, source=source)
    return EXIT_OK


def _composite_league(weight: list[str] | None, *, fmt: str, output: str | None, force: bool,
                      min_n: int, source: str | None, missed: str | None,
                      min_completion: float | None, every: str | None, **scope: Any) -> None:
    """``league --composite``: the composite view (``network composite``) with the
    league's settings; --min-n and --source do not apply (the weights name the sources)."""
    from branchcheck.commands.network_oversight import show_composite
    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import t

    opts = _opts(**scope)
    for given, name in ((min_n, "--min-n"), (source, "--source")):
        if given:
            raise UsageError(t(opts.lang, f"{name} 不能与 --composite 同用（组成部分由 "
                                          "--weight 指定）",
                               f"{name} does not apply with --composite (--weight names "
                               "the components)"))
    show_composite(opts, weight, fmt=fmt, output=output, force=force, missed=missed,
                   min_completion=min_completion,
                   programme=None if every is None else lambda sc: _cadence(every, sc))


def _league_title(con: Any, scope: Any) -> tuple[str, str]:
    """排名 / League, or 自查情况 / Self-check overview when the period holds self-checks
    only (a ranking of outlets' own checks is not a 排名; docs/oversight.md)."""
    from branchcheck.network.scores import self_only

    return ("自查情况", "Self-check overview") if self_only(con, scope) else ("排名", "League")


@app.command("missing")
def missing(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    calendar: CalendarOption = None,
    every: EveryOption = None,
    fail_on_missing: Annotated[bool, typer.Option(
        "--fail-on-missing", help="Exit 1 when any expected check is missing.")] = False,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Expected checks that were not done, by the programme and the business calendar."""
    from branchcheck.network import expected
    from branchcheck.network import tables as rn

    rows = _view(lambda con, scope: expected.missing(con, scope, every=every),
                 lambda scope: rn.missing_columns(scope.lang), ("漏检", "Missed checks"),
                 fmt=fmt, output=output, force=force, warehouse=warehouse, org=org,
                 since=since, until=until, period=period, unit=unit, checklist=checklist,
                 level=level, calendar=calendar, lang=lang)
    return EXIT_FAILED if fail_on_missing and any(r["missed"] for r in rows) else EXIT_OK


@app.command("items")
def items(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    calendar: CalendarOption = None,
    systemic: SystemicOption = None, failing: FailingOption = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Show N items.")] = None,
    source: SourceOption = None,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Items by failure rate across the network or a subtree: outlets failing each item
    and common problems (共性问题), by the department's thresholds."""
    from branchcheck.network import tables as rn
    from branchcheck.network import views

    _view(lambda con, scope: views.items(con, scope, systemic=systemic, failing=failing),
          lambda scope: rn.items_columns(
              scope.lang, scope.org.settings.failing if failing is None else failing,
              scope.org.settings.common if systemic is None else systemic),
          ("不合格项目", "Failing items"), fmt=fmt, output=output, force=force, shown=top,
          warehouse=warehouse, org=org, since=since, until=until, period=period, unit=unit,
          checklist=checklist, level=level, calendar=calendar, lang=lang, source=source)
    return EXIT_OK


@app.command("trend")
def trend(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    calendar: CalendarOption = None,
    by: Annotated[str, typer.Option("--by", metavar="week|month",
                                    help="One point a week or a month.")] = "month",
    source: SourceOption = None,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Mean final score per unit per week or month (default: 12 months to the newest)."""
    from branchcheck.network import tables as rn
    from branchcheck.network import views

    _view(lambda con, scope: views.trend(con, scope, by=by),
          lambda scope: rn.trend_columns(scope.lang),
          ("趋势", "Trend"), fmt=fmt, output=output, force=force, months=12,
          warehouse=warehouse, org=org, since=since, until=until, period=period, unit=unit,
          checklist=checklist, level=level, calendar=calendar, lang=lang, source=source)
    return EXIT_OK


@app.command("actions")
def actions(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None, fmt: FormatOption = "text",
    calendar: CalendarOption = None,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """Corrective actions (整改) per unit: open, overdue (judged on the period's last day,
    or today if earlier, by the directory's calendar), opened and fixed in the period,
    and the oldest overdue one."""
    from branchcheck.network.actions import per_unit
    from branchcheck.network.tables_actions import actions_columns

    _view(per_unit, lambda scope: actions_columns(scope.lang), ("整改", "Corrective actions"),
          fmt=fmt, output=output, force=force, warehouse=warehouse, org=org, since=since,
          until=until, period=period, unit=unit, checklist=checklist, level=level,
          calendar=calendar, lang=lang)
    return EXIT_OK


@app.command("complaints")
def complaints(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    level: LevelOption = None,
    by: Annotated[str, typer.Option("--by", metavar="unit|category",
                                    help="One row per unit or per category.")] = "unit",
    rules: Annotated[str | None, typer.Option(
        "--rules", metavar="FILE", help="Complaint rules (ageing buckets, category names).")
    ] = None,
    fmt: FormatOption = "text", output: OutputOption = None, force: ForceOption = False,
    lang: UiLangOption = None,
) -> int:
    """Complaints (投诉) per unit or category: received and closed in the period, open and
    overdue, decisions and replies on time, repeats, escalations and the ageing of open
    cases (judged on the period's last day, or today if earlier). No personal data."""
    from branchcheck.complaints.rules import load
    from branchcheck.network.complaint_views import buckets, figures
    from branchcheck.network.tables_complaints import complaints_columns

    check_choice(by, ("unit", "category"), "--by")
    found = load(rules)
    _view(lambda con, scope: figures(con, scope, by=by, ageing=found.ageing),
          lambda scope: complaints_columns(scope.lang, by, buckets(found.ageing, scope.lang),
                                           found.categories),
          ("投诉", "Complaints"), fmt=fmt, output=output, force=force, warehouse=warehouse,
          org=org, since=since, until=until, period=period, unit=unit, level=level, lang=lang)
    return EXIT_OK


@app.command("report")
def report(
    warehouse: WarehouseOption = None, org: OrgOption = None, since: SinceOption = None,
    until: UntilOption = None, period: PeriodOption = None, unit: UnitOption = None,
    checklist: ChecklistOption = None, level: LevelOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="html|md",
                                     help="Output format.")] = "html",
    systemic: SystemicOption = None, calendar: CalendarOption = None,
    output: OutputOption = None, force: ForceOption = False, lang: UiLangOption = None,
) -> int:
    """A printable report of a period: league, section heat map, missed checks, common
    problems (共性问题), red-line failures, corrective actions (self-contained HTML, or
    Markdown)."""
    from branchcheck.network.query import open_scope
    from branchcheck.network.report import build

    check_choice(fmt, ("html", "md"))
    opts = _opts(warehouse=warehouse, org=org, since=since, until=until, period=period,
                 unit=unit, checklist=checklist, level=level, calendar=calendar, lang=lang)
    with open_scope(opts) as (con, scope):
        from branchcheck.oversight.honesty import report_parts

        text = build(con, scope, fmt, systemic=systemic,
                     extra=lambda: report_parts(con, scope))
    calendar_warnings(scope)
    _out(text, output, force)
    return EXIT_OK


@app.command("sql")
def sql(
    query: Annotated[str, typer.Argument(metavar='"SELECT ..."', show_default=False)],
    warehouse: WarehouseOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|csv|json",
                                     help="Output format.")] = "text",
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", min=0.1, max=86400.0,
        help="Stop the query after this long (default 60 s, a setting).")] = 60.0,
    memory: Annotated[str, typer.Option(
        "--memory", metavar="SIZE", help="Memory the query may use, e.g. 500MB, 4GB "
        "(default 2GB, a setting).")] = "2GB",
    max_rows: Annotated[int, typer.Option(
        "--max-rows", metavar="N", min=1,
        help="Refuse a result of more rows (default 1000000, a setting).")] = 1_000_000,
    lang: UiLangOption = None,
) -> int:
    """Run one read-only SQL query: a single SELECT, no file, network or extension access,
    bounded in time, memory and rows; Ctrl-C stops it (exit 130)."""
    import re

    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.network import analyst
    from branchcheck.network import tables as rn
    from branchcheck.network import warehouse as wh

    check_choice(fmt, ("text", "csv", "json"))
    ui = resolve_lang(lang)
    if not re.fullmatch(r"[1-9][0-9]{0,5}(KB|MB|GB|TB)", memory.strip().upper()):
        raise UsageError(t(ui, f"--memory {memory!r} 无效（例：500MB、4GB）",
                           f"--memory {memory!r} is not a size (e.g. 500MB, 4GB)"))
    analyst.one_statement(query, ui)  # before opening the warehouse
    with wh.reader(wh.default_path(warehouse), lang=ui,
                   config={"memory_limit": memory.strip().upper()}) as con:
        names, rows = analyst.run(con, query, ui, timeout=timeout, max_rows=max_rows)
    _out(rn.render(rows, rn.plain_columns(names), fmt, lang=ui), None, False)
    return EXIT_OK


@app.command("export")
def export(
    target: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)],
    warehouse: WarehouseOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="parquet",
                                     help="Output format.")] = "parquet",
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an earlier export in DIR (only once the new one is complete; "
        "a folder holding anything else is never replaced).")] = False,
    lang: UiLangOption = None,
) -> int:
    """Write the warehouse as Hive-partitioned Parquet (checklist=.../month=...)."""
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.network import warehouse as wh
    from branchcheck.network.export import MEMORY
    from branchcheck.network.export import export as run_export

    check_choice(fmt, ("parquet",))
    ui = resolve_lang(lang)
    parent = Path(os.path.abspath(target)).parent
    parent.mkdir(parents=True, exist_ok=True)
    with wh.reader(wh.default_path(warehouse), lang=ui, folders=[parent],
                   config={"preserve_insertion_order": False, "memory_limit": MEMORY}) as con:
        counts = run_export(con, target, lang=ui, force=force)
    err(t(ui, f"已导出到 {target}：", f"exported to {target}: ")
                     + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    return EXIT_OK


def _check_results_folder(folder: Path, lang: str) -> None:
    """A usage error unless ``folder`` is a results folder in the layout ingest reads
    (``<branch>/<checklist>/<stamp>.yaml``, or a branch's logs): a missing folder, or
    one whose results sit a level too deep, is named with the layout it needs."""
    from itertools import islice

    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import t

    layout = "<branch>/<checklist>/<stamp>.yaml"
    if not folder.is_dir():
        raise UsageError(t(lang, f"{folder}：没有这个文件夹（应为结果文件夹，结构为 {layout}）",
                           f"{folder}: no such folder (give a results folder laid out as "
                           f"{layout})"))
    if next(folder.glob("*/*/*.yaml"), None) or next(folder.glob("*/*.jsonl"), None) \
            or next(folder.glob("*/*/*.jsonl"), None):
        return
    deeper = list(islice(folder.glob("**/*.yaml"), 1))
    hint = t(lang, f"；结果文件在更深一层，如 {deeper[0]}：请给出包含各网点文件夹的那一层",
             f"; results sit deeper, e.g. {deeper[0]}: give the folder that holds the branch "
             "folders") if deeper else ""
    raise UsageError(t(lang, f"{folder} 下没有按 {layout} 存放的结果{hint}",
                       f"no results laid out as {layout} under {folder}{hint}"))


@app.command("sample")
def sample(
    target: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)],
    month: Annotated[str, typer.Option("--month", metavar="YYYY-MM",
                                       help="The month the sample's checks fall in.")
                     ] = "2026-11",
    lang: UiLangOption = None,
) -> int:
    """Write the sample network (DIR/org.yaml), a month of its daily opening checks
    (DIR/results) and the branches' inspections of them (DIR/inspections), ready for
    'network ingest'."""
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.network.calendar import parse_period
    from branchcheck.network.sample import write_sample

    ui = resolve_lang(lang)
    from datetime import date

    span = parse_period(month, None, None, default=date.today(), lang=ui)
    org_path, n, m = write_sample(target, start=span.start, end=span.end)
    err(t(ui, f"已写入 {org_path}、{n} 份自查结果（{target / 'results'}）和 {m} 份分行检查结果"
              f"（{target / 'inspections'}）\n",
          f"wrote {org_path}, {n} self-checks under {target / 'results'} and {m} branch "
          f"inspections under {target / 'inspections'}\n"))
    return EXIT_OK


def _cadence(every: str | None, scope: Any) -> Any:
    """``--every``: one programme rule for every outlet (checked like ``missing``'s)."""
    if every is None:
        return None
    from branchcheck.core.errors import UsageError
    from branchcheck.core.i18n import t
    from branchcheck.org.directory import CADENCES, Rule

    if every not in CADENCES:
        raise UsageError(t(scope.lang, f"未知频率 {every!r}", f"unknown cadence {every!r}; "
                           f"choose one of {', '.join(CADENCES)}"))
    return [Rule("*", scope.checklist or "*", every)]


def calendar_warnings(scope: Any) -> None:
    """Say on stderr which days the working-day calendar had to guess."""
    from branchcheck.core.i18n import t

    for text in scope.org.workdays.warnings(scope.lang):
        err(t(scope.lang, f"警告：{text}\n", f"warning: {text}\n"))


def _title(zh: str, en: str, scope: Any, checklist: str | None = None) -> str:
    """``排名 · 2026-11 · 截至 2026-11-30 · daily-opening · 支行``: the view, the period,
    the day the figures count to, the checklist, the subtree and the level."""
    from branchcheck.core.i18n import t
    from branchcheck.network.tables import kind_word

    lang = scope.lang
    parts = [t(lang, zh, en), scope.period.label,
             t(lang, f"截至 {scope.as_of}", f"as of {scope.as_of}")]
    if checklist or scope.checklist:
        parts.append(t(lang, f"检查表 {checklist or scope.checklist}",
                       f"checklist {checklist or scope.checklist}"))
    if scope.unit:
        parts.append(scope.unit)
    if scope.sources is not None:  # --source: whose checks the figures are
        from branchcheck.core.checksource import filter_label

        parts.append(t(lang, f"来源：{filter_label(scope.sources, lang)}",
                       f"source: {filter_label(scope.sources, lang)}"))
    if scope.level:
        word = kind_word(scope.level, lang)
        parts.append(t(lang, f"按{word}", f"by {word}"))
    return " · ".join(parts)


# The oversight and mystery-shopper views register themselves on this group (they need
# its options).
from branchcheck.commands import network_oversight, network_shop  # noqa: E402, F401
