"""``branchcheck results``: list stored results, newest first."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from branchcheck.commands.options import UiLangOption, check_choice
from branchcheck.core.errors import EXIT_OK, BranchcheckError, TamperedError
from branchcheck.terminal.output import err, warn

if TYPE_CHECKING:
    from branchcheck.core.model import Result
    from branchcheck.results.storage import StoredResult

FORMATS = ("text", "json")


@dataclass(frozen=True)
class Row:
    """One listed result file: its result, or the error that stopped it being read."""

    stored: StoredResult
    result: Result | None
    error: str | None
    tampered: bool = False


def results(
    branch: Annotated[str | None, typer.Option(
        "--branch", "-b", metavar="ID", help="Only this branch.")] = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", metavar="ID", help="Only this checklist id.")] = None,
    results_dir: Annotated[str | None, typer.Option(
        "--results-dir", metavar="DIR",
        help="Results folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results).")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="text|json", help="Output: text or json.")] = "text",
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", min=1, metavar="N", help="Show at most N results.")] = None,
    wide: Annotated[bool, typer.Option(
        "--wide", help="Every column at full width, also when the terminal is narrower.")
    ] = False,
    source: Annotated[str | None, typer.Option(
        "--source", metavar="all|self|inspection|shopper|independent|SOURCE",
        help="Only checks of this source: self, inspection (sub-branch, branch, head-office), "
             "shopper (mystery-shopper, third-party), independent (all but self), or one "
             "source (default all).")] = None,
    lang: UiLangOption = None,
) -> int:
    """List stored results, newest first.

    Unreadable or tampered files are listed with an error marker and a warning
    on stderr, whatever --source. Exit 0 (also when nothing is stored), 2 for usage errors or a
    --branch or --checklist with nothing stored (the nearest stored ids are named).
    """
    from branchcheck.core import places
    from branchcheck.core.checksource import source_filter
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.results import storage

    check_choice(fmt, FORMATS)
    ui = resolve_lang(lang)
    sources = source_filter(source, ui)
    if checklist is not None:
        from branchcheck.results.history import check_checklist_id

        check_checklist_id(checklist, ui)
    root = storage.results_dir(results_dir)
    if branch is not None:
        places.require_branch(root, branch, ui)
    if checklist is not None:
        places.require_checklist(root, checklist, branch, ui)
    rows = list(collect(root, branch=branch, checklist_id=checklist, limit=limit, lang=ui,
                        sources=sources))
    for row in rows:
        if row.error is not None:
            warn(row.error)
    if fmt == "text":  # JSON carries the same in each row's "integrity"
        from branchcheck.render.history import integrity_notes

        for note in integrity_notes([(str(r.stored.path), r.result.integrity) for r in rows
                                     if r.result is not None], ui):
            err(note + "\n")
    from branchcheck.actions.links import open_by_result

    opened = open_by_result(root)
    if fmt == "json":
        data = [as_dict(r) for r in rows]
        for r, d in zip(rows, data, strict=True):
            d["open_actions"] = opened.get(_rel(root, r.stored.path), 0)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif rows:
        _table(rows, ui, {str(r.stored.path): opened.get(_rel(root, r.stored.path), 0)
                          for r in rows}, wide)
    else:
        err(t(ui, f"{root} 下没有保存的结果\n", f"No results stored under {root}\n"))
    sys.stdout.flush()
    return EXIT_OK


def collect(root: Path, *, branch: str | None = None, checklist_id: str | None = None,
            limit: int | None = None, lang: str = "en",
            sources: tuple[str, ...] | None = None) -> list[Row]:
    """Stored results under ``root``, newest first, each read and verified (a result
    stored in the folder of another branch or checklist is listed as tampered);
    ``sources``: only results of these sources (and every file that cannot be read)."""
    from branchcheck.core.i18n import t
    from branchcheck.results import storage

    rows: list[Row] = []
    for stored in storage.iter_stored(root, branch, checklist_id):
        if limit is not None and len(rows) >= limit:
            break
        try:
            result = storage.read_result(stored.path, lang=lang, root=root)
            wrong = storage.misplaced(result, stored.path, lang)
            if wrong is not None:
                rows.append(Row(stored, None, f"{stored.path}{t(lang, '：', ': ')}{wrong}",
                                tampered=True))
                continue
            if sources is None or result.source in sources:
                rows.append(Row(stored, result, None))
        except BranchcheckError as exc:
            first = exc.problems[0] if exc.problems else None
            detail = f"{first.location()}: {first.message}" if first else exc.message
            if exc.problems and first is not None and first.line <= 0:
                detail = f"{exc.message}{t(lang, '：', ': ')}{first.message}"
            rows.append(Row(stored, None, detail, isinstance(exc, TamperedError)))
    return rows


def as_dict(row: Row) -> dict[str, Any]:
    """A listing row as plain data (scores unrounded)."""
    from branchcheck.integrity.assess import FIELD, tampered
    from branchcheck.integrity.assess import as_dict as integrity_dict
    from branchcheck.results.late import after_visit, late_hours, late_result

    r = row.result
    if r is None:
        verdict = tampered(row.error or "") if row.tampered else None
        return {"path": str(row.stored.path), "branch": row.stored.branch,
                "checklist": {"id": row.stored.checklist_id}, "error": row.error,
                "tampered": row.tampered, FIELD: integrity_dict(verdict)}
    s = r.score
    return {
        "path": str(row.stored.path),
        "finished": r.finished,
        "stored": r.stored or None,
        "late_entry": late_result(r, late_hours()),
        "after_visit": after_visit(r) or None,
        "branch": r.branch,
        "checklist": {"id": r.checklist_id, "version": r.checklist_version},
        "reviewer": r.reviewer,
        "source": r.source,
        "inspector_unit": r.inspector_unit,
        "overall": {"raw": s.overall_raw, "final": s.overall_final},
        "grade": _label(s.grade.label) if s.grade is not None else None,
        "coverage": s.coverage,
        "complete": s.complete,
        "error": None,
        "tampered": False,
        FIELD: integrity_dict(r.integrity),
    }


def _rel(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` with ``/``, as the actions log records it."""
    import os

    return os.path.relpath(path, root).replace(os.sep, "/")


