"""Shared fixtures of the integrity tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ENV = ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_TRUST", "BRANCHCHECK_CHECKLISTS",
       "BRANCHCHECK_SIGN_KEY")


@pytest.fixture
def integrity_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No branchcheck setting from the environment, a cache folder of the test's own
    (verdicts remembered), UTF-8 and no colour."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
