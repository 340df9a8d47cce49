"""The ledger (:class:`branchcheck.actions.ledger.Ledger`) as Markdown, printable HTML
(A4 landscape), Excel-safe CSV and .xlsx (``render.xlsx``).

Every text from a log is hostile: Markdown goes through ``textsafe.md``, HTML through
``textsafe.html``, CSV through ``csvsafe``; in .xlsx every cell is a string (never a
formula) with control characters removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from branchcheck.actions.ledger import Ledger
from branchcheck.actions.state import overdue_days
from branchcheck.core.i18n import t
from branchcheck.core.textsafe import NOBREAK_CSS


def ledger_md(ledger: Ledger) -> str:
    """The ledger as a Markdown document."""
    from branchcheck.core.textsafe import md

    head = ledger.head()
    lines = [f"# {md(ledger.title)}", ""]
    for line in ledger.lines():
        lines += [md(line), ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in ledger.rows():
        lines.append("| " + " | ".join(md(c) for c in r) + " |")
    return "\n".join(lines) + "\n"


CSS = """\
@page { size: A4 landscape; margin: 10mm 8mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 9pt; color: #222; margin: 0 auto; padding: 8px; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
p { margin: 0 0 .4em; color: #444; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 2px 4px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th { background: #eee; overflow-wrap: normal; }
tr { break-inside: avoid; }
.late { color: #b00020; font-weight: bold; }
.sign { margin-top: 2em; display: flex; gap: 6em; }
""" + NOBREAK_CSS + "\n"
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_WIDTHS = (3.0, 6.2, 6.4, None, None, None, None, 6.2, None, None, 4.2, 6.2, 3.0, None)
"""The narrow columns' widths in em (number, dates, source, re-checker, recurrences); the
others share what is left of the page."""


def _header_em(header: str) -> float:
    """The width in em a header needs so that no word of it is broken or spills over:
    its longest run of ASCII letters (a header may wrap between words and at any CJK
    character), bold, with the cell's padding."""
    runs = re.findall(r"[\x21-\x7e]+", header)
    return max([2.0] + [0.6 * len(r) for r in runs]) + 0.8


def _colgroup(head: Sequence[str]) -> str:
    cols = [f'<col style="width: {max(w, _header_em(h)):.1f}em">' if w else "<col>"
            for w, h in zip(_WIDTHS, head, strict=True)]
    return "<colgroup>" + "".join(cols) + "</colgroup>"


def ledger_html(ledger: Ledger) -> str:
    """The ledger as one self-contained, printable HTML file (no scripts, no network)."""
    from branchcheck.core.textsafe import html, html_ids

    lang = ledger.lang
    out = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>",
           '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           f"<title>{html(ledger.title)}</title>", f"<style>{CSS}</style>", "</head>",
           "<body>", f"<h1>{html(ledger.title)}</h1>"]
    out += [f"<p>{html(line)}</p>" for line in ledger.lines()]
    out += [f"<table>{_colgroup(ledger.head())}",
            "<thead><tr>" + "".join(f"<th>{html(h)}</th>" for h in ledger.head())
            + "</tr></thead>", "<tbody>"]
    for a, r in zip(ledger.actions, ledger.rows(), strict=True):
        cells = [html_ids(c) for c in r]
        if overdue_days(a, ledger.today):
            cells[-1] = f'<span class="late">{cells[-1]}</span>'
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>",
            '<div class="sign"><span>' + html(t(lang, "网点负责人：", "Branch head: "))
            + "</span><span>" + html(t(lang, "审核人：", "Approved by: ")) + "</span></div>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def ledger_csv(ledger: Ledger) -> bytes:
    """The ledger's table as CSV for Excel (UTF-8 with BOM, every cell guarded)."""
    from branchcheck.core.csvsafe import to_csv

    return to_csv(ledger.head(), ledger.rows())


WIDTHS = (5, 11, 10, 14, 24, 36, 16, 11, 30, 20, 12, 11, 8, 18)
"""Column widths of the .xlsx sheet, in characters."""


def ledger_xlsx(ledger: Ledger) -> bytes:
    """The ledger as an .xlsx workbook: title and notes above the table, a frozen
    header row, landscape A4, every cell a string (``render.xlsx``)."""
    from branchcheck.render.xlsx import BOLD, TITLE, WRAP, Sheet, workbook

    sheet = Sheet(t(ledger.lang, "整改台账", "Ledger"), widths=WIDTHS)
    sheet.add([ledger.title], TITLE)
    for line in ledger.lines():
        sheet.add([line])
    sheet.add([])
    sheet.freeze_below = sheet.add(ledger.head(), BOLD)
    for values in ledger.rows():
        sheet.add(values, WRAP)
    return workbook(sheet)
