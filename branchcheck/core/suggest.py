"""Did you mean: the known names nearest to a mistyped one (ids of branches,
checklists, items), so a typo is an error that helps rather than an empty answer."""

from __future__ import annotations

from collections.abc import Iterable

from branchcheck.core.i18n import t


def near(word: str, known: Iterable[str], count: int = 3) -> list[str]:
    """Up to ``count`` of ``known`` closest to ``word`` (case ignored), best first."""
    import difflib

    names = sorted(set(known))
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(name.lower(), name)
    hits = difflib.get_close_matches(word.lower(), list(folded), n=count, cutoff=0.6)
    starts = [k for k in folded if word and k.startswith(word.lower()) and k not in hits]
    return [folded[k] for k in [*hits, *starts][:count]]


def did_you_mean(word: str, known: Iterable[str], lang: str) -> str:
    """``; did you mean X?`` (in the UI language) or ``""`` when nothing is near."""
    hits = near(word, known)
    if not hits:
        return ""
    return t(lang, f"；是不是 {'、'.join(hits)}？", f"; did you mean {', '.join(hits)}?")
