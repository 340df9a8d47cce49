"""The roll-up views as SQL over the warehouse: league, missing, items, trend.

Every view works on a :class:`Scope` (period, checklist, subtree, level). The
directory decides which unit each result's branch rolls up to, in a temporary
table ``rollup(branch, unit)``: made in DuckDB from ``unit_tree`` for the
directory stored at ingest, or sent from Python for one given with ``--org``.
Results are dated by ``day``: their finished time in the unit's time zone,
computed at ingest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.calendar import Period
from branchcheck.network.scope import Scope, prepare_rollup, source_clause, unit_names
from branchcheck.network.supersede import COUNTED
from branchcheck.org.directory import Rule

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

SCORED = ("pass", "partial", "fail")


def _filters(scope: Scope, period: Period) -> tuple[str, list[Any]]:
    return ("r.day BETWEEN $1 AND $2 AND ($3::VARCHAR IS NULL OR r.checklist_id = $3) "
            f"AND {source_clause(4)} AND {COUNTED}", [period.start, period.end, scope.checklist,
                                        scope.source_param()])


# ------------------------------------------------------------------ league


def league(con: DuckDBPyConnection, scope: Scope, *, min_n: int = 0,
           missed: str | None = None, min_completion: float | None = None,
           rules: Sequence[Rule] | None = None) -> list[dict[str, Any]]:
    """Units ranked by period score (:mod:`branchcheck.network.scores`); a setting not
    given is the directory's (``settings``), else the default."""
    from branchcheck.network.scores import ScoreRules
    from branchcheck.network.scores import league as scored

    chosen = scope.org.settings
    return scored(con, scope, ScoreRules(
        chosen.missed if missed is None else missed,
        chosen.min_completion if min_completion is None else min_completion, min_n),
        list(rules) if rules is not None else None)


# ------------------------------------------------------------------ items


def items(con: DuckDBPyConnection, scope: Scope, *, systemic: float | None = None,
          failing: float | None = None, top: int = 3) -> list[dict[str, Any]]:
    """Items by failure rate: rate, outlets failing it, worst units, change, 共性问题.

    Items of weight 0 that are not red lines (facts recorded) are never failures and
    are left out. An outlet *fails* an item in the period when its own failure rate
    reaches ``failing``; the item is a common problem (共性问题) when at least the
    share ``systemic`` of the outlets that answered it fail it. Both thresholds are
    the department's settings (the directory's ``settings``, else 0.2 and 0.3).
    """
    systemic = scope.org.settings.common if systemic is None else systemic
    failing = scope.org.settings.failing if failing is None else failing
    for value, option in ((systemic, "--systemic"), (failing, "--failing")):
        if not 0 < value <= 1:
            raise UsageError(t(scope.lang, f"{option} 应在 0 与 1 之间",
                               f"{option} must be between 0 and 1"))
    prepare_rollup(con, scope)
    earlier = scope.period.previous()
    item_counts(con, scope, earlier)
    con.execute("DELETE FROM ifail f USING texts x WHERE x.kind = 'unscored' "
                "AND x.checklist_id = f.c AND x.id = f.i")
    overall = ("SELECT c, i, sum(n), sum(f), count(DISTINCT b) FILTER (WHERE f > 0 AND "
               "f >= $2 * n), count(DISTINCT b) FILTER (WHERE f > 0), count(DISTINCT b) "
               "FROM ifail WHERE cur = $1 GROUP BY ALL ORDER BY ALL")
    now = con.execute(overall, [True, failing]).fetchall()
    before = {(c, i): f / n for c, i, n, f, *_ in con.execute(overall,
                                                              [False, failing]).fetchall()}
    per_unit: dict[tuple[str, str], list[tuple[str, float, int]]] = {}
    for c, i, u, n, f in con.execute(
            "SELECT c, i, u, sum(n), sum(f) FROM ifail WHERE cur GROUP BY ALL "
            "HAVING sum(f) > 0 ORDER BY sum(f) / sum(n) DESC, sum(f) DESC, u").fetchall():
        per_unit.setdefault((c, i), []).append((u, f / n, int(f)))
    texts = {(c, i): (zh, en) for c, i, zh, en in con.execute(
        "SELECT checklist_id, id, any_value(zh), any_value(en) FROM texts "
        "WHERE kind = 'item' GROUP BY ALL").fetchall()}
    out = []
    for c, i, n, f, outlets_failing, outlets_any, outlets in now:
        rate = f / n if n else 0.0
        prev = before.get((c, i))
        zh, en = texts.get((c, i), ("", ""))
        out.append({
            "checklist": c, "item": i, "text": (zh or en) if scope.lang == "zh" else (en or zh),
            "answered": int(n), "failed": int(f), "rate": rate,
            "outlets_failing": int(outlets_failing), "outlets_any_fail": int(outlets_any),
            "outlets": int(outlets),
            "share": outlets_failing / outlets if outlets else 0.0,
            "worst": [{"unit": u, "rate": r, "failed": k}
                      for u, r, k in per_unit.get((c, i), [])[:top]],
            "previous": prev, "change": None if prev is None else rate - prev,
        })
    for row in out:
        row["systemic"] = row["outlets"] > 0 and row["share"] >= systemic
    out.sort(key=lambda r: (-r["rate"], -r["failed"], r["checklist"], r["item"]))
    return out


