"""``branchcheck network ingest`` end to end: incremental, exact item rows through the
workers' staging, rejected files, two writers, a kill half-way, a newer warehouse.
Network and figures: tests/cli/test_network.py."""
# ruff: noqa: F811  (the fixtures ``net`` and ``_env`` come from test_network)

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_network import (  # noqa: F401
    CHECKLIST,
    F,
    P,
    _env,
    _write_results,
    cli,
    net,
    view,
)

pytest.importorskip("duckdb")


def test_ingest_is_incremental(net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0 and "0 added, 9 unchanged" in err
    os.utime(net["first"], ns=(1, 1))  # same content, new mtime: re-read, stored once
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0 and "0 added, 8 unchanged, 1 duplicates" in err


NOTES = [None, "", "plain", 'a,"b"\nc, d', "\x00 nul and \t tab", "v", "'quoted'", "=1+2"]


@pytest.mark.parametrize(("jobs", "flush"), [("1", 20_000), ("2", 20_000), ("2", 7)])
def test_item_rows_come_back_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch, jobs: str,
                                     flush: int) -> None:
    """Notes and values survive the workers' staging (CSV) exactly: empty is not
    missing, quotes, commas, line breaks and NUL stay; in one process or many, and
    loaded in one piece or in many (a copy in a later piece is a duplicate)."""
    from branchcheck.network import ingest

    monkeypatch.setattr(ingest, "_FLUSH_FILES", flush)
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result

    ck_path = tmp_path / "mini.yaml"
    ck_path.write_text(CHECKLIST, encoding="utf-8")
    ck = load_checklist(str(ck_path))
    root = tmp_path / "results"
    for n in range(70):  # over 64: the parallel path when -j 2
        note = NOTES[n % len(NOTES)]
        result = make_result(ck, {"a": Answer("a", P if n % 3 else F, note),
                                  "b": Answer("b", "na" if n % 5 == 0 else P)},
                             branch=f"O{n % 3 + 1}", reviewer="r", lang="en",
                             started=f"2026-11-{n // 3 + 1:02d}T1{n % 3}:00:00+08:00",
                             finished=f"2026-11-{n // 3 + 1:02d}T1{n % 3}:00:00+08:00")
        path = write_result(result, root=root)
        if n == 0:
            first = path
    (first.parent / "zz-copy.yaml").write_bytes(first.read_bytes())  # sorted last
    wh = str(tmp_path / "n.duckdb")
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "-j", jobs)
    assert code == 0 and "70 added" in err and "1 duplicates" in err, err
    code, out, err = cli(capsys, "network", "sql", "-w", wh, "-f", "json",
                         "SELECT r.finished, i.item_id, i.status, i.fraction, i.value, i.note, "
                         "i.critical FROM items i JOIN results r USING (rid) "
                         "ORDER BY r.finished, i.item_id")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 140
    for n in range(70):
        a, b = rows[2 * n], rows[2 * n + 1]
        assert (a["item_id"], a["note"], a["critical"]) == ("a", NOTES[n % len(NOTES)],
                                                             "checklist")
        assert (a["status"], a["fraction"], a["value"]) == (
            ("pass", 1.0, None) if n % 3 else ("fail", 0.0, None))
        assert (b["status"], b["fraction"], b["note"], b["critical"]) == (
            ("na", None, None, None) if n % 5 == 0 else ("pass", 1.0, None, None))


def test_rejected_files_are_listed_counted_and_kept_out(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    root = net["root"]
    extra = _write_results(root, net["ck"], [("O2", "2026-11-06T10:00:00+08:00", P, P)])[0]
    data = yaml.safe_load(extra.read_text(encoding="utf-8"))
    data["overall"]["final"] = 40.0  # hand-edited
    extra.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (root / "O2" / "mini" / "20261101T000000000000Z.yaml").write_text("{not: [yaml",
                                                                      encoding="utf-8")
    (root / "O2" / "mini" / "link.yaml").symlink_to("/etc/hostname")
    os.mkfifo(root / "O2" / "mini" / "fifo.yaml")
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", str(net["wh"]))
    assert code == 0 and "4 rejected" in err and "0 added" in err
    assert "hand-edited" in err and "symbolic link" in err and "not a regular file" in err
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", str(net["wh"]),
                       "--strict")
    assert code == 1 and "4 rejected" in err  # still listed on the next run
    rows = view(capsys, net, "league", "--period", "2026-W45", "--unit", "O2")
    assert rows[0]["n"] == 4  # the tampered result is in no figure


def test_a_second_ingest_refuses_while_the_first_holds_the_lock(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.core.locking import exclusive

    lock = net["wh"].with_name(net["wh"].name + ".lock")
    with exclusive(lock):
        code, _out, err = cli(capsys, "network", "ingest", str(net["root"]), "-w",
                             str(net["wh"]))
    assert code == 2 and "in use" in err and "pid" in err and "Traceback" not in err


def test_a_killed_ingest_leaves_the_warehouse_as_before(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    more = [("O1", f"2026-11-{d:02d}T09:00:00+08:00", P, P) for d in range(9, 28)]
    _write_results(net["root"], net["ck"], more)
    env = dict(os.environ, BRANCHCHECK_TEST_PAUSE_IN_INGEST="60")
    proc = subprocess.Popen(
        [sys.executable, "-m", "branchcheck", "network", "ingest", str(net["root"]), "-w",
         str(net["wh"])], stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert b"in transaction" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    code, out, _ = cli(capsys, "network", "sql", "-w", str(net["wh"]), "-f", "csv",
                       "SELECT count(*) AS n FROM results")
    assert code == 0 and out.splitlines()[1] == "9"
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 0 and "19 added" in err


def test_a_newer_warehouse_is_refused(net: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    con = duckdb.connect(str(net["wh"]))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    for args in (["league"], ["ingest", str(net["root"])]):
        code, out, err = cli(capsys, "network", *args, "-w", str(net["wh"]))
        assert code == 2 and out == "" and "newer branchcheck" in err


