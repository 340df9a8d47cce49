"""``network export`` writes one partition (checklist, month) at a time, so its memory
is bounded by a partition, not by the warehouse (COPY ... PARTITION_BY kept a writer
open for every partition: ~2.5 GB for 69 M item rows, bench/bench_network.py); the
dataset holds exactly the warehouse's rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from branchcheck.network import warehouse as wh
from branchcheck.network.export import export
from tests.cli.test_network import _env, net  # noqa: F401  (fixtures)


class Recorder:
    """A connection that records the SQL it runs."""

    def __init__(self, con: Any) -> None:
        self.con, self.sql = con, []

    def execute(self, sql: str, *args: Any) -> Any:
        self.sql.append(sql)
        return self.con.execute(sql, *args)


def test_each_partition_is_written_by_its_own_query(net: dict[str, Path]  # noqa: F811
                                                    ) -> None:
    target = net["tmp"] / "export"
    with wh.reader(net["wh"], folders=[net["tmp"]]) as con:
        months = sorted(m for (m,) in con.execute(
            "SELECT DISTINCT strftime(day, '%Y-%m') FROM results").fetchall())
        spy = Recorder(con)
        export(spy, target)  # type: ignore[arg-type]
    assert months == ["2026-10", "2026-11"]
    copies = [s for s in spy.sql if s.startswith("COPY")]
    assert not any("PARTITION_BY" in s for s in copies)
    partitioned = [s for s in copies if "/checklist=" in s]
    assert len(partitioned) == 3 * len(months)  # results, sections, items x 2 months
    for sql in partitioned:  # each names one checklist and one month, and writes there
        (month,) = re.findall(r"= '(\d{4}-\d{2})'", sql)
        assert "r.checklist_id = 'mini'" in sql and f"checklist=mini/month={month}/" in sql
    con = duckdb.connect()
    with wh.reader(net["wh"]) as source:
        for table in ("results", "sections", "items"):
            got = con.execute(
                f"SELECT count(*) FROM read_parquet('{target}/{table}/**/*.parquet', "
                "hive_partitioning = true)").fetchone()
            want = source.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert got == want and got is not None and got[0] > 0, table
        rows = source.execute("SELECT * FROM results ORDER BY rid").fetchall()
    back = con.execute(
        f"SELECT * EXCLUDE (checklist, month) FROM read_parquet('{target}/results/**/*.parquet',"
        " hive_partitioning = true) ORDER BY rid").fetchall()
    assert back == rows


@pytest.mark.parametrize("value,folder", [("mini", "mini"), ("2026-11", "2026-11"),
                                          ("a/b=c%", "a%2Fb%3Dc%25")])
def test_partition_folders_are_hive_names(value: str, folder: str) -> None:
    from branchcheck.network.export import _part

    assert _part(value) == folder
