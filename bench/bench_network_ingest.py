"""Benchmark: ``branchcheck network ingest`` of 20,000 real result files.

    python bench/bench_network_ingest.py [--files 20000] [--outlets 200]

The files are real results of the bundled ``daily-opening`` checklist (20
items), made by the scoring code (``make_result``) and serialised like
``write_result`` does (written here without fsync to save time). Then, each
as a new process, as a user runs it:

* a cold ingest into a new warehouse (target: at least 1,000 results/s);
* a re-run on the unchanged tree (target: under 2 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

RATE_TARGET = 1000.0
RERUN_TARGET_S = 2.0


def _write_chunk(args: tuple[str, list[str], list[str], int]) -> int:
    root, branches, days, seed = args
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.network.sample import make_results
    from branchcheck.results.storage import dump_yaml, result_to_dict

    checklist = load_checklist("daily-opening")
    n = 0
    for i, result in enumerate(make_results(checklist, branches,
                                            [date.fromisoformat(d) for d in days],
                                            seed=seed, skip=0.0)):
        folder = Path(root) / result.branch / result.checklist_id
        folder.mkdir(parents=True, exist_ok=True)
        stamp = result.finished.replace("-", "").replace(":", "")[:15]
        (folder / f"{stamp}-{seed}-{i}.yaml").write_text(dump_yaml(result_to_dict(result)),
                                                        encoding="utf-8")
        n += 1
    return n


def make_tree(root: Path, files: int, outlets: int) -> int:
    """``files`` results: ``outlets`` branches x enough days (written on every core)."""
    days_needed = -(-files // outlets)
    first = date(2026, 1, 1)
    days = [(first + timedelta(days=i)).isoformat() for i in range(days_needed)]
    branches = [f"BR-{k:05d}" for k in range(outlets)]
    jobs = []
    per = max(1, len(days) // 8)
    for k in range(0, len(days), per):
        jobs.append((str(root), branches, days[k:k + per], k))
    with ProcessPoolExecutor() as pool:
        return sum(pool.map(_write_chunk, jobs))


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return elapsed, done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--outlets", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-network-ingest-"))
    try:
        root = tmp / "results"
        start = time.perf_counter()
        n = make_tree(root, args.files, args.outlets)
        print(f"made {n} result files in {time.perf_counter() - start:.1f} s "
              f"(cores: {os.cpu_count()})")
        exe = [sys.executable, "-m", "branchcheck", "network", "ingest", str(root), "-w",
               str(tmp / "net.duckdb")]
        cold, line = timed(exe)
        rate = n / cold
        print(f"cold ingest: {cold:.2f} s = {rate:.0f} results/s "
              f"(target >= {RATE_TARGET:.0f}/s: {'ok' if rate >= RATE_TARGET else 'MISSED'})")
        print(f"  {line}")
        warm, line = timed(exe)
        print(f"unchanged re-run: {warm:.2f} s (target < {RERUN_TARGET_S} s: "
              f"{'ok' if warm < RERUN_TARGET_S else 'MISSED'})")
        print(f"  {line}")
        size = (tmp / "net.duckdb").stat().st_size
        print(f"warehouse file: {size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
