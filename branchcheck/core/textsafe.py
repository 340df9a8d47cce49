"""Text safe for a terminal, a Markdown table cell or HTML: one function per target.

Every human-readable output goes through :func:`term` (terminal), :func:`md`
(Markdown) or :func:`html` (HTML). Machine formats (JSON) keep text exact. Text
from users or files placed in rich markup goes through :func:`markup` first.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates, plus the invisible direction marks:
# they reorder what follows on screen and can disguise text (CVE-2021-42574).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    if ch in _BIDI:
        return True
    cat = unicodedata.category(ch)
    return cat == "Cc" or cat in ("Zl", "Zp")


def term(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``).

    Neutralises ESC (CSI/OSC sequences), other C0/C1 controls, DEL and bidi
    overrides. ``newlines=True`` keeps ``\\n`` (and turns ``\\r\\n`` into ``\\n``)
    for multi-line text; tabs become one space.
    """
    if text.isprintable() and _BIDI.isdisjoint(text):
        return text  # fast path: nothing to do
    if newlines:
        text = text.replace("\r\n", "\n")
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" and newlines:
            out.append(ch)
        elif _unsafe(ch):
            out.append(_visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def controls(text: str, keep: str = "\t\n\r") -> str:
    """``text`` with every control character but those in ``keep`` shown as a visible
    escape, as :func:`term` shows them: for text kept as data (a CSV cell keeps its
    tabs and line breaks, quoted) that may still end up on a terminal."""
    if text.isprintable() and _BIDI.isdisjoint(text):
        return text
    return "".join(_visible(ch) if ch not in keep and _unsafe(ch) else ch for ch in text)


_RICH_BRACKET = re.compile(r"(\\*)\[")
_RICH_TAG = re.compile(r"\[[a-z#/@][^[]*?]")
"""What rich reads as a markup tag (``[bold]``, ``[/]``, ``[@click=...]``, ``[#fff]``)."""


def markup(text: str) -> str:
    """``text`` shown as written inside rich console markup: the one escape of every
    rich output.

    Rich reads ``\\[`` as ``[`` anywhere, and backslashes before a tag in pairs; so
    before a ``[`` that would start a tag the backslashes are doubled and one added,
    before any other ``[`` one is added. A backslash at the end would escape the
    markup that follows, so a zero-width space closes it off.
    """
    def one(m: re.Match[str]) -> str:
        slashes = m.group(1)
        if _RICH_TAG.match(text, m.end() - 1):
            return slashes * 2 + "\\["
        return slashes + "\\["

    out = _RICH_BRACKET.sub(one, text)
    return out + "\u200b" if out.endswith("\\") else out


def oneline(text: str) -> str:
    """``text`` on one line: every kind of line break becomes one space."""
    if not any(ch in _LINE_BREAKS for ch in text):
        return text
    return " ".join("".join(" " if ch in _LINE_BREAKS else ch for ch in text).split())


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"} | {">": "&gt;"})
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
"""An ampersand that would start a character reference (``&amp;``, ``&#60;``)."""
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
"""A less-than sign that could open raw HTML, a comment or an autolink."""


def md(text: str) -> str:
    """``text`` safe in Markdown, also inside a table cell: one line, no raw HTML,
    markup characters escaped, control characters neutralised. ``&`` and ``<`` stay as
    they are where they cannot start markup ("Landis & Koch", "<0 poor"), so the
    Markdown reads as written and shows no entities."""
    out = _MD_ENTITY.sub("&amp;", term(oneline(text))).translate(_MD_SPECIAL)
    return _MD_TAG.sub("&lt;", out)


def html(text: str) -> str:
    """``text`` escaped for HTML element content and quoted attributes, controls neutralised."""
    import html as _html  # (its entity table costs ~1.5 ms at start-up)

    return _html.escape(term(text, newlines=True), quote=True)


_ID = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")
"""An id-like token: ``SH-001``, ``daily-opening``, ``2026-11-06``, ``A-3F9C2E1B``."""
NOBREAK_CSS = ".id { white-space: nowrap; }"
"""The style rule :func:`html_ids` relies on (every HTML page that uses it carries it)."""


def html_ids(text: str) -> str:
    """``text`` escaped as :func:`html` does, every id-like token (unit and item ids,
    checklist ids, dates) kept on one line (``<span class="id">``, see
    :data:`NOBREAK_CSS`): a browser would otherwise break ``SH-001`` after its hyphen."""
    return _ID.sub(lambda m: f'<span class="id">{m.group(0)}</span>', html(text))
