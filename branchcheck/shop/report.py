"""The programme report of a wave: what was planned and done, scores, waiting,
red lines, appeals and shopper leniency (docs/shop.md gives every formula).

The figures are made from the mystery-shopper results under a results folder
(``source: mystery-shopper``), each counted once: a result an upheld appeal
replaced counts as its new result, never both.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from branchcheck.core.model import Result
from branchcheck.shop.plan import Plan

CHANGED_SHARE = 0.02
"""Default warning threshold: upheld appeals changed more than 2 % of a wave's scores
(industry guides treat more as a sign of trouble); a department setting."""
LENIENT_POINTS = 10.0
"""Default: a shopper whose mean difference from the others is this far off is flagged."""
LENIENT_MIN = 3
"""Visits with comparable visits a shopper needs before being judged."""
WAIT_BANDS = ((0, 5), (5, 10), (10, 15), (15, 30), (30, None))


@dataclass
class Visit:
    """One counted visit: its result and where it sits."""

    result: Result
    path: str
    unit: str
    """The unit above the outlet (from the plan, else the outlet itself)."""


@dataclass
class Report:
    """Every section of the programme report, as rows."""

    wave: str
    planned: list[dict[str, Any]] = field(default_factory=list)
    league: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    waiting: dict[str, Any] = field(default_factory=dict)
    red_lines: list[dict[str, Any]] = field(default_factory=list)
    appeals: dict[str, Any] = field(default_factory=dict)
    shoppers: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def counted(root: Path, wave: str, plans: list[Plan], lang: str,
            unread: list[str] | None = None) -> list[Visit]:
    """The wave's mystery-shopper results, superseded ones left out; why each result
    file that does not read was left out is added to ``unread``."""
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.results.storage import iter_stored, read_result
    from branchcheck.shop import appeals

    gone = appeals.superseded(appeals.read(root, lang))
    ids = {v.id for p in plans for v in p.visits}
    above = {v.outlet: (v.within[0] if v.within else v.outlet) for p in plans for v in p.visits}
    real_root = root.resolve()
    out = []
    for stored in iter_stored(root):
        try:
            result = read_result(stored.path, root=root, lang=lang)
            rel = str(stored.path.resolve().relative_to(real_root))
        except BranchcheckError as exc:  # a link out of the folder is refused here too
            if unread is not None:
                unread.append(exc.message)
            continue
        if rel in gone:
            continue
        visit = dict(result.visit or {})
        if result.source != "mystery-shopper" or not (
                visit.get("wave") == wave or visit.get("id") in ids):
            continue
        out.append(Visit(result, rel, above.get(result.branch, result.branch)))
    return out


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def build(root: Path, wave: str, plans: list[Plan], *, changed_share: float = CHANGED_SHARE,
          lenient: float = LENIENT_POINTS, lang: str = "en") -> Report:
    """The report of ``wave`` from the results under ``root`` and the wave's plans."""
    from branchcheck.core.i18n import t
    from branchcheck.shop import appeals as ap

    unread: list[str] = []
    visits = counted(root, wave, plans, lang, unread)
    rep = Report(wave)
    if unread:
        rep.warnings.append(t(
            lang, f"{len(unread)} 个结果文件无法读取，未计入（{'；'.join(unread[:3])}）",
            f"{len(unread)} result files do not read and are not counted "
            f"({'; '.join(unread[:3])})"))
    _planned(rep, visits, plans)
    _league(rep, visits)
    _items_and_scenarios(rep, visits)
    _waiting(rep, visits)
    every = [a for a in ap.read(root, lang).values() if a.wave == wave]
    upheld = [a for a in every if a.decision == "upheld"]
    changed = {a.sha256 for a in upheld if a.new_score != a.old_score}
    share = len(changed) / len(visits) if visits else 0.0
    rep.appeals = {"filed": len(every), "upheld": len(upheld),
                   "rejected": sum(1 for a in every if a.decision == "rejected"),
                   "open": sum(1 for a in every if not a.decision),
                   "scores_changed": len(changed), "results": len(visits),
                   "changed_share": share, "threshold": changed_share}
    if share > changed_share:
        rep.warnings.append(t(
            lang, f"申诉改变了本批次 {share:.1%} 的得分，超过 {changed_share:.0%}（部门设定）："
                  "请复核第三方的评分质量",
            f"upheld appeals changed {share:.1%} of the wave's scores, more than "
            f"{changed_share:.0%} (a department setting): review the firm's scoring"))
    rep.shoppers = _leniency(visits, lenient)
    return rep


