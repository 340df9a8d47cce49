"""Complaint registers in the network warehouse: ingest (verified, no personal data,
tampered registers rejected) and ``network complaints`` per unit and per category,
against hand-computed figures.

The register of outlet SH-001 is the one of tests/cli/test_complaints.py (cases A-D,
2025 National Day holiday, today Mon 2025-10-13), plus:

  E  SH-001, Fri 10-10, customer CIF-001 again: a repeat of A (within 90 days)
  F  SH-002, Thu 10-09, fees, promise 2: Fri 10-10 1st, Sat 10-11 (调休) 2nd -> reply
     due 10-11; decided, told and closed on 10-10 (decision due 10-09 + 15 = 10-24)

Figures for October 2025, judged on J = 10-13 (today, before the month's end):

  case  received  status    first reply due/done  decision due/told  open age on J
  A     09-26     reopened  09-30 / 09-29         10-11 / 09-29      17 days
  B     09-30     handling  10-10 / 10-09         10-30 / -          13
  C     09-20     accepted  09-26 / -             10-09 / -          23 (overdue)
  D     10-09     handling  10-10 / 10-10         10-24 / -           4
  E     10-10     received  10-14 / -             10-27 / -           3
  F     10-09     closed    10-11 / 10-10         10-24 / 10-10      (closed)

Decisions counted: due in October and passed by J or met: A (on time), C (late), F
(on time); B, D and E are still running. Replies counted: B, D, F (all on time); A's
first reply was due in September, C's too, E's is still running.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.actions_helpers import cli
from tests.cli.test_complaints import _env, new, ok, register  # noqa: F401

duckdb = pytest.importorskip("duckdb")
ORG = str(Path(__file__).resolve().parents[2] / "branchcheck" / "network" / "data"
          / "sample-org.yaml")


@pytest.fixture
def warehouse(register: tuple[Path, dict[str, str]], tmp_path: Path,  # noqa: F811
              capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    root, _ = register
    new(capsys, root, "2025-10-10T10:00:00+08:00", 3, "counter", "--customer-ref", "CIF-001")
    code, out, err = cli(capsys, "complaints", "new", "--branch", "SH-002", "--channel",
                         "counter", "--received", "2025-10-09T09:00:00+08:00",
                         "--promise-days", "2", "--category", "fees", "--results-dir",
                         str(root))
    assert code == 0, err
    f = out.strip()
    for step in ("accept", "decide", "communicate"):
        ok(capsys, root, "step", f, step, "-m", "退费", "--at", "2025-10-10T10:00+08:00")
    ok(capsys, root, "close", f, "--at", "2025-10-10T11:00+08:00")
    db = tmp_path / "net.duckdb"
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", str(db), "--org", ORG)
    assert code == 0, err
    assert "complaint registers: 2 read, 0 unchanged" in err
    return root, db


def view(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "network", "complaints", "-w", str(db), "--period",
                         "2025-10", "-f", "json", *extra)
    assert code == 0, err
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def test_figures_per_outlet_and_sub_branch(warehouse: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _, db = warehouse
    rows = {r["unit"]: r for r in view(capsys, db)}
    one, two = rows["SH-001"], rows["SH-002"]
    # SH-001: D and E received in October; nothing closed (A was reopened); all five
    # open; C overdue; decisions A on time, C late; replies B and D on time
    assert (one["received"], one["closed"], one["open"], one["overdue"]) == (2, 0, 5, 1)
    assert (one["decisions_on_time"], one["decisions_due"]) == (1, 2)
    assert (one["replies_on_time"], one["replies_due"]) == (2, 2)
    assert (one["repeats"], one["escalated"]) == (1, 1)
    assert list(one["ageing"].values()) == [2, 1, 2, 0, 0]  # <=5: D E; 6-15: B; 16-30: A C
    assert (two["received"], two["closed"], two["open"], two["overdue"]) == (1, 1, 0, 0)
    assert (two["decision_on_time_rate"], two["reply_on_time_rate"]) == (1.0, 1.0)
    up = view(capsys, db, "--level", "sub-branch")
    assert len(up) == 1 and up[0]["unit"] == "SH-PD"
    assert (up[0]["received"], up[0]["closed"], up[0]["open"], up[0]["overdue"]) == (3, 1, 5, 1)
    assert (up[0]["decisions_on_time"], up[0]["decisions_due"]) == (2, 3)
    assert (up[0]["replies_on_time"], up[0]["replies_due"]) == (3, 3)


def test_figures_per_category(warehouse: tuple[Path, Path],
                              capsys: pytest.CaptureFixture[str]) -> None:
    _, db = warehouse
    rows = {r["category"]: r for r in view(capsys, db, "--by", "category")}
    assert set(rows) == {"fees", "other", "wrong-information"}
    fees, other, info = rows["fees"], rows["other"], rows["wrong-information"]
    # fees: B (open, 13 days) and F (closed in October)
    assert (fees["received"], fees["closed"], fees["open"], fees["overdue"]) == (1, 1, 1, 0)
    assert (fees["decisions_on_time"], fees["decisions_due"]) == (1, 1)
    assert (fees["replies_on_time"], fees["replies_due"]) == (2, 2)
    # other: C (overdue), D, E (repeat)
    assert (other["received"], other["open"], other["overdue"], other["repeats"]) == (2, 3, 1, 1)
    assert (other["decisions_on_time"], other["decisions_due"]) == (0, 1)
    assert list(other["ageing"].values()) == [2, 0, 1, 0, 0]
    assert (info["received"], info["open"], info["decisions_on_time"]) == (0, 1, 1)
    code, out, _ = cli(capsys, "network", "complaints", "-w", str(db), "--period", "2025-10",
                       "--by", "category", "--lang", "zh")
    assert code == 0 and "收费争议" in out and "决定按时率" in out and "50%" not in out
    assert "0% (0/1)" in out  # other: C's decision was late


@pytest.mark.parametrize(("lang", "one", "other", "report"), [
    ("zh", ["SH-001", "陆家嘴网点", "2", "0", "5", "1", "50% (1/2)", "100% (2/2)", "1", "1",
            "2", "1", "2", "0", "0"],
     ["其他", "2", "0", "3", "1", "0% (0/1)", "100% (1/1)", "1", "1", "2", "0", "1", "0", "0"],
     "| SH-002 | 张江网点 | 1 | 1 | 0 | 0 | 100% (1/1) | 100% (1/1) |"),
    ("en", ["SH-001", "Lujiazui outlet", "2", "0", "5", "1", "50% (1/2)", "100% (2/2)", "1",
            "1", "2", "1", "2", "0", "0"],
     ["Other", "2", "0", "3", "1", "0% (0/1)", "100% (1/1)", "1", "1", "2", "0", "1", "0",
      "0"],
     "| SH-002 | Zhangjiang outlet | 1 | 1 | 0 | 0 | 100% (1/1) | 100% (1/1) |"),
])
def test_the_figures_as_people_read_them(warehouse: tuple[Path, Path],
                                         capsys: pytest.CaptureFixture[str], lang: str,
                                         one: list[str], other: list[str],
                                         report: str) -> None:
    """The hand-computed figures above (module docstring) in the text tables and the
    monthly report, in zh and en: SH-001 received 2, closed 0, open 5, overdue 1,
    decisions 1 of 2 on time, replies 2 of 2, 1 repeat, 1 escalated, ageing 2/1/2/0/0."""
    _, db = warehouse

    def table(*extra: str) -> dict[str, list[str]]:
        code, out, err = cli(capsys, "network", "complaints", "-w", str(db), "--period",
                             "2025-10", "--lang", lang, *extra)
        assert code == 0, err
        assert ("截至 2025-10-13" if lang == "zh" else "as of 2025-10-13") in out
        rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()[3:]
                if line.strip()]
        return {r[0]: r for r in rows}

    assert table()["SH-001"] == one
    assert table("--by", "category")[other[0]] == other
    code, out, err = cli(capsys, "network", "report", "-w", str(db), "--period", "2025-10",
                         "-f", "md", "--lang", lang)
    assert code == 0, err
    assert report in out and "| " + " | ".join(one) + " |" in out


def test_no_personal_data_in_the_warehouse(warehouse: tuple[Path, Path]) -> None:
    _, db = warehouse
    raw = db.read_bytes()
    assert "张三".encode() not in raw and b"13800000000" not in raw and b"CIF-001" not in raw
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'complaints'"
        ).fetchall()}
    finally:
        con.close()
    assert not columns & {"customer_name", "customer_contact", "customer_ref", "asks",
                          "summary", "about"}


def test_tampered_register_is_rejected(warehouse: tuple[Path, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root, db = warehouse
    path = root / "SH-002" / "complaints.jsonl"
    path.write_bytes(path.read_bytes().replace(b'"promise_days":2', b'"promise_days":5'))
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", str(db))
    assert code == 0 and "the complaint register has been tampered with" in err
    assert "SH-002" not in {r["unit"] for r in view(capsys, db)}
    code, _, _ = cli(capsys, "network", "ingest", str(root), "-w", str(db), "--strict")
    assert code == 1


def test_monthly_report_has_a_complaints_section(warehouse: tuple[Path, Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, db = warehouse
    code, out, err = cli(capsys, "network", "report", "-w", str(db), "--period", "2025-10",
                         "-f", "md", "--lang", "zh")
    assert code == 0, err
    part = out[out.index("## 投诉"):]
    assert "逾期与未办结按 2025-10-13 计算" in part and "SH-001" in part
    assert "50% (1/2)" in part  # SH-001's decisions: A on time, C late
    assert "张三" not in out and "CIF-001" not in out


def test_export_has_the_cases_without_customer_data(warehouse: tuple[Path, Path],
                                                    tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _, db = warehouse
    out = tmp_path / "parquet"
    code, _, err = cli(capsys, "network", "export", str(out), "-w", str(db))
    assert code == 0, err
    con = duckdb.connect()
    try:
        rows = con.execute("SELECT branch, count(*) FROM read_parquet(?) GROUP BY ALL "
                           "ORDER BY branch",
                           [str(out / "complaints" / "complaints.parquet")]).fetchall()
        names = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)",
                                           [str(out / "complaints" / "complaints.parquet")])
                 .fetchall()}
    finally:
        con.close()
    assert rows == [("SH-001", 5), ("SH-002", 1)]  # A-E and F
    assert not names & {"customer_name", "customer_contact", "customer_ref", "asks"}
    raw = b"".join(p.read_bytes() for p in out.rglob("*.parquet"))
    assert "张三".encode() not in raw and b"CIF-001" not in raw
