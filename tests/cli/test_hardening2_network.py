"""Second red team (issue 25) on the warehouse and its views: N3 (an ingest killed with
its workers running), N4 (a warehouse made by
someone else), N8 (a damaged one), N9 (edge values), N10 (``network sql`` bounded and
stoppable), N11 (a deep directory refused fast). Each test fails on the code before
the fix (N11 was fixed before this round; its test keeps it fixed)."""
# ruff: noqa: F811  (the fixtures ``net`` and ``_env`` come from test_network)

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_network import P, _env, _write_results, cli, net  # noqa: F401

duckdb = pytest.importorskip("duckdb")

LEAK = "private words of the victim\n"


def _doctor(path: Path, *statements: str) -> None:
    con = duckdb.connect(str(path))
    try:
        for s in statements:
            con.execute(s)
    finally:
        con.close()


@pytest.mark.parametrize("statements", [
    # a view where a table belongs: reads the victim's file during a view or an export
    ("DROP TABLE units", "CREATE VIEW units AS SELECT content AS id, '' AS name_zh, "
     "'' AS name_en, NULL AS parent, 'outlet' AS kind, NULL::DATE AS opened, "
     "NULL::DATE AS closed, NULL AS timezone FROM read_text('{secret}')"),
    ("CREATE VIEW extra AS SELECT * FROM read_text('{secret}')",),
    ("CREATE MACRO mean_of(x) AS avg(x)",),
    ("CREATE SEQUENCE s",),
    ("ALTER TABLE units ADD COLUMN x VARCHAR DEFAULT 'y'",),
    ("CREATE TABLE stray (a INTEGER)",),
    ("CREATE INDEX ix ON results (branch)",),
    ("CREATE SCHEMA other",),
])
def test_n4_a_warehouse_with_unexpected_objects_is_refused(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        statements: tuple[str, ...]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(LEAK)
    _doctor(net["wh"], *(s.format(secret=secret) for s in statements))
    for args in (("league",), ("missing",), ("items",), ("trend",), ("actions",),
                 ("report", "-f", "md"), ("sql", "SELECT 1"),
                 ("export", str(tmp_path / "out"))):
        code, out, err = cli(capsys, "network", *args, "-w", str(net["wh"]))
        assert code == 2, (args, err)
        assert "refused for safety" in err and "Traceback" not in err, err
        assert LEAK.strip() not in out + err
    assert not (tmp_path / "out").exists()
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 2 and "refused for safety" in err


def test_n4_export_reaches_no_file_but_its_own(net: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli(capsys, "network", "export", str(out), "-w", str(net["wh"]))
    assert code == 0, err
    assert (out / "results").is_dir() and (out / "units" / "units.parquet").is_file()


def test_n8_a_damaged_warehouse_is_called_damaged(net: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    raw = bytearray(net["wh"].read_bytes())
    for i in range(8192, len(raw), 7):  # past the header: checksums fail on read
        raw[i] ^= 0x55
    net["wh"].write_bytes(bytes(raw))
    for args in (("league",), ("sql", "SELECT count(*) FROM results")):
        code, _, err = cli(capsys, "network", *args, "-w", str(net["wh"]))
        assert code == 2 and "damaged" in err and "in use" not in err, err
    code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w", str(net["wh"]))
    assert code == 2 and "damaged" in err and "in use" not in err, err


EDGES = [("--period", "0001-01"), ("--period", "0001-Q1"), ("--period", "9999-W52"),
         ("--period", "9999-12"), ("--since", "0001-01-02"), ("--until", "9999-12-31"),
         ("--level", "²"), ("--level", "٣"), ("--level", "99999999999999999999")]


def test_n9_edge_values_are_usage_errors(net: dict[str, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for view in ("league", "missing", "items", "trend", "actions", "report"):
        for args in EDGES:
            code, _, err = cli(capsys, "network", view, "-w", str(net["wh"]), *args)
            assert code == 2 and "internal error" not in err, (view, args, err)


@pytest.mark.parametrize("query", [
    "SELECT 1; SELECT 2", "SELECT 1; DELETE FROM results", "SET memory_limit = '64GB'",
    "SET threads = 64", "PRAGMA version", "CALL pragma_version()",
])
def test_n10_one_select_statement_only(net: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, out, err = cli(capsys, "network", "sql", "-w", str(net["wh"]), query)
    assert code == 2 and out == "" and "internal error" not in err, err


def test_n10_a_query_cannot_raise_its_own_limits(net: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "network", "sql", "-w", str(net["wh"]), "-f", "json",
                         "--memory", "300MB",
                         "SELECT current_setting('memory_limit') AS m, "
                         "current_setting('lock_configuration') AS locked")
    assert code == 0, err
    [row] = json.loads(out)
    assert row["locked"] is True and row["m"].startswith("286")  # 300 MB = 286.1 MiB


SLOW = "SELECT count(*) FROM range(100000000000) a"


def test_n10_a_query_past_its_time_is_stopped(net: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    code, out, err = cli(capsys, "network", "sql", "-w", str(net["wh"]), "--timeout", "1",
                         SLOW)
    assert code == 2 and "longer than 1 s" in err and out == ""
    assert time.monotonic() - started < 20


def test_n10_ctrl_c_stops_a_query_cleanly(net: dict[str, Path]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "branchcheck", "network", "sql", "-w", str(net["wh"]), SLOW],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    time.sleep(3)  # started, inside the query
    proc.send_signal(signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("Ctrl-C did not stop the query")
    assert proc.returncode == 130 and "internal error" not in err and "bug" not in err, err


def test_n11_an_80000_deep_directory_is_refused_at_once(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["id,name_zh,name_en,parent,kind", "U0,总,HO,,head-office"]
    lines += [f"U{i},区{i},R{i},U{i - 1},region" for i in range(1, 80_000)]
    org = tmp_path / "chain.csv"
    org.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    code, _, err = cli(capsys, "network", "league", "--org", str(org), "-w",
                       str(tmp_path / "none.duckdb"))
    assert code == 2 and "deep" in err
    assert time.monotonic() - started < 10  # 71 s when the depth was found quadratically


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_n3_an_ingest_killed_with_its_workers_running_blocks_nothing(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    more = [("O1", f"2026-{m:02d}-{d:02d}T09:00:00+08:00", P, P)
            for m in (1, 2, 3) for d in range(1, 29)]  # 84 files: parsed by workers
    _write_results(net["root"], net["ck"], more)
    env = dict(os.environ, BRANCHCHECK_TEST_PAUSE_IN_PARSE="60")
    proc = subprocess.Popen(
        [sys.executable, "-m", "branchcheck", "network", "ingest", str(net["root"]), "-w",
         str(net["wh"]), "--jobs", "2"],
        stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    try:
        assert len(workers) == 2, "the workers did not start"
        time.sleep(1.0)  # inside parse_batch
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        started = time.monotonic()
        code, _, err = cli(capsys, "network", "ingest", str(net["root"]), "-w",
                           str(net["wh"]), "--wait", "20")
        assert code == 0 and "84 added" in err, err  # before: "in use" by a dead pid, 60 s
        assert time.monotonic() - started < 20
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(_gone(w) for w in workers):
            time.sleep(0.2)
        assert all(_gone(w) for w in workers), "a worker outlived its ingest"
    finally:
        for pid in [proc.pid, *workers]:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_n3_the_lock_message_says_when_its_holder_has_ended(tmp_path: Path) -> None:
    from branchcheck.core.locking import LockedError, exclusive

    lock = tmp_path / "x.lock"
    code = ("import os, sys, time\n"
            "from pathlib import Path\n"
            "from branchcheck.core.locking import exclusive\n"
            "with exclusive(Path(sys.argv[1])):\n"
            "    child = os.fork()\n"  # a child keeps the lock's open file
            "    if child == 0:\n"
            "        time.sleep(30); os._exit(0)\n"
            "    print(child, flush=True)\n"
            "    os._exit(0)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(lock)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    proc.wait(timeout=10)
    try:
        with pytest.raises(LockedError, match="that process has ended"), exclusive(lock):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def _edited_copy(tmp_path: Path) -> Path:
    """The bundled daily-opening, edited by an outlet: same id and version, its red line
    no longer critical, its text rewritten."""
    from branchcheck.core.resources import bundled_checklist

    text = Path(str(bundled_checklist("daily-opening"))).read_text(encoding="utf-8")
    red = text.index("- id: no-customer-data-exposed")
    end = text.index("source:", red)
    part = text[red:end].replace("        critical: checklist\n", "").replace(
        "No customer information exposed in public areas", "Counters look tidy")
    edited = tmp_path / "edited" / "daily-opening.yaml"
    edited.parent.mkdir()
    edited.write_text(text[:red] + part + text[end:], encoding="utf-8")
    return edited


def _result(path: Path, root: Path, branch: str, fails: tuple[str, ...],
            **sign: Any) -> Path:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.chain import store_result

    ck = load_checklist(str(path))
    answers = {item.id: Answer(item.id, item.options[0].key if item.type == "choice"
                               else "fail" if item.id in fails else "pass")
               for _, item in ck.items()}
    result = make_result(ck, answers, branch=branch, reviewer="r", lang="en",
                         started="2026-11-02T09:00:00+08:00",
                         finished="2026-11-02T09:00:00+08:00")
    return store_result(result, root=root, **sign)


def test_n2_a_result_of_an_edited_checklist_counts_nowhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_CHECKLISTS", raising=False)
    from branchcheck.core.resources import bundled_checklist

    root, wh = tmp_path / "results", str(tmp_path / "n.duckdb")
    edited = _edited_copy(tmp_path)
    _result(edited, root, "O1", ("no-customer-data-exposed",))  # 86.9 by the edited copy
    real = Path(str(bundled_checklist("daily-opening")))
    _result(real, root, "O2", ("no-customer-data-exposed",))
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--strict")
    assert code == 1 and "held back: " in err and "O1" in err and "1 held back" in err
    code, out, _ = cli(capsys, "network", "sql", "-w", wh, "-f", "json",
                       "SELECT branch, overall_final, integrity, signature FROM results")
    # only the real checklist's result counts: 0, a red line (不合格（一票否决）)
    assert json.loads(out) == [{"branch": "O2", "overall_final": 0.0, "integrity": "verified",
                                "signature": "none"}]
    code, out, _ = cli(capsys, "network", "sql", "-w", wh, "-f", "json",
                       "SELECT count(*) AS n FROM texts WHERE en = 'Counters look tidy'")
    assert json.loads(out) == [{"n": 0}]  # its texts replace nothing
    code, out, _ = cli(capsys, "network", "league", "-w", wh, "-f", "json",
                       "--period", "2026-11")
    assert [r["unit"] for r in json.loads(out)] == ["O2"]
    # the next ingest reads it again and still holds it back (zh too)
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--lang", "zh")
    assert code == 0 and "暂不计入" in err and "未核验" in err


def test_n2_a_signed_result_counts_only_with_its_key_trusted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.core.resources import bundled_checklist
    from branchcheck.integrity.signing import load_signing_key

    assert cli(capsys, "keys", "new", "--out", str(tmp_path / "keys"), "--name", "O1")[0] == 0
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "O1.pub").write_bytes((tmp_path / "keys" / "O1.pub").read_bytes())
    key = load_signing_key(str(tmp_path / "keys" / "O1.key"))
    root, wh = tmp_path / "results", str(tmp_path / "n.duckdb")
    _result(Path(str(bundled_checklist("daily-opening"))), root, "O1", (), sign_key=key)
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh)
    assert code == 0 and "1 held back" in err and "untrusted key" in err
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--trust", str(trust),
                       "--strict")
    assert code == 0 and "1 added" in err, err
    code, out, _ = cli(capsys, "network", "sql", "-w", wh, "-f", "json",
                       "SELECT integrity, signature, signer, stored_utc IS NOT NULL AS s "
                       "FROM results")
    assert json.loads(out) == [{"integrity": "verified", "signature": "trusted",
                                "signer": "O1", "s": True}]


def _approvals(root: Path, count: int) -> None:
    from branchcheck.actions import writer
    from branchcheck.actions.log import NewEvent

    for n in range(count):
        writer.append(root, "O1", lambda state, n=n: [NewEvent("approved", None, "t", {
            "result": {"path": f"r{n}", "sha256": "a" * 64,
                       "finished": "2026-11-02T09:00:00+08:00"}, "approver": "a"})])


def test_n6_ingest_rejects_a_rewritten_or_vanished_action_log(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    root, wh = net["root"], str(net["wh"])
    _approvals(root, 5)
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--strict")
    assert code == 0, err
    log, head = root / "O1" / "actions.jsonl", root / "O1" / "actions.head"
    log.unlink()
    head.unlink()
    _approvals(root, 2)  # a new history from the start: 5 events -> 2
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--strict")
    assert code == 1 and "rewritten: event 5" in err  # before: accepted
    code, out, _ = cli(capsys, "network", "sql", "-w", wh, "-f", "json",
                       "SELECT status, seq FROM action_logs")
    assert json.loads(out) == [{"status": "rewritten", "seq": 5}]  # the last verified kept
    log.unlink()  # deleted, its head left
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--strict")
    assert code == 1 and "missing" in err and "deleted" in err
    head.unlink()  # and its head: still the log seen before
    code, _, err = cli(capsys, "network", "ingest", str(root), "-w", wh, "--lang", "zh")
    assert code == 0 and "整改记录不见了" in err
