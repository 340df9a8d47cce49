"""The printable blank form of ``show --format md``: header block, tick boxes, result block."""

from __future__ import annotations

from collections.abc import Iterator

from branchcheck.core.i18n import t
from branchcheck.core.model import Checklist, Item, Scale, Text, localise
from branchcheck.core.textsafe import md
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

_BLANK = "＿" * 12


def _md(text: Text | None, lang: str) -> str:
    return md(oneline(localise(text, lang)))


def _md_block(text: Text | None, lang: str) -> str:
    lines = (md(line.strip()) for line in localise(text, lang).strip().splitlines())
    return "\n".join(line for line in lines)


def markdown_lines(checklist: Checklist, lang: str) -> Iterator[str]:
    """Lines of a printable blank form in ``lang``: header block, items, result block."""
    yield f"# {_md(checklist.title, lang)}"
    yield ""
    if checklist.description:
        yield _md_block(checklist.description, lang)
        yield ""
    yield "| " + " | ".join(
        [t(lang, "网点", "Branch"), _BLANK, t(lang, "日期", "Date"), _BLANK]
    ) + " |"
    yield "|---|---|---|---|"
    yield "| " + " | ".join(
        [t(lang, "检查人", "Reviewer"), _BLANK, t(lang, "签名", "Signature"), _BLANK]
    ) + " |"
    yield ""
    minutes = checklist.estimated_minutes
    facts = [
        f"`{checklist.id}` " + t(lang, f"第 {checklist.version} 版", f"v{checklist.version}"),
        t(lang, f"{len(checklist.sections)} 个检查类别", f"{len(checklist.sections)} sections"),
        t(lang, f"{checklist.item_count} 项", f"{checklist.item_count} items"),
    ]
    if minutes is not None:
        facts.append(t(lang, f"约 {num(minutes)} 分钟", f"about {num(minutes)} min"))
    yield " · ".join(facts)
    yield ""
    yield t(
        lang,
        "填写说明：在相应的 ☐ 内打勾；“不适用”仅在该项确实不适用时勾选；"
        "标注“否决项”的项目是红线，不是扣分项：类别否决项不通过则该类别得 0 分；"
        "整表否决项不通过则总分为 0，等级为“不合格（一票否决）”。",
        "How to fill in: tick one ☐ per item; tick “not applicable” only when the item "
        "truly does not apply. Knockout items are red lines, not deductions: failing a "
        "section knockout sets that section to 0; failing a checklist knockout sets the "
        "overall score to 0 and the grade to Fail (red line).",
    )
    nums = numbers(checklist)
    for si, section in enumerate(checklist.sections, 1):
        yield ""
        yield f"## {si}. {_md(section.title, lang)}" + t(
            lang, f"（权重 {num(section.weight)}）", f" (weight {num(section.weight)})"
        )
        if section.description:
            yield ""
            yield _md_block(section.description, lang)
        for item in section.items:
            yield ""
            yield from _md_item(item, nums[item.id], checklist, lang)
    yield ""
    yield f"## {t(lang, '结果', 'Result')}"
    yield ""
    yield "| " + " | ".join(
        [t(lang, "总分（0–100）", "Overall score (0–100)"), _BLANK, t(lang, "等级", "Grade"),
         _BLANK]
    ) + " |"
    yield "|---|---|---|---|"
    yield "| " + " | ".join(
        [t(lang, "否决项触发", "Knockout triggered"), "☐ " + t(lang, "是", "yes") + "　☐ "
         + t(lang, "否", "no"), t(lang, "复核人", "Checked by"), _BLANK]
    ) + " |"
    if checklist.grades:
        yield ""
        bands = [f"≥ {num(g.min)} {_md(g.label, lang)}" for g in checklist.grades]
        if any(i.critical == "checklist" for _, i in checklist.items()):
            bands.append(t(lang, "整表否决项不通过：不合格（一票否决）",
                           "a checklist knockout failed: Fail (red line)"))
        yield t(lang, "等级标准：", "Grades: ") + t(lang, "；", "; ").join(bands)
    yield ""
    yield t(lang, "改进事项：", "Actions agreed:")
    yield ""
    for _ in range(3):
        yield _BLANK * 3
        yield ""


def _md_item(item: Item, number: str, checklist: Checklist, lang: str) -> Iterator[str]:
    head = f"### {number} {_md(item.text, lang)}"
    tags = [type_name(item, lang)]
    if item.weight != 1:
        tags.append(weight_text(item.weight, lang))
    yield head + f" *({', '.join(tags)})*"
    notes: list[str] = []
    if item.critical:
        notes.append(f"**{md(knockout_text(item, lang))}**")
    if item.when is not None:
        notes.append(f"*{md(condition_text(item, checklist, lang))}*")
    if item.guidance:
        notes.append(guidance_label(lang) + t(lang, "：", ": ") + _md(item.guidance, lang))
    if item.type == "metric":
        limits = threshold(item, lang)
        if limits:
            notes.append(md(limits))
    for note in notes:
        yield ""
        yield note
    yield ""
    na = "☐ " + t(lang, "不适用", "not applicable")
    if item.type == "check":
        boxes = ["☐ " + t(lang, "通过", "pass"), "☐ " + t(lang, "不通过", "fail")]
        yield "　　".join(boxes + ([na] if item.allow_na else []))
    elif item.type == "scale" and item.scale is not None and _long(item.scale):
        scale = item.scale
        line = t(lang, f"分值（{scale.min}–{scale.max}）：", f"Score ({scale.min}–{scale.max}): ")
        yield line + _BLANK + ("　　" + na if item.allow_na else "")
    elif item.type == "scale" and item.scale is not None:
        scale = item.scale
        points = [
            f"☐ {v}" + (f" {_md(scale.labels[v], lang)}" if v in scale.labels else "")
            for v in range(scale.min, scale.max + 1)
        ]
        yield "　".join(points + ([na] if item.allow_na else []))
    elif item.type == "choice":
        for option in item.options:
            pts = t(lang, f"{num(option.points)} 分", f"{num(option.points)} pt")
            yield f"- [ ] {md(option.key)}. {_md(option.label, lang)} ({pts})"
        if item.allow_na:
            yield f"- [ ] {t(lang, '不适用', 'not applicable')}"
    elif item.type == "metric":
        unit = f" {md(item.unit)}" if item.unit else ""
        line = t(lang, "数值：", "Value: ") + _BLANK + unit
        yield line + ("　　" + na if item.allow_na else "")
    else:
        yield t(lang, "记录：", "Notes:")
        yield ""
        yield _BLANK * 3
        yield ""
        yield _BLANK * 3
        return
    yield ""
    label = (
        t(lang, "备注（不通过时必填）：", "Note (required on fail): ")
        if item.note_required_on_fail
        else t(lang, "备注：", "Note: ")
    )
    yield label + _BLANK * 2


def _long(scale: Scale) -> bool:
    return scale.max - scale.min > 10
