"""The owner's role in one language at a time, from new logs and from logs written before
roles were kept per language (which stored ``大堂经理 / Lobby manager``): split on read,
the action ids as written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from actions_helpers import cli

from branchcheck.actions.log import NewEvent
from branchcheck.actions.writer import append

REF = {"path": "SH-001/rectify-demo/20240503T020000000000Z.yaml", "sha256": "b" * 64,
       "finished": "2024-05-03T10:00:00+08:00"}


def _opened(ident: str, item: str, role: str) -> NewEvent:
    """An ``opened`` event as the version before this change wrote it (no owner_roles)."""
    return NewEvent("opened", ident, "branchcheck 0.1.0", {
        "branch": "SH-001", "checklist": "rectify-demo", "item": item, "section": "hall",
        "text": {"zh": f"检查项 {item}", "en": f"Item {item}"}, "note": f"问题 {item}",
        "item_status": "fail", "value": "fail", "priority": "normal", "owner": "",
        "owner_role": role, "due": "2024-05-08", "within_days": 3,
        "evidence_required": False, "result": REF})


@pytest.fixture
def old_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-06")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "results"
    append(root, "SH-001", lambda log: [
        _opened("A-0000000A", "tidy", "大堂经理 / Lobby manager"),
        _opened("A-0000000B", "atm", "Operations supervisor / 运营主管"),  # en first
        _opened("A-0000000C", "door", "网点负责人"),  # one language only: shown in both
        _opened("A-0000000D", "notice", "Lobby / Hall"),  # no Chinese part: kept whole
    ])
    return root


def test_old_joined_roles_read_one_language_at_a_time(
        old_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = str(old_log)
    code, out, err = cli(capsys, "actions", "list", "--results-dir", r, "--lang", "zh")
    assert code == 0, err
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("A-")}
    assert list(rows) == ["A-0000000A", "A-0000000B", "A-0000000C", "A-0000000D"]  # ids kept
    assert "(大堂经理)" in rows["A-0000000A"] and "Lobby" not in rows["A-0000000A"]
    assert "(运营主管)" in rows["A-0000000B"] and "Operations" not in rows["A-0000000B"]
    assert "(网点负责人)" in rows["A-0000000C"]
    assert "(Lobby / Hall)" in rows["A-0000000D"]
    code, out, err = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                         "--lang", "en", "-f", "csv")
    assert code == 0, err
    owners = [line.split(",")[6] for line in out.splitlines()[1:]]
    assert owners == ["(Lobby manager)", "(Operations supervisor)", "(网点负责人)",
                      "(Lobby / Hall)"]
    code, out, err = cli(capsys, "actions", "show", "A-0000000B", "--results-dir", r,
                         "--lang", "zh")
    assert code == 0 and "责任人: (运营主管)" in out
    code, out, _ = cli(capsys, "actions", "list", "--results-dir", r, "-f", "json")
    first = out.split("},\n")[0]
    assert '"owner_role": "大堂经理 / Lobby manager"' in first  # as stored
    assert '"owner_roles": {"zh": "大堂经理", "en": "Lobby manager"}' in first


def test_new_logs_keep_the_role_per_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from actions_helpers import answers, score

    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-06")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "results"
    score(capsys, root, answers(tmp_path, "a", "2024-05-03T10:00:00+08:00",
                                {"tidy": {"value": "fail", "note": "纸屑"}}))
    log = (root / "SH-001" / "actions.jsonl").read_text("utf-8")
    assert '"owner_roles":{"en":"Lobby manager","zh":"大堂经理"}' in log
    assert '"owner_role":"大堂经理 / Lobby manager"' in log  # for readers before this change
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "--lang", "en")
    assert code == 0 and "(Lobby manager)" in out and "大堂经理" not in out, err


def test_the_owners_employee_number_only_where_it_is_needed(
        old_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = str(old_log)
    code, _, err = cli(capsys, "actions", "assign", "A-0000000A", "--owner", "李明",
                       "--staff-no", "SH-0451", "--by", "王芳", "--results-dir", r)
    assert code == 0, err
    code, _, err = cli(capsys, "actions", "assign", "A-0000000B", "--staff-no", "12 34",
                       "--by", "王芳", "--results-dir", r, "--lang", "zh")
    assert code == 2 and "不是工号" in err
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                       "--lang", "zh", "-f", "csv")
    assert out.splitlines()[1].split(",")[6] == "李明（工号 SH-0451，大堂经理）"
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                       "--lang", "en", "-f", "csv")
    assert next(csv.reader(io.StringIO(out.splitlines()[1])))[6] == \
        "李明 (no. SH-0451, Lobby manager)"
    code, out, _ = cli(capsys, "actions", "show", "A-0000000A", "--results-dir", r,
                       "--lang", "zh")
    assert "工号: SH-0451" in out and "工号=SH-0451" in out
    # the lists (terminal, csv, json) are for chasing work: no employee numbers
    for fmt in ("text", "md", "csv", "json"):
        code, out, _ = cli(capsys, "actions", "list", "--results-dir", r, "-f", fmt)
        assert code == 0 and "李明" in out and "SH-0451" not in out, fmt
    # a new owner without a number: the old number does not stick to them
    assert cli(capsys, "actions", "assign", "A-0000000A", "--owner", "张伟", "--by", "王芳",
               "--results-dir", r)[0] == 0
    code, out, _ = cli(capsys, "actions", "ledger", "-b", "SH-001", "--results-dir", r,
                       "--lang", "zh", "-f", "csv")
    assert out.splitlines()[1].split(",")[6] == "张伟（大堂经理）"
