"""Mystery shoppers' visit records in the warehouse, and the waiting-time view.

Ingest keeps, for each result with a visit record (``shop import``, docs/shop.md),
one ``visits`` row: wave, visit id, visit date, time slot, waiting minutes and
scenario. Never the shopper id or the teller number: they are personal data, kept in
the result file only, so the warehouse and its export cannot hold them.

``network waiting`` (:func:`waiting`) gives, per unit at the scope's level, the
waiting minutes of the mystery-shopper visits of the period (by the result's day, the
visit's day): visits with a waiting time, mean, median, 90th percentile (nearest
rank: the ⌈0.9·n⌉-th smallest), maximum, and how many waited ``over`` minutes or
more (default :data:`DEFAULT_OVER`, a department setting). Units are listed longest
mean wait first. A result replaced by an upheld appeal is not counted
(:mod:`branchcheck.network.supersede`): its replacement carries the same visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.supersede import COUNTED

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope

DEFAULT_OVER = 15.0
"""Minutes of waiting counted as too long (a default: ``--over``)."""

_STORE = (
    "INSERT INTO visits SELECT r.rid, x.wave, x.id, TRY_CAST(x.day AS DATE), x.slot,"
    " x.waiting, x.scenario FROM (SELECT unnest($1::VARCHAR[]) AS sha,"
    " unnest($2::VARCHAR[]) AS wave, unnest($3::VARCHAR[]) AS id,"
    " unnest($4::VARCHAR[]) AS day, unnest($5::VARCHAR[]) AS slot,"
    " unnest($6::DOUBLE[]) AS waiting, unnest($7::VARCHAR[]) AS scenario) x"
    " JOIN results r ON r.sha256 = x.sha WHERE NOT EXISTS"
    " (SELECT 1 FROM visits v WHERE v.rid = r.rid)")


def store_visits(con: DuckDBPyConnection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Add the visit rows ``(sha256, wave, id, date, slot, waiting, scenario)`` of results
    stored (now or before: a result read again keeps one row)."""
    if rows:
        con.execute(_STORE, [list(c) for c in zip(*rows, strict=True)])


BY = {"unit": "ro.unit", "scenario": "coalesce(x.scenario, '—')",
      "slot": "coalesce(x.slot, '—')"}
"""What ``--by`` groups the visits by (of the scope's units): the unit at the level, the
scenario, the time slot ('—' where the delivery gave none)."""


def waiting(con: DuckDBPyConnection, scope: Scope, *, over: float | None = None,
            by: str = "unit") -> list[dict[str, Any]]:
    """Waiting minutes of the period's mystery-shopper visits per unit, scenario or slot
    (``by``; see the module)."""
    from branchcheck.network.scope import prepare_rollup, unit_names

    over = DEFAULT_OVER if over is None else over
    if not 0 <= over <= 1440:
        raise UsageError(t(scope.lang, "--over 应在 0 到 1440 分钟之间",
                           "--over must be 0 to 1440 minutes"))
    if by not in BY:
        raise UsageError(t(scope.lang, "--by 只能是 unit、scenario 或 slot",
                           "--by must be unit, scenario or slot"))
    key = BY[by]
    prepare_rollup(con, scope)
    rows = con.execute(
        f"SELECT {key}, count(*), avg(w), median(w),"  # noqa: S608 - constant
        " list_sort(list(w))[CAST(ceil(0.9 * count(*)) AS BIGINT)], max(w),"
        " count(*) FILTER (WHERE w >= $4) FROM (SELECT r.branch, v.scenario, v.slot,"
        " v.waiting_minutes AS w"
        " FROM results r JOIN visits v ON v.rid = r.rid WHERE r.day BETWEEN $1 AND $2"
        " AND ($3::VARCHAR IS NULL OR r.checklist_id = $3)"
        f" AND r.check_source = 'mystery-shopper' AND {COUNTED}"
        " AND v.waiting_minutes IS NOT NULL) x JOIN rollup ro ON ro.branch = x.branch"
        f" GROUP BY {key} ORDER BY avg(w) DESC, {key}",
        [scope.period.start, scope.period.end, scope.checklist, over]).fetchall()
    names = unit_names(con, scope, (r[0] for r in rows)) if by == "unit" else {}
    return [{by: u, **({"name": names[u]} if by == "unit" else {}), "visits": int(n),
             "mean": mean, "median": med, "p90": p90, "max": top, "over": int(k),
             "over_share": k / n, "threshold": over}
            for u, n, mean, med, p90, top, k in rows]


def waiting_columns(lang: str, over: float, by: str = "unit") -> list[Any]:
    """Columns of ``network waiting`` (rendered like every view)."""
    from branchcheck.network.columns import Column
    from branchcheck.network.tables import pct

    def minutes(key: str, header: str) -> Column:
        return Column(header, lambda r: "—" if r.get(key) is None else f"{r[key]:.1f}",
                      lambda r: r.get(key), True)

    limit = f"{over:g}"
    head = {"unit": [Column(t(lang, "单位", "Unit"), lambda r: r["unit"], lambda r: r["unit"]),
                     Column(t(lang, "名称", "Name"), lambda r: r["name"], lambda r: r["name"])],
            "scenario": [Column(t(lang, "场景", "Scenario"), lambda r: r["scenario"],
                                lambda r: r["scenario"])],
            "slot": [Column(t(lang, "时段", "Slot"), lambda r: r["slot"], lambda r: r["slot"])]}
    return [
        *head[by],
        Column(t(lang, "暗访次数", "Visits"), lambda r: str(r["visits"]),
               lambda r: r["visits"], True),
        minutes("mean", t(lang, "平均等候（分钟）", "Mean wait (min)")),
        minutes("median", t(lang, "中位数", "Median")),
        minutes("p90", t(lang, "90 分位", "90th pct")),
        minutes("max", t(lang, "最长", "Max")),
        Column(t(lang, f"等候 ≥{limit} 分钟", f"Waited >= {limit} min"),
               lambda r: f"{r['over']} ({pct(r['over_share'])})", lambda r: r["over"], True),
    ]
