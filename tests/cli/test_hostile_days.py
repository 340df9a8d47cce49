"""Stored files written by another tool with a day or a time the calendar has not
(2025-02-30, 2025-13-01, hour 25, minute 61, offset +25:00): every reader reports
where it is, in the UI language, and goes on or refuses the file; never an internal
error."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from actions_helpers import answers, cli, score

from branchcheck.actions import writer
from branchcheck.actions.log import NewEvent, read_log

FRI = "2024-05-03T10:00:00+08:00"
WORDS = {"en": "must be a date", "zh": "应为日期"}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-20")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _plant(root: Path, event: NewEvent) -> None:
    """Append ``event`` with the real writer, past the checks a command makes."""
    with writer.locked(root, "SH-001"):
        log = read_log(root, "SH-001", locked=True)
        writer.add_events(root, "SH-001", [event], seq=log.last_seq, prev=log.last_hash,
                          size=log.size)


def _english(err: str) -> list[str]:
    """English words of a zh message, beyond paths, keys, ids, codes and the rule."""
    bare = re.sub(r"/\S+|'[a-z_]+'|（[a-z]+）|\[[a-z-]+\]|A-[0-9A-F]{8}", "", err)
    return re.findall(r"\b(?!YYYY|MM|DD|ISO)[A-Za-z]{3,}\b", bare)


@pytest.mark.parametrize(("kind", "data"), [
    ("opened", {"due": "2025-02-30"}), ("opened", {"due": "0000-01-01"}),
    ("assigned", {"due": "2025-13-01"}), ("reopened", {"due": "2025-04-31"})])
def test_an_impossible_due_day_in_an_action_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
        data: dict[str, Any]) -> None:
    """``actions list`` / ``show``: the event is skipped and named (file:line), the other
    actions listed with their overdue days."""
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, {"tidy": "fail"}))
    first = json.loads((root / "SH-001" / "actions.jsonl").read_text(encoding="utf-8"))
    good = first["action"]
    if kind == "opened":
        _plant(root, NewEvent("opened", "A-0000BAD0", "x", {**first["data"], **data}))
    else:
        _plant(root, NewEvent(kind, good, "x", data))
    for lang in ("en", "zh"):
        code, out, err = cli(capsys, "actions", "list", "-f", "json", "--results-dir",
                             str(root), "--lang", lang)
        assert code == 0, err
        rows = {r["id"]: r for r in json.loads(out)}
        # due Wed 2024-05-08 (3 working days after Fri 05-03, Sat 05-11 a 调休 working
        # day): overdue Thu 05-09 .. Mon 05-20 = 9, 10, 11, 13, 14, 15, 16, 17, 20 = 9
        assert set(rows) == {good} and rows[good]["days_overdue"] == 9, out
        assert "actions.jsonl:2:" in err and WORDS[lang] in err
        assert "internal error" not in err and "内部错误" not in err
        if lang == "zh":
            assert not _english(err), err
        code, out, err = cli(capsys, "actions", "show", good, "--results-dir", str(root),
                             "--lang", lang)
        assert code == 0 and "actions.jsonl:2:" in err, err


def _mini_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """The mini checklist (known to the department), its directory and two results of
    outlet O1 as ``write_result`` stores them: (results folder, first, second)."""
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.results.storage import write_result
    from tests.cli.test_network import CHECKLIST, ORG

    known = tmp_path / "known"
    known.mkdir()
    (known / "mini.yaml").write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(known))
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    ck, root = load_checklist(str(known / "mini.yaml")), tmp_path / "results"
    paths = [write_result(make_result(
        ck, {"a": Answer("a", "pass"), "b": Answer("b", "pass")}, branch="O1", reviewer="r",
        lang="en", started=when, finished=when), root=root)
        for when in ("2026-11-02T09:00:00+08:00", "2026-11-03T09:00:00+08:00")]
    return root, paths[0], paths[1]


def _edit(path: Path, **values: str) -> None:
    """Another tool's hand: ``key: 'value'`` lines of a stored result replaced."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^{key}: .*$", f"{key}: '{value}'", text)
    path.write_text(text, encoding="utf-8")


