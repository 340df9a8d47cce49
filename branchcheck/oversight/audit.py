"""The outlets to inspect next (``network audit-sample``), drawn reproducibly.

From a published seed (any text: ``2026Q4``), the same warehouse and options
always give the same list. The sample (default size ``ceil(sqrt(N))`` of the N
outlets in scope, a setting) has two parts, drawn in this order:

1. **random**: ``ceil(size x share)`` outlets (share default 1/4, never less),
   drawn uniformly from all N, so every outlet can be chosen;
2. **risk**: the rest, drawn from the others with probability proportional to
   a risk weight (Efraimidis & Spirakis 2006: the largest ``u^(1/w)`` keys):
   ``w = 1 + 4 m + 2 (1 - c) + 2 r + s``, where m is the shrunk missed-failure
   rate (``network honesty``), c the completion of the programme's checks, r 1
   when a red line failed in the period, and s the years since the last
   independent check (capped at 1; 1 when there never was one).

Each row says which part drew it and the figures behind its weight.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network.scope import unit_names
from branchcheck.network.supersede import COUNTED
from branchcheck.oversight.honesty import Window

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.scope import Scope

RANDOM_SHARE = 0.25
"""The smallest share of the sample drawn at random (the issue's floor; a setting above it)."""
WEIGHTS = {"missed": 4.0, "incomplete": 2.0, "red_line": 2.0, "stale": 1.0}
"""The risk weight's parts (a department's choice; documented in docs/oversight.md)."""


def default_size(n: int) -> int:
    """``ceil(sqrt(n))``: the default sample size for ``n`` outlets."""
    return math.ceil(math.sqrt(n)) if n > 0 else 0


def rng_for(seed: str) -> random.Random:
    """A generator seeded from the SHA-256 of the seed text (the same on every
    machine and Python version)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))  # noqa: S311 - a published draw


def risk_weight(f: Mapping[str, Any]) -> float:
    """``1 + 4 m + 2 (1 - c) + 2 r + s`` from an outlet's figures (see the module)."""
    m = f.get("missed_rate_shrunk") or 0.0
    c = f.get("completion")
    r = 1.0 if f.get("red_lines") else 0.0
    days = f.get("days_since_independent")
    s = 1.0 if days is None else min(1.0, days / 365)
    return (1 + WEIGHTS["missed"] * m + WEIGHTS["incomplete"] * (1 - (1.0 if c is None else c))
            + WEIGHTS["red_line"] * r + WEIGHTS["stale"] * s)


def draw(figures: Mapping[str, Mapping[str, Any]], seed: str, size: int | None = None,
         share: float = RANDOM_SHARE, lang: str = "en") -> list[dict[str, Any]]:
    """The sample: ``figures`` maps each outlet to its risk figures."""
    if share < RANDOM_SHARE or share > 1:
        raise UsageError(t(lang, f"--random-share 应在 {RANDOM_SHARE} 与 1 之间",
                           f"--random-share must be between {RANDOM_SHARE} and 1"))
    outlets = sorted(figures)
    n = len(outlets)
    size = default_size(n) if size is None else size
    if size < 1:
        raise UsageError(t(lang, "--size 至少为 1", "--size must be at least 1"))
    size = min(size, n)
    rng = rng_for(seed)
    k_random = min(size, math.ceil(size * share))
    chosen = rng.sample(outlets, k_random)
    taken = set(chosen)
    rest = [o for o in outlets if o not in taken]
    weights = {o: risk_weight(figures[o]) for o in outlets}
    keys = sorted(((rng.random() ** (1 / weights[o]), o) for o in rest), reverse=True)
    risky = [o for _, o in keys[:size - k_random]]
    out = []
    for part, picked in (("random", chosen), ("risk", risky)):
        for o in picked:
            out.append({"unit": o, "part": part, "weight": weights[o], **figures[o]})
    for k, row in enumerate(out, 1):
        row["order"] = k
    return out


def outlets(con: DuckDBPyConnection, scope: Scope) -> list[str]:
    """The outlets of the scope (the units of kind ``outlet`` in the ``rollup`` table)."""
    units = [u for (u,) in con.execute("SELECT DISTINCT unit FROM rollup ORDER BY 1").fetchall()]
    if scope.org.stored:
        kinds = dict(con.execute("SELECT id, kind FROM units WHERE id IN "
                                 "(SELECT unit FROM rollup)").fetchall())
    else:
        kinds = {u: scope.org.by_id[u].kind for u in units if u in scope.org.by_id}
    return [u for u in units if kinds.get(u, "outlet") == "outlet"]


def outlet_figures(con: DuckDBPyConnection, scope: Scope, honesty_rows: list[dict[str, Any]],
                   completion: Mapping[str, tuple[int, int]]) -> dict[str, dict[str, Any]]:
    """Each outlet's risk figures: shrunk missed-failure rate, completion, red lines in
    the period, days from its last independent check to the period's end."""
    by_unit = {r["unit"]: r for r in honesty_rows}
    red = dict(con.execute(
        "SELECT ro.unit, count(*) FROM results r JOIN rollup ro ON ro.branch = r.branch "  # noqa: S608 - constant
        f"WHERE r.day BETWEEN $1 AND $2 AND r.knocked_out AND {COUNTED} GROUP BY ALL",
        [scope.period.start, scope.period.end]).fetchall())
    last = dict(con.execute(
        "SELECT ro.unit, max(r.day) FROM results r JOIN rollup ro ON ro.branch = r.branch "  # noqa: S608 - constant
        f"WHERE r.check_source <> 'self' AND r.day <= $1 AND {COUNTED} GROUP BY ALL",
        [scope.period.end]).fetchall())
    names = unit_names(con, scope, by_unit.keys() | set(red) | set(last))
    out: dict[str, dict[str, Any]] = {}
    for u in outlets(con, scope):
        exp, did = completion.get(u, (0, 0))
        seen: date | None = last.get(u)
        out[u] = {"name": names.get(u, u),
                  "missed_rate_shrunk": by_unit.get(u, {}).get("missed_rate_shrunk"),
                  "completion": did / exp if exp else None,
                  "red_lines": int(red.get(u, 0)),
                  "last_independent": seen.isoformat() if seen else None,
                  "days_since_independent": (scope.period.end - seen).days if seen else None}
    return out


def sample(con: DuckDBPyConnection, scope: Scope, *, seed: str, size: int | None = None,
           share: float = RANDOM_SHARE, window: Window | None = None) -> list[dict[str, Any]]:
    """The rows of ``network audit-sample`` (outlets of the scope, whatever ``--level``)."""
    from dataclasses import replace

    from branchcheck.network.expected import outlet_completion
    from branchcheck.oversight.honesty import by_unit, pair

    scope = replace(scope, level=None)
    pair(con, scope, window or Window())  # fills ``rollup`` for the scope, too
    outlet_completion(con, scope, None, scope.period)  # the programme's checks, to today
    completion = {o: (int(e), int(d)) for o, e, d in con.execute(
        "SELECT outlet, sum(expected), sum(done) FROM ocomp WHERE cur GROUP BY ALL").fetchall()}
    figures = outlet_figures(con, scope, by_unit(con, scope), completion)
    rows = draw(figures, seed, size, share, scope.lang)
    for r in rows:
        r["name"] = r["name"] or r["unit"]
    return rows


def title_words(seed: str) -> tuple[str, str]:
    """The view's title: the seed and the rule of the draw."""
    return (f"抽查名单（种子 {seed}；随机部分不少于四分之一，其余按风险加权）",
            f"Audit sample (seed {seed}; at least a quarter at random, the rest weighted "
            "by risk)")
