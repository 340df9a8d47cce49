"""Aggregates the ingest keeps beside the raw rows, so that views over whole
months stay fast at millions of results.

``item_months`` holds, per checklist, item, branch, month and source of the
check, how many times the item was answered (pass, partial or fail) and how
many times it failed;
``results.day_first`` marks the first result of each branch, checklist and day.
Both leave out results an upheld appeal replaced (:mod:`branchcheck.network.supersede`).
After an ingest adds results (or re-dates a branch's results), the months it
touched are counted again from the raw rows, in the ingest's transaction: the
table is never out of step with ``results`` and ``items``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.calendar import Period


def refresh(con: DuckDBPyConnection, *, after_rid: int, branches: Sequence[str] = ()) -> None:
    """Count again the months touched by results with ``rid > after_rid``, and every
    month of ``branches`` (whose results were re-dated)."""
    from branchcheck.network.warehouse import DAY_FIRST, ITEM_SOURCE_MONTHS, ON_GROUPS

    con.execute(
        "CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT branch, "
        "CAST(date_trunc('month', day) AS DATE) AS month FROM results WHERE rid > $1 "
        "OR branch IN (SELECT unnest($2::VARCHAR[]))", [after_rid, list(branches)])
    try:
        if branches:
            con.execute("DELETE FROM item_months WHERE branch IN "
                        "(SELECT unnest($1::VARCHAR[]))", [list(branches)])
        con.execute("DELETE FROM item_months m USING touched t "
                    "WHERE m.branch = t.branch AND m.month = t.month")
        con.execute(
            "INSERT INTO item_months " + ITEM_SOURCE_MONTHS + " AND NOT r.superseded "  # noqa: S608
            "AND EXISTS (SELECT 1 FROM touched t "
            "WHERE t.branch = r.branch AND t.month = CAST(date_trunc('month', r.day) AS DATE))"
            " GROUP BY ALL")
        con.execute(DAY_FIRST + " WHERE NOT r.superseded AND EXISTS (SELECT 1 "
                    "FROM touched t WHERE t.branch = r.branch "
                    "AND t.month = CAST(date_trunc('month', r.day) AS DATE)) "
                    "GROUP BY ALL) f" + ON_GROUPS)
    finally:
        con.execute("DROP TABLE touched")


def whole_months(period: Period) -> bool:
    """Whether ``period`` runs from a first of the month to a last of the month."""
    return period.start.day == 1 and (period.end + timedelta(days=1)).day == 1

