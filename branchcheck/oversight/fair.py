"""Fair figures for units with few checks, beside the league's period score
(docs/oversight.md "Fair ranks with few checks").

For each unit of a league (after :func:`branchcheck.network.scores.league` filled
``outlet_scores`` on the connection) the observations behind its period score are
taken: for an outlet, its checks' final scores and, when missed checks count as 0
(``missed: zero``), a 0 for each missed check; for a unit above outlets, its outlets'
period scores. With n observations, mean m (the period score) and sum of squares S:

- the t interval ``m +- t(0.975, n - 1) s / sqrt(n)``, ``s^2 = (S - n m^2) / (n - 1)``,
  clipped to 0..100;
- the shrunk score ``c + B (m - c)``, ``B = tau^2 / (tau^2 + s_p^2 / n)``, toward the
  league's mean c (the mean of its units' scores: the parent unit's mean when the
  league is one unit's children), ``s_p^2`` the pooled within-unit variance and
  ``tau^2`` estimated by moments (:func:`branchcheck.core.stats.shrink`);
- the funnel flag: the score below (``low95``, ``low99.8``) or above (``high95``,
  ``high99.8``) the limits ``c -+ z s_p / sqrt(n)`` (Spiegelhalter 2005).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from branchcheck.network.supersede import COUNTED

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope


def _observations(con: DuckDBPyConnection, scope: Scope, zero: bool
                  ) -> dict[str, tuple[int, float, float]]:
    """(n, sum, sum of squares) of the observations of each league unit."""
    from branchcheck.network.scope import source_clause

    checks = {o: (int(n), float(s or 0), float(q or 0)) for o, n, s, q in con.execute(
        "SELECT r.branch, count(r.overall_final), sum(r.overall_final), "  # noqa: S608
        "sum(r.overall_final * r.overall_final) FROM results r "
        "JOIN rollup ro ON ro.branch = r.branch WHERE r.day BETWEEN $1 AND $2 "
        f"AND r.checklist_id = $3 AND {source_clause(4)} AND {COUNTED} GROUP BY ALL",
        [scope.period.start, scope.period.end, scope.checklist,
         scope.source_param()]).fetchall()}
    rows = con.execute("SELECT lvl, outlet, missed, score FROM outlet_scores "
                       "WHERE cur AND score IS NOT NULL").fetchall()
    out: dict[str, tuple[int, float, float]] = {}
    if all(lvl == outlet for lvl, outlet, _, _ in rows):  # a league of outlets: its checks
        for _, outlet, missed, _ in rows:
            n, s, q = checks.get(outlet, (0, 0.0, 0.0))
            out[outlet] = (n + (int(missed) if zero else 0), s, q)
        return out
    for lvl, _, _, score in rows:  # a league of units: its outlets' period scores
        n, s, q = out.get(lvl, (0, 0.0, 0.0))
        out[lvl] = (n + 1, s + float(score), q + float(score) ** 2)
    return out


def add_fair(con: DuckDBPyConnection, scope: Scope, rows: list[dict[str, Any]],
             zero: bool = True) -> list[dict[str, Any]]:
    """``rows`` of a league with ``score_low``, ``score_high``, ``score_shrunk`` and
    ``funnel`` added (see the module); the rows."""
    from branchcheck.core.stats import Z95, Z998, funnel, shrink, t_quantile

    obs = _observations(con, replace_checklist(scope, rows), zero)
    stats: dict[str, tuple[int, float, float | None]] = {}
    within = dof = 0.0
    for unit, (n, s, q) in obs.items():
        if n == 0:
            continue
        mean = s / n
        var = max(0.0, (q - n * mean * mean) / (n - 1)) if n > 1 else None
        stats[unit] = (n, mean, var)
        if var is not None:
            within += var * (n - 1)
            dof += n - 1
    pooled = within / dof if dof else 0.0
    scored = [r for r in rows if r.get("score") is not None and r["unit"] in stats]
    centre = (math.fsum(r["score"] for r in scored) / len(scored)) if scored else None
    shrunk = shrink([r["score"] for r in scored],
                    [pooled / stats[r["unit"]][0] for r in scored], centre=centre)
    by_unit = dict(zip([r["unit"] for r in scored], shrunk.values, strict=True))
    for r in rows:
        n, _, var = stats.get(r["unit"], (0, 0.0, None))
        r["score_low"] = r["score_high"] = r["funnel"] = None
        r["score_shrunk"] = by_unit.get(r["unit"])
        if r.get("score") is None or n == 0:
            continue
        if var is not None:
            half = t_quantile(0.975, n - 1) * math.sqrt(var / n)
            r["score_low"] = max(0.0, r["score"] - half)  # scores lie in 0..100
            r["score_high"] = min(100.0, r["score"] + half)
        if centre is not None and pooled > 0:
            for name, z in (("99.8", Z998), ("95", Z95)):
                low, high = funnel(centre, math.sqrt(pooled), n, z)
                if r["score"] < low or r["score"] > high:
                    r["funnel"] = ("low" if r["score"] < low else "high") + name
                    break
    return rows


def replace_checklist(scope: Scope, rows: list[dict[str, Any]]) -> Scope:
    """The scope with the league's checklist (the one its rows name)."""
    from dataclasses import replace

    checklist = next((r.get("checklist") for r in rows if r.get("checklist")), None)
    return replace(scope, checklist=checklist or scope.checklist)