def test_a_result_on_a_day_the_tool_cannot_count_with_is_rejected_by_ingest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Year 0001 is a date to Python but no UTC instant (+08:00 moves it before year 1):
    a result checked then is refused as hand-edited (file named, years said), one merely
    stored then is ingested with no stored time; ``results`` says the same."""
    pytest.importorskip("duckdb")
    root, first, second = _mini_results(tmp_path, monkeypatch)
    _edit(first, started="0001-01-01T04:00:00+08:00", finished="0001-01-01T05:00:00+08:00")
    _edit(second, stored="0001-01-01T00:00:00+08:00")
    for lang, words in (("en", "is not between the years 1900 and 3099"),
                        ("zh", "不在 1900 至 3099 年之间")):
        code, _, err = cli(capsys, "network", "ingest", str(root), "--org",
                           str(tmp_path / "org.yaml"), "-w", str(tmp_path / f"{lang}.duckdb"),
                           "-j", "1", "--lang", lang)
        assert code == 0 and first.name in err and words in err, err
        assert ("1 added" if lang == "en" else "新增 1") in err, err
        code, out, err = cli(capsys, "results", "--results-dir", str(root), "-b", "O1",
                             "--lang", lang)
        assert code == 0 and second.name in out and words in err, err


def _meta(wh: Path, edit: dict[str, Any]) -> None:
    """Another tool's hand in the warehouse: keys of the stored directory replaced."""
    import duckdb

    con = duckdb.connect(str(wh))
    try:
        info = json.loads(con.execute("SELECT value FROM meta WHERE key = 'org'").fetchone()[0])
        for dotted, value in edit.items():
            *path, last = dotted.split(".")
            target = info
            for part in path:
                target = target[part]
            target[last] = value
        con.execute("UPDATE meta SET value = ? WHERE key = 'org'", [json.dumps(info)])
    finally:
        con.close()


@pytest.mark.parametrize("edit", [
    {"closed_days": ["2026-02-30"]}, {"calendar.holidays": ["2026-13-01"]},
    {"calendar.workdays": ["0000-01-01"]}, {"timezone": "Mars/Base"},
    {"business_days": [10**12]}, {"programme": [["outlet", "mini", "day", "25:61"]]}])
def test_a_warehouse_holding_a_day_no_ingest_writes_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        edit: dict[str, Any]) -> None:
    """The directory a warehouse keeps is checked before it is used: the views and the
    next ingest refuse the file (exit 2, named, zh/en) instead of an internal error."""
    pytest.importorskip("duckdb")
    root, _, _ = _mini_results(tmp_path, monkeypatch)
    wh = tmp_path / "w.duckdb"
    code, _, err = cli(capsys, "network", "ingest", str(root), "--org",
                       str(tmp_path / "org.yaml"), "-w", str(wh), "-j", "1")
    assert code == 0, err
    _meta(wh, edit)
    for lang, words in (("en", "the directory stored in it"), ("zh", "其中保存的机构名录")):
        for args in (("league",), ("missing", "--period", "2026-11"), ("actions",),
                     ("ingest", str(root))):
            code, _, err = cli(capsys, "network", *args, "-w", str(wh), "--lang", lang)
            assert code == 2 and f"{wh}" in err and words in err, (args, err)


