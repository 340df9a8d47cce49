"""Actions seen from the other commands: ``report`` and ``diff`` list what a check opened,
kept open and closed; ``results`` counts open actions; ``approve`` records the approver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actions_helpers import CHECKLIST, answers, cli, listing, score

FRI = "2024-05-03T10:00:00+08:00"
FIRST = {"tidy": {"value": "fail", "note": "纸屑未清"}, "atm-working": "fail",
         "has-vip-room": "pass", "no-misleading": "pass", "greeting": 5}
SECOND = {"tidy": "pass", "atm-working": "fail", "has-vip-room": "pass",
          "no-misleading": {"value": "fail", "note": "<b>误导</b>"}, "greeting": 5}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-13")


def _stored(err: str) -> str:
    return err.split("Result saved: ")[1].strip()


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, str]:
    root = tmp_path / "results"
    first = _stored(score(capsys, root, answers(tmp_path, "a", FRI, FIRST)))
    second = _stored(score(capsys, root, answers(tmp_path, "b", "2024-05-13T10:00:00+08:00",
                                                 SECOND)))
    return root, first, second


def test_report_lists_actions_of_the_check(two: tuple[Path, str, str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root, first, second = two
    ids = {a["item"]: a["id"] for a in listing(capsys, root, "--status", "all")}
    code, out, err = cli(capsys, "report", first)
    assert code == 0, err
    assert (f"- **Opened by this check**: {ids['atm-working']} (atm-working), "
            f"{ids['tidy']} (tidy)") in out or (
            f"- **Opened by this check**: {ids['tidy']} (tidy), "
            f"{ids['atm-working']} (atm-working)") in out
    code, out, _ = cli(capsys, "report", second)
    assert f"- **Opened by this check**: {ids['no-misleading']} (no-misleading)" in out
    assert f"- **Still open**: {ids['atm-working']} (atm-working)" in out
    assert f"- **Closed (verified) by this check**: {ids['tidy']} (tidy)" in out
    code, out, _ = cli(capsys, "report", second, "-f", "html")
    assert code == 0 and "<h2>Actions</h2>" in out
    assert out.index("<h2>Actions</h2>") < out.index("</body>")
    code, out, _ = cli(capsys, "report", second, "-f", "json")
    assert "Opened by this check" not in out  # machine formats stay the result itself


def test_diff_shows_what_the_newer_check_did(two: tuple[Path, str, str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root, first, second = two
    ids = {a["item"]: a["id"] for a in listing(capsys, root, "--status", "all")}
    code, out, err = cli(capsys, "diff", first, second)
    assert code == 0, err
    assert f"  Closed (verified) by this check: {ids['tidy']} (tidy)" in out
    assert f"  Opened by this check: {ids['no-misleading']} (no-misleading)" in out
    code, out, _ = cli(capsys, "diff", "--branch", "SH-001", "--results-dir", str(root),
                       "-f", "md")
    assert f"- **Still open**: {ids['atm-working']} (atm-working)" in out


def test_results_count_open_actions(two: tuple[Path, str, str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    root, first, second = two
    code, out, _ = cli(capsys, "results", "--results-dir", str(root), "-f", "json")
    assert code == 0
    rows = {Path(r["path"]).name: r["open_actions"] for r in json.loads(out)}
    # the machines (still failing) and the new red line are open, both last seen in the
    # second check; the first check's tidy action was closed by the second
    assert rows == {Path(second).name: 2, Path(first).name: 0}
    code, out, _ = cli(capsys, "results", "--results-dir", str(root))
    assert code == 0
    assert "Open actions" in out.splitlines()[0]


def test_approve_records_the_approver(two: tuple[Path, str, str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _root, first, second = two
    before = Path(second).read_bytes()
    code, _, err = cli(capsys, "approve", second, "--approver", "张行长", "--note", "=同意")
    assert code == 0 and "Approval recorded: 张行长" in err
    assert Path(second).read_bytes() == before  # the result is never rewritten
    code, out, _ = cli(capsys, "report", second)
    assert "- **Approved by**: 张行长 (" in out and "): =同意" in out
    code, out, _ = cli(capsys, "report", first)
    assert "Approved by" not in out
    code, out, _ = cli(capsys, "report", second, "-f", "html")
    assert "张行长" in out


def test_approve_refuses_a_tampered_result(two: tuple[Path, str, str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _root, _first, second = two
    text = Path(second).read_text(encoding="utf-8")
    Path(second).write_text(text.replace("complete: true", "complete: false"),
                            encoding="utf-8")
    code, out, err = cli(capsys, "approve", second, "--approver", "x")
    assert code == 2 and out == "" and "Approval recorded" not in err


def test_tampered_log_is_reported_and_never_written(two: tuple[Path, str, str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root, _, second = two
    log = root / "SH-001" / "actions.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].replace("纸屑未清".encode(), "已清理".encode())  # a forged problem text
    log.write_bytes(b"".join(lines))
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json")
    assert code == 0
    assert f"{log}:1:1: error: event 1 was changed after it was written" in err
    assert "已清理" not in out  # the forged event is left out
    ident = json.loads(out)[0]["id"]
    code, _, err = cli(capsys, "actions", "comment", ident, "-m", "x", "--results-dir",
                       str(root))
    assert code == 2 and "tampered" in err
    assert log.read_bytes() == b"".join(lines)
    code, _, err = cli(capsys, "approve", second, "--approver", "x")  # writes the log too
    assert code == 2 and "tampered" in err
    # storing a new result still works; the actions are left alone, with a warning
    code, _, err = cli(capsys, "score", CHECKLIST, "-a", str(Path(second).parents[3] / "a.json"),
                       "--results-dir", str(root))
    assert code == 0 and "Warning: result stored, but actions not updated" in err
    assert log.read_bytes() == b"".join(lines)


def test_hostile_approver_in_reports(two: tuple[Path, str, str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _, _, second = two
    evil = "\x1b]0;x\x07<script>alert(1)</script>|*"
    assert cli(capsys, "approve", second, "--approver", evil, "--note", evil)[0] == 0
    for fmt in ("md", "html"):
        code, out, _ = cli(capsys, "report", second, "-f", fmt)
        assert code == 0 and "<script>" not in out and "\x1b" not in out and "\x07" not in out
    code, out, _ = cli(capsys, "diff", "--branch", "SH-001", "--results-dir",
                       str(Path(second).parents[2]))
    assert "\x1b" not in out and "Approved by" in out
