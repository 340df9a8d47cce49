"""Reporters for ``show``: rich text in the terminal, a printable Markdown form, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from branchcheck.checklists.answers import accepted
from branchcheck.core.i18n import t
from branchcheck.core.model import (
    AnswerValue,
    Checklist,
    Condition,
    Ipa,
    Item,
    Scale,
    Text,
    localise,
)

FORMATS = ("text", "md", "json")

_TYPE_NAMES = {
    "check": ("是否题", "check"),
    "scale": ("量表", "scale"),
    "choice": ("选择题", "choice"),
    "metric": ("指标", "metric"),
    "text": ("文字", "text"),
}


# ---------------------------------------------------------------- shared wording


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


# ---------------------------------------------------------------- json


def _text(text: Text | None, langs: tuple[str, ...]) -> dict[str, str] | None:
    if text is None:
        return None
    return {lang: localise(text, lang) for lang in langs}


def _ipa(ipa: Ipa | None) -> dict[str, float | None] | None:
    if ipa is None:
        return None
    out: dict[str, float | None] = {"importance": ipa.importance, "performance": ipa.performance}
    if ipa.rank is not None:
        out["rank"] = ipa.rank
    return out


def _scale(scale: Scale, langs: tuple[str, ...]) -> dict[str, Any]:
    labels = {str(k): _text(v, langs) for k, v in sorted(scale.labels.items())}
    return {"id": scale.id, "min": scale.min, "max": scale.max, "labels": labels}


def _item(item: Item, langs: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": item.id,
        "type": item.type,
        "text": _text(item.text, langs),
        "guidance": _text(item.guidance, langs),
        "rationale": _text(item.rationale, langs),
        "weight": item.weight,
        "allow_na": item.allow_na,
        "note_required_on_fail": item.note_required_on_fail,
        "evidence_required_on_fail": item.evidence_required_on_fail,
        "rectify": None if item.rectify is None else {
            "within_days": item.rectify.within_days,
            "owner_role": _text(item.rectify.owner_role, langs)},
        "critical": item.critical,
        "when": None if item.when is None else {"item": item.when.item, "equals": item.when.equals},
        "source": item.source,
        "scale": None if item.scale is None else _scale(item.scale, langs),
        "options": [
            {"key": o.key, "label": _text(o.label, langs), "points": o.points}
            for o in item.options
        ],
        "unit": item.unit,
        "pass_if": None
        if item.pass_if is None
        else {"op": item.pass_if.op, "value": item.pass_if.value},
        "bands": [
            {"op": b.condition.op, "value": b.condition.value, "fraction": b.fraction}
            for b in item.bands
        ],
        "min": item.min,
        "max": item.max,
        "ipa": _ipa(item.ipa),
    }


def model_dict(checklist: Checklist) -> dict[str, Any]:
    """The normalised model as JSON-ready data (fixed key order, defaults filled).

    Every text is a map holding each declared language (a missing translation
    is filled with the fallback that would be shown).
    """
    langs = checklist.languages or ("zh", "en")
    return {
        "id": checklist.id,
        "version": checklist.version,
        "title": _text(checklist.title, langs),
        "description": _text(checklist.description, langs),
        "rationale": _text(checklist.rationale, langs),
        "languages": list(langs),
        "estimated_minutes": checklist.estimated_minutes,
        "tags": list(checklist.tags),
        "item_count": checklist.item_count,
        "scales": {name: _scale(s, langs) for name, s in checklist.scales.items()},
        "grades": [{"min": g.min, "label": _text(g.label, langs)} for g in checklist.grades],
        "sections": [
            {
                "id": s.id,
                "title": _text(s.title, langs),
                "description": _text(s.description, langs),
                "weight": s.weight,
                "ipa": _ipa(s.ipa),
                "items": [_item(i, langs) for i in s.items],
            }
            for s in checklist.sections
        ],
        "sha256": checklist.sha256,
        "path": checklist.path,
    }


def to_json(checklist: Checklist, lang: str, out: IO[str]) -> None:
    """Write the normalised model as one JSON document (``lang`` is not used)."""
    out.write(json.dumps(model_dict(checklist), ensure_ascii=False, indent=2) + "\n")


def to_markdown(checklist: Checklist, lang: str, out: IO[str]) -> None:
    """Write the checklist as a printable Markdown form in ``lang``."""
    from branchcheck.core.textsafe import term
    from branchcheck.render.checklist_form import markdown_lines

    out.write(term("\n".join(markdown_lines(checklist, lang)).rstrip("\n"), newlines=True) + "\n")


# ---------------------------------------------------------------- rich text


def to_text(checklist: Checklist, lang: str, out: IO[str]) -> None:
    """Render the checklist readably in the terminal (colour only on a tty)."""
    from rich.padding import Padding
    from rich.text import Text as RText

    from branchcheck.terminal.output import console

    con = console(out)
    con.print(RText(oneline(localise(checklist.title, lang)), style="bold"))
    facts = [
        f"{checklist.id} v{checklist.version}",
        t(lang, f"{len(checklist.sections)} 个检查类别", f"{len(checklist.sections)} sections"),
        t(lang, f"{checklist.item_count} 项", f"{checklist.item_count} items"),
    ]
    if checklist.estimated_minutes is not None:
        m = num(checklist.estimated_minutes)
        facts.append(t(lang, f"约 {m} 分钟", f"about {m} min"))
    facts.append(t(lang, "语言 ", "languages ") + ", ".join(checklist.languages))
    con.print(RText(" · ".join(facts), style="dim"))
    if checklist.description:
        con.print(RText(localise(checklist.description, lang).strip()))
    if checklist.rationale:
        con.print(RText(t(lang, "取舍说明：", "Rationale: ")
                        + oneline(localise(checklist.rationale, lang)), style="dim"))
    if checklist.grades:
        bands = [f"≥ {num(g.min)} {localise(g.label, lang)}" for g in checklist.grades]
        if any(i.critical == "checklist" for _, i in checklist.items()):
            bands.append(t(lang, "整表否决项不通过：不合格（一票否决）",
                           "a checklist knockout failed: Fail (red line)"))
        con.print(RText(t(lang, "等级：", "Grades: ") + t(lang, "；", "; ").join(bands)))
    nums = numbers(checklist)
    for si, section in enumerate(checklist.sections, 1):
        con.print()
        heading = RText(f"{si}. {oneline(localise(section.title, lang))}", style="bold cyan")
        heading.append(
            t(lang, f"  （权重 {num(section.weight)}）", f"  (weight {num(section.weight)})"),
            style="dim",
        )
        con.print(heading)
        if section.description:
            con.print(RText("   " + oneline(localise(section.description, lang)), style="italic"))
        for item in section.items:
            for indent, line in _text_item(item, nums[item.id], checklist, lang):
                if con.soft_wrap:  # not wrapped by rich: indent the line itself
                    con.print(RText(" " * indent) + line)
                else:  # wrapped to the terminal: keep a hanging indent
                    con.print(Padding(line, (0, 0, 0, indent), expand=False))


def _text_item(
    item: Item, number: str, checklist: Checklist, lang: str
) -> Iterator[tuple[int, Any]]:
    from rich.text import Text as RText

    head = RText(f"{number} {oneline(localise(item.text, lang))}", style="bold")
    head = RText.assemble(head, (f"  [{type_name(item, lang)}]", "cyan"))
    if item.weight != 1:
        head.append(" " + weight_text(item.weight, lang))
    if item.critical:
        head.append("  " + t(lang, "否决项", "KNOCKOUT"), style="bold red")
    yield 2, head
    indent = len(number) + 3
    lines: list[tuple[str, str]] = []
    if item.critical:
        lines.append((knockout_text(item, lang), "red"))
    if item.when is not None:
        lines.append((condition_text(item, checklist, lang), "yellow"))
    if item.guidance:
        lines.append((t(lang, "指引：", "Guidance: ") + oneline(localise(item.guidance, lang)),
                      ""))
    lines.append((t(lang, "可选答案：", "Answers: ") + accepted(item, lang), "dim"))
    if item.type == "scale" and item.scale is not None and item.scale.labels:
        labels = sorted(item.scale.labels.items())
        text = " · ".join(f"{k} {oneline(localise(v, lang))}" for k, v in labels)
        lines.append((t(lang, "刻度：", "Scale: ") + text, "dim"))
    if item.type == "choice":
        pts = " · ".join(f"{o.key} {num(o.points)}" for o in item.options)
        lines.append((t(lang, "分值：", "Points: ") + pts, "dim"))
    if item.type == "metric":
        limits = threshold(item, lang)
        if limits:
            lines.append((limits, ""))
    if item.note_required_on_fail:
        lines.append((t(lang, "不通过时须填写备注", "A fail needs a note"), "dim"))
    if item.source:
        lines.append((t(lang, "出处：", "Source: ") + oneline(item.source), "dim"))
    if item.rationale:
        lines.append((t(lang, "取舍说明：", "Rationale: ")
                      + oneline(localise(item.rationale, lang)), "dim"))
    for text, style in lines:
        yield indent, RText(text, style=style)


REPORTERS: dict[str, Callable[[Checklist, str, IO[str]], None]] = {
    "text": to_text,
    "md": to_markdown,
    "json": to_json,
}
