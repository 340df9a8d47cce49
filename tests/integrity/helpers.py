"""Shared helpers for the integrity tests: real results of bundled checklists, and a
forger who recomputes every derived figure consistently (as the issue's attacker)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import Answer, Result
from branchcheck.core.scoring import make_result
from branchcheck.results import storage
from branchcheck.results.chain import store_result

RED_LINE = "no-customer-data-exposed"


def daily(fails: tuple[str, ...] = (RED_LINE, "brochures-current"), *, branch: str = "SH-001",
          finished: str = "2024-05-01T09:30:00+08:00", reviewer: str = "Wang") -> Result:
    """A daily-opening result: every item passed except ``fails``."""
    ck = load_checklist("daily-opening")
    answers = {item.id: Answer(item.id, item.options[0].key if item.type == "choice"
                               else "fail" if item.id in fails else "pass")
               for _, item in ck.items()}
    return make_result(ck, answers, branch=branch, reviewer=reviewer, lang="en",
                       started=finished, finished=finished)


def hotline(values: dict[str, float] | None = None) -> Result:
    """A hotline-kpi result with metric values (defaults: all at their threshold)."""
    ck = load_checklist("hotline-kpi")
    base = {"answer-15s": 85, "abandon-rate": 5, "first-line-resolution": 95,
            "recording-success": 95, "qualification-exam": 85, "employee-satisfaction": 70,
            "employee-dissatisfaction": 15, "attrition": 10, "manager-monitoring": 1}
    base.update(values or {})
    answers = {item.id: Answer(item.id, base.get(item.id, "pass")) for _, item in ck.items()}
    return make_result(ck, answers, branch="SH-001", reviewer="Li", lang="en",
                       started="2024-05-01T09:30:00+08:00", finished="2024-05-01T09:40:00+08:00")


def stored(tmp: Path, result: Result) -> Path:
    """``result`` stored (chained) under ``tmp``."""
    return store_result(result, root=tmp)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_bytes(storage.dump_yaml(data).encode("utf-8"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def forge(d: dict[str, Any]) -> dict[str, Any]:
    """Recompute every derived figure of result data from its items, as a careful forger
    would (the same formula as docs/scoring.md), so the self-consistency check passes."""
    items, knock_all = d["items"], False
    raws: list[tuple[float, float]] = []
    finals: list[tuple[float, float]] = []
    for sec in d["sections"]:
        its = [i for i in items if i["section"] == sec["id"]]
        pairs = [(i["weight"], i["fraction"]) for i in its
                 if i["fraction"] is not None and i["weight"] > 0 and i["type"] != "text"]
        total = sum(w for w, _ in pairs)
        raw = 100.0 * sum(w * f for w, f in pairs) / total if total > 0 else None
        knocked = any(i["status"] == "fail" and i["critical"] == "section" for i in its)
        knock_all = knock_all or any(i["status"] == "fail" and i["critical"] == "checklist"
                                     for i in its)
        final = None if raw is None else (0.0 if knocked else raw)
        sec.update(raw=raw, final=final, knocked_out=knocked and raw is not None)
        if raw is not None and final is not None:
            raws.append((sec["weight"], raw))
            finals.append((sec["weight"], final))
    wr = sum(w for w, _ in raws)
    o_raw = sum(w * v for w, v in raws) / wr if wr else None
    o_final = sum(w * v for w, v in finals) / wr if wr else None
    if knock_all and o_final is not None:
        o_final = 0.0
    d["overall"] = {"raw": o_raw, "final": o_final}
    d["knocked_out"] = knock_all
    asked = [i for i in items if i["applicable"] and i["type"] != "text"]
    answered = sum(1 for i in asked if i["status"] != "skipped")
    d["coverage"] = answered / len(asked) if asked else 1.0
    d["complete"] = answered == len(asked)
    bands = d["checklist"].get("grades") or []
    d["grade"] = next((g for g in bands if o_final is not None and g["min"] <= o_final + 1e-9),
                      None)
    return d
