"""Benchmark: the network views on a synthetic warehouse built directly in DuckDB.

    python bench/bench_network.py [--outlets 10000] [--days 365] [--keep DIR]

10,000 outlets (20 regions x 5 sub-branches x 100 outlets) x 365 days x one
20-item daily check, 5% of checks missed at random: about 3.47 M results and
69 M item rows, consistent (scores are computed from the items). Then, each as
a new process like a user runs it, and against the bare DuckDB query of the
same figures in the same run:

* ``network league --level region``, ``network missing --level region`` and
  ``network items --level region`` for the last month (targets: under 2 s,
  within 1.5x of the bare query; peak memory under 2 GB), compared three ways:
  on an open warehouse, opening it too, and as a whole new process (the
  command against ``python -c`` that imports duckdb and runs the bare query);
* the warehouse file size (target: under 300 MB);
* ``network league`` without ``--level`` (10,000 outlet rows) in text, json and
  csv against the bare query of the same figures per outlet, and its query
  against its rendering in process (rendering must not dominate);
* ``network export`` to Parquet (target: under 60 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

FIRST_DAY = "2025-12-01"
PERIOD = "2026-11"


def build(path: Path, outlets: int, days: int) -> None:
    """The warehouse, through the product's own schema (a real ingest of nothing)."""
    from branchcheck.network import rollups
    from branchcheck.network import warehouse as wh
    from branchcheck.org.directory import Org, Rule, Unit

    regions = 20
    subs = regions * 5
    units = [Unit("HO", "总行", "Head office", "head-office")]
    units += [Unit(f"R{r:02d}", f"区域{r}", f"Region {r}", "region", "HO")
              for r in range(regions)]
    units += [Unit(f"S{s:03d}", f"支行{s}", f"Sub-branch {s}", "sub-branch",
                   f"R{s % regions:02d}") for s in range(subs)]
    units += [Unit(f"O{o:05d}", f"网点{o}", f"Outlet {o}", "outlet", f"S{o % subs:03d}")
              for o in range(outlets)]
    org = Org(tuple(units), programme=(Rule("outlet", "daily-opening", "day"),),
              source="bench")
    with wh.writer(path) as con:
        con.execute("BEGIN TRANSACTION")
        wh.store_org(con, org)
        con.execute("SELECT setseed(0.13)")
        con.execute(f"""
            CREATE TEMP TABLE skel AS
            SELECT (row_number() OVER (ORDER BY d, o))::BIGINT AS rid, o, d,
                   0.6 + (hash(o) % 40) / 100.0 AS q
            FROM (SELECT range AS o FROM range({outlets})) a,
                 (SELECT DATE '{FIRST_DAY}' + range::INTEGER AS d FROM range({days})) b
            WHERE random() >= 0.05""")
        con.execute("""
            INSERT INTO items
            SELECT s.rid, 'item-' || lpad(k::VARCHAR, 2, '0'),
                   CASE WHEN ok THEN 'pass' ELSE 'fail' END, CASE WHEN ok THEN 1.0 ELSE 0.0 END,
                   NULL, NULL, CASE WHEN k = 0 THEN 'checklist' END
            FROM (SELECT s.rid, k.range AS k,
                         random() < CASE WHEN k.range = 0 THEN 0.995 ELSE s.q END AS ok
                  FROM skel s, range(20) k) s
            ORDER BY s.rid""")
        con.execute("""
            INSERT INTO sections
            SELECT rid, 'sec-' || (substr(item_id, 6)::INTEGER // 5)::VARCHAR AS section_id,
                   1.0, 100 * avg(fraction), 100 * avg(fraction), false
            FROM items GROUP BY ALL ORDER BY rid, section_id""")
        con.execute("""
            INSERT INTO results (rid, sha256, branch, checklist_id, checklist_version,
                checklist_sha256, reviewer, started, finished, finished_utc, day, overall_raw,
                overall_final, grade_zh, grade_en, coverage, complete, knocked_out, source,
                day_first, check_source, inspector_unit, stored_utc, integrity, signature,
                signer)
            SELECT s.rid, sha256(s.rid::VARCHAR), printf('O%05d', s.o), 'daily-opening', 1,
                   'bench', 'head', NULL, NULL,
                   (s.d + INTERVAL 1 HOUR)::TIMESTAMPTZ, s.d, a.raw,
                   CASE WHEN a.ko THEN 0 ELSE a.raw END, NULL,
                   CASE WHEN a.ko THEN 'Red line' WHEN a.raw >= 90 THEN 'Excellent'
                        WHEN a.raw >= 75 THEN 'Good' WHEN a.raw >= 60 THEN 'Pass'
                        ELSE 'Fail' END,
                   1.0, true, a.ko, NULL, NULL, 'self', NULL, NULL, NULL, NULL, NULL
            FROM skel s JOIN (
                SELECT rid, 100 * avg(fraction) AS raw,
                       bool_or(item_id = 'item-00' AND status = 'fail') AS ko
                FROM items GROUP BY rid) a ON a.rid = s.rid
            ORDER BY s.rid""")
        rollups.refresh(con, after_rid=0)  # what an ingest keeps: item_months, day_first
        con.execute("""
            INSERT INTO texts SELECT DISTINCT 'daily-opening', 1, 'item', item_id, item_id,
                   item_id, 'sec-' || (substr(item_id, 6)::INTEGER // 5)::VARCHAR
            FROM items WHERE rid <= 1""")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


