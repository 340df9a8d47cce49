"""Reporters for ``show``: rich text in the terminal, a printable Markdown form, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from branchcheck.checklists.answers import accepted
from branchcheck.core.i18n import t
from branchcheck.core.model import (
    Checklist,
    Ipa,
    Item,
    Scale,
    Text,
    localise,
)
from branchcheck.render.checklist_words import (
    condition_text,
    guidance_label,
    knockout_text,
    num,
    numbers,
    oneline,
    threshold,
    type_name,
    weight_text,
)

FORMATS = ("text", "md", "json")


# ---------------------------------------------------------------- shared wording


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
        "rectify": None if item.rectify is None else False if item.rectify.off else {
            "within_days": item.rectify.within_days,
            "owner_role": _text(item.rectify.owner_role, langs),
            "category": item.rectify.category, "below": item.rectify.below},
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


def to_text(checklist: Checklist, lang: str, out: IO[str], *, sources: bool = False,
            rationale: bool = False) -> None:
    """Render the checklist readably in the terminal (colour only on a tty): for a
    branch head each item with its guidance and weight; ``sources`` and ``rationale``
    add the authoring matter (seed quotes, design decisions)."""
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
    if rationale and checklist.rationale:
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
            for indent, line in _text_item(item, nums[item.id], checklist, lang,
                                           sources=sources, rationale=rationale):
                if con.soft_wrap:  # not wrapped by rich: indent the line itself
                    con.print(RText(" " * indent) + line)
                else:  # wrapped to the terminal: keep a hanging indent
                    con.print(Padding(line, (0, 0, 0, indent), expand=False))


def _text_item(
    item: Item, number: str, checklist: Checklist, lang: str, *, sources: bool,
    rationale: bool
) -> Iterator[tuple[int, Any]]:
    from rich.text import Text as RText

    head = RText(f"{number} {oneline(localise(item.text, lang))}", style="bold")
    head = RText.assemble(head, (f"  [{type_name(item, lang)}]", "cyan"))
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
        lines.append((guidance_label(lang) + t(lang, "：", ": ")
                      + oneline(localise(item.guidance, lang)), ""))
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
    if sources and item.source:
        lines.append((t(lang, "出处：", "Source: ") + oneline(item.source), "dim"))
    if rationale and item.rationale:
        lines.append((t(lang, "取舍说明：", "Rationale: ")
                      + oneline(localise(item.rationale, lang)), "dim"))
    for text, style in lines:
        yield indent, RText(text, style=style)


REPORTERS: dict[str, Callable[[Checklist, str, IO[str]], None]] = {
    "text": to_text,
    "md": to_markdown,
    "json": to_json,
}
