"""CLI conventions: grouped help in the UI language, telling metavars, shell completion,
the newest stored result by --branch, the reviewer never silently unknown, a lean --version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from branchcheck.cli import app, run

ROOT = Path(__file__).resolve().parents[2]
OLD = "tests/data/results/diff-old.yaml"
NEW = "tests/data/results/diff-new.yaml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_REVIEWER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _sections(help_text: str) -> dict[str, list[str]]:
    """Heading -> command names of the root help."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in help_text.splitlines():
        if line and not line.startswith(" ") and line.endswith((":", "：")):
            current = line[:-1]
            found[current] = []
        elif current and line.startswith("  ") and not line.startswith("   "):
            found[current].append(line.split()[0])
    return found


def test_help_groups_commands_by_who_uses_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    groups = _sections(capsys.readouterr().out)
    assert groups["Daily checks"][:6] == ["run", "score", "results", "diff", "history", "report"]
    assert groups["Checklists"] == ["list", "show", "new", "validate", "schema"]
    assert groups["Training"] == ["exercise", "grade", "ipa"]
    assert "Commands" not in groups  # no ungrouped flat list


def test_help_headings_follow_the_ui_language(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert run(["--help"]) == 0
    groups = _sections(capsys.readouterr().out)
    assert groups["日常检查"][0] == "run" and groups["培训"] == ["exercise", "grade", "ipa"]
    monkeypatch.setenv("BRANCHCHECK_LANG", "xx")  # a bad setting never breaks --help
    assert run(["--help"]) == 0
    assert "Daily checks:" in capsys.readouterr().out


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix] if prefix else []
    for name, sub in getattr(command, "commands", {}).items():
        found += _paths(sub, (*prefix, name))
    return found


def test_every_usage_and_option_says_what_it_expects(
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = _paths(typer.main.get_command(app))
    assert ("exercise", "new") in paths and len(paths) >= 14
    for path in paths:
        assert run([*path, "--help"]) == 0, path
        out = capsys.readouterr().out
        usage = out.splitlines()[0]
        assert "{" not in usage and "}" not in usage, usage  # arguments without braces
        options = out[out.index("Options:"):] if "Options:" in out else ""
        assert "<str>" not in options and "<int" not in options, (path, options)
        assert " TEXT " not in options and " INTEGER" not in options, (path, options)
    assert run(["run", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: branchcheck run [OPTIONS] CHECKLIST" in out
    assert "--branch ID" in out and "--lang zh|en" in out and "--results-dir DIR" in out
    assert run(["history", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--since DATE" in out and "--format text|json|csv" in out


def _complete(words: str, cword: int) -> list[str]:
    env = dict(os.environ, COMP_WORDS=words, COMP_CWORD=str(cword),
               _BRANCHCHECK_COMPLETE="complete_bash")
    done = subprocess.run([sys.executable, "-m", "branchcheck"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_of_commands_and_checklist_ids() -> None:
    assert sorted(_complete("branchcheck sh", 1)) == ["shop", "show"]
    assert _complete("branchcheck run da", 2) == ["daily-opening"]
    assert "excellent-service" in _complete("branchcheck show ", 2)


def test_completion_script_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--install-completion" in out and "--show-completion" in out


def test_version_needs_no_cli_framework() -> None:
    code = ("import sys, runpy\n"
            "sys.argv = ['branchcheck', '--version']\n"
            "try:\n    runpy.run_module('branchcheck', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0\n"
            "heavy = [m for m in ('typer', 'yaml', 'rich', 'jsonschema') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "branchcheck 0.1.0\n" or done.stdout.startswith("branchcheck ")


def _store_two(root: Path) -> None:
    folder = root / "SH-001" / "diff-demo"
    folder.mkdir(parents=True)
    shutil.copy(OLD, folder / "20240501T013000000000Z.yaml")
    shutil.copy(NEW, folder / "20240601T013000000000Z.yaml")


def test_report_of_the_newest_stored_result(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _store_two(tmp_path)
    assert run(["report", "--branch", "SH-001", "--checklist", "diff-demo", "-f", "json",
                "--results-dir", str(tmp_path), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    newest = json.loads(out)
    assert "20240601T013000000000Z.yaml" in err
    assert run(["report", NEW, "-f", "json", "--lang", "en"]) == 0
    by_file = json.loads(capsys.readouterr().out)
    assert newest == by_file and newest["reviewer"] == "李四"
    # the checklist may be left out when the branch has results of one checklist only
    assert run(["report", "-b", "SH-001", "-f", "json", "--results-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == by_file


@pytest.mark.parametrize("args", [
    ["report"],  # neither a file nor --branch
    ["report", NEW, "--branch", "SH-001"],  # both
    ["report", NEW, "--checklist", "diff-demo"],  # --checklist without --branch
    ["report", "--branch", "NOPE"],  # nothing stored
])
def test_report_picking_errors(args: list[str], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*args, "--results-dir", str(tmp_path), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Error: ") and "Traceback" not in err


def test_score_takes_the_reviewer_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("checklist: daily-opening\nanswers: {}\n", encoding="utf-8")
    base = ["score", "daily-opening", "-a", str(answers), "-b", "SH-001", "--lang", "en",
            "-f", "json", "--no-save"]
    assert run(base) == 0
    out, err = capsys.readouterr()
    assert "warning: no reviewer given" in err and json.loads(out)["reviewer"] == ""
    monkeypatch.setenv("BRANCHCHECK_REVIEWER", "王芳")
    assert run(base) == 0
    out, err = capsys.readouterr()
    assert "no reviewer" not in err and json.loads(out)["reviewer"] == "王芳"
    assert run([*base, "--reviewer", "李四"]) == 0
    assert json.loads(capsys.readouterr().out)["reviewer"] == "李四"
