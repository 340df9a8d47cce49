"""What ``history`` needs of one stored result: a :class:`Summary`.

A summary is made from a result just read and assessed (:func:`summarise`) or
from a history cache entry (:mod:`branchcheck.results.history_cache`); both give
the same summary. Items are kept as one shared *layout* (id, section, text of each
item, the same object for every result of one checklist version) and one letter
of status per item, so ten years of daily results stay small.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from branchcheck.core.model import Integrity, Text

if TYPE_CHECKING:
    from branchcheck.core.model import Result

CODES: Mapping[str, str] = {"pass": "p", "partial": "h", "fail": "f", "na": "n",
                            "skipped": "s", "info": "i"}
"""One letter per item status (:data:`branchcheck.core.model.Status`)."""
STATUS: Mapping[str, str] = {v: k for k, v in CODES.items()}

Layout = tuple[tuple[str, str, Text], ...]
"""(item id, section id, item text) of every item, in the result's order."""


@dataclass(frozen=True)
class Summary:
    """One stored result as history shows it."""

    path: str
    branch: str
    checklist_id: str
    checklist_title: Text
    checklist_version: int
    checklist_sha256: str
    started: str
    finished: str
    reviewer: str
    overall_raw: float | None
    overall_final: float | None
    grade: Text | None
    coverage: float
    complete: bool
    knocked_out: bool
    sections: tuple[tuple[str, Text, float | None], ...]
    """(id, title, final score) of each section."""
    edges: tuple[float, ...]
    """Lower bounds of the checklist's grade bands."""
    layout: Layout
    statuses: str
    """One letter of :data:`CODES` per item of ``layout``."""
    integrity: Integrity | None = None


def summarise(result: Result) -> Summary:
    """The summary of ``result`` (read from its file, integrity assessed)."""
    s = result.score
    layout: Layout = tuple((it.id, it.section, it.text) for it in s.items)
    return Summary(
        path=result.path, branch=result.branch, checklist_id=result.checklist_id,
        checklist_title=result.checklist_title, checklist_version=result.checklist_version,
        checklist_sha256=result.checklist_sha256, started=result.started,
        finished=result.finished, reviewer=result.reviewer, overall_raw=s.overall_raw,
        overall_final=s.overall_final, grade=s.grade.label if s.grade else None,
        coverage=s.coverage, complete=s.complete, knocked_out=s.knocked_out,
        sections=tuple((x.id, x.title, x.final) for x in s.sections),
        edges=tuple(g.min for g in result.checklist_grades),
        layout=layout, statuses="".join(CODES[it.status] for it in s.items),
        integrity=result.integrity,
    )
