"""Grading a class: trainees' answers against a key, per trainee and per item.

:func:`grade` is pure; :mod:`branchcheck.training.grading_input` reads the key (an
answers file or a stored result) and the trainees' answers files.
Definitions: docs/trainers.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from branchcheck.core.model import (
    Answer,
    AnswerValue,
    Checklist,
    Item,
    ItemResult,
    Scale,
    Score,
    Status,
)
from branchcheck.core.scoring import score
from branchcheck.training.agreement import (
    Kappa,
    cohen_kappa,
    fleiss_kappa,
    weighted_kappa,
    with_warning,
)

CHECK_CATEGORIES: tuple[Status, ...] = ("pass", "fail", "na")
"""Categories of Cohen's kappa on check items."""
STATUS_CATEGORIES: tuple[Status, ...] = ("pass", "partial", "fail", "na")
"""Categories of Fleiss' kappa on choice and metric items (by status)."""
MIN_KAPPA_N = 10
"""Fewer items than this and a kappa is reported as a warning, not a number."""
FEW_ITEMS = "fewer than 10 items"
ONE_CATEGORY = "the key uses one category only"
TRAINEE_ONE_CATEGORY = "the trainee used one category only"
WIDE_SCALE = 11
"""A scale of more points than this is wide (0-100): exact and within-k agreement lead."""


def tolerance(scale: Scale | None) -> int:
    """How far a scale answer may be from the key's and still count as close: 1 point on
    a scale of up to :data:`WIDE_SCALE` points, else 5 % of its range (at least 1), so
    ±5 on a 0-100 scale (a one-point slip there is not a disagreement worth a kappa)."""
    if scale is None or scale.max - scale.min + 1 <= WIDE_SCALE:
        return 1
    return max(1, round((scale.max - scale.min) * 0.05))


@dataclass(frozen=True)
class Rater:
    """One set of answers (the key or a trainee's), scored."""

    name: str
    file: str
    answers: Mapping[str, Answer]
    score: Score
    blank: tuple[str, ...] = ()


@dataclass(frozen=True)
class Miss:
    """An item whose status differs from the key's."""

    item: str
    key_status: Status
    status: Status
    key_value: AnswerValue | None
    value: AnswerValue | None


@dataclass(frozen=True)
class TraineeGrade:
    """How one trainee compares with the key."""

    rater: Rater
    agreed: int
    compared: int
    scale_mad: float | None
    scale_pairs: int
    wrong: tuple[Miss, ...]
    kappa: Kappa
    weighted: tuple[tuple[str, Kappa], ...]
    scale_exact: int = 0
    """Scale items answered with the key's value."""
    scale_adjacent: int = 0
    """Scale items answered within :func:`tolerance` of the key's value (exact included)."""
    scale_tolerance: tuple[int, ...] = (1,)
    """The tolerances used (one per distinct scale width): ``(1,)``, ``(5,)``..."""
    wide_scales: tuple[str, ...] = ()
    """Ids of the wide scales (more than :data:`WIDE_SCALE` points) compared."""

    @property
    def agreement(self) -> float | None:
        """Share of compared items with the key's status (None if nothing compared)."""
        return self.agreed / self.compared if self.compared else None


@dataclass(frozen=True)
class ItemStat:
    """How the class answered one item."""

    item: Item
    section: str
    key_status: Status
    key_value: AnswerValue | None
    agreed: int
    total: int
    counts: tuple[tuple[Status, int], ...]
    wrong_by: tuple[str, ...]
    values: tuple[tuple[AnswerValue, int], ...] = ()
    """Scale items: how many trainees gave each value (statuses such as N/A stay in counts)."""

    @property
    def share(self) -> float | None:
        """Share of trainees who agreed with the key."""
        return self.agreed / self.total if self.total else None


