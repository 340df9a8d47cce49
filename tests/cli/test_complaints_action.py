"""``complaints action``: a complaint whose root cause is a service failure opens a
corrective action (整改) in the outlet's action log, linked both ways; due dates
hand-computed on the 2025 National Day calendar.

2025 (State Council notice): 10-01 (Wed) to 10-08 (Wed) are holidays; Sunday 09-28 and
Saturday 10-11 are working days (调休).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.actions_helpers import cli, listing
from tests.cli.test_complaints import _env, new, ok, rows, run

__all__ = ["_env"]  # the environment fixture of the complaint tests (autouse)

CAUSE = "柜员未告知手续费标准"


def _case(capsys: pytest.CaptureFixture[str], root: Path) -> str:
    case = new(capsys, root, "2025-09-30T11:00:00+08:00", 2, "counter", "--category", "fees")
    ok(capsys, root, "step", case, "accept", "--at", "2025-09-30T11:30+08:00")
    return case


def _action(capsys: pytest.CaptureFixture[str], root: Path, action_id: str,
            lang: str) -> str:
    code, out, err = cli(capsys, "actions", "show", action_id, "--results-dir", str(root),
                         "--lang", lang)
    assert code == 0, err
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_service_failure_opens_a_linked_corrective_action(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str) -> None:
    root = tmp_path / "results"
    case = _case(capsys, root)
    # the root cause is found on Tue 09-30; due 5 working days later (rules' default
    # root_cause.within_workdays): 10-01..10-08 are holidays, so Thu 10-09 (1), Fri 10-10
    # (2), Sat 10-11 调休 (3), Mon 10-13 (4), Tue 10-14 (5) -> 2025-10-14
    code, out, err = run(capsys, root, "action", case, "--cause", CAUSE,
                         "--at", "2025-09-30T16:00+08:00", "--lang", lang)
    assert code == 0, err
    action_id = out.strip()
    assert action_id.startswith("A-") and action_id in err
    assert ("已开立溯源整改项" if lang == "zh" else "opened the root-cause action") in err
    # the action names the complaint: checklist 'complaints', item = the case, and the
    # register's path with the hash of the case's first event
    (row,) = listing(capsys, root)
    assert (row["id"], row["checklist"], row["item"]) == (action_id, "complaints", case)
    assert (row["due"], row["overdue"], row["owner_role"]) == ("2025-10-14", False, "网点负责人")
    assert row["problem"] == CAUSE and row["status"] == "open"
    first = json.loads((root / "SH-001" / "complaints.jsonl").read_text("utf-8").splitlines()[0])
    assert row["result"] == {"path": "SH-001/complaints.jsonl", "sha256": first["hash"],
                             "finished": "2025-09-30T16:00+08:00"}
    shown = _action(capsys, root, action_id, lang)
    assert (f"投诉 {case} 溯源整改：{CAUSE}" if lang == "zh"
            else f"Root cause of complaint {case}: {CAUSE}") in shown
    assert "2025-10-14" in shown
    # the complaint names the action
    assert rows(capsys, root)[case]["actions"] == [action_id]
    text = ok(capsys, root, "show", case, "--lang", lang)
    assert (f"开立溯源整改项 {action_id}: {CAUSE}" if lang == "zh"
            else f"opened the root-cause action {action_id}: {CAUSE}") in text
    # three days later it is overdue: Fri 10-17 is the 3rd working day after 10-14
    # (10-15, 10-16, 10-17)
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2025-10-17")
    (late,) = listing(capsys, root)
    assert (late["overdue"], late["days_overdue"]) == (True, 3)
    assert ("逾期 3 个工作日" if lang == "zh" else "overdue by 3 working days") in _action(
        capsys, root, action_id, lang)


def test_the_days_are_a_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "results"
    case = _case(capsys, root)
    bundled = Path(__file__).resolve().parents[2] / "branchcheck" / "complaints" / "rules.yaml"
    rules = tmp_path / "rules.yaml"
    rules.write_text(bundled.read_text("utf-8").replace("within_workdays: 5",
                                                        "within_workdays: 2"), "utf-8")
    # 2 working days after Tue 09-30: Thu 10-09 (1), Fri 10-10 (2) -> 2025-10-10
    ok(capsys, root, "action", case, "--cause", CAUSE, "--at", "2025-09-30T16:00+08:00",
       "--rules", str(rules))
    assert listing(capsys, root)[0]["due"] == "2025-10-10"


def test_refused_before_acceptance_or_without_a_cause_and_on_a_tampered_register(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "results"
    case = new(capsys, root, "2025-09-30T11:00:00+08:00", 2)
    code, _, err = run(capsys, root, "action", case, "--cause", CAUSE, "--lang", "zh")
    assert code == 2 and "尚未受理" in err
    ok(capsys, root, "step", case, "accept", "--at", "2025-09-30T11:30+08:00")
    code, _, err = run(capsys, root, "action", case)
    assert code == 2 and "--cause" in err
    assert not (root / "SH-001" / "actions.jsonl").exists()  # nothing opened
    # an edited register: reported, never written to, and no action opened
    log = root / "SH-001" / "complaints.jsonl"
    log.write_bytes(log.read_bytes().replace(b"2025-09-30T11:30+08:00",
                                             b"2025-09-30T11:31+08:00"))
    before = log.read_bytes()
    code, _, err = run(capsys, root, "action", case, "--cause", CAUSE, "--branch", "SH-001")
    assert code != 0 and "changed after it was written" in err
    assert log.read_bytes() == before and not (root / "SH-001" / "actions.jsonl").exists()
