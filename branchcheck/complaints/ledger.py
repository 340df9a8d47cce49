"""The printable complaint register (投诉台账) of one outlet: Markdown, CSV for Excel
(every cell guarded) and one self-contained HTML page (A4 landscape, no scripts).
The customer's name and contact are added only with ``personal``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from branchcheck.complaints.model import Case
from branchcheck.complaints.render import Names, register_head, register_rows
from branchcheck.complaints.state import overdue
from branchcheck.core.i18n import t
from branchcheck.core.textsafe import NOBREAK_CSS

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
CSS = ("@page{size:A4 landscape;margin:12mm}body{font-family:'Noto Sans CJK SC',sans-serif;"
       "font-size:10pt}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;"
       "padding:2px 4px;vertical-align:top}th{background:#eee}.late{color:#b00;"
       "font-weight:bold}.sign{margin-top:16mm;display:flex;gap:40mm}" + NOBREAK_CSS)


def _table(cases: Sequence[Case], today: date, lang: str, cats: Names,
           personal: bool) -> tuple[list[str], list[list[str]]]:
    head, rows = register_head(lang), register_rows(cases, today, lang, cats)
    if personal:
        head = [*head, t(lang, "客户姓名", "customer"), t(lang, "联系方式", "contact")]
        rows = [[*r, c.personal.get("customer_name", ""), c.personal.get("customer_contact", "")]
                for r, c in zip(rows, cases, strict=True)]
    return head, rows


def _title(branch: str, lang: str) -> str:
    return f"{t(lang, '投诉台账', 'Complaint register')} — {branch}"


def _footer(cases: Sequence[Case], today: date, lang: str) -> str:
    late = sum(1 for c in cases if overdue(c, today))
    return t(lang, f"截至 {today.isoformat()}，共 {len(cases)} 件，逾期 {late} 件。"
                   "时限规则见 docs/complaints.md（默认值为部门设置）。",
             f"As of {today.isoformat()}: {len(cases)} complaints, {late} overdue. Deadline "
             "rules: docs/complaints.md (the defaults are department settings).")


def build(branch: str, cases: Sequence[Case], today: date, lang: str, fmt: str,
          cats: Names, *, personal: bool = False) -> str | bytes:
    """The register in ``fmt`` (md, csv or html)."""
    head, rows = _table(cases, today, lang, cats, personal)
    if fmt == "csv":
        from branchcheck.core.csvsafe import to_csv

        return to_csv(head, rows)
    if fmt == "html":
        return _html(branch, cases, today, lang, head, rows)
    from branchcheck.core.textsafe import md

    out = [f"# {md(_title(branch, lang))}", "", _footer(cases, today, lang), "",
           "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _html(branch: str, cases: Sequence[Case], today: date, lang: str, head: list[str],
          rows: list[list[str]]) -> str:
    from branchcheck.core.textsafe import html, html_ids

    title = html(_title(branch, lang))
    out = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>",
           '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{title}</h1>", f"<p>{html(_footer(cases, today, lang))}</p>", "<table>",
           "<thead><tr>" + "".join(f"<th>{html(h)}</th>" for h in head) + "</tr></thead>",
           "<tbody>"]
    status = len(register_head(lang)) - 1
    for case, row in zip(cases, rows, strict=True):
        cells = [html_ids(c) for c in row]
        if overdue(case, today):
            cells[status] = f'<span class="late">{cells[status]}</span>'
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>",
            '<div class="sign"><span>' + html(t(lang, "网点负责人：", "Outlet head: "))
            + "</span><span>" + html(t(lang, "投诉处理负责人：", "Complaints officer: "))
            + "</span></div>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
