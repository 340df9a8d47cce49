"""Benchmark: ``branchcheck history`` over 365 daily results of a 50-item checklist.

    python bench/bench_history.py [--days 365] [--items 50] [--runs 5]

Writes the results (real, scored, stored with storage.write_result) into a
temporary directory, then times the whole command as a user runs it (a new
process each time): by default every file is read (the fast reader for the
YAML branchcheck writes), schema-checked and re-scored; with ``--cache`` the
parsed documents are kept, and each entry is believed only after writing it
out again to the file's exact bytes -- slower than reading the file now, hence
off by default. Target: under 2 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from branchcheck.core.model import (
    Answer,
    AnswerValue,
    Band,
    Checklist,
    Condition,
    Grade,
    Item,
    Option,
    Scale,
    Section,
)
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

TARGET_S = 2.0
FIVE = Scale("five", 1, 5)
OPTIONS = (Option("a", {"zh": "完全适合", "en": "Fits"}, 2.0),
           Option("b", {"zh": "部分适合", "en": "Partly"}, 1.0),
           Option("c", {"zh": "不适合", "en": "Does not fit"}, 0.0))


def make_checklist(items: int, sections: int = 5, checklist_id: str = "bench-check",
                   version: int = 1) -> Checklist:
    """A checklist with ``items`` items of every scored type, spread over ``sections``."""
    built: list[list[Item]] = [[] for _ in range(sections)]
    for k in range(items):
        kind = ("check", "check", "scale", "choice", "metric")[k % 5]
        extra: dict[str, object] = {}
        if kind == "scale":
            extra["scale"] = FIVE
        elif kind == "choice":
            extra["options"] = OPTIONS
        elif kind == "metric":
            extra.update(unit="%", pass_if=Condition(">=", 85),
                         bands=(Band(Condition(">=", 70), 0.5),))
        built[k % sections].append(Item(
            id=f"item-{k:03d}", type=kind,  # type: ignore[arg-type]
            text={"zh": f"第{k}项：厅堂整洁有序，服务规范",
                  "en": f"Item {k}: hall tidy, service ok"},
            guidance={"zh": "对照标准逐项检查", "en": "Check against the standard"},
            critical="section" if k % 23 == 7 else None, **extra))  # type: ignore[arg-type]
    return Checklist(
        id=checklist_id, version=version, title={"zh": "基准检查表", "en": "Benchmark checklist"},
        sections=tuple(Section(f"sec-{s}", {"zh": f"第{s}部分", "en": f"Part {s}"},
                               tuple(built[s])) for s in range(sections)),
        grades=(Grade(90, {"zh": "卓越", "en": "Excellent"}), Grade(0, {"zh": "待改进",
                                                                       "en": "Needs work"})),
        sha256="0" * 64,
    )


def random_answers(checklist: Checklist, rng: random.Random) -> dict[str, Answer]:
    """Plausible answers: mostly passing, some failures, a few N/A and notes."""
    out: dict[str, Answer] = {}
    for _, item in checklist.items():
        r = rng.random()
        value: AnswerValue
        if r < 0.04:
            value = "na"
        elif item.type == "check":
            value = "pass" if r < 0.85 else "fail"
        elif item.type == "scale":
            value = rng.randint(1, 5)
        elif item.type == "choice":
            value = rng.choice("aabc")
        else:
            value = round(rng.uniform(60, 100), 1)
        out[item.id] = Answer(item.id, value, "门口有杂物 / clutter" if r > 0.93 else None)
    return out


def populate(root: Path, days: int, items: int, branch: str = "SH-001") -> Checklist:
    """Store one result a day for ``days`` days, as ``branchcheck run`` would."""
    checklist = make_checklist(items)
    rng = random.Random(20240501)
    start = datetime(2024, 1, 1, 9, tzinfo=timezone(timedelta(hours=8)))
    for d in range(days):
        when = start + timedelta(days=d)
        result = make_result(checklist, random_answers(checklist, rng), branch=branch,
                             reviewer=rng.choice(["张三", "李四", "Wang Wu"]), lang="zh",
                             started=when.isoformat(), finished=when.isoformat())
        stamp = when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        storage.write_result(result, path=root / branch / checklist.id / f"{stamp}.yaml")
    return checklist


def timed(argv: list[str]) -> float:
    """Wall time of one run of the CLI in a new process (output discarded)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "branchcheck", *argv],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"branchcheck {' '.join(argv)} failed: {proc.stderr.decode()}")
    return elapsed


def report(label: str, times: list[float], target: float) -> None:
    """Print min / median / max and whether the median meets the target."""
    med = statistics.median(times)
    verdict = "ok" if med < target else "OVER TARGET"
    print(f"{label:<34} min {min(times):6.3f} s  median {med:6.3f} s  max {max(times):6.3f} s"
          f"  (target < {target:g} s: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        populate(root, args.days, args.items)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        print(f"stored {args.days} results x {args.items} items ({size / 1e6:.1f} MB of YAML) "
              f"in {time.perf_counter() - t0:.1f} s")
        cache = root / ".cache"
        for fmt in ("text", "json"):
            argv = ["history", "--branch", "SH-001", "--results-dir", str(root), "-f", fmt]
            report(f"history -f {fmt} (default: no cache)",
                   [timed(argv) for _ in range(args.runs)], TARGET_S)
        argv = ["history", "--branch", "SH-001", "--results-dir", str(root), "--cache"]
        cold = []
        for _ in range(max(1, args.runs // 2)):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(timed(argv))
        report("history --cache, cache written", cold, TARGET_S)
        report("history --cache, cache read", [timed(argv) for _ in range(max(1, args.runs // 2))],
               TARGET_S)
        report("branchcheck --version (start-up)", [timed(["--version"]) for _ in range(5)],
               TARGET_S)


if __name__ == "__main__":
    main()
