"""The conclusion of an importance-performance analysis: what to improve first, and
why, in a short paragraph written from the data."""

from __future__ import annotations

from branchcheck.core.i18n import t
from branchcheck.core.model import localise
from branchcheck.training.ipa import QUADRANTS, Analysis, Quadrant
from branchcheck.training.ipa_words import imp, num, point_label, short_labels, trim_shared


def _how(method: str, lang: str) -> str:
    return {"mean": t(lang, "均值", "mean"), "median": t(lang, "中位数", "median"),
            "scale-mid": t(lang, "量程中点", "scale midpoint")}[method]


def _by_factor(a: Analysis, names: dict[int, str], lang: str) -> str:
    """The "concentrate here" items grouped by their section, in priority order."""
    if len({p.point.group for p in a.points}) < 2:  # one section: nothing to group
        return ""
    groups: dict[str, tuple[str, list[str]]] = {}
    for p in a.quadrant("concentrate"):
        if p.point.group is None:
            return ""
        title = localise(p.point.group_text, lang) or p.point.group
        groups.setdefault(p.point.group, (title, []))[1].append(names[p.number])
    if not groups:
        return ""
    zh = "；".join(f"{title}（{'、'.join(items)}）" for title, items in groups.values())
    en = "; ".join(f"{title} ({', '.join(items)})" for title, items in groups.values())
    return t(lang, f"按因素：{zh}。", f"By factor: {en}.")


def _factor_level(f: Analysis, lang: str, tag: str = "") -> str:
    """One sentence on the section-level analysis; ``tag`` says whose figures they are."""
    first = f.quadrant("concentrate")
    how = _how(f.crosshair, lang)
    data = t(lang, f"（{tag}）", f" ({tag})") if tag else ""
    if not first:
        return t(lang, f"从因素层面看{data}，没有重要性高而表现低的因素（以{how}为分界）。",
                 f"At the factor level{data}, no factor combines high importance with low "
                 f"performance (split at the {how}).")
    listed = [f"{point_label(p, lang)} ({imp(f, p.point.importance)}/{num(p.point.performance)})"
              for p in first]
    ci, cp = imp(f, f.importance_cut), num(f.performance_cut)
    if f.ordinal:
        line = [f"{point_label(p, lang)} ({imp(f, p.point.importance)})"
                for p in f.quadrant("on-the-line")]
        return t(lang,
                 f"从因素层面看（{tag + '；' if tag else ''}重要性为排名，以中位排名 {ci} 为界），"
                 f"应优先改进的因素是"
                 f"{'、'.join(listed)}：排名在中位之前，表现低于{how} {cp}。"
                 + (f"排名恰为中位数的{'、'.join(line)}不归入象限。" if line else ""),
                 f"At the factor level ({tag + '; ' if tag else ''}importance is a rank, split "
                 f"at the median rank {ci}), the factor{'s' if len(first) > 1 else ''} to "
                 "improve first: "
                 f"{'; '.join(listed)}, ranked above the median with performance below the "
                 f"{how} of {cp}."
                 + (f" {'; '.join(line)} sit{'s' if len(line) == 1 else ''} on the median "
                    "rank and in no quadrant." if line else ""))
    return t(lang,
             f"从因素层面看{data}，应优先改进的因素是{'、'.join(listed)}：重要性不低于{how} {ci}，"
             f"表现低于{how} {cp}。",
             f"At the factor level{data}, the factor{'s' if len(first) > 1 else ''} to improve "
             f"first: {'; '.join(listed)}, with importance at or above the {how} of {ci} "
             f"and performance below the {how} of {cp}.")


def _missing_note(a: Analysis, lang: str) -> str:
    """How many were not analysed, and which unplotted items still perform poorly."""
    n = len(a.missing)
    out = t(lang, f"另有 {n} 项缺少数据，未参与分析。",
            f"{n} item(s) lack a figure and are not analysed.")
    low = sorted((m for m in a.missing if m.reason == "no-importance"
                  and m.performance is not None and m.performance < a.performance_cut),
                 key=lambda m: (m.performance, m.id))
    if not low:
        return out
    names = trim_shared({m.id: localise(m.text, lang) or m.id for m in a.missing})
    listed = [f"{names[m.id]} ({num(m.performance)})" for m in low
              if m.performance is not None]
    cp, how = num(a.performance_cut), _how(a.crosshair, lang)
    return out + t(
        lang,
        f"其中{'；'.join(listed)}的表现低于{how} {cp}，但缺少重要性数据、无法定位："
        "值得进一步了解其重要性。",
        f" Of these, {'; '.join(listed)} perform below the {how} of {cp} but have no "
        "importance figure to place them: worth finding out how much they matter.")


def conclusion(a: Analysis, lang: str, factors: Analysis | None = None,
               factor_tag: str = "") -> str:
    """A short paragraph answering "what to improve first, and why", from the data;
    with ``factors`` (the section-level analysis) also which factor comes first, saying
    whose figures they are (``factor_tag``: exercise data, or this result's)."""
    ci, cp = imp(a, a.importance_cut), num(a.performance_cut)
    how = _how(a.crosshair, lang)

    names = short_labels(a, lang)

    def items(q: Quadrant) -> list[str]:
        return [f"{names[p.number]} ({imp(a, p.point.importance)}/{num(p.point.performance)})"
                for p in a.quadrant(q)]

    first, keep, low, over = (items(q) for q in QUADRANTS[:4])
    if a.ordinal:  # ranks split at the median rank, which itself is in no quadrant
        imp_zh = f"重要性排名在中位 {ci} 之前"
        imp_en = f"importance ranks above the median rank {ci}"
    else:
        imp_zh = f"重要性不低于{how} {ci}"
        imp_en = f"importance is at or above the {how} of {ci}"
    sep = t(lang, "；", "; ")
    parts: list[str] = []
    if first:
        top = a.quadrant("concentrate")[0]
        parts.append(t(
            lang,
            f"应优先改进（括号内为重要性/表现，按重要性从高到低、同等重要时表现低者在前）："
            f"{sep.join(first)}。这些方面的{imp_zh}，表现却低于{how} {cp}："
            f"客户最看重、又最不满意。其中“{names[top.number]}”最重要，应最先着手。",
            f"Improve first (importance/performance; most important first, the less "
            f"satisfied first among equals): {sep.join(first)}. Their {imp_en} but their "
            f"performance is below the {how} of {cp}: "
            "customers value them most and are least satisfied with them. Start with "
            f"\"{names[top.number]}\", the most important of them."))
        grouped = _by_factor(a, names, lang)
        if grouped:
            parts.append(grouped)
    else:
        parts.append(t(lang, f"没有重要性高而表现低的方面（以{how}为分界）。",
                       f"No item combines high importance with low performance (split at the "
                       f"{how})."))
    if factors is not None:
        parts.append(_factor_level(factors, lang, factor_tag))
    if keep:
        parts.append(t(lang, f"继续保持：{sep.join(keep)}。", f"Keep up: {sep.join(keep)}."))
    if over:
        parts.append(t(lang, f"可能投入过度、可调出资源：{sep.join(over)}。",
                       f"Possible overkill, where resources could be freed: {sep.join(over)}."))
    if low:
        parts.append(t(lang, f"次要改进（资源允许时）：{sep.join(low)}。",
                       f"Low priority (when resources allow): {sep.join(low)}."))
    if a.missing:
        parts.append(_missing_note(a, lang))
    return " ".join(parts) if lang != "zh" else "".join(parts)
