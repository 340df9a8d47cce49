"""Issue 10, "Terminal and report injection": escape sequences (OSC title and
hyperlink, CSI clear screen), bidi overrides and other control characters in
reviewer and trainee names, notes, answers, checklist titles and texts never
reach a terminal raw, on stdout or stderr, in any human format of any command.
JSON keeps them exactly (escaped by JSON itself or as the same characters).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from branchcheck.cli import run

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

# As YAML double-quoted escapes: OSC 0 (window title), OSC 8 (hyperlink), CSI
# clear screen, a C1 CSI, BEL, carriage return, a right-to-left override.
EVIL_YAML = r"\e]0;owned\a\e]8;;http://x.invalid\e\\link\e]8;;\e\\\e[2J\x9b31m\r\u202Eevil"
EVIL = ("\x1b]0;owned\x07\x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\\x1b[2J"
        "\x9b31m\r\u202eevil")
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_controls(text: str) -> list[str]:
    """Characters a terminal would act on (line feeds aside)."""
    return sorted({ch for ch in text if ch != "\n" and (
        unicodedata.category(ch) == "Cc" or ch in BIDI)})


def hostile_checklist(folder: Path) -> Path:
    src = (DATA / "valid" / "issue-example.yaml").read_text(encoding="utf-8")
    for plain in ("Example branch check", "Hall clean and orderly", "Facilities",
                  '"Floor, counters and zones free of clutter"', "Other remarks"):
        src = src.replace(plain, f'"{plain.strip(chr(34))} {EVIL_YAML}"', 1)
    src = src.replace("en: Fits}", f'en: "Fits {EVIL_YAML}"}}', 1)
    path = folder / "hostile.yaml"
    path.write_text(src, encoding="utf-8")
    return path


def hostile_answers(folder: Path, name: str = "answers.json", reviewer: str = "Wang") -> Path:
    data = {"checklist": "example-branch-check", "branch": "SH-001", "reviewer": reviewer + EVIL,
            "answers": {"hall-tidy": {"value": "fail", "note": "dirty " + EVIL},
                        "has-atm": "pass", "atm-working": {"value": "pass", "note": EVIL},
                        "greeting-quality": 4, "product-choice": "a",
                        "no-misleading-sales": "pass", "answer-15s": 90,
                        "remarks": "remark " + EVIL}}
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")  # raw C1 characters are not YAML
    return path


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture()
def world(tmp_path: Path) -> dict[str, Path]:
    checklist = hostile_checklist(tmp_path)
    results = tmp_path / "results"
    for n in range(2):
        answers = hostile_answers(tmp_path, f"a{n}.json")
        assert run(["score", str(checklist), "--answers", str(answers),
                    "--results-dir", str(results)]) == 0
    stored = sorted(results.rglob("*.yaml"))
    assert len(stored) == 2
    return {"checklist": checklist, "results": results, "old": stored[0], "new": stored[1],
            "folder": tmp_path}


def clean_run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 1), (code, err)
    assert raw_controls(out) == [], args
    assert raw_controls(err) == [], args
    return out, err


def test_score_text_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> None:
    capsys.readouterr()
    out, _ = clean_run(capsys, "score", str(world["checklist"]), "--answers",
                       str(hostile_answers(world["folder"])), "--no-save", "--lang", "en")
    assert "Wang\\x1b]0;owned\\x07" in out  # shown, visibly, not acted on
    assert "\\u202eevil" in out


def test_score_json_keeps_control_characters_exact(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> None:
    capsys.readouterr()
    code = run(["score", str(world["checklist"]), "--answers",
                str(hostile_answers(world["folder"])), "--no-save", "-f", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["reviewer"] == "Wang" + EVIL


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_results_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path], fmt: str) -> None:
    capsys.readouterr()
    code = run(["results", "--results-dir", str(world["results"]), "-f", fmt])
    out, err = capsys.readouterr()
    assert code == 0
    if fmt == "json":
        assert json.loads(out)[0]["reviewer"] == "Wang" + EVIL
    else:
        assert raw_controls(out) == [] and raw_controls(err) == []


@pytest.mark.parametrize("fmt", ["text"])
def test_history_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path], fmt: str) -> None:
    capsys.readouterr()
    out, _ = clean_run(capsys, "history", "--branch", "SH-001", "--results-dir",
                       str(world["results"]), "--no-cache", "-f", fmt)
    if fmt == "text":
        assert "\\x1b" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_diff_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path], fmt: str) -> None:
    capsys.readouterr()
    clean_run(capsys, "diff", str(world["old"]), str(world["new"]), "-f", fmt)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path], fmt: str) -> None:
    capsys.readouterr()
    clean_run(capsys, "report", str(world["new"]), "-f", fmt)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_show_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path], fmt: str) -> None:
    out, _ = clean_run(capsys, "show", str(world["checklist"]), "-f", fmt, "--lang", "en")
    assert "Example branch check \\x1b]0;owned" in out


def test_show_json_keeps_control_characters_exact(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> None:
    capsys.readouterr()
    assert run(["show", str(world["checklist"]), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"]["en"] == "Example branch check " + EVIL


def test_list_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> None:
    out, _ = clean_run(capsys, "list", "--dir", str(world["folder"]), "--lang", "en")
    assert "example-branch-check" in out and "\\x1b" in out


def test_validate_neutralises_control_characters_in_file_names(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "x\x1b]0;owned\x07.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    for fmt in ("text", "github"):
        code = run(["validate", str(bad), "-f", fmt])
        out, err = capsys.readouterr()
        assert code == 1 and raw_controls(out + err) == [] and "\\x1b" in out


def test_error_messages_neutralise_control_characters(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "no\x1b[2Jsuch\u202e.yaml")
    assert run(["report", missing]) == 2
    assert run(["show", "--lang", "\x1b[2J", "daily-opening"]) == 2
    assert run(["list", "--\x1b]0;owned\x07"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and raw_controls(err) == [] and err.count("\\x1b") == 3


def hostile_class(folder: Path) -> tuple[Path, Path]:
    key = folder / "key.yaml"
    key.write_text("checklist: daily-opening\nanswers: {entrance-clean: pass, "
                   "opening-hours-notice: pass}\n", encoding="utf-8")
    trainees = folder / "class"
    trainees.mkdir()
    for n, answer in enumerate(("pass", "fail")):
        (trainees / f"t{n}.yaml").write_text(
            f'checklist: daily-opening\nreviewer: "trainee{n} {EVIL_YAML} <b>x</b>"\n'
            f"answers: {{entrance-clean: {answer}, opening-hours-notice: fail}}\n",
            encoding="utf-8")
    return key, trainees


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_grade_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    key, trainees = hostile_class(tmp_path)
    out, err = clean_run(capsys, "grade", str(key), str(trainees), "-f", fmt,
                         "--min-agreement", "99%", "--lang", "en")
    assert "trainee1" in err  # the names below the minimum, neutralised
    if fmt == "md":
        assert "<b>" not in out and "&lt;b&gt;" in out


def test_grade_json_keeps_names_exact(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key, trainees = hostile_class(tmp_path)
    assert run(["grade", str(key), str(trainees), "-f", "json"]) == 0
    names = {t["name"] for t in json.loads(capsys.readouterr().out)["trainees"]}
    assert f"trainee0 {EVIL} <b>x</b>" in names


def hostile_survey(folder: Path) -> Path:
    src = (ROOT / "checklists" / "satisfaction-survey.yaml").read_text(encoding="utf-8")
    src = src.replace('en: "Respondents satisfied with: system stability"',
                      f'en: "Respondents satisfied with: system stability <i>{EVIL_YAML}"', 1)
    path = folder / "survey.yaml"
    path.write_text(src, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_ipa_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    out, _ = clean_run(capsys, "ipa", str(hostile_survey(tmp_path)), "-f", fmt, "--lang", "en")
    assert "system stability" in out
    if fmt == "md":
        assert "<i>" not in out and "&lt;i&gt;" in out


def test_run_through_a_pipe_neutralises_control_characters(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    checklist = hostile_checklist(tmp_path)
    script = (f"n # {EVIL}\ny\ny\n4\na\ny\n90\nremark {EVIL}\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    out, err = clean_run(capsys, "run", str(checklist), "--branch", "SH-001", "--reviewer",
                         "Wang" + EVIL, "--results-dir", str(tmp_path / "r"), "--lang", "en")
    assert "\\x1b]0;owned" in out and "Result saved" in err
    stored = next((tmp_path / "r").rglob("*.yaml"))
    assert run(["report", str(stored), "-f", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["reviewer"] == "Wang" + EVIL  # stored exactly


def test_colour_output_keeps_its_own_styling_but_not_injected_sequences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.markup import escape
    from rich.text import Text

    from branchcheck.terminal.output import console

    monkeypatch.delenv("NO_COLOR")
    buf = io.StringIO()
    con = console(buf)
    con = type(con)(file=buf, force_terminal=True, color_system="standard", width=200,
                    highlight=False)
    con.print(f"[bold red]{escape(EVIL)}[/bold red]")
    con.print(Text("note " + EVIL, style="green"))
    shown = buf.getvalue()
    assert "\x1b[1;31m" in shown and "\x1b[32m" in shown  # rich's own colours
    assert shown.count("\\x1b]0;owned") == 2  # the injected ones are shown, not run
    assert raw_controls(re.sub(r"\x1b\[[0-9;]*m", "", shown)) == []


def test_installed_command_neutralises_escape_sequences_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "branchcheck", "report",
                           str(tmp_path / f"x{EVIL}.yaml")],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 2 and raw_controls(proc.stderr) == [] and proc.stdout == ""


def test_exercise_new_templates_stay_readable_with_control_characters_in_texts(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    checklist = hostile_checklist(tmp_path)
    clean_run(capsys, "exercise", "new", str(checklist), "-o", str(tmp_path / "ex"),
              "--names", "wang,li", "--lang", "en")
    readme = (tmp_path / "ex" / "README.md").read_text(encoding="utf-8")
    assert raw_controls(readme) == [] and "Example branch check" in readme
    for name in ("key", "answers/wang", "answers/li"):
        text = (tmp_path / "ex" / f"{name}.yaml").read_text(encoding="utf-8")
        assert raw_controls(text) == []
    # the templates read back: the blank class grades to "the key answers nothing"
    code = run(["grade", str(tmp_path / "ex" / "key.yaml"), str(tmp_path / "ex" / "answers")])
    assert code == 2 and "empty-key" in capsys.readouterr().err
