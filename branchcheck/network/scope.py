"""What a view looks at (period, checklist, subtree, level) and how branches roll up to
the units shown: the temporary table ``rollup(branch, unit)``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.calendar import Period
from branchcheck.org.directory import Org, Unit

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection


@dataclass(frozen=True)
class Scope:
    """What a view looks at."""

    org: Org
    period: Period
    checklist: str | None = None
    unit: str | None = None
    level: str | None = None
    lang: str = "en"
    today: date | None = None
    """Today in the directory's zone (None: asked of the clock, or $BRANCHCHECK_TODAY)."""
    sources: tuple[str, ...] | None = None
    """Only results of these sources (``--source``, docs/oversight.md); None: every one."""

    def source_param(self) -> list[str] | None:
        """:attr:`sources` as a query parameter for :func:`source_clause`."""
        return list(self.sources) if self.sources is not None else None

    @property
    def now(self) -> date:
        """Today in the directory's time zone (:attr:`today` when given)."""
        if self.today is not None:
            return self.today
        from branchcheck.org.workdays import today

        return today(self.org.timezone)

    @property
    def as_of(self) -> date:
        """The last day the figures count (截至): the period's end, or today when the
        period is still open."""
        return min(self.period.end, self.now)


def source_clause(n: int, alias: str = "r") -> str:
    """SQL keeping the results of the scope's sources: ``$n`` is
    :meth:`Scope.source_param` (NULL keeps every result)."""
    return (f"(${n}::VARCHAR[] IS NULL OR list_contains(${n}::VARCHAR[], "
            f"{alias}.check_source))")


def org_or_flat(con: DuckDBPyConnection, org: Org | None) -> Org:
    """``org``, else the directory stored at ingest, else one flat unit per branch."""
    from branchcheck.network.warehouse import load_org

    found = org or load_org(con, units=False)
    if found is not None:
        return found
    branches = [r[0] for r in con.execute(
        "SELECT DISTINCT branch FROM results ORDER BY branch").fetchall()]
    return Org(tuple(Unit(b, "", "", "outlet") for b in branches), source="results")


def latest_day(con: DuckDBPyConnection, checklist: str | None = None) -> date:
    """The newest result day (today when the warehouse is empty)."""
    row = con.execute("SELECT max(day) FROM results WHERE NOT superseded AND "
                      "($1::VARCHAR IS NULL OR checklist_id = $1)", [checklist]).fetchone()
    return row[0] if row and row[0] else date.today()


def is_depth(level: str) -> bool:
    """Whether ``--level`` names a depth: up to four ASCII digits (``²`` or ``٣`` are
    not numbers; no directory is that deep)."""
    return level.isascii() and level.isdigit() and len(level) <= 4


def check_level(con: DuckDBPyConnection | None, scope: Scope) -> None:
    """Refuse a ``--unit`` missing from the directory or an unknown ``--level`` (``con``:
    the warehouse, for the stored directory)."""
    org, unit, level = scope.org, scope.unit, scope.level
    if org.stored and con is not None:
        row = con.execute("SELECT list(DISTINCT kind), count(*) FILTER (WHERE id = $1) "
                          "FROM units", [unit]).fetchone()
        kinds = set(row[0] or ()) if row else set()
        known = unit is None or bool(row and row[1])
    else:
        kinds = {u.kind for u in org.units}
        known = unit is None or unit in org.by_id
    if not known:
        raise UsageError(t(scope.lang, f"机构目录中没有单位 {unit!r}",
                           f"no unit {unit!r} in the directory"))
    if level is not None and not is_depth(level) and level not in kinds:
        raise UsageError(t(scope.lang, f"未知层级 {level!r}；可用：{', '.join(sorted(kinds))} "
                                       "或深度数字",
                           f"unknown level {level!r}; use one of {', '.join(sorted(kinds))} "
                           "or a depth number"))


SHOWN_CHECKLISTS = 10
"""How many of the warehouse's checklist ids an unknown ``--checklist`` error lists."""


def check_checklist(con: DuckDBPyConnection, org: Org, checklist: str | None, where: str,
                    lang: str) -> None:
    """Refuse a ``--checklist`` that no result or corrective action in the warehouse
    (``where``) has and the directory's programme does not name: a typo must not look
    like a network with no outlets. The error names the nearest ids and the ids held."""
    from branchcheck.core.errors import NotFoundError
    from branchcheck.core.suggest import did_you_mean

    if checklist is None or any(r.checklist == checklist for r in org.programme):
        return
    held = [r[0] for r in con.execute(
        "SELECT checklist_id FROM results UNION SELECT checklist_id FROM actions "
        "WHERE checklist_id IS NOT NULL ORDER BY 1").fetchall()]
    if checklist in held:
        return
    hint = did_you_mean(checklist, held, lang)
    shown = held[:SHOWN_CHECKLISTS]
    more = len(held) - len(shown)
    listed = (t(lang, f"；仓库中的检查表：{'、'.join(shown)}"
                      + (f" 等共 {len(held)} 个" if more else ""),
                f"; the checklists it holds: {', '.join(shown)}"
                + (f" and {more} more" if more else ""))
              if held else t(lang, "；仓库中还没有任何检查表的结果", "; it holds no results yet"))
    raise NotFoundError(t(
        lang, f"{where}：没有检查表 {checklist!r}（仓库中没有它的结果或整改项，机构目录的检查"
              f"计划中也没有它）{listed}{hint}",
        f"{where}: no checklist {checklist!r} (no result or corrective action of it in the "
        f"warehouse, and the directory's programme does not name it){listed}{hint}"))


