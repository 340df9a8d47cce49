"""Separation of duties (docs/actions.md): nobody verifies their own fix or approves their
own check (``--allow-self`` for a one-person outlet, recorded), an approval is not
recorded twice, a red-line incident needs evidence and someone else to close it, and
a due date is never before the check that found the problem. In zh and en."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actions_helpers import JPEG, answers, by_item, cli, listing, score

MON = "2024-05-06T10:00:00+08:00"
FIRST = {"tidy": {"value": "fail", "note": "纸屑未清"}, "atm-working": "pass",
         "has-vip-room": "pass", "no-misleading": {"value": "fail", "note": "客户申请书外露"},
         "greeting": 5}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.delenv("BRANCHCHECK_REVIEWER", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-06")


@pytest.fixture
def root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    r = tmp_path / "results"
    score(capsys, r, answers(tmp_path, "first", MON, FIRST))
    return r


def _ids(capsys: pytest.CaptureFixture[str], root: Path) -> dict[str, str]:
    return {k: v["id"] for k, v in by_item(listing(capsys, root)).items()}


def test_the_fixer_does_not_verify(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tidy, r = _ids(capsys, root)["tidy"], str(root)
    assert cli(capsys, "actions", "fix", tidy, "-m", "已清扫", "--by", "张伟",
               "--results-dir", r)[0] == 0
    code, out, err = cli(capsys, "actions", "verify", tidy, "--by", "张伟", "--results-dir", r,
                         "--lang", "zh")
    assert (code, out) == (2, "") and "张伟 登记了" in err and "不能复查自己的整改" in err
    code, _, err = cli(capsys, "actions", "verify", tidy, "--by", "张伟", "--results-dir", r,
                       "--lang", "en")
    assert code == 2 and "may not verify it" in err and "--allow-self" in err
    assert by_item(listing(capsys, root, "--status", "all"))["tidy"]["status"] == "fixed"
    # a one-person outlet: allowed, and recorded
    code, _, err = cli(capsys, "actions", "verify", tidy, "--by", "张伟", "--allow-self",
                       "--results-dir", r, "--lang", "zh")
    assert code == 0 and "已复查销号" in err
    row = by_item(listing(capsys, root, "--status", "all"))["tidy"]
    assert (row["status"], row["verified_by"], row["verified_self"]) == ("verified", "张伟", True)


def test_an_incident_needs_evidence_and_someone_else(root: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    ident, r = _ids(capsys, root)["no-misleading"], str(root)
    # not fixed yet: nobody can close it by hand
    code, _, err = cli(capsys, "actions", "verify", ident, "--by", "李行长", "--results-dir", r)
    assert code == 2 and "red-line incident" in err
    code, _, err = cli(capsys, "actions", "fix", ident, "-m", "已收回申请书并粉碎", "--by", "张伟",
                       "--results-dir", r, "--lang", "zh")
    assert code == 2 and "需要证据" in err
    photo = tmp_path / "shredded.jpg"
    photo.write_bytes(JPEG)
    assert cli(capsys, "actions", "fix", ident, "-m", "已收回申请书并粉碎", "-e", str(photo),
               "--by", "张伟", "--results-dir", r)[0] == 0
    code, _, err = cli(capsys, "actions", "verify", ident, "--by", "张伟", "--allow-self",
                       "--results-dir", r)
    assert code == 2 and "someone else" in err
    assert cli(capsys, "actions", "verify", ident, "--by", "李行长", "--results-dir", r)[0] == 0
    row = by_item(listing(capsys, root, "--status", "all"))["no-misleading"]
    assert (row["status"], row["verified_by"], row["verified_self"]) == (
        "verified", "李行长", False)


def test_incident_report_fields(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids, r = _ids(capsys, root), str(root)
    code, _, err = cli(capsys, "actions", "report", ids["tidy"], "--to", "支行", "--results-dir",
                       r)
    assert code == 2 and "not a red-line incident" in err
    code, _, err = cli(capsys, "actions", "report", ids["no-misleading"], "--to", "浦东支行 合规部",
                       "--on", "2024-05-06", "--remedy", "致电客户说明并致歉",
                       "--accountability", "通报批评", "--results-dir", r, "--lang", "zh")
    assert code == 0 and "已记录上报" in err
    code, out, _ = cli(capsys, "actions", "show", ids["no-misleading"], "-f", "json",
                       "--results-dir", r)
    assert json.loads(out)["report"] == {"reported_to": "浦东支行 合规部",
                                         "reported_on": "2024-05-06",
                                         "remedy": "致电客户说明并致歉",
                                         "accountability": "通报批评"}


def test_due_date_not_before_the_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tidy, r = _ids(capsys, root)["tidy"], str(root)
    code, _, err = cli(capsys, "actions", "assign", tidy, "--due", "2024-05-05",
                       "--results-dir", r, "--lang", "zh")
    assert code == 2 and "早于发现问题的日期 2024-05-06" in err
    # the day of the check itself is allowed (当日整改)
    assert cli(capsys, "actions", "assign", tidy, "--due", "2024-05-06", "--results-dir", r)[0] == 0
    assert by_item(listing(capsys, root))["tidy"]["due"] == "2024-05-06"


def test_the_actor_is_never_unknown(root: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tidy, r = _ids(capsys, root)["tidy"], str(root)
    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "王芳")
    assert cli(capsys, "actions", "comment", tidy, "-m", "已通知保洁", "--results-dir", r)[0] == 0
    monkeypatch.delenv("BRANCHCHECK_REVIEWER")
    monkeypatch.delenv("USER")
    code, _, err = cli(capsys, "actions", "comment", tidy, "-m", "x", "--results-dir", r,
                       "--lang", "zh")
    assert code == 2 and "--by" in err
    code, out, _ = cli(capsys, "actions", "show", tidy, "-f", "json", "--results-dir", r)
    assert [e["who"] for e in json.loads(out)["events"]] == ["王芳", "王芳"]


def _stored(root: Path) -> str:
    return str(next((root / "SH-001" / "rectify-demo").glob("*.yaml")))


def test_approve_refuses_the_reviewer_and_a_second_approval(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _stored(root)  # the reviewer of the check is 王芳
    code, _, err = cli(capsys, "approve", result, "--approver", "王芳", "--lang", "zh")
    assert code == 2 and "王芳 是这次检查的检查人" in err
    code, _, err = cli(capsys, "approve", result, "--approver", "赵主任", "--lang", "en")
    assert code == 0, err
    code, _, err = cli(capsys, "approve", result, "--approver", "赵主任", "--lang", "en")
    assert code == 2 and "already approved this result" in err
    assert cli(capsys, "approve", result, "--approver", "王芳", "--allow-self")[0] == 0
    log = (root / "SH-001" / "actions.jsonl").read_text("utf-8").splitlines()
    approvals = [json.loads(line) for line in log if '"type":"approved"' in line]
    assert [(a["data"]["approver"], a["data"].get("allow_self", False), a["who"])
            for a in approvals] == [("赵主任", False, "赵主任"), ("王芳", True, "王芳")]


def test_show_speaks_zh(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ident, r = _ids(capsys, root)["no-misleading"], str(root)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(JPEG)
    cli(capsys, "actions", "fix", ident, "-m", "已收回", "-e", str(photo), "--by", "张伟",
        "--results-dir", r)
    code, out, _ = cli(capsys, "actions", "show", ident, "--results-dir", r, "--lang", "zh")
    assert code == 0
    assert "优先级: 高" in out and "类别: 红线事件" in out
    history = out.split("历史：")[1]
    assert "开立" in history and "整改" in history
    for word in ("opened", "fixed", "high", "normal", "evidence="):
        assert word not in out, word


ORG = ("id,name_zh,name_en,parent,kind,verifiers\n"
       "SH,上海分行,Shanghai branch,,branch,赵主任\n"
       "SH-PD,浦东支行,Pudong sub-branch,SH,sub-branch,李行长;钱经理\n"
       "SH-001,陆家嘴网点,Lujiazui,SH-PD,outlet,张伟\n")


def test_the_directory_names_who_verifies_an_incident(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SH-001's incident: the units above it are SH-PD (李行长, 钱经理) and SH (赵主任), so
    by hand only those three may verify; 张伟 (named by the outlet itself, and the fixer)
    and 王芳 (named by no unit) may not. An ordinary action is not bound by it, and a
    directory without the column keeps "anyone but the fixer"."""
    ids, r = _ids(capsys, root), str(root)
    org = tmp_path / "org.csv"
    org.write_text(ORG, "utf-8")
    photo = tmp_path / "shredded.jpg"
    photo.write_bytes(JPEG)
    assert cli(capsys, "actions", "fix", ids["no-misleading"], "-m", "已收回并粉碎", "-e",
               str(photo), "--by", "张伟", "--results-dir", r)[0] == 0
    code, out, err = cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "王芳",
                         "--org", str(org), "--results-dir", r, "--lang", "zh")
    assert (code, out) == (2, "")
    assert ("须由上级复查：机构目录中 浦东支行（SH-PD） 及以上的复查人为 李行长、钱经理、赵主任；"
            "王芳 不在其中") in err
    code, _, err = cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "王芳",
                       "--org", str(org), "--results-dir", r, "--lang", "en")
    assert code == 2 and ("the directory names 李行长, 钱经理, 赵主任 (Pudong sub-branch "
                          "(SH-PD) and above); 王芳 is not one of them") in err
    monkeypatch.setenv("BRANCHCHECK_ORG", str(org))  # the same rule from the environment
    code, _, err = cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "张伟",
                       "--results-dir", r, "--lang", "en")
    assert code == 2 and "张伟 is not one of them" in err
    assert by_item(listing(capsys, root, "--status", "all"))["no-misleading"]["status"] == \
        "fixed"
    # two levels above is above too
    code, _, err = cli(capsys, "actions", "verify", ids["no-misleading"], "--by", "赵主任",
                       "--results-dir", r, "--lang", "zh")
    assert code == 0 and "已复查销号" in err
    # an ordinary action: anyone but the fixer, directory or not
    assert cli(capsys, "actions", "fix", ids["tidy"], "-m", "已清扫", "--by", "张伟",
               "--results-dir", r)[0] == 0
    assert cli(capsys, "actions", "verify", ids["tidy"], "--by", "王芳", "--results-dir", r)[0] \
        == 0


