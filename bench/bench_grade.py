"""Benchmark: `grade` of a class with kappa confidence intervals, and `validate --sources`.

Builds a class of 40 trainees answering a 60-item checklist (40 check items, 20 items
on a 1-5 scale) in a temporary folder, then times the whole `branchcheck grade`
process (Cohen's and weighted kappa with their standard errors, Fleiss' kappa per item
type with 2000 bootstrap resamples each), and `validate --sources` of the bundled
checklists when ../shared/seeds is beside the repository.

    python bench/bench_grade.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def checklist(n_check: int, n_scale: int) -> str:
    lines = ["id: bench-grade", "version: 1", "title: {zh: 评分, en: Grading}",
             "scales:", "  five: {min: 1, max: 5}", "sections:", "  - id: s",
             "    title: {zh: 类别, en: Section}", "    items:"]
    for i in range(n_check):
        lines += [f"      - {{id: c{i}, type: check, text: {{zh: 检查{i}, en: Check {i}}}}}"]
    for i in range(n_scale):
        lines += [f"      - {{id: q{i}, type: scale, scale: five, "
                  f"text: {{zh: 量表{i}, en: Scale {i}}}}}"]
    return "\n".join(lines) + "\n"


def answers(name: str, rng: random.Random, key: dict[str, object], noise: float) -> str:
    out = ["checklist: CK", f"reviewer: {name}", "answers:"]
    for item, value in key.items():
        if rng.random() < noise:
            value = (rng.choice(["pass", "fail"]) if item.startswith("c")
                     else rng.randint(1, 5))
        out.append(f"  {item}: {value}")
    return "\n".join(out) + "\n"


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ck = folder / "checklist.yaml"
        ck.write_text(checklist(40, 20), encoding="utf-8")
        key = {f"c{i}": rng.choice(["pass", "fail"]) for i in range(40)}
        key.update({f"q{i}": rng.randint(1, 5) for i in range(20)})
        (folder / "key.yaml").write_text(
            answers("key", rng, key, 0).replace("CK", str(ck)), encoding="utf-8")
        (folder / "class").mkdir()
        for t in range(40):
            (folder / "class" / f"t{t:02d}.yaml").write_text(
                answers(f"t{t:02d}", rng, key, 0.3).replace("CK", str(ck)), encoding="utf-8")
        grade = [sys.executable, "-m", "branchcheck", "grade", str(folder / "key.yaml"),
                 str(folder / "class"), "-f", "json"]
        times = [timed(grade) for _ in range(runs)]
        print(f"grade, 40 trainees x 60 items (kappa, CIs, Fleiss per type): "
              f"median {statistics.median(times) * 1000:.0f} ms over {runs} runs")
    if SEEDS.is_dir():
        validate = [sys.executable, "-m", "branchcheck", "validate", str(ROOT / "checklists"),
                    "--sources", str(SEEDS)]
        plain = validate[:-2]
        with_sources = [timed(validate) for _ in range(runs)]
        without = [timed(plain) for _ in range(runs)]
        print(f"validate of the 8 bundled checklists: {statistics.median(without) * 1000:.0f} ms;"
              f" with --sources: {statistics.median(with_sources) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
