"""An independent check of a mystery-shopper assignment (no branchcheck code used).

    python tests/shop_constraints.py --org ORG.yaml --roster ROSTER.csv --visits V.json \
        --from 2027-03-01 --to 2027-04-30 [--slots A,B] [--gap-days 180] [--history H.json]

Reads the directory (YAML with PyYAML, or CSV), the roster (csv) and the visits
(the JSON list ``shop assign -f json`` prints) and lists every broken rule:
an outlet that is not in the directory or not an outlet; a shopper sent into
one of their home units (or below); more visits a day than ``max_per_day``;
two visits of a shopper in one slot; a day outside the window, on a closed or
non-business day, or on a day the shopper is not available; a slot not
offered; the same shopper at the same outlet within the gap (this wave and the
history); an assigned visit without a shopper, date or slot and an unassigned
one without a reason. Exit 0 when there is nothing to report.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SLOTS = ["09:00-11:00", "11:00-13:00", "13:00-15:00", "15:00-17:00"]


def read_org(text: str, csv_form: bool) -> tuple[dict[str, str | None], set[int], set[date]]:
    """Parent of each unit, business weekdays, closed days."""
    if csv_form:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        return {r["id"]: (r["parent"] or None) for r in rows}, set(range(7)), set()
    data = yaml.safe_load(text)
    parents = {u["id"]: u.get("parent") for u in data["units"]}
    business = {DAYS.index(d) for d in data.get("business_days", DAYS)}
    closed = {d if isinstance(d, date) else date.fromisoformat(d)
              for d in data.get("closed_days", [])}
    return parents, business, closed


def read_roster(text: str) -> dict[str, dict[str, Any]]:
    """Shoppers by id: home units, max a day, availability tokens."""
    out = {}
    for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))):
        tokens = [x.strip() for x in (r.get("available") or "").split(";") if x.strip()]
        out[r["id"].strip()] = {
            "homes": {u.strip() for u in r["home_units"].split(";") if u.strip()},
            "max": int(r["max_per_day"]),
            "weekdays": {DAYS.index(x.lower()) for x in tokens if x.lower() in DAYS},
            "spans": [(date.fromisoformat(x.split("..")[0]),
                       date.fromisoformat(x.split("..")[-1]))
                      for x in tokens if x.lower() not in DAYS],
        }
    return out


def violations(visits: list[dict[str, Any]], parents: dict[str, str | None],
               business: set[int], closed: set[date], roster: dict[str, dict[str, Any]],
               first: date, last: date, slots: list[str], gap_days: int,
               history: Sequence[dict[str, Any]] = ()) -> list[str]:
    """Every broken rule, one line each."""
    bad: list[str] = []
    has_children = {p for p in parents.values() if p}
    per_day: dict[tuple[str, date], int] = {}
    per_slot: set[tuple[str, date, str]] = set()
    seen: dict[tuple[str, str], list[date]] = {}
    for h in history:
        if h.get("shopper"):
            seen.setdefault((h["shopper"], h["outlet"]), []).append(date.fromisoformat(h["date"]))
    for v in visits:
        vid, outlet = v["id"], v["outlet"]
        if outlet not in parents or outlet in has_children:
            bad.append(f"{vid}: {outlet} is not an outlet of the directory")
            continue
        shopper = v.get("shopper")
        if not shopper:
            if not v.get("reason") or v.get("date") or v.get("slot"):
                bad.append(f"{vid}: unassigned without a reason (or with a date or slot)")
            continue
        if not v.get("date") or not v.get("slot"):
            bad.append(f"{vid}: assigned without a date or slot")
            continue
        if shopper not in roster:
            bad.append(f"{vid}: shopper {shopper} is not in the roster")
            continue
        s = roster[shopper]
        day = date.fromisoformat(v["date"])
        chain, node = [], outlet
        while node is not None:
            chain.append(node)
            node = parents.get(node)
        if s["homes"] & set(chain):
            bad.append(f"{vid}: {shopper} is at home in {sorted(s['homes'] & set(chain))}")
        if not first <= day <= last:
            bad.append(f"{vid}: {day} outside {first}..{last}")
        if day.weekday() not in business or day in closed:
            bad.append(f"{vid}: outlets are closed on {day}")
        if s["weekdays"] and day.weekday() not in s["weekdays"]:
            bad.append(f"{vid}: {shopper} does not work on {DAYS[day.weekday()]}")
        if s["spans"] and not any(a <= day <= b for a, b in s["spans"]):
            bad.append(f"{vid}: {shopper} is not available on {day}")
        if v["slot"] not in slots:
            bad.append(f"{vid}: slot {v['slot']} is not offered")
        per_day[shopper, day] = per_day.get((shopper, day), 0) + 1
        if per_day[shopper, day] > s["max"]:
            bad.append(f"{vid}: {shopper} has more than {s['max']} visits on {day}")
        if (shopper, day, v["slot"]) in per_slot:
            bad.append(f"{vid}: {shopper} has two visits on {day} {v['slot']}")
        per_slot.add((shopper, day, v["slot"]))
        for other in seen.get((shopper, outlet), []):
            if abs((day - other).days) < max(gap_days, 1):
                bad.append(f"{vid}: {shopper} returns to {outlet} within {gap_days} days")
        seen.setdefault((shopper, outlet), []).append(day)
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--org", required=True)
    ap.add_argument("--roster", required=True)
    ap.add_argument("--visits", required=True)
    ap.add_argument("--from", dest="first", required=True)
    ap.add_argument("--to", dest="last", required=True)
    ap.add_argument("--slots", default=",".join(SLOTS))
    ap.add_argument("--gap-days", type=int, default=180)
    ap.add_argument("--history", action="append", default=[])
    a = ap.parse_args(argv)
    with open(a.org, encoding="utf-8") as f:
        parents, business, closed = read_org(f.read(), a.org.endswith(".csv"))
    with open(a.roster, encoding="utf-8") as f:
        roster = read_roster(f.read())
    with open(a.visits, encoding="utf-8") as f:
        visits = json.load(f)
    history: list[dict[str, Any]] = []
    for h in a.history:
        with open(h, encoding="utf-8") as f:
            history.extend(json.load(f))
    found = violations(visits, parents, business, closed, roster, date.fromisoformat(a.first),
                       date.fromisoformat(a.last), a.slots.split(","), a.gap_days, history)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
