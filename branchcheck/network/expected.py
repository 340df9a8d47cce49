"""Expected checks: which checks the programme and the business calendar ask of
each unit, and which of them were done (``missing``, and ``league``'s completion).

A rule of the programme (a unit kind, a checklist, a cadence) gives each unit
of that kind one slot per day, business day, week, month or quarter it is open;
a slot is done when a self-check of the unit for the rule's checklist falls in it
(an inspection or a mystery-shopper visit is no check done by the outlet: it never
fills a slot; ``results.day_first`` marks self-checks only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.calendar import Period, calendar_rows
from branchcheck.network.scope import Scope, level_units, prepare_rollup, unit_names
from branchcheck.network.supersede import COUNTED
from branchcheck.org.directory import CADENCES, Rule

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
# Day ``c.day`` is in a slot of rule ``p`` for unit ``u``: open, a working day (工作日)
# or an opening day (营业日) as the cadence asks, the unit open, and not after
# today in the unit's zone (an open period ends today).
_OPEN = ("(CASE p.every WHEN 'day' THEN c.open WHEN 'business-day' THEN c.working "
         "ELSE c.opening END) AND c.day <= u.today "
         "AND (u.opened IS NULL OR c.day >= u.opened) AND (u.closed IS NULL OR c.day < u.closed)")
_REACH = {"day": 0, "opening-day": 0, "business-day": 0, "week": 6, "month": 31, "quarter": 92}
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


def _slots(con: DuckDBPyConnection, scope: Scope, rules: Sequence[Rule],
           span: Period | None = None) -> str:
    """Fill the temp tables ``cal``, ``prog`` and ``su`` (the ``rollup`` table filled
    for the scope); returns the SELECT of expected slots (lvl: the unit at the scope's
    level, unit, rule, slot: its first day, cur: in the scope's period) of the days of
    ``span`` (default: the scope's period).

    Rules are numbered (``prog.rule``) so that the joins below compare a number,
    a branch and a date rather than four strings.
    """
    from branchcheck.network.warehouse import insert_columns

    org = scope.org
    con.execute("CREATE OR REPLACE TEMP TABLE cal (day DATE, open BOOLEAN, opening BOOLEAN, "
                "working BOOLEAN, cur BOOLEAN)")
    days = [(*row, row[0] >= scope.period.start)
            for row in calendar_rows(span or scope.period, org)]
    if days:
        insert_columns(con, "cal", list(zip(*days, strict=True)))
    con.execute("CREATE OR REPLACE TEMP TABLE prog (rule INTEGER, kind VARCHAR, "
                "checklist VARCHAR, every VARCHAR, due_by TIME)")
    if rules:
        insert_columns(con, "prog", list(zip(*[(n, r.kind, r.checklist, r.every, r.due_by)
                                               for n, r in enumerate(rules)], strict=True)))
    # Every unit of the subtree with its unit at the scope's level (``lvl``, from the
    # ``rollup`` table); under a wildcard rule, every leaf.
    wildcard = any(r.kind == "*" for r in rules)
    default = scope.now
    if org.stored:
        kind = "'*'" if wildcard else "u.kind"
        leaf = " WHERE NOT EXISTS (SELECT 1 FROM units c WHERE c.parent = u.id)"
        zones = [r[0] for r in con.execute(
            "SELECT DISTINCT timezone FROM units WHERE timezone IS NOT NULL").fetchall()]
        con.execute("CREATE OR REPLACE TEMP TABLE zt (zone VARCHAR, today DATE)")
        if zones:
            insert_columns(con, "zt", [tuple(zones), tuple(_today(z, scope) for z in zones)])
        con.execute(f"CREATE OR REPLACE TEMP TABLE su AS SELECT u.id, {kind} AS kind, "
                    f"u.opened, u.closed, ro.unit AS lvl, coalesce(zt.today, $1) AS today "
                    f"FROM units u JOIN rollup ro ON ro.branch = u.id "
                    f"LEFT JOIN zt ON zt.zone = u.timezone{leaf if wildcard else ''}",
                    [default])
    else:
        lvl = level_units(scope)
        leaves = set(org.leaves()) if wildcard else ()
        con.execute("CREATE OR REPLACE TEMP TABLE su (id VARCHAR, kind VARCHAR, opened DATE, "
                    "closed DATE, lvl VARCHAR, today DATE)")
        rows = [(u.id, "*" if wildcard else u.kind, u.opened, u.closed, lvl[u.id],
                 _today(u.timezone, scope) if u.timezone else default)
                for u in org.units if u.id in lvl and (not wildcard or u.id in leaves)]
        if rows:
            insert_columns(con, "su", list(zip(*rows, strict=True)))
    # A day is its own slot; longer slots are named once however many days they hold.
    daily = _daily(rules)
    slot = "c.day" if daily else _SLOT.format(e="p.every", d="c.day")
    return (f"SELECT {'' if daily else 'DISTINCT '}u.lvl, u.id AS unit, p.rule, {slot} AS slot, "
            f"c.cur FROM su u JOIN prog p ON p.kind = u.kind JOIN cal c ON {_OPEN}")


def _today(zone: str, scope: Scope) -> date:
    """Today in ``zone`` (the scope's today when it was given)."""
    from branchcheck.org.workdays import today

    return scope.today if scope.today is not None else today(zone)


def _daily(rules: Sequence[Rule]) -> bool:
    """Whether every rule's slot is a single day (no slot spans days to group)."""
    return all(r.every in ("day", "opening-day", "business-day") for r in rules)


def _by_day_first(rules: Sequence[Rule]) -> bool:
    """Whether every rule is daily and names its checklist: then a slot holds at most
    one result marked ``day_first``."""
    return _daily(rules) and all(r.checklist != "*" for r in rules)


def _done(rules: Sequence[Rule]) -> str:
    """SQL of the done slots (branch, rule, slot) in the window ($1, $2); a slot may
    appear more than once, unless every rule is :func:`_by_day_first`."""
    if _by_day_first(rules):
        return ("SELECT r.branch, p.rule, r.day AS slot FROM results r "
                "JOIN prog p ON p.checklist = r.checklist_id "
                "WHERE r.day BETWEEN $1 AND $2 AND r.day_first")
    slot = "r.day" if _daily(rules) else _SLOT.format(e="p.every", d="r.day")
    return (f"SELECT r.branch, p.rule, {slot} AS slot FROM results r "
            "JOIN prog p ON (p.checklist = '*' OR p.checklist = r.checklist_id) "
            f"WHERE r.day BETWEEN $1 AND $2 AND r.check_source = 'self' AND {COUNTED}")


# The expected slots no result fills (``s``: the slots, ``d``: the done ones).
_MISSED = "ANTI JOIN d ON d.branch = s.unit AND d.rule = s.rule AND d.slot = s.slot"


def _window(period: Period, rules: Sequence[Rule]) -> list[date]:
    reach = max((_REACH[r.every] for r in rules), default=0)
    return [period.start - timedelta(days=reach), period.end + timedelta(days=reach)]


def _late(con: DuckDBPyConnection, scope: Scope,
          rules: Sequence[Rule]) -> dict[tuple[str, str], int]:
    """Late entries (补录) per unit at the level and checklist: done daily slots (by the
    day's first result) of a rule with ``due_by`` whose result was recorded -- stored
    (``stored_utc``), else finished -- after that time of the slot's day in the unit's
    zone (the temp tables of :func:`_slots`)."""
    from branchcheck.network.warehouse import insert_columns

    org = scope.org
    con.execute("CREATE OR REPLACE TEMP TABLE uz (id VARCHAR, zone VARCHAR)")
    if org.stored:
        con.execute("INSERT INTO uz SELECT id, coalesce(timezone, $1) FROM units",
                    [org.timezone])
    elif org.units:
        insert_columns(con, "uz", [tuple(u.id for u in org.units),
                                   tuple(u.timezone or org.timezone for u in org.units)])
    rows = con.execute(
        "SELECT u.lvl, p.checklist, count(*) FROM results r JOIN su u ON u.id = r.branch "
        "JOIN uz z ON z.id = u.id JOIN prog p ON p.kind = u.kind AND p.checklist = r.checklist_id "
        f"JOIN cal c ON c.day = r.day AND {_OPEN} WHERE r.day BETWEEN $1 AND $2 AND r.day_first "
        "AND p.due_by IS NOT NULL AND p.every IN ('day', 'opening-day', 'business-day') "
        "AND timezone(z.zone, coalesce(r.stored_utc, r.finished_utc)) > r.day + p.due_by "
        "GROUP BY ALL", [scope.period.start, scope.period.end]).fetchall()
    return {(u, c): int(n) for u, c, n in rows}


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


def outlet_completion(con: DuckDBPyConnection, scope: Scope, rules: Sequence[Rule] | None,
                      span: Period) -> None:
    """Fill the temp table ``ocomp (lvl, outlet, cur, expected, done)``: expected and done
    checks of each unit (by the programme, the calendar, up to today) and its unit at
    the scope's level, for the days of ``span``; ``cur``: in the scope's period (the
    ``rollup`` table filled for the scope)."""
    chosen = _programme(scope, None, rules)
    if not chosen:
        con.execute("CREATE OR REPLACE TEMP TABLE ocomp (lvl VARCHAR, outlet VARCHAR, "
                    "cur BOOLEAN, expected BIGINT, done BIGINT)")
        return
    slots = _slots(con, scope, chosen, span)
    expected = f"SELECT lvl, unit, cur, count(*) AS n FROM ({slots}) GROUP BY ALL"
    if _by_day_first(chosen):
        # Done slots counted from the results side (one first result a day): no join
        # with the slots.
        sql = (f"WITH e AS ({expected}), k AS (SELECT u.lvl, u.id AS unit, c.cur, count(*) AS n "
               "FROM results r JOIN su u ON u.id = r.branch "
               "JOIN prog p ON p.kind = u.kind AND p.checklist = r.checklist_id "
               f"JOIN cal c ON c.day = r.day AND {_OPEN} "
               "WHERE r.day BETWEEN $1 AND $2 AND r.day_first GROUP BY ALL) "
               "SELECT e.lvl, e.unit AS outlet, e.cur, e.n AS expected, coalesce(k.n, 0) AS done "
               "FROM e LEFT JOIN k "
               "ON k.unit = e.unit AND k.cur = e.cur")
    else:  # expected less missed
        sql = (f"WITH d AS ({_done(chosen)}), e AS ({expected}), "
               f"k AS (SELECT s.unit, s.cur, count(*) AS n FROM ({slots}) s {_MISSED} "
               "GROUP BY ALL) SELECT e.lvl, e.unit AS outlet, e.cur, e.n AS expected, "
               "e.n - coalesce(k.n, 0) AS done FROM e "
               "LEFT JOIN k ON k.unit = e.unit AND k.cur = e.cur")
    con.execute(f"CREATE OR REPLACE TEMP TABLE ocomp AS {sql}", _window(span, chosen))


def missing(con: DuckDBPyConnection, scope: Scope, *, every: str | None = None,
            rules: Sequence[Rule] | None = None) -> list[dict[str, Any]]:
    """Per unit at the level and checklist: expected, done, missed and the missed slots."""
    prepare_rollup(con, scope)
    chosen = _programme(scope, every, rules)
    if not chosen:
        raise UsageError(t(
            scope.lang, "机构目录没有检查计划（programme）；请用 --every 指定频率",
            "the directory has no programme for this; give the cadence with --every"))
    slots = _slots(con, scope, chosen)
    label = _LABEL.format(e="p.every", d="s.slot")
    # Expected per unit and checklist, and the missed slots: an anti-join, whose
    # few rows alone are labelled and sorted.
    rows = con.execute(
        f"WITH d AS ({_done(chosen)}), "
        f"e AS (SELECT s.lvl, p.checklist, count(*) AS n FROM ({slots}) s "
        "JOIN prog p ON p.rule = s.rule GROUP BY ALL), "
        f"m AS (SELECT s.lvl, p.checklist, list(s.unit || ' ' || {label} "
        f"ORDER BY s.slot, s.unit) AS slots FROM ({slots}) s {_MISSED} "
        "JOIN prog p ON p.rule = s.rule GROUP BY ALL) "
        "SELECT e.lvl, e.checklist, e.n, e.n - coalesce(len(m.slots), 0), m.slots FROM e "
        "LEFT JOIN m ON m.lvl = e.lvl AND m.checklist = e.checklist "
        "ORDER BY e.lvl, e.checklist", _window(scope.period, chosen)).fetchall()
    names = unit_names(con, scope, (r[0] for r in rows))
    late = _late(con, scope, chosen) if any(r.due_by for r in chosen) else {}
    out = []
    for unit, checklist, exp, did, missed in rows:
        exp, did = int(exp), int(did)
        missed = missed or []
        n_late = late.get((unit, checklist), 0)
        out.append({"unit": unit, "name": names[unit], "checklist": checklist,
                    "expected": exp, "done": did, "on_time": did - n_late, "late": n_late,
                    "missed": exp - did, "completion": did / exp if exp else None,
                    "slots": missed})
    out.sort(key=lambda r: (-r["missed"], r["unit"], r["checklist"]))
    return out
