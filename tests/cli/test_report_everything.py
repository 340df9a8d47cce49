"""Issue 10, "Reports carry everything the reviewer wrote": every text answer and
every note is in the report, in every format, not only those of failed items."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "valid" / "issue-example.yaml")
# hall-tidy fails with a note; the others pass or are answered, two with notes
ANSWERS = """\
checklist: example-branch-check
branch: SH-001
reviewer: Wang
answers:
  hall-tidy: {value: fail, note: floor by the door wet}
  has-atm: {value: pass, note: two ATMs and one cash recycler}
  atm-working: pass
  greeting-quality: 5
  product-choice: {value: a, note: fund matched the stated risk level}
  no-misleading-sales: pass
  answer-15s: 90
  remarks: queue screen shows the old opening hours
"""
WRITTEN = ["floor by the door wet", "two ATMs and one cash recycler",
           "fund matched the stated risk level", "queue screen shows the old opening hours"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture()
def stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    assert run(["score", CHECKLIST, "--answers", str(answers),
                "--results-dir", str(tmp_path / "r")]) == 0
    capsys.readouterr()
    return str(next((tmp_path / "r").rglob("*.yaml")))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def report(capsys: pytest.CaptureFixture[str], path: str, fmt: str, lang: str) -> str:
    assert run(["report", path, "-f", fmt, "--lang", lang]) == 0
    out = capsys.readouterr().out
    if fmt == "html":
        parser = _Text()
        parser.feed(out)
        return " ".join(parser.parts)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_report_carries_every_text_answer_and_every_note(
        capsys: pytest.CaptureFixture[str], stored: str, fmt: str, lang: str) -> None:
    text = report(capsys, stored, fmt, lang)
    for written in WRITTEN:
        assert text.count(written) == 1, (fmt, written)


def test_report_md_lists_noted_and_text_items_once_and_passed_ones_without_notes_not(
        capsys: pytest.CaptureFixture[str], stored: str) -> None:
    text = report(capsys, stored, "md", "en")
    written = text.split("## Written answers and notes (3)")[1]
    headings = [line for line in written.splitlines() if line.startswith("### ")]
    assert headings == ["### Facilities / Branch has self-service machines",
                        "### Service / Product suggested fits the customer",
                        "### Service / Other remarks"]
    assert "atm-working" not in text and "no-misleading-sales" not in text
    assert "Items that passed without a note are not listed." in text


def test_report_csv_and_json_keep_every_item(capsys: pytest.CaptureFixture[str],
                                              stored: str) -> None:
    rows = list(csv.DictReader(io.StringIO(report(capsys, stored, "csv", "en").lstrip("\ufeff"))))
    assert len(rows) == 8
    items = json.loads(report(capsys, stored, "json", "en"))["items"]
    assert [i["id"] for i in items] == [r["item"] for r in rows]