def item_counts(con: DuckDBPyConnection, scope: Scope, earlier: Period, *,
                monthly: bool | None = None) -> None:
    """Fill the temp table ``ifail (c, i, u, b, cur, n, f)``: answered and failed
    counts per checklist, item, unit and outlet, for the period (``cur``) and the
    one before, of the scope's sources. Whole months are read from the monthly
    counts kept at ingest (:mod:`branchcheck.network.rollups`), other periods from
    every item row (``monthly`` forces either; both give the same figures)."""
    from branchcheck.network.rollups import whole_months

    if monthly is None:
        monthly = whole_months(scope.period) and whole_months(earlier)
    args = [earlier.start, scope.period.end, scope.checklist, scope.period.start]
    if monthly:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE ifail AS SELECT m.checklist_id AS c, m.item_id AS i, "
            "ro.unit AS u, m.branch AS b, m.month >= $4 AS cur, sum(m.answered) AS n, "
            "sum(m.failed) AS f FROM item_months m JOIN rollup ro ON ro.branch = m.branch "
            "WHERE m.month BETWEEN $1 AND $2 AND ($3::VARCHAR IS NULL OR m.checklist_id = $3) "
            f"AND {source_clause(5, 'm')} GROUP BY ALL", [*args, scope.source_param()])
        return
    # One scan of the item rows for both periods, down to (item, unit, outlet);
    # every figure of ``items`` is a small aggregate of that.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ifail AS SELECT r.checklist_id AS c, i.item_id AS i, "
        "ro.unit AS u, r.branch AS b, r.day >= $4 AS cur, count(*) AS n, "
        "count(*) FILTER (WHERE i.status = 'fail') AS f FROM results r "
        "JOIN rollup ro ON ro.branch = r.branch JOIN items i ON i.rid = r.rid "
        "WHERE r.day BETWEEN $1 AND $2 AND ($3::VARCHAR IS NULL OR r.checklist_id = $3) "
        f"AND i.status IN ('pass', 'partial', 'fail') AND {source_clause(5)} "
        f"AND {COUNTED} GROUP BY ALL",
        [*args, scope.source_param()])


# ------------------------------------------------------------------ trend


