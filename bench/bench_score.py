"""Benchmark ``branchcheck score`` on a generated 200-item checklist.

Run: ``python bench/bench_score.py [--items 200] [--runs 5]``. Prints the median
wall time of the whole command (a fresh process each run, the result stored in
a temp folder) against the 0.5 s target, and the time of the core ``score()``
alone. Exits 1 when the command misses the target.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_S = 0.5


def make_checklist(n_items: int, per_section: int = 25) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid checklist of ``n_items`` items of every scored type, and answers to all."""
    sections: list[dict[str, Any]] = []
    answers: dict[str, Any] = {}
    kinds = ["check", "scale", "choice", "metric", "check", "text"]
    for n in range(n_items):
        if n % per_section == 0:
            s = len(sections)
            sections.append({"id": f"section-{s}", "title": {"zh": f"部分 {s}", "en": f"Part {s}"},
                             "weight": 1 + s % 3, "items": []})
        kind = kinds[n % len(kinds)]
        item: dict[str, Any] = {"id": f"item-{n}", "type": kind,
                                "text": {"zh": f"检查项 {n}", "en": f"Standard {n}"},
                                "weight": 1 + n % 3}
        if kind == "scale":
            item["scale"] = "five"
            answers[item["id"]] = 1 + n % 5
        elif kind == "choice":
            item["options"] = [{"key": k, "label": {"zh": k, "en": k}, "points": p}
                               for k, p in (("a", 2), ("b", 1), ("c", 0))]
            answers[item["id"]] = "abc"[n % 3]
        elif kind == "metric":
            item.update(unit="%", min=0, max=100, pass_if={"op": ">=", "value": 85},
                        bands=[{"op": ">=", "value": 75, "fraction": 0.5}])
            answers[item["id"]] = f"{70 + n % 30}.5%"
        elif kind == "text":
            answers[item["id"]] = f"remark {n}"
        else:
            if n % 7 == 0:
                item["critical"] = "section"
            answers[item["id"]] = ({"value": "fail", "note": f"note {n}"} if n % 5 == 0
                                   else ("na" if n % 11 == 0 and "critical" not in item
                                         else "pass"))
        sections[-1]["items"].append(item)
    checklist = {
        "id": "bench-score", "version": 1, "title": {"zh": "基准", "en": "Benchmark"},
        "languages": ["zh", "en"],
        "scales": {"five": {"min": 1, "max": 5}},
        "grades": [{"min": 90, "label": {"zh": "优", "en": "A"}},
                   {"min": 0, "label": {"zh": "差", "en": "C"}}],
        "sections": sections,
    }
    doc = {"checklist": "bench-score", "branch": "BENCH-1", "reviewer": "bench",
           "answers": answers}
    return checklist, doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from branchcheck.checklists.answersfile import answers_for, read_answers_file
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.scoring import score

    checklist, answers = make_checklist(args.items)
    with tempfile.TemporaryDirectory() as tmp:
        ck_path = Path(tmp) / "bench-score.yaml"
        ans_path = Path(tmp) / "answers.yaml"
        # JSON is valid YAML; both loaders take it
        ck_path.write_text(json.dumps(checklist, ensure_ascii=False, indent=1), encoding="utf-8")
        ans_path.write_text(json.dumps(answers, ensure_ascii=False, indent=1), encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1", "BRANCHCHECK_RESULTS": str(Path(tmp) / "results")}
        cmd = [sys.executable, "-m", "branchcheck", "score", str(ck_path), "--answers",
               str(ans_path), "--format", "json"]
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, env=env, check=False)
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
                return 2
        stored = len(list((Path(tmp) / "results").rglob("*.yaml")))
        assert stored == args.runs, stored
        result = json.loads(proc.stdout)

        ck = load_checklist(str(ck_path))
        values = answers_for(read_answers_file(str(ans_path)), ck)
        loops = 200
        t0 = time.perf_counter()
        for _ in range(loops):
            score(ck, values)
        core_ms = (time.perf_counter() - t0) / loops * 1000

        from branchcheck.core.scoring import make_result
        from branchcheck.results import storage

        res = make_result(ck, values, branch="BENCH-1", reviewer="bench", lang="en",
                          started=storage.now_iso(), finished=storage.now_iso())
        dumps, checked = [], []
        for _ in range(15):  # the read-back check before storing = result_bytes - dump
            t0 = time.perf_counter()
            storage.dump_yaml(storage.result_to_dict(res))
            dumps.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            storage.result_bytes(res)
            checked.append(time.perf_counter() - t0)
        check_ms = (statistics.median(checked) - statistics.median(dumps)) * 1000

    median = statistics.median(walls)
    print(f"items: {args.items} ({ck.item_count} in checklist), runs: {args.runs}")
    print(f"branchcheck score (fresh process, stores result): median {median * 1000:.0f} ms, "
          f"min {min(walls) * 1000:.0f} ms, max {max(walls) * 1000:.0f} ms "
          f"(target < {TARGET_S * 1000:.0f} ms)")
    print(f"  CPU time (user + sys) of those runs: median {statistics.median(cpus) * 1000:.0f} ms "
          "(wall time suffers when the machine is busy)")
    print(f"core score() alone: {core_ms:.3f} ms per call")
    print(f"read-back check of the result before storing it: {check_ms:.1f} ms")
    print(f"overall raw {result['overall']['raw']:.2f}, final {result['overall']['final']:.2f}")
    ok = median < TARGET_S
    print("OK" if ok else "SLOWER THAN TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
