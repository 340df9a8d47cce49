"""Importance-performance analysis (IPA): pure functions, no I/O.

Points come from items (or sections) that carry ``ipa`` figures in a
checklist; for a stored result the performance figure comes from the answer.
The crosshair splits them into four quadrants; see docs/trainers.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from branchcheck.model import Checklist, Result, Text

Quadrant = Literal["concentrate", "keep-up", "low-priority", "overkill"]
QUADRANTS: tuple[Quadrant, ...] = ("concentrate", "keep-up", "low-priority", "overkill")
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


@dataclass(frozen=True)
class Placed:
    """A plotted point: its legend number, quadrant and priority gap."""

    number: int
    point: Point
    quadrant: Quadrant

    @property
    def gap(self) -> float:
        """Importance minus performance: the priority inside a quadrant (largest first)."""
        return self.point.importance - self.point.performance


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

    def quadrant(self, name: Quadrant) -> tuple[Placed, ...]:
        """Points of one quadrant, highest priority first."""
        return tuple(p for p in self.ranked() if p.quadrant == name)

    def ranked(self) -> tuple[Placed, ...]:
        """All points by quadrant order, then priority (gap descending, importance
        descending, legend number)."""
        order = {q: k for k, q in enumerate(QUADRANTS)}
        return tuple(sorted(self.points, key=lambda p: (
            order[p.quadrant], -p.gap, -p.point.importance, p.number)))


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


def quadrant_of(importance: float, performance: float, i_cut: float, p_cut: float) -> Quadrant:
    """Quadrant of a point; a figure equal to the cut counts as high."""
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
    i_cut, i_rng = cut(imp, method)
    p_cut, p_rng = cut(perf, method, declared)
    placed = tuple(
        Placed(k, p, quadrant_of(p.importance, p.performance, i_cut, p_cut))
        for k, p in enumerate(points, 1)
    )
    return Analysis(placed, i_cut, p_cut, method, tuple(missing), i_rng, p_rng)


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
                _sort(points, missing, s.id, s.title, s.ipa.importance, s.ipa.performance,
                      None)
        return points, missing
    for section, i in checklist.items():
        if i.ipa is None:
            continue
        rng = _metric_range(i.min, i.max) if i.type == "metric" else None
        _sort(points, missing, i.id, i.text, i.ipa.importance, i.ipa.performance, rng,
              (section.id, section.title))
    return points, missing


def from_result(result: Result, checklist: Checklist, level: Level = "item"
                ) -> tuple[list[Point], list[Missing]]:
    """Points of a stored result: importance from the checklist's ``ipa``,
    performance from the answer (a metric's value, else fraction x 100) or, for
    sections, the section's raw score."""
    points: list[Point] = []
    missing: list[Missing] = []
    if level == "section":
        scores = {s.id: s for s in result.score.sections}
        for section in checklist.sections:
            if section.ipa is None:
                continue
            ss = scores.get(section.id)
            _sort(points, missing, section.id, section.title, section.ipa.importance,
                  ss.raw if ss is not None else None, (0.0, 100.0))
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
        _sort(points, missing, item.id, item.text, item.ipa.importance, perf, rng,
              (section.id, section.title))
    return points, missing


def _sort(points: list[Point], missing: list[Missing], uid: str, text: Text,
          importance: float | None, performance: float | None,
          rng: tuple[float, float] | None,
          group: tuple[str, Text] | None = None) -> None:
    gid, gtext = group if group is not None else (None, None)
    if importance is None:
        missing.append(Missing(uid, text, "no-importance", None, performance, gid, gtext))
    elif performance is None:
        missing.append(Missing(uid, text, "no-performance", importance, None, gid, gtext))
    else:
        points.append(Point(uid, text, float(importance), float(performance), rng, gid, gtext))
