"""``validate``'s share of the mystery-shopper programme (docs/shop.md).

Files are recognised by what they hold, not by their names: a wave plan and a
delivery mapping by their ``format:`` line (``branchcheck-shop-plan/1``,
``branchcheck-shop-mapping/1``) in the first 4 KB, a shopper roster by its CSV
header (``id,name,home_units,max_per_day``). Each is checked as the command that
reads it checks it, every problem located at its line and column: a plan's schema
and rules, a mapping's schema, its checklist (found as ``shop import`` finds it)
and its items and value maps against that checklist, a roster's every cell.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from branchcheck.core.errors import InputError, Problem

if TYPE_CHECKING:
    from branchcheck.checklists.loading import Report

_PLAN = re.compile(rb"^format:\s*['\"]?branchcheck-shop-plan/1['\"]?\s*$", re.M)
_MAPPING = re.compile(rb"^format:\s*['\"]?branchcheck-shop-mapping/1['\"]?\s*$", re.M)
_ROSTER = re.compile(rb"^(?:\xef\xbb\xbf)?\s*id\s*,\s*name\s*,\s*home_units\s*,\s*max_per_day\b")


def _head(path: str) -> bytes:
    """The first 4 KB of a regular file (nothing for anything else)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as f:
            return f.read(4096)
    except (OSError, ValueError):
        return b""


def kind(path: str) -> str:
    """``plan``, ``mapping``, ``roster``, or "" for a file of none of these kinds."""
    head = _head(path)
    if _PLAN.search(head):
        return "plan"
    if _MAPPING.search(head):
        return "mapping"
    if path.lower().endswith(".csv") and _ROSTER.match(head):
        return "roster"
    return ""


def _plan(path: str, max_bytes: int) -> list[Problem]:
    from branchcheck.core.strictyaml import read_bytes
    from branchcheck.shop.planfile import parse

    return list(parse(read_bytes(path, max_bytes=max_bytes, display=path), path)[1])


def _mapping(path: str, max_bytes: int) -> list[Problem]:
    from branchcheck.core.i18n import ui
    from branchcheck.shop.mapping import check

    return check(path, ui())


def _roster(path: str, max_bytes: int) -> list[Problem]:
    from branchcheck.core.strictyaml import read_bytes
    from branchcheck.shop.roster import parse

    return parse(read_bytes(path, max_bytes=max_bytes, display=path), path)[1]


_CHECKS: dict[str, Callable[[str, int], list[Problem]]] = {
    "plan": _plan, "mapping": _mapping, "roster": _roster}


def split(files: Sequence[str], max_bytes: int) -> tuple[list[str], tuple[Report, ...]]:
    """The files that are none of the programme's, and a report of each that is."""
    from branchcheck.checklists.loading import Report

    rest, reports = [], []
    for path in files:
        found = kind(path)
        if not found:
            rest.append(path)
            continue
        try:
            problems = _CHECKS[found](path, max_bytes)
        except InputError as exc:
            problems = list(exc.problems) or [Problem(path, 1, 1, found, exc.message)]
        reports.append(Report(path, tuple(problems), None))
    return rest, tuple(reports)
