"""Importance-performance analysis (IPA): pure functions, no I/O.

Points come from items (or sections) that carry ``ipa`` figures in a
checklist; for a stored result the performance figure comes from the answer.
The crosshair splits them into four quadrants; importance given as a rank is
split at the median rank, and a point exactly on it is "on the line", in no
quadrant. Within a quadrant points are ordered by importance (descending),
then performance (ascending): no "importance minus performance" gap is
computed, as the two axes are seldom on one scale. See docs/trainers.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from branchcheck.core.model import Checklist, Result, Text

Quadrant = Literal["concentrate", "keep-up", "low-priority", "overkill", "on-the-line"]
QUADRANTS: tuple[Quadrant, ...] = ("concentrate", "keep-up", "low-priority", "overkill",
                                   "on-the-line")
"""The four quadrants, then the ranks exactly on the median ("on the line")."""
Crosshair = Literal["mean", "median", "scale-mid"]
CROSSHAIRS: tuple[Crosshair, ...] = ("mean", "median", "scale-mid")
Level = Literal["item", "section"]

STANDARD_RANGES: tuple[tuple[float, float], ...] = (
    (0, 1), (1, 5), (1, 7), (0, 10), (0, 100),
)
"""Ranges tried in order by ``--crosshair scale-mid`` when none is declared."""


@dataclass(frozen=True)
class Point:
    """An item or section with both figures."""

    id: str
    text: Text
    importance: float
    performance: float
    performance_range: tuple[float, float] | None = None
    group: str | None = None
    """For an item: the id of its section (the factor it belongs to)."""
    group_text: Text | None = None
    """For an item: the title of its section."""
    rank: int | None = None
    """Importance as a rank (1 = most important); ``importance`` is then ``-rank``."""


@dataclass(frozen=True)
class Missing:
    """An item or section left out of the plot, and why."""

    id: str
    text: Text
    reason: Literal["no-importance", "no-performance"]
    importance: float | None = None
    performance: float | None = None
    group: str | None = None
    group_text: Text | None = None
    rank: int | None = None
    """Importance as a rank (``importance`` is then ``-rank``)."""


@dataclass(frozen=True)
class Placed:
    """A plotted point: its legend number and quadrant."""

    number: int
    point: Point
    quadrant: Quadrant


@dataclass(frozen=True)
class Analysis:
    """The outcome of an importance-performance analysis."""

    points: tuple[Placed, ...]
    importance_cut: float
    performance_cut: float
    crosshair: Crosshair
    missing: tuple[Missing, ...] = ()
    importance_range: tuple[float, float] | None = None
    performance_range: tuple[float, float] | None = None
    ordinal: bool = False
    """Importance is a rank (split at the median rank, ties "on the line")."""

    def quadrant(self, name: Quadrant) -> tuple[Placed, ...]:
        """Points of one quadrant, highest priority first."""
        return tuple(p for p in self.ranked() if p.quadrant == name)

    def used(self) -> tuple[Quadrant, ...]:
        """The four quadrants, and "on the line" when a point is on it."""
        return tuple(q for q in QUADRANTS if q != "on-the-line" or self.quadrant(q))

    def ranked(self) -> tuple[Placed, ...]:
        """All points by quadrant order, then priority: importance descending, then
        performance ascending (the less satisfied first), then legend number."""
        order = {q: k for k, q in enumerate(QUADRANTS)}
        return tuple(sorted(self.points, key=lambda p: (
            order[p.quadrant], -p.point.importance, p.point.performance, p.number)))


def possible_range(values: Sequence[float]) -> tuple[float, float]:
    """The first standard range (0-1, 1-5, 1-7, 0-10, 0-100) holding every value,
    else the values' own min-max."""
    lo, hi = min(values), max(values)
    for a, b in STANDARD_RANGES:
        if a <= lo and hi <= b:
            return (a, b)
    return (lo, hi)


def cut(values: Sequence[float], method: Crosshair,
        declared: tuple[float, float] | None = None) -> tuple[float, tuple[float, float] | None]:
    """Crosshair position on one axis, and the range used for ``scale-mid`` (else None)."""
    if method == "mean":
        return statistics.fmean(values), None
    if method == "median":
        return float(statistics.median(values)), None
    rng = declared or possible_range(values)
    return (rng[0] + rng[1]) / 2, rng


def quadrant_of(importance: float, performance: float, i_cut: float, p_cut: float,
                ordinal: bool = False) -> Quadrant:
    """Quadrant of a point; a figure equal to the cut counts as high, except a rank
    equal to the median rank, which is "on the line"."""
    if ordinal and importance == i_cut:
        return "on-the-line"
    high_i = importance >= i_cut
    high_p = performance >= p_cut
    if high_i:
        return "keep-up" if high_p else "concentrate"
    return "overkill" if high_p else "low-priority"


