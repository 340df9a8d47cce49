"""Period scores: how a service-quality department grades and ranks units for a period.

One checklist at a time (a league never averages different checklists). For each
outlet (each unit the results belong to) and period:

- *checks done* (检查次数) ``n``: its results of the checklist dated in the period;
  *mean of checks done* (已检平均分): the mean of their final scores;
- *expected* (应检) and *done* (已检) slots by the programme and the calendar, up to
  today in an open period (:func:`branchcheck.network.expected.outlet_completion`);
  *missed* (漏检) = expected - done;
- *period score* (本期得分): with ``missed: zero`` (the default) every missed check
  counts as a 0: sum of the finals / (scored checks + missed); with
  ``missed: exclude`` it is the mean of checks done;
- *red lines* (红线): results with a knockout; one or more makes the period grade
  不合格（一票否决）.

A unit above outlets scores the mean of its outlets' period scores (each outlet
weighs the same, however many checks it did); its checks, expected, done and red
lines are the sums of its outlets'. The change is against the previous period's
score computed the same way, unless the warehouse holds no result of the checklist
in that period (the data starts later: nothing to compare).

Ranking: units without a red line and with a completion of at least
``min_completion`` first, by period score; then those under the minimum
completion (flagged); then those with a red line, fewest first. Every setting is
the department's choice; the defaults say so in every output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.supersede import COUNTED

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope
    from branchcheck.org.directory import Rule

MISSED = ("zero", "exclude")


@dataclass(frozen=True)
class ScoreRules:
    """The department's choices for period scores (defaults are defaults, not rules)."""

    missed: str = "zero"
    min_completion: float = 0.9
    min_n: int = 0

    def check(self, lang: str) -> ScoreRules:
        """Self, or a usage error naming the bad setting."""
        if self.missed not in MISSED:
            raise UsageError(t(lang, f"--missed 只能是 {' 或 '.join(MISSED)}",
                               f"--missed must be {' or '.join(MISSED)}"))
        if not 0 <= self.min_completion <= 1:
            raise UsageError(t(lang, "--min-completion 应在 0 与 1 之间",
                               "--min-completion must be between 0 and 1"))
        return self


def main_checklist(con: DuckDBPyConnection, scope: Scope) -> str | None:
    """The checklist a league ranks on: ``--checklist``, else the programme's first
    rule's, else the one with most results in the period."""
    if scope.checklist is not None:
        return scope.checklist
    for rule in scope.org.programme:
        if rule.checklist != "*":
            return rule.checklist
    row = con.execute("SELECT checklist_id FROM results r WHERE day BETWEEN $1 AND $2 "  # noqa: S608 - constant
                      f"AND {COUNTED} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
                      [scope.period.start, scope.period.end]).fetchone()
    return str(row[0]) if row else None


