"""``branchcheck diff`` through the public CLI: formats, gates, store mode, errors."""

from __future__ import annotations

import dataclasses
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.core.model import Result
from branchcheck.results import storage

ROOT = Path(__file__).resolve().parents[2]
OLD = "tests/data/results/diff-old.yaml"
NEW = "tests/data/results/diff-new.yaml"


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # golden files name the inputs by their relative paths
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")  # messages do not depend on the locale


def store(root: Path) -> Path:
    folder = root / "SH-001" / "diff-demo"
    folder.mkdir(parents=True)
    shutil.copy(OLD, folder / "20240501T013000000000Z.yaml")
    shutil.copy(NEW, folder / "20240601T013000000000Z.yaml")
    return folder


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_matches_golden(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    assert run(["diff", OLD, NEW, "--format", "md", "--lang", lang]) == 0
    out, err = capsys.readouterr()
    assert out == (ROOT / "tests" / "data" / "expected" / f"diff-demo-{lang}.md").read_text(
        encoding="utf-8")
    assert err == ""


def test_text_lists_regressions_first_without_colour(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", OLD, NEW, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert out.index("regressed (4)") < out.index("improved (3)") < out.index("removed (1)")
    assert "Different checklist versions (v1 → v2)" in out
    assert "knockout triggered" in out and "still failing" in out


def test_json_layout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", OLD, NEW, "-f", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = {i["id"]: i for i in data["items"]}
    assert items["s-ko"]["change"] == "regressed"
    assert items["s-ko"]["flags"] == ["knockout_triggered"]
    assert items["s-ko"]["old"] == {"status": "pass", "value": "pass", "fraction": 1.0}
    assert items["f-new"]["old"] is None and items["f-gone"]["new"] is None
    assert data["overall"] == {"old": 55.0, "new": 45.0, "delta": -10.0}
    assert data["sections"][1]["id"] == "service" and data["sections"][1]["delta"] == -70.0
    assert data["sections"][1]["raw"] == {"old": 70.0, "new": 50.0, "delta": -20.0}
    assert data["checklist"]["version_changed"] is True and data["notes"]
    assert data["grade"] == {"old": "Needs work", "new": "Needs work", "changed": False}


@pytest.mark.parametrize(("gates", "code", "fired"), [
    (["regression"], 1, ["regression"]),
    (["knockout"], 1, ["knockout"]),
    (["drop:10"], 0, []),
    (["drop:9"], 1, ["drop:9"]),
    (["drop:50", "knockout"], 1, ["knockout"]),
    ([], 0, []),
])
def test_gates(capsys: pytest.CaptureFixture[str], gates: list[str], code: int,
               fired: list[str]) -> None:
    argv = ["diff", OLD, NEW, "-f", "json"]
    for g in gates:
        argv += ["--fail-on", g]
    assert run(argv) == code
    out, err = capsys.readouterr()
    assert [g["gate"] for g in json.loads(out)["gates"] if g["fired"]] == fired
    for g in fired:
        assert f"--fail-on {g} fired" in err


def test_improvement_passes_every_gate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", NEW, OLD, "--fail-on", "drop:0", "-f", "md"]) == 0
    assert "fired" not in capsys.readouterr().err


def test_bad_gate_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", OLD, NEW, "--fail-on", "drop:lots"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "invalid --fail-on 'drop:lots'" in err and "Traceback" not in err


def _current(result: Result) -> Result:
    """A legacy fixture as a current result: its grade's band recorded (format 2 needs it)."""
    grade = result.score.grade
    return dataclasses.replace(result, checklist_grades=(grade,) if grade else ())


def test_different_checklists_are_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    other = dataclasses.replace(_current(storage.read_result(NEW)), checklist_id="other-list")
    path = storage.write_result(other, path=tmp_path / "other.yaml")
    assert run(["diff", OLD, str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot compare results of different checklists" in err and "other-list" in err


def test_other_branch_is_compared_and_said(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    other = dataclasses.replace(_current(storage.read_result(NEW)), branch="BJ-002")
    path = storage.write_result(other, path=tmp_path / "bj.yaml")
    assert run(["diff", OLD, str(path), "-f", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cross_branch"] is True
    assert "Comparing different branches: SH-001 → BJ-002." in data["notes"]


def test_html_escapes_hostile_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _current(storage.read_result(NEW))
    items = tuple(dataclasses.replace(i, text={"en": "<script>alert(1)</script>"})
                  if i.id == "f-regress" else i for i in new.score.items)
    hostile = dataclasses.replace(new, score=dataclasses.replace(new.score, items=items))
    path = storage.write_result(hostile, path=tmp_path / "hostile.yaml")
    assert run(["diff", OLD, str(path), "-f", "html", "--lang", "en"]) == 0
    html = capsys.readouterr().out
    tags: list[str] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append(tag)  # type: ignore[method-assign]
    parser.feed(html)
    assert "script" not in tags and "&lt;script&gt;" in html and "table" in tags


def test_store_mode_and_against(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store(tmp_path)
    assert run(["diff", "--branch", "SH-001", "--results-dir", str(tmp_path), "-f", "json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["old"]["reviewer"] == "张三" and data["new"]["reviewer"] == "李四"
    assert "comparing" in err
    assert run(["diff", "-b", "SH-001", "-c", "diff-demo", "--against", "2",
                "--results-dir", str(tmp_path)]) == 2
    assert "--against 2 needs at least 3" in capsys.readouterr().err


def test_store_mode_uses_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    store(tmp_path)
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path))
    assert run(["diff", "-b", "SH-001", "-f", "md"]) == 0
    assert capsys.readouterr().out.startswith("# ")


@pytest.mark.parametrize(("argv", "message"), [
    (["diff", OLD], "give two result files"),
    (["diff", OLD, NEW, "--branch", "SH-001"], "not both"),
    (["diff", "--branch", "../x"], "invalid branch id"),
    (["diff", "--branch", "NONE"], "no stored results"),
    (["diff", "--branch", "SH-001", "-c", "../x"], "invalid checklist id"),
    (["diff", OLD, NEW, "--against", "2"], "go with --branch"),
    (["diff", OLD, NEW, "-f", "xml"], "unknown format 'xml'"),
    (["diff", OLD, "missing.yaml"], "missing.yaml: error: no such file"),
])
def test_usage_and_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                argv: list[str], message: str) -> None:
    assert run([*argv, "--results-dir", str(tmp_path)] if "--branch" in argv else argv) == 2
    out, err = capsys.readouterr()
    assert message in err and err.startswith("Error: ") and out == ""


def test_tampered_result_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(NEW).read_text(encoding="utf-8").replace("final: 45.0", "final: 95.0", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    assert run(["diff", OLD, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "does not match" in err and "[tampered]" in err


def test_output_file_is_written_once_unless_forced(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "diff.md"
    assert run(["diff", OLD, NEW, "-f", "md", "-o", str(target)]) == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# ") and capsys.readouterr().out == ""
    assert run(["diff", OLD, NEW, "-f", "json", "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == first
    assert run(["diff", OLD, NEW, "-f", "json", "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "branchcheck-diff/1"
    assert run(["diff", OLD, NEW, "-o", str(tmp_path / "diff.txt")]) == 0
    assert "regressed (4)" in (tmp_path / "diff.txt").read_text(encoding="utf-8")


def test_chinese_text_is_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.terminal.output import width

    assert run(["diff", OLD, NEW, "--lang", "zh"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines()
             if " → " in ln and ln.startswith("  ") and "注意" not in ln]
    assert len(lines) == 13  # every changed or flagged item
    arrows = {width(ln[: ln.index(" → ")]) for ln in lines}
    assert len(arrows) == 1, lines


def test_sections_show_raw_deltas_and_cleared_knockouts(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", OLD, NEW, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    service = next(ln for ln in out.splitlines() if ln.startswith("Service "))
    back = next(ln for ln in out.splitlines() if ln.startswith("Back office "))
    assert service.split() == ["Service", "70.0", "0.0", "-70.0", "-20.0", "knocked", "out"]
    assert back.split() == ["Back", "office", "0.0", "100.0", "+100.0", "+50.0", "knockout",
                            "cleared"]
    assert run(["diff", OLD, NEW, "-f", "html", "--lang", "en"]) == 0
    html = capsys.readouterr().out
    assert "<th>Raw Δ</th>" in html.replace(' class="num"', "") and "knockout cleared" in html


def test_messages_are_chinese_in_zh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store(tmp_path)
    target = tmp_path / "diff.json"
    assert run(["diff", "-b", "SH-001", "--results-dir", str(tmp_path), "-f", "json",
                "-o", str(target), "--lang", "zh", "--fail-on", "regression",
                "--fail-on", "knockout", "--fail-on", "drop:5"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "比较 " in err and f"已写入 {target}" in err
    assert "--fail-on regression 已触发：4 个项目退步" in err
    assert "--fail-on knockout 已触发：1 个否决项新出现不通过：s-ko" in err
    assert "--fail-on drop:5 已触发：总分（得分）下降 10.0 分" in err
    for english in ("comparing", "wrote", "fired", "item(s)", "dropped"):
        assert english not in err
    gates = json.loads(target.read_text(encoding="utf-8"))["gates"]
    assert [g["reason"].split("：")[0] for g in gates] == [
        "4 个项目退步", "1 个否决项新出现不通过",
        "总分（得分）下降 10.0 分（55.0 → 45.0），超过 5 分"]
    assert run(["diff", "-b", "SH-001", "-c", "diff-demo", "--against", "2",
                "--results-dir", str(tmp_path), "--lang", "zh"]) == 2
    assert "--against 2 至少需要 3 个" in capsys.readouterr().err
    assert run(["diff", OLD, NEW, "--fail-on", "lots", "--lang", "zh"]) == 2
    assert "无效的 --fail-on 'lots'" in capsys.readouterr().err


def test_different_checklists_are_refused_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = dataclasses.replace(_current(storage.read_result(NEW)), checklist_id="other-list")
    path = storage.write_result(other, path=tmp_path / "other.yaml")
    assert run(["diff", OLD, str(path), "--lang", "zh"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "无法比较不同检查表的结果" in err and "other-list" in err


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Note: NEW was finished before OLD: check the order of the arguments."),
    ("zh", "注意: 新结果（NEW）的完成时间早于原结果（OLD），请检查参数顺序。"),
])
def test_reversed_arguments_are_noted(capsys: pytest.CaptureFixture[str], lang: str,
                                      note: str) -> None:
    assert run(["diff", NEW, OLD, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert note in out and out.count("注意") <= 4  # versions, here, and each legacy result
    assert run(["diff", OLD, NEW, "--lang", lang]) == 0
    assert note not in capsys.readouterr().out
