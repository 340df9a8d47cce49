"""History of a branch as plain text (with sparklines), JSON or CSV."""

from __future__ import annotations

import json
from collections.abc import Sequence, Set
from datetime import date
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.core.model import Integrity, localise
from branchcheck.integrity.assess import CSV_COLUMNS as INTEGRITY_COLUMNS
from branchcheck.integrity.assess import FIELD, csv_cells
from branchcheck.integrity.assess import as_dict as integrity_dict
from branchcheck.render.report import date_text, pct
from branchcheck.render.text import clip, table
from branchcheck.results.history import History, Row, sparkline
from branchcheck.terminal.output import fmt_score, pad, width

FORMATS = ("text", "json", "csv")
HISTORY_FORMAT = "branchcheck-history/1"
SPARK_WIDTH = 40


def _grade(row: Row, lang: str) -> str:
    """The grade, cut to 18 cells (不合格（一票否决）, Fail (red line) fit), then the
    incomplete mark: a cut never drops the mark."""
    if row.grade is None:
        return "—"
    return clip(localise(row.grade, lang), 18) + ("" if row.complete else "*")


def text_one(h: History, lang: str) -> list[str]:
    """Lines for one checklist: rows (oldest first), trends, most-failed items."""
    title = localise(h.title, lang) or h.checklist_id
    first, last = h.rows[0].finished, h.rows[-1].finished
    lines = [f"{h.branch} · {title} ({h.checklist_id}) · "
             + t(lang, f"{len(h.rows)} 次结果，{date_text(first)[:10]} → {date_text(last)[:10]}",
                 f"{len(h.rows)} result(s), {date_text(first)[:10]} → {date_text(last)[:10]}"),
             ""]
    sec_titles = [clip(localise(title, lang) or sid, 14) for sid, title in h.sections]
    header = [t(lang, "日期", "Date"), t(lang, "检查人", "Reviewer"), t(lang, "版本", "Ver"),
              t(lang, "总分", "Overall"), t(lang, "等级", "Grade"), *sec_titles,
              t(lang, "完成度", "Coverage")]
    rows = [[date_text(r.finished), clip(r.reviewer or "—", 12), str(r.version),
             fmt_score(r.overall, edges=r.edges) + ("!" if r.knocked_out else ""),
             _grade(r, lang),
             *(fmt_score(r.sections.get(sid)) for sid, _ in h.sections), pct(r.coverage)]
            for r in h.rows]
    numeric = {2, 3, *range(5, 5 + len(h.sections)), 5 + len(h.sections)}
    lines += table(header, rows, numeric)
    if any(r.knocked_out for r in h.rows):
        lines.append(t(lang, "! = 整表否决", "! = whole checklist knocked out"))
    if any(not r.complete and r.grade is not None for r in h.rows):
        lines.append(t(lang, "* = 不完整：有检查项未作答，等级只按已答项评定",
                       "* = incomplete: items were left unanswered; the grade counts the "
                       "answered ones only"))
    lines += integrity_notes([(r.path, r.integrity) for r in h.rows], lang)
    lines += ["", t(lang, "趋势（旧 → 新）", "Trend (oldest → newest)")]
    series: list[tuple[str, list[float | None]]] = [
        (t(lang, "总分", "Overall"), [r.overall for r in h.rows])]
    series += [(clip(localise(title, lang) or sid, 14), [r.sections.get(sid) for r in h.rows])
               for sid, title in h.sections]
    series.append((t(lang, "完成度", "Coverage"), [100 * r.coverage for r in h.rows]))
    label_w = max(width(name) for name, _ in series)
    for name, values in series:
        known = [v for v in values if v is not None]
        span = f"{min(known):.1f} – {max(known):.1f}" if known else "—"
        lines.append(f"  {pad(name, label_w)}  {sparkline(values, SPARK_WIDTH)}  {span}")
    lines += ["", t(lang, f"最常不通过的项目（前 {len(h.most_failed)} 项）",
                    f"Most failed items (top {len(h.most_failed)})")]
    if not h.most_failed:
        lines.append("  " + t(lang, "无不通过项。", "No item failed."))
    else:
        lines += ["  " + x for x in table(
            [t(lang, "不通过", "Failed"), t(lang, "作答", "Answered"), t(lang, "项目", "Item"),
             t(lang, "内容", "Text")],
            [[str(f.failed), str(f.answered), f.id, clip(localise(f.text, lang) or f.id, 50)]
             for f in h.most_failed],
            right={0, 1})]
    return lines