def outlet_period_scores(con: DuckDBPyConnection, scope: Scope, rules: ScoreRules,
                         programme: list[Rule] | None = None,
                         sources: list[str] | None = None) -> None:
    """Fill the temp table ``outlet_scores``: one row per outlet (unit the results
    belong to) and period (``cur``: the scope's; else the one before) with ``lvl``
    (its unit at the scope's level), ``n``, ``scored``, ``total``, ``knockouts``,
    ``expected``, ``done``, ``missed``, ``mean_done`` and ``score`` (the period score).

    ``scope.checklist`` must name the one checklist (:func:`main_checklist`); the
    ``rollup`` table must be filled for the scope. The one place period scores are
    computed: the league, the report and the composite (``sources``: only results of
    these sources, else the scope's ``--source``, docs/oversight.md) build on this
    table. Completion counts self-checks only, whatever the sources
    (:mod:`branchcheck.network.expected`).
    """
    from branchcheck.network.calendar import Period
    from branchcheck.network.expected import outlet_completion

    if sources is None:
        sources = scope.source_param()
    earlier = scope.period.previous()
    span = Period(earlier.start, scope.period.end)
    outlet_completion(con, scope, programme, span)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ores AS SELECT ro.unit AS lvl, r.branch AS outlet, "  # noqa: S608 - constant
        "r.day >= $3 AS cur, count(*) AS n, count(r.overall_final) AS scored, "
        "sum(r.overall_final) AS total, count(*) FILTER (WHERE r.knocked_out) AS knockouts "
        "FROM results r JOIN rollup ro ON ro.branch = r.branch "
        "WHERE r.day BETWEEN $1 AND $2 AND r.checklist_id = $4 AND ($5::VARCHAR[] IS NULL "
        f"OR list_contains($5::VARCHAR[], r.check_source)) AND {COUNTED} GROUP BY ALL",
        [span.start, span.end, scope.period.start, scope.checklist, sources])
    zero = rules.missed == "zero"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE outlet_scores AS "  # noqa: S608 - ``zero``: a bool
        "WITH j AS (SELECT coalesce(a.lvl, c.lvl) AS lvl, coalesce(a.outlet, c.outlet) AS outlet, "
        "coalesce(a.cur, c.cur) AS cur, coalesce(a.n, 0) AS n, coalesce(a.scored, 0) AS scored, "
        "coalesce(a.total, 0) AS total, coalesce(a.knockouts, 0) AS knockouts, "
        "coalesce(c.expected, 0) AS expected, coalesce(c.done, 0) AS done "
        "FROM ores a FULL JOIN ocomp c ON c.outlet = a.outlet AND c.cur = a.cur) "
        "SELECT *, greatest(expected - done, 0) AS missed, "
        "CASE WHEN scored > 0 THEN total / scored END AS mean_done, "
        f"CASE WHEN {zero} THEN total / nullif(scored + greatest(expected - done, 0), 0) "
        "WHEN scored > 0 THEN total / scored END AS score FROM j")


