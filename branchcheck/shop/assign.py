"""Assigning a wave's visits to shoppers, days and time slots, under the programme's rules.

Hard rules (docs/shop.md), each a department setting with a stated default:

* **home unit**: never at an outlet in, or below, one of the shopper's home units;
* **repeat**: never at an outlet the shopper visited in the last ``gap_waves``
  earlier waves given, nor within ``gap_days`` days of another visit of the
  shopper to that outlet (this wave or an earlier one);
* **per day**: at most the roster's ``max_per_day`` visits a day (and one per slot);
* **availability**: only on the shopper's available days, on the outlets' open
  days (the directory's business days less its closed days).

Visits are taken hardest first (most shoppers ruled out by home units), each
given to the least-loaded shopper it may go to, on the least busy day (a day
the outlet has no visit yet first) and the least busy slot, so visits spread
over the days, weekdays and weekends alike, and the opening hours. Ties are
broken by keys hashed from the seed and the ids: the same plan, roster, days
and seed give the same assignment. A visit nobody can take says which rule
ruled the last shoppers out.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from branchcheck.shop.plan import Plan, Visit
from branchcheck.shop.planfile import days_between
from branchcheck.shop.roster import Shopper

SLOTS = ("09:00-11:00", "11:00-13:00", "13:00-15:00", "15:00-17:00")
"""Default time slots over the opening hours: a department setting (``--slots``)."""
GAP_DAYS = 180
"""Default: a shopper returns to an outlet after at least half a year (one wave)."""
GAP_WAVES = 1
"""Default: and never in the wave after the one they visited it in."""
REASONS = ("no-shopper", "home-unit", "availability", "repeat", "capacity")


@dataclass(frozen=True)
class Rules:
    """The days, slots and repeat rules of one assignment."""

    start: date
    end: date
    seed: str
    slots: tuple[str, ...] = SLOTS
    gap_days: int = GAP_DAYS
    gap_waves: int = GAP_WAVES


class Past(NamedTuple):
    """A visit of an earlier wave (from its assigned plan)."""

    shopper: str
    outlet: str
    day: date
    wave: str


@dataclass
class Outcome:
    """Assigned visits (plan order) and, for each unassigned one, the shoppers each rule
    ruled out."""

    visits: list[Visit]
    excluded: dict[str, dict[str, int]] = field(default_factory=dict)


def key(*parts: str) -> int:
    """A tie-break key hashed from the seed and ids (stable everywhere)."""
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:8], "big")


def past_visits(plans: Sequence[Plan]) -> list[Past]:
    """The assigned visits of earlier waves' plans."""
    return [Past(v.shopper, v.outlet, date.fromisoformat(v.date), p.wave)
            for p in plans for v in p.visits if v.shopper and v.date]


def recent_waves(plans: Sequence[Plan], count: int) -> set[str]:
    """The ``count`` latest waves among ``plans`` (by their assignment's first day)."""
    dated = sorted(plans, key=lambda p: str((p.assignment or {}).get("from", "")))
    return {p.wave for p in dated[len(dated) - count:]} if count else set()