def _planned(rep: Report, visits: list[Visit], plans: list[Plan]) -> None:
    """Planned, done and missing visits per unit above the outlets."""
    done_ids = {str((v.result.visit or {}).get("id")) for v in visits}
    done_pairs = {(v.result.branch, str((v.result.visit or {}).get("date"))) for v in visits}
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for plan in plans:
        for pv in plan.visits:
            unit = pv.within[0] if pv.within else pv.outlet
            per[unit][0] += 1
            if pv.id in done_ids or (pv.outlet, str(pv.date)) in done_pairs:
                per[unit][1] += 1
    rep.planned = [{"unit": u, "planned": p, "done": d, "missing": p - d,
                    "completion": d / p if p else None} for u, (p, d) in sorted(per.items())]


def _league(rep: Report, visits: list[Visit]) -> None:
    """Outlets by mean final score; an outlet with a red-line failure ranks after every
    outlet without one (then by mean, then id)."""
    by: dict[str, list[Visit]] = defaultdict(list)
    for v in visits:
        by[v.result.branch].append(v)
    rows: list[dict[str, Any]] = []
    for outlet, vs in by.items():
        scores = [float(v.result.overall_final) for v in vs if v.result.overall_final is not None]
        red = sum(1 for v in vs if v.result.score.knocked_out)
        rows.append({"outlet": outlet, "unit": vs[0].unit, "n": len(vs), "mean": _mean(scores),
                     "red_lines": red})
    rows.sort(key=lambda r: (r["red_lines"] > 0, -(r["mean"] or 0.0), r["outlet"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    rep.league = rows
    rep.red_lines = [{"outlet": v.result.branch, "visit": (v.result.visit or {}).get("id"),
                      "date": (v.result.visit or {}).get("date"),
                      "items": [i.id for i in v.result.score.items
                                if i.critical and i.status == "fail"]}
                     for v in visits if v.result.score.knocked_out]


def _items_and_scenarios(rep: Report, visits: list[Visit]) -> None:
    """Each item's failure rate (fail / pass, partial or fail) and the mean score of each
    scenario."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for v in visits:
        for it in v.result.score.items:
            if it.status in ("pass", "partial", "fail"):
                counts[it.id][0] += 1
                counts[it.id][1] += it.status == "fail"
    rep.items = sorted(({"item": i, "answered": a, "failed": f, "rate": f / a}
                        for i, (a, f) in counts.items()), key=lambda r: (-r["rate"], r["item"]))
    scen: dict[str, list[float]] = defaultdict(list)
    for v in visits:
        if v.result.overall_final is not None:
            scen[str((v.result.visit or {}).get("scenario", "—"))].append(v.result.overall_final)
    rep.scenarios = [{"scenario": s, "n": len(x), "mean": _mean(x)}
                     for s, x in sorted(scen.items())]


def _waiting(rep: Report, visits: list[Visit]) -> None:
    """The waiting minutes' count, mean, median, 90th percentile (nearest rank), maximum
    and bands."""
    import math

    waits = sorted(float(w) for v in visits
                   if (w := (v.result.visit or {}).get("waiting_minutes")) is not None)
    bands = {f"{lo}-{hi}" if hi is not None else f"{lo}+":
             sum(1 for w in waits if w >= lo and (hi is None or w < hi)) for lo, hi in WAIT_BANDS}
    rep.waiting = {"n": len(waits), "mean": _mean(waits),
                   "median": statistics.median(waits) if waits else None,
                   "p90": waits[math.ceil(0.9 * len(waits)) - 1] if waits else None,
                   "max": waits[-1] if waits else None, "bands": bands}


def _leniency(visits: list[Visit], lenient: float) -> list[dict[str, Any]]:
    """Each shopper's mean difference from the other shoppers at comparable outlets: for
    each of their visits, its score less the mean score of the other shoppers' visits to
    outlets under the same unit; flagged when at least LENIENT_MIN visits had comparables
    and the mean difference is ``lenient`` points or more either way."""
    by_unit: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for v in visits:
        shopper = (v.result.visit or {}).get("shopper")
        if shopper and v.result.overall_final is not None:
            by_unit[v.unit].append((str(shopper), float(v.result.overall_final)))
    diffs: dict[str, list[float]] = defaultdict(list)
    for rows in by_unit.values():
        for shopper, score in rows:
            others = [s for who, s in rows if who != shopper]
            if others:
                diffs[shopper].append(score - sum(others) / len(others))
    out = []
    for shopper, d in sorted(diffs.items()):
        mean = sum(d) / len(d)
        out.append({"shopper": shopper, "n": len(d), "difference": mean,
                    "flag": len(d) >= LENIENT_MIN and abs(mean) >= lenient})
    return sorted(out, key=lambda r: (-abs(r["difference"]), r["shopper"]))