def _label(text: Mapping[str, str]) -> str | dict[str, str]:
    return text[""] if set(text) == {""} else dict(text)


def _table(rows: list[Row], lang: str, opened: Mapping[str, int], wide: bool = False) -> None:
    import os

    from branchcheck.core.checksource import described
    from branchcheck.core.i18n import t
    from branchcheck.render.fit import Column, show
    from branchcheck.render.report import date_text, edges, score_grade
    from branchcheck.results.late import after_visit, after_word, late_hours, late_result
    from branchcheck.results.late import word as late_word
    from branchcheck.terminal.output import console, fmt_score

    hours = late_hours(lang)
    columns = [
        Column(t(lang, "日期", "Date")), Column(t(lang, "网点", "Branch")),
        Column(t(lang, "检查表", "Checklist")), Column(t(lang, "检查来源", "Source"), drop=1),
        Column(t(lang, "检查人", "Reviewer"), drop=2),
        Column(t(lang, "总分", "Final"), "right"), Column(t(lang, "等级", "Grade")),
        Column(t(lang, "完成度", "Coverage"), "right", drop=3),
        Column(t(lang, "完整", "Complete")), Column(t(lang, "可信度", "Integrity")),
        Column(t(lang, "未整改", "Open actions"), "right", drop=4),
        # the least useful at 120 columns: the file name alone first, then nothing
        Column(t(lang, "文件", "File"), shorten=os.path.basename, drop=5),
    ]
    yes, no = t(lang, "是", "yes"), t(lang, "否", "no")
    cells: list[list[str]] = []
    for row in rows:
        r = row.result
        path = str(row.stored.path)
        if r is None:
            from branchcheck.integrity.assess import label, tampered

            mark = (label(tampered(row.error or ""), lang) if row.tampered
                    else t(lang, "无法读取", "UNREADABLE"))
            cells.append([_esc(_stamp_date(row.stored.stamp)), _esc(row.stored.branch),
                          _esc(row.stored.checklist_id), "", "", "", "", "", "",
                          f"[red]{mark}[/red]", "", _esc(path)])
            continue
        s = r.score
        when = date_text(r.finished or r.started)
        if late_result(r, hours):
            when += f" [yellow]{late_word(lang)}[/yellow]"
        elif after_visit(r):
            when += f" {after_word(after_visit(r), lang)}"
        cells.append([
            when, _esc(r.branch),
            _esc(f"{r.checklist_id} v{r.checklist_version}"),
            _esc(described(r.source, r.inspector_unit, lang)), _esc(r.reviewer or "—"),
            fmt_score(s.overall_final, edges=edges(r)), _esc(score_grade(s, lang)),
            f"{100 * s.coverage:.0f}%", yes if s.complete else f"[yellow]{no}[/yellow]",
            _integrity(r, lang), str(opened.get(path, 0)), _esc(path),
        ])
    show(console(sys.stdout), columns, cells, lang, wide=wide)


def _integrity(result: Result, lang: str) -> str:
    from branchcheck.integrity.assess import label

    word = _esc(label(result.integrity, lang))
    if result.integrity is not None and not result.integrity.ok:
        return f"[yellow]{word}[/yellow]"
    return word


def _stamp_date(stamp: str) -> str:
    """``2024-05-01 02:30Z`` from a file name stamp ``20240501T023000123456Z``."""
    if len(stamp) >= 13 and stamp[8] == "T" and stamp[:8].isdigit():
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]}Z"
    return stamp


def _esc(text: str) -> str:
    from branchcheck.core.textsafe import markup

    return markup(text)
