"""The input audit of the newer capabilities (complaints, network, shop, training, the
working-day calendar): every file the tool reads is hostile. Each test fails on the
code before its fix."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from branchcheck.cli import run
from branchcheck.core.i18n import set_ui

posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and alarms are POSIX")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for var in ("BRANCHCHECK_LANG", "BRANCHCHECK_DEBUG", "BRANCHCHECK_COMPLAINT_RULES",
                "BRANCHCHECK_CALENDAR", "BRANCHCHECK_ORG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path / "results"))
    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "tester")  # who records (never made up)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    yield
    set_ui(None)


def _hung(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError("blocked")


def bc(capsys: pytest.CaptureFixture[str], *args: str, seconds: int = 10) -> tuple[int, str]:
    """Run in this process (exit code, stdout + stderr); a call blocked for ``seconds``
    is interrupted and ends as an internal error instead of hanging the suite."""
    old = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(seconds)
    try:
        code = run(list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out = capsys.readouterr()
    return code, out.out + out.err


NEW = ("complaints", "new", "--branch", "SH-002", "--channel", "hotline",
       "--received", "2026-11-02T11:00+08:00", "--promise-days", "2")
FIFO_READERS = {
    "complaint rules": (*NEW, "--rules", "f.yaml"),
    "working-day calendar": (*NEW, "--calendar", "f.yaml"),
    "checklist": ("validate", "f.yaml"),
    "answers": ("score", "daily-opening", "-a", "f.yaml"),
    "shop mapping": ("shop", "import", "delivery.csv", "--mapping", "f.yaml"),
    "org directory": ("shop", "plan", "--org", "f.yaml", "--wave", "2027H1", "--visits", "3",
                      "--seed", "7", "--from", "2027-03-01", "--to", "2027-04-30"),
}


@posix
@pytest.mark.parametrize("reader", sorted(FIFO_READERS))
def test_a_fifo_given_as_an_input_file_is_refused_without_blocking(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str) -> None:
    # A FIFO named where a file is expected blocked open() for ever (no writer comes):
    # every file read through core/textfile is now refused as not a regular file.
    os.mkfifo(tmp_path / "f.yaml")
    (tmp_path / "delivery.csv").write_text("visit\n1\n", encoding="utf-8")
    code, said = bc(capsys, *FIFO_READERS[reader])
    assert code == 2, said
    assert "Traceback" not in said
    assert "f.yaml" in said and "not a regular file" in said, said
    assert not (tmp_path / "results").exists()  # nothing was written


# -- a complaint in a register that does not read ---------------------------------------

def _two_cases(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    ids = []
    for day in ("02", "05"):
        code, said = bc(capsys, "complaints", "new", "--branch", "SH-001", "--channel",
                        "hotline", "--received", f"2026-11-{day}T11:00+08:00",
                        "--promise-days", "2")
        assert code == 0, said
        ids.append(said.split()[0].rstrip(":"))
    return ids[0], ids[1]


def test_a_case_cut_from_its_register_names_the_register(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The second case's event was cut off the end of SH-001's register: "no complaint"
    # alone hid that the register lost it; the message now names the register and why.
    first, second = _two_cases(capsys)
    log = tmp_path / "results" / "SH-001" / "complaints.jsonl"
    log.write_bytes(log.read_bytes().split(b"\n")[0] + b"\n")
    before = log.read_bytes()
    for args in (("show", second), ("step", second, "accept", "--handler", "王芳")):
        code, said = bc(capsys, "complaints", *args)
        assert code == 2, said
        assert f"no complaint {second}" in said
        assert f"{log}: error:" in said and "[log-cut]" in said, said
    assert log.read_bytes() == before  # nothing written to a damaged register
    code, said = bc(capsys, "complaints", "show", first)
    assert code == 0 and first in said  # the case still there is shown (with a warning)


@posix
def test_an_oversized_register_is_not_read_whole_and_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A sparse file over the log limit (256 MB) was read whole into memory to look for
    # the id; it is now refused by its size alone, named, and the other outlets' cases
    # are still found.
    first, _ = _two_cases(capsys)
    code, said = bc(capsys, "complaints", "new", "--branch", "SH-002", "--channel",
                    "counter", "--received", "2026-11-03T11:00+08:00", "--promise-days", "2")
    assert code == 0, said
    big = tmp_path / "results" / "SH-002" / "complaints.jsonl"
    with big.open("r+b") as fh:
        fh.truncate(257 * 1024 * 1024)
    code, said = bc(capsys, "complaints", "show", "C-00000000")
    assert code == 2, said
    assert f"{big}: error:" in said and "over the limit" in said, said
    code, said = bc(capsys, "complaints", "show", first)
    assert code == 0 and first in said, said


# -- JSON nested past the parser's depth --------------------------------------------------

def test_an_appeals_register_nested_too_deep_is_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # json.loads raised RecursionError on a line of 5,000 "[": an internal error (exit 3).
    register = tmp_path / "results" / ".appeals" / "appeals.jsonl"
    register.parent.mkdir(parents=True)
    register.write_bytes(b"[" * 5000 + b"]" * 5000 + b"\n")
    for args in (("list",), ("list", "-f", "json"),
                 ("decide", "AP-0001", "--reject", "--by", "李四")):
        code, said = bc(capsys, "shop", "appeal", *args)
        assert code == 2, said
        assert f"{register}:1:1:" in said and "internal error" not in said, said
    assert register.read_bytes() == b"[" * 5000 + b"]" * 5000 + b"\n"


# -- the warehouse file -------------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"


def _one_result(tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp / "answers.yaml").write_text("checklist: example-branch-check\nbranch: SH-001\n"
                                      "reviewer: Wang\nanswers:\n  hall-tidy: y\n",
                                      encoding="utf-8")
    code, said = bc(capsys, "score", str(EXAMPLE), "-a", "answers.yaml")
    assert code == 0, said

@posix
@pytest.mark.parametrize("kind", ["folder", "fifo", "link"])
def test_a_warehouse_path_that_is_not_a_file_is_called_so_by_every_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    # The views said "no warehouse at w.duckdb; run ingest first" of a folder, FIFO or
    # link where ingest said "not a regular file": both now say what is there.
    path = tmp_path / "w.duckdb"
    _one_result(tmp_path, capsys)
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        (tmp_path / "real.duckdb").write_bytes(b"")
        path.symlink_to(tmp_path / "real.duckdb")
    for args in (("league",), ("complaints",), ("sql", "SELECT 1"),
                 ("ingest", str(tmp_path / "results"))):
        code, said = bc(capsys, "network", *args, "-w", str(path))
        assert code == 2, said
        assert f"{path} is not a regular file" in said and "no warehouse" not in said, said


def test_a_foreign_file_with_an_old_schema_version_is_refused_not_sent_to_upgrade(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A DuckDB file whose meta table says schema version 3 but holds no warehouse: the
    # views said "run ingest to upgrade it", and ingest then refused it for safety.
    import duckdb

    path = tmp_path / "w.duckdb"
    _one_result(tmp_path, capsys)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    con.close()
    before = path.read_bytes()
    for args in (("league",), ("ingest", str(tmp_path / "results"))):
        code, said = bc(capsys, "network", *args, "-w", str(path))
        assert code == 2, said
        assert "refused for safety" in said and "upgrade" not in said, said
    assert path.read_bytes() == before


@pytest.mark.parametrize("received", ["9999-12-20T10:00+08:00", "0001-01-01T00:00+00:00"])
def test_a_complaint_time_outside_the_years_the_tool_counts_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], received: str) -> None:
    # Year 9999 made the decision deadline overflow the calendar (internal error, exit 3);
    # year 1 was stored. Times are now 1900-2999, as the network's periods.
    code, said = bc(capsys, *NEW[:6], "--received", received, "--promise-days", "2")
    assert code == 2, said
    assert f"--received {received!r} is not between the years 1900 and 2999" in said, said
    assert not (tmp_path / "results").exists()
    first, _ = _two_cases(capsys)
    log = tmp_path / "results" / "SH-001" / "complaints.jsonl"
    before = log.read_bytes()
    code, said = bc(capsys, "complaints", "step", first, "accept", "--handler", "王芳",
                    "--at", received, "--lang", "zh")
    assert code == 2 and "不在 1900 至 2999 年之间" in said, said
    assert log.read_bytes() == before


def test_an_action_due_date_past_the_calendar_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `actions assign --due 9999-12-31` was stored, and from then on every list, show
    # and ledger of the branch overflowed the calendar (exit 3).
    from actions_helpers import answers, listing, score

    root = tmp_path / "results"
    score(capsys, root, answers(tmp_path, "first", "2024-05-03T10:00:00+08:00",
                                {"tidy": "fail"}))
    (action,) = listing(capsys, root)
    log = root / "SH-001" / "actions.jsonl"
    before = log.read_bytes()
    code, said = bc(capsys, "actions", "assign", action["id"], "--due", "9999-12-31",
                    "--by", "王芳", "--results-dir", str(root))
    assert code == 2, said
    assert "--due '9999-12-31' is not between 1900-01-01 and 2999-12-31" in said, said
    assert log.read_bytes() == before
    assert listing(capsys, root)[0]["id"] == action["id"]


def test_an_action_its_log_lost_names_the_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # As for complaints: an action whose events were cut off the log was only "no action".
    from actions_helpers import answers, listing, score

    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "王芳")
    root = tmp_path / "results"
    score(capsys, root, answers(tmp_path, "first", "2024-05-03T10:00:00+08:00",
                                {"tidy": "fail"}))
    (action,) = listing(capsys, root)
    log = root / "SH-001" / "actions.jsonl"
    log.write_bytes(b"")
    for args in (("show", action["id"]), ("comment", action["id"], "--note", "x")):
        code, said = bc(capsys, "actions", *args, "--results-dir", str(root))
        assert code == 2, said
        assert f"no action {action['id']}" in said and f"{log}: error:" in said, said
    assert log.read_bytes() == b""


@posix
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_head_that_cannot_be_replaced_means_nothing_is_appended(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # complaints.head / actions.head replaced by a folder or FIFO: the writer appended
    # the event to the log, then refused to replace the head and said "Error" (exit 2):
    # a step recorded though the user was told it was not. Now nothing is written.
    from actions_helpers import answers, listing, score

    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "王芳")
    first, _ = _two_cases(capsys)
    root = tmp_path / "results"
    score(capsys, root, answers(tmp_path, "first", "2024-05-03T10:00:00+08:00",
                                {"tidy": "fail"}))
    (action,) = listing(capsys, root)
    for head, args in (("complaints.head", ("complaints", "step", first, "accept",
                                            "--handler", "王芳")),
                       ("actions.head", ("actions", "comment", action["id"], "--note", "x"))):
        path = root / "SH-001" / head
        log = path.with_suffix(".jsonl")
        before = log.read_bytes()
        path.unlink()
        if kind == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)
        code, said = bc(capsys, *args)
        assert code == 2, said
        assert f"{path} is not a regular file" in said, said
        assert log.read_bytes() == before, head


@pytest.mark.parametrize("target", ["/nonexistent/appeals.jsonl", "appeals.jsonl"])
def test_an_appeals_register_that_is_a_broken_link_is_not_an_empty_register(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    # A dangling link (or a link to itself) in place of the register listed no appeals,
    # exit 0, as if there were none: the appeals were lost without a word.
    register = tmp_path / "results" / ".appeals" / "appeals.jsonl"
    register.parent.mkdir(parents=True)
    register.symlink_to(target)
    for fmt in ("text", "json"):
        code, said = bc(capsys, "shop", "appeal", "list", "-f", fmt)
        assert code == 2, said
        assert str(register) in said, said
    assert register.is_symlink()


def _forge(log: Path, edit: dict[str, object]) -> None:
    """Rewrite the first event of ``log`` with ``edit`` (dotted keys into ``data``), its
    hashes and head recomputed: a register someone else wrote, whose chain verifies."""
    import json

    from branchcheck.actions.log import canonical, event_hash

    events = [json.loads(line) for line in log.read_bytes().splitlines() if line.strip()]
    for key, value in edit.items():
        *path, last = key.split(".")
        target = events[0]["data"]
        for part in path:
            target = target[part]
        target[last] = value
    prev = "0" * 64
    for event in events:
        event["prev"] = prev
        event["hash"] = prev = event_hash(event)
    log.write_bytes(b"".join(canonical(e) + b"\n" for e in events))
    (log.parent / "complaints.head").write_bytes(
        canonical({"seq": events[-1]["seq"], "hash": prev}) + b"\n")


@pytest.mark.parametrize("edit", [{"received": "9999-12-20T10:00+08:00"},
                                  {"decision.count": "workdays",
                                   "decision.extensions": [10**9]}])
def test_a_forged_register_with_limits_past_the_calendar_is_refused_not_counted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: dict[str, object]) -> None:
    # A register whose chain verifies but whose case was received in 9999 made
    # `complaints extend` overflow (exit 3); an extension of 10**9 working days made it
    # count day by day for hours. Every limit counted is now checked first; a day past
    # the years the tool counts with is refused by the fold, as the writer refuses it.
    first, _ = _two_cases(capsys)
    log = tmp_path / "results" / "SH-001" / "complaints.jsonl"
    _forge(log, edit)
    before = log.read_bytes()
    code, said = bc(capsys, "complaints", "extend", first, "--reason", "复杂", "--approver",
                    "李行长")
    assert code == 2, said
    assert log.read_bytes() == before
    if "received" in edit:
        code, said = bc(capsys, "complaints", "list")
        assert code == 0 and first not in said, said
        assert "complaints.jsonl:1:" in said and "between the years 1900 and 3099" in said
        return
    assert "cannot count a limit of" in said and "was the register edited?" in said, said
    code, said = bc(capsys, "complaints", "list")
    assert code == 0 and first in said, said


# -- number options -----------------------------------------------------------------------

def _number_options() -> list[tuple[tuple[str, ...], str]]:
    """Every command (path) with an option taking a number with a fraction."""
    from cli_options import options_where

    return options_where(lambda param: param.opts[0] if getattr(param.type, "name", "") in (
        "float", "float range") else None)


NUMBERS = _number_options()


def test_every_number_option_is_found() -> None:
    paths = {f"{' '.join(p)} {o}" for p, o in NUMBERS}
    assert {"network sql --timeout", "network audit-sample --random-share",
            "shop report --changed-share", "shop report --lenient",
            "network ingest --wait"} <= paths, paths


@pytest.mark.parametrize(("path", "opt"), NUMBERS, ids=[f"{' '.join(p)} {o}" for p, o in NUMBERS])
@pytest.mark.parametrize("value", ["nan", "inf", "-1e400"])
def test_a_number_option_that_is_not_finite_is_a_usage_error(
        path: tuple[str, ...], opt: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Python's float reads nan and inf: `audit-sample --random-share nan` was exit 3,
    # `shop report --changed-share nan` wrote NaN figures, `sql --timeout inf` printed a
    # thread's traceback, `ingest --wait nan` waited for ever for a held lock.
    code, said = bc(capsys, *path, opt, value)
    assert code == 2, said
    assert "Traceback" not in said and "internal error" not in said
    assert f"'{opt}'" in said and ("needs a finite number" in said or "range" in said), said


def test_a_query_timeout_past_what_a_timer_takes_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    # 1e300 seconds is finite, but the query's timer thread died with OverflowError and
    # printed its traceback; a timeout is at most a day.
    code, said = bc(capsys, "network", "sql", "SELECT 1", "--timeout", "1e300")
    assert code == 2 and "'--timeout'" in said and "86400" in said, said
    assert "Traceback" not in said


@pytest.mark.parametrize("option", ["--rules", "--calendar"])
def test_complaints_list_refuses_a_bad_rules_or_calendar_file_it_is_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    # `complaints list -f json --rules BAD` (or `--calendar BAD` without --status soon)
    # never read the file: a broken file given by the user passed without a word.
    _two_cases(capsys)
    (tmp_path / "bad.yaml").write_text("holidays: [2026-13-45]\n", encoding="utf-8")
    code, said = bc(capsys, "complaints", "list", "-f", "json", option, "bad.yaml")
    assert code == 2 and "bad.yaml" in said, said
    code, said = bc(capsys, "complaints", "list", "-f", "json")
    assert code == 0, said
