"""Property: control characters in any text field never reach a human output raw.

Hypothesis puts C0/C1 controls, ESC sequences, DEL, bidi overrides and line
separators into every text a file can carry -- checklist title, section title,
item text, guidance, option label, reviewer, notes, text answers, trainee
names -- and runs the commands that show them. No human output (text,
Markdown, HTML; stdout and stderr) may contain a character a terminal acts on;
JSON keeps every text exactly.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.cli import run

ROOT = Path(__file__).resolve().parents[2]
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NASTY = ["\x1b[2J", "\x1b]0;t\x07", "\x1b]8;;http://x.invalid\x1b\\", "\x9b31m", "\r", "\x7f",
         "\x00", "\t", "\x85", "\u2028", "\u2029", "\x08", "\x0b", "\x0c"]

hostile = st.lists(
    st.one_of(st.sampled_from(NASTY), st.sampled_from(BIDI),
              st.characters(codec="utf-8", exclude_categories=("Cs",)),
              st.sampled_from(["王", "a", " ", "<b>", "|", "*", "#", "`"])),
    min_size=1, max_size=8).map("".join).filter(lambda s: s.strip() != "")


def raw_controls(text: str) -> list[str]:
    return sorted({ch for ch in text if ch != "\n" and (
        unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in BIDI)})


def build(folder: Path, texts: list[str]) -> tuple[Path, list[Path]]:
    """A JSON checklist and two answers files with ``texts`` in every text field."""
    data: Any = yaml.safe_load((ROOT / "tests/data/valid/issue-example.yaml").read_text("utf-8"))
    title, section, item, guidance, label, reviewer, note, answer = texts
    data["title"]["en"] = title
    data["sections"][0]["title"]["en"] = section
    data["sections"][0]["items"][0]["text"]["en"] = item
    data["sections"][0]["items"][0]["guidance"]["en"] = guidance
    data["sections"][1]["items"][1]["options"][0]["label"]["en"] = label
    checklist = folder / "hostile.json"
    checklist.write_text(json.dumps(data), encoding="utf-8")
    files = []
    for n, hall in enumerate(("fail", "pass")):
        answers = {"checklist": data["id"], "branch": "SH-001", "reviewer": reviewer,
                   "answers": {"hall-tidy": {"value": hall, "note": note}, "has-atm": "pass",
                               "atm-working": {"value": "pass", "note": note},
                               "greeting-quality": 4, "product-choice": "a",
                               "no-misleading-sales": "pass", "answer-15s": 90,
                               "remarks": answer}}
        path = folder / f"t{n}.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        files.append(path)
    return checklist, files


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 1), (args, err)
    assert raw_controls(err) == [], (args, err)
    return out


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(hostile, min_size=8, max_size=8))
def test_control_characters_in_every_text_field_never_reach_a_human_output(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        texts: list[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checklist, answers = build(folder, texts)
        results = str(folder / "results")
        human: list[str] = []
        for a in answers:
            human.append(cli(capsys, "score", str(checklist), "--answers", str(a),
                             "--results-dir", results, "--lang", "en"))
        stored = sorted(str(p) for p in (folder / "results").rglob("*.yaml"))
        human.append(cli(capsys, "results", "--results-dir", results))
        human.append(cli(capsys, "history", "--branch", "SH-001", "--results-dir", results,
                         "--no-cache"))
        for fmt in ("text", "md", "html"):
            human.append(cli(capsys, "diff", *stored, "-f", fmt, "--lang", "en"))
            if fmt != "text":
                human.append(cli(capsys, "report", stored[0], "-f", fmt, "--lang", "en"))
            if fmt != "html":
                human.append(cli(capsys, "show", str(checklist), "-f", fmt, "--lang", "en"))
                human.append(cli(capsys, "grade", str(answers[0]), str(answers[1]),
                                 "--checklist", str(checklist), "-f", fmt, "--lang", "en"))
        human.append(cli(capsys, "list", "--dir", str(folder), "--lang", "en"))
        script = f"n # {texts[6]}\ny\ny\n4\na\ny\n90\n{texts[7]}\n".replace("\r", "")
        monkeypatch.setattr(sys, "stdin", io.StringIO(script))
        human.append(cli(capsys, "run", str(checklist), "--branch", "SH-002",
                         "--reviewer", texts[5], "--results-dir", results, "--lang", "en"))
        for n, out in enumerate(human):
            assert raw_controls(out) == [], (n, out)
        exact = json.loads(cli(capsys, "report", stored[0], "-f", "json"))
        assert exact["reviewer"] == texts[5]  # kept exactly as given
        assert exact["checklist"]["title"]["en"] == texts[0]