def unit_names(con: DuckDBPyConnection, scope: Scope, ids: Iterable[str]) -> dict[str, str]:
    """The name of each unit in the scope's language (its id when it has none or is not
    in the directory)."""
    wanted = sorted(set(ids))
    if scope.org.stored and wanted:
        found = {r[0]: Unit(r[0], r[1], r[2], "") for r in con.execute(
            "SELECT id, coalesce(name_zh, ''), coalesce(name_en, '') FROM units "
            "WHERE id IN (SELECT unnest($1::VARCHAR[]))", [wanted]).fetchall()}
    else:
        found = scope.org.by_id
    return {u: found[u].name(scope.lang) if u in found else u for u in wanted}


def level_units(scope: Scope) -> dict[str, str]:
    """Each unit of the subtree mapped to its ancestor at the scope's level (a
    directory held in memory; the stored one is rolled up by :func:`prepare_rollup`)."""
    org, level = scope.org, scope.level
    if org.stored:
        raise RuntimeError("the stored directory is rolled up in the warehouse")
    check_level(None, scope)
    key = ("level_units", scope.unit, level)
    if key in org.memo:
        return dict(org.memo[key])
    members = org.subtree(scope.unit) if scope.unit else [u.id for u in org.units]
    if level is None:
        out = {uid: uid for uid in members}
    else:
        out = _nearest_at_level(org, members, level, scope.unit is not None)
    org.memo[key] = out
    return dict(out)


def _nearest_at_level(org: Org, members: Sequence[str], level: str,
                      subtree: bool) -> dict[str, str]:
    """Each member mapped to its nearest ancestor-or-self at ``level`` (a kind or a
    depth), one walk up per unit not seen yet; with ``subtree`` only ancestors that
    are members count."""
    depth_wanted = int(level) if is_depth(level) else None
    nearest: dict[str, str | None] = {}
    depth: dict[str, int] = {}
    for uid in members:
        path: list[str] = []
        u: str | None = uid
        while u is not None and u not in nearest:
            path.append(u)
            u = org.by_id[u].parent
        above = nearest[u] if u is not None else None
        d = depth[u] if u is not None else -1
        for v in reversed(path):
            d += 1
            depth[v] = d
            if d == depth_wanted or org.by_id[v].kind == level:
                above = v
            nearest[v] = above
    inside = set(members) if subtree else None
    return {uid: anc for uid in members
            if (anc := nearest[uid]) is not None and (inside is None or anc in inside)}


def prepare_rollup(con: DuckDBPyConnection, scope: Scope) -> None:
    """Fill the temp table ``rollup(branch, unit)``: each unit of the subtree and its
    ancestor at the scope's level (what :func:`level_units` gives). A directory read
    back from the warehouse is rolled up there, from ``unit_tree``, without a round
    trip through Python."""
    from branchcheck.network.warehouse import insert_columns

    if scope.org.stored:
        check_level(con, scope)
        sql, args = _tree_rollup(scope)
        con.execute(f"CREATE OR REPLACE TEMP TABLE rollup AS {sql}", args)
        return
    mapping = level_units(scope)
    con.execute("CREATE OR REPLACE TEMP TABLE rollup (branch VARCHAR, unit VARCHAR)")
    if mapping:
        insert_columns(con, "rollup", [tuple(mapping), tuple(mapping.values())])


def _tree_rollup(scope: Scope) -> tuple[str, list[Any]]:
    """The SELECT of (branch, unit) pairs from ``unit_tree``. Within a subtree only
    ancestors inside it count: those at least as deep as its top."""
    level, unit = scope.level, scope.unit
    args: list[Any] = []
    if level is None:
        where = "t.distance = 0"
    elif is_depth(level):
        where, args = "t.depth = $1", [int(level)]
    else:
        where, args = "t.kind = $1 AND t.nearest", [level]
    if unit is not None:
        top = f"${len(args) + 1}"
        where += (f" AND t.depth >= (SELECT max(depth) FROM unit_tree WHERE id = {top} AND "
                  f"distance = 0) AND t.id IN (SELECT id FROM unit_tree WHERE ancestor = {top})")
        args.append(unit)
    return (f"SELECT t.id AS branch, t.ancestor AS unit FROM unit_tree t WHERE {where}",
            args)
