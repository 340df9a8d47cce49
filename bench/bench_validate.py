"""Benchmark ``branchcheck validate`` against check-jsonschema, in one run.

Both tools get the same files and the same schema (as ``branchcheck schema
checklist`` prints it): one generated 200-item checklist (about 60 KB), then
500 near-copies of it (each with its own id). Every command is a fresh process,
timed by wall clock; single-file runs are interleaved and repeated, and the
median is shown. Everything is written to a temporary directory, nothing into
the repository.

    python bench/bench_validate.py                # the issue's setting
    python bench/bench_validate.py --files 100    # quicker
    python bench/bench_validate.py --no-peer      # branchcheck only

Targets (issue 2): one file at most 0.5x check-jsonschema's wall time; 500
files at least 5x faster.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def make_checklist(n_items: int = 200, ident: str = "bench-checklist", sections: int = 10) -> str:
    """A valid bilingual checklist with ``n_items`` items of every type (~300 B/item)."""
    out = [
        f"id: {ident}",
        "version: 3",
        "title: {zh: 网点服务基准自查, en: Branch service benchmark check}",
        "description: {zh: 基准测试用的大型自查清单, en: A large checklist used for benchmarks}",
        "languages: [zh, en]",
        "scales:",
        "  five-point:",
        "    min: 1",
        "    max: 5",
        "    labels: {1: {zh: 很差, en: Poor}, 5: {zh: 很好, en: Excellent}}",
        "grades:",
        "  - {min: 90, label: {zh: 卓越, en: Excellent}}",
        "  - {min: 75, label: {zh: 良好, en: Good}}",
        "  - {min: 60, label: {zh: 达标, en: Pass}}",
        "  - {min: 0, label: {zh: 待改进, en: Needs work}}",
        "sections:",
    ]
    per_section = max(1, n_items // sections)
    k = 0
    s = 0
    while k < n_items:
        out += [
            f"  - id: section-{s}",
            f"    title: {{zh: 第{s}部分, en: Section {s}}}",
            f"    weight: {1 + s % 3}",
            "    items:",
        ]
        for _ in range(min(per_section, n_items - k)):
            kind = ("check", "scale", "choice", "metric", "check")[k % 5]
            out += [
                f"      - id: item-{k}",
                f"        text: {{zh: 厅堂整洁{k}, en: Hall clean {k}}}",
                "        guidance: {zh: 地面无杂物, en: Floor free of clutter}",
                f"        type: {kind}",
                f"        weight: {k % 3 + 1}",
                '        source: "000_43812750e4c3edbe.txt: 整洁"',
            ]
            if kind == "scale":
                out.append("        scale: five-point")
            elif kind == "choice":
                out += [
                    "        options:",
                    "          - {key: a, label: {zh: 完全适合, en: Fits}, points: 2}",
                    "          - {key: b, label: {zh: 部分适合, en: Partly}, points: 1}",
                    "          - {key: c, label: {zh: 不适合, en: Does not fit}, points: 0}",
                ]
            elif kind == "metric":
                out += [
                    '        unit: "%"',
                    "        min: 0",
                    "        max: 100",
                    '        pass_if: {op: ">=", value: 85}',
                ]
            else:
                out += ["        allow_na: false", "        note_required_on_fail: true"]
            k += 1
        s += 1
    return "\n".join(out) + "\n"


def _exe(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def _timed(cmd: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(list(cmd), env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd[:3])} ...\n{done.stdout}")
    return elapsed


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _peer_info() -> str:
    code = (
        "import importlib.metadata as m\n"
        "v = m.version('check-jsonschema')\n"
        "try:\n"
        "    import _ruamel_yaml; c = 'with'\n"
        "except ImportError:\n"
        "    c = 'without'\n"
        "print(f'check-jsonschema {v}, {c} ruamel.yaml C extension')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "check-jsonschema (version unknown)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500, help="files in the many-file case")
    parser.add_argument("--items", type=int, default=200, help="items per checklist")
    parser.add_argument("--repeat", type=int, default=7, help="runs of the one-file case")
    parser.add_argument("--repeat-many", type=int, default=1, help="runs of the many-file case")
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    args = parser.parse_args(argv)

    bc_exe = _exe("branchcheck")
    branchcheck = [bc_exe] if bc_exe else [sys.executable, "-m", "branchcheck"]
    peer = None if args.no_peer else _exe("check-jsonschema")
    if peer is None and not args.no_peer:
        print("check-jsonschema not found: comparing nothing (use --no-peer)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="branchcheck-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), PYTHONDONTWRITEBYTECODE="1")
        schema = tmp / "checklist.schema.json"
        schema.write_bytes(
            subprocess.run([*branchcheck, "schema", "checklist"], capture_output=True, check=True)
            .stdout
        )
        one = tmp / "one" / "bench-checklist.yaml"
        one.parent.mkdir()
        one.write_text(make_checklist(args.items), encoding="utf-8")
        many_dir = tmp / "many"
        many_dir.mkdir()
        many = []
        for i in range(args.files):
            path = many_dir / f"checklist-{i:04d}.yaml"
            path.write_text(make_checklist(args.items, f"bench-checklist-{i}"), encoding="utf-8")
            many.append(str(path))
        size_kb = one.stat().st_size / 1024

        def bc(files: Sequence[str], *extra: str) -> list[str]:
            return [*branchcheck, "validate", *extra, *files]

        def cj(files: Sequence[str]) -> list[str]:
            assert peer is not None
            return [peer, "--schemafile", str(schema), *files]

        # Warm the OS file cache and Python's bytecode caches once.
        _timed(bc([str(one)]), env)
        if peer:
            _timed(cj([str(one)]), env)

        one_bc: list[float] = []
        one_cj: list[float] = []
        for _ in range(args.repeat):  # interleaved, so load changes hit both tools
            one_bc.append(_timed(bc([str(one)]), env))
            if peer:
                one_cj.append(_timed(cj([str(one)]), env))

        many_bc: list[float] = []
        many_cj: list[float] = []
        many_bc1: list[float] = []
        for _ in range(args.repeat_many):
            many_bc.append(_timed(bc(many), env))
            many_bc1.append(_timed(bc(many, "--jobs", "1"), env))
            if peer:
                many_cj.append(_timed(cj(many), env))
        _timed(bc(many, "--cache"), env)  # fill the cache
        cached = statistics.median(_timed(bc(many, "--cache"), env) for _ in range(3))

    def med(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    rows = []
    c1, b1 = med(one_cj), med(one_bc)
    cn, bn, bn1 = med(many_cj), med(many_bc), med(many_bc1)
    rows.append(
        (
            f"1 file ({args.items} items, {size_kb:.0f} KB)",
            c1,
            b1,
            f"{b1 / c1:.2f}x the time" if c1 and b1 else "-",
            "at most 0.5x",
            "yes" if c1 and b1 and b1 <= 0.5 * c1 else ("no" if c1 else "-"),
        )
    )
    rows.append(
        (
            f"{args.files} files",
            cn,
            bn,
            f"{cn / bn:.1f}x faster" if cn and bn else "-",
            "at least 5x faster",
            "yes" if cn and bn and cn >= 5 * bn else ("no" if cn else "-"),
        )
    )
    rows.append(
        (
            f"{args.files} files, branchcheck --jobs 1",
            cn,
            bn1,
            f"{cn / bn1:.1f}x faster" if cn and bn1 else "-",
            "",
            "",
        )
    )
    rows.append(
        (
            f"{args.files} files, branchcheck --cache (unchanged files)",
            cn,
            cached,
            f"{cn / cached:.1f}x faster" if cn and cached else "-",
            "",
            "",
        )
    )
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; {_peer_info()}; "
        f"1-file medians of {args.repeat} runs, {args.files}-file runs: {args.repeat_many}."
    )
    print()
    print("| case | check-jsonschema | branchcheck | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for case, peer_time, ours, ratio, target, met in rows:
        print(f"| {case} | {_fmt(peer_time)} | {_fmt(ours)} | {ratio} | {target} | {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
