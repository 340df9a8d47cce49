"""Markdown report of one result (summary, sections, knockouts, failed and partial items)."""

from __future__ import annotations

from branchcheck.core.checksource import described
from branchcheck.core.i18n import t
from branchcheck.core.model import ItemResult, Result, localise
from branchcheck.core.textsafe import md
from branchcheck.render.checklist_words import guidance_label
from branchcheck.render.report import (
    date_text,
    edges,
    failed_items,
    integrity_text,
    knockout_scope,
    knockouts,
    pct,
    remarks,
    score_grade,
    section_titles,
    status_label,
    title_of,
    value_text,
)
from branchcheck.terminal.output import fmt_score


def table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    """A GitHub-flavoured Markdown table (cells must already be escaped)."""
    right = right or set()
    align = ["--:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def summary_lines(result: Result, lang: str) -> list[str]:
    """The bullet list at the top of a report."""
    s = result.score
    coverage = pct(s.coverage)
    if not s.complete:
        skipped = sum(1 for i in s.items if i.status == "skipped")
        coverage += t(lang, f"（未完成，{skipped} 项未答）",
                      f" (incomplete: {skipped} not answered)")
    overall = f"**{fmt_score(s.overall_final, edges=edges(result))}**"
    if s.overall_raw != s.overall_final:
        overall += t(lang, f"（原始得分 {fmt_score(s.overall_raw, edges=edges(result))}）",
                     f" (raw {fmt_score(s.overall_raw, edges=edges(result))})")
    if s.knocked_out:
        overall += t(lang, " — 整表否决", " — whole checklist knocked out")
    trust = integrity_text(result, lang)
    return [
        *([f"- {t(lang, '可信度', 'Integrity')}: {md(trust)}"] if trust else []),
        f"- {t(lang, '检查表', 'Checklist')}: {md(result.checklist_id)} "
        f"v{result.checklist_version}",
        f"- {t(lang, '网点', 'Branch')}: {md(result.branch)}",
        f"- {t(lang, '检查来源', 'Source')}: "
        f"{md(described(result.source, result.inspector_unit, lang))}",
        f"- {t(lang, '检查人', 'Reviewer')}: {md(result.reviewer or '—')}",
        f"- {t(lang, '完成时间', 'Finished')}: {md(date_text(result.finished))}",
        f"- {t(lang, '总分', 'Overall score')}: {overall}",
        f"- {t(lang, '等级', 'Grade')}: {md(score_grade(s, lang))}",
        f"- {t(lang, '完成度', 'Coverage')}: {coverage}",
    ]


def _item_block(item: ItemResult, lang: str, titles: dict[str, str], guidance: bool,
                ) -> list[str]:
    label = localise(item.text, lang) or item.id
    lines = [f"### {md(titles.get(item.section, item.section))} / {md(label)}", "",
             f"- {t(lang, '编号', 'Item')}: {md(item.id)}",
             f"- {t(lang, '结果', 'Answer')}: {md(value_text(item, lang))}"
             + (f" ({pct(item.fraction)})" if item.status == "partial" else "")]
    if item.critical:
        lines.append(f"- {t(lang, '否决项', 'Knockout item')}: {knockout_scope(item, lang)}")
    lines.append(f"- {t(lang, '备注', 'Note')}: {md(item.note) if item.note else '—'}")
    if guidance and item.guidance:
        lines.append(f"- {guidance_label(lang)}: {md(localise(item.guidance, lang))}")
    lines.append("")
    return lines


def report_md(result: Result, lang: str) -> str:
    """The Markdown report of ``result`` in ``lang``."""
    s = result.score
    titles = section_titles(result, lang)
    out = [f"# {md(title_of(result, lang))} — {t(lang, '自查报告', 'self-check report')}", ""]
    out += summary_lines(result, lang)
    out += ["", f"## {t(lang, '各检查类别得分', 'Sections')}", ""]
    ko = t(lang, "否决", "knocked out")
    out += table(
        [t(lang, "类别", "Section"), t(lang, "权重", "Weight"), t(lang, "原始得分", "Raw"),
         t(lang, "得分", "Final"), ""],
        [[md(titles[x.id]), f"{x.weight:g}", fmt_score(x.raw), fmt_score(x.final),
          ko if x.knocked_out else ""] for x in s.sections],
        right={1, 2, 3},
    )
    out.append("")
    kos = knockouts(result)
    if kos:
        out += [f"## {t(lang, '否决项', 'Knockouts')}", ""]
        for item in kos:
            label = localise(item.text, lang) or item.id
            out.append(f"- {md(item.id)} {md(label)}: {knockout_scope(item, lang)}")
        out.append("")
    for status, heading, guidance in (
        ("fail", t(lang, "不通过项", "Failed items"), True),
        ("partial", t(lang, "部分达标项", "Partial items"), True),
    ):
        items = failed_items(result, status)
        out += [f"## {heading} ({len(items)})", ""]
        if not items:
            out += [t(lang, "无。", "None."), ""]
        for item in items:
            out += _item_block(item, lang, titles, guidance)
    skipped = failed_items(result, "skipped")
    if skipped:
        out += [f"## {t(lang, '未答项', 'Not answered')} ({len(skipped)})", ""]
        out += [f"- {md(i.id)} {md(localise(i.text, lang) or i.id)}" for i in skipped]
        out.append("")
    written = remarks(result)
    if written:
        out += [f"## {t(lang, '文字答案和备注', 'Written answers and notes')} ({len(written)})", ""]
        for item in written:
            out += _item_block(item, lang, titles, False)
    out.append(t(lang, f"*无备注的{status_label('pass', lang)}项目未列出。*",
                 "*Items that passed without a note are not listed.*"))
    return "\n".join(out) + "\n"
