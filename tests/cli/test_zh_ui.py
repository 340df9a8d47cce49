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
from branchcheck.terminal.output import width

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
    # Not even one word: the framework's extras ([default: …; 0<=x<=9; required]) are
    # translated, and wrapping by display width never cuts a word in two.
    assert stray_words(out) == [], out
    assert max(width(line) for line in out.splitlines()) <= 100, out


# Words a zh help may show besides its own options, metavars, values and command names
# (those are read from the help itself): format names, keys of files a user writes,
# values and defaults quoted in a sentence, a statistic and a formula.
VALUES = {"json", "csv", "html", "md", "text", "yaml", "xlsx", "parquet",
          "answers", "checklist", "org", "result", "holidays", "workdays", "verifiers",
          "available", "branch", "self", "other", "signing", "regression", "knockout", "drop",
          "kappa", "ceil", "sqrt"}
WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9_]*(?![\w-])")
TERMS = re.compile(r"^  (\S(?:\S| (?! ))*)", re.M)
"""The first column of a help's rows (an option, argument or command and what it takes)."""
USAGE = re.compile(r"^用法：.*(?:\n {4,}\S.*)*", re.M)


def stray_words(text: str) -> list[str]:
    """ASCII words of a zh ``--help`` that are no option, metavar, value or name the help
    itself lists, nor an id: one is enough (Click's ``required`` left in a bracket, a
    value cut in two by wrapping: ``sho``/``pper``)."""
    shown = {w for m in TERMS.finditer(text) for w in re.findall(r"[A-Za-z]\w*", m.group(1))}
    text = USAGE.sub(" · ", text)  # the command's own metavars and choices
    text = NOT_WORDS.sub(" · ", COMMAND_NAME.sub(" · ", text))
    names = {name for p in ALL for name in p}
    return [w for w in WORD.findall(text) if len(w) > 1 and not re.search(r"[\d_]", w)
            and w not in shown | names | KEPT | VALUES]


def test_the_strict_detector_finds_one_word() -> None:
    assert stray_words("  --visits N   本期暗访次数。  [x>=1; required]") == ["required"]
    assert stray_words("  --source all|shopper   只看：inspection（检查）、sho\n"
                       "                 pper（暗访）") == ["inspection", "sho", "pper"]
    assert stray_words("  --source all|shopper|inspection   只看：inspection（检查）、"
                       "shopper；见 docs/x.md，$BRANCHCHECK_RESULTS，daily-opening。") == []


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
    ("exercise", "new"): ["daily-opening", "-o", "out"],
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
    said = ALLOWED_KEYS.sub(" · ", err)
    for arg in argv:  # what the user typed is quoted back
        said = said.replace(arg, " · ")
    assert english(err) == [] and stray_words(said) == [], err


