"""Wording shared by the checklist views and the printable form: type names, numbers,
thresholds, weights, conditions."""

from __future__ import annotations

from branchcheck.core.i18n import t
from branchcheck.core.model import (
    AnswerValue,
    Checklist,
    Condition,
    Item,
    localise,
)

_TYPE_NAMES = {
    "check": ("是否题", "check"),
    "scale": ("量表", "scale"),
    "choice": ("选择题", "choice"),
    "metric": ("指标", "metric"),
    "text": ("文字", "text"),
}


def type_name(item: Item, lang: str) -> str:
    """Name of the item type in ``lang``."""
    zh, en = _TYPE_NAMES[item.type]
    return t(lang, zh, en)


def numbers(checklist: Checklist) -> dict[str, str]:
    """Display number (``2.3``) of every item id."""
    return {
        item.id: f"{si}.{ii}"
        for si, section in enumerate(checklist.sections, 1)
        for ii, item in enumerate(section.items, 1)
    }


def num(value: float) -> str:
    """A number without trailing zeros (``1.25``, ``2``)."""
    return f"{value:g}"


def _with_unit(value: float, unit: str | None) -> str:
    if not unit:
        return num(value)
    return f"{num(value)}{unit}" if unit == "%" else f"{num(value)} {unit}"


def _cond(cond: Condition, unit: str | None) -> str:
    op = {">=": "≥", "<=": "≤"}.get(cond.op, cond.op)
    return f"{op} {_with_unit(cond.value, unit)}"


def threshold(item: Item, lang: str) -> str:
    """``pass if ≥ 85%; partial credit ...; range 0-100`` for a metric item."""
    parts: list[str] = []
    if item.pass_if is not None:
        parts.append(t(lang, "达标：", "pass if ") + _cond(item.pass_if, item.unit))
    for band in item.bands:
        share = f"{band.fraction * 100:g}%"
        parts.append(
            t(lang, f"{_cond(band.condition, item.unit)} 得 {share}",
              f"{_cond(band.condition, item.unit)} earns {share}")
        )
    if item.min is not None or item.max is not None:
        lo = "" if item.min is None else _with_unit(item.min, item.unit)
        hi = "" if item.max is None else _with_unit(item.max, item.unit)
        parts.append(t(lang, f"有效范围 {lo}–{hi}", f"valid range {lo}–{hi}"))
    return t(lang, "；", "; ").join(parts)


def guidance_label(lang: str) -> str:
    """The one word for an item's guidance wherever it is printed (show, forms, reports,
    exercise templates)."""
    return t(lang, "检查指引", "Guidance")


def weight_text(weight: float, lang: str) -> str:
    """``weight 2``, or ``not scored`` for weight 0."""
    if weight == 0:
        return t(lang, "不计分", "not scored")
    return t(lang, f"权重 {num(weight)}", f"weight {num(weight)}")


def answer_label(item: Item, value: AnswerValue, lang: str) -> str:
    """How an answer ``value`` of ``item`` reads (``通过``, ``a (Fits)``...)."""
    if value == "na":
        return t(lang, "不适用", "not applicable")
    if item.type == "check":
        return t(lang, "通过", "pass") if value == "pass" else t(lang, "不通过", "fail")
    if item.type == "choice":
        for option in item.options:
            if option.key == str(value):
                return f"{value} ({localise(option.label, lang)})"
    if item.type == "metric" and isinstance(value, (int, float)):
        return _with_unit(value, item.unit)
    return str(value)


def condition_text(item: Item, checklist: Checklist, lang: str) -> str:
    """``Only when 1.2 (has-atm) is answered pass`` for an item with ``when``."""
    if item.when is None:
        return ""
    ref = checklist.item_index().get(item.when.item)
    number = numbers(checklist).get(item.when.item, "?")
    value = answer_label(ref, item.when.equals, lang) if ref else str(item.when.equals)
    title = localise(ref.text, lang) if ref else item.when.item
    return t(
        lang,
        f"仅当 {number}「{oneline(title)}」回答为“{value}”时适用，否则跳过",
        f"Only when {number} ({oneline(title)}) is answered “{value}”; otherwise skip",
    )


def knockout_text(item: Item, lang: str) -> str:
    """What failing a knockout item does."""
    if item.critical == "checklist":
        return t(lang, "否决项（一票否决）：不通过则总分为 0，等级为不合格（一票否决）",
                 "Knockout (red line): a fail sets the overall score to 0 and the grade to "
                 "Fail (red line)")
    if item.critical == "section":
        return t(lang, "否决项：不通过则本类别为 0 分", "Knockout: a fail sets this section to 0")
    return ""


def oneline(text: str) -> str:
    """``text`` on one line, runs of whitespace collapsed."""
    return " ".join(text.split())
