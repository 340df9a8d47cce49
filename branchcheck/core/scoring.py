"""Scoring: pure functions from a checklist and answers to a :class:`Score`.

The formula is documented once, in docs/scoring.md; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping

from branchcheck.core.model import (
    NA,
    Answer,
    AnswerValue,
    Checklist,
    Grade,
    Item,
    ItemResult,
    Result,
    Score,
    SectionScore,
    Status,
)


def fraction(item: Item, value: AnswerValue) -> float | None:
    """Credit in [0, 1] earned by ``value`` on ``item``; None when unscored or N/A."""
    if value == NA or item.type == "text":
        return None
    if item.type == "check":
        return 1.0 if value == "pass" else 0.0
    if item.type == "scale":
        assert item.scale is not None  # noqa: S101 - guaranteed by validation
        lo, hi = item.scale.min, item.scale.max
        return (float(value) - lo) / (hi - lo)
    if item.type == "choice":
        best = max(o.points for o in item.options)
        points = next(o.points for o in item.options if o.key == value)
        return points / best
    # metric
    assert item.pass_if is not None  # noqa: S101
    x = float(value)
    if item.pass_if.holds(x):
        return 1.0
    for band in item.bands:
        if band.condition.holds(x):
            return band.fraction
    return 0.0


def status_of(item: Item, value: AnswerValue | None, frac: float | None) -> Status:
    """Status of an answered (or unanswered) applicable item."""
    if value is None:
        return "skipped"
    if value == NA and item.type != "text":
        return "na"
    if frac is None:
        return "info"
    if frac >= 1.0:
        return "pass"
    if frac <= 0.0:
        return "fail"
    return "partial"


def _matches(value: AnswerValue | None, expected: AnswerValue) -> bool:
    if value is None:
        return False
    if isinstance(expected, (int, float)) and isinstance(value, (int, float)):
        return float(value) == float(expected)
    return str(value) == str(expected)


def applicability(checklist: Checklist, answers: Mapping[str, Answer]) -> dict[str, bool]:
    """Which items apply: an item with ``when`` applies only if its reference applies
    and was answered with the expected value."""
    result: dict[str, bool] = {}
    for _, item in checklist.items():
        if item.when is None:
            result[item.id] = True
            continue
        ref = answers.get(item.when.item)
        result[item.id] = bool(
            result.get(item.when.item, False)
            and ref is not None
            and _matches(ref.value, item.when.equals)
        )
    return result


RED_LINE = Grade(0.0, {"zh": "不合格（一票否决）", "en": "Fail (red line)"})
"""The grade of a result with a failed checklist knockout, whatever the bands say."""


def grade_for(grades: tuple[Grade, ...], overall: float | None, *,
              knocked_out: bool = False) -> Grade | None:
    """The grade of a result: :data:`RED_LINE` when a checklist knockout failed,
    else the first band whose ``min`` is at most ``overall``."""
    if overall is None:
        return None
    if knocked_out:
        return RED_LINE
    for grade in grades:
        if grade.min <= overall + 1e-9:
            return grade
    return None


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return None
    return sum(w * v for w, v in pairs) / total


def score(checklist: Checklist, answers: Mapping[str, Answer]) -> Score:
    """Score ``answers`` (by item id, values already normalised) against ``checklist``."""
    applies = applicability(checklist, answers)
    items: list[ItemResult] = []
    sections: list[SectionScore] = []
    knockout_all = False
    expected = answered = 0
    for section in checklist.sections:
        pairs: list[tuple[float, float]] = []
        knocked = False
        for item in section.items:
            answer = answers.get(item.id)
            applicable = applies[item.id]
            value = answer.value if answer is not None and applicable else None
            note = answer.note if answer is not None and applicable else None
            frac = fraction(item, value) if value is not None else None
            status: Status = status_of(item, value, frac) if applicable else "na"
            if applicable and item.type != "text":
                expected += 1
                answered += value is not None
            if frac is not None and item.scored:
                pairs.append((item.weight, frac))
            if status == "fail" and item.critical == "section":
                knocked = True
            if status == "fail" and item.critical == "checklist":
                knockout_all = True
            items.append(ItemResult(
                id=item.id, section=section.id, type=item.type, text=item.text, status=status,
                value=value, fraction=frac, note=note, weight=item.weight,
                critical=item.critical, applicable=applicable, guidance=item.guidance,
                unit=item.unit,
            ))
        raw = _weighted_mean(pairs)
        raw = None if raw is None else 100.0 * raw
        final = None if raw is None else (0.0 if knocked else raw)
        sections.append(SectionScore(section.id, section.title, section.weight, raw, final,
                                     knocked and raw is not None))
    overall_raw = _weighted_mean([(s.weight, s.raw) for s in sections if s.raw is not None])
    overall_final = _weighted_mean([(s.weight, s.final) for s in sections if s.final is not None])
    if knockout_all and overall_final is not None:
        overall_final = 0.0
    coverage = answered / expected if expected else 1.0
    return Score(
        items=tuple(items),
        sections=tuple(sections),
        overall_raw=overall_raw,
        overall_final=overall_final,
        grade=grade_for(checklist.grades, overall_final, knocked_out=knockout_all),
        coverage=coverage,
        complete=answered == expected,
        knocked_out=knockout_all,
    )


def make_result(
    checklist: Checklist,
    answers: Mapping[str, Answer],
    *,
    branch: str,
    reviewer: str,
    lang: str,
    started: str,
    finished: str,
    source: str = "self",
    inspector_unit: str | None = None,
) -> Result:
    """A :class:`Result` of scoring ``answers`` (timestamps given, so this stays pure),
    done by ``source`` (branchcheck.core.checksource)."""
    from branchcheck import __version__

    return Result(
        tool_version=__version__,
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        checklist_sha256=checklist.sha256,
        checklist_title=checklist.title,
        branch=branch,
        reviewer=reviewer,
        started=started,
        finished=finished,
        lang=lang,
        score=score(checklist, answers),
        checklist_grades=checklist.grades,
        source=source,
        inspector_unit=inspector_unit,
    )