_ROLLUP = """(SELECT o.id AS branch, s.parent AS unit FROM units o
              JOIN units s ON s.id = o.parent WHERE o.kind = 'outlet')"""

# The same figures as each view, as plain SQL with the constants written in.
BARE = {
    # The league's figures (docs/network.md "league"): per outlet and month (November
    # and October), checks, red lines, expected and done daily checks (every day, by
    # the day's first result), the mean of checks done and the period score (missed
    # checks count 0); per region the outlets' sums and the mean of their period
    # scores; the grade counts of November.
    "league": f"""
        WITH r AS (
          SELECT r.branch, r.day >= DATE '2026-11-01' AS cur, count(*) AS n,
                 sum(r.overall_final) AS total, count(r.overall_final) AS scored,
                 count(*) FILTER (WHERE r.knocked_out) AS ko
          FROM results r WHERE r.checklist_id = 'daily-opening'
            AND r.day BETWEEN DATE '2026-10-01' AND DATE '2026-11-30' GROUP BY ALL),
        e AS (
          SELECT ro.unit, ro.branch, c.day >= DATE '2026-11-01' AS cur,
                 count(*) AS expected, count(r.rid) AS done
          FROM {_ROLLUP} ro
          JOIN range(DATE '2026-10-01', DATE '2026-12-01', INTERVAL 1 DAY) c(day) ON true
          LEFT JOIN results r ON r.branch = ro.branch AND r.day = c.day::DATE AND r.day_first
          GROUP BY ALL),
        o AS (
          SELECT e.unit, e.cur, r.n, r.ko, e.expected, e.done, r.total / r.scored AS mean_done,
                 r.total / (r.scored + e.expected - e.done) AS score
          FROM e LEFT JOIN r ON r.branch = e.branch AND r.cur = e.cur),
        g AS (
          SELECT ro.unit, histogram(r.grade_en) AS grades FROM results r
          JOIN {_ROLLUP} ro ON ro.branch = r.branch
          WHERE r.day BETWEEN DATE '2026-11-01' AND DATE '2026-11-30' GROUP BY ALL)
        SELECT o.unit, o.cur, sum(n), sum(ko), sum(expected), sum(done), avg(mean_done),
               avg(score), any_value(g.grades)
        FROM o LEFT JOIN g ON g.unit = o.unit AND o.cur GROUP BY ALL""",
    # The league without --level: the same figures per outlet (10,000 rows), the bare
    # query fetching them all as the command does.
    "league-outlets": """
        WITH r AS (
          SELECT r.branch, r.day >= DATE '2026-11-01' AS cur, count(*) AS n,
                 sum(r.overall_final) AS total, count(r.overall_final) AS scored,
                 count(*) FILTER (WHERE r.knocked_out) AS ko
          FROM results r WHERE r.checklist_id = 'daily-opening'
            AND r.day BETWEEN DATE '2026-10-01' AND DATE '2026-11-30' GROUP BY ALL),
        e AS (
          SELECT o.id AS branch, c.day >= DATE '2026-11-01' AS cur,
                 count(*) AS expected, count(r.rid) AS done
          FROM units o
          JOIN range(DATE '2026-10-01', DATE '2026-12-01', INTERVAL 1 DAY) c(day) ON true
          LEFT JOIN results r ON r.branch = o.id AND r.day = c.day::DATE AND r.day_first
          WHERE o.kind = 'outlet' GROUP BY ALL),
        g AS (
          SELECT r.branch, histogram(r.grade_en) AS grades FROM results r
          WHERE r.day BETWEEN DATE '2026-11-01' AND DATE '2026-11-30' GROUP BY ALL)
        SELECT e.branch, e.cur, r.n, r.ko, e.expected, e.done, r.total / r.scored,
               r.total / (r.scored + e.expected - e.done), g.grades
        FROM e LEFT JOIN r ON r.branch = e.branch AND r.cur = e.cur
        LEFT JOIN g ON g.branch = e.branch AND e.cur""",
    # every expected daily check of November with its done flag, per region
    "missing": f"""
        SELECT ro.unit, count(*), count(r.rid),
               list((c.day::DATE, ro.branch)) FILTER (WHERE r.rid IS NULL)
        FROM {_ROLLUP} ro
        JOIN range(DATE '2026-11-01', DATE '2026-12-01', INTERVAL 1 DAY) c(day) ON true
        LEFT JOIN results r ON r.branch = ro.branch AND r.day = c.day::DATE
        GROUP BY ALL""",
    # fail counts per item, region and outlet for the month and the month before
    "items": f"""
        SELECT ro.unit, i.item_id, r.branch, r.day >= DATE '2026-11-01', count(*),
               count(*) FILTER (WHERE i.status = 'fail')
        FROM results r JOIN items i ON i.rid = r.rid JOIN {_ROLLUP} ro ON ro.branch = r.branch
        WHERE r.day BETWEEN DATE '2026-10-01' AND DATE '2026-11-30'
          AND i.status IN ('pass', 'partial', 'fail') GROUP BY ALL""",
}


