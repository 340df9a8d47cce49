"""Who did a check (检查来源): the outlet itself or an independent checker.

Every result records its ``source``; results stored before sources existed read
as ``self``. Independent sources may name the inspecting unit
(``inspector_unit``, an id of the organisation directory).
"""

from __future__ import annotations

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.core.places import BRANCH_ID as UNIT_ID

SELF = "self"
SOURCES: tuple[str, ...] = (SELF, "sub-branch", "branch", "head-office", "mystery-shopper",
                            "third-party")
"""Every source, in the order of the glossary; the words stored in files and printed
in machine formats."""
INDEPENDENT: tuple[str, ...] = SOURCES[1:]
"""The sources other than the outlet's own self-check."""

_LABELS: dict[str, tuple[str, str]] = {
    SELF: ("自查", "self-check"),
    "sub-branch": ("支行检查", "sub-branch inspection"),
    "branch": ("分行检查", "branch inspection"),
    "head-office": ("总行检查", "head-office inspection"),
    "mystery-shopper": ("神秘人暗访", "mystery shopper"),
    "third-party": ("第三方", "third party"),
}


def label(source: str, lang: str) -> str:
    """The source as people read it in ``lang`` (an unknown word is shown as it is)."""
    zh, en = _LABELS.get(source, (source, source))
    return t(lang, zh, en)


def described(source: str, inspector_unit: str | None, lang: str) -> str:
    """``支行检查（S01）`` / ``sub-branch inspection (S01)``; the label alone without a unit."""
    if not inspector_unit:
        return label(source, lang)
    return label(source, lang) + t(lang, f"（{inspector_unit}）", f" ({inspector_unit})")


def check_source(source: str, inspector_unit: str | None, lang: str = "en") -> None:
    """Refuse (exit 2) an unknown source, an inspector unit on a self-check, or an
    inspector unit that is not a unit id (the directory's id pattern)."""
    if source not in SOURCES:
        raise UsageError(t(lang, f"--source 应为 {'|'.join(SOURCES)} 之一，而不是 {source!r}",
                           f"--source must be one of {'|'.join(SOURCES)}, not {source!r}"))
    if inspector_unit is not None and source == SELF:
        raise UsageError(t(lang, "--inspector-unit 只用于独立检查（--source 不是 self）",
                           "--inspector-unit is for independent checks only (a --source "
                           "other than self)"))
    if inspector_unit is not None and not (isinstance(inspector_unit, str)
                                           and UNIT_ID.fullmatch(inspector_unit)):
        raise UsageError(t(lang, f"检查单位编号 {inspector_unit!r} 无效：只能用 1-64 个字母、"
                                 "数字、'_' 或 '-'",
                           f"invalid inspector unit {inspector_unit!r}: use 1-64 letters, "
                           "digits, '_' or '-'"))


SOURCE_GROUPS: dict[str, tuple[str, ...]] = {
    "self": (SELF,),
    "inspection": ("sub-branch", "branch", "head-office"),
    "shopper": ("mystery-shopper", "third-party"),
    "independent": INDEPENDENT,
}
"""The words ``--source`` takes on the views, besides each source and ``all``: the
outlet's own checks; the bank's inspections (支行/分行/总行检查); mystery-shopper
visits, the bank's or a third party's (暗访); every check but a self-check."""
FILTER_WORDS: tuple[str, ...] = ("all", *SOURCE_GROUPS,
                                 *(s for s in SOURCES if s not in SOURCE_GROUPS))


def source_filter(word: str | None, lang: str = "en") -> tuple[str, ...] | None:
    """The sources a view's ``--source WORD`` keeps (None: every result, ``all``);
    exit 2 for a word that is neither a group nor a source."""
    if word is None or word == "all":
        return None
    if word in SOURCE_GROUPS:
        return SOURCE_GROUPS[word]
    if word in SOURCES:
        return (word,)
    raise UsageError(t(lang, f"--source 应为 {'|'.join(FILTER_WORDS)} 之一，而不是 {word!r}",
                       f"--source must be one of {'|'.join(FILTER_WORDS)}, not {word!r}"))


def filter_label(sources: tuple[str, ...] | None, lang: str) -> str | None:
    """A title's words for a source filter: ``自查`` / ``inspections``; None for all."""
    if sources is None:
        return None
    for word, members in SOURCE_GROUPS.items():
        if members == sources and word != "self":
            return t(lang, {"inspection": "检查（支行/分行/总行）", "shopper": "暗访",
                            "independent": "独立检查"}[word],
                     {"inspection": "inspections", "shopper": "shopper visits",
                      "independent": "independent checks"}[word])
    return "、".join(label(s, lang) for s in sources) if lang == "zh" else \
        ", ".join(label(s, lang) for s in sources)
