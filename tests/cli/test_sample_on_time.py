"""The bundled sample network tells a month of checks entered on time: ``results`` and
``verify`` never call them late entries (补录) because the sample was written today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchcheck.cli import run


def test_the_sample_checks_are_not_late_entries(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    # Before: each result's `stored` was the day `network sample` ran, weeks after its
    # `finished`, so every sample row read 补录 and verify listed 20 warnings for SH-001.
    demo = tmp_path / "demo"
    assert run(["network", "sample", str(demo), "--lang", "en"]) == 0
    capsys.readouterr()
    for folder in ("results", "inspections"):
        code = run(["verify", "--branch", "SH-005", "--results-dir", str(demo / folder),
                    "-f", "json", "--no-cache", "--lang", "en"])
        out, err = capsys.readouterr()
        assert code == 0, err
        (chain,) = json.loads(out)
        assert chain["results"] and chain["warnings"] == []
        assert not [r["path"] for r in chain["results"] if r["late_entry"]]
        assert all(r["stored"] == r["finished"] for r in chain["results"])
    assert run(["results", "--results-dir", str(demo / "results"), "-f", "json",
                "--lang", "zh"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 275 and not [r["path"] for r in rows if r["late_entry"]]