RUNS = 5


def _median(runs: list[float]) -> float:
    return sorted(runs)[len(runs) // 2]


def bare(path: Path, sql: str) -> tuple[float, float]:
    """Seconds of the bare query on an open connection, and of connecting and
    running it (medians of :data:`RUNS`)."""
    alone, opened = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        con = duckdb.connect(str(path), read_only=True)
        middle = time.perf_counter()
        con.execute(sql).fetchall()
        end = time.perf_counter()
        alone.append(end - middle)
        opened.append(end - start)
        con.close()
    return _median(alone), _median(opened)


_BARE_PROCESS = ("import sys, duckdb\n"
                 "duckdb.connect(sys.argv[1], read_only=True).execute(sys.argv[2]).fetchall()\n")


# Child processes may cache bytecode, as an installed wheel has it (pip compiles
# it); the first, untimed run of each writes it for a source checkout.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def bare_process(path: Path, sql: str) -> float:
    """Seconds of a new Python process that imports duckdb and runs the bare query."""
    runs = []
    for i in range(RUNS + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _BARE_PROCESS, str(path), sql], check=True,
                       env=_ENV)
        if i == 0:
            continue
        runs.append(time.perf_counter() - start)
    return _median(runs)


_MEASURED = (
    "import sys\nfrom branchcheck.cli import run\ncode = run(sys.argv[1:])\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "sys.stderr.write('PEAK ' + hwm.split()[1] + '\\n')\nsys.exit(code)\n")


def command(args: list[str]) -> tuple[float, float]:
    """(median seconds, peak resident memory in MB) of a whole command, as a user runs it."""
    runs, peaks = [], []
    for i in range(RUNS + 1):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _MEASURED, *args],
                              capture_output=True, text=True, env=_ENV)
        if done.returncode != 0:
            sys.exit(f"failed: {args}\n{done.stderr}")
        if i == 0:
            continue
        runs.append(time.perf_counter() - start)
        peaks.append(int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024)
    return _median(runs), max(peaks)


def in_process(path: Path, view: str) -> tuple[float, float]:
    """Seconds of the view on an open warehouse (as the bare query is timed), and of
    opening the warehouse and its directory, then the view (as the bare query with
    its connection is timed); medians of :data:`RUNS`, no interpreter start-up."""
    from branchcheck.network import expected, query, views

    opts = query.Options(warehouse=str(path), period=PERIOD, level="region")
    func = getattr(expected if view == "missing" else views, view)
    opened, alone = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        with query.open_scope(opts) as (con, scope):
            func(con, scope)
            opened.append(time.perf_counter() - start)
            start = time.perf_counter()
            func(con, scope)
            alone.append(time.perf_counter() - start)
    return _median(alone), _median(opened)


