"""A column of a network view's table: its header and how to show a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    """A column: its header and how to show a row (``raw`` gives the CSV value)."""

    header: str
    show: Callable[[dict[str, Any]], str]
    raw: Callable[[dict[str, Any]], Any]
    right: bool = False