@dataclass(frozen=True)
class ClassGrade:
    """The graded class."""

    checklist: Checklist
    key: Rater
    trainees: tuple[TraineeGrade, ...]
    items: tuple[ItemStat, ...]
    fleiss: tuple[FleissGroup, ...]
    no_key: tuple[str, ...]


@dataclass(frozen=True)
class FleissGroup:
    """Fleiss' kappa over the items of one kind (one category set): check items, the
    items of one scale, or choice and metric items by status."""

    kind: str
    kappa: Kappa
    excluded: int


def rater(checklist: Checklist, name: str, file: str, answers: Mapping[str, Answer],
          blank: Sequence[str] = ()) -> Rater:
    """Score ``answers`` into a :class:`Rater`."""
    return Rater(name, file, dict(answers), score(checklist, answers), tuple(blank))


def compared_items(key: Rater) -> list[ItemResult]:
    """Items graded: applicable in the key, not free text, and answered by the key."""
    return [i for i in key.score.items
            if i.applicable and i.type != "text" and i.status != "skipped"]


def _number(value: AnswerValue | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def grade_trainee(checklist: Checklist, key: Rater, trainee: Rater) -> TraineeGrade:
    """Agreement, misses and kappas of one trainee against the key."""
    index = checklist.item_index()
    mine = {i.id: i for i in trainee.score.items}
    agreed = exact = adjacent = 0
    wrong: list[Miss] = []
    diffs: list[int] = []
    check_pairs: list[tuple[Status, Status]] = []
    scale_pairs: dict[str, list[tuple[int, int]]] = {}
    scales: dict[str, Scale] = {}
    items = compared_items(key)
    for k in items:
        t = mine[k.id]
        a, b = _number(k.value), _number(t.value)
        both = k.type == "scale" and a is not None and b is not None
        if (a == b) if both else (t.status == k.status):  # scales agree by value
            agreed += 1
        else:
            wrong.append(Miss(k.id, k.status, t.status, k.value, t.value))
        if k.type == "check" and t.status in CHECK_CATEGORIES and k.status in CHECK_CATEGORIES:
            check_pairs.append((k.status, t.status))
        if both and a is not None and b is not None:
            scale = index[k.id].scale
            exact += a == b
            adjacent += abs(a - b) <= tolerance(scale)
            diffs.append(abs(a - b))
            if scale is not None:
                scales[scale.id] = scale
                scale_pairs.setdefault(scale.id, []).append((a, b))
    weighted = [
        (sid, degenerate(weighted_kappa(pairs, range(scales[sid].min, scales[sid].max + 1)),
                         {x for x, _ in pairs}, {y for _, y in pairs}))
        for sid, pairs in scale_pairs.items()
    ]
    tolerances = tuple(sorted({tolerance(s) for s in scales.values()})) or (1,)
    wide = tuple(sid for sid, s in scales.items() if s.max - s.min + 1 > WIDE_SCALE)
    return TraineeGrade(
        rater=trainee, agreed=agreed, compared=len(items),
        scale_mad=sum(diffs) / len(diffs) if diffs else None, scale_pairs=len(diffs),
        wrong=tuple(wrong), kappa=_check_kappa(check_pairs, any(k.type == "check" for k in items)),
        weighted=tuple(weighted), scale_exact=exact, scale_adjacent=adjacent,
        scale_tolerance=tolerances, wide_scales=wide,
    )


def degenerate(k: Kappa, key_categories: set[object],
               trainee_categories: set[object] | None = None) -> Kappa:
    """``k`` with a warning where it says nothing: fewer than :data:`MIN_KAPPA_N` items,
    or a key or a trainee that uses one category only (kappa is then 0 or undefined by
    construction, and its standard error 0: an interval would read as certainty)."""
    if not k.defined and k.reason:
        return k
    if len(key_categories) < 2:
        return with_warning(k, ONE_CATEGORY)
    if trainee_categories is not None and len(trainee_categories) < 2:
        return with_warning(k, TRAINEE_ONE_CATEGORY)
    if k.n < MIN_KAPPA_N:
        return with_warning(k, FEW_ITEMS)
    return k


def _check_kappa(pairs: list[tuple[Status, Status]], any_check: bool) -> Kappa:
    if pairs:
        return degenerate(cohen_kappa(pairs, CHECK_CATEGORIES), {a for a, _ in pairs},
                          {b for _, b in pairs})
    why = "check items left blank" if any_check else "no check items are graded"
    return Kappa(None, None, None, 0, why)


def grade(checklist: Checklist, key: Rater, trainees: Sequence[Rater]) -> ClassGrade:
    """Grade every trainee against ``key``, and the class item by item."""
    graded = sorted((grade_trainee(checklist, key, t) for t in trainees),
                    key=lambda g: (-1.0 if g.agreement is None else g.agreement, g.rater.name))
    index = checklist.item_index()
    section_of = {i.id: s.id for s, i in checklist.items()}
    by_trainee = [{i.id: i for i in t.score.items} for t in trainees]
    stats: list[ItemStat] = []
    groups: dict[str, tuple[list[object], list[list[int]], list[int]]] = {}
    items = compared_items(key)
    for k in items:
        answers = [m[k.id] for m in by_trainee]
        statuses = [a.status for a in answers]
        numbers = [_number(a.value) for a in answers]
        key_number = _number(k.value)
        scale = index[k.id].scale if k.type == "scale" else None
        if scale is not None and key_number is not None:
            wrong_by = tuple(t.name for t, x in zip(trainees, numbers, strict=True)
                             if x != key_number)
            values = tuple((v, numbers.count(v)) for v in range(scale.max, scale.min - 1, -1)
                           if numbers.count(v))
            others = [s for s, x in zip(statuses, numbers, strict=True) if x is None]
        else:
            wrong_by = tuple(t.name for t, s in zip(trainees, statuses, strict=True)
                             if s != k.status)
            values, others = (), statuses
        counts = tuple((s, others.count(s)) for s in (*STATUS_CATEGORIES, "skipped")
                       if others.count(s))
        stats.append(ItemStat(index[k.id], section_of[k.id], k.status, k.value,
                              len(statuses) - len(wrong_by), len(statuses), counts, wrong_by,
                              values))
        _fleiss_row(groups, k.type, scale, statuses, numbers)
    position = {k.id: n for n, k in enumerate(items)}
    stats.sort(key=lambda s: (1.0 if s.share is None else s.share, position[s.item.id]))
    no_key = tuple(i.id for i in key.score.items
                   if i.applicable and i.type != "text" and i.status == "skipped")
    fleiss = tuple(
        FleissGroup(kind, fleiss_kappa(rows) if rows else Kappa(
            None, None, None, 0, "no item answered by every trainee"), len(left))
        for kind, (_, rows, left) in groups.items())
    return ClassGrade(checklist, key, tuple(graded), tuple(stats), fleiss, no_key)


def _fleiss_row(groups: dict[str, tuple[list[object], list[list[int]], list[int]]],
                kind: str, scale: Scale | None, statuses: Sequence[Status],
                numbers: Sequence[int | None]) -> None:
    """Add one item's answers to the Fleiss group of its category set: check items
    (pass, fail, N/A), each scale (its points and N/A), other items (by status)."""
    answers: list[object]
    if kind == "check":
        name, cats = "check", list[object](CHECK_CATEGORIES)
        answers = list(statuses)
    elif scale is not None:
        name = f"scale:{scale.id}"
        cats = [*range(scale.min, scale.max + 1), "na"]
        answers = [x if x is not None else s for x, s in zip(numbers, statuses, strict=True)]
    else:
        name, cats = "other", list[object](STATUS_CATEGORIES)
        answers = list(statuses)
    _, rows, left = groups.setdefault(name, (cats, [], []))
    if all(a in cats for a in answers):
        rows.append([answers.count(c) for c in cats])
    else:
        left.append(1)
