"""A mystery-shopper wave plan: which outlets are visited, drawn reproducibly.

The draw is stratified as the material describes the bank's programme (seed
000: each province samples at least 3-4 cities, outlets are drawn within
them): the outlets of the directory are grouped in *strata* (by default the
unit two levels above an outlet, e.g. a 分行) and *clusters* (by default the
outlet's parent, e.g. a 支行); each stratum gets its share of the visits in
proportion to its outlets, at least ``clusters`` of its clusters are drawn,
then outlets within them. Every random choice comes from the stated seed, the
wave name and the unit's id, so the same inputs give the same plan. The plan
is a plain YAML file (:mod:`branchcheck.shop.planfile`) a department reviews
and edits before the visits are assigned.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.org.directory import Org

DEFAULT_CLUSTERS = 3
"""Clusters drawn at least in each stratum: a default set by the department (the
material: "每个省抽取至少3-4个地市")."""


class Visit(NamedTuple):
    """One planned visit; ``shopper``, ``date`` and ``slot`` once assigned, ``reason``
    when it could not be."""

    id: str
    outlet: str
    within: tuple[str, ...]
    """The outlet's ancestors, nearest first (checked against shoppers' home units)."""
    scenario: str | None = None
    shopper: str | None = None
    date: str | None = None
    slot: str | None = None
    reason: str | None = None

    def as_row(self) -> dict[str, Any]:
        """The visit as plain data (the keys that are set)."""
        row: dict[str, Any] = {"id": self.id, "outlet": self.outlet, "within": list(self.within)}
        for key in ("scenario", "shopper", "date", "slot", "reason"):
            value = getattr(self, key)
            if value is not None:
                row[key] = value
        return row


@dataclass(frozen=True)
class Plan:
    """A wave plan (``assignment`` set once visits have shoppers, dates and slots)."""

    wave: str
    checklist: str
    seed: str
    visits: tuple[Visit, ...]
    window: tuple[date, date] | None = None
    open_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    closed_days: frozenset[date] = frozenset()
    org: dict[str, str] = field(default_factory=dict)
    design: dict[str, Any] = field(default_factory=dict)
    assignment: dict[str, Any] | None = None

    def open_on(self, day: date) -> bool:
        """Whether outlets open on ``day`` (the directory's business and closed days)."""
        return day.weekday() in self.open_days and day not in self.closed_days


@dataclass(frozen=True)
class Design:
    """What the department asks of a draw."""

    visits: int
    seed: str
    wave: str
    clusters: int = DEFAULT_CLUSTERS
    clusters_given: bool = False
    """``clusters`` was asked for explicitly: too few visits for it is an error."""
    stratum: str | None = None
    cluster: str | None = None
    scenarios: tuple[str, ...] = ()
    window: tuple[date, date] | None = None


@dataclass
class Draw:
    """A drawn plan's visits and what the department should know about the draw."""

    visits: list[Visit]
    warnings: list[str] = field(default_factory=list)
    strata: dict[str, int] = field(default_factory=dict)
    """Visits given to each stratum."""


def _rng(*parts: str) -> random.Random:
    # A str seed is hashed (sha512): the same on every platform and Python version.
    return random.Random("/".join(parts))  # noqa: S311 - sampling, not security


def population(org: Org, window: tuple[date, date] | None, today: date) -> list[str]:
    """Outlets (units without children) open on every day of ``window`` (without
    one: not closed by ``today``), by id."""
    out = []
    for uid in org.leaves():
        unit = org.by_id[uid]
        if window is not None:
            if not (unit.open_on(window[0]) and unit.open_on(window[1])):
                continue
        elif unit.closed is not None and unit.closed <= today:
            continue
        out.append(uid)
    return sorted(out)


def _group(org: Org, outlet: str, kind: str | None, level: int) -> str | None:
    """The ancestor of ``outlet`` of ``kind`` (nearest), else ``level`` steps up."""
    chain = org.chain(outlet)[1:]
    if kind is not None:
        return next((u for u in chain if org.by_id[u].kind == kind), None)
    return chain[level - 1] if len(chain) >= level else None


def hamilton(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` split in proportion to ``weights`` (largest remainders; ties by key)."""
    whole = sum(weights.values())
    if whole == 0:
        return {k: 0 for k in weights}
    share = {k: total * w // whole for k, w in weights.items()}
    rest = total - sum(share.values())
    order = sorted(weights, key=lambda k: (-(total * weights[k] % whole), k))
    for k in order[:rest]:
        share[k] += 1
    return share


def draw(org: Org, design: Design, *, today: date, lang: str = "en") -> Draw:
    """The visits of a wave: stratified, clustered, reproducible from the seed."""
    outlets = population(org, design.window, today)
    if not outlets:
        raise UsageError(t(lang, "机构目录中没有可抽取的网点"
                                 "（在整个期间内营业、没有下级单位的单位）",
                           "the directory has no outlet to draw (a unit without units "
                           "below it, open throughout the window)"))
    strata: dict[str, dict[str, list[str]]] = {}
    for o in outlets:
        cluster = _group(org, o, design.cluster, 1) or o
        if design.stratum is not None:
            stratum = _group(org, o, design.stratum, 0)
        else:
            stratum = org.by_id[cluster].parent if cluster != o else None
        strata.setdefault(stratum or "-", {}).setdefault(cluster, []).append(o)
    result = Draw([])
    sizes = {s: sum(len(v) for v in c.values()) for s, c in strata.items()}
    need = {s: min(design.clusters, len(c)) for s, c in strata.items()}
    share = hamilton(design.visits, sizes)
    if sum(need.values()) > design.visits:
        words = (f"{design.visits} 次暗访不够在每个层（共 {len(strata)} 个）至少抽 "
                 f"{design.clusters} 个群（需要 {sum(need.values())} 次）",
                 f"{design.visits} visits are too few to draw {design.clusters} clusters in each "
                 f"of the {len(strata)} strata (needs {sum(need.values())})")
        if design.clusters_given:
            raise UsageError(t(lang, *words))
        result.warnings.append(t(lang, words[0] + "；按网点数比例分配（少于默认群数）",
                                 words[1] + "; visits are shared in proportion to outlets, "
                                 "with fewer clusters than the default"))
    else:
        share = _with_minimum(share, need, sizes)
    for stratum in sorted(strata):
        result.strata[stratum] = share[stratum]
        for outlet_id in _in_stratum(strata[stratum], share[stratum], design, stratum):
            result.visits.append(Visit("", outlet_id, tuple(org.chain(outlet_id)[1:])))
    return _numbered(result, design)


def _with_minimum(share: dict[str, int], need: dict[str, int],
                  sizes: dict[str, int]) -> dict[str, int]:
    """``share`` raised to ``need`` per stratum, the visits taken from the strata with
    the most to spare (largest first, ties by id)."""
    out = dict(share)
    for s in sorted(out):
        while out[s] < need[s]:
            donor = max((d for d in out if out[d] > need[d]),
                        key=lambda d: (out[d] - need[d], sizes[d], d))
            out[donor] -= 1
            out[s] += 1
    return out


def _in_stratum(clusters: dict[str, list[str]], visits: int, design: Design,
                stratum: str) -> list[str]:
    """The outlets of ``visits`` visits in one stratum (an outlet once per visit)."""
    if visits == 0:
        return []
    order = sorted(clusters)
    _rng(design.seed, design.wave, "stratum", stratum).shuffle(order)
    chosen: list[str] = []
    room = 0
    for c in order:
        if len(chosen) >= min(design.clusters, visits) and room >= visits:
            break
        chosen.append(c)
        room += len(clusters[c])
    share = hamilton(visits, {c: len(clusters[c]) for c in chosen})
    if visits >= len(chosen):  # every drawn cluster is visited at least once
        share = _with_minimum(share, {c: 1 for c in chosen},
                              {c: len(clusters[c]) for c in chosen})
    out: list[str] = []
    for c in sorted(chosen):
        members = sorted(clusters[c])
        _rng(design.seed, design.wave, "cluster", c).shuffle(members)
        out.extend(members[i % len(members)] for i in range(share[c]))
    return out


def _numbered(result: Draw, design: Design) -> Draw:
    """Visits in plan order (by outlet), numbered, with scenarios dealt evenly."""
    visits = sorted(result.visits, key=lambda v: (v.within[::-1], v.outlet))
    scen: list[str | None] = [None] * len(visits)
    if design.scenarios:
        dealt = [design.scenarios[i % len(design.scenarios)] for i in range(len(visits))]
        _rng(design.seed, design.wave, "scenarios").shuffle(dealt)
        scen = list(dealt)
    width = max(3, len(str(len(visits))))
    result.visits = [v._replace(id=f"{design.wave}-{i + 1:0{width}d}", scenario=scen[i])
                     for i, v in enumerate(visits)]
    return result


def plan_of(org: Org, design: Design, drawn: Draw, *, checklist: str, org_file: str,
            org_sha256: str) -> Plan:
    """The plan document of a draw."""
    return Plan(
        wave=design.wave, checklist=checklist, seed=design.seed, visits=tuple(drawn.visits),
        window=design.window, open_days=org.business_days, closed_days=org.closed_days,
        org={"file": org_file, "sha256": org_sha256},
        design={k: v for k, v in (
            ("visits", design.visits), ("clusters", design.clusters),
            ("stratum", design.stratum), ("cluster", design.cluster),
            ("scenarios", list(design.scenarios))) if v})


def outlets_of(visits: Sequence[Visit]) -> dict[str, int]:
    """Visits per outlet."""
    count: dict[str, int] = {}
    for v in visits:
        count[v.outlet] = count.get(v.outlet, 0) + 1
    return count
