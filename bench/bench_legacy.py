"""Benchmark: reading results of the old format (``branchcheck-result/1``).

    python bench/bench_legacy.py [--files 365] [--runs 3]

``--files`` copies of a real format-1 daily-opening result (written by an
older version, tests/data/legacy/), one a day, are listed with ``branchcheck
results -f json`` (a new process each time, every file parsed and assessed):
once with their checklist not found (only their own consistency is checked)
and once with it in ``$BRANCHCHECK_CHECKLISTS`` (each re-scored against it).
The difference is the cost of the strong check for old results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LEGACY = Path(__file__).resolve().parents[1] / "tests" / "data" / "legacy"
SOURCE = LEGACY / "results" / "c5e2848-daily-opening.yaml"
WHEN = "2024-05-01T09:00:00+08:00"


def _store(root: Path, files: int) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(WHEN) == 2  # started and finished
    folder = root / "SH-001" / "daily-opening"
    folder.mkdir(parents=True)
    for day in range(files):
        month, mday = 1 + day // 28 % 12, 1 + day % 28
        year = 2020 + day // 336
        stamp = f"{year}-{month:02d}-{mday:02d}T09:00:00+08:00"
        name = f"{year}{month:02d}{mday:02d}T010000000000Z.yaml"
        (folder / name).write_text(text.replace(WHEN, stamp), encoding="utf-8")


def _time(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, list[str]]:
    times, states = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed ({done.returncode}): {done.stderr.decode()[:500]}")
        rows = json.loads(done.stdout)
        states = [r["integrity"]["reason"] for r in rows]
    return statistics.median(times), states


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=365)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "r"
        _store(root, args.files)
        cmd = [sys.executable, "-m", "branchcheck", "results", "-b", "SH-001",
               "--results-dir", str(root), "-f", "json"]
        base = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHCHECK_")}
        base["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        found = {**base, "BRANCHCHECK_CHECKLISTS": str(LEGACY / "checklists")}
        took = {}
        for label, env in (("checklist not found", base), ("re-scored", found)):
            took[label], reasons = _time(cmd, env, args.runs)
            assert len(reasons) == args.files, reasons[:3]
            assert all(("re-scored" in r) == (label == "re-scored") for r in reasons)
            print(f"results, {args.files} legacy files, {label} (whole process, median of "
                  f"{args.runs}): {took[label]:.2f} s")
        extra = took["re-scored"] - took["checklist not found"]
        print(f"re-scoring against the checklist: {1000 * extra / args.files:+.2f} ms per file")


if __name__ == "__main__":
    main()
