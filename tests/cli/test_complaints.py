"""``branchcheck complaints`` end to end: a register across the 2025 National Day holiday
and its 调休 working weekend days, with an extension, an escalation, a referral, an
overdue case and one reopened after a failed follow-up call; deadlines hand-computed.

The 2025 calendar (State Council notice): 10-01 (Wed) to 10-08 (Wed) are holidays;
Sunday 09-28 and Saturday 10-11 are working days (调休). Today is Monday 2025-10-13.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.actions_helpers import cli

TODAY = "2025-10-13"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.delenv("BRANCHCHECK_COMPLAINT_RULES", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", TODAY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    """The CLI with ``--results-dir root`` added after the subcommand."""
    return cli(capsys, "complaints", *args, "--results-dir", str(root))


def ok(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    code, out, err = run(capsys, root, *args)
    assert code == 0, err
    return out


def new(capsys: pytest.CaptureFixture[str], root: Path, received: str, promise: int,
        channel: str = "counter", *extra: str) -> str:
    out = ok(capsys, root, "new", "--branch", "SH-001", "--channel", channel, "--received",
             received, "--promise-days", str(promise), *extra)
    case_id = out.strip()
    assert case_id.startswith("C-") and len(case_id) == 10
    return case_id


def rows(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> dict[str, Any]:
    out = ok(capsys, root, "list", "-f", "json", *extra)
    return {r["id"]: r for r in json.loads(out)}


@pytest.fixture
def register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, str]]:
    """Four cases of outlet SH-001 (see each comment for the hand computation)."""
    root = tmp_path / "results"
    ids: dict[str, str] = {}
    # A: Friday 09-26, promise 3 working days: 09-28 (Sunday, 调休 working day) is the
    # 1st, Mon 09-29 the 2nd, Tue 09-30 the 3rd -> reply due 09-30. Decision: 15
    # calendar days after 09-26 = 10-11, a Saturday that is a working day -> 10-11.
    ids["A"] = a = new(capsys, root, "2025-09-26T15:00:00+08:00", 3, "counter",
                       "--category", "wrong-information", "--customer-ref", "CIF-001",
                       "--customer-name", "张三", "--customer-contact", "13800000000",
                       "--about", "李四", "--asks", "道歉并说明营业时间")
    ok(capsys, root, "step", a, "accept", "--handler", "王芳", "--at", "2025-09-26T15:10+08:00")
    ok(capsys, root, "step", a, "judge", "--at", "2025-09-26T16:00+08:00", "-m", "客户不满")
    ok(capsys, root, "step", a, "decide", "--at", "2025-09-28T10:00+08:00", "-m", "当面致歉")
    ok(capsys, root, "step", a, "communicate", "--at", "2025-09-29T10:00+08:00")
    ok(capsys, root, "close", a, "--at", "2025-09-30T10:00+08:00", "--result", "客户接受")
    # the follow-up call fails on Fri 10-10: reopened, new promise of 3 working days
    # (rules' reopen_days): Sat 10-11 (调休) 1st, Mon 10-13 2nd, Tue 10-14 3rd -> 10-14
    ok(capsys, root, "step", a, "follow-up", "--outcome", "unsatisfied",
       "--at", "2025-10-10T09:00+08:00")
    # B: Tuesday 09-30, promise 2: 10-01..10-08 are holidays, Thu 10-09 1st, Fri 10-10 2nd
    # -> 10-10. Decision 09-30 + 15 = 10-15 (Wed); one extension (+15) -> 10-30 (Thu).
    ids["B"] = b = new(capsys, root, "2025-09-30T11:00:00+08:00", 2, "hotline",
                       "--category", "fees")
    ok(capsys, root, "step", b, "accept", "--at", "2025-09-30T11:30+08:00")
    ok(capsys, root, "step", b, "communicate", "--at", "2025-10-09T10:00+08:00")
    ok(capsys, root, "extend", b, "--reason", "需调取录像", "--approver", "分行投诉负责人",
       "--at", "2025-10-09T11:00+08:00")
    # C: Saturday 09-20 (letter), promise 5: Mon 09-22 1st ... Fri 09-26 5th -> 09-26.
    # Decision 09-20 + 15 = Sun 10-05, inside the holiday: the next working day is Thu
    # 10-09 -> 10-09. Nothing recorded after the escalation: on 10-13 the reply is 17
    # days late (09-26 -> 10-13) and the decision 4 days late (10-09 -> 10-13).
    ids["C"] = c = new(capsys, root, "2025-09-20T09:00:00+08:00", 5, "letter")
    ok(capsys, root, "step", c, "accept", "--at", "2025-09-22T09:00+08:00")
    ok(capsys, root, "escalate", c, "--to", "sub-branch", "--unit", "SH-PD", "--reason",
       "客户要求支行处理", "--at", "2025-09-29T09:00+08:00")
    # D: a regulator referral on Thu 10-09, promise 1 -> Fri 10-10; decision
    # 10-09 + 15 = Fri 10-24.
    ids["D"] = d = new(capsys, root, "2025-10-09T09:00:00+08:00", 1, "regulator")
    ok(capsys, root, "escalate", d, "--referral", "国家金融监督管理总局转送",
       "--at", "2025-10-09T09:05+08:00")
    ok(capsys, root, "step", d, "accept", "--at", "2025-10-09T09:10+08:00")
    ok(capsys, root, "step", d, "communicate", "--at", "2025-10-10T17:00+08:00")
    return root, ids


def test_deadlines_states_and_overdue(register: tuple[Path, dict[str, str]],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root, ids = register
    got = rows(capsys, root, "--status", "all")
    a, b, c, d = (got[ids[k]] for k in "ABCD")
    assert (a["reply_due"], a["decision_due"]) == ("2025-10-14", "2025-10-11")
    assert a["status"] == "reopened" and a["reopened"] == 1 and a["overdue"] is False
    assert a["decision_on_time"] is True and a["decision_told"].startswith("2025-09-29")
    assert (b["reply_due"], b["decision_due"]) == ("2025-10-10", "2025-10-30")
    assert b["reply_on_time"] is True and b["extensions"] == 1 and b["status"] == "handling"
    assert (c["reply_due"], c["decision_due"]) == ("2025-09-26", "2025-10-09")
    assert c["overdue"] is True
    assert (c["reply_days_overdue"], c["decision_days_overdue"]) == (17, 4)
    assert c["escalations"] == 1 and c["status"] == "accepted"
    assert (d["reply_due"], d["decision_due"]) == ("2025-10-10", "2025-10-24")
    assert d["reply_on_time"] is True and d["escalations"] == 1
    assert list(rows(capsys, root, "--status", "overdue")) == [ids["C"]]
    assert set(rows(capsys, root)) == set(ids.values())  # all four are open
    # no personal data in a list
    assert "张三" not in json.dumps(got, ensure_ascii=False)
    assert "13800000000" not in json.dumps(got, ensure_ascii=False)


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"A": ("重新处理", "2025-10-14"), "B": ("处理中", "2025-10-30"),
            "C": ("已受理", "2025-09-26（逾期 17 天）"), "D": ("处理中", "2025-10-24"),
            "total": "共 4 件，逾期 1 件（截至 2025-10-13）",
            "ext": "延期 15 天至 2025-10-30，原因：需调取录像，审批人：分行投诉负责人",
            "esc": "升级 支行 SH-PD", "ref": "升级 外部转办：国家金融监督管理总局转送",
            "reopen": "跟踪（回访）（不满意）",
            "A-reply": "承诺答复日: 2025-10-14（收到后 3 个工作日）"}),
    ("en", {"A": ("reopened", "2025-10-14"), "B": ("handling", "2025-10-30"),
            "C": ("accepted", "2025-09-26 (overdue 17 d)"), "D": ("handling", "2025-10-24"),
            "total": "4 complaints, 1 overdue (as of 2025-10-13)",
            "ext": "extended by 15 days to 2025-10-30; reason: 需调取录像; "
                   "approved by 分行投诉负责人",
            "esc": "escalated sub-branch SH-PD",
            "ref": "escalated referred by 国家金融监督管理总局转送",
            "reopen": "follow up (call back) (unsatisfied)",
            "A-reply": "reply due: 2025-10-14 (3 working days after receipt)"}),
])
def test_the_register_in_zh_and_en(register: tuple[Path, dict[str, str]],
                                   capsys: pytest.CaptureFixture[str], lang: str,
                                   words: dict[str, Any]) -> None:
    """The same hand-computed figures as above, as people read them (see the fixture's
    comments): reply, decision and next due per case, C overdue by 17 days, A reopened
    with a new promise, B's extension, C's escalation, D's referral."""
    root, ids = register
    out = ok(capsys, root, "list", "--status", "all", "--lang", lang)
    cells = {line[:10]: re.split(r"\s{2,}", line) for line in out.splitlines()
             if line.startswith("C-")}
    dues = {"A": ("2025-10-14", "2025-10-11"), "B": ("2025-10-10", "2025-10-30"),
            "C": ("2025-09-26", "2025-10-09"), "D": ("2025-10-10", "2025-10-24")}
    for key in "ABCD":  # status, then reply due, decision due, next due
        status, next_due = words[key]
        row = cells[ids[key]]
        assert (row[2], *row[6:9]) == (status, *dues[key], next_due), row
    assert list(cells) == [ids["C"], ids["A"], ids["B"], ids["D"]]  # oldest first
    assert words["total"] in out
    shown = {k: ok(capsys, root, "show", ids[k], "--lang", lang) for k in "ABCD"}
    assert words["A-reply"] in shown["A"] and words["reopen"] in shown["A"]
    assert words["ext"] in shown["B"] and words["esc"] in shown["C"]
    assert words["ref"] in shown["D"]


