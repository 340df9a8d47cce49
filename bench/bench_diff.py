"""Benchmark: ``branchcheck diff`` of two 300-item results (target: under 0.5 s wall).

    python bench/bench_diff.py [--items 300] [--runs 7] [--sections 10]

The large case of issue 10 (a section per item; diff used to take 25 s, most of
it two quadratic steps): ``--items 10000 --sections 10000 --runs 1``. It also
prints the in-process times of reading (without the tamper check), comparing
and rendering, which are linear.

Builds two real, scored results of a 300-item checklist (v1 and a v2 with some
items reworded, one removed, one added), stores them, and times the whole
command in a new process for each output format.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import random
import tempfile
import time
from pathlib import Path

from bench_history import make_checklist, random_answers, report, timed

from branchcheck.core.model import Checklist, Item
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

TARGET_S = 0.5


def version_two(checklist: Checklist) -> Checklist:
    """The checklist with every tenth item reworded, the last dropped and a new one added."""
    sections = []
    for n, section in enumerate(checklist.sections):
        items: list[Item] = [
            dataclasses.replace(i, text={"zh": f"{i.text['zh']}（修订）",
                                         "en": f"{i.text['en']} (rev)"})
            if int(i.id[-3:]) % 10 == 0 else i for i in section.items]
        if n == len(checklist.sections) - 1:
            items = [*items[:-1], Item(id="item-new", text={"zh": "新增项", "en": "New item"},
                                       type="check")]
        sections.append(dataclasses.replace(section, items=tuple(items)))
    return dataclasses.replace(checklist, version=2, sections=tuple(sections), sha256="2" * 64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sections", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(7)
    v1 = make_checklist(args.items, sections=args.sections)
    v2 = version_two(v1)
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        paths = []
        for name, ck, day in (("old", v1, "2024-05-01"), ("new", v2, "2024-06-01")):
            r = make_result(ck, random_answers(ck, rng), branch="SH-001", reviewer="张三",
                            lang="zh", started=f"{day}T09:00:00+08:00",
                            finished=f"{day}T09:30:00+08:00")
            paths.append(storage.write_result(r, path=Path(tmp) / f"{name}.yaml"))
        size = sum(p.stat().st_size for p in paths) / 1e3
        print(f"two results of {args.items} items ({size:.0f} KB of YAML)")
        old, new = (str(p) for p in paths)
        from branchcheck.core.diff import compare
        from branchcheck.render import diff as render

        storage.read_result(old, verify=False)  # imports and caches warmed up
        t0 = time.perf_counter()
        core = storage.read_result(old, verify=False), storage.read_result(new, verify=False)
        t1 = time.perf_counter()
        both = compare(*core)
        t2 = time.perf_counter()
        render.text(both, "en", io.StringIO())
        t3 = time.perf_counter()
        render.as_json(both, "en")
        t4 = time.perf_counter()
        print(f"in process: read both {1000 * (t1 - t0):.0f} ms (no tamper check), compare "
              f"{1000 * (t2 - t1):.1f} ms, text {1000 * (t3 - t2):.0f} ms, "
              f"json {1000 * (t4 - t3):.0f} ms")
        for fmt in ("text", "md", "json", "html"):
            report(f"diff -f {fmt}", [timed(["diff", old, new, "-f", fmt, "--fail-on",
                                              "drop:100"]) for _ in range(args.runs)], TARGET_S)


if __name__ == "__main__":
    main()
