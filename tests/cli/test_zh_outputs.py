"""One language at a time, in what the commands print: under zh, the text, Markdown and
HTML outputs of the department's capabilities (complaints, mystery shopping, corrective
actions, training, verification, the network figures) and their messages carry no English
word; ids (of checklists, items, units, cases), codes, paths and format names aside."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from branchcheck.cli import run
from tests.cli.test_zh_ui import stray_words

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
IDS = {word for path in [*ROOT.glob("checklists/*.yaml"), ROOT / "tests/data/scoring/weights.yaml"]
       for word in re.findall(r"\bid: *([a-z][\w-]*)", path.read_text(encoding="utf-8"))}
"""Ids of the bundled checklists and their items (``farewell`` is an item, not a word)."""
CODES = {"fees", "McNemar"}
"""A code stored in files and echoed as such (a complaint's category); a test's name."""


def said(text: str) -> list[str]:
    """The stray English words of an output (HTML read as a person reads it)."""
    if "<html" in text:
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return [w for w in stray_words(text) if w not in IDS | CODES]


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_REVIEWER",
                "BRANCHCHECK_COMPLAINT_RULES", "BRANCHCHECK_ORG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # checklists seen before
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2025-10-13")
    monkeypatch.setenv("USER", "王芳")
    monkeypatch.setenv("COLUMNS", "120")


def chinese(capsys: pytest.CaptureFixture[str], *argv: str,
            code: int | tuple[int, ...] = 0) -> str:
    assert run(list(argv)) in ((code,) if isinstance(code, int) else code), capsys.readouterr()
    out, err = capsys.readouterr()
    assert said(out) == [] and said(err) == [], (argv, out, err)
    return out


def test_complaints(capsys: pytest.CaptureFixture[str]) -> None:
    chinese(capsys, "complaints", "new", "--branch", "SH-001", "--channel", "hotline",
            "--received", "2025-09-30T11:00+08:00", "--promise-days", "2", "--category",
            "fees", "--asks", "退还手续费")
    assert run(["complaints", "list", "-f", "csv"]) == 0
    case = re.findall(r"C-[0-9A-F]{8}", capsys.readouterr().out)[0]
    chinese(capsys, "complaints", "step", case, "accept", "--handler", "王芳",
            "--at", "2025-09-30T11:30+08:00")
    chinese(capsys, "complaints", "step", case, "communicate", "--at", "2025-10-13T09:00+08:00")
    chinese(capsys, "complaints", "extend", case, "--reason", "需要调查", "--approver", "李明")
    for fmt in ("text", "md"):
        chinese(capsys, "complaints", "list", "--status", "all", "-f", fmt)
    chinese(capsys, "complaints", "show", case)
    for fmt in ("md", "html"):
        chinese(capsys, "complaints", "register", "--branch", "SH-001", "-f", fmt)
    chinese(capsys, "complaints", "close", case, code=2)  # no decision told yet


def test_shop_and_training(capsys: pytest.CaptureFixture[str]) -> None:
    chinese(capsys, "shop", "sample", "demo")
    chinese(capsys, "shop", "plan", "--org", "demo/org.yaml", "--wave", "2027H1", "--visits",
            "12", "--seed", "7", "--from", "2027-03-01", "--to", "2027-04-30", "-o", "plan.yaml")
    chinese(capsys, "shop", "assign", "plan.yaml", "--roster", "demo/roster.csv", "--from",
            "2027-03-01", "--to", "2027-04-30", "--seed", "7", "-f", "md")
    chinese(capsys, "shop", "import", "demo/delivery.csv", "--mapping", "demo/mapping.yaml",
            "--results-dir", "demo/results")
    for fmt in ("text", "md", "html"):
        chinese(capsys, "shop", "report", "--wave", "2026H2", "--results-dir", "demo/results",
                "-f", fmt)
    chinese(capsys, "shop", "appeal", "list", "--results-dir", "demo/results")
    chinese(capsys, "exercise", "new", "daily-opening", "-o", "course", "--trainees", "2")
    chinese(capsys, "grade", "course/key.yaml", "course/answers", code=2)  # an empty key


def test_actions_and_verification(capsys: pytest.CaptureFixture[str]) -> None:
    chinese(capsys, "score", str(DATA / "scoring" / "weights.yaml"), "-a",
            str(DATA / "answers" / "weights-base.yaml"), "--branch", "SH-001",
            "--reviewer", "王芳", "--results-dir", "r")
    for fmt in ("text", "md"):
        chinese(capsys, "actions", "list", "--results-dir", "r", "-f", fmt)
    for fmt in ("md", "html"):
        chinese(capsys, "actions", "ledger", "--branch", "SH-001", "--results-dir", "r",
                "-f", fmt)
    # 1 where the checklist (a test file) is not found; 0 where this process met it before
    out = chinese(capsys, "verify", "--branch", "SH-001", "--results-dir", "r", code=(0, 1))
    assert out.startswith(("不通过 SH-001 / weights-demo：1 个结果",
                           "通过 SH-001 / weights-demo：1 个结果")), out


@pytest.mark.slow
def test_network(capsys: pytest.CaptureFixture[str]) -> None:
    chinese(capsys, "network", "sample", "demo", "--month", "2026-11")
    chinese(capsys, "network", "ingest", "demo/results", "demo/inspections",
            "--org", "demo/org.yaml")
    for view in (["league", "--level", "sub-branch"], ["league", "--composite"], ["honesty"],
                 ["honesty", "--by", "item"], ["items", "--top", "5"], ["trend"],
                 ["complaints"], ["missing"], ["actions"], ["waiting"],
                 ["audit-sample", "--seed", "1"]):
        for fmt in ("text", "md"):
            chinese(capsys, "network", *view, "-f", fmt)
    for fmt in ("md", "html"):
        chinese(capsys, "network", "report", "-f", fmt)
