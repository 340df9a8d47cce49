"""``actions list`` and ``ledger`` remember a log this user verified (actions/snapshot.py):
the same output either way; an edited, cut or extended log, or a forged or edited
memory, is read and verified in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from actions_helpers import answers, cli, score

from branchcheck.actions import log as log_module
from branchcheck.actions.log import log_path

FRI = "2024-05-03T10:00:00+08:00"
FIRST = {"tidy": {"value": "fail", "note": "纸屑未清"}, "atm-working": "fail",
         "no-misleading": {"value": "fail", "note": "理财当存款"}, "greeting": 2}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-20")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    r = tmp_path / "results"
    score(capsys, r, answers(tmp_path, "first", FRI, FIRST))
    return r


def _outputs(capsys: pytest.CaptureFixture[str], root: Path) -> list[str]:
    outs = []
    for args in (("list", "-s", "all", "-f", "json"), ("list", "-s", "all", "-f", "text"),
                 ("ledger", "-b", "SH-001", "-f", "md", "--lang", "zh")):
        code, out, err = cli(capsys, "actions", *args, "--results-dir", str(root))
        assert code == 0, err
        outs.append(out)
    return outs


def _no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the log was read in full")

    monkeypatch.setattr(log_module, "_parse", refuse)


def test_remembered_listing_equals_the_full_read(root: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    stored = next(root.glob("SH-001/*/*.json"), None) or next(root.glob("SH-001/*/*.yaml"))
    code, _, err = cli(capsys, "approve", str(stored), "--approver", "赵主任",
                       "--results-dir", str(root))
    assert code == 0, err
    first = _outputs(capsys, root)  # verified in full, then remembered
    entries = list((tmp_path / "cache" / "branchcheck" / "actions").glob("*/*"))
    assert len(entries) == 1 and entries[0].stat().st_mode & 0o077 == 0
    with monkeypatch.context() as m:
        _no_full_read(m)
        assert _outputs(capsys, root) == first
    assert "理财当存款" in first[2] and "纸屑未清" in first[0] and "审核：赵主任" in first[2]


def test_edited_cut_or_extended_logs_are_read_in_full(root: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _outputs(capsys, root)
    path = log_path(root, "SH-001")
    good = path.read_bytes()
    path.write_bytes(good.replace("纸屑未清".encode(), "纸屑已清".encode()))
    code, _, err = cli(capsys, "actions", "list", "--results-dir", str(root))
    assert code == 0 and "changed after it was written" in err
    path.write_bytes(good[:good.rstrip(b"\n").rfind(b"\n") + 1])  # the last event cut off
    code, _, err = cli(capsys, "actions", "list", "--results-dir", str(root))
    assert "were removed from the end" in err
    path.write_bytes(good)
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json")
    assert code == 0 and err == "" and '"owner": ""' in out
    code, _, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json")
    ident = out.split('"id": "')[1].split('"')[0]
    code, _, err = cli(capsys, "actions", "assign", ident, "--owner", "李明", "--results-dir",
                       str(root))
    assert code == 0, err
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json")
    assert code == 0 and '"owner": "李明"' in out


def test_forged_or_edited_memory_is_ignored(root: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = _outputs(capsys, root)
    entry = next((tmp_path / "cache" / "branchcheck" / "actions").glob("*/*"))
    raw = entry.read_bytes()
    entry.write_bytes(raw.replace("纸屑未清".encode(), "一切正常".encode()))
    assert _outputs(capsys, root) == first  # the MAC fails: read in full (and kept again)
    # a key others can read is no key: nothing is remembered or used
    key = tmp_path / "cache" / "branchcheck" / "actions" / "key"
    key.chmod(0o644)
    entry.write_bytes(raw.replace("纸屑未清".encode(), "一切正常".encode()))
    assert _outputs(capsys, root) == first
