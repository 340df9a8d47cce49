"""Benchmark: per-item overhead of a scripted ``branchcheck run`` through a pipe.

Generates a 300-item checklist (checks, scales, choices, metrics), pipes one
answer line per item to ``python -m branchcheck run`` and measures wall time
minus start-up (a run of a 1-item checklist), divided by the items. Every
answer is autosaved to the draft (one fsynced line appended to its log), so this
includes the draft writes. Target: under 5 ms per item.

With ``--large N`` (e.g. 8000) it also times one run of an N-item checklist: the
per-item overhead must not grow with the checklist (it did: every answer used to
rewrite the whole draft, ~20 ms per answer at 8,000 items).

    python bench/bench_run.py [--items 300] [--repeat 3] [--large 8000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 5.0


def make_checklist(n: int, sections: int = 10) -> tuple[str, list[str]]:
    """YAML text of an ``n``-item checklist and one answer line per item."""
    lines = [
        "id: bench-run", "version: 1", "title: {zh: 基准, en: Benchmark}",
        "scales:", "  five: {min: 1, max: 5}",
        "grades:", "  - {min: 80, label: Good}", "  - {min: 0, label: Poor}",
        "sections:",
    ]
    answers: list[str] = []
    per = max(1, n // sections)
    count = 0
    s = 0
    while count < n:
        lines += [f"  - id: s{s}", f"    title: Section {s}", "    items:"]
        for _ in range(min(per, n - count)):
            i = count
            kind = i % 4
            lines.append(f"      - id: i{i}")
            lines.append(f"        text: {{zh: 第{i}项, en: Item {i}}}")
            if kind == 0:
                lines.append("        type: check")
                answers.append("y" if i % 3 else "n # seen on the walk")
            elif kind == 1:
                lines += ["        type: scale", "        scale: five"]
                answers.append(str(1 + i % 5))
            elif kind == 2:
                lines += ["        type: choice", "        options:",
                          "          - {key: a, label: A, points: 2}",
                          "          - {key: b, label: B, points: 0}"]
                answers.append("a" if i % 2 else "b")
            else:
                lines += ["        type: metric", "        unit: '%'",
                          "        pass_if: {op: '>=', value: 85}"]
                answers.append(f"{80 + i % 10}")
            count += 1
        s += 1
    return "\n".join(lines) + "\n", answers


def timed_run(checklist: Path, answers: list[str], results: Path) -> float:
    """Seconds for one scripted run (which must succeed)."""
    cmd = [sys.executable, "-m", "branchcheck", "run", str(checklist), "--branch", "BENCH",
           "--results-dir", str(results), "--lang", "en"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, input="\n".join(answers) + "\n", capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"run failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def fsync_cost(folder: Path, rounds: int = 50) -> float:
    """Seconds per appended, fsynced 60-byte line (the disk's share of one save)."""
    from branchcheck.core.fsafe import append_synced, atomic_write, open_append

    path = folder / "draft.yaml"
    atomic_write(path, b"x\n")
    fd = open_append(path)
    try:
        start = time.perf_counter()
        for _ in range(rounds):
            append_synced(fd, b"y" * 59 + b"\n", path)
        return (time.perf_counter() - start) / rounds
    finally:
        os.close(fd)


def main() -> int:
    """Run the benchmark and print the numbers; exit 1 if over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", type=int, default=0,
                        help="also time one run of a checklist this long (e.g. 8000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big_text, big_answers = make_checklist(args.items)
        one_text, one_answers = make_checklist(1, sections=1)
        big, one = root / "big.yaml", root / "one.yaml"
        big.write_text(big_text, encoding="utf-8")
        one.write_text(one_text, encoding="utf-8")
        startup = min(timed_run(one, one_answers, root / "r1") for _ in range(args.repeat))
        total = min(timed_run(big, big_answers, root / "r2") for _ in range(args.repeat))
        (root / "fsync").mkdir()
        save_ms = fsync_cost(root / "fsync") * 1000
        large_ms = 0.0
        if args.large:
            huge_text, huge_answers = make_checklist(args.large, sections=40)
            huge = root / "large.yaml"
            huge.write_text(huge_text, encoding="utf-8")
            large = timed_run(huge, huge_answers, root / "r3")
            large_ms = (large - startup) / args.large * 1000
    per_item_ms = (total - startup) / args.items * 1000
    print(f"start-up (1-item run):   {startup * 1000:8.1f} ms")
    print(f"{args.items}-item run:           {total * 1000:8.1f} ms")
    print(f"per-item overhead:       {per_item_ms:8.2f} ms (target < {TARGET_MS:g} ms)")
    print(f"  of which one appended, fsynced draft line on this disk: {save_ms:.2f} ms")
    if args.large:
        print(f"{args.large}-item run, per item: {large_ms:8.2f} ms "
              f"({large_ms / per_item_ms:.1f}x the {args.items}-item figure)")
    worst = max(per_item_ms, large_ms)
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