def unit_period_scores(con: DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Per unit at the level and period (from ``outlet_scores``): lvl, cur, outlets
    scored, n, knockouts, expected, done, missed, mean of the outlets' mean of checks
    done, mean of the outlets' period scores."""
    return con.execute(
        "SELECT lvl, cur, count(score), sum(n), sum(knockouts), sum(expected), sum(done), "
        "sum(missed), avg(mean_done), avg(score) FROM outlet_scores GROUP BY ALL "
        "ORDER BY ALL").fetchall()


def league_rows(con: DuckDBPyConnection, scope: Scope, rules: ScoreRules,
                programme: list[Rule] | None = None) -> list[dict[str, Any]]:
    """The league: one row per unit at the scope's level with its period score, rank
    and flags (see the module); ``scope.checklist`` names the league's checklist."""
    from branchcheck.network.scope import unit_names

    outlet_period_scores(con, scope, rules, programme)
    now: dict[str, tuple[Any, ...]] = {}
    before: dict[str, float | None] = {}
    for row in unit_period_scores(con):
        if row[1]:
            now[row[0]] = row
        else:
            before[row[0]] = row[9]
    if not _has_results(con, scope):
        before = {}  # the data starts after the previous period: nothing to compare
    grades = _grades(con, scope)
    names = unit_names(con, scope, now)
    out: list[dict[str, Any]] = []
    for unit, row in now.items():
        _, _, outlets, n, ko, exp, did, missed, mean_done, score = row
        prev = before.get(unit)
        completion = did / exp if exp else None
        out.append({
            "unit": unit, "name": names[unit], "checklist": scope.checklist,
            "red_lines": int(ko), "period_grade": _red_grade(scope.lang) if ko else None,
            "score": score, "mean_done": mean_done, "n": int(n), "outlets": int(outlets),
            "expected": int(exp), "done": int(did), "missed": int(missed),
            "completion": completion,
            "low_completion": completion is not None and completion < rules.min_completion,
            "small_n": n < rules.min_n,
            "previous": prev, "change": None if prev is None or score is None else score - prev,
            "grades": grades.get(unit, {}),
        })
    out.sort(key=lambda r: (r["score"] is None or r["small_n"], r["red_lines"] > 0,
                            r["red_lines"], r["low_completion"], -(r["score"] or 0.0),
                            r["unit"]))
    rank = 0
    for r in out:
        if r["score"] is not None and not r["small_n"]:
            rank += 1
            r["rank"] = rank
        else:
            r["rank"] = None
    return out


def self_only(con: DuckDBPyConnection, scope: Scope) -> bool:
    """Whether the scope's period holds self-checks only (no independent check of its
    checklist among the scope's sources, docs/oversight.md): its league is then a
    自查情况, never a 排名."""
    from branchcheck.network.scope import source_clause

    row = con.execute("SELECT count(*) FROM (SELECT 1 FROM results r WHERE r.check_source "  # noqa: S608
                      "<> 'self' AND r.day BETWEEN $1 AND $2 AND ($3::VARCHAR IS NULL OR "
                      f"r.checklist_id = $3) AND {source_clause(4)} AND {COUNTED} LIMIT 1)",
                      [scope.period.start, scope.period.end, scope.checklist,
                       scope.source_param()]).fetchone()
    return not (row and row[0])


def _has_results(con: DuckDBPyConnection, scope: Scope) -> bool:
    """Whether the warehouse holds any result of the checklist in the previous period."""
    from branchcheck.network.scope import source_clause

    earlier = scope.period.previous()
    row = con.execute("SELECT count(*) FROM (SELECT 1 FROM results r WHERE r.checklist_id = $1 "  # noqa: S608
                      f"AND r.day BETWEEN $2 AND $3 AND {source_clause(4)} AND {COUNTED} LIMIT 1)",
                      [scope.checklist, earlier.start, earlier.end,
                       scope.source_param()]).fetchone()
    return bool(row and row[0])


def _red_grade(lang: str) -> str:
    return t(lang, "不合格（一票否决）", "Fail (red line)")


def _grades(con: DuckDBPyConnection, scope: Scope) -> dict[str, dict[str, int]]:
    """Results per grade and unit in the period, grades in band order (the higher the
    mean score of a grade's results, the earlier)."""
    from branchcheck.network.scope import source_clause

    col = "grade_zh" if scope.lang == "zh" else "grade_en"
    where = (f"r.day BETWEEN $1 AND $2 AND r.checklist_id = $3 AND {source_clause(4)} "
             f"AND {COUNTED}")
    out: dict[str, dict[str, int]] = {}
    for unit, grade, n in con.execute(
            f"WITH g AS (SELECT r.{col} AS grade, avg(r.overall_final) AS rank_by "  # noqa: S608
            f"FROM results r WHERE {where} "
            f"GROUP BY 1) SELECT ro.unit, coalesce(r.{col}, '—'), count(*) FROM results r "
            f"JOIN rollup ro ON ro.branch = r.branch LEFT JOIN g ON g.grade = r.{col} "
            f"WHERE {where} GROUP BY ro.unit, r.{col}, g.rank_by "
            f"ORDER BY ro.unit, g.rank_by DESC NULLS LAST, 2",
            [scope.period.start, scope.period.end, scope.checklist,
             scope.source_param()]).fetchall():
        out.setdefault(unit, {})[grade] = int(n)
    return out


def league(con: DuckDBPyConnection, scope: Scope, rules: ScoreRules | None = None,
           programme: list[Rule] | None = None) -> list[dict[str, Any]]:
    """The league of the scope's main checklist (:func:`main_checklist`), with each
    unit's open and overdue corrective actions."""
    from branchcheck.network.actions import add_counts
    from branchcheck.network.scope import prepare_rollup

    rules = (rules or ScoreRules()).check(scope.lang)
    if scope.sources is not None and "self" not in scope.sources:
        # independent checks alone: no programme of inspections to miss, so the score
        # is the mean of the checks done and low completion does not reorder the league
        rules = replace(rules, missed="exclude", min_completion=0.0)
    prepare_rollup(con, scope)
    checklist = main_checklist(con, scope)
    if checklist is None:
        return []
    rows = league_rows(con, replace(scope, checklist=checklist), rules,
                       for_checklist(programme, checklist))
    add_counts(con, scope, rows)
    return rows


def for_checklist(programme: list[Rule] | None, checklist: str) -> list[Rule] | None:
    """A cadence from the command line (``--every``: rules for any checklist) made the
    rules of ``checklist``; None (the directory's programme) stays None."""
    if programme is None:
        return None
    from branchcheck.org.directory import Rule as _Rule

    return [_Rule(r.kind, checklist, r.every, r.due_by) if r.checklist == "*" else r
            for r in programme]
