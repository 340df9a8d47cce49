"""The "actions" part of ``report`` and ``diff``: what a check opened, kept open and
closed, and who approved it. Text, Markdown and HTML; every text escaped."""

from __future__ import annotations

from branchcheck.actions.links import Links
from branchcheck.core.i18n import t


def _ids(links: Links, ids: list[str]) -> str:
    return ", ".join(f"{i} ({links.items.get(i, '')})" for i in ids) or "—"


def _rows(links: Links, lang: str) -> list[tuple[str, str]]:
    rows = [(t(lang, "本次新开整改", "Opened by this check"), _ids(links, links.opened)),
            (t(lang, "仍未整改", "Still open"), _ids(links, links.still_open)),
            (t(lang, "重新打开", "Reopened"), _ids(links, links.reopened)),
            (t(lang, "本次复查通过", "Closed (verified) by this check"),
             _ids(links, links.closed))]
    for a in links.approvals:
        text = f"{a.approver} ({a.when[:10]})" + (f": {a.note}" if a.note else "")
        rows.append((t(lang, "审核人", "Approved by"), text))
    return rows


def text_lines(links: Links, lang: str) -> list[str]:
    """Plain lines for a terminal."""
    from branchcheck.core.textsafe import term

    if not links:
        return []
    return ["", t(lang, "整改", "Actions")] + [f"  {k}: {term(v)}" for k, v in _rows(links, lang)]


def md_lines(links: Links, lang: str) -> list[str]:
    """A Markdown section."""
    from branchcheck.core.textsafe import md

    if not links:
        return []
    out = ["", f"## {t(lang, '整改', 'Actions')}", ""]
    out += [f"- **{k}**: {md(v)}" for k, v in _rows(links, lang)]
    return out


def html_block(links: Links, lang: str) -> str:
    """An HTML section (a heading and a table)."""
    from branchcheck.core.textsafe import html

    if not links:
        return ""
    cells = "".join(f"<tr><td>{html(k)}</td><td>{html(v)}</td></tr>"
                    for k, v in _rows(links, lang))
    return (f"<h2>{html(t(lang, '整改', 'Actions'))}</h2>"
            f'<table class="summary">{cells}</table>')


def insert_html(document: str, block: str) -> str:
    """``document`` with ``block`` put just before ``</body>``."""
    if not block or "</body>" not in document:
        return document
    at = document.rindex("</body>")
    return document[:at] + block + "\n" + document[at:]
