"""Sample data: a small bundled network and a generator of realistic results.

The results are made by the scoring code (``make_result``) and stored with
``integrity.chain.store_result``, exactly as ``score`` stores them (chained), so
the sample goes through the same validation and tamper checks as real files;
each stored result then updates its branch's corrective actions, as ``score``
does (opened on a fail, verified by the next pass).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from branchcheck.core.model import AnswerValue, Checklist, Item, Result
    from branchcheck.org.directory import Org

SAMPLE_ORG = Path(__file__).resolve().parent / "data" / "sample-org.yaml"


def make_results(checklist: Checklist, branches: Sequence[str], days: Sequence[date], *,
                 seed: int = 13, skip: float = 0.05, zone: str = "Asia/Shanghai",
                 org: Org | None = None) -> Iterator[Result]:
    """One result per open branch per day (a share ``skip`` of them missed at random).

    Each branch passes an item with its own probability in [0.6, 0.99]; a
    red-line item fails far less often.
    """
    from zoneinfo import ZoneInfo

    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result

    rng = random.Random(seed)  # noqa: S311 - sample data, not security
    items = [it for sec in checklist.sections for it in sec.items]
    quality = {b: rng.uniform(0.6, 0.99) for b in branches}
    tz = ZoneInfo(zone)
    for day in days:
        for b in branches:
            if org is not None and not org.by_id[b].open_on(day):
                continue
            if rng.random() < skip:
                continue
            answers: dict[str, Answer] = {}
            for it in items:
                p = quality[b] if it.critical is None else 0.97 + quality[b] / 40
                answers[it.id] = Answer(it.id, _value(it, rng.random() < p, rng))
            start = datetime.combine(day, time(8, 30), tz) + timedelta(minutes=rng.randint(0, 20))
            finish = start + timedelta(minutes=rng.randint(3, 6))
            yield make_result(checklist, answers, branch=b, reviewer=f"{b} head", lang="zh",
                              started=start.isoformat(timespec="seconds"),
                              finished=finish.isoformat(timespec="seconds"))


def _value(item: Item, good: bool, rng: random.Random) -> AnswerValue:
    """A plausible answer of any item type: the best one when ``good``, a poor one if not."""
    if item.type == "scale" and item.scale is not None:
        low, high = item.scale.min, item.scale.max
        return high if good else rng.randint(low, max(low, (low + high) // 2))
    if item.type == "choice" and item.options:
        ranked = sorted(item.options, key=lambda o: o.points)
        return ranked[-1].key if good else ranked[0].key
    if item.type == "metric":
        target = item.pass_if.value if item.pass_if is not None else 100.0
        above = item.pass_if is None or item.pass_if.op in (">=", ">")
        value = target + (1 if above else -1) * (0 if good else -20)
        if item.pass_if is not None and item.pass_if.op in (">", "<"):
            value += (1 if above else -1) * (1 if good else 0)
        if item.min is not None:
            value = max(item.min, value)
        if item.max is not None:
            value = min(item.max, value)
        return value
    if item.type == "text":
        return "ok"
    return "pass" if good else "fail"


# The sample network tells a story a manager can read off the report (README):
# two common problems (brochure racks, name badges) at most outlets, a local one
# (the queue machine at Guomao), one red line (customer data left out at
# Zhongguancun), one outlet that skips days (Lujiazui), four well-run outlets,
# a fact that never changes (Longhua has no self-service machines yet), and a
# note on every failure.
COMMON = ("brochures-tidy", "badge-worn")
WELL_RUN = ("SH-002", "SH-003", "SH-004", "BJ-003")
LOCAL = ("BJ-004", "queue-machine-working")
RED_LINE = ("BJ-001", "no-customer-data-exposed", 10)  # on its 10th opening day
SKIPPER = ("SH-001", 5)  # skips every 5th opening day
NO_MACHINES = "SH-006"
NOTES = {
    "brochures-tidy": "理财折页缺货两种，已通知补货",
    "badge-worn": "一名柜员未佩戴工号牌，已提醒",
    "queue-machine-working": "叫号机缺纸，已换纸卷",
    "no-customer-data-exposed": "柜台上遗留客户身份证复印件，已收回并上报",
}


def story_results(checklist: Checklist, org: Org, days: Sequence[date], *,
                  seed: int = 13) -> Iterator[Result]:
    """The sample's daily opening checks, one per open outlet and opening day, as the
    story above tells (seeded: the same files every time)."""
    from zoneinfo import ZoneInfo

    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result

    rng = random.Random(seed)  # noqa: S311 - sample data, not security
    items = [it for sec in checklist.sections for it in sec.items]
    tz = ZoneInfo(org.timezone)
    for b in org.leaves():
        opened = [d for d in days if org.by_id[b].open_on(d)]
        for n, day in enumerate(opened, 1):
            if b == SKIPPER[0] and n % SKIPPER[1] == 0:
                continue
            answers: dict[str, Answer] = {}
            for it in items:
                if it.id == "has-self-service":
                    answers[it.id] = Answer(it.id, "n" if b == NO_MACHINES else "y")
                    continue
                if it.id == RED_LINE[1]:
                    fail = b == RED_LINE[0] and n == RED_LINE[2]
                elif it.id in COMMON:
                    fail = rng.random() < (0.05 if b in WELL_RUN else 0.3)
                elif (b, it.id) == LOCAL:
                    fail = rng.random() < 0.5
                else:
                    fail = rng.random() < (0.01 if b in WELL_RUN else 0.04)
                value = _value(it, not fail, rng)
                note = NOTES.get(it.id, "当场已纠正") if fail else None
                answers[it.id] = Answer(it.id, value, note)
            start = datetime.combine(day, time(8, 30), tz) + timedelta(minutes=rng.randint(0, 20))
            finish = start + timedelta(minutes=rng.randint(3, 6))
            yield make_result(checklist, answers, branch=b, reviewer=f"{b} 负责人", lang="zh",
                              started=start.isoformat(timespec="seconds"),
                              finished=finish.isoformat(timespec="seconds"))


def business_days(org: Org, start: date, end: date) -> list[date]:
    """The directory's opening days (营业日) from ``start`` to ``end``."""
    out, day = [], start
    while day <= end:
        if day.weekday() in org.business_days and day not in org.closed_days:
            out.append(day)
        day += timedelta(days=1)
    return out


