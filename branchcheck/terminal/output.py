"""Terminal output helpers: colour decisions, consoles, CJK-aware widths.

Only this module, ``session.py`` and ``render/`` touch rich.
"""

from __future__ import annotations

import functools
import math
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment


# What the symbols of the human outputs become where the output encoding (GBK,
# ASCII) cannot show them; anything else unshowable becomes a \u escape.
_ASCII = {
    "—": "-", "–": "-", "·": "-", "→": "->", "←": "<-", "«": "<<", "»": ">>", "…": "...",
    "“": '"', "”": '"', "‘": "'", "’": "'", "≥": ">=", "≤": "<=", "±": "+/-", "Δ": "d",
    "κ": "k", "✗": "x", "✓": "v", "✔": "v", "☐": "[ ]", "☑": "[x]", "─": "-", "━": "-",
    "│": "|", "┃": "|", "┼": "+", "┤": "+", "├": "+", "┬": "+", "┴": "+", "┌": "+",
    "┐": "+", "└": "+", "┘": "+", "═": "=", "║": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
    "▁": "_", "▂": ".", "▃": ":", "▄": "-", "▅": "=", "▆": "+", "▇": "*", "█": "#",
}
_FALLBACK = "branchcheck-ascii"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: ASCII stand-ins for the characters an encoding lacks."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        sub = _ASCII.get(ch)
        if sub is None:
            folded = unicodedata.normalize("NFKC", ch)  # full-width ：，（） and the like
            sub = folded if folded.isascii() and folded.isprintable() else (
                ch.encode("ascii", "backslashreplace").decode("ascii"))
        out.append(sub)
    return "".join(out), exc.end


def prepare_streams() -> None:
    """Make the standard streams safe to use whatever the process was given.

    A closed stdin, stdout or stderr (``<&-``, ``>&-``, ``2>&-``) is replaced by
    the null device, so a command still stores its result and exits with its own
    code instead of crashing. On stdout and stderr, characters the encoding
    cannot show (``✗`` or ``·`` in GBK or ASCII, a file name's undecodable
    bytes) degrade to ASCII stand-ins instead of raising.
    """
    import codecs

    try:
        codecs.lookup_error(_FALLBACK)
    except LookupError:
        codecs.register_error(_FALLBACK, _fallback)
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name, None) is None:
            try:  # the lowest free descriptor: the closed one, in this order
                setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))
            except OSError:
                continue
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            try:
                reconfigure(errors=_FALLBACK)
            except (ValueError, OSError):  # a stream that cannot change (already closed)
                pass


def use_color(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def console(stream: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A rich console writing to ``stream`` (stdout or stderr), coloured only when it should."""

    target = stream or (sys.stderr if stderr else sys.stdout)
    color = use_color(target)
    return _safe_console()(
        file=target,
        no_color=not color,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        soft_wrap=not color,
        emoji=False,
    )


@functools.cache
def _safe_console() -> type[Console]:
    """A rich Console that neutralises control characters in everything it prints.

    Text from files (titles, names, notes, answers) may carry escape sequences
    or bidi overrides. Markup strings are cleaned before layout; every rendered
    segment (``rich.text.Text`` objects included) once more before output,
    while rich's own styling codes, added after this, stay intact.
    """
    from rich.console import Console
    from rich.segment import Segment

    from branchcheck.core.textsafe import term

    class SafeConsole(Console):
        def render_str(self, text: str, *args: Any, **kwargs: Any) -> Any:
            return super().render_str(term(text, newlines=True), *args, **kwargs)

        def render(self, renderable: Any, options: Any = None) -> Iterator[Segment]:
            for seg in super().render(renderable, options):
                if seg.control or seg.text.isprintable():
                    yield seg
                else:
                    yield Segment(term(seg.text, newlines=True), seg.style, seg.control)

    return SafeConsole


def err(text: str) -> None:
    """Write a message to stderr with control characters neutralised."""
    from branchcheck.core.textsafe import term

    sys.stderr.write(term(text, newlines=True))


def warn(text: str) -> None:
    """A warning line on stderr, its prefix in the UI language (``警告：``/``Warning:``)."""
    from branchcheck.core.i18n import t, ui

    err(t(ui(), f"警告：{text}\n", f"Warning: {text}\n"))


def width(text: str) -> int:
    """Display width in terminal cells (CJK characters count 2)."""
    if text.isascii() and text.isprintable():
        return len(text)  # the common case, without a Unicode lookup per character
    return _wide(text)


@functools.lru_cache(maxsize=4096)
def _wide(text: str) -> int:
    """:func:`width` of a text with other characters, remembered: a table repeats the
    same statuses, names and places in thousands of rows."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def pad(text: str, cells: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` display cells."""
    gap = max(0, cells - width(text))
    return (" " * gap + text) if right else (text + " " * gap)


def fmt_score(value: float | None, digits: int = 1, *, edges: Iterable[float] = ()) -> str:
    """A score for display: rounded, or an em dash when there is none.

    ``edges`` are the grade bands' lower bounds: a score is never shown on the
    other side of one from where it is (89.96 below a band at 90 is not shown
    as 90.0, which would contradict its grade). Up to three more digits are
    added near an edge; past that the score is cut rather than rounded up.
    """
    if value is None:
        return "—"
    shown = f"{value:.{digits}f}"
    bounds = [e for e in edges if _crosses(value, float(shown), e)]
    if not bounds:
        return shown
    for more in range(digits + 1, digits + 4):
        shown = f"{value:.{more}f}"
        if not any(_crosses(value, float(shown), e) for e in bounds):
            return shown
    scale = 10 ** (digits + 3)
    return f"{math.floor((value + 1e-9) * scale) / scale:.{digits + 3}f}"


def _crosses(value: float, shown: float, edge: float) -> bool:
    """Whether ``shown`` is on the other side of a band's lower bound than ``value``
    (with the tolerance grades are decided with)."""
    return (value + 1e-9 >= edge) != (shown + 1e-9 >= edge)
