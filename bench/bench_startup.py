"""Benchmark start-up: ``branchcheck --version``, ``--help`` and a command's ``--help``
against ``import typer``.

Run: ``python bench/bench_startup.py [--runs 7]``. Each figure is the median wall
time of whole processes, run interleaved so load on the machine hits all alike
(the fastest run is shown too: under load it says more about the code's own cost).
Target: each median within 1.3x of ``python -c "import typer"`` (the root
``--help`` builds no command; a command's ``--help`` builds that one alone; a
group's ``--help`` lists its commands unbuilt). Exits 1 when one misses it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

TARGET_RATIO = 1.3
CASES = {
    "python -c 'import typer'": [sys.executable, "-c", "import typer"],
    "branchcheck --version": [sys.executable, "-m", "branchcheck", "--version"],
    "branchcheck --help": [sys.executable, "-m", "branchcheck", "--help"],
    "branchcheck run --help": [sys.executable, "-m", "branchcheck", "run", "--help"],
    "branchcheck results --help": [sys.executable, "-m", "branchcheck", "results", "--help"],
    "branchcheck history --help": [sys.executable, "-m", "branchcheck", "history", "--help"],
    "branchcheck network --help": [sys.executable, "-m", "branchcheck", "network", "--help"],
    "branchcheck list": [sys.executable, "-m", "branchcheck", "list"],
    "branchcheck --help (zh)": [sys.executable, "-m", "branchcheck", "--help", "zh"],
    "branchcheck run --help --lang zh": [sys.executable, "-m", "branchcheck", "run", "--help",
                                         "--lang", "zh"],
    "branchcheck network --help (zh)": [sys.executable, "-m", "branchcheck", "network",
                                        "--help", "zh"],
}


# Child processes may cache bytecode, as an installed wheel has it (pip compiles it,
# as typer's own was when it was installed); the warm-up run writes it for a checkout.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> float:
    """Wall time of one whole process (a last argument ``zh``: in a Chinese session,
    ``BRANCHCHECK_LANG=zh``)."""
    env = _ENV
    if argv[-1] == "zh" and argv[-2] != "--lang":
        argv, env = argv[:-1], {**_ENV, "BRANCHCHECK_LANG": "zh"}
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for argv in CASES.values():  # warm the file cache once
        timed(argv)
    for _ in range(runs):
        for name, argv in CASES.items():
            samples[name].append(timed(argv))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    least = {name: min(values) for name, values in samples.items()}
    base = medians["python -c 'import typer'"]
    floor = least["python -c 'import typer'"]
    print(f"{'':38} {'median':>9}  {'ratio':>5}  {'fastest':>9}  {'ratio':>5}")
    for name, value in medians.items():
        print(f"{name:38} {value * 1000:6.1f} ms  {value / base:5.2f}x  "
              f"{least[name] * 1000:6.1f} ms  {least[name] / floor:5.2f}x")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} CPUs")
    worst = max(value / base for name, value in medians.items() if name.startswith("branch"))
    print(f"worst / import typer = {worst:.2f} (target at most {TARGET_RATIO})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
