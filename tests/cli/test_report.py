"""``branchcheck report`` through the public CLI (and once from a subprocess)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.cli import run

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SAMPLE = str(DATA / "results" / "report-sample.yaml")


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")  # messages do not depend on the locale


def test_markdown_to_stdout_is_the_golden(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["report", SAMPLE, "--lang", "zh"]) == 0
    out, err = capsys.readouterr()
    assert out == (DATA / "expected" / "report-sample-zh.md").read_text(encoding="utf-8")
    assert err == ""


def test_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert run(["report", SAMPLE]) == 0
    assert "## 不通过项 (4)" in capsys.readouterr().out
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    assert run(["report", SAMPLE]) == 0
    assert "## Failed items (4)" in capsys.readouterr().out


def test_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["report", SAMPLE, "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "branchcheck-result/2" and len(data["items"]) == 8
    assert data["integrity"]["state"] == "legacy" and data["integrity"]["ok"] is False
    assert "older version" in data["integrity"]["reason"]
    proc = subprocess.run([sys.executable, "-m", "branchcheck", "report", SAMPLE, "-f", "csv"],
                          capture_output=True, check=False, cwd=ROOT)
    assert proc.returncode == 0 and proc.stderr == b""
    assert proc.stdout.startswith(b"\xef\xbb\xbfbranch,") and proc.stdout.count(b"\r\n") == 9
    assert b",'=1+1," in proc.stdout


def test_html_with_history_has_a_trend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "SH-001" / "diff-demo"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "results" / "diff-old.yaml", folder / "20240501T013000000000Z.yaml")
    newest = folder / "20240601T013000000000Z.yaml"
    shutil.copy(DATA / "results" / "diff-new.yaml", newest)
    out_file = tmp_path / "report.html"
    assert run(["report", str(newest), "-f", "html", "--history", "--results-dir",
                str(tmp_path), "-o", str(out_file), "--lang", "en"]) == 0
    html = out_file.read_text(encoding="utf-8")
    assert "Overall score trend" in html and html.count("<circle") == 2
    assert "<polyline" in html and "2024-05-01 09:30" in html and "2024-06-01 09:30" in html
    assert f"wrote {out_file}" in capsys.readouterr().err
    # The older result's report only shows history up to itself.
    assert run(["report", str(folder / "20240501T013000000000Z.yaml"), "-f", "html",
                "--history", "--results-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("<circle") == 1


def test_output_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep me", encoding="utf-8")
    assert run(["report", SAMPLE, "-o", str(target)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run(["report", SAMPLE, "-o", str(target), "--force", "--lang", "en"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Example branch check")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("argv", "message"), [
    (["report", SAMPLE, "-f", "pdf"], "unknown format 'pdf'"),
    (["report", SAMPLE, "--history"], "--history is only for --format html"),
    (["report", "nowhere.yaml"], "nowhere.yaml: error: no such file"),
    (["report", SAMPLE, "--lang", "fr"], "unknown language 'fr'"),
    (["report", SAMPLE, "-o", str(DATA)], "is a directory"),
])
def test_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Error: ") and message in err


def test_invalid_result_names_line_and_column(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    lines = Path(SAMPLE).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("coverage:"))
    lines[line - 1] = "coverage: lots"
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(["report", str(bad), "-o", str(tmp_path / "out.md")]) == 2
    err = capsys.readouterr().err
    head, located = err.splitlines()
    assert head == f"Error: {bad}: not a valid result file"
    assert located.startswith(f"{bad}:{line}:11: error: ") and "lots" in located
    assert "Traceback" not in err
    assert not (tmp_path / "out.md").exists()


def test_history_of_a_copy_has_each_result_once(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "SH-001" / "diff-demo"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "results" / "diff-old.yaml", folder / "20240501T013000000000Z.yaml")
    shutil.copy(DATA / "results" / "diff-new.yaml", folder / "20240601T013000000000Z.yaml")
    # a copy of the newest stored result, e.g. mailed to the area manager
    assert run(["report", str(DATA / "results" / "diff-new.yaml"), "-f", "html", "--history",
                "--results-dir", str(tmp_path), "--lang", "en"]) == 0
    html = capsys.readouterr().out
    assert html.count("<circle") == 2 and html.count("2024-06-01 09:30: ") == 1


def test_messages_are_chinese_in_zh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.html"
    assert run(["report", SAMPLE, "-f", "html", "-o", str(target), "--lang", "zh"]) == 0
    assert capsys.readouterr().err == f"已写入 {target}\n"
    assert run(["report", SAMPLE, "--history", "--lang", "zh"]) == 2
    assert "--history 只用于 --format html" in capsys.readouterr().err