def test_fail_on_overdue_for_a_scheduled_job(register: tuple[Path, dict[str, str]],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root, ids = register
    code, out, _ = run(capsys, root, "list", "--status", "overdue", "--fail-on-overdue",
                       "--lang", "zh")
    assert code == 1
    assert ids["C"] in out and "逾期 17 天" in out
    assert "共 1 件，逾期 1 件（截至 2025-10-13）" in out
    code, _, _ = run(capsys, root, "list", "--branch", "SH-002", "--fail-on-overdue")
    assert code == 0


def test_soon_due(register: tuple[Path, dict[str, str]],
                  capsys: pytest.CaptureFixture[str]) -> None:
    root, ids = register
    # today Mon 10-13; soon = next deadline within 2 working days: A's reply 10-14 (1
    # working day ahead) is soon; D's decision 10-24 and B's 10-30 are not; C is overdue.
    assert list(rows(capsys, root, "--status", "soon")) == [ids["A"]]


def test_handler_who_is_the_subject_is_refused(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    case = new(capsys, root, "2025-10-09T09:00:00+08:00", 3, "counter", "--about", "李四")
    code, _, err = run(capsys, root, "step", case, "accept", "--handler", "李四", "--lang", "zh")
    assert code == 2 and "李四 是被投诉人" in err
    code, _, err = run(capsys, root, "step", case, "accept", "--by", "李四")
    assert code == 2 and "subject of this complaint" in err
    ok(capsys, root, "step", case, "accept", "--handler", "王芳")
    code, _, err = run(capsys, root, "escalate", case, "--to", "branch", "--handler", "李四")
    assert code == 2


def test_show_hides_personal_data_unless_asked(register: tuple[Path, dict[str, str]],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root, ids = register
    out = ok(capsys, root, "show", ids["A"], "--lang", "zh")
    assert "张三" not in out and "已登记，未显示" in out
    assert "跟踪（回访）（不满意）" in out and "告知信息错误" in out
    out = ok(capsys, root, "show", ids["A"], "--personal", "-f", "json")
    assert json.loads(out)["personal"] == {"customer_name": "张三",
                                           "customer_contact": "13800000000"}
    md = ok(capsys, root, "register", "--branch", "SH-001", "--lang", "zh")
    assert "投诉台账" in md and "张三" not in md and "重新处理" in md
    md = ok(capsys, root, "register", "--branch", "SH-001", "--personal")
    assert "张三" in md


def test_register_formats_escape_hostile_text(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    new(capsys, root, "2025-10-09T09:00:00+08:00", 3, "counter",
        "--asks", "=HYPERLINK(\"x\")<script>|\x1b[31m")
    html = ok(capsys, root, "register", "--branch", "SH-001", "-f", "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    csv = ok(capsys, root, "register", "--branch", "SH-001", "-f", "csv")
    assert "'=HYPERLINK" in csv and "\x1b" not in csv and "|\\x1b[31m" in csv
    text = ok(capsys, root, "list")
    assert "\x1b" not in text
    # a CSV printed on a terminal runs no escape sequence (a handler's name)
    case = new(capsys, root, "2025-10-09T10:00:00+08:00", 3)
    ok(capsys, root, "step", case, "accept", "--handler", "王\x1b]0;owned\x07芳",
       "--at", "2025-10-09T10:05+08:00")
    listed = ok(capsys, root, "list", "-f", "csv")
    assert "\x1b" not in listed and "\x07" not in listed and "王\\x1b]0;owned\\x07芳" in listed


def test_steps_in_order_and_close_needs_a_told_decision(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    case = new(capsys, root, "2025-10-09T09:00:00+08:00", 3)
    code, _, err = run(capsys, root, "step", case, "judge")
    assert code == 2 and "accept" in err
    ok(capsys, root, "step", case, "accept", "--at", "2025-10-09T09:30+08:00")
    code, _, err = run(capsys, root, "step", case, "judge", "--at", "2025-10-08T09:00+08:00")
    assert code == 2 and "before" in err
    code, _, err = run(capsys, root, "close", case)
    assert code == 2 and "decision" in err
    ok(capsys, root, "step", case, "decide", "-m", "退还手续费", "--at", "2025-10-10T09:00+08:00")
    ok(capsys, root, "step", case, "communicate", "--at", "2025-10-10T10:00+08:00")
    ok(capsys, root, "close", case, "--at", "2025-10-10T11:00+08:00")
    assert rows(capsys, root, "--status", "closed")[case]["closed"].startswith("2025-10-10")
    code, _, _ = run(capsys, root, "extend", case, "--reason", "x", "--approver", "y")
    assert code == 2  # nothing to extend once told


def test_extensions_run_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    # received Thu 10-09: 15 days -> Fri 10-24; +15 -> Sat 11-08, not a working day -> Mon
    # 11-10; +30 more (60 in all) -> Mon 12-08. A third extension is refused.
    case = new(capsys, root, "2025-10-09T09:00:00+08:00", 3)
    got = []
    for _ in range(2):
        ok(capsys, root, "extend", case, "--reason", "复杂", "--approver", "行长")
        got.append(rows(capsys, root)[case]["decision_due"])
    assert got == ["2025-11-10", "2025-12-08"]
    code, _, err = run(capsys, root, "extend", case, "--reason", "复杂", "--approver", "行长")
    assert code == 2 and "2" in err


def test_bad_input_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    for args in (("--channel", "fax"), ("--received", "2025-10-09"),
                 ("--category", "nope"), ("--promise-days", "-1")):
        base = {"--channel": "counter", "--received": "2025-10-09T09:00+08:00",
                "--promise-days": "3"}
        base.update(dict([args]))
        flat = [x for kv in base.items() for x in kv]
        code, out, err = run(capsys, root, "new", "--branch", "SH-001", *flat)
        assert code == 2 and out == "" and "Traceback" not in err, args
    code, _, _ = run(capsys, root, "show", "C-00000000")
    assert code != 0


def test_review_prefills_the_complaint_handling_checklist(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    # promise 1 working day from Thu 10-09 -> Fri 10-10; the first reply comes on Mon
    # 10-13: the follow-up item fails, naming both days
    case = new(capsys, root, "2025-10-09T09:00:00+08:00", 1, "counter",
               "--summary", "告知错误的营业时间", "--asks", "道歉")
    for step, day in (("accept", "09"), ("judge", "09"), ("decide", "13"),
                      ("communicate", "13")):
        ok(capsys, root, "step", case, step, "-m", "记录", "--at", f"2025-10-{day}T10:00+08:00")
    code, _, err = run(capsys, root, "review", case)
    assert code == 2 and "not closed" in err
    ok(capsys, root, "close", case, "--at", "2025-10-13T11:00+08:00")
    ok(capsys, root, "step", case, "follow-up", "--outcome", "satisfied",
       "--at", "2025-10-13T16:00+08:00")
    out = ok(capsys, root, "review", case, "--lang", "zh", "--reviewer", "赵主管")
    assert out.startswith(f"# 投诉 {case}（SH-001）的处理评估")
    doc = json.loads(out[out.index("{"):])
    answers = doc["answers"]
    assert doc["checklist"] == "complaint-handling" and doc["reviewer"] == "赵主管"
    assert answers["follow-up"] == {"value": "fail",
                                    "note": "承诺 2025-10-10 前答复，实际 2025-10-13 才联系客户"}
    assert answers["judge"]["value"] == "pass" and "confirm" not in answers
    assert answers["final-outcome"] == "won-back"
    assert answers["complaint-recorded"]["value"] == "pass"
    path = tmp_path / "answers.yaml"
    path.write_text(out, encoding="utf-8")
    code, _, err = cli(capsys, "score", "complaint-handling", "-a", str(path),
                       "--results-dir", str(tmp_path / "scored"))
    assert code in (0, 1), err  # scored (incomplete: the reviewer answers the rest)


def test_calendar_file_and_uncovered_year(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    # a local holiday on Fri 10-10: received Thu 10-09, promise 2 -> Sat 10-11 (调休) is
    # the 1st working day, Mon 10-13 the 2nd
    cal = tmp_path / "cal.yaml"
    cal.write_text("holidays: [2025-10-10]\nworkdays: []\n", encoding="utf-8")
    out = ok(capsys, root, "new", "--branch", "SH-001", "--channel", "counter", "--received",
             "2025-10-09T09:00:00+08:00", "--promise-days", "2", "--calendar", str(cal))
    assert rows(capsys, root)[out.strip()]["reply_due"] == "2025-10-13"
    # a year no calendar covers: counted Monday to Friday, with a warning
    code, _, err = run(capsys, root, "new", "--branch", "SH-001", "--channel", "counter",
                       "--received", "2099-03-02T09:00:00+08:00", "--promise-days", "1")
    assert code == 0 and "2099" in err and "Monday to Friday" in err


def test_escalation_along_the_directory_and_a_linked_action(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.actions_helpers import answers, listing, score

    root = tmp_path / "r"
    case = new(capsys, root, "2025-10-09T09:00:00+08:00", 3)
    org = Path(__file__).resolve().parents[2] / "branchcheck" / "network" / "data" \
        / "sample-org.yaml"
    ok(capsys, root, "escalate", case, "--to", "branch", "--org", str(org), "--reason", "x")
    data = json.loads(ok(capsys, root, "show", case, "-f", "json"))
    assert data["escalation_list"][0]["unit"] == "SH" and data["escalations"] == 1
    code, _, err = run(capsys, root, "escalate", case, "--to", "region", "--reason", "x")
    assert code == 2
    # the root cause: a corrective action of the same outlet
    score(capsys, root, answers(tmp_path, "a", "2025-10-09T10:00:00+08:00",
                                {"tidy": "fail"}))
    action = listing(capsys, root)[0]["id"]
    ok(capsys, root, "link", case, action, "-m", "大堂公告未更新")
    assert rows(capsys, root)[case]["actions"] == [action]
    code, _, err = run(capsys, root, "link", case, "A-00000000")
    assert code != 0 and "A-00000000" in err


def test_rules_are_data_with_located_errors(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    rules = tmp_path / "rules.yaml"
    bundled = Path(__file__).resolve().parents[2] / "branchcheck" / "complaints" / "rules.yaml"
    # the department counts the decision limit in working days: received Thu 10-09, the
    # 15th working day after it: 10-10 (1), Sat 10-11 调休 (2), 10-13..17 (3-7),
    # 10-20..24 (8-12), 10-27 (13), 10-28 (14), Wed 10-29 (15)
    text = bundled.read_text(encoding="utf-8").replace("count: calendar", "count: workdays")
    rules.write_text(text, encoding="utf-8")
    out = ok(capsys, root, "new", "--branch", "SH-001", "--channel", "counter", "--received",
             "2025-10-09T09:00:00+08:00", "--promise-days", "1", "--rules", str(rules))
    assert rows(capsys, root)[out.strip()]["decision_due"] == "2025-10-29"
    rules.write_text(text.replace("days: 15", "days: fifteen"), encoding="utf-8")
    code, _, err = run(capsys, root, "new", "--branch", "SH-001", "--channel", "counter",
                       "--received", "2025-10-09T09:00:00+08:00", "--promise-days", "1",
                       "--rules", str(rules))
    assert code == 2 and f"{rules}:" in err and "whole number" in err


def test_a_register_copied_under_another_outlet_is_said_on_listing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SH-001's register copied into SH-002's folder: the listing of SH-002 still shows
    the case (its outlet column says SH-001) and warns on stderr, naming the file, in the
    UI language; the JSON on stdout stays data only. The network ingest rejects such a
    register with the same words."""
    import shutil

    case = new(capsys, tmp_path, "2025-10-09T09:00+08:00", 3)
    shutil.copytree(tmp_path / "SH-001", tmp_path / "SH-002")
    for lang, words in (("zh", "警告：{}：存放在 SH-002 下，但含有网点 SH-001 的投诉"),
                        ("en", "Warning: {}: stored under SH-002 but holds complaints of "
                               "outlet SH-001")):
        code, out, err = run(capsys, tmp_path, "list", "--branch", "SH-002", "-f", "json",
                             "--lang", lang)
        assert code == 0 and [r["id"] for r in json.loads(out)] == [case]
        assert words.format(tmp_path / "SH-002" / "complaints.jsonl") in err
    code, _, err = run(capsys, tmp_path, "list", "--branch", "SH-001")
    assert code == 0 and "SH-002" not in err and "stored under" not in err


def test_who_records_is_never_made_up(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --by, $BRANCHCHECK_REVIEWER or $USER (and no terminal to ask on) a new
    case is refused, as for actions, instead of being recorded by "unknown"; nothing is
    written. $BRANCHCHECK_REVIEWER names the person as for actions."""
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.delenv("BRANCHCHECK_REVIEWER", raising=False)
    for lang, words in (("zh", "不知道是谁在操作：请用 --by 姓名"),
                        ("en", "who is doing this? give --by NAME")):
        code, out, err = run(capsys, tmp_path, "new", "--branch", "SH-001", "--channel",
                             "counter", "--received", "2025-10-09T09:00+08:00",
                             "--promise-days", "3", "--lang", lang)
        assert code == 2 and out == "" and words in err
    assert not (tmp_path / "SH-001" / "complaints.jsonl").exists()
    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "王芳")
    case = new(capsys, tmp_path, "2025-10-09T09:00+08:00", 3)
    assert json.loads(ok(capsys, tmp_path, "show", case, "-f", "json"))["registered_by"] == "王芳"
