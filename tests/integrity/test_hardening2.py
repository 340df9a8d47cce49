"""Second red team (issue 25) on results and their chain: N12 (backdated checks are late
entries, 补录). Each test fails on the code before the fix."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.results.late import DEFAULT_HOURS, is_late
from tests.integrity.helpers import daily, load, save, stored

pytestmark = pytest.mark.usefixtures("integrity_env")


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone(timedelta(hours=8))).isoformat(timespec="seconds")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_n12_rule_hand_computed() -> None:
    # the default allows 24 hours between finishing and storing; a day and a second is late
    assert DEFAULT_HOURS == 24.0
    assert not is_late("2026-11-02T09:00:00+08:00", "2026-11-03T09:00:00+08:00", 24)
    assert is_late("2026-11-02T09:00:00+08:00", "2026-11-03T09:00:01+08:00", 24)
    # offsets count: 09:00 in Shanghai is 01:00 UTC, so 2026-11-03T02:00Z is 25 h later
    assert is_late("2026-11-02T09:00:00+08:00", "2026-11-03T02:00:00Z", 24)
    assert not is_late("2026-11-02T09:00:00+08:00", "", 24)  # stored before it was recorded


def test_n12_a_backdated_check_is_a_late_entry_everywhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(timezone.utc)
    on_time = stored(tmp_path, daily(fails=(), finished=_iso(now - timedelta(hours=1))))
    late = stored(tmp_path, daily(fails=(), finished=_iso(now - timedelta(days=9))))
    for path in (on_time, late):  # the tool's clock, in the file
        kept = datetime.fromisoformat(load(path)["stored"])
        assert abs((kept - now).total_seconds()) < 60
    code, out, err = cli(capsys, "results", "--results-dir", str(tmp_path), "-f", "json")
    assert code == 0, err
    rows = {r["path"]: r for r in json.loads(out)}
    assert rows[str(on_time)]["late_entry"] is False and rows[str(late)]["late_entry"] is True
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path), "--lang", "zh")
    assert out.count("补录") == 1
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path))
    assert code == 0 and "1 late entries (补录)" in out
    assert f"{late} ({load(late)['finished']}): late entry (补录): stored" in out
    assert "9.0 days after it finished" in out
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path),
                       "--lang", "zh")
    assert "1 个补录" in out and "补录：" in out
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path),
                       "-f", "json")
    [chain] = json.loads(out)
    assert [r["late_entry"] for r in chain["results"]] == [False, True]


def test_n12_the_stored_time_is_covered_by_the_chain(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = stored(tmp_path, daily(fails=(), finished="2024-05-01T09:00:00+08:00"))
    stored(tmp_path, daily(fails=(), finished="2024-05-02T09:00:00+08:00"))
    data = load(first)
    data["stored"] = "2024-05-01T09:05:00+08:00"  # pretend it was entered on time
    save(first, data)
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path))
    assert code == 1 and f"{first}" in out and "edited after" in out


def test_n12_stored_times_going_backwards_are_a_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from branchcheck.core import places

    clock = iter(["2026-11-03T09:00:00+08:00", "2026-11-02T09:00:00+08:00"])
    monkeypatch.setattr(places, "now_iso", lambda: next(clock))  # the clock set back
    stored(tmp_path, daily(fails=(), finished="2026-11-01T09:00:00+08:00"))
    second = stored(tmp_path, daily(fails=(), finished="2026-11-01T10:00:00+08:00"))
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path))
    assert code == 1 and f"{second}" in out and "clock was set back" in out


def test_n12_the_setting_moves_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(timezone.utc)
    stored(tmp_path, daily(fails=(), finished=_iso(now - timedelta(hours=30))))
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path))
    assert "1 late entries" in out  # 30 h > 24 h (the default)
    monkeypatch.setenv("BRANCHCHECK_LATE_HOURS", "48")
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path),
                       "--no-cache")
    assert code == 0 and "late" not in out
    monkeypatch.setenv("BRANCHCHECK_LATE_HOURS", "soon")
    code, _, err = cli(capsys, "verify", "--branch", "SH-001", "--results-dir", str(tmp_path))
    assert code == 2 and "BRANCHCHECK_LATE_HOURS" in err


def _signed_by(tmp_path: Path, capsys: pytest.CaptureFixture[str], key_name: str,
               branch: str) -> tuple[Path, Path]:
    """A daily-opening result of ``branch`` signed with key ``key_name``; the trust folder
    holding that key."""
    from branchcheck.integrity.signing import load_signing_key
    from branchcheck.results.chain import store_result

    keys, trust = tmp_path / "keys", tmp_path / "trust"
    if not (keys / f"{key_name}.key").exists():
        assert cli(capsys, "keys", "new", "--out", str(keys), "--name", key_name)[0] == 0
        trust.mkdir(exist_ok=True)
        (trust / f"{key_name}.pub").write_bytes((keys / f"{key_name}.pub").read_bytes())
    key = load_signing_key(str(keys / f"{key_name}.key"))
    path = store_result(daily(fails=(), branch=branch), root=tmp_path / "r", sign_key=key)
    return path, trust


def test_n5_a_key_signs_only_for_its_own_branch(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _signed_by(tmp_path, capsys, "SH-001", "SH-001")
    _, trust = _signed_by(tmp_path, capsys, "SH-001", "BJ-002")  # SH-001's key, BJ-002
    code, out, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir",
                       str(tmp_path / "r"), "--trust", str(trust))
    assert code == 0 and "1 with a trusted signature" in out
    code, out, _ = cli(capsys, "verify", "--branch", "BJ-002", "--results-dir",
                       str(tmp_path / "r"), "--trust", str(trust))
    assert code == 1 and "may not sign for branch BJ-002" in out  # before: passed
    code, out, _ = cli(capsys, "verify", "--branch", "BJ-002", "--results-dir",
                       str(tmp_path / "r"), "--trust", str(trust), "--lang", "zh")
    assert code == 1 and "无权为网点 BJ-002 签名" in out
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(trust))
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path / "r"), "-f", "json")
    states = {r["branch"]: r["integrity"]["signature"] for r in json.loads(out)}
    assert states == {"SH-001": "trusted", "BJ-002": "untrusted"}


def test_n5_a_mapping_lets_a_key_sign_for_listed_branches(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, trust = _signed_by(tmp_path, capsys, "inspector", "BJ-002")
    _signed_by(tmp_path, capsys, "inspector", "SH-001")
    (trust / "branches.yaml").write_text("inspector: [BJ-002]\n", encoding="utf-8")
    for branch, code_wanted in (("BJ-002", 0), ("SH-001", 1)):
        code, _, _ = cli(capsys, "verify", "--branch", branch, "--results-dir",
                         str(tmp_path / "r"), "--trust", str(trust), "--no-cache")
        assert code == code_wanted, branch
    (trust / "branches.yaml").write_text('inspector: ["*"]\n', encoding="utf-8")
    code, _, _ = cli(capsys, "verify", "--branch", "SH-001", "--results-dir",
                     str(tmp_path / "r"), "--trust", str(trust))
    assert code == 0
    (trust / "branches.yaml").write_text("inspector: BJ-002\n", encoding="utf-8")
    code, _, err = cli(capsys, "verify", "--branch", "SH-001", "--results-dir",
                       str(tmp_path / "r"), "--trust", str(trust))
    assert code == 2 and "branches.yaml" in err


def test_n13_the_checklist_id_evidence_is_reserved(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    ck = tmp_path / "evidence.yaml"
    ck.write_text("id: evidence\nversion: 1\ntitle: T\nsections:\n  - id: s\n    title: S\n"
                  "    items:\n      - {id: a, type: check, text: A}\n", encoding="utf-8")
    code, out, err = cli(capsys, "validate", str(ck))
    assert code == 1 and "reserved" in out + err
    code, _, err = cli(capsys, "run", str(ck), "--branch", "SH-001", "--results-dir",
                       str(tmp_path / "r"))
    assert code == 2 and "reserved" in err
    assert not (tmp_path / "r" / "SH-001" / "evidence").exists()
