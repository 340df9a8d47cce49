"""Printed reports never break an id: the network report's unit and checklist ids and
the ledger's ids and dates stay on one line, and no word of a ledger column header is
split or spills into the next column (zh and en). Laid out by a real browser
(headless Chromium, tests/layout.py); the markup rule is checked without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.core.textsafe import html_ids
from tests.layout import CHROMIUM, layout

pytest.importorskip("duckdb")
needs_browser = pytest.mark.skipif(CHROMIUM is None,
                                   reason="needs chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample network, ingested; its outlets keep their action logs."""
    root = tmp_path_factory.mktemp("nobreak")
    assert run(["network", "sample", str(root / "demo"), "--lang", "en"]) == 0
    assert run(["network", "ingest", str(root / "demo" / "results"), "--org",
                str(root / "demo" / "org.yaml"), "-w", str(root / "w.duckdb"),
                "--lang", "en"]) == 0
    return root


def _write(demo: Path, name: str, *args: str) -> str:
    out = demo / name
    assert run([*args, "-o", str(out), "--force"]) == 0
    return out.read_text(encoding="utf-8")


def test_ids_are_kept_on_one_line_in_the_markup() -> None:
    cell = html_ids("SH-001 2026-11-06, daily-opening <b>&")
    assert cell == ('<span class="id">SH-001</span> <span class="id">2026-11-06</span>, '
                    '<span class="id">daily-opening</span> &lt;b&gt;&amp;')


@pytest.mark.slow  # the sample network and a browser start-up per page
@needs_browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_network_report_never_breaks_a_unit_id(demo: Path, lang: str, tmp_path: Path,
                                               ) -> None:
    page = _write(demo, f"report-{lang}.html", "network", "report", "-w",
                  str(demo / "w.duckdb"), "--lang", lang)
    assert "SH-003" in page
    seen = layout(page, tmp_path, width=900)
    assert seen["broken"] == []


@pytest.mark.slow  # the sample network and a browser start-up per page
@needs_browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ledger_headers_and_ids_fit_their_columns(demo: Path, lang: str,
                                                  tmp_path: Path) -> None:
    page = _write(demo, f"ledger-{lang}.html", "actions", "ledger", "--branch", "BJ-001",
                  "--results-dir", str(demo / "demo" / "results"), "-f", "html",
                  "--lang", lang)
    assert ("No." if lang == "en" else "序号") in page
    seen = layout(page, tmp_path)  # A4 landscape
    assert seen["broken"] == []
    assert seen["spilled"] == []
