"""``branchcheck list`` lists the bundled checklists from a generated index (no YAML
parsed) -- only while each file still hashes to its entry -- and lists the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists import bundled_index, catalog

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_index_is_fresh() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_bundled_index.py"),
                           "--check"], check=False)
    assert done.returncode == 0, "stale: run scripts/gen_bundled_index.py"


def test_the_index_lists_what_loading_lists() -> None:
    assert catalog.build_catalog() == catalog.build_catalog(use_index=False)


def test_an_entry_is_used_only_for_the_bytes_it_was_made_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    name = "daily-opening.yaml"
    real = bundled_index.INDEX[name]
    doctored = dict(bundled_index.INDEX)
    doctored[name] = (real[0], real[1], real[2], {"en": "From the index"}, *real[4:])
    monkeypatch.setattr(bundled_index, "INDEX", doctored)
    titles = {e.id: e.title for e in catalog.build_catalog().entries}
    assert titles["daily-opening"] == {"en": "From the index"}  # the index is read...
    doctored[name] = ("0" * 64, *doctored[name][1:])  # ...but not for other bytes
    titles = {e.id: e.title for e in catalog.build_catalog().entries}
    assert titles["daily-opening"]["en"] == "Daily pre-opening check"


def test_list_imports_no_yaml() -> None:
    code = ("import sys\nfrom branchcheck.cli import run\nrun(['list', '-f', 'json'])\n"
            "assert 'yaml' not in sys.modules, 'yaml imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert '"daily-opening"' in done.stdout
