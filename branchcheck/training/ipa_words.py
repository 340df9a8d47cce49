"""Words and figures every IPA report format shares: quadrant names and meanings,
numbers, importance (or rank), and point labels without their shared wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from branchcheck.core.i18n import t
from branchcheck.core.model import localise
from branchcheck.training.ipa import Analysis, Placed, Quadrant

K = TypeVar("K")

_NAMES: dict[Quadrant, tuple[str, str, str, str]] = {
    # zh, en, zh meaning, en meaning
    "concentrate": ("重点改进", "Concentrate here", "重要性高、表现低：优先改进",
                    "high importance, low performance: improve first"),
    "keep-up": ("继续保持", "Keep up the good work", "重要性高、表现高",
                "high importance, high performance"),
    "low-priority": ("次要改进", "Low priority", "重要性低、表现低：资源允许时改进",
                     "low importance, low performance: improve when resources allow"),
    "overkill": ("可能过度投入", "Possible overkill", "重要性低、表现高：可调出资源",
                 "low importance, high performance: resources could go elsewhere"),
    "on-the-line": ("在分界线上", "On the line", "重要性排名恰为中位数：不归入任何象限，单独判断",
                    "importance rank exactly at the median: in no quadrant, judge it apart"),
}


@dataclass(frozen=True)
class Meta:
    """What was analysed, for the report header; ``factors`` is the section-level
    analysis shown next to an item-level one (None if the sections carry no figures)."""

    title: str
    source: str
    level: str
    factors: Analysis | None = None
    factor_data: str = ""
    """Where the factors' (sections') performance figures come from, in the UI language:
    the exercise's data given in the checklist, or derived from a result's answers."""
    factor_tag: str = ""
    """The same in two or three words, for the conclusion (练习数据 / 本结果数据)."""


def quadrant_name(q: Quadrant, lang: str) -> str:
    """Display name of a quadrant."""
    return t(lang, _NAMES[q][0], _NAMES[q][1])


def quadrant_meaning(q: Quadrant, lang: str) -> str:
    """What a quadrant means."""
    return t(lang, _NAMES[q][2], _NAMES[q][3])


def num(x: float) -> str:
    """A figure for display: whole numbers without decimals, else one decimal; beyond
    a million, four significant digits (``1.235e+07``), so labels fit the plot."""
    if abs(x) >= 1e7:
        return f"{x:.4g}"
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def imp(a: Analysis, x: float) -> str:
    """An importance figure, or a rank (``#2``) when importance is given as a rank."""
    if a.ordinal:
        return f"#{num(-x)}"
    return num(x)


def point_label(p: Placed, lang: str) -> str:
    return localise(p.point.text, lang) or p.point.id


_CUT = frozenset(":：“”\"'‘’(（)）-—,，")


def _common(texts: list[str]) -> str:
    first = texts[0]
    n = 0
    while n < len(first) and all(len(x) > n and x[n] == first[n] for x in texts):
        n += 1
    return first[:n]


def trim_shared(full: dict[K, str]) -> dict[K, str]:
    """Labels without the wording all of them share (``Respondents satisfied with:
    system stability`` -> ``system stability``), cut only at punctuation (a shared
    ``a company`` stays: it is part of the wording, not a heading);
    unchanged for fewer than three labels or if a label would become empty."""
    texts = list(full.values())
    if len(texts) < 3:
        return dict(full)
    prefix = _common(texts)
    while prefix and prefix[-1] not in _CUT:
        prefix = prefix[:-1]
    suffix = _common([x[::-1] for x in texts])[::-1]
    while suffix and suffix[0] not in _CUT:
        suffix = suffix[1:]
    short = {n: x[len(prefix):len(x) - len(suffix)].strip() for n, x in full.items()}
    return dict(full) if any(not v for v in short.values()) else short


def short_labels(a: Analysis, lang: str) -> dict[int, str]:
    """The points' labels by number, without the wording every label shares."""
    return trim_shared({p.number: point_label(p, lang) for p in a.points})
