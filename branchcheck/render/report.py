"""Reports of one result: shared wording, CSV and JSON; md and html live next door,
and :mod:`branchcheck.render.report_formats` picks one.

Every renderer returns the whole document (``str`` or, for CSV, UTF-8 bytes
with a BOM), so the command can write it to stdout or atomically to a file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from branchcheck.core.i18n import t
from branchcheck.core.model import Grade, ItemResult, Result, Score, localise
from branchcheck.integrity.assess import CSV_COLUMNS as INTEGRITY_COLUMNS
from branchcheck.integrity.assess import csv_cells

CSV_COLUMNS = (
    "branch", "checklist", "checklist_version", "finished", "source", "inspector_unit",
    "reviewer", "section",
    "section_title", "item", "text", "type", "status", "value", "unit", "fraction", "weight",
    "critical", "applicable", "note", "guidance", *INTEGRITY_COLUMNS,
)
"""One row per item; every row ends with the integrity verdict of the result."""


def status_label(status: str, lang: str) -> str:
    """An item status in the UI language."""
    labels = {
        "pass": t(lang, "通过", "pass"),
        "partial": t(lang, "部分达标", "partial"),
        "fail": t(lang, "不通过", "fail"),
        "na": t(lang, "不适用", "n/a"),
        "skipped": t(lang, "未答", "not answered"),
        "info": t(lang, "备注", "info"),
    }
    return labels.get(status, status)


def value_text(item: ItemResult, lang: str) -> str:
    """The answer of an item for people: status word, number with unit, key or text."""
    v = item.value
    if v is None:
        return "—"
    if v == "na" and item.type != "text":
        return status_label("na", lang)
    if item.type == "check":
        return status_label(str(v), lang) if v in ("pass", "fail") else str(v)
    if isinstance(v, float):
        text = f"{v:g}"
    else:
        text = str(v)
    if item.unit and isinstance(v, (int, float)):
        text += item.unit if item.unit == "%" else f" {item.unit}"
    return text


def date_text(iso: str) -> str:
    """``2024-05-01 14:03`` from an ISO 8601 timestamp (as given if it is not one)."""
    if len(iso) >= 16 and iso[10] == "T":
        return f"{iso[:10]} {iso[11:16]}"
    return iso or "—"


def grade_text(grade: Grade | None, lang: str, complete: bool = True) -> str:
    """A grade's label, or an em dash; the grade of an incomplete result (items left
    unanswered) says so, since it was earned on the answered items alone."""
    if grade is None:
        return "—"
    label = localise(grade.label, lang)
    if complete:
        return label
    return label + t(lang, "（不完整）", " (incomplete)")


def score_grade(score: Score, lang: str) -> str:
    """The grade of ``score`` as :func:`grade_text` shows it, incomplete or not."""
    return grade_text(score.grade, lang, score.complete)


def edges(result: Result) -> tuple[float, ...]:
    """The lower bounds of the result's grade bands (for ``fmt_score(edges=...)``)."""
    return tuple(g.min for g in result.checklist_grades)


def pct(fraction: float | None, digits: int = 0) -> str:
    """A 0-1 fraction as a percentage (``—`` when None)."""
    return "—" if fraction is None else f"{100 * fraction:.{digits}f}%"


def shown_delta(old: str, new: str) -> str:
    """The signed difference of two printed scores, as a reader works it out from them
    (``82.9 → 81.4`` is ``-1.5`` whatever the unrounded scores were); ``—`` if either
    is not a number."""
    try:
        first, second = float(old), float(new)
    except ValueError:
        return "—"
    digits = max(len(text.partition(".")[2]) for text in (old, new))
    return signed(round(second - first, digits), digits)


def signed(delta: float | None, digits: int = 1) -> str:
    """``+2.5`` / ``-1.0`` / ``±0.0`` (``—`` when None)."""
    if delta is None:
        return "—"
    text = f"{delta:+.{digits}f}"
    return "±" + text[1:] if float(text) == 0 else text


def title_of(result: Result, lang: str) -> str:
    """The checklist title of a result in the UI language (its id if it has none)."""
    return localise(result.checklist_title, lang) or result.checklist_id


def knockout_scope(item: ItemResult, lang: str) -> str:
    """What a failed critical item knocks out."""
    if item.critical == "checklist":
        return t(lang, "整表否决", "knocks out the whole checklist")
    return t(lang, "本类别否决", "knocks out its section")


def failed_items(result: Result, status: str) -> list[ItemResult]:
    """Scored items of ``result`` with ``status``, in checklist order (a fact of weight 0
    answered 否 is a fact, not a failure)."""
    return [i for i in result.score.items if i.status == status and i.scored]


def remarks(result: Result) -> list[ItemResult]:
    """Items not listed as failed or partial that carry something the reviewer wrote:
    a note, the answer of a text item, or a fact recorded (an unscored choice); in
    checklist order."""
    return [i for i in result.score.items
            if (i.status not in ("fail", "partial") or not i.scored) and (
                i.note or (i.type == "text" and i.value not in (None, ""))
                or (i.type == "choice" and not i.scored and i.value is not None))]


def knockouts(result: Result) -> list[ItemResult]:
    """Critical items that failed."""
    return [i for i in result.score.items if i.critical and i.status == "fail"]


def section_titles(result: Result, lang: str) -> dict[str, str]:
    """Section titles by id, in the UI language."""
    return {s.id: localise(s.title, lang) or s.id for s in result.score.sections}


def integrity_text(result: Result, lang: str) -> str | None:
    """How far the result can be trusted, with the reason when not fully (None for a
    result that was not read back from a file)."""
    from branchcheck.integrity.assess import label

    integ = result.integrity
    if integ is None:
        return None
    word = label(integ, lang)
    return f"{word}{t(lang, '：', ': ')}{integ.reason}" if integ.reason else word


def as_json(result: Result) -> str:
    """The result as JSON, in the stored layout (valid against the result schema), plus
    for a result read back an ``integrity`` object (verified or not, and why)."""
    from branchcheck.results import storage

    data = storage.result_to_dict(result)
    if result.integrity is not None:
        from branchcheck.integrity.assess import FIELD, as_dict

        data["previous"] = result.integrity.previous
        data[FIELD] = as_dict(result.integrity)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(result: Result, lang: str) -> bytes:
    """One row per item (columns :data:`CSV_COLUMNS`), UTF-8 with BOM, formula-safe."""
    from branchcheck.core.csvsafe import Cell, to_csv

    titles = section_titles(result, lang)
    verdict = csv_cells(result.integrity)
    rows: list[Sequence[Cell]] = []
    for it in result.score.items:
        value: Cell = it.value if isinstance(it.value, (int, float)) else (
            None if it.value is None else str(it.value))
        rows.append((
            result.branch, result.checklist_id, result.checklist_version,
            result.finished, result.source, result.inspector_unit, result.reviewer,
            it.section, titles.get(it.section, it.section),
            it.id, localise(it.text, lang), it.type, it.status, value, it.unit, it.fraction,
            it.weight, it.critical, it.applicable, it.note, localise(it.guidance, lang) or None,
            *verdict,
        ))
    return to_csv(CSV_COLUMNS, rows)
