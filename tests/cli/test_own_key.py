"""An outlet signing its own results is told how to verify them, and a scheduled
``verify`` tells "signed by a key you have not trusted" from "tampered"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "scoring" / "weights.yaml")
BASE = str(DATA / "answers" / "weights-base.yaml")


def test_own_key_then_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_TRUST", raising=False)
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", CHECKLIST)
    keys = tmp_path / "keys"
    assert run(["keys", "new", "--out", str(keys), "--name", "SH-001", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert f"branchcheck verify --branch <ID> --trust {keys}" in err
    assert run(["keys", "new", "--out", str(tmp_path / "k2"), "--name", "x", "--lang", "zh"]) == 0
    assert "--trust" in capsys.readouterr().err
    root = tmp_path / "results"
    assert run(["score", CHECKLIST, "-a", BASE, "-b", "SH-001", "--results-dir", str(root),
                "--sign-key", str(keys / "SH-001.key")]) == 0
    capsys.readouterr()
    assert run(["verify", "--branch", "SH-001", "--results-dir", str(root), "-f", "json"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    (result,) = report["results"]
    assert result["tampered"] is False and result["integrity"]["signature"] == "untrusted"
    assert run(["verify", "--branch", "SH-001", "--results-dir", str(root), "--trust",
                str(keys)]) == 0
