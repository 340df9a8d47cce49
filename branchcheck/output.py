"""Terminal output helpers: colour decisions, consoles, CJK-aware widths.

Only this module, ``session.py`` and ``render/`` touch rich.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


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
    from rich.console import Console

    target = stream or (sys.stderr if stderr else sys.stdout)
    color = use_color(target)
    return Console(
        file=target,
        no_color=not color,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        soft_wrap=not color,
        emoji=False,
    )


def width(text: str) -> int:
    """Display width in terminal cells (CJK characters count 2)."""
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


def fmt_score(value: float | None, digits: int = 1) -> str:
    """A score for display: rounded, or an em dash when there is none."""
    return "—" if value is None else f"{value:.{digits}f}"
