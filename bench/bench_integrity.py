"""Benchmark: trusting results -- ``verify`` over a chain, and reading a huge result.

    python bench/bench_integrity.py [--days 365] [--runs 5]

1. A chain of ``--days`` daily-opening results of one branch (real, scored,
   stored with integrity.chain.store_result, one in three signed), then
   ``branchcheck verify`` timed as a user runs it (a new process each time,
   with the trust folder): cold (``--no-cache``: every file parsed in
   parallel, re-scored against the bundled checklist, its signature checked)
   and warm (verdicts remembered for unchanged bytes); every link is compared
   either way. Target: < 1 s.
2. A crafted 5 MB result (thousands of one-item sections, its checklist
   unknown) read as ``branchcheck results`` does: the self-consistency check
   must stay linear (it was quadratic: ~35 s). Timed at 1.5 and 2.9 MB, to
   show the time doubles rather than quadruples.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_VERIFY_S = 1.0


def _chain(root: Path, keys: Path, days: int) -> None:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.integrity.signing import load_signing_key, new_pair
    from branchcheck.results.chain import store_result

    new_pair(keys, "SH-001")
    key = load_signing_key(str(keys / "SH-001.key"))
    ck = load_checklist("daily-opening")
    items = [item for _, item in ck.items()]
    for day in range(days):
        answers = {i.id: Answer(i.id, i.options[0].key if i.type == "choice"
                                else "fail" if (day + n) % 7 == 0 else "pass")
                   for n, i in enumerate(items)}
        stamp = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T09:00:00+08:00"
        store_result(make_result(ck, answers, branch="SH-001", reviewer="Wang", lang="en",
                                 started=stamp, finished=stamp),
                     root=root, sign_key=key if day % 3 == 0 else None)


def _huge(path: Path, sections: int) -> int:
    from branchcheck.core.model import Grade, ItemResult, Result, Score, SectionScore
    from branchcheck.results import storage

    items = tuple(ItemResult(id=f"i{n}", section=f"s{n}", type="check", text={"": "x" * 40},
                             status="pass", value="pass", fraction=1.0, note="n" * 80)
                  for n in range(sections))
    secs = tuple(SectionScore(f"s{n}", {"": f"S{n}"}, 1.0, 100.0, 100.0)
                 for n in range(sections))
    grades = (Grade(0.0, {"": "Any"}),)
    score = Score(items, secs, 100.0, 100.0, grades[0], 1.0, True, False)
    result = Result("0.1.0", "huge", 1, "f" * 64, {"": "Huge"}, "SH-001", "x",
                    "2024-05-01T09:00:00+08:00", "2024-05-01T09:00:00+08:00", "en", score,
                    checklist_grades=grades)
    data = storage.result_to_dict(result)
    path.write_bytes(storage.dump_yaml(data).encode("utf-8"))
    return path.stat().st_size


def _time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, keys = Path(tmp) / "r", Path(tmp) / "keys"
        start = time.perf_counter()
        _chain(root, keys, args.days)
        print(f"stored {args.days} chained results in {time.perf_counter() - start:.1f} s")
        trust = Path(tmp) / "trust"
        trust.mkdir()
        (trust / "SH-001.pub").write_bytes((keys / "SH-001.pub").read_bytes())
        cmd = [sys.executable, "-m", "branchcheck", "verify", "--branch", "SH-001",
               "--results-dir", str(root), "--trust", str(trust)]
        env_cache = Path(tmp) / "cache"
        os.environ["XDG_CACHE_HOME"] = str(env_cache)  # never the user's own cache
        for label, extra in (("cold", ["--no-cache"]), ("warm", [])):
            took = _time(cmd + extra, args.runs)
            verdict = "ok" if took < TARGET_VERIFY_S else "over target"
            print(f"verify, chain of {args.days}, {label} (whole process, median of "
                  f"{args.runs}): {took:.2f} s (target < {TARGET_VERIFY_S:.0f} s: {verdict})")

        from branchcheck.results import storage

        for sections in (4_000, 8_000):
            path = Path(tmp) / f"huge-{sections}.yaml"
            size = _huge(path, sections)
            start = time.perf_counter()
            result = storage.read_result(path)
            took = time.perf_counter() - start
            assert result.integrity is not None and result.integrity.state == "unverified"
            print(f"read a {size / 1e6:.1f} MB result ({sections} sections, {sections} items): "
                  f"{took:.2f} s")


if __name__ == "__main__":
    main()
