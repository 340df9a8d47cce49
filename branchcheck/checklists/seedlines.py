"""The structure of a seed's text that a source quote must not cross.

Some seeds were extracted from slides and print every line twice in a row
(``询问客户想法。询问客户想法。3.3.回形针策略。回形针策略。``). In such a seed
(most of its text doubled) a line ends where its repeat ends: a list label or
a table cell may end there too, and the text cannot tell which. Every seed
also numbers its lists (``3.``, ``(1)``) and may separate labels with a full
stop between Chinese characters (``功能维护.心理维护``). :func:`parse` finds
these places once per seed; :func:`straddle` says where a quote crosses one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from branchcheck.core.i18n import t, ui

MAX_LINE = 120
"""Longest line (characters) looked for when a seed repeats its lines."""
DOUBLED_SHARE = 0.5
"""A seed whose repeated lines cover more than this share of its text repeats its lines."""
LABEL_ENDS = frozenset("。．.、;；:：")
"""Punctuation a list label or table cell may start after or end before."""
_LIST_NUMBER = re.compile(
    r"[(（]\d{1,2}[)）]|(?<![\d.．])(?P<n>\d{1,2}[.．、])(?P=n)?(?!\d)")
"""A list number (``3.``, ``3、``, ``(1)``), printed twice in a seed that repeats its lines."""
_SEPARATOR = re.compile(r"(?<=[^\x00-\x7f])\.(?=[^\x00-\x7f])")


@dataclass(frozen=True)
class SeedText:
    """A seed's whitespace-free text and the places a quote must respect."""

    text: str
    doubled: bool
    """Whether the seed prints each line twice."""
    line_breaks: frozenset[int]
    """Offsets where a repeated line starts or ends (crossed only where a quote marks it)."""
    repeats: frozenset[int]
    """Offsets between a line and its repeat (never crossed)."""
    numbers: tuple[tuple[int, int], ...]
    """Spans of list numbers (``3.``, ``(1)``)."""
    separators: frozenset[int]
    """Offsets of a full stop between two labels."""
    edges: frozenset[int]
    """Offsets where a whole label may start or end."""


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, length)`` of every line printed twice in a row, left to right, the
    longest repeat first at each offset."""
    where: dict[str, list[int]] = {}
    for k, ch in enumerate(text):
        where.setdefault(ch, []).append(k)
    found: list[tuple[int, int]] = []
    n, i = len(text), 0
    while i < n:
        same = where[text[i]]
        hi = bisect.bisect_right(same, min(i + MAX_LINE, i + (n - i) // 2))
        lo = bisect.bisect_right(same, i)
        for j in reversed(same[lo:hi]):
            size = j - i
            if text[i:j] == text[j:j + size]:
                found.append((i, size))
                i += 2 * size
                break
        else:
            i += 1
    return found


def parse(text: str) -> SeedText:
    """The structure of the whitespace-free seed ``text``."""
    n = len(text)
    lines = _lines(text)
    covered = sum(2 * size for _, size in lines if size > 1)
    doubled = n > 0 and covered > DOUBLED_SHARE * n
    breaks: set[int] = set()
    repeats: set[int] = set()
    if doubled:
        for start, size in lines:
            breaks.update((start, start + 2 * size))
            repeats.add(start + size)
        breaks.difference_update((0, n))
    numbers = tuple((m.start(), m.end()) for m in _LIST_NUMBER.finditer(text))
    separators = frozenset(m.start() for m in _SEPARATOR.finditer(text))
    edges = {0, n} | breaks | repeats
    for start, end in numbers:
        edges.update((start, end))
    edges.update(k for k, ch in enumerate(text) if ch in LABEL_ENDS)
    edges.update(k + 1 for k, ch in enumerate(text) if ch in LABEL_ENDS)
    return SeedText(text, doubled, frozenset(breaks), frozenset(repeats), numbers,
                    separators, frozenset(edges))


def _inside(points: frozenset[int] | set[int], a: int, b: int) -> list[int]:
    return sorted(p for p in points if a < p < b)


def straddle(seed: SeedText, start: int, quote: str,
             marks: frozenset[int]) -> tuple[str, str] | None:
    """``(rule, message)`` when the quote found at ``start`` crosses a boundary of the
    seed, else None. ``marks`` are the offsets in the quote where its author marked a
    line break inside one label (``|``)."""
    end = start + len(quote)
    text = seed.text
    lang = ui()
    lead = start
    for a, b in seed.numbers:  # list numbers may lead the quote ("3.回形针策略")
        if a <= lead < b:
            lead = b
    for a, b in seed.numbers:
        if lead <= a < end:
            return ("source-straddles", t(
                lang, f"越过了编号为 {text[a:b]!r} 的列表项：只引一个列表项（可以带上它的编号）",
                f"runs into the list item numbered {text[a:b]!r}: quote one list item "
                "(its number may lead the quote)"))
    for p in _inside(seed.separators, start, end - 1):
        return ("source-straddles", t(
            lang, f"越过了标签 {text[start:p]!r} 和 {text[p + 1:end]!r} 之间的句号：只引一个标签",
            f"runs across the full stop between the labels {text[start:p]!r} and "
            f"{text[p + 1:end]!r}: quote one label"))
    for p in _inside(seed.repeats, start, end):
        return ("source-straddles", t(
            lang, f"从出处文件的一行跨进了它在 {text[start:p]!r} 之后的重复"
                  "（抽取的文本每行印两遍）：只引其中一份",
            f"runs from a line of the seed into its repeat after {text[start:p]!r} "
            "(the extracted text prints each line twice): quote one copy"))
    found = set(_inside(seed.line_breaks, lead, end))
    wanted = {start + k for k in marks}
    for p in sorted(wanted - found):
        return ("source-join", t(
            lang, f"在 {text[start:p]!r} 之后有 '|'，但出处文件在那里没有换行",
            f"has '|' after {text[start:p]!r}, but the seed does not break a line there"))
    for p in sorted(found - wanted):
        return ("source-straddles", t(
            lang, f"越过了出处文件在 {text[start:p]!r} 之后的换行；该文件每行印两遍，列表标签或"
                  "表格单元格可能在那里结束：只引一个标签，或用 '|' 标出同一标签内的换行",
            f"runs across a line break of the seed after {text[start:p]!r}; the seed "
            "prints each line twice, and a list label or table cell may end there: quote "
            "one label, or mark a line break inside one label with '|'"))
    return None


def is_label(seed: SeedText, start: int, length: int) -> bool:
    """Whether ``length`` characters at ``start`` are a whole label: a list item or table
    cell, beginning and ending where a label may."""
    return start in seed.edges and start + length in seed.edges
