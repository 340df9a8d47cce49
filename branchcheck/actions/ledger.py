"""The rectification ledger (整改台账) of a branch: Markdown, HTML (printable A4) and CSV.

Columns, as branches keep it: 序号, 检查日期, 检查项目, 问题描述, 整改责任人, 整改时限,
整改措施, 完成情况, 复查人, 复查日期, 状态.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from branchcheck.actions.model import Action
from branchcheck.actions.render import day_of, problem_text, status_text
from branchcheck.actions.state import overdue_days
from branchcheck.core.i18n import t
from branchcheck.core.model import localise

HEAD_ZH = ("序号", "检查日期", "检查项目", "问题描述", "整改责任人", "整改时限", "整改措施",
           "完成情况", "复查人", "复查日期", "状态")
HEAD_EN = ("No.", "Check date", "Item", "Problem", "Owner", "Due", "Action taken",
           "Completion", "Re-checked by", "Re-check date", "Status")


def head(lang: str) -> tuple[str, ...]:
    """The column names in ``lang``."""
    return HEAD_ZH if lang == "zh" else HEAD_EN


def rows(actions: Sequence[Action], today: date, lang: str) -> list[list[str]]:
    """One row of plain text per action, in ledger order."""
    out = []
    for n, a in enumerate(actions, start=1):
        late = overdue_days(a, today)
        if a.fixed_at:
            done = t(lang, f"{day_of(a.fixed_at)} 已整改", f"fixed {day_of(a.fixed_at)}")
            if a.evidence:
                done += t(lang, f"，证据 {len(a.evidence)} 份", f", {len(a.evidence)} evidence")
        else:
            done = t(lang, "未整改", "not fixed")
        state = status_text(a, lang)
        if late:
            state += t(lang, f"（逾期 {late} 个工作日）", f" (overdue {late} business days)")
        checked = a.closed_by.get("finished", "") if a.closed_by else a.verified_at
        out.append([
            str(n), day_of(a.source.get("finished", "") or a.opened),
            localise(a.text, lang) or a.item, problem_text(a, lang),
            a.owner or (f"({a.owner_role})" if a.owner_role else ""), a.due, a.fix_note, done,
            a.verified_by, day_of(checked), state,
        ])
    return out


def ledger_md(branch: str, actions: Sequence[Action], today: date, lang: str) -> str:
    """The ledger as a Markdown document."""
    from branchcheck.core.textsafe import md

    lines = [f"# {t(lang, '整改台账', 'Rectification ledger')} — {md(branch)}", "",
             t(lang, f"截至 {today.isoformat()}，共 {len(actions)} 项。",
               f"As of {today.isoformat()}: {len(actions)} actions."), "",
             "| " + " | ".join(head(lang)) + " |", "|" + "---|" * len(head(lang))]
    for row in rows(actions, today, lang):
        lines.append("| " + " | ".join(md(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


CSS = """\
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 10.5pt; color: #222; margin: 0 auto; padding: 12px; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
p { margin: 0 0 .8em; color: #555; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th { background: #eee; }
col.n { width: 2.2em; } col.d { width: 6.4em; }
tr { break-inside: avoid; }
.late { color: #b00020; font-weight: bold; }
.sign { margin-top: 2em; display: flex; gap: 6em; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def ledger_html(branch: str, actions: Sequence[Action], today: date, lang: str) -> str:
    """The ledger as one self-contained, printable HTML file (no scripts, no network)."""
    from branchcheck.core.textsafe import html

    title = f"{t(lang, '整改台账', 'Rectification ledger')} — {html(branch)}"
    cols = ('<col class="n"><col class="d"><col><col><col><col class="d"><col><col><col>'
            '<col class="d"><col>')
    out = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>",
           '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{title}</h1>",
           "<p>" + html(t(lang, f"截至 {today.isoformat()}，共 {len(actions)} 项。",
                          f"As of {today.isoformat()}: {len(actions)} actions.")) + "</p>",
           f"<table><colgroup>{cols}</colgroup>",
           "<thead><tr>" + "".join(f"<th>{html(h)}</th>" for h in head(lang)) + "</tr></thead>",
           "<tbody>"]
    for a, row in zip(actions, rows(actions, today, lang), strict=True):
        cells = [html(c) for c in row]
        if overdue_days(a, today):
            cells[-1] = f'<span class="late">{cells[-1]}</span>'
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>",
            '<div class="sign"><span>' + html(t(lang, "网点负责人：", "Branch head: "))
            + "</span><span>" + html(t(lang, "审核人：", "Approved by: ")) + "</span></div>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def ledger_csv(actions: Sequence[Action], today: date, lang: str) -> bytes:
    """The ledger as CSV for Excel (UTF-8 with BOM, every cell guarded)."""
    from branchcheck.core.csvsafe import to_csv

    return to_csv(head(lang), rows(actions, today, lang))
