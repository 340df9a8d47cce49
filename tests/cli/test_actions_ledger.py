"""A whole 整改 life cycle and its ledger (整改台账), hand-computed, in zh and en, in md,
csv and .xlsx (read back with openpyxl).

The checklist is tests/data/valid/rectify.yaml (``rectify-demo``): 3 working days by
default (``below: 3`` for the greeting scale), the machines 1 day, ``no-misleading``
a red line. China's 2024 calendar: 05-01..05-05 holiday, Saturday 05-11 a working day
(调休).

  check 1 Mon 04-29 (王芳): tidy fail "门口有烟头"            -> T  due 05-07 (04-30, 05-06, 05-07)
                          no-misleading fail                  -> I1 due 05-07 (incident)
                          greeting 4 (良好)                   -> nothing (above 3)
  fix I1 05-06 by 张伟 with a photo (on time); verify by 张伟 refused; by 李行长 05-06
  check 2 Fri 05-10 (王芳): tidy fail again                   -> T recurs (1)
                          machines fail "2号机黑屏"           -> A  due Sat 05-11 (调休)
                          greeting 2 "未主动问候"             -> G  due 05-14 (05-11, 05-13, 05-14)
                          no-misleading pass                  -> I1 untouched (an incident)
  fix T 05-10 17:00 by 张伟 (after 05-07: late); verify by 李行长 05-13
  fix A Mon 05-13 by 张伟 (after Sat 05-11: late; Mon-Fri counting would say on time)
  check 3 Wed 05-15 (王芳): no-misleading fail again           -> I2 due 05-20 (05-16, 05-17,
                          05-20), repeat 1 (屡查屡犯), linked to I1
                          machines pass, greeting 5           -> A and G verified by the check
  approve check 1: 王芳 (its reviewer) refused; 赵主任 on 05-16
  today Wed 05-22: I2 is 2 working days overdue (05-21, 05-22)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from actions_helpers import JPEG, answers, by_item, cli, listing, score

from branchcheck.core import places

CLEAN = {"tidy": "pass", "atm-working": "pass", "has-vip-room": "pass",
         "no-misleading": "pass", "greeting": 5}
ROLE_ZH = "（大堂经理）"  # the zh role alone (issue 21: one language at a time)


def _at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    monkeypatch.setattr(places, "now_iso", lambda: when)


@pytest.fixture
def life(tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_REVIEWER",
                "BRANCHCHECK_CALENDAR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-22")
    root = tmp_path / "r"
    r = str(root)
    _at(monkeypatch, "2024-04-29T10:05:00+08:00")
    score(capsys, root, answers(tmp_path, "c1", "2024-04-29T10:00:00+08:00", {
        **CLEAN, "tidy": {"value": "fail", "note": "门口有烟头"},
        "no-misleading": {"value": "fail", "note": "客户申请书外露在填单台"}, "greeting": 4}))
    ids = {a["item"]: a["id"] for a in listing(capsys, root)}
    assert set(ids) == {"tidy", "no-misleading"}  # greeting 4 is no problem
    photo = tmp_path / "shredded.jpg"
    photo.write_bytes(JPEG)
    _at(monkeypatch, "2024-05-06T11:00:00+08:00")
    assert cli(capsys, "actions", "fix", ids["no-misleading"], "-m", "已收回申请书并粉碎",
               "-e", str(photo), "--by", "张伟", "--results-dir", r)[0] == 0
    assert cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "张伟",
               "--results-dir", r)[0] == 2
    assert cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "李行长",
               "--results-dir", r)[0] == 0
    assert cli(capsys, "actions", "report", ids["no-misleading"], "--to", "浦东支行",
               "--on", "2024-04-29", "--results-dir", r)[0] == 0
    _at(monkeypatch, "2024-05-10T10:05:00+08:00")
    score(capsys, root, answers(tmp_path, "c2", "2024-05-10T10:00:00+08:00", {
        **CLEAN, "tidy": {"value": "fail", "note": "门口仍有烟头"},
        "atm-working": {"value": "fail", "note": "2号机黑屏"},
        "greeting": {"value": 2, "note": "未主动问候"}}))
    ids = {a["item"]: a["id"] for a in listing(capsys, root, "--status", "all")}
    _at(monkeypatch, "2024-05-10T17:00:00+08:00")
    assert cli(capsys, "actions", "fix", ids["tidy"], "-m", "已清扫并安排专人", "--by", "张伟",
               "--results-dir", r)[0] == 0
    _at(monkeypatch, "2024-05-13T09:00:00+08:00")
    assert cli(capsys, "actions", "verify", ids["tidy"], "--by", "李行长",
               "--results-dir", r)[0] == 0
    assert cli(capsys, "actions", "fix", ids["atm-working"], "-m", "已报修并更换电源",
               "--by", "张伟", "--results-dir", r)[0] == 0
    _at(monkeypatch, "2024-05-15T10:05:00+08:00")
    score(capsys, root, answers(tmp_path, "c3", "2024-05-15T10:00:00+08:00", {
        **CLEAN, "no-misleading": {"value": "fail", "note": "又见客户身份证复印件"}}))
    first = min((root / "SH-001" / "rectify-demo").glob("*.yaml"))  # names sort by time
    assert cli(capsys, "approve", str(first), "--approver", "王芳")[0] == 2
    _at(monkeypatch, "2024-05-16T09:00:00+08:00")
    assert cli(capsys, "approve", str(first), "--approver", "赵主任")[0] == 0
    return root


ZH = [
    ["1", "2024-04-29", "自查", "rectify-demo", "厅堂整洁",
     "门口有烟头；2024-05-10 复发：门口仍有烟头", ROLE_ZH, "2024-05-07", "已清扫并安排专人",
     "逾期整改（2024-05-10）", "李行长", "2024-05-13",
     "1", "已复查销号"],
    ["2", "2024-04-29", "自查", "rectify-demo", "无误导销售", "【红线事件】客户申请书外露在填单台",
     ROLE_ZH, "2024-05-07", "已收回申请书并粉碎；上报：浦东支行 2024-04-29",
     "已整改（2024-05-06，证据 1 份）", "李行长", "2024-05-06", "0", "已复查销号"],
    ["3", "2024-05-10", "自查", "rectify-demo", "自助设备正常", "2号机黑屏",
     "（运营主管）", "2024-05-11", "已报修并更换电源",
     "逾期整改（2024-05-13）", "王芳", "2024-05-15", "0", "已复查销号"],
    ["4", "2024-05-10", "自查", "rectify-demo", "问候礼貌", "未主动问候", ROLE_ZH, "2024-05-14", "",
     "复查通过（未登记整改措施）", "王芳", "2024-05-15", "0", "已复查销号"],
    ["5", "2024-05-15", "自查", "rectify-demo", "无误导销售",
     "【红线事件】屡查屡犯（第 2 次）又见客户身份证复印件", ROLE_ZH, "2024-05-20", "未登记上报",
     "未整改", "", "", "0", "待整改（逾期 2 个工作日）"],
]
EN_COMPLETION = ["fixed late (2024-05-10)", "fixed (2024-05-06, 1 evidence)",
                 "fixed late (2024-05-13)", "passed re-check (no fix recorded)", "not fixed"]
EN_STATUS = ["re-checked, closed"] * 4 + ["open (2 working days overdue)"]


def _md_rows(out: str) -> list[list[str]]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|---"))
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[start + 1:]
            if line.startswith("|")]


def test_ledger_zh(life: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                         "--lang", "zh")
    assert code == 0, err
    assert _md_rows(out) == ZH
    assert "截至 2024-05-22，共 5 项（红线事件 2 项，逾期未整改 1 项）。" in out
    assert "审核：赵主任，2024-05-16（2024-04-29 的检查）" in out
    assert "王芳" not in out.split("审核：")[1].split("\n")[0]


def test_ledger_en_and_the_list_agree(life: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                       "--lang", "en")
    assert code == 0
    rows = _md_rows(out)
    assert [r[9] for r in rows] == EN_COMPLETION and [r[13] for r in rows] == EN_STATUS
    assert [r[7] for r in rows] == [z[7] for z in ZH]  # the same due dates
    # the owner's role in English alone (the zh ledger has 大堂经理 alone)
    assert [r[6] for r in rows] == ["(Lobby manager)", "(Lobby manager)",
                                    "(Operations supervisor)", "(Lobby manager)",
                                    "(Lobby manager)"]
    assert rows[4][5] == r"\[Red-line incident\] repeat no. 2; 又见客户身份证复印件"  # md-escaped
    assert "Approved: 赵主任, 2024-05-16 (check of 2024-04-29)" in out
    # actions list counts the same deadline and overdue days as the ledger
    late = by_item(listing(capsys, life))["no-misleading"]
    assert (late["due"], late["days_overdue"], late["repeat"]) == ("2024-05-20", 2, 1)


def test_ledger_csv_and_xlsx(life: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                       "--lang", "zh", "-f", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert table[1:] == ZH
    book = tmp_path / "ledger.xlsx"
    code, _, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                       "--lang", "zh", "-f", "xlsx", "-o", str(book))
    assert code == 0, err
    ws = load_workbook(book).active
    values: list[list[Any]] = [[c if c is not None else "" for c in row]
                               for row in ws.iter_rows(values_only=True)]
    head = next(i for i, row in enumerate(values) if row[0] == "序号")
    assert [[str(c) for c in row] for row in values[head + 1:]] == ZH
    assert values[0][0] == "整改台账 — SH-001"
    code, _, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                       "-f", "xlsx", "--lang", "en")
    assert code == 2 and "-o FILE.xlsx" in err


def test_ledger_names_the_outlet(life: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / "org.csv"
    org.write_text("id,name_zh,name_en,parent,kind\nSH,上海分行,Shanghai,,branch\n"
                   "SH-001,陆家嘴网点,Lujiazui,SH,outlet\n", "utf-8")
    code, out, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", str(life),
                         "--org", str(org), "--lang", "zh", "-f", "html")
    assert code == 0, err
    assert "<h1>整改台账 — 陆家嘴网点（SH-001）</h1>" in out