def integrity_notes(rows: Sequence[tuple[str, Integrity | None]], lang: str) -> list[str]:
    """One line per kind of result that is not fully trusted: how many, and why."""
    from branchcheck.core.textsafe import term
    from branchcheck.integrity.assess import label

    grouped: dict[tuple[str, str], list[str]] = {}
    for path, integ in rows:
        if integ is not None and not integ.ok:
            grouped.setdefault((label(integ, lang), integ.reason), []).append(path)
    lines = []
    for (word, reason), paths in grouped.items():
        first = paths[0] if len(paths) == 1 else t(lang, f"{paths[0]} 等", f"{paths[0]} and others")
        lines.append(term(t(lang, f"注意：{len(paths)} 个结果{word}（{first}）：{reason}",
                            f"Note: {len(paths)} result(s) {word} ({first}): {reason}")))
    return lines


def as_text(histories: Sequence[History], lang: str) -> str:
    """Plain-text history: one block per checklist."""
    blocks = ["\n".join(text_one(h, lang)) for h in histories]
    return "\n\n".join(blocks) + "\n"


def _row_data(r: Row, lang: str) -> dict[str, Any]:
    return {"path": r.path, "finished": r.finished, "reviewer": r.reviewer,
            "checklist_version": r.version, "overall": r.overall, "overall_raw": r.overall_raw,
            "grade": localise(r.grade, lang) if r.grade is not None else None,
            "coverage": r.coverage, "complete": r.complete, "knocked_out": r.knocked_out,
            "sections": dict(r.sections), FIELD: integrity_dict(r.integrity)}


def as_json(histories: Sequence[History], lang: str, *, branch: str, since: date | None,
            skipped: Sequence[tuple[str, str]], tampered: Set[str] = frozenset()) -> str:
    """The history as JSON (rows oldest first; see docs/diff.md). A skipped file in
    ``tampered`` carries the verdict ``tampered`` (with the error as its reason)."""
    from branchcheck.integrity.assess import tampered as tampered_verdict

    data = {
        "format": HISTORY_FORMAT,
        "branch": branch,
        "since": since.isoformat() if since else None,
        "checklists": [{
            "id": h.checklist_id,
            "title": localise(h.title, lang) or h.checklist_id,
            "sections": [{"id": sid, "title": localise(title, lang) or sid}
                         for sid, title in h.sections],
            "rows": [_row_data(r, lang) for r in h.rows],
            "most_failed": [{"id": f.id, "section": f.section,
                             "text": localise(f.text, lang) or f.id, "failed": f.failed,
                             "answered": f.answered} for f in h.most_failed],
        } for h in histories],
        "skipped": [{"path": p, "error": e, FIELD: integrity_dict(
            tampered_verdict(e) if p in tampered else None)} for p, e in skipped],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(histories: Sequence[History], lang: str) -> bytes:
    """One row per result (UTF-8 with BOM, formula-safe); a ``section:<id>`` column per
    section of any checklist shown."""
    from branchcheck.core.csvsafe import Cell, to_csv

    sections: list[str] = []
    for h in histories:
        sections += [sid for sid, _ in h.sections if sid not in sections]
    header = ["branch", "checklist", "checklist_version", "finished", "reviewer", "overall",
              "overall_raw", "grade", "coverage", "complete", "knocked_out", "file",
              *(f"section:{sid}" for sid in sections), *INTEGRITY_COLUMNS]
    rows: list[list[Cell]] = []
    for h in histories:
        for r in h.rows:
            rows.append([h.branch, h.checklist_id, r.version, r.finished, r.reviewer,
                         r.overall, r.overall_raw,
                         localise(r.grade, lang) if r.grade is not None else None,
                         r.coverage, r.complete, r.knocked_out, r.path,
                         *(r.sections.get(sid) for sid in sections),
                         *csv_cells(r.integrity)])
    return to_csv(header, rows)
