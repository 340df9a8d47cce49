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

from tests.actions_helpers import cli, listing, run_at_once
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


def _bytes(root: Path) -> tuple[bytes, bytes]:
    """The outlet's register and action log, as stored."""
    outlet = root / "SH-001"
    return (outlet / "complaints.jsonl").read_bytes(), (outlet / "actions.jsonl").read_bytes()


def _all(capsys: pytest.CaptureFixture[str], root: Path) -> dict[str, dict[str, object]]:
    return {r["id"]: r for r in listing(capsys, root, "--status", "all")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_second_action_waits_for_the_first_to_be_verified(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    root = tmp_path / "results"
    case = _case(capsys, root)
    first = ok(capsys, root, "action", case, "--cause", CAUSE,
               "--at", "2025-09-30T16:00+08:00").strip()  # due 2025-10-14 (see above)
    # the same case again while the first action is open, then while it is fixed but not
    # yet verified (已整改待复查): refused, exit 2, nothing written anywhere
    for status_zh, status_en in (("待整改", "open"), ("已整改待复查", "fixed")):
        before = _bytes(root)
        code, out, err = run(capsys, root, "action", case, "--cause", "叫号机未提示等候时间",
                             "--at", "2025-10-09T10:00+08:00", "--lang", lang)
        assert (code, out) == (2, "")
        assert _bytes(root) == before
        if lang == "zh":
            assert f"SH-001/actions.jsonl：投诉 {case} 已有由 complaints action 开立、" \
                   f"尚未复查销号的溯源整改项 {first}（{status_zh}，2025-10-14 到期，" \
                   "2025-09-30 溯源）；未作任何记录" in err
            assert f"actions fix {first}" in err and f"actions verify {first}" in err
        else:
            assert f"SH-001/actions.jsonl: complaint {case} already has a root-cause action " \
                   f"opened by 'complaints action' and not yet verified: {first} " \
                   f"({status_en}, due 2025-10-14, cause found 2025-09-30); nothing was recorded" \
                   in err
            assert f"'actions fix {first}'" in err and f"'actions verify {first}'" in err
        assert "--again" in err and "Traceback" not in err
        if status_en == "open":
            code, _, err = cli(capsys, "actions", "fix", first, "--note", "已培训柜员",
                               "--by", "李明", "--results-dir", str(root))
            assert code == 0, err
    code, _, err = cli(capsys, "actions", "verify", first, "--note", "抽查三笔业务",
                       "--by", "张主任", "--results-dir", str(root))
    assert code == 0, err
    verified_on = str(_all(capsys, root)[first]["verified_at"])[:10]
    # verified (已复查销号), then the cause came back on Mon 10-20: a recurrence, allowed.
    # Due 5 working days after Mon 10-20: Tue 10-21 (1), Wed 10-22 (2), Thu 10-23 (3),
    # Fri 10-24 (4), (Sat 10-25, Sun 10-26 rest days) Mon 10-27 (5) -> 2025-10-27
    code, out, err = run(capsys, root, "action", case, "--cause", CAUSE,
                         "--at", "2025-10-20T10:00+08:00", "--lang", lang)
    assert code == 0, err
    second = out.strip()
    assert second.startswith("A-") and second != first
    assert (f"已开立溯源整改项 {second}，接续 {first}" if lang == "zh"
            else f"opened the root-cause action {second}, after {first}") in err
    actions = _all(capsys, root)
    assert sorted(actions) == sorted([first, second])
    row = actions[second]
    assert (row["status"], row["due"], row["previous"]) == ("open", "2025-10-27", first)
    assert row["text"] == {
        "zh": f"投诉 {case} 溯源整改（复发：前次整改项 {first} 已于 {verified_on} "
              f"复查销号）：{CAUSE}",
        "en": f"Root cause of complaint {case} (recurred: the earlier action {first} was "
              f"verified on {verified_on}): {CAUSE}"}
    assert rows(capsys, root)[case]["actions"] == [first, second]


def test_again_opens_a_second_cause_beside_an_open_action(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "results"
    case = _case(capsys, root)
    first = ok(capsys, root, "action", case, "--cause", CAUSE,
               "--at", "2025-09-30T16:00+08:00").strip()
    other = "叫号机未提示等候时间"
    second = ok(capsys, root, "action", case, "--cause", other, "--again",
                "--at", "2025-09-30T17:00+08:00").strip()
    actions = _all(capsys, root)
    # both open, both due 2025-10-14 (found the same day)
    assert [(a["status"], a["due"]) for a in actions.values()] == [("open", "2025-10-14")] * 2
    assert actions[second]["text"] == {
        "zh": f"投诉 {case} 溯源整改（另一项根源；{first} 尚未销号）：{other}",
        "en": f"Root cause of complaint {case} (another cause; {first} not yet verified): "
              f"{other}"}
    assert actions[second]["previous"] == first
    # a third without --again is refused, naming both
    code, _, err = run(capsys, root, "action", case, "--cause", "x", "--lang", "en")
    assert code == 2 and f"{first} (open" in err and f"{second} (open" in err


def _racer(root: Path, case: str, n: int) -> None:
    from branchcheck.cli import run as main

    code = main(["complaints", "action", case, "--cause", f"cause {n}",
                 "--at", "2025-09-30T16:00+08:00", "--results-dir", str(root)])
    (root / f"code-{n}").write_text(str(code), "utf-8")


def test_two_at_once_open_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "results"
    case = _case(capsys, root)
    run_at_once(_racer, [(root, case, n) for n in range(2)])
    codes = sorted((root / f"code-{n}").read_text("utf-8") for n in range(2))
    assert codes == ["0", "2"]
    assert len(_all(capsys, root)) == 1
