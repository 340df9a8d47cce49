"""Results an upheld appeal replaced (申诉/复核, docs/shop.md): kept, never counted.

An upheld appeal stores a new result of the same visit whose ``appeal.of`` names the
original by the SHA-256 of its file; the original stays in the results folder, and
verifies. The warehouse keeps both: ``results.appeal_of`` is what a result says it
replaces, ``results.superseded`` marks the one replaced. Every network figure counts
only results with ``NOT superseded`` (:data:`COUNTED`), so a visit is counted once,
as the shop report counts it.

A replacement supersedes only a result of the same outlet, checklist and source
(a mystery-shopper visit): a result cannot take another outlet's, or a self-check,
out of the figures by naming it. A chain of appeals (A replaced by B, B by C) leaves
C alone counted. The warehouse only grows, so a mark is never taken back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

COUNTED = "NOT r.superseded"
"""The condition on ``results r`` every figure adds: not replaced by an upheld appeal."""

_MARK = (
    "UPDATE results SET superseded = true, day_first = false WHERE NOT superseded"
    " AND EXISTS (SELECT 1 FROM results a WHERE a.appeal_of = results.sha256"
    " AND a.branch = results.branch AND a.checklist_id = results.checklist_id"
    " AND a.check_source = results.check_source) RETURNING branch")


def link(con: DuckDBPyConnection, links: list[tuple[str, str]]) -> None:
    """Record what results already stored say they replace (``(sha256, appeal_of)``
    pairs: results ingested before the warehouse kept it, read again once)."""
    if not links:
        return
    shas, ofs = (list(c) for c in zip(*links, strict=True))
    con.execute("UPDATE results SET appeal_of = x.o FROM (SELECT unnest($1::VARCHAR[]) AS s,"
                " unnest($2::VARCHAR[]) AS o) x WHERE results.sha256 = x.s"
                " AND results.appeal_of IS NULL", [shas, ofs])


def mark(con: DuckDBPyConnection) -> list[str]:
    """Mark the results replaced by one stored (inside the ingest's transaction): the
    branch of each result marked (their monthly counts and day marks are then counted
    again, :func:`branchcheck.network.rollups.refresh`)."""
    row = con.execute("SELECT count(*) FROM (SELECT 1 FROM results "
                      "WHERE appeal_of IS NOT NULL LIMIT 1)").fetchone()
    if not (row and row[0]):
        return []  # no appeal upheld anywhere: the common case, one column read
    return sorted(r[0] for r in con.execute(_MARK).fetchall())