# The branches' on-site inspections (分行检查) of the sample: each outlet is inspected on
# its 2nd and 4th Wednesday of the period, the same day as its own opening check. The
# inspector finds what the outlet found, except at Caohejing, whose self-checks pass
# what the inspectors fail (brochure racks, forms, name badges, the hall floor, the
# one-metre line): the outlet
# `network honesty` puts first and `network league --composite` moves down.
LENIENT = ("SH-005", ("brochures-tidy", "badge-worn", "hall-floor-clean", "forms-tidy",
                       "one-metre-line"))
INSPECTION_WEEKDAY, INSPECTION_WEEKS = 2, (2, 4)


def inspection_results(checklist: Checklist, org: Org,
                       own: Sequence[Result]) -> Iterator[Result]:
    """The branch inspections of the sample (see ``LENIENT``), one per outlet on each
    inspection day it did its own check, by the branch above it."""
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result

    kinds = {it.id: it for sec in checklist.sections for it in sec.items}
    rng = random.Random(0)  # noqa: S311 - sample data, not security
    for result in own:
        day = date.fromisoformat(result.started[:10])
        if day.weekday() != INSPECTION_WEEKDAY or (day.day - 1) // 7 + 1 not in INSPECTION_WEEKS:
            continue
        branch = org.by_id[result.branch].parent
        branch = org.by_id[branch].parent if branch is not None else None
        answers: dict[str, Answer] = {}
        for item in result.score.items:
            if item.value is None:
                continue
            if result.branch == LENIENT[0] and item.id in LENIENT[1]:
                answers[item.id] = Answer(item.id, _value(kinds[item.id], False, rng),
                                          "检查组现场发现")
            else:
                answers[item.id] = Answer(item.id, item.value, item.note)
        start = datetime.fromisoformat(result.started) + timedelta(hours=2)
        yield make_result(checklist, answers, branch=result.branch,
                          reviewer=f"{branch} 检查组", lang="zh",
                          started=start.isoformat(timespec="seconds"),
                          finished=(start + timedelta(minutes=40)).isoformat(timespec="seconds"),
                          source="branch", inspector_unit=branch)


def write_sample(target: Path, *, start: date, end: date,
                 seed: int = 13) -> tuple[Path, int, int]:
    """Copy the sample directory to ``target/org.yaml``, store daily-opening results for
    its outlets under ``target/results`` and the branches' inspections of them under
    ``target/inspections``; returns (org path, own results, inspections)."""
    from branchcheck.actions.hook import record_result
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.fsafe import atomic_write
    from branchcheck.org.directory import load
    from branchcheck.results.chain import store_result

    org_path = target / "org.yaml"
    atomic_write(org_path, SAMPLE_ORG.read_bytes(), overwrite=False)
    org = load(str(org_path))
    checklist = load_checklist("daily-opening")
    n = 0
    root = target / "results"
    own: list[Result] = []
    for result in story_results(checklist, org, business_days(org, start, end), seed=seed):
        # chained, as run and score store; stored as it finished (not today: 补录)
        stored = store_result(result, root=root, stored=result.finished)
        record_result(root, stored, result, checklist)  # and its corrective actions
        own.append(result)
        n += 1
    m = 0
    for result in inspection_results(checklist, org, own):
        store_result(result, root=target / "inspections", stored=result.finished)
        m += 1
    return org_path, n, m