def league_outlets(path: Path) -> None:
    """``network league`` without ``--level`` (one row per outlet, 10,000): the whole
    command in text, json and csv against the bare query in a new process, and in
    process the view's query (with the fairness columns) against its rendering."""
    from branchcheck.commands.network import _league_title  # noqa: F401 (warms imports)
    from branchcheck.network import query, views
    from branchcheck.network import tables as rn
    from branchcheck.oversight.fair import add_fair
    from branchcheck.oversight.tables import fair_columns

    b_process = bare_process(path, BARE["league-outlets"])
    for fmt in ("text", "json", "csv"):
        whole, peak = command(["network", "league", "-w", str(path), "--period", PERIOD,
                               "-f", fmt])
        print(f"league, every outlet, -f {fmt:4}: whole process {whole:.2f} s / bare query "
              f"process {b_process:.2f} s ({whole / b_process:.2f}x), peak {peak:.0f} MB")
    opts = query.Options(warehouse=str(path), period=PERIOD)
    computed: list[float] = []
    rendered: dict[str, list[float]] = {f: [] for f in ("text", "json", "csv")}
    for _ in range(RUNS):
        with query.open_scope(opts) as (con, scope):
            start = time.perf_counter()
            rows = add_fair(con, scope, views.league(con, scope), True)
            computed.append(time.perf_counter() - start)
        columns = rn.league_columns(scope.lang) + fair_columns(scope.lang)
        for fmt, times in rendered.items():
            start = time.perf_counter()
            rn.render(rows, columns, fmt, title="League")
            times.append(time.perf_counter() - start)
    print(f"league, every outlet ({len(rows):,} rows), in process: query {_median(computed):.3f} s"
          + "".join(f", render {f} {_median(v):.3f} s" for f, v in rendered.items()))


def export(path: Path, out: Path) -> None:
    """``network export`` as a new process: wall time and peak resident memory (the
    process and the children it waited for, from ``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "branchcheck", "network", "export",
                             str(out), "-w", str(path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=_ENV)
    assert proc.stderr is not None
    said = proc.stderr.read().decode().strip()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"export failed: {said}")
    print(f"export   {time.perf_counter() - start:.1f} s (target < 60 s), peak memory "
          f"{usage.ru_maxrss / 1024:.0f} MB; {said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", type=Path, help="build the warehouse here and keep it")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=("league-outlets", "export"),
                        help="run only this part (on a --keep warehouse)")
    args = parser.parse_args()
    if args.build:
        build(args.build, args.outlets, args.days)
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-network-"))
    path = (args.keep or tmp) / "net.duckdb"
    try:
        if not path.exists():
            start = time.perf_counter()
            # In a child process, so that this one stays small for the measurements.
            subprocess.run([sys.executable, __file__, "--build", str(path), "--outlets",
                            str(args.outlets), "--days", str(args.days)], check=True)
            print(f"built in {time.perf_counter() - start:.0f} s")
        con = duckdb.connect(str(path), read_only=True)
        n_res = con.execute("SELECT count(*) FROM results").fetchone()
        n_items = con.execute("SELECT count(*) FROM items").fetchone()
        con.close()
        size = path.stat().st_size / 1e6
        print(f"{n_res[0] if n_res else 0:,} results, {n_items[0] if n_items else 0:,} item "
              f"rows; file {size:.0f} MB (target < 300 MB)")
        print("each: the view / the bare query of the same figures (ratio); target: every "
              "ratio within 1.5x, every command under 2 s")
        for view in ("league", "missing", "items") if args.only is None else ():
            whole, peak = command(["network", view, "-w", str(path), "--period", PERIOD,
                                   "--level", "region", "-f", "json"])
            b_alone, b_opened = bare(path, BARE[view])
            b_process = bare_process(path, BARE[view])
            v_alone, v_opened = in_process(path, view)
            print(f"{view:8} open warehouse {v_alone:.3f} / {b_alone:.3f} s "
                  f"({v_alone / b_alone:.2f}x) | opening it too {v_opened:.3f} / "
                  f"{b_opened:.3f} s ({v_opened / b_opened:.2f}x) | whole process "
                  f"{whole:.2f} / {b_process:.2f} s ({whole / b_process:.2f}x) | "
                  f"peak memory {peak:.0f} MB")
        if args.only in (None, "league-outlets"):
            league_outlets(path)
        if args.only in (None, "export"):
            export(path, tmp / "export")
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
              + f" on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
