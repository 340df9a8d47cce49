"""When two names are the same person: one normal form for names where identity matters.

``wang``, ``Wang``, full-width ``ｗａｎｇ`` and ``wаng`` with a Cyrillic ``а`` look
alike to a trainer but are four different strings. :func:`identity` maps them
to one key: Unicode NFKC (full-width and compatibility forms), case folding,
and the Cyrillic and Greek letters that are drawn like Latin ones. It is for
comparing names, never for showing them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_LOOKALIKE = str.maketrans({
    # Cyrillic (after case folding)
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    # Greek (after case folding)
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ζ": "z",
    # invisible characters that change nothing on screen
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u00ad": None,
})


def identity(name: str) -> str:
    """The key two names share when they look like the same name."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return unicodedata.normalize("NFKC", folded.translate(_LOOKALIKE)).strip()


def lookalikes(names: Sequence[str]) -> list[list[int]]:
    """Groups (positions in ``names``, in order) of two or more names with one identity."""
    groups: dict[str, list[int]] = {}
    for n, name in enumerate(names):
        groups.setdefault(identity(name), []).append(n)
    return [g for g in groups.values() if len(g) > 1]
