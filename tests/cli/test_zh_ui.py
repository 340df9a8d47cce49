"""One language at a time: under zh, every command's ``--help`` (its text, option
help and the framework's own words) and a representative error of every command
carry no English sentence; ids, option names, file names and product names aside."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from branchcheck.cli import app, run

# Names that stay as they are in a zh text: formats, products, standards.
KEPT = {"YAML", "JSON", "Schema", "CSV", "HTML", "Markdown", "DuckDB", "Parquet", "Hive",
        "SQL", "Ed25519", "SVG", "BOM", "UTF", "Excel", "IPA", "PDF", "JPEG", "PNG", "CI",
        "Ctrl", "ISO", "HMAC", "README", "SHA", "Spark", "Trino", "GitHub", "shell", "A4"}
THREE_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
NOT_WORDS = re.compile(
    r"(?:--?[\w-]+|\$\w+|\w+(?:,\w+)+|<[^>]*>|\S*[/\\.]\S*|[A-Z][A-Z0-9_|,.\-]+\b|\b[\w]+-[\w-]+\b"
    r"|'[^']*'|\[[A-Z.|-]+\]|\b(?:" + "|".join(KEPT) + r")\b)")


def paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        found += paths(sub, (*prefix, name))
    return found


ALL = paths(typer.main.get_command(app))
COMMAND_NAME = re.compile(r"\bbranchcheck(?: (?:" + "|".join(
    sorted({name for p in ALL for name in p}, key=len, reverse=True)) + r")\b)*")


def english(text: str) -> list[str]:
    """The runs of three or more English words left once ids and names are gone
    (``branchcheck network ingest`` is a command's name)."""
    text = COMMAND_NAME.sub(" · ", text)
    return THREE_WORDS.findall(NOT_WORDS.sub(" · ", text))


def test_the_detector_finds_english_and_passes_ids() -> None:
    assert english("Error: no such file or directory")
    assert english("Show this message and exit.")
    assert not english("用法：branchcheck run [选项] CHECKLIST  --results-dir DIR  "
                       "$BRANCHCHECK_RESULTS ./branchcheck-results daily-opening a.yaml")
    assert not english("输出格式：text、json 或 csv；JSON Schema（draft-07）")


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_WAREHOUSE", "BRANCHCHECK_REVIEWER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "100")




@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "branchcheck")
def test_every_help_is_chinese(path: tuple[str, ...],
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法："), out
    assert english(out) == [], (
        f"English left in 'branchcheck {' '.join(path)} --help' under zh: add the "
        "Chinese to branchcheck/terminal/help_zh.py (options) or help_zh_commands.py "
        "(command text), or HELP_ZH in the command's module")


def test_help_follows_lang_on_the_command_line(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    assert run(["run", "--lang", "zh", "--help"]) == 0
    assert "网点编号" in capsys.readouterr().out
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert run(["run", "--lang=en", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage:") and "Branch id" in out


# A representative error of each command (a usage error where the command has no
# input of its own to get wrong); any command not listed gets an unknown option.
ERRORS: dict[tuple[str, ...], list[str]] = {
    ("validate",): ["daily-openin"],
    ("schema",): ["nope"],
    ("list",): ["--format", "xml"],
    ("show",): ["daily-openin"],
    ("new",): ["Bad_Id"],
    ("score",): ["daily-opening", "-a", "missing.yaml"],
    ("results",): ["--branch", "SH-01"],
    ("run",): ["daily-opening", "--branch", "bad id"],
    ("grade",): ["missing.yaml", "x.yaml"],
    ("ipa",): ["nope"],
    ("diff",): ["a.yaml", "b.yaml"],
    ("history",): ["--branch", "SH-001", "--since", "2024-5-1"],
    ("report",): ["missing.yaml"],
    ("verify",): ["--branch", "SH-01"],
    ("approve",): ["missing.yaml", "--approver", "王芳"],
    ("exercise", "new"): ["nope", "-o", "out"],
    ("keys", "new"): ["--out", "keys", "--name", "../x"],
    ("network", "league"): ["--period", "2026-13"],
    ("network", "sample"): ["out", "--month", "2026-13"],
    ("network", "ingest"): ["nowhere"],
}


@pytest.mark.parametrize("path", [p for p in ALL if p], ids=" ".join)
def test_every_error_is_chinese(path: tuple[str, ...],
                                capsys: pytest.CaptureFixture[str]) -> None:
    argv = ERRORS.get(path, ["--no-such-option"])
    code = run([*path, *argv])
    _, err = capsys.readouterr()
    assert code == 2 and err, (path, err)
    assert err.startswith(("错误：", "用法：")), err
    assert english(err) == [], err
