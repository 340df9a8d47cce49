"""The 网点服务评价 (composite evaluation): the period scores of several sources of
checks, weighted as the department sets them (``network composite``).

A component is a source of checks (docs/oversight.md), optionally of one checklist
(``[CHECKLIST:]SOURCE=WEIGHT``; without a checklist, the checklist that source used
most in the period). Each outlet's component score is its period score
(:mod:`branchcheck.network.scores`) over that source's results: for self-checks
with missed checks counted as the directory says (``missed: zero`` by default),
for independent sources the mean of the checks done (there is no programme of
inspections to miss). The composite of an outlet is

    sum_k w_k s_k / sum_k w_k   over the components it has,

flagged incomplete when it lacks one. A unit above outlets scores the mean of its
outlets' composites. Ranking: units with a composite first, then by red lines
(any source: a red line puts a unit after every unit without one, as in the
league), then complete before incomplete, then by composite. A set of components
made of self-checks alone is a 自查情况 (self-check overview), never a 排名.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from branchcheck.core.checksource import SELF, SOURCES, label
from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.core.ids import CHECKLIST_ID
from branchcheck.network.supersede import COUNTED

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope

DEFAULT_WEIGHTS = ("mystery-shopper=50", "branch=30", "self=20")
"""The default components (the issue's example; a department's choice, said in every
output)."""


@dataclass(frozen=True)
class Component:
    """One weighted part of the composite."""

    source: str
    weight: float
    checklist: str | None = None

    @property
    def key(self) -> str:
        """``self`` or ``daily-opening:self``: the component's name in every output."""
        return f"{self.checklist}:{self.source}" if self.checklist else self.source


MAX_WEIGHT = 1000.0
"""The largest weight: weights are relative (50, 30, 20), and an infinite one (``inf``,
``1e309``) made every composite NaN, ranked as if a number and written as invalid JSON."""


def parse_weights(specs: list[str], lang: str) -> list[Component]:
    """``[CHECKLIST:]SOURCE=WEIGHT`` specs (weights above 0, each component once)."""
    out: list[Component] = []
    for spec in specs:
        head, _, weight = spec.partition("=")
        checklist, _, source = head.rpartition(":")
        try:
            w = float(weight)
        except ValueError:
            w = -1.0
        if (source not in SOURCES or not 0 < w <= MAX_WEIGHT  # NaN and inf fail too
                or (checklist and not CHECKLIST_ID.fullmatch(checklist))):
            raise UsageError(t(
                lang, f"--weight {spec!r} 无效：应为 [检查表:]来源=权重，来源为 "
                      f"{'|'.join(SOURCES)}，权重大于 0、至多 {MAX_WEIGHT:g}",
                f"invalid --weight {spec!r}: use [CHECKLIST:]SOURCE=WEIGHT with SOURCE one "
                f"of {'|'.join(SOURCES)} and a WEIGHT above 0, at most {MAX_WEIGHT:g}"))
        component = Component(source, w, checklist or None)
        if any(c.key == component.key for c in out):
            raise UsageError(t(lang, f"--weight：{component.key} 重复",
                               f"--weight: {component.key} given twice"))
        out.append(component)
    return out


def self_only(components: list[Component]) -> bool:
    """Whether every component is a self-check (then the view is 自查情况, not 排名)."""
    return all(c.source == SELF for c in components)


def _checklist(con: DuckDBPyConnection, scope: Scope, c: Component) -> str | None:
    if c.checklist or scope.checklist:  # the component's, else --checklist
        return c.checklist or scope.checklist
    row = con.execute("SELECT checklist_id FROM results r WHERE check_source = $1 AND day "  # noqa: S608 - constant
                      f"BETWEEN $2 AND $3 AND {COUNTED} GROUP BY 1 ORDER BY count(*) DESC, 1 "
                      "LIMIT 1",
                      [c.source, scope.period.start, scope.period.end]).fetchone()
    return str(row[0]) if row else None


