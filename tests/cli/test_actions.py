"""``branchcheck actions`` end to end: the life cycle through stored results, recurrence
and reopening, overdue across weekends, evidence, hostile notes in every format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from actions_helpers import JPEG, PDF, answers, by_item, cli, listing, score

FIRST = {"tidy": {"value": "fail", "note": "纸屑未清"}, "atm-working": "fail",
         "has-vip-room": "fail", "no-misleading": {"value": "fail", "note": "理财当存款"},
         "greeting": 3}
FRI = "2024-05-03T10:00:00+08:00"  # a Friday


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-03")


@pytest.fixture
def root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A results folder holding the first check (Friday 2024-05-03)."""
    r = tmp_path / "results"
    err = score(capsys, r, answers(tmp_path, "first", FRI, FIRST))
    assert "4 opened" in err
    return r


def test_opening_rules_due_dates_and_roles(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = by_item(listing(capsys, root))
    # has-vip-room failed but has weight 0 (a gate, not a problem): no action
    assert set(rows) == {"tidy", "atm-working", "no-misleading", "greeting"}
    # checklist default: 3 business days from Friday -> Wednesday
    assert rows["tidy"]["due"] == "2024-05-08"
    assert rows["tidy"]["owner_role"] == "大堂经理 / Lobby manager"
    assert rows["tidy"]["problem"] == "纸屑未清"
    # the item's own rule: 1 business day from Friday -> Monday, over the weekend
    assert rows["atm-working"]["due"] == "2024-05-06"
    assert rows["atm-working"]["owner_role"] == "运营主管 / Operations supervisor"
    assert rows["no-misleading"]["priority"] == "high"
    assert rows["no-misleading"]["evidence_required"] is True
    assert rows["greeting"]["priority"] == "normal"  # partial (3 of 1-5)
    assert all(r["status"] == "open" and r["branch"] == "SH-001" for r in rows.values())
    assert len({r["id"] for r in rows.values()}) == 4


@pytest.mark.parametrize(("today", "late"), [
    ("2024-05-04", 0), ("2024-05-05", 0), ("2024-05-06", 0),  # Sat, Sun, Mon (due day)
    # Tue; the next Monday: Tue-Fri, Sat 05-11 (a make-up working day, 调休, after the
    # 2024 Labour Day holiday) and Mon
    ("2024-05-07", 1), ("2024-05-13", 6),
])
def test_overdue_counts_business_days_only(root: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, today: str,
                                           late: int) -> None:
    monkeypatch.setenv("BRANCHCHECK_TODAY", today)
    atm = by_item(listing(capsys, root))["atm-working"]
    assert atm["days_overdue"] == late
    assert atm["overdue"] is (late > 0)
    overdue = {r["item"] for r in listing(capsys, root, "--status", "overdue")}
    assert ("atm-working" in overdue) is (late > 0)


def test_full_life_cycle(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = {k: v["id"] for k, v in by_item(listing(capsys, root)).items()}
    r = str(root)
    code, _, err = cli(capsys, "actions", "assign", ids["tidy"], "--owner", "李明",
                       "--due", "2024-05-07", "--results-dir", r)
    assert code == 0, err
    photo = tmp_path / "after.jpg"
    photo.write_bytes(JPEG)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF)
    code, _, err = cli(capsys, "actions", "fix", ids["tidy"], "--note", "已清扫",
                       "--evidence", str(photo), "--evidence", str(scan), "--results-dir", r)
    assert code == 0, err
    # red line: fixing it without evidence is refused, nothing written
    code, _, err = cli(capsys, "actions", "fix", ids["no-misleading"], "--note", "培训",
                       "--results-dir", r)
    assert code == 2 and "evidence" in err
    tidy = by_item(listing(capsys, root, "--status", "all"))["tidy"]
    assert (tidy["status"], tidy["owner"], tidy["due"]) == ("fixed", "李明", "2024-05-07")
    assert [e["ext"] for e in tidy["evidence"]] == ["jpg", "pdf"]
    stored = root / "SH-001" / "evidence" / f"{tidy['evidence'][0]['sha256']}.jpg"
    assert stored.read_bytes() == JPEG

    # the next check (Monday 13th) passes tidy, no-misleading and greeting; the red line
    # is an incident: a passing check does not close it (only a verification by hand)
    second = answers(tmp_path, "second", "2024-05-13T10:00:00+08:00", {
        "tidy": "pass", "atm-working": {"value": "fail", "note": "仍黑屏"},
        "has-vip-room": "pass", "no-misleading": "pass", "greeting": 5})
    err = score(capsys, root, second)
    assert "0 opened, 1 still open, 0 reopened, 2 verified" in err
    rows = by_item(listing(capsys, root, "--status", "all"))
    assert rows["tidy"]["status"] == "verified"
    assert rows["tidy"]["verified_how"] == "check"
    assert rows["atm-working"]["status"] == "open"
    assert rows["atm-working"]["recurrences"] == 1
    # the first finding stays the problem; the recurrence is listed with its date
    assert rows["atm-working"]["problem"] == ""
    assert rows["atm-working"]["recurrence_notes"] == [["2024-05-13", "仍黑屏"]]
    assert {r["item"] for r in listing(capsys, root)} == {"atm-working", "no-misleading"}

    # a later failure reopens the verified actions, keeping their history; the red line
    # failing again is a new incident linked to the first (屡查屡犯)
    third = answers(tmp_path, "third", "2024-05-20T10:00:00+08:00", dict(FIRST))
    err = score(capsys, root, third)
    assert "1 opened, 1 still open, 2 reopened, 0 verified" in err
    incidents = [r for r in listing(capsys, root) if r["item"] == "no-misleading"]
    assert [(r["kind"], r["repeat"]) for r in incidents] == [("incident", 0), ("incident", 1)]
    assert incidents[1]["previous"] == incidents[0]["id"]
    code, out, _ = cli(capsys, "actions", "show", ids["tidy"], "-f", "json", "--results-dir", r)
    shown = json.loads(out)
    assert shown["status"] == "reopened"
    assert [e["type"] for e in shown["events"]] == ["opened", "assigned", "fixed", "verified",
                                                     "reopened"]
    assert shown["recurrences"] == 1
    # the reopened action is due 3 business days after Monday the 20th
    assert shown["due"] == "2024-05-23"


def test_older_check_changes_nothing(root: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    older = answers(tmp_path, "older", "2024-04-26T10:00:00+08:00", {
        "tidy": "pass", "atm-working": "pass", "has-vip-room": "pass", "no-misleading": "pass",
        "greeting": 5})
    err = score(capsys, root, older)
    assert "0 opened, 0 still open, 0 reopened, 0 verified" in err


def test_verify_and_reopen_by_hand(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = {k: v["id"] for k, v in by_item(listing(capsys, root)).items()}
    r = str(root)
    assert cli(capsys, "actions", "reopen", ids["greeting"], "--results-dir", r)[0] == 2
    assert cli(capsys, "actions", "verify", ids["greeting"], "-m", "当面复查",
               "--by", "张主任", "--results-dir", r)[0] == 0
    assert cli(capsys, "actions", "verify", ids["greeting"], "--results-dir", r)[0] == 2
    row = by_item(listing(capsys, root, "--status", "verified"))["greeting"]
    assert (row["verified_by"], row["verified_how"]) == ("张主任", "hand")
    assert cli(capsys, "actions", "reopen", ids["greeting"], "-m", "again",
               "--results-dir", r)[0] == 0
    assert by_item(listing(capsys, root))["greeting"]["status"] == "reopened"


def test_unknown_and_malformed_ids(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "actions", "show", "A-00000000", "--results-dir", str(root))
    assert (code, out) == (2, "") and "no action A-00000000" in err
    code, _, err = cli(capsys, "actions", "show", "../../etc", "--results-dir", str(root))
    assert code == 2 and "not an action id" in err
    code, _, err = cli(capsys, "actions", "assign", "A-00000000", "--due", "2024-13-01",
                       "--results-dir", str(root))
    assert code == 2


def test_bad_evidence_refused(root: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    ident = by_item(listing(capsys, root))["tidy"]["id"]
    fake = tmp_path / "photo.jpg"
    fake.write_text("<html>not a photo</html>")
    link = tmp_path / "link.jpg"
    good = tmp_path / "good.jpg"
    good.write_bytes(JPEG)
    link.symlink_to(good)
    for bad in (fake, link, tmp_path / "absent.png", tmp_path):
        code, out, err = cli(capsys, "actions", "fix", ident, "-m", "x", "-e", str(bad),
                             "--results-dir", str(root))
        assert code == 2 and out == "", (bad, err)
        assert "Traceback" not in err
    assert by_item(listing(capsys, root))["tidy"]["status"] == "open"
    assert not (root / "SH-001" / "evidence").exists() or not any(
        (root / "SH-001" / "evidence").iterdir())


def test_missing_and_changed_evidence_reported(root: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    ident = by_item(listing(capsys, root))["tidy"]["id"]
    photo = tmp_path / "a.jpg"
    photo.write_bytes(JPEG)
    scan = tmp_path / "b.pdf"
    scan.write_bytes(PDF)
    assert cli(capsys, "actions", "fix", ident, "-m", "done", "-e", str(photo), "-e",
               str(scan), "--results-dir", str(root))[0] == 0
    store = root / "SH-001" / "evidence"
    jpg, pdf = sorted(store.glob("*.jpg")), sorted(store.glob("*.pdf"))
    jpg[0].unlink()
    pdf[0].write_bytes(PDF + b"edited")
    code, out, err = cli(capsys, "actions", "show", ident, "-f", "json", "--results-dir",
                         str(root))
    assert code == 0
    problems = json.loads(out)["evidence_problems"]
    assert any("missing" in p and jpg[0].name in p for p in problems)
    assert any("changed" in p and pdf[0].name in p for p in problems)
    assert "missing" in err and "changed" in err


HOSTILE = "\x1b[2J\x1b]0;pwned\x07<script>alert(1)</script> | =HYPERLINK(\"x\") \u202e"


def test_hostile_notes_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "evil", FRI, {
        "tidy": {"value": "fail", "note": HOSTILE}, "atm-working": "pass",
        "has-vip-room": "pass", "no-misleading": "pass", "greeting": 5}, reviewer="=cmd|x"))
    ident = listing(capsys, root)[0]["id"]
    assert cli(capsys, "actions", "comment", ident, "-m", HOSTILE, "--results-dir",
               str(root))[0] == 0
    for fmt in ("text", "md"):
        code, out, _ = cli(capsys, "actions", "list", "-f", fmt, "--results-dir", str(root))
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    code, out, _ = cli(capsys, "actions", "show", ident, "--results-dir", str(root))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    code, out, _ = cli(capsys, "actions", "list", "-f", "md", "--results-dir", str(root))
    assert "<script>" not in out
    code, out, _ = cli(capsys, "actions", "list", "-f", "csv", "--results-dir", str(root))
    assert ",=HYPERLINK" not in out and '"=' not in out
    code, out, _ = cli(capsys, "actions", "list", "-f", "json", "--results-dir", str(root))
    assert json.loads(out)[0]["problem"] == HOSTILE  # JSON is data: exact, escaped by JSON


def test_ledger_columns_and_content(root: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ids = {k: v["id"] for k, v in by_item(listing(capsys, root)).items()}
    r = str(root)
    cli(capsys, "actions", "assign", ids["tidy"], "--owner", "李明", "--results-dir", r)
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
    cli(capsys, "actions", "fix", ids["tidy"], "-m", "已清扫", "-e", str(photo), "--results-dir", r)
    cli(capsys, "actions", "verify", ids["tidy"], "--by", "张主任", "--results-dir", r)
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-07")  # the machines: 1 day late
    code, out, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                         "--lang", "zh")
    assert code == 0, err
    lines = out.splitlines()
    head = lines.index("| 序号 | 检查日期 | 检查类型/来源 | 检查表 | 检查项目 | 问题描述 | "
                       "整改责任人 | 整改时限 | 整改措施 | 完成情况 | 复查人 | 复查日期 | "
                       "复发次数 | 状态 |")
    rows = {line.split(" | ")[4]: line.split(" | ") for line in lines[head + 2:]}
    tidy = rows["厅堂整洁"]
    assert tidy[1:9] == ["2024-05-03", "自查", "rectify-demo", "厅堂整洁", "纸屑未清",
                         "李明（大堂经理）", "2024-05-08", "已清扫"]
    # fixed the day the test runs (after the due date of 2024-05-08): 逾期整改
    fixed = date.today().isoformat()
    word = "逾期整改" if fixed > "2024-05-08" else "已整改"
    assert tidy[9] == f"{word}（{fixed}，证据 1 份）" and tidy[10] == "张主任"
    assert tidy[11] == date.today().isoformat()  # verified by hand, today (the real date)
    assert tidy[12:] == ["0", "已复查销号 |"]
    atm = rows["自助设备正常"]
    assert atm[5] == "不达标" and atm[9] == "未整改" and atm[13] == "待整改（逾期 1 个工作日） |"
    assert rows["问候礼貌"][5] == "部分达标（答案 3）"
    assert rows["无误导销售"][5] == "【红线事件】理财当存款"
    assert rows["无误导销售"][8] == "未登记上报"
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                       "--since", "2024-05-04")
    assert code == 0 and "Hall tidy" not in out and "As of 2024-05-07: 0 actions" in out


def test_ledger_hostile_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "evil", FRI, {
        "tidy": {"value": "fail", "note": HOSTILE}, "atm-working": "pass",
        "has-vip-room": "pass", "no-misleading": "pass", "greeting": 5}))
    ident = listing(capsys, root)[0]["id"]
    cli(capsys, "actions", "fix", ident, "-m", "=1+2 <img src=x onerror=alert(1)>",
        "--results-dir", str(root))
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "-f", "html",
                       "--results-dir", str(root))
    assert code == 0
    assert "<script>" not in out and "<img" not in out and "\x1b" not in out
    assert "&lt;script&gt;" in out and "<script" not in out.lower()
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "-f", "md",
                       "--results-dir", str(root))
    assert "<script>" not in out and "\x1b" not in out and "\u202e" not in out
    assert out.count("\n|") == 3  # heading, rule, one row: the note's '|' is escaped
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "-f", "csv",
                       "--results-dir", str(root))
    assert out.startswith("\ufeff") and ",=1+2" not in out and ",'=1+2" in out
