"""Expected checks: which checks the programme and the business calendar ask of
each unit, and which of them were done (``missing``, and ``league``'s completion).

A rule of the programme (a unit kind, a checklist, a cadence) gives each unit
of that kind one slot per day, business day, week, month or quarter it is open;
a slot is done when a result of the unit for the rule's checklist falls in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from branchcheck.errors import UsageError
from branchcheck.i18n import t
from branchcheck.network.calendar import Period, calendar_rows
from branchcheck.network.org import CADENCES, Rule
from branchcheck.network.views import Scope, prepare_rollup, unit_name

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

# A slot is named by its first day: the day itself, the ISO week's Monday, the
# first of the month or quarter (dates compare fast; labels are made in Python).
_SLOT = ("CASE {e} WHEN 'week' THEN CAST(date_trunc('week', {d}) AS DATE) "
         "WHEN 'month' THEN CAST(date_trunc('month', {d}) AS DATE) "
         "WHEN 'quarter' THEN CAST(date_trunc('quarter', {d}) AS DATE) ELSE {d} END")
# The same labels as :func:`slot_label`, made by DuckDB for long lists of slots.
_LABEL = ("CASE {e} WHEN 'week' THEN strftime({d}, '%G-W%V') "
          "WHEN 'month' THEN strftime({d}, '%Y-%m') "
          "WHEN 'quarter' THEN year({d})::VARCHAR || '-Q' || quarter({d})::VARCHAR "
          "ELSE strftime({d}, '%Y-%m-%d') END")
_REACH = {"day": 0, "business-day": 0, "week": 6, "month": 31, "quarter": 92}
"""Days a slot may reach outside the period (a week that started before it)."""


def _programme(scope: Scope, every: str | None, rules: Sequence[Rule] | None) -> list[Rule]:
    if every is not None:
        if every not in CADENCES:
            raise UsageError(t(scope.lang, f"未知频率 {every!r}", f"unknown cadence {every!r}; "
                               f"choose one of {', '.join(CADENCES)}"))
        return [Rule("*", scope.checklist or "*", every)]
    chosen = list(rules if rules is not None else scope.org.programme)
    if scope.checklist is not None:
        chosen = [r for r in chosen if r.checklist == scope.checklist]
    return chosen


def _slots(con: DuckDBPyConnection, scope: Scope, rules: Sequence[Rule]) -> str:
    """Fill temp tables for the expected-vs-done join; returns the SELECT of slots.

    Rules are numbered (``prog.rule``) so that the joins below compare a number,
    a branch and a date rather than four strings.
    """
    from branchcheck.network.warehouse import insert_columns

    org = scope.org
    con.execute("CREATE OR REPLACE TEMP TABLE cal (day DATE, open BOOLEAN, business BOOLEAN)")
    insert_columns(con, "cal", list(zip(*calendar_rows(
        scope.period, org.business_days, org.closed_days), strict=True)))
    con.execute("CREATE OR REPLACE TEMP TABLE prog (rule INTEGER, kind VARCHAR, "
                "checklist VARCHAR, every VARCHAR)")
    if rules:
        insert_columns(con, "prog", list(zip(*[(n, r.kind, r.checklist, r.every)
                                               for n, r in enumerate(rules)], strict=True)))
    leaves = set(org.leaves())
    members = org.subtree(scope.unit) if scope.unit else [u.id for u in org.units]
    con.execute("CREATE OR REPLACE TEMP TABLE su (id VARCHAR, kind VARCHAR, opened DATE, "
                "closed DATE)")
    chosen = [org.by_id[m] for m in members]
    wildcard = any(r.kind == "*" for r in rules)
    rows = [(u.id, "*" if wildcard else u.kind, u.opened, u.closed) for u in chosen
            if not wildcard or u.id in leaves]
    if rows:
        insert_columns(con, "su", list(zip(*rows, strict=True)))
    daily = _daily(rules)
    slot = "c.day" if daily else _SLOT.format(e="p.every", d="c.day")
    return (f"SELECT u.id AS unit, p.rule, {slot} AS slot, "
            f"{'c.day' if daily else 'min(c.day)'} AS first_day FROM su u "
            "JOIN prog p ON p.kind = u.kind "
            "JOIN cal c ON (CASE WHEN p.every = 'day' THEN c.open ELSE c.business END) "
            "AND (u.opened IS NULL OR c.day >= u.opened) "
            "AND (u.closed IS NULL OR c.day < u.closed)"
            f"{'' if daily else ' GROUP BY ALL'}")


def _daily(rules: Sequence[Rule]) -> bool:
    """Whether every rule's slot is a single day (no slot spans days to group)."""
    return all(r.every in ("day", "business-day") for r in rules)