def test_a_directory_naming_no_verifier_keeps_anyone_but_the_fixer(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ident, r = _ids(capsys, root)["no-misleading"], str(root)
    org = tmp_path / "org.csv"  # an older directory: no verifiers column
    org.write_text("id,name_zh,name_en,parent,kind\nSH-PD,浦东支行,Pudong,,sub-branch\n"
                   "SH-001,陆家嘴网点,Lujiazui,SH-PD,outlet\n", "utf-8")
    photo = tmp_path / "p.jpg"
    photo.write_bytes(JPEG)
    assert cli(capsys, "actions", "fix", ident, "-m", "已收回", "-e", str(photo), "--by", "张伟",
               "--results-dir", r)[0] == 0
    code, _, err = cli(capsys, "actions", "verify", ident, "--by", "王芳", "--org", str(org),
                       "--results-dir", r)
    assert code == 0, err


def test_verifiers_in_a_yaml_directory_and_bad_cells(tmp_path: Path) -> None:
    from branchcheck.core.errors import InputError
    from branchcheck.org.directory import load

    yml = tmp_path / "org.yaml"
    yml.write_text("format: branchcheck-org/1\nunits:\n"
                   "  - {id: SH-PD, name: 浦东支行, kind: sub-branch,\n"
                   "     verifiers: [李行长, 钱经理]}\n"
                   "  - {id: SH-001, name: 陆家嘴网点, kind: outlet, parent: SH-PD}\n", "utf-8")
    org = load(str(yml))
    assert org.by_id["SH-PD"].verifiers == ("李行长", "钱经理")
    assert org.by_id["SH-001"].verifiers == ()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name_zh,name_en,parent,kind,verifiers\nSH,上海,SH,,branch,"
                   + "长" * 65 + "\n", "utf-8")
    with pytest.raises(InputError):
        load(str(bad))
    csv = tmp_path / "ok.csv"
    csv.write_text("id,name_zh,name_en,parent,kind,verifiers\nSH,上海,SH,,branch,"
                   "赵主任；钱经理、赵主任\n", "utf-8")
    assert load(str(csv)).by_id["SH"].verifiers == ("赵主任", "钱经理")


def test_actions_say_when_the_calendar_guesses_a_year(
        root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Today in 2031, a year chinesecalendar (2004-2026) does not cover: a write command
    that counts days (reopen: a new due date), the list and the ledger count it Monday to
    Friday and say so, in the UI language."""
    from branchcheck.actions import calendar

    # this process's calendar and counts start afresh (and leave no guessed year behind)
    monkeypatch.setattr(calendar, "_CALENDARS", {})
    monkeypatch.setattr(calendar, "_BETWEEN", {})
    r = str(root)
    ident = _ids(capsys, root)["tidy"]
    assert cli(capsys, "actions", "fix", ident, "-m", "已清扫", "--results-dir", r)[0] == 0
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2031-03-05")
    code, _, err = cli(capsys, "actions", "reopen", ident, "--results-dir", r, "--lang", "zh")
    warning = "警告：工作日历没有 2031 年的法定节假日和调休"
    assert code == 0 and "已重新打开" in err and warning in err
    code, _, err = cli(capsys, "actions", "list", "--results-dir", r, "--lang", "zh")
    assert code == 0 and warning in err
    code, _, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                       "--lang", "en")
    assert code == 0 and "Warning: the working-day calendar has no public holidays or " \
        "make-up days for 2031" in err