def trend(con: DuckDBPyConnection, scope: Scope, *, by: str = "month") -> list[dict[str, Any]]:
    """Mean final score per unit per week or month."""
    if by not in ("week", "month"):
        raise UsageError(t(scope.lang, "--by 只能是 week 或 month", "--by must be week or month"))
    prepare_rollup(con, scope)
    where, args = _filters(scope, scope.period)
    key = "strftime(r.day, '%G-W%V')" if by == "week" else "strftime(r.day, '%Y-%m')"
    rows = con.execute(
        f"SELECT ro.unit, {key} AS bucket, count(*), avg(r.overall_final) "
        f"FROM results r JOIN rollup ro ON ro.branch = r.branch WHERE {where} "
        f"GROUP BY ALL ORDER BY ALL", args).fetchall()
    names = unit_names(con, scope, (r[0] for r in rows))
    return [{"unit": u, "name": names[u], "period": b, "n": int(n), "mean": m}
            for u, b, n, m in rows]


# ------------------------------------------------------------------ report parts


def heatmap(con: DuckDBPyConnection, scope: Scope) -> tuple[list[tuple[str, str]],
                                                           dict[str, dict[str, float]]]:
    """The sections of the scope's checklist in its own order, with their titles in the
    scope's language (the newest result's sections, as stored), and the mean section
    final per unit."""
    prepare_rollup(con, scope)
    where, args = _filters(scope, scope.period)
    cells: dict[str, dict[str, float]] = {}
    for u, sec, mean in con.execute(
            f"SELECT ro.unit, s.section_id, avg(s.final) FROM results r "
            f"JOIN rollup ro ON ro.branch = r.branch JOIN sections s ON s.rid = r.rid "
            f"WHERE {where} GROUP BY ALL", args).fetchall():
        if mean is not None:
            cells.setdefault(u, {})[sec] = mean
    ordered = con.execute(
        "SELECT s.section_id, any_value(x.zh), any_value(x.en), min(s.rowid) FROM sections s "
        "LEFT JOIN texts x ON x.kind = 'section' AND x.checklist_id = $1 AND x.id = s.section_id "
        "WHERE s.rid = (SELECT max(rid) FROM results r WHERE r.day BETWEEN $2 AND $3 AND "
        f"r.checklist_id = $1 AND {COUNTED}) GROUP BY 1 ORDER BY 4",
        [scope.checklist, scope.period.start, scope.period.end]).fetchall()
    sections = [(sec, (zh or en or sec) if scope.lang == "zh" else (en or zh or sec))
                for sec, zh, en, _ in ordered]
    return sections, cells


def red_lines(con: DuckDBPyConnection, scope: Scope) -> list[dict[str, Any]]:
    """Results with a knockout: day, branch, checklist and the failed critical items."""
    prepare_rollup(con, scope)
    where, args = _filters(scope, scope.period)
    rows = con.execute(
        f"SELECT r.day, r.branch, r.checklist_id, r.overall_final, "
        f"list(i.item_id ORDER BY i.item_id) FILTER (WHERE i.status = 'fail' "
        f"AND i.critical IS NOT NULL), list(i.note ORDER BY i.item_id) FILTER "
        f"(WHERE i.status = 'fail' AND i.critical IS NOT NULL AND i.note IS NOT NULL) "
        f"FROM results r JOIN rollup ro ON ro.branch = r.branch "
        f"JOIN items i ON i.rid = r.rid WHERE {where} AND (r.knocked_out OR EXISTS "
        f"(SELECT 1 FROM sections s WHERE s.rid = r.rid AND s.knocked_out)) "
        f"GROUP BY r.rid, r.day, r.branch, r.checklist_id, r.overall_final "
        f"ORDER BY r.day, r.branch", args).fetchall()
    names = unit_names(con, scope, (r[1] for r in rows))
    texts = {(c, i): (zh or en or i) if scope.lang == "zh" else (en or zh or i)
             for c, i, zh, en in con.execute(
                 "SELECT checklist_id, id, any_value(zh), any_value(en) FROM texts "
                 "WHERE kind = 'item' GROUP BY ALL").fetchall()}
    return [{"day": d.isoformat(), "branch": b, "name": names[b], "checklist": c,
             "final": f, "items": list(its or []),
             "texts": [texts.get((c, i), i) for i in its or []], "notes": list(notes or [])}
            for d, b, c, f, its, notes in rows]
