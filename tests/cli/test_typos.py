"""A mistyped id never looks like "all clear": a branch, checklist or item id with
nothing behind it is an error (exit 2) naming the nearest known ids, in zh and en."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "scoring" / "weights.yaml")
BASE = DATA / "answers" / "weights-base.yaml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_REVIEWER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """SH-001 with one stored result of weights-demo (and its open actions)."""
    folder = tmp_path / "results"
    assert run(["score", CHECKLIST, "-a", str(BASE), "-b", "SH-001",
                "--results-dir", str(folder)]) == 0
    capsys.readouterr()
    return folder


@pytest.mark.parametrize("argv", [
    ["results", "--branch", "SH-01"],
    ["actions", "list", "--branch", "SH-01"],
    ["actions", "ledger", "--branch", "SH-01"],
    ["history", "--branch", "SH-01"],
    ["diff", "--branch", "SH-01"],
    ["report", "--branch", "SH-01"],
    ["verify", "--branch", "SH-01"],
])
def test_a_mistyped_branch_names_the_stored_one(root: Path, capsys: pytest.CaptureFixture[str],
                                                argv: list[str]) -> None:
    code, out, err = cli(capsys, *argv, "--results-dir", str(root))
    assert (code, out) == (2, "")
    assert "no stored results for branch SH-01" in err and "did you mean SH-001?" in err


def test_in_chinese_and_with_nothing_near(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "actions", "list", "--branch", "SH-01", "--results-dir",
                       str(root), "--lang", "zh")
    assert code == 2 and "没有网点 SH-01 的已保存结果" in err and "是不是 SH-001？" in err
    code, _, err = cli(capsys, "results", "--branch", "ZZ-777", "--results-dir", str(root))
    assert code == 2 and "did you mean" not in err and "branches stored: SH-001" in err
    code, _, err = cli(capsys, "results", "--branch", "SH-001", "--results-dir",
                       str(root / "nowhere"))
    assert code == 2 and "no stored results for branch SH-001" in err


def test_the_real_branch_still_lists(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "actions", "list", "--branch", "SH-001", "--results-dir",
                       str(root))
    assert code == 0 and "SH-001" in out
    code, out, _ = cli(capsys, "results", "--branch", "SH-001", "--results-dir", str(root))
    assert code == 0 and "weights-demo" in out


def test_a_mistyped_stored_checklist(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["results"], ["results", "--branch", "SH-001"],
                 ["history", "--branch", "SH-001"]):
        code, out, err = cli(capsys, *argv, "--checklist", "weights-dem",
                             "--results-dir", str(root))
        assert (code, out) == (2, ""), argv
        assert "did you mean weights-demo?" in err, argv


@pytest.mark.parametrize("argv", [
    ["validate", "daily-openin"], ["show", "daily-openin"],
    ["run", "daily-openin", "--branch", "SH-001"], ["score", "daily-openin", "-a", "-"],
])
def test_a_mistyped_bundled_checklist(argv: list[str], capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert "no bundled checklist or file named 'daily-openin'" in err
    assert "did you mean daily-opening?" in err
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    code, _, err = cli(capsys, *argv)
    assert code == 2 and "是不是 daily-opening？" in err


def test_a_missing_file_path_stays_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "validate", "nowhere/daily-opening.yaml")
    assert code == 2 and err == "Error: nowhere/daily-opening.yaml: no such file or directory\n"


def test_a_mistyped_item_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(BASE.read_text(encoding="utf-8").replace("  tidy: pass", "  tidyy: pass"),
                       encoding="utf-8")
    code, _, err = cli(capsys, "score", CHECKLIST, "-a", str(answers), "--no-save")
    assert code == 2 and "'weights-demo' has no item 'tidyy'; did you mean tidy?" in err
    bad = tmp_path / "when.yaml"
    bad.write_text((DATA / "valid" / "issue-example.yaml").read_text(encoding="utf-8").replace(
        "when: {item: has-atm,", "when: {item: has-atn,"), encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(bad))
    assert code == 1 and "unknown item 'has-atn'; did you mean has-atm?" in out
