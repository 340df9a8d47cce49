"""HTML report of one result: one self-contained, printable (A4) file.

Inline CSS, inline SVG, no scripts, no external resources (a Content Security
Policy says so too); every text from a checklist or result is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from branchcheck.core.checksource import described
from branchcheck.core.i18n import t
from branchcheck.core.model import ItemResult, Result, localise
from branchcheck.core.textsafe import html as esc
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
    title_of,
    value_text,
)
from branchcheck.render.svg import FONT_FAMILY, Bar, bar_chart, trend_line
from branchcheck.terminal.output import fmt_score

CSS = """\
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: FONT_FAMILY; color: #222; line-height: 1.45; margin: 0 auto;
  max-width: 190mm; padding: 16px; font-size: 14px; }
h1 { font-size: 1.5em; margin: 0 0 .4em; }
h2 { font-size: 1.15em; margin: 1.4em 0 .4em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: .8em 0 .2em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 4px 6px; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.summary td:first-child { color: #555; width: 28%; }
.score { font-size: 1.6em; font-weight: bold; }
.bad, .ko { color: #b00020; } .good { color: #1b7f3b; } .muted { color: #666; }
.item { border-left: 3px solid #b00020; padding: 2px 10px; margin: 8px 0; }
.item.partial { border-left-color: #d98b00; }
.item p { margin: 2px 0; }
.note { margin: 1em 0; padding: 6px 10px; background: #fff7e0; border: 1px solid #f0d58a; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
svg { max-width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  tr, .item, svg, .note { break-inside: avoid; }
}
""".replace("FONT_FAMILY", FONT_FAMILY)

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def page(title: str, body: str, lang: str) -> str:
    """A complete HTML document around ``body`` (already escaped HTML)."""
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def rows_table(header: Sequence[str], rows: Sequence[Sequence[str]],
               numeric: set[int] | None = None, cls: str = "") -> str:
    """A table from already-escaped cells; columns in ``numeric`` are right-aligned."""
    numeric = numeric or set()

    def td(i: int, cell: str, tag: str) -> str:
        return f'<{tag} class="num">{cell}</{tag}>' if i in numeric else f"<{tag}>{cell}</{tag}>"

    head = "".join(td(i, h, "th") for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(td(i, c, "td") for i, c in enumerate(r)) + "</tr>\n"
                   for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def _summary(result: Result, lang: str) -> str:
    s = result.score
    overall = f'<span class="score">{fmt_score(s.overall_final, edges=edges(result))}</span>'
    if s.overall_raw != s.overall_final:
        overall += f' <span class="muted">({t(lang, "原始得分", "raw")} ' \
                   f"{fmt_score(s.overall_raw, edges=edges(result))})</span>"
    if s.knocked_out:
        overall += f' <span class="ko">{t(lang, "整表否决", "whole checklist knocked out")}</span>'
    coverage = pct(s.coverage)
    if not s.complete:
        skipped = sum(1 for i in s.items if i.status == "skipped")
        coverage += " " + t(lang, f"（未完成，{skipped} 项未答）",
                            f"(incomplete: {skipped} not answered)")
    rows = [
        (t(lang, "检查表", "Checklist"),
         f"<code>{esc(result.checklist_id)}</code> v{result.checklist_version}"),
        (t(lang, "网点", "Branch"), esc(result.branch)),
        (t(lang, "检查来源", "Source"),
         esc(described(result.source, result.inspector_unit, lang))),
        (t(lang, "检查人", "Reviewer"), esc(result.reviewer or "—")),
        (t(lang, "完成时间", "Finished"), esc(date_text(result.finished))),
        (t(lang, "总分", "Overall score"), overall),
        (t(lang, "等级", "Grade"), f"<strong>{esc(score_grade(s, lang))}</strong>"),
        (t(lang, "完成度", "Coverage"), esc(coverage)),
    ]
    trust = integrity_text(result, lang)
    if trust:
        rows.insert(0, (t(lang, "可信度", "Integrity"), esc(trust)))
    body = "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>\n" for k, v in rows)
    return f'<table class="summary">\n<tbody>\n{body}</tbody>\n</table>\n'


def _item(item: ItemResult, lang: str, titles: dict[str, str], *, guidance: bool = True) -> str:
    label = localise(item.text, lang) or item.id
    answer = esc(value_text(item, lang))
    if item.status == "partial":
        answer += f" ({pct(item.fraction)})"
    parts = [f'<div class="item {esc(item.status)}">',
             f"<h3>{esc(titles.get(item.section, item.section))} / {esc(label)} "
             f'<span class="muted"><code>{esc(item.id)}</code></span></h3>',
             f"<p>{t(lang, '结果', 'Answer')}: {answer}</p>"]
    if item.critical:
        parts.append(f'<p class="ko">{esc(knockout_scope(item, lang))}</p>')
    if item.note:
        parts.append(f"<p>{t(lang, '备注', 'Note')}: {esc(item.note)}</p>")
    if guidance and item.guidance:
        parts.append(f"<p>{esc(guidance_label(lang))}: "
                     f"{esc(localise(item.guidance, lang))}</p>")
    parts.append("</div>\n")
    return "".join(parts)


def report_html(result: Result, lang: str,
                trend: Sequence[tuple[str, float | None]] | None = None) -> str:
    """The HTML report of ``result``; ``trend`` (date, overall) adds a trend line."""
    s = result.score
    titles = section_titles(result, lang)
    title = f"{title_of(result, lang)} — {t(lang, '自查报告', 'self-check report')}"
    out = [f"<h1>{esc(title)}</h1>\n", _summary(result, lang)]
    out.append(f"<h2>{t(lang, '各检查类别得分', 'Sections')}</h2>\n")
    chart_title = t(lang, "各检查类别得分（0-100）", "Final score by section (0-100)")
    out.append(bar_chart([Bar(titles[x.id], x.raw, x.final, x.knocked_out)
                          for x in s.sections], title=chart_title) + "\n")
    ko = t(lang, "否决", "knocked out")
    out.append(rows_table(
        [t(lang, "类别", "Section"), t(lang, "权重", "Weight"), t(lang, "原始得分", "Raw"),
         t(lang, "得分", "Final"), ""],
        [[esc(titles[x.id]), f"{x.weight:g}", fmt_score(x.raw), fmt_score(x.final),
          f'<span class="ko">{ko}</span>' if x.knocked_out else ""] for x in s.sections],
        numeric={1, 2, 3},
    ))
    if trend is not None:
        out.append(f"<h2>{t(lang, '总分趋势', 'Overall score trend')}</h2>\n")
        if trend:
            out.append(trend_line(trend, title=t(lang, "历次总分（得分）",
                                                  "Overall final score over time")) + "\n")
        else:
            out.append(f'<p class="muted">{t(lang, "没有已保存的结果。", "No stored results.")}'
                       "</p>\n")
    kos = knockouts(result)
    if kos:
        out.append(f"<h2>{t(lang, '否决项', 'Knockouts')}</h2>\n<ul>\n")
        out += [f"<li><code>{esc(i.id)}</code> {esc(localise(i.text, lang) or i.id)}: "
                f'<span class="ko">{esc(knockout_scope(i, lang))}</span></li>\n' for i in kos]
        out.append("</ul>\n")
    for status, heading in (("fail", t(lang, "不通过项", "Failed items")),
                            ("partial", t(lang, "部分达标项", "Partial items"))):
        items = failed_items(result, status)
        out.append(f"<h2>{heading} ({len(items)})</h2>\n")
        if not items:
            out.append(f'<p class="muted">{t(lang, "无。", "None.")}</p>\n')
        out += [_item(i, lang, titles) for i in items]
    skipped = failed_items(result, "skipped")
    if skipped:
        out.append(f"<h2>{t(lang, '未答项', 'Not answered')} ({len(skipped)})</h2>\n<ul>\n")
        out += [f"<li><code>{esc(i.id)}</code> {esc(localise(i.text, lang) or i.id)}</li>\n"
                for i in skipped]
        out.append("</ul>\n")
    written = remarks(result)
    if written:
        out.append(f"<h2>{t(lang, '文字答案和备注', 'Written answers and notes')} "
                   f"({len(written)})</h2>\n")
        out += [_item(i, lang, titles, guidance=False) for i in written]
    passed = t(lang, "无备注的通过项目未列出。", "Items that passed without a note are not listed.")
    out.append(f'<p class="muted">{passed}</p>\n')
    return page(title, "".join(out), lang)