@pytest.mark.parametrize(("argv", "said"), [
    (["report", "{data}/results/report-sample.yaml", "-f", "md"], "已写入 {out}"),
    (["ipa", "satisfaction-survey", "-f", "md"], "报告已写入：{out}"),
    (["complaints", "register", "--branch", "SH-001", "--results-dir", "{tmp}"], "已写入 {out}"),
], ids=["report", "ipa", "complaints register"])
def test_a_written_file_is_announced_in_chinese(argv: list[str], said: str,
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The one notice of every ``-o FILE`` (commands/options.emit) follows the UI language."""
    data = Path(__file__).resolve().parents[1] / "data"
    out = tmp_path / "doc.md"
    assert run([a.format(data=data, tmp=tmp_path) for a in argv] + ["-o", str(out)]) == 0
    assert out.is_file()
    err = capsys.readouterr().err
    assert err == said.format(out=out) + "\n", err


# A stored or hand-written file that is not what it should be, given to every command
# that reads one: the whole message (the problem's frame, severity and wording) is
# Chinese; keys, ids and the parser's quoted text aside.
BAD_FILES = {
    "syntax": "a: [1, 2\n",
    "indent": "a: 1\n b: 2\n",
    "duplicate": "version: 1\nversion: 2\n",
    "list": "- 1\n- 2\n",
    "empty": "",
    "shape": "version: [1]\n",
}
READERS: dict[str, list[str]] = {
    "score": ["score", "daily-opening", "-a", "{bad}"],
    "report": ["report", "{bad}"],
    "diff": ["diff", "{bad}", "{bad}"],
    "approve": ["approve", "{bad}", "--approver", "王芳"],
    "validate": ["validate", "{bad}"],
    "show": ["show", "{bad}"],
    "exercise new": ["exercise", "new", "{bad}", "-o", "out", "--trainees", "2"],
    "shop plan": ["shop", "plan", "--org", "{bad}", "--wave", "W", "--visits", "3",
                  "--seed", "1"],
    "shop assign": ["shop", "assign", "{bad}", "--roster", "r.csv", "--from", "2027-03-01",
                    "--to", "2027-03-31", "--seed", "1"],
    "network ingest": ["network", "ingest", ".", "--org", "{bad}"],
    "complaints new": ["complaints", "new", "--branch", "SH-001", "--channel", "hotline",
                       "--received", "2026-01-05T10:00+08:00", "--promise-days", "2",
                       "--rules", "{bad}"],
}
ALLOWED_KEYS = re.compile(r"（可用：[^）]*）|\[[a-z][\w-]*\]|(?<=错误: )[\w.-]+: |\{zh, en\}")
"""Key names: the allowed ones, a problem's rule id, the key a problem is about."""


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("command", READERS)
def test_a_bad_file_is_reported_in_chinese(command: str, kind: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILES[kind], encoding="utf-8")
    code = run([a.format(bad=bad) for a in READERS[command]])
    out, err = capsys.readouterr()
    assert code in (1, 2), (code, out, err)
    said = ALLOWED_KEYS.sub(" · ", out + err)
    assert "错误" in said and stray_words(said) == [], said


def test_the_yaml_parser_is_said_in_chinese(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Located as before; the parser's problem in words a branch head reads."""
    bad = tmp_path / "bad.yaml"
    bad.write_text('a: "x\n', encoding="utf-8")
    assert run(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{bad}:2:1: 错误: YAML 语法错误：文件意外结束（引号没有闭合？）（所在的带引号文字从第 1 行"
        "第 4 列开始） [yaml-syntax]",
        "不通过：检查 1 个文件，1 个无效，1 个错误，0 个警告"]


def test_a_value_out_of_range_says_the_range_as_the_help_does(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["shop", "plan", "--org", "o.yaml", "--wave", "W", "--visits", "0",
                "--seed", "1"]) == 2
    assert capsys.readouterr().err.endswith("错误：'--visits' 的值无效：0 超出范围（至少 1）。\n")


@pytest.mark.parametrize("argv", [
    ["shop", "sample", "demo"],
    ["exercise", "new", "daily-opening", "-o", "course", "--trainees", "2"],
], ids=" ".join)
def test_files_that_would_be_overwritten_are_refused_in_chinese(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """The file-safety messages (core/fsafe.py) follow the UI language."""
    assert run(argv) == 0
    capsys.readouterr()
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and ("已存在" in err or "已有" in err), err
    assert stray_words(err) == [], err


ORG = ("format: branchcheck-org/1\n{extra}units:\n"
       "  - {{id: HO, kind: head-office, name: {{zh: 总行}}}}\n")
BAD_ORGS = {
    "duplicate": ORG.format(extra="")
    + "  - {id: HO, kind: branch, name: {zh: 分行}}\n",
    "unknown parent": ORG.format(extra="")
    + "  - {id: B, kind: branch, parent: X, name: {zh: 分行}}\n",
    "closes first": ORG.format(extra="") + "  - {id: B, kind: branch, parent: HO, "
    "name: {zh: 分行}, opened: 2026-02-01, closed: 2026-01-01}\n",
    "time zone": ORG.format(extra="timezone: Mars/Olympus\n"),
    "cycle": ORG.format(extra="") + "  - {id: A, kind: branch, parent: B, name: {zh: 甲}}\n"
                                    "  - {id: B, kind: branch, parent: A, name: {zh: 乙}}\n",
    "csv header": "id,kind,parent,name_zh,name_en\nHO,head-office,,总行,\n",
    "csv rows": "id,name_zh,name_en,parent,kind,opened\nHO,总行,,,head-office,2026-13-01\n"
                "B,,,Q Q,branch,\nC,丙\n",
}


@pytest.mark.parametrize("kind", BAD_ORGS)
def test_a_bad_organisation_directory_is_reported_in_chinese(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / ("org.csv" if kind.startswith("csv") else "org.yaml")
    org.write_text(BAD_ORGS[kind], encoding="utf-8")
    assert run(["shop", "plan", "--org", str(org), "--wave", "W", "--visits", "3",
                "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and stray_words(ALLOWED_KEYS.sub(" · ", err)) == [], err


def test_a_bad_roster_and_delivery_are_reported_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Mystery shopping's own files: the shoppers' roster and the firm's delivery."""
    assert run(["shop", "sample", "demo"]) == 0
    assert run(["shop", "plan", "--org", "demo/org.yaml", "--wave", "W", "--visits", "6",
                "--seed", "1", "-o", "plan.yaml"]) == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,home_units,max_per_day,available\nM 1,甲,SH;x y,0,someday\n"
                      "M2,乙,SH,1,\nM2,乙,SH,1,2027-02-01..2027-01-01\n", encoding="utf-8")
    delivery = tmp_path / "demo" / "delivery.csv"
    header, first, *rest = delivery.read_text(encoding="utf-8").splitlines()
    cells = first.split(",")
    cells[1:6] = ["B B", "2027-13-01", "25:00", "-5", "x" * 40]
    cells[8] = "也许"
    delivery.write_text("\n".join([header, ",".join(cells), rest[0], rest[0]]) + "\n",
                        encoding="utf-8")
    capsys.readouterr()
    for argv in (["shop", "assign", "plan.yaml", "--roster", str(roster), "--from",
                  "2027-03-01", "--to", "2027-03-31", "--seed", "1"],
                 ["shop", "import", str(delivery), "--mapping", "demo/mapping.yaml",
                  "--results-dir", "r"]):
        assert run(argv) == 2
        err = capsys.readouterr().err
        assert err.count("错误") > 3 and stray_words(ALLOWED_KEYS.sub(" · ", err)) == [], err


MORE_ERRORS = [
    ["list", "--dir", "nowhere"],
    ["show", "daily-opening", "-f", "md", "--sources"],
    ["complaints", "register", "--branch", "SH-001", "--since", "2026-13-01"],
    ["complaints", "register", "--branch", "SH-001", "--since", "26-1-1"],
    ["ipa", "satisfaction-survey", "--checklist", "x"],
    ["grade", "k.yaml", "a.yaml", "--min-agreement", "2"],
    ["exercise", "new", "daily-opening", "-o", "c", "--names", "甲,甲"],
    ["validate", "--sources", "nowhere", "x.yaml"],
]


@pytest.mark.parametrize("argv", MORE_ERRORS, ids=" ".join)
def test_more_errors_are_chinese(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    said = ALLOWED_KEYS.sub(" · ", err)
    for arg in argv:
        said = said.replace(arg, " · ")
    assert err.startswith("错误：") and stray_words(said) == [], err


def test_a_bad_fixed_day_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2026-13-01")
    assert run(["complaints", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：BRANCHCHECK_TODAY '2026-13-01' 不是"), err