def _expected(con: DuckDBPyConnection, scope: Scope, rules: Sequence[Rule]) -> str:
    """SQL of every expected check (unit, rule, slot, first_day) with a ``done`` flag
    (temp tables filled). A slot is done when some result of the unit for the
    rule's checklist falls in it: a semi-join, so two results count once."""
    slots = _slots(con, scope, rules)
    slot = "r.day" if _daily(rules) else _SLOT.format(e="e.every", d="r.day")
    return (
        f"WITH s AS ({slots}), d AS (SELECT r.branch, e.rule, {slot} AS slot "
        "FROM results r JOIN prog e ON (e.checklist = '*' OR e.checklist = r.checklist_id) "
        "WHERE r.day BETWEEN $1 AND $2) "
        "SELECT s.unit, s.rule, s.slot, s.first_day, EXISTS (SELECT 1 FROM d "
        "WHERE d.branch = s.unit AND d.rule = s.rule AND d.slot = s.slot) AS done FROM s")


def _window(period: Period, rules: Sequence[Rule]) -> list[date]:
    reach = max((_REACH[r.every] for r in rules), default=0)
    return [period.start - timedelta(days=reach), period.end + timedelta(days=reach)]


def slot_label(every: str, first: date) -> str:
    """``2026-11-05``, ``2026-W45``, ``2026-11`` or ``2026-Q4`` for a slot's first day."""
    if every == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if every == "month":
        return f"{first:%Y-%m}"
    if every == "quarter":
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    return first.isoformat()


def completion(con: DuckDBPyConnection, scope: Scope,
               rules: Sequence[Rule] | None = None) -> dict[str, tuple[int, int]]:
    """(expected, done) checks per unit at the scope's level, by the programme."""
    chosen = _programme(scope, None, rules)
    if not chosen:
        return {}
    sql = _expected(con, scope, chosen)
    rows = con.execute(
        f"SELECT ro.unit, count(*), count(*) FILTER (WHERE x.done) "
        f"FROM ({sql}) x JOIN rollup ro ON ro.branch = x.unit GROUP BY ro.unit",
        _window(scope.period, chosen)).fetchall()
    return {u: (int(e), int(d)) for u, e, d in rows}


def missing(con: DuckDBPyConnection, scope: Scope, *, every: str | None = None,
            rules: Sequence[Rule] | None = None) -> list[dict[str, Any]]:
    """Per unit at the level and checklist: expected, done, missed and the missed slots."""
    prepare_rollup(con, scope)
    chosen = _programme(scope, every, rules)
    if not chosen:
        raise UsageError(t(
            scope.lang, "机构目录没有检查计划（programme）；请用 --every 指定频率",
            "the directory has no programme for this; give the cadence with --every"))
    sql = _expected(con, scope, chosen)
    label = _LABEL.format(e="p.every", d="x.slot")
    rows = con.execute(
        f"SELECT ro.unit, p.checklist, count(*), "
        f"count(*) FILTER (WHERE x.done), "
        f"list(x.unit || ' ' || {label} ORDER BY x.slot, x.unit) FILTER (WHERE NOT x.done) "
        f"FROM ({sql}) x JOIN rollup ro ON ro.branch = x.unit JOIN prog p ON p.rule = x.rule "
        f"GROUP BY ro.unit, p.checklist ORDER BY ro.unit, p.checklist",
        _window(scope.period, chosen)).fetchall()
    out = []
    for unit, checklist, exp, did, missed in rows:
        exp, did = int(exp), int(did)
        missed = missed or []
        out.append({"unit": unit, "name": unit_name(scope, unit), "checklist": checklist,
                    "expected": exp, "done": did, "missed": exp - did,
                    "completion": did / exp if exp else None, "slots": missed})
    out.sort(key=lambda r: (-r["missed"], r["unit"], r["checklist"]))
    return out
