"""How far each outlet's self-checks can be believed: self-checks paired with
independent checks of the same checklist, item by item (``network honesty``).

Pairing (docs/oversight.md): every independent check in the period (any source
but ``self``) is paired with the outlet's self-check of the same checklist that
is nearest to it in time within the window (default: the same ISO week; or
within N days); ties go to the earlier self-check. Items answered in both
(status pass, partial or fail) are compared: *pass* is a full pass, *fail* is a
partial or a fail. In each 2 x 2 table

    a = both pass       b = self pass, independent fail (a missed failure)
    c = self fail, independent pass (a false alarm)     d = both fail

missed-failure rate ``b / (b + d)`` (of the failures the inspector found, the
share the outlet passed itself), false-alarm rate ``c / (a + c)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.supersede import COUNTED

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope

BY = ("unit", "item", "reviewer")
MIN_PAIRS = 5
"""Default fewest item pairs a reviewer needs to be listed (a setting: ``--min-pairs``)."""



@dataclass(frozen=True)
class Window:
    """How near a self-check must be: the same ISO week, or within ``days`` days."""

    days: int | None = None

    @property
    def label(self) -> str:
        return "week" if self.days is None else f"{self.days}d"


def parse_window(text: str, lang: str) -> Window:
    """``week`` or a number of days 0-31."""
    if text == "week":
        return Window()
    if text.isdigit() and int(text) <= 31:
        return Window(int(text))
    raise UsageError(t(lang, f"--window 应为 week 或 0 到 31 的天数，而不是 {text!r}",
                       f"--window must be week or a number of days 0-31, not {text!r}"))


def pair(con: DuckDBPyConnection, scope: Scope, window: Window) -> int:
    """Fill the temp tables ``hpair`` (one row per independent check and its self-check)
    and ``hitem`` (one row per item answered in both); the number of pairs."""
    from branchcheck.network.scope import prepare_rollup

    prepare_rollup(con, scope)
    near = ("date_trunc('week', s.day) = date_trunc('week', i.day)" if window.days is None
            else "abs(s.day - i.day) <= $4")
    reach = 7 if window.days is None else int(window.days)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE hpair AS SELECT * FROM ("  # noqa: S608 - constant parts
        " SELECT i.rid AS irid, s.rid AS srid, i.unit, i.branch, i.checklist_id, i.day,"
        " i.check_source AS source, s.reviewer, s.overall_final - i.overall_final AS diff,"
        " row_number() OVER (PARTITION BY i.rid ORDER BY"
        " abs(epoch(s.finished_utc) - epoch(i.finished_utc)), s.finished_utc, s.rid) AS k"
        " FROM (SELECT r.*, ro.unit FROM results r JOIN rollup ro ON ro.branch = r.branch"
        "  WHERE r.day BETWEEN $1 AND $2 AND ($3::VARCHAR IS NULL OR r.checklist_id = $3)"
        f"  AND r.check_source <> 'self' AND {COUNTED}) i"
        " JOIN results s ON s.branch = i.branch AND s.checklist_id = i.checklist_id"
        " AND s.check_source = 'self' AND NOT s.superseded"
        " AND s.day BETWEEN $1 - $4::INTEGER AND $2 + $4::INTEGER"
        f" AND {near}) WHERE k = 1",
        [scope.period.start, scope.period.end, scope.checklist, reach])
    con.execute(
        "CREATE OR REPLACE TEMP TABLE hitem AS SELECT p.irid, p.unit, p.branch, p.reviewer,"
        " p.checklist_id, ii.item_id, si.status = 'pass' AS self_pass,"
        " ii.status = 'pass' AS ind_pass FROM hpair p"
        " JOIN items ii ON ii.rid = p.irid JOIN items si ON si.rid = p.srid"
        " AND si.item_id = ii.item_id WHERE ii.status IN ('pass', 'partial', 'fail')"
        " AND si.status IN ('pass', 'partial', 'fail')")
    row = con.execute("SELECT count(*) FROM hpair").fetchone()
    return int(row[0]) if row else 0


# a, b, c, d of the 2 x 2 table (see the module's docstring)
_CELLS = ("count(*) FILTER (WHERE self_pass AND ind_pass), "
          "count(*) FILTER (WHERE self_pass AND NOT ind_pass), "
          "count(*) FILTER (WHERE NOT self_pass AND ind_pass), "
          "count(*) FILTER (WHERE NOT self_pass AND NOT ind_pass)")


def _desc(value: Any) -> float:
    """A sort key putting the largest value first and a missing one last."""
    return -float(value) if value is not None else math.inf


def _rate(k: int, n: int) -> float | None:
    return k / n if n else None


def _ci(k: int, n: int) -> tuple[float, float] | tuple[None, None]:
    from branchcheck.core.stats import wilson

    found = wilson(k, n)
    return found if found is not None else (None, None)


def table_figures(a: int, b: int, c: int, d: int) -> dict[str, Any]:
    """Every figure of one 2 x 2 table of (self, independent) pass/fail."""
    from branchcheck.core.stats import mcnemar_exact
    from branchcheck.training.agreement import gwet_ac1, kappa_from_matrix, pabak

    n = a + b + c + d
    k = kappa_from_matrix([[a, b], [c, d]])
    agreement = (a + d) / n if n else None
    low, high = _ci(b, b + d)
    return {
        "pairs": n, "both_pass": a, "missed": b, "false_alarms": c, "both_fail": d,
        "independent_fails": b + d,
        "agreement": agreement, "kappa": k.value,
        "kappa_low": k.ci[0] if k.ci else None, "kappa_high": k.ci[1] if k.ci else None,
        "pabak": pabak(agreement) if agreement is not None else None,
        "ac1": gwet_ac1([[a, b], [c, d]]),
        "missed_rate": _rate(b, b + d), "missed_low": low, "missed_high": high,
        "false_alarm_rate": _rate(c, a + c),
        "mcnemar_p": mcnemar_exact(b, c),
    }


def by_item(con: DuckDBPyConnection, scope: Scope) -> list[dict[str, Any]]:
    """One row per checklist item over the scope: agreement, kappa, PABAK, AC1, missed
    failures, false alarms, McNemar; most missed failures first."""
    rows = con.execute(
        f"SELECT checklist_id, item_id, {_CELLS} FROM hitem GROUP BY ALL"  # noqa: S608
        ).fetchall()
    texts = {(c, i): (zh, en) for c, i, zh, en in con.execute(
        "SELECT checklist_id, id, any_value(zh), any_value(en) FROM texts "
        "WHERE kind = 'item' GROUP BY ALL").fetchall()}
    out = []
    for c, i, a, b, cc, d in rows:
        zh, en = texts.get((c, i), ("", ""))
        out.append({"checklist": c, "item": i,
                    "text": (zh or en) if scope.lang == "zh" else (en or zh),
                    **table_figures(a, b, cc, d)})
    out.sort(key=lambda r: (_desc(r["missed_rate"]), -r["missed"], r["checklist"], r["item"]))
    return out


def by_reviewer(con: DuckDBPyConnection, scope: Scope, min_pairs: int = MIN_PAIRS
                ) -> list[dict[str, Any]]:
    """One row per self-check reviewer with at least ``min_pairs`` item pairs."""
    rows = con.execute(
        "SELECT coalesce(reviewer, ''), list(DISTINCT unit ORDER BY unit), "  # noqa: S608
        f"{_CELLS} FROM hitem GROUP BY ALL").fetchall()
    # shrunk toward the rate of every reviewer's pairs, as the units' (by_unit)
    _, shrunk = shrink_rates({who: (b, b + d) for who, _, _, b, _, d in rows})
    out = [{"reviewer": who, "units": list(units), **table_figures(a, b, c, d),
            "missed_rate_shrunk": shrunk.get(who)}
           for who, units, a, b, c, d in rows if a + b + c + d >= min_pairs]
    out.sort(key=lambda r: (_desc(r["missed_rate_shrunk"]), _desc(r["missed_rate"]),
                            -r["missed"], r["reviewer"]))
    return out


def shrink_rates(counts: dict[str, tuple[int, int]]) -> tuple[float, dict[str, float]]:
    """The pooled missed-failure rate ``p0`` of ``counts`` (key: missed, independent
    fails) and each key's rate shrunk toward it, with the binomial sampling variance
    ``p0 (1 - p0) / n`` (keys without fails have none; docs/oversight.md)."""
    from branchcheck.core.stats import shrink

    total_b = sum(b for b, _ in counts.values())
    total_f = sum(n for _, n in counts.values())
    p0 = total_b / total_f if total_f else 0.0
    rated = [k for k, (_, n) in counts.items() if n]
    rates = shrink([counts[k][0] / counts[k][1] for k in rated],
                   [max(p0 * (1 - p0), 1e-9) / counts[k][1] for k in rated], centre=p0)
    return p0, dict(zip(rated, rates.values, strict=True))


def funnel_flag(rate: float | None, p0: float, n: int) -> str:
    """``"99.8"`` or ``"95"`` when a missed-failure rate of ``n`` independent fails lies
    above that funnel limit around the scope's rate ``p0`` (Spiegelhalter 2005:
    ``p0 + z sqrt(p0 (1 - p0) / n)``), else ``""``."""
    from branchcheck.core.stats import Z95, Z998, funnel

    if rate is None or n == 0:
        return ""
    sd = math.sqrt(p0 * (1 - p0))
    for name, z in (("99.8", Z998), ("95", Z95)):
        if rate > funnel(p0, sd, n, z)[1]:
            return name
    return ""


def by_unit(con: DuckDBPyConnection, scope: Scope) -> list[dict[str, Any]]:
    """One row per unit: missed failures (raw and shrunk), mean self minus independent
    score with its t interval (raw and shrunk), Bland-Altman flag; least credible first."""
    from branchcheck.core.stats import bland_altman, mean_interval, shrink
    from branchcheck.network.scope import unit_names

    diffs: dict[str, list[float]] = {}
    for unit, diff in con.execute(
            "SELECT unit, diff FROM hpair WHERE diff IS NOT NULL ORDER BY unit, irid"
            ).fetchall():
        diffs.setdefault(unit, []).append(float(diff))
    cells = {u: (int(n), int(a), int(b), int(c), int(d)) for u, n, a, b, c, d in con.execute(
        f"SELECT unit, count(DISTINCT irid), {_CELLS} FROM hitem GROUP BY ALL"  # noqa: S608
        ).fetchall()}
    units = sorted(set(diffs) | set(cells))
    if not units:
        return []
    # missed-failure rates shrunk toward the scope's rate (binomial sampling variance)
    p0, shrunk_rate = shrink_rates({u: (cells[u][2], cells[u][2] + cells[u][4])
                                    for u in units if u in cells})
    # mean differences shrunk toward the scope's mean (pooled within-unit variance)
    every = [x for u in units for x in diffs.get(u, [])]
    ba = bland_altman(every)
    pooled = ba.sd ** 2 if ba is not None else 0.0
    differ = [u for u in units if diffs.get(u)]
    means = shrink([math.fsum(diffs[u]) / len(diffs[u]) for u in differ],
                   [pooled / len(diffs[u]) for u in differ],
                   centre=ba.bias if ba is not None else None)
    shrunk_diff = dict(zip(differ, means.values, strict=True))
    names = unit_names(con, scope, units)
    out = []
    for u in units:
        n, a, b, c, d = cells.get(u, (0, 0, 0, 0, 0))
        found = mean_interval(diffs.get(u, []))
        low, high = _ci(b, b + d)
        outside = (ba is not None and found is not None
                   and not ba.lower <= found.mean <= ba.upper)
        rate = _rate(b, b + d)
        out.append({
            "unit": u, "name": names[u], "checks": len(diffs.get(u, [])) or n,
            "item_pairs": a + b + c + d, "independent_fails": b + d, "missed": b,
            "missed_rate": _rate(b, b + d), "missed_low": low, "missed_high": high,
            "missed_rate_shrunk": shrunk_rate.get(u),
            "false_alarm_rate": _rate(c, a + c),
            "diff": found.mean if found else None,
            "diff_low": found.ci[0] if found and found.ci else None,
            "diff_high": found.ci[1] if found and found.ci else None,
            "diff_shrunk": shrunk_diff.get(u),
            "outside_limits": outside,
            "funnel": funnel_flag(rate, p0, b + d),
        })
    out.sort(key=lambda r: (_desc(r["missed_rate_shrunk"]), _desc(r["diff_shrunk"]),
                            r["unit"]))
    for k, r in enumerate(out, 1):
        r["rank"] = k
    return out


def title_words(window: Window, found: dict[str, Any] | None) -> tuple[str, str]:
    """The view's title in zh and en: the pairing window (and that the default is a
    setting) and the Bland-Altman limits of agreement."""
    if window.days is None:
        zh, en = "同一周（默认，可设置）", "same week (default, a setting)"
    else:
        zh, en = f"前后 {window.days} 天内", f"within {window.days} days"
    zh, en = f"自查可信度（配对：{zh}", f"Self-check credibility (paired: {en}"
    if found is None:
        return zh + "）", en + ")"
    low, high, n = f"{found['lower']:+.1f}", f"{found['upper']:+.1f}", found["n"]
    return (zh + f"；自查减独立检查的一致性界限 {low} 至 {high}，{n} 对）",
            en + f"; limits of agreement of self minus independent {low} to {high}, "
                 f"{n} pairs)")


def report_parts(con: DuckDBPyConnection, scope: Scope) -> list[Any]:
    """The monthly report's section: the units' honesty of self-checks (least credible
    first), when the period holds independent checks paired with self-checks."""
    from dataclasses import replace

    from branchcheck.oversight.funnel_plot import funnel_svg
    from branchcheck.oversight.tables import unit_columns

    outlets = replace(scope, level=None)
    if pair(con, outlets, Window()) == 0:
        return []
    rows = by_unit(con, outlets)
    zh, en = title_words(Window(), limits(con))
    return [(t(scope.lang, zh, en), rows, unit_columns(scope.lang),
             t(scope.lang, "每次独立检查与同一周内最近的自查逐项比较；漏报率为独立检查"
                           "不通过而自查通过的比例（收缩值按全网比例调整）。"
                           "详见 docs/oversight.md。",
               "Each independent check is compared item by item with the nearest self-check "
               "of the same week; the missed-failure rate is the share of the inspector's "
               "fails the outlet passed itself (shrunk toward the network's rate). See "
               "docs/oversight.md."), funnel_svg(rows, scope.lang))]


def limits(con: DuckDBPyConnection) -> dict[str, Any] | None:
    """The Bland-Altman figures over every pair of the scope (after :func:`pair`)."""
    from branchcheck.core.stats import bland_altman

    found = bland_altman([float(d) for (d,) in con.execute(
        "SELECT diff FROM hpair WHERE diff IS NOT NULL ORDER BY irid").fetchall()])
    if found is None:
        return None
    return {"n": found.n, "bias": found.bias, "sd": found.sd, "lower": found.lower,
            "upper": found.upper}


def honesty(con: DuckDBPyConnection, scope: Scope, *, by: str = "unit",
            window: Window | None = None, min_pairs: int = MIN_PAIRS
            ) -> list[dict[str, Any]]:
    """The rows of ``network honesty --by unit|item|reviewer``."""
    if by not in BY:
        raise UsageError(t(scope.lang, "--by 只能是 unit、item 或 reviewer",
                           "--by must be unit, item or reviewer"))
    pair(con, scope, window or Window())
    if by == "item":
        return by_item(con, scope)
    if by == "reviewer":
        return by_reviewer(con, scope, min_pairs)
    return by_unit(con, scope)
