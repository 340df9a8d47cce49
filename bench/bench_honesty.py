"""Benchmark: ``network honesty`` on the 10,000-outlet bench warehouse.

    python bench/bench_honesty.py [--outlets 10000] [--days 365] [--keep DIR]

The warehouse of bench/bench_network.py (daily self-checks of 10,000 outlets,
20 items each) plus one independent check (source ``sub-branch``) per outlet per
calendar quarter, on one of the quarter's first 61 days, with 20 items: outlets
whose number ends in 0 have self-checks 20 points more lenient than their
inspectors. Then, as a user
runs it (a new process, median of 5), ``network honesty --period 2026-Q4
-f json`` (target: under 2 s) with ``--by item`` and ``--level sub-branch``,
and ``network audit-sample``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_network import FIRST_DAY, command

PERIOD = "2026-Q4"


def add_inspections(path: Path, outlets: int, days: int) -> None:
    """One independent check per outlet per quarter (as an ingest would store it)."""
    con = duckdb.connect(str(path))
    con.execute("BEGIN TRANSACTION")
    con.execute("SELECT setseed(0.7)")
    top = con.execute("SELECT max(rid) FROM results").fetchone()
    first = top[0] if top else 0
    con.execute(f"""
        CREATE TEMP TABLE ind AS
        SELECT ({first} + row_number() OVER (ORDER BY d, o))::BIGINT AS rid, o, d, p
        FROM (SELECT o, CAST(q + INTERVAL (hash(o, q) % 61) DAY AS DATE) AS d,
                     0.6 + (hash(o) % 40) / 100.0 - CASE WHEN o % 10 = 0 THEN 0.2 ELSE 0 END
                     AS p
              FROM range({outlets}) a(o),
                   range(DATE '2020-01-01', DATE '2031-01-01', INTERVAL 3 MONTH) b(q))
        WHERE d BETWEEN DATE '{FIRST_DAY}' AND DATE '{FIRST_DAY}' + {days - 1}""")
    con.execute("""
        INSERT INTO items
        SELECT rid, 'item-' || lpad(k::VARCHAR, 2, '0'), CASE WHEN ok THEN 'pass' ELSE 'fail' END,
               CASE WHEN ok THEN 1.0 ELSE 0.0 END, NULL, NULL,
               CASE WHEN k = 0 THEN 'checklist' END
        FROM (SELECT i.rid, k.range AS k, random() < CASE WHEN k.range = 0 THEN 0.995
                                                          ELSE i.p END AS ok
              FROM ind i, range(20) k) ORDER BY rid""")
    con.execute("""
        INSERT INTO results BY NAME
        SELECT i.rid, sha256('ind' || i.rid::VARCHAR) AS sha256,
               printf('O%05d', i.o) AS branch, 'daily-opening' AS checklist_id,
               1 AS checklist_version, 'inspector' AS reviewer,
               (i.d + INTERVAL 10 HOUR)::TIMESTAMPTZ AS finished_utc, i.d AS day,
               a.raw AS overall_raw, CASE WHEN a.ko THEN 0 ELSE a.raw END AS overall_final,
               1.0 AS coverage, true AS complete, a.ko AS knocked_out,
               'sub-branch' AS check_source, printf('S%03d', i.o % 100) AS inspector_unit,
               false AS day_first
        FROM ind i JOIN (SELECT rid, 100 * avg(fraction) AS raw,
                                bool_or(item_id = 'item-00' AND status = 'fail') AS ko
                         FROM items WHERE rid > $1 GROUP BY rid) a ON a.rid = i.rid
        ORDER BY i.rid""", [first])
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", type=Path, help="build the warehouse here and keep it")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-honesty-"))
    path = (args.keep or tmp) / "honesty.duckdb"
    try:
        if not path.exists():
            start = time.perf_counter()
            subprocess.run([sys.executable, str(Path(__file__).with_name("bench_network.py")),
                            "--build", str(path), "--outlets", str(args.outlets), "--days",
                            str(args.days)], check=True)
            add_inspections(path, args.outlets, args.days)
            print(f"built in {time.perf_counter() - start:.0f} s")
        con = duckdb.connect(str(path), read_only=True)
        counts = con.execute("SELECT check_source, count(*) FROM results GROUP BY 1 "
                             "ORDER BY 1").fetchall()
        con.close()
        print("results by source: " + ", ".join(f"{s} {n:,}" for s, n in counts))
        for extra in ([], ["--by", "item"], ["--level", "sub-branch"]):
            seconds, peak = command(["network", "honesty", "-w", str(path), "--period", PERIOD,
                                     "-f", "json", *extra])
            print(f"honesty {' '.join(extra) or '(by unit)':18} {seconds:.2f} s "
                  f"(target < 2 s), peak memory {peak:.0f} MB")
        seconds, peak = command(["network", "audit-sample", "-w", str(path), "--period",
                                 PERIOD, "--seed", "2026Q4", "-f", "json"])
        print(f"audit-sample {seconds:.2f} s, peak memory {peak:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