def test_a_directory_day_the_tool_cannot_count_with_is_located(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the directory reader accepts, the warehouse keeps and reads back: a closed
    day in year 0001 is refused where it is written (file:line:column), as the stored
    directory would be."""
    pytest.importorskip("duckdb")
    root, _, _ = _mini_results(tmp_path, monkeypatch)
    org = tmp_path / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "closed_days: [2026-11-04]", "closed_days: [2026-11-04, 0001-01-01]"), encoding="utf-8")
    for lang, words in (("en", "'0001-01-01' is not between the years 1900 and 3099"),
                        ("zh", "'0001-01-01' 不在 1900 至 3099 年之间")):
        code, _, err = cli(capsys, "network", "ingest", str(root), "--org", str(org), "-w",
                           str(tmp_path / "w.duckdb"), "--lang", lang)
        assert code == 2 and f"{org}:4:" in err and words in err, err


def test_a_delivery_day_the_tool_cannot_count_with_is_a_located_cell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A visit on 0001-01-01 is a real date to Python but no time in Shanghai the result
    could keep: the cell is named (file:row:column) with the years, the other rows are
    stored with --partial (it stopped the whole import, unlocated)."""
    pytest.importorskip("openpyxl")
    from tests.cli.test_shop_import import GOOD, MAPPING, workbook

    (tmp_path / "map.yaml").write_text(MAPPING, encoding="utf-8")
    bad = ["V3", "SH-003", "0001-01-01", "09:00-11:00", 5, "7", "开户", "M03", "是", "是", 4]
    xlsx = workbook(tmp_path / "delivery.xlsx", [*GOOD, bad])
    for lang, words in (("en", "0001-01-01 is not between the years 1900 and 3099"),
                        ("zh", "0001-01-01 不在 1900 至 3099 年之间")):
        code, out, err = cli(capsys, "shop", "import", str(xlsx), "-m", str(tmp_path / "map.yaml"),
                             "--results-dir", str(tmp_path / lang), "-f", "json", "--partial",
                             "--lang", lang)
        assert code == 1 and "delivery.xlsx:4:3" in err and words in err, err
        assert [r["status"] for r in json.loads(out)] == ["stored", "stored", "error"]


def test_a_wave_plan_day_the_tool_cannot_count_with_is_located(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plan file's days by the one rule: a window from year 0001 is refused where it
    is written, as the days of a directory or a calendar file are."""
    code, _, err = cli(capsys, "shop", "sample", str(tmp_path / "s"))
    assert code == 0, err
    plan = next((tmp_path / "s").glob("plan-*.yaml"))
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "window: {from: 2026-09-01", "window: {from: 0001-01-01"), encoding="utf-8")
    for lang, words in (("en", "'0001-01-01' is not between the years 1900 and 3099"),
                        ("zh", "'0001-01-01' 不在 1900 至 3099 年之间")):
        code, _, err = cli(capsys, "shop", "report", "--wave", "2026H2", "--plan", str(plan),
                           "--results-dir", str(tmp_path / "r"), "--lang", lang)
        assert code == 2 and f"{plan.name}:10:16" in err and words in err, err


def test_a_stored_visit_on_a_day_the_calendar_has_not_is_rejected_by_ingest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mystery shopper's result whose visit date was changed to 2026-02-30 was ingested
    with no visit day (the warehouse kept NULL, silently): it is now refused as
    hand-edited, named, in the UI language, and the other visits are counted."""
    pytest.importorskip("duckdb")
    sample = tmp_path / "s"
    assert cli(capsys, "shop", "sample", str(sample))[0] == 0
    root = tmp_path / "res"
    code, _, err = cli(capsys, "shop", "import", str(sample / "delivery.csv"), "-m",
                       str(sample / "mapping.yaml"), "--results-dir", str(root))
    assert code == 0, err
    edited = sorted(root.rglob("2*.yaml"))[0]
    _edit(edited, **{"  date": "2026-02-30"})
    for lang, words in (("en", "visit date '2026-02-30' is not a real day"),
                        ("zh", "暗访日期 '2026-02-30' 不是 1900 至 3099 年间的真实日期")):
        code, _, err = cli(capsys, "network", "ingest", str(root), "--org",
                           str(sample / "org.yaml"), "-w", str(tmp_path / f"{lang}.duckdb"),
                           "--lang", lang)
        assert code == 0 and edited.name in err and words in err, err
        assert ("3 added" if lang == "en" else "新增 3") in err, err


@pytest.mark.parametrize(("sql", "column"), [
    ("UPDATE results SET day = DATE '10000-01-01'", "results.day"),
    ("UPDATE results SET finished_utc = TIMESTAMPTZ '10000-01-01 00:00:00+00'",
     "results.finished_utc"),
    ("UPDATE units SET opened = DATE '0001-01-01'", "units.opened")])
def test_a_warehouse_day_python_cannot_hold_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        sql: str, column: str) -> None:
    """DuckDB hands a day past year 9999 to Python as text: the views stopped with an
    internal error (TypeError) comparing it. Every DATE and TIMESTAMP column is checked
    when the file is opened: the damaged column is named, exit 2, zh/en."""
    duckdb = pytest.importorskip("duckdb")
    root, _, _ = _mini_results(tmp_path, monkeypatch)
    wh = tmp_path / "w.duckdb"
    assert cli(capsys, "network", "ingest", str(root), "--org", str(tmp_path / "org.yaml"),
               "-w", str(wh))[0] == 0
    con = duckdb.connect(str(wh))
    con.execute(sql)
    con.close()
    for lang, words in (("en", f"({column} holds a day outside the years 1900 to 3099)"),
                        ("zh", f"（{column} 有不在 1900 至 3099 年之间的日期）")):
        for view in ("league", "items", "actions"):
            code, _, err = cli(capsys, "network", view, "-w", str(wh), "--lang", lang)
            assert code == 2 and str(wh) in err and words in err, err
