"""Summary of one scored result for the terminal (rich); JSON is ``render.report.as_json``."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from branchcheck.core.checksource import described
from branchcheck.core.i18n import t
from branchcheck.core.model import ItemResult, Result, localise
from branchcheck.render.report import date_text, edges, score_grade, title_of, value_text
from branchcheck.terminal.output import fmt_score

if TYPE_CHECKING:
    from rich.console import Console


def _header(con: Console, result: Result, lang: str) -> None:
    title = title_of(result, lang)
    con.print(f"[bold]{_esc(title)}[/bold]  "
              f"({_esc(result.checklist_id)} v{result.checklist_version})")
    reviewer = result.reviewer or "—"
    con.print(
        f"{t(lang, '网点', 'Branch')}: {_esc(result.branch)}   "
        f"{t(lang, '检查来源', 'Source')}: "
        f"{_esc(described(result.source, result.inspector_unit, lang))}   "
        f"{t(lang, '检查人', 'Reviewer')}: {_esc(reviewer)}   "
        f"{t(lang, '日期', 'Date')}: {date_text(result.finished or result.started)}"
    )


def _esc(text: str) -> str:
    from branchcheck.core.textsafe import markup

    return markup(text)


def text(result: Result, lang: str, out: IO[str]) -> None:
    """Human summary: header, section table, overall, grade, coverage, knockouts,
    then failed and partial items with their notes."""
    from rich import box
    from rich.table import Table

    from branchcheck.terminal.output import console

    con = console(out)
    s = result.score
    _header(con, result, lang)
    con.print()

    ko = t(lang, "否决", "knocked out")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t(lang, "类别", "Section"))
    table.add_column(t(lang, "权重", "Weight"), justify="right")
    table.add_column(t(lang, "原始得分", "Raw"), justify="right")
    table.add_column(t(lang, "得分", "Final"), justify="right")
    marks = s.knocked_out or any(sec.knocked_out for sec in s.sections)
    if marks:
        table.add_column("")
    for sec in s.sections:
        row = [_esc(localise(sec.title, lang) or sec.id), f"{sec.weight:g}",
               fmt_score(sec.raw), fmt_score(sec.final)]
        if marks:
            row.append(f"[red]{ko}[/red]" if sec.knocked_out else "")
        table.add_row(*row)
    table.add_section()
    bands = edges(result)
    row = [f"[bold]{t(lang, '总分', 'Overall')}[/bold]", "", fmt_score(s.overall_raw, edges=bands),
           f"[bold]{fmt_score(s.overall_final, edges=bands)}[/bold]"]
    if marks:
        row.append(f"[red]{t(lang, '整表否决', 'checklist knocked out')}[/red]"
                   if s.knocked_out else "")
    table.add_row(*row)
    con.print(table)

    grade = score_grade(s, lang)
    con.print(f"{t(lang, '等级', 'Grade')}: [bold]{_esc(grade)}[/bold]")
    coverage = f"{t(lang, '完成度', 'Coverage')}: {100 * s.coverage:.0f}%"
    if not s.complete:
        skipped = sum(1 for i in s.items if i.status == "skipped" and i.type != "text")
        coverage += "  [yellow]" + t(
            lang, f"未完成（{skipped} 项未答）", f"INCOMPLETE ({skipped} not answered)"
        ) + "[/yellow]"
    con.print(coverage)

    knocked = [i for i in s.items if i.critical and i.status == "fail"]
    if knocked:
        con.print()
        con.print(f"[bold red]{t(lang, '否决项', 'Knockout items failed')}[/bold red]")
        for item in knocked:
            scope = (t(lang, "整表", "whole checklist") if item.critical == "checklist"
                     else t(lang, "本类别", "section"))
            con.print(f"  ✗ {_item_line(item, lang)}  [red]({ko}: {scope})[/red]")
            _note(con, item, lang)

    for status, heading in (
        ("fail", t(lang, "不通过项", "Failed items")),
        ("partial", t(lang, "部分达标项", "Partial items")),
    ):
        # weight-0 items are asked but not scored (often facts such as "has an ATM")
        rows = [i for i in s.items
                if i.status == status and i.scored and i not in knocked]
        if not rows:
            continue
        con.print()
        con.print(f"[bold]{heading}[/bold] ({len(rows)})")
        mark = "✗" if status == "fail" else "~"
        for item in rows:
            con.print(f"  {mark} {_item_line(item, lang)}")
            _note(con, item, lang)


def _item_line(item: ItemResult, lang: str) -> str:
    label = localise(item.text, lang) or item.id
    extra = ""
    if item.type in ("scale", "choice", "metric"):
        extra = f" = {value_text(item, lang)}"
        if item.fraction is not None and item.status == "partial":
            extra += f" ({100 * item.fraction:.0f}%)"
    return f"[dim]{_esc(item.section)}/{_esc(item.id)}[/dim] {_esc(label)}{_esc(extra)}"


def _note(con: Console, item: ItemResult, lang: str) -> None:
    if item.note:
        con.print(f"      {t(lang, '备注', 'note')}: {_esc(item.note)}")