def analyse(points: Sequence[Point], missing: Sequence[Missing] = (), *,
            method: Crosshair = "mean") -> Analysis:
    """Place ``points`` (numbered 1.. in the given order) in quadrants.

    ``scale-mid`` uses the performance range the points declare when they all
    declare the same one (a metric's ``min``/``max``), else :func:`possible_range`.
    """
    if not points:
        raise ValueError("no points to analyse")
    imp = [p.importance for p in points]
    perf = [p.performance for p in points]
    ranges = {p.performance_range for p in points}
    declared = next(iter(ranges)) if len(ranges) == 1 else None
    ordinal = all(p.rank is not None for p in points)
    if ordinal:  # ranks are ranks: a median split, whatever the crosshair of performance
        i_cut, i_rng = float(statistics.median(imp)), None
    else:
        i_cut, i_rng = cut(imp, method)
    p_cut, p_rng = cut(perf, method, declared)
    placed = tuple(
        Placed(k, p, quadrant_of(p.importance, p.performance, i_cut, p_cut, ordinal))
        for k, p in enumerate(points, 1)
    )
    return Analysis(placed, i_cut, p_cut, method, tuple(missing), i_rng, p_rng, ordinal)


# ---------------------------------------------------------------- data sources


def _metric_range(lo: float | None, hi: float | None) -> tuple[float, float] | None:
    return (float(lo), float(hi)) if lo is not None and hi is not None else None


def from_checklist(checklist: Checklist, level: Level = "item"
                   ) -> tuple[list[Point], list[Missing]]:
    """Points from the ``ipa`` figures of a checklist's items (or sections)."""
    points: list[Point] = []
    missing: list[Missing] = []
    if level == "section":
        for s in checklist.sections:
            if s.ipa is not None:
                _sort(points, missing, s.id, s.title, _importance(s.ipa.importance, s.ipa.rank),
                      s.ipa.performance, None, rank=s.ipa.rank)
        return points, missing
    for section, i in checklist.items():
        if i.ipa is None:
            continue
        rng = _metric_range(i.min, i.max) if i.type == "metric" else None
        _sort(points, missing, i.id, i.text, _importance(i.ipa.importance, i.ipa.rank),
              i.ipa.performance, rng, (section.id, section.title), rank=i.ipa.rank)
    return points, missing


def _importance(importance: float | None, rank: int | None) -> float | None:
    """The importance axis: the figure, or minus the rank (so higher is more important)."""
    return -float(rank) if rank is not None else importance


def from_result(result: Result, checklist: Checklist, level: Level = "item"
                ) -> tuple[list[Point], list[Missing]]:
    """Points of a stored result: importance from the checklist's ``ipa``,
    performance from the answer (a metric's value, else fraction x 100). A
    section's (factor's) performance is this result's own: its raw score, the
    weighted mean of its answered items' fraction x 100 (in the survey exercise,
    the sub-factors' satisfied shares weighted by their importance scores). The
    checklist's own section figures are the exercise's data, never this result's."""
    points: list[Point] = []
    missing: list[Missing] = []
    if level == "section":
        scores = {s.id: s for s in result.score.sections}
        for section in checklist.sections:
            if section.ipa is None:
                continue
            ss = scores.get(section.id)
            figure = ss.raw if ss is not None else None
            _sort(points, missing, section.id, section.title,
                  _importance(section.ipa.importance, section.ipa.rank), figure,
                  (0.0, 100.0), rank=section.ipa.rank)
        return points, missing
    index = checklist.item_index()
    answered = {it.id: it for it in result.score.items}
    for section, item in checklist.items():
        if item.ipa is None:
            continue
        it = answered.get(item.id)
        perf: float | None = None
        rng: tuple[float, float] | None = (0.0, 100.0)
        if it is not None and it.status not in ("na", "skipped"):
            if item.type == "metric" and isinstance(it.value, (int, float)):
                perf = float(it.value)
                rng = _metric_range(index[item.id].min, index[item.id].max)
            elif it.fraction is not None:
                perf = 100.0 * it.fraction
        _sort(points, missing, item.id, item.text, _importance(item.ipa.importance,
              item.ipa.rank), perf, rng, (section.id, section.title), rank=item.ipa.rank)
    return points, missing


def _sort(points: list[Point], missing: list[Missing], uid: str, text: Text,
          importance: float | None, performance: float | None,
          rng: tuple[float, float] | None,
          group: tuple[str, Text] | None = None, *, rank: int | None = None) -> None:
    gid, gtext = group if group is not None else (None, None)
    if importance is None:
        missing.append(Missing(uid, text, "no-importance", None, performance, gid, gtext))
    elif performance is None:
        missing.append(Missing(uid, text, "no-performance", importance, None, gid, gtext,
                               rank))
    else:
        points.append(Point(uid, text, float(importance), float(performance), rng, gid, gtext,
                            rank))