def composite(con: DuckDBPyConnection, scope: Scope, components: list[Component],
              rules: Any = None, programme: list[Any] | None = None) -> list[dict[str, Any]]:
    """One row per unit at the scope's level: composite, each component, red lines,
    rank (see the module); ``programme``: a cadence instead of the directory's (for
    the self-check components' missed checks)."""
    from branchcheck.network.scope import prepare_rollup, unit_names
    from branchcheck.network.scores import ScoreRules, for_checklist, outlet_period_scores

    rules = (rules or ScoreRules()).check(scope.lang)
    prepare_rollup(con, scope)
    per_outlet: dict[str, dict[str, Any]] = {}
    lvl_of: dict[str, str] = {}
    for c in components:
        checklist = _checklist(con, scope, c)
        if checklist is None:
            continue
        outlet_period_scores(con, replace(scope, checklist=checklist), rules,
                             for_checklist(programme, checklist), sources=[c.source])
        column = "score" if c.source == SELF else "mean_done"
        for lvl, outlet, score, ko in con.execute(
                f"SELECT lvl, outlet, {column}, knockouts FROM outlet_scores "  # noqa: S608
                "WHERE cur AND n + expected > 0").fetchall():
            lvl_of[outlet] = lvl
            row = per_outlet.setdefault(outlet, {"parts": {}, "red_lines": 0})
            if score is not None:
                row["parts"][c.key] = float(score)
            row["red_lines"] += int(ko or 0)
    units: dict[str, dict[str, Any]] = {}
    total = sum(c.weight for c in components)
    for outlet, row in per_outlet.items():
        parts = row["parts"]
        have = [c for c in components if c.key in parts]
        weight = sum(c.weight for c in have)
        value = sum(c.weight * parts[c.key] for c in have) / weight if weight else None
        u = units.setdefault(lvl_of[outlet], {"outlets": [], "parts": {}, "red_lines": 0,
                                              "complete": True})
        u["red_lines"] += row["red_lines"]
        if value is not None:
            u["outlets"].append(value)
        u["complete"] = u["complete"] and weight == total
        for k, v in parts.items():
            u["parts"].setdefault(k, []).append(v)
    names = unit_names(con, scope, units)
    out: list[dict[str, Any]] = []
    for unit, u in units.items():
        scores = u["outlets"]
        row_out: dict[str, Any] = {
            "unit": unit, "name": names[unit], "red_lines": u["red_lines"],
            "composite": sum(scores) / len(scores) if scores else None,
            "complete": u["complete"],
            "components": {c.key: (sum(u["parts"][c.key]) / len(u["parts"][c.key])
                                   if c.key in u["parts"] else None) for c in components},
            "weights": {c.key: c.weight for c in components},
        }
        out.append(row_out)
    out.sort(key=lambda r: (r["composite"] is None, r["red_lines"] > 0, r["red_lines"],
                            not r["complete"], -(r["composite"] or 0.0), r["unit"]))
    rank = 0
    for r in out:
        rank += r["composite"] is not None
        r["rank"] = rank if r["composite"] is not None else None
    return out


def title_words(components: list[Component], defaults: bool) -> tuple[str, str]:
    """The view's title: 网点服务评价 (or 自查情况 for self-checks alone) and the weights."""
    def parts(lang: str) -> str:
        return ", ".join(f"{label(c.source, lang)}"
                         f"{'（' + c.checklist + '）' if c.checklist and lang == 'zh' else ''}"
                         f"{' (' + c.checklist + ')' if c.checklist and lang != 'zh' else ''}"
                         f" {c.weight:g}" for c in components)

    zh_head, en_head = (("自查情况", "Self-check overview") if self_only(components)
                        else ("网点服务评价", "Composite evaluation"))
    zh_note = "（默认权重，可设置）" if defaults else ""
    en_note = " (default weights, a setting)" if defaults else ""
    return (f"{zh_head}（权重：{parts('zh')}{zh_note}）",
            f"{en_head} (weights: {parts('en')}{en_note})")
