"""Benchmark: ``branchcheck history`` over ten years of daily results (3,650) of a 50-item
checklist.

    python bench/bench_history.py [--days 3650] [--items 50] [--runs 3] [--keep DIR]

Writes the results (real, scored, stored with storage.write_result) into a
temporary directory (or DIR, reused when it already holds them), then times the
whole command as a user runs it (a new process each time), in interleaved pairs:
``--no-cache`` (every file read, schema-checked and re-scored) against the
default cache (its summaries and verdicts, HMAC'd, in a private XDG_CACHE_HOME),
with wall time, time a result and peak memory, and the machine's load.
Target: under 1 ms a result with the cache.
"""

from __future__ import annotations

import argparse
import os
import random
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
TARGET_MS_A_RESULT = 1.0
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
    # ends before today, whatever ``days`` (a result in the future is refused)
    start = datetime(2024, 1, 1, 9, tzinfo=timezone(timedelta(hours=8)))
    start = min(start, datetime.now(timezone.utc).replace(hour=1, minute=0, second=0,
                                                          microsecond=0) - timedelta(days=days))
    for d in range(days):
        when = start + timedelta(days=d)
        result = make_result(checklist, random_answers(checklist, rng), branch=branch,
                             reviewer=rng.choice(["张三", "李四", "Wang Wu"]), lang="zh",
                             started=when.isoformat(), finished=when.isoformat())
        stamp = when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        storage.write_result(result, path=root / branch / checklist.id / f"{stamp}.yaml")
    return checklist


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one run of the CLI in a new process (output discarded)."""
    return measured(argv, env)[0]


def measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one run of the CLI in a new process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "branchcheck", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"branchcheck {' '.join(argv)} failed: {errors.decode()}")
    return elapsed, usage.ru_maxrss / 1024


def report(label: str, times: list[float], target: float) -> None:
    """Print min / median / max and whether the median meets the target."""
    med = statistics.median(times)
    verdict = "ok" if med < target else "OVER TARGET"
    print(f"{label:<34} min {min(times):6.3f} s  median {med:6.3f} s  max {max(times):6.3f} s"
          f"  (target < {target:g} s: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="results folder to reuse (made if empty)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        root = args.keep or Path(tmp) / "results"
        t0 = time.perf_counter()
        if not any(root.glob("SH-001/*/*.yaml")):
            populate(root, args.days, args.items)
        files = list(root.glob("SH-001/*/*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files)} results x {args.items} items ({size / 1e6:.1f} MB of YAML), "
              f"ready in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "xdg")}
        base = ["history", "--branch", "SH-001", "--results-dir", str(root)]
        t0 = time.perf_counter()
        first = measured(base, env)
        print(f"history, cache written (first run)  {first[0]:6.2f} s  "
              f"{1000 * first[0] / len(files):5.2f} ms a result  peak {first[1]:4.0f} MB")
        kept = sum(p.stat().st_size for p in (Path(tmp) / "xdg").rglob("*.json"))
        print(f"cache: {kept / 1e6:.1f} MB ({kept / len(files):.0f} bytes a result)")
        rows: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.runs):  # interleaved pairs
            for label, extra in (("--no-cache", ["--no-cache"]), ("cache (default)", [])):
                for fmt in ("text", "json"):
                    rows.setdefault(f"history -f {fmt} {label}", []).append(
                        measured([*base, *extra, "-f", fmt], env))
        for label, got in rows.items():
            wall = statistics.median(w for w, _ in got)
            per = 1000 * wall / len(files)
            verdict = "ok" if per < TARGET_MS_A_RESULT else "over 1 ms"
            print(f"{label:<32} median {wall:6.2f} s  {per:5.2f} ms a result ({verdict})  "
                  f"peak {max(m for _, m in got):4.0f} MB")
        start = statistics.median(timed(["--version"]) for _ in range(5))
        print(f"branchcheck --version (start-up)   median {start:6.3f} s")
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
              + f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