class _State:
    """Who is free when, as visits are assigned."""

    def __init__(self, plan: Plan, shoppers: Sequence[Shopper], rules: Rules,
                 history: Sequence[Plan]) -> None:
        self.days = [d for d in days_between(rules.start, rules.end) if plan.open_on(d)]
        self.ordinal = [d.toordinal() for d in self.days]
        self.shoppers = list(shoppers)
        self.rules = rules
        n_slots = len(rules.slots)
        self.free_day = [{i: min(s.max_per_day, n_slots) for i, d in enumerate(self.days)
                          if s.available(d)} for s in shoppers]
        self.used: list[dict[int, set[int]]] = [{} for _ in shoppers]
        self.left = [sum(f.values()) for f in self.free_day]
        self.load = [0] * len(shoppers)
        self.day_load = [0] * len(self.days)
        self.slot_load = [[0] * n_slots for _ in self.days]
        self.slot_total = [0] * n_slots
        self.outlet_days: dict[str, set[int]] = {}
        self.home: dict[str, list[int]] = {}
        for i, s in enumerate(shoppers):
            for u in s.home_units:
                self.home.setdefault(u, []).append(i)
        index = {s.id: i for i, s in enumerate(shoppers)}
        self.past: dict[tuple[int, str], list[int]] = {}
        self.banned: set[tuple[int, str]] = set()
        recent = recent_waves(history, rules.gap_waves)
        for p in past_visits(history):
            if p.shopper in index:
                self.past.setdefault((index[p.shopper], p.outlet), []).append(p.day.toordinal())
                if p.wave in recent:
                    self.banned.add((index[p.shopper], p.outlet))
        self.key = [key(rules.seed, plan.wave, "shopper", s.id) for s in shoppers]
        self.buckets: dict[int, list[tuple[int, int]]] = {0: sorted(
            (self.key[i], i) for i in range(len(shoppers)) if self.left[i] > 0)}

    def home_out(self, v: Visit) -> set[int]:
        """Shoppers whose home units hold the visit's outlet."""
        out: set[int] = set()
        for u in (v.outlet, *v.within):
            out.update(self.home.get(u, ()))
        return out

    def too_close(self, i: int, outlet: str, day: int) -> bool:
        """Whether shopper ``i`` visited ``outlet`` within the gap of day index ``day``."""
        gap = max(self.rules.gap_days, 1)
        when = self.ordinal[day]
        return any(abs(when - p) < gap for p in self.past.get((i, outlet), ()))

    def best_day(self, i: int, v: Visit, tie: int) -> int | None:
        """The day for shopper ``i``'s visit ``v``: the outlet's fewest visits that day,
        then the day's fewest, then the tie key."""
        taken = self.outlet_days.get(v.outlet, ())
        before = self.past.get((i, v.outlet))
        best, score = None, None
        for d, free in self.free_day[i].items():
            if free <= 0 or (before and self.too_close(i, v.outlet, d)):
                continue
            s = (d in taken, self.day_load[d], (d * 7919 + tie) % 104729)
            if score is None or s < score:
                best, score = d, s
        return best

    def best_slot(self, i: int, d: int, tie: int) -> int:
        """The least busy slot of day ``d`` shopper ``i`` has free (then the least used
        over all days)."""
        used = self.used[i].get(d, set())
        n = len(self.rules.slots)
        free = [s for s in range(n) if s not in used]
        return min(free, key=lambda s: (self.slot_load[d][s], self.slot_total[s], (s + tie) % n))

    def take(self, i: int, v: Visit, d: int, s: int) -> None:
        """Record shopper ``i`` at ``v`` on day ``d``, slot ``s``."""
        bucket = self.buckets[self.load[i]]
        bucket.pop(bisect.bisect_left(bucket, (self.key[i], i)))
        self.load[i] += 1
        self.left[i] -= 1
        self.free_day[i][d] -= 1
        self.used[i].setdefault(d, set()).add(s)
        if self.left[i] > 0:
            bisect.insort(self.buckets.setdefault(self.load[i], []), (self.key[i], i))
        self.day_load[d] += 1
        self.slot_load[d][s] += 1
        self.slot_total[s] += 1
        self.outlet_days.setdefault(v.outlet, set()).add(d)
        self.past.setdefault((i, v.outlet), []).append(self.ordinal[d])

    def excluded(self, v: Visit, home: set[int]) -> tuple[str, dict[str, int]]:
        """Why nobody can take ``v``: the rule that ruled out the last shoppers, and how
        many each rule ruled out (rules applied in the order of :data:`REASONS`)."""
        counts = dict.fromkeys(REASONS[1:], 0)
        if not self.shoppers:
            return "no-shopper", counts
        left = [i for i in range(len(self.shoppers)) if i not in home]
        counts["home-unit"] = len(self.shoppers) - len(left)
        reason = "home-unit"
        rules: list[tuple[str, Callable[[int], bool]]] = [
            ("availability", lambda i: bool(self.free_day[i])),
            ("repeat", lambda i: (i, v.outlet) not in self.banned and any(
                not self.too_close(i, v.outlet, d) for d in self.free_day[i])),
            ("capacity", lambda i: False)]
        for rule, keep in rules:
            if not left:
                break
            kept = [i for i in left if keep(i)]
            counts[rule] = len(left) - len(kept)
            left, reason = kept, rule
        return reason, counts


def assign(plan: Plan, shoppers: Sequence[Shopper], rules: Rules,
           history: Sequence[Plan] = ()) -> Outcome:
    """Every visit of ``plan`` with a shopper, day and slot, or the reason it has none."""
    st = _State(plan, shoppers, rules, history)
    homes = [st.home_out(v) for v in plan.visits]
    ties = [key(rules.seed, plan.wave, "visit", v.id) for v in plan.visits]
    order = sorted(range(len(plan.visits)), key=lambda n: (-len(homes[n]), ties[n]))
    done: list[Visit | None] = [None] * len(plan.visits)
    outcome = Outcome([])
    for n in order:
        v = plan.visits[n]._replace(shopper=None, date=None, slot=None, reason=None)
        chosen = _choose(st, v, homes[n], ties[n])
        if chosen is None:
            reason, counts = st.excluded(v, homes[n])
            done[n] = v._replace(reason=reason)
            outcome.excluded[v.id] = counts
            continue
        i, d = chosen
        s = st.best_slot(i, d, ties[n])
        st.take(i, v, d, s)
        done[n] = v._replace(shopper=st.shoppers[i].id, date=str(st.days[d]),
                             slot=rules.slots[s])
    outcome.visits = [v for v in done if v is not None]
    return outcome


def _choose(st: _State, v: Visit, home: set[int], tie: int) -> tuple[int, int] | None:
    """The least-loaded shopper (then by key) who may take ``v``, and the day."""
    for load in sorted(st.buckets):
        for _, i in st.buckets[load]:
            if i in home or (i, v.outlet) in st.banned:
                continue
            d = st.best_day(i, v, tie)
            if d is not None:
                return i, d
    return None
