"""Turning raw answers (typed at a prompt or read from a file) into item values."""

from __future__ import annotations

import math
from typing import Any

from branchcheck.core.model import NA, AnswerValue, Item, localise
from branchcheck.core.numbers import shown, too_large

PASS_WORDS = frozenset({"y", "yes", "pass", "p", "ok", "true", "是", "通过", "合格", "对"})
FAIL_WORDS = frozenset({"n", "no", "fail", "f", "false", "否", "不通过", "不合格", "错"})
NA_WORDS = frozenset({"na", "n/a", "不适用"})


class AnswerError(ValueError):
    """A value that the item does not accept; the message says what it does accept.

    ``str(exc)`` is the English message; :meth:`text` gives it in a UI language.
    """

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh or en

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en


def accepted(item: Item, lang: str = "en") -> str:
    """Plain description of the answers ``item`` accepts."""
    zh = lang == "zh"
    if item.type == "check":
        text = "y/是 = 通过, n/否 = 不通过" if zh else "y/yes/pass or n/no/fail"
    elif item.type == "scale" and item.scale is not None:
        text = (
            f"{item.scale.min}-{item.scale.max} 的整数"
            if zh
            else f"a whole number from {item.scale.min} to {item.scale.max}"
        )
    elif item.type == "choice":
        text = ", ".join(f"{o.key} = {localise(o.label, lang)}" for o in item.options)
    elif item.type == "metric":
        rng = _range_text(item)
        unit = f" {item.unit}" if item.unit else ""
        text = f"一个数值{unit}{rng}" if zh else f"a number{unit}{rng}"
    else:
        text = "任意文字" if zh else "any text"
    if item.allow_na and item.type != "text":
        text += "; na = 不适用" if zh else "; na = not applicable"
    return text


def _range_text(item: Item) -> str:
    if item.min is not None and item.max is not None:
        return f" ({item.min:g}-{item.max:g})"
    if item.min is not None:
        return f" (>= {item.min:g})"
    if item.max is not None:
        return f" (<= {item.max:g})"
    return ""


def normalise(item: Item, raw: Any) -> AnswerValue:
    """The canonical value of ``raw`` for ``item``, or :class:`AnswerError`.

    Strings are trimmed; booleans (YAML turns ``yes``/``no`` into them) are
    accepted for check items; ``na`` (any case) where the item allows it.
    """
    if isinstance(raw, str):
        raw = raw.strip()
        if item.type != "text" and raw.lower() in NA_WORDS:
            raw = NA
    if raw == NA and item.type != "text":
        if not item.allow_na:
            raise AnswerError(f"'{item.id}' may not be answered na (not applicable)",
                              f"'{item.id}' 不能答 na（不适用）")
        return NA
    if item.type == "check":
        return _check(item, raw)
    if item.type == "scale":
        return _scale(item, raw)
    if item.type == "choice":
        keys = [o.key for o in item.options]
        key = str(raw) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
        if key is None or key not in keys:
            lowered = {k.lower(): k for k in keys}
            if key is not None and key.lower() in lowered:
                return lowered[key.lower()]
            raise AnswerError(
                f"{_show(raw)} is not an option of '{item.id}'; choose one of {', '.join(keys)}",
                f"{_show(raw, 'zh')} 不是 '{item.id}' 的选项；请选 {', '.join(keys)} 之一",
            )
        return key
    if item.type == "metric":
        return _metric(item, raw)
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        raise AnswerError(f"'{item.id}' takes text, not {_show(raw)}",
                          f"'{item.id}' 须填文字，而不是{_show(raw, 'zh')}")
    return str(raw)


def _show(raw: Any, lang: str = "en") -> str:
    zh = lang == "zh"
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if raw is None:
        return "空值" if zh else "an empty value"
    if isinstance(raw, (list, dict)):
        if zh:
            return "列表" if isinstance(raw, list) else "映射"
        return "a list" if isinstance(raw, list) else "a mapping"
    return repr(raw) if isinstance(raw, str) else str(raw)


def _check(item: Item, raw: Any) -> str:
    if isinstance(raw, bool):
        return "pass" if raw else "fail"
    if isinstance(raw, str):
        word = raw.lower()
        if word in PASS_WORDS:
            return "pass"
        if word in FAIL_WORDS:
            return "fail"
    raise AnswerError(
        f"{_show(raw)} is not an answer for check '{item.id}'; "
        "use pass/y/yes/是 or fail/n/no/否" + ("" if not item.allow_na else " or na"),
        f"{_show(raw, 'zh')} 不是是否题 '{item.id}' 的答案；请用 y/是/pass（通过）或 "
        "n/否/fail（不通过）" + ("" if not item.allow_na else "，或 na（不适用）"),
    )


def _not_a_number(item: Item, raw: Any) -> AnswerError:
    return AnswerError(f"'{item.id}' needs a number, not {_show(raw)}",
                       f"'{item.id}' 须填数值，而不是 {_show(raw, 'zh')}")


def _number(item: Item, raw: Any) -> float:
    if isinstance(raw, bool) or raw is None:
        raise _not_a_number(item, raw)
    if too_large(raw):  # before float(): a 400-digit int cannot become one
        raise _too_large(item, raw)
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.rstrip("%").strip() if item.unit == "%" else raw
        try:
            value = float(text)
        except ValueError:
            raise _not_a_number(item, raw) from None
    else:
        raise _not_a_number(item, raw)
    if not math.isfinite(value):
        raise AnswerError(f"'{item.id}' needs a finite number, not {_show(raw)}",
                          f"'{item.id}' 须填有限的数值，而不是 {_show(raw, 'zh')}")
    if too_large(value):
        raise _too_large(item, raw)
    return value


def _too_large(item: Item, raw: Any) -> AnswerError:
    what = shown(raw) if isinstance(raw, (int, float)) else repr(raw)[:40]
    return AnswerError(f"{what} is too large for '{item.id}': numbers must lie between "
                       "-1e15 and 1e15",
                       f"{what} 对 '{item.id}' 来说过大：数值须在 -1e15 到 1e15 之间")


def _scale(item: Item, raw: Any) -> int:
    assert item.scale is not None  # noqa: S101 - guaranteed by validation
    value = _number(item, raw)
    if value != int(value) or not item.scale.min <= value <= item.scale.max:
        raise AnswerError(
            f"{_show(raw)} is out of range for '{item.id}': "
            f"use a whole number from {item.scale.min} to {item.scale.max}",
            f"{_show(raw, 'zh')} 超出 '{item.id}' 的范围：请填 {item.scale.min}-{item.scale.max} "
            "的整数",
        )
    return int(value)


def _metric(item: Item, raw: Any) -> float | int:
    value = _number(item, raw)
    if item.min is not None and value < item.min:
        raise AnswerError(f"{_show(raw)} is below the minimum {item.min:g} of '{item.id}'",
                          f"{_show(raw, 'zh')} 低于 '{item.id}' 的最小值 {item.min:g}")
    if item.max is not None and value > item.max:
        raise AnswerError(f"{_show(raw)} is above the maximum {item.max:g} of '{item.id}'",
                          f"{_show(raw, 'zh')} 高于 '{item.id}' 的最大值 {item.max:g}")
    return int(value) if value == int(value) and abs(value) < 2**53 else value
