"""Complaint figures of the network (``network complaints``, the report's section): per
unit at the scope's level, or per category, one SQL pass over the ``complaints`` table.

With P = the period (first to last day) and J = the day the figures are judged at (the
period's last day, or today when earlier):

- received: cases received in P; closed: cases closed (办结) in P and still closed;
- open: received on or before J and not closed by J;
- overdue: open cases whose reply is still missing after its promised day, or whose
  decision is still untold after its limit (as of J);
- decisions on time: of the cases whose decision limit falls in P and has either
  passed by J or been met, the share told by the limit; replies on time likewise for
  the first promised reply and the first reply;
- ageing: open cases by calendar days since receipt, in the rules' buckets;
- repeats: cases received in P that repeat an earlier complaint of the same customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope

GROUPS = ("unit", "category")


def judged_on(scope: Scope) -> date:
    """The day overdue is judged at: the period's last day, or today if earlier."""
    from branchcheck.actions.calendar import today

    return min(scope.period.end, today())


def buckets(bounds: Sequence[int], lang: str) -> list[str]:
    """Labels of the ageing buckets: ``≤5 天``, ``6–15 天``, ..., ``≥61 天`` (no ``>``:
    Markdown would show it as ``&gt;``)."""
    labels, low = [], 0
    for high in bounds:
        labels.append(t(lang, f"{low}–{high} 天", f"{low}–{high} d") if low else
                      t(lang, f"≤{high} 天", f"≤{high} d"))
        low = high + 1
    labels.append(t(lang, f"≥{bounds[-1] + 1} 天", f"≥{bounds[-1] + 1} d") if bounds else
                  t(lang, "全部", "all"))
    return labels


def figures(con: DuckDBPyConnection, scope: Scope, *, by: str = "unit",
            ageing: Sequence[int] = (5, 15, 30, 60)) -> list[dict[str, Any]]:
    """One row per unit (``by='unit'``) or category: the figures above."""
    from branchcheck.network.scope import prepare_rollup, unit_names

    if by not in GROUPS:
        return []
    prepare_rollup(con, scope)
    day, start, end = judged_on(scope), scope.period.start, scope.period.end
    key = "ro.unit" if by == "unit" else "c.category"
    is_open = "(c.received <= $3 AND NOT (c.status = 'closed' AND c.closed <= $3))"
    late = ("(((c.replied IS NULL OR c.replied > $3) AND c.reply_due < $3) OR "
            "((c.told IS NULL OR c.told > $3) AND c.decision_due < $3))")
    dec = ("(c.decision_due BETWEEN $1 AND $2 AND (c.decision_due < $3 OR "
           "(c.told IS NOT NULL AND c.told <= $3)))")
    rep = ("(c.first_reply_due BETWEEN $1 AND $2 AND (c.first_reply_due < $3 OR "
           "(c.first_reply IS NOT NULL AND c.first_reply <= $3)))")
    age = "date_diff('day', c.received, $3::DATE)"
    cuts, low = [], -1
    for high in ageing:
        cuts.append(f"count(*) FILTER (WHERE {is_open} AND {age} > {low} AND {age} <= {high})")
        low = high
    cuts.append(f"count(*) FILTER (WHERE {is_open} AND {age} > {low})")
    # every piece is a constant of this function or a whole number of the rules
    sql = (
        f"SELECT {key}, count(*) FILTER (WHERE c.received BETWEEN $1 AND $2),"  # noqa: S608
        " count(*) FILTER (WHERE c.status = 'closed' AND c.closed BETWEEN $1 AND $2),"
        f" count(*) FILTER (WHERE {is_open}), count(*) FILTER (WHERE {is_open} AND {late}),"
        f" count(*) FILTER (WHERE {dec}),"
        f" count(*) FILTER (WHERE {dec} AND c.told IS NOT NULL AND c.told <= c.decision_due),"
        f" count(*) FILTER (WHERE {rep}),"
        f" count(*) FILTER (WHERE {rep} AND c.first_reply IS NOT NULL"
        "  AND c.first_reply <= c.first_reply_due),"
        " count(*) FILTER (WHERE c.is_repeat AND c.received BETWEEN $1 AND $2),"
        " count(*) FILTER (WHERE c.escalations > 0 AND c.received BETWEEN $1 AND $2), "
        + ", ".join(cuts) +
        " FROM complaints c JOIN rollup ro ON ro.branch = c.branch"
        " WHERE c.received <= $2 GROUP BY ALL")
    labels = buckets(ageing, scope.lang)
    rows = []
    for found in con.execute(sql, [start, end, day]).fetchall():
        (k, received, closed, opened, overdue, dec_n, dec_ok, rep_n, rep_ok, repeats,
         escalated) = found[:11]
        if not (received or closed or opened):
            continue
        rows.append({by: k, "received": received, "closed": closed, "open": opened,
                     "overdue": overdue, "decisions_due": dec_n, "decisions_on_time": dec_ok,
                     "decision_on_time_rate": dec_ok / dec_n if dec_n else None,
                     "replies_due": rep_n, "replies_on_time": rep_ok,
                     "reply_on_time_rate": rep_ok / rep_n if rep_n else None,
                     "repeats": repeats, "escalated": escalated,
                     "ageing": dict(zip(labels, found[11:], strict=True)),
                     "as_of": day.isoformat()})
    if by == "unit":
        names = unit_names(con, scope, [r["unit"] for r in rows])
        for r in rows:
            r["name"] = names[r["unit"]]
    rows.sort(key=lambda r: (-r["overdue"], -r["open"], -r["received"], r[by]))
    return rows


def report_part(con: DuckDBPyConnection, scope: Scope) -> tuple[str, list[dict[str, Any]],
                                                                 list[Any], str] | None:
    """The monthly report's complaints section (None when no register was ingested):
    per unit, with the bundled rules' ageing buckets."""
    from branchcheck.complaints.rules import load
    from branchcheck.network.complaints import has_registers
    from branchcheck.network.tables_complaints import complaints_columns

    if not has_registers(con):
        return None
    rules = load()
    lang, day = scope.lang, judged_on(scope).isoformat()
    rows = figures(con, scope, ageing=rules.ageing)
    cols = complaints_columns(lang, "unit", buckets(rules.ageing, lang), rules.categories)
    note = t(lang, f"逾期与未办结按 {day} 计算；时限规则与账龄分段为部门设置"
                   "（docs/complaints.md）；不含客户个人信息。",
             f"Open and overdue judged on {day}; deadline rules and ageing buckets are "
             "department settings (docs/complaints.md); no customer data.")
    return t(lang, "投诉", "Complaints"), rows, cols, note
