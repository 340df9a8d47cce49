"""Benchmark: two mystery-shopper waves for 10,000 outlets and 500 shoppers.

    python bench/bench_shop.py [--outlets 10000] [--shoppers 500] [--keep DIR]

A directory of 20 regions x 100 sub-branches x 100 outlets (open every day), a
roster of 500 shoppers (each at home in 2 sub-branches and 1 outlet, 1-3 visits
a day). Every outlet is visited once a wave (the hardest case: 10,000 visits a
wave). Each step runs as a new process, as a user runs it:

1. ``shop plan`` wave W1; 2. ``shop assign`` W1 over March-April;
3. ``shop plan`` wave W2; 4. ``shop assign`` W2 over September-October with W1
   as history (no shopper back at an outlet within 180 days or the last wave).

Target: the four steps under 10 s in all. The two assignments are then checked
by the independent checker (tests/shop_constraints.py). Exit 1 on a miss.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 10.0
ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, outlets: int, shoppers: int) -> None:
    """The directory and the roster."""
    rng = random.Random(1)
    regions, subs = 20, 100
    lines = ["format: branchcheck-org/1", "business_days: [mon, tue, wed, thu, fri, sat, sun]",
             "units:", "  - {id: HO, kind: head-office, name: HO}"]
    lines += [f"  - {{id: R{r:02d}, kind: region, parent: HO, name: R{r}}}"
              for r in range(regions)]
    lines += [f"  - {{id: S{s:03d}, kind: sub-branch, parent: R{s % regions:02d}, name: S{s}}}"
              for s in range(subs)]
    lines += [f"  - {{id: O{o:05d}, kind: outlet, parent: S{o % subs:03d}, name: O{o}}}"
              for o in range(outlets)]
    (folder / "org.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["id,name,home_units,max_per_day"]
    for i in range(shoppers):
        homes = [*rng.sample([f"S{s:03d}" for s in range(subs)], 2),
                 f"O{rng.randrange(outlets):05d}"]
        rows.append(f"M{i:03d},Shopper {i},{';'.join(homes)},{rng.choice([1, 2, 3])}")
    (folder / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def step(folder: Path, *args: str) -> float:
    """Seconds of one command, run in ``folder``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "branchcheck", *args], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=10_000)
    parser.add_argument("--shoppers", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-shop-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        build(folder, args.outlets, args.shoppers)
        n = str(args.outlets)
        times = {
            "plan W1": step(folder, "shop", "plan", "--org", "org.yaml", "--wave", "W1",
                            "--visits", n, "--seed", "1", "-o", "w1.yaml", "--force"),
            "assign W1": step(folder, "shop", "assign", "w1.yaml", "--roster", "roster.csv",
                              "--from", "2027-03-01", "--to", "2027-04-30", "--seed", "1",
                              "-o", "w1-assigned.yaml", "--force"),
            "plan W2": step(folder, "shop", "plan", "--org", "org.yaml", "--wave", "W2",
                            "--visits", n, "--seed", "2", "-o", "w2.yaml", "--force"),
            "assign W2": step(folder, "shop", "assign", "w2.yaml", "--roster", "roster.csv",
                              "--from", "2027-09-01", "--to", "2027-10-31", "--seed", "2",
                              "--history", "w1-assigned.yaml", "-o", "w2-assigned.yaml",
                              "--force"),
        }
        total = sum(times.values())
        for name, seconds in times.items():
            print(f"{name:10} {seconds:6.2f} s")
        print(f"{'total':10} {total:6.2f} s (target < {TARGET:.0f} s)")
        ok = total < TARGET
        waves = (("w1", "2027-03-01", "2027-04-30", "1", []),
                 ("w2", "2027-09-01", "2027-10-31", "2", ["--history", "w1-assigned.yaml"]))
        for wave, first, last, seed, history in waves:
            with open(folder / f"{wave}.json", "wb") as out:
                subprocess.run([sys.executable, "-m", "branchcheck", "shop", "assign",
                                f"{wave}.yaml", "--roster", "roster.csv", "--from", first,
                                "--to", last, "--seed", seed, "-f", "json", *history],
                               cwd=folder, stdout=out, stderr=subprocess.DEVNULL)
            earlier = ["--history", "w1.json"] if history else []
            checked = subprocess.run(
                [sys.executable, str(ROOT / "tests" / "shop_constraints.py"), "--org",
                 "org.yaml", "--roster", "roster.csv", "--visits", f"{wave}.json", "--from",
                 first, "--to", last, *earlier], cwd=folder, capture_output=True, text=True)
            print(f"{wave}: independent check: {checked.stdout.count(chr(10))} broken rules")
            ok = ok and checked.returncode == 0
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
