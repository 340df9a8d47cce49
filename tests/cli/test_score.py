"""``branchcheck score`` end to end through the public CLI."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.results import storage

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "scoring" / "weights.yaml")
BASE = DATA / "answers" / "weights-base.yaml"
BASE_JSON = DATA / "answers" / "weights-base.json"
ALL_BAD = DATA / "answers" / "weights-all-bad.yaml"
KNOCKOUTS = DATA / "answers" / "weights-knockouts.yaml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # English messages unless --lang says otherwise
    monkeypatch.setenv("NO_COLOR", "1")


def loc(path: Path, needle: str) -> str:
    """``file:line:col`` of the first occurrence of ``needle`` in ``path``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{path}:{n}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


def stored(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml")) if root.exists() else []


def score(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- success


def test_text_summary_and_stored_result(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "results"
    code, out, err = score(capsys, CHECKLIST, "--answers", str(BASE), "--results-dir", str(root),
                           "--lang", "en")
    assert code == 0
    files = stored(root)
    assert len(files) == 1
    assert files[0].parent == root / "SH-001" / "weights-demo"
    assert f"Result saved: {files[0]}" in err
    # overall 3400/45 = 75.56 (hand-computed in tests/unit/test_scoring.py), grade Good
    assert "Weights example" in out and "SH-001" in out and "王芳" in out
    assert "2024-05-01 10:05" in out
    assert "75.6" in out and "73.3" in out and "80.0" in out
    assert "Grade: Good" in out
    assert "Coverage: 92%" in out and "INCOMPLETE" in out
    assert "出口标识灯不亮" in out  # the failed item's note
    assert "\x1b[" not in out  # no colour in a pipe
    result = storage.read_result(files[0])
    assert result.overall_final == pytest.approx(3400 / 45)
    assert result.reviewer == "王芳" and result.started == "2024-05-01T09:30:00+08:00"


def test_json_output_is_only_the_result(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), "--results-dir", str(root),
                           "--format", "json")
    assert code == 0
    data = json.loads(out)  # nothing but JSON on stdout
    assert data["overall"]["raw"] == pytest.approx(3400 / 45)
    assert data["overall"]["final"] == pytest.approx(3400 / 45)
    assert data["coverage"] == pytest.approx(12 / 13) and data["complete"] is False
    assert data["checklist"]["id"] == "weights-demo" and len(data["checklist"]["sha256"]) == 64
    assert {s["id"]: s["raw"] for s in data["sections"]}["security"] is None
    items = {i["id"]: i for i in data["items"]}
    assert items["signage"] == {**items["signage"], "status": "fail", "value": "fail",
                                "fraction": 0.0, "note": "出口标识灯不亮"}
    assert items["answer-rate"]["value"] == 80 and items["answer-rate"]["status"] == "partial"
    assert "Result saved" in err
    assert storage.read_result(stored(root)[0]).score.overall_raw == data["overall"]["raw"]


def test_chinese_summary_with_knockouts(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = score(capsys, CHECKLIST, "-a", str(KNOCKOUTS), "--no-save", "--lang", "zh")
    assert code == 0
    # hall raw 60 -> final 0 (section knockout); overall raw (60 + 2 x 53.33 + 3 x 100) / 6
    # = 77.78, final 0 (checklist knockout)
    assert "60.0" in out and "77.8" in out
    assert "否决" in out and "整表否决" in out
    assert "保险柜未上锁" in out and "理财产品当存款介绍" in out
    assert "等级: 不合格（一票否决）" in out and "待改进" not in out
    assert "类别" in out and "原始得分" in out and "最终分" not in out
    assert "完成度: 100%" in out and "未完成" not in out


def test_chinese_table_columns_align(capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.terminal.output import width

    code, out, _ = score(capsys, CHECKLIST, "-a", str(KNOCKOUTS), "--no-save", "--lang", "zh")
    assert code == 0
    rows = [ln for ln in out.splitlines() if ln.startswith(("厅堂", "服务", "安保", "类别  "))]
    assert len(rows) == 4
    # every row's first four columns (section, weight, raw, final) end at the same cell
    ends = set()
    for row in rows:
        m = re.match(r"\S+\s+\S+\s+\S+\s+\S+", row)
        assert m is not None
        ends.add(width(m.group(0)))
    assert len(ends) == 1, rows


def test_json_answers_file_and_bool_check(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = score(capsys, CHECKLIST, "-a", str(BASE_JSON), "--no-save", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["branch"] == "GZ-003" and data["reviewer"] == "Chen Jing"
    assert {i["id"]: i["value"] for i in data["items"]}["tidy"] == "pass"


def test_stdin_answers_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    raw = BASE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code, out, _ = score(capsys, CHECKLIST, "--answers", "-", "--no-save", "-f", "json")
    assert code == 0
    assert json.loads(out)["overall"]["final"] == pytest.approx(3400 / 45)


def test_stdin_answers_subprocess_and_error_location(tmp_path: Path) -> None:
    env = {**os.environ, "BRANCHCHECK_RESULTS": str(tmp_path / "r"), "NO_COLOR": "1"}
    ok = subprocess.run([sys.executable, "-m", "branchcheck", "score", CHECKLIST, "-a", "-",
                         "-f", "json"], input=BASE.read_bytes(), capture_output=True, env=env,
                        timeout=60, check=False)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["branch"] == "SH-001"
    assert len(stored(tmp_path / "r")) == 1
    bad = subprocess.run([sys.executable, "-m", "branchcheck", "score", CHECKLIST, "-a", "-"],
                         input=b"checklist: weights-demo\nbranch: X\nanswers:\n  greeting: 9\n",
                         capture_output=True, env=env, timeout=60, check=False)
    assert bad.returncode == 2
    assert b"<stdin>:4:13: error:" in bad.stderr and b"Traceback" not in bad.stderr
    assert bad.stdout == b""
    assert len(stored(tmp_path / "r")) == 1


def test_missing_note_is_a_warning_not_an_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nbranch: SH-001\nanswers:\n"
                 "  signage: fail\n  tidy: fail\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 0
    assert f"Warning: {loc(path, 'signage')}: 'signage' failed without the note" in err
    assert "'tidy'" not in err  # tidy does not ask for a note


def test_answer_to_inapplicable_item_is_ignored_with_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = score(capsys, CHECKLIST, "-a", str(BASE), "--no-save")
    assert code == 0
    assert f"{loc(BASE, 'vip-room-tidy')}: answer to 'vip-room-tidy' ignored" in err


def test_output_file_and_env_results_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "r.yaml"
    code, _, err = score(capsys, CHECKLIST, "-a", str(BASE), "-o", str(target))
    assert code == 0 and target.exists()
    assert f"Result saved: {target}" in err
    assert storage.read_result(target).branch == "SH-001"
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path / "env"))
    code, _, _ = score(capsys, CHECKLIST, "-a", str(BASE), "--branch", "SZ-9")
    assert code == 0
    assert [p.parent.parent.name for p in stored(tmp_path / "env")] == ["SZ-9"]


def test_output_file_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path, "keep me\n", "existing.yaml")
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), "-o", str(target))
    assert code == 2
    assert "already exists" in err and "Traceback" not in err
    assert out == ""
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_no_save_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), "--no-save")
    assert code == 0 and "75.6" in out and "Result saved" not in err
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- errors: exit 2, nothing written


def test_every_answer_error_located_at_once(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    code, out, err = score(capsys, CHECKLIST, "-a", str(ALL_BAD), "--results-dir", str(root))
    assert code == 2
    assert out == "" and "Traceback" not in err
    assert not root.exists()
    expected = [
        (loc(ALL_BAD, "na "), "'tidy' may not be answered na"),
        (loc(ALL_BAD, "great"), "'greeting' needs a number, not 'great'"),
        (loc(ALL_BAD, "z "), "'z' is not an option of 'product-fit'"),
        (loc(ALL_BAD, "120"), "120 is above the maximum 100"),
        (loc(ALL_BAD, "no-such-item"), "'weights-demo' has no item 'no-such-item'"),
        (loc(ALL_BAD, "3 "), "3 is not an answer for check 'cctv'"),
    ]
    for where, message in expected:
        assert f"{where}: error: {message}" in err, (where, message, err)
    assert err.startswith("Error: ")


@pytest.mark.parametrize(("answer", "needle", "message"), [
    ("  no-such-item: pass", "no-such-item", "has no item"),
    ("  greeting: [4]", "[4]", "greeting"),
    ("  greeting: 0", "0", "out of range"),
    ("  answer-rate: -5", "-5", "below the minimum 0"),
    ("  no-misleading: na", "na", "may not be answered na"),
    ("  product-fit: {value: d, note: x}", "d,", "not an option"),
])
def test_single_answer_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              answer: str, needle: str, message: str) -> None:
    root = tmp_path / "r"
    path = write(tmp_path, f"checklist: weights-demo\nbranch: SH-001\nanswers:\n{answer}\n")
    code, out, err = score(capsys, CHECKLIST, "-a", str(path), "--results-dir", str(root))
    assert code == 2, err
    line = 4
    col = answer.index(needle) + 1
    assert f"{path}:{line}:{col}: error:" in err and message in err
    assert out == "" and not root.exists()


def test_checklist_mismatch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: excellent-service\nbranch: SH-001\nanswers:\n"
                 "  tidy: pass\n")
    code, out, err = score(capsys, CHECKLIST, "-a", str(path), "--results-dir",
                           str(tmp_path / "r"))
    assert code == 2
    assert f"{path}:1:12: error: these answers are for checklist 'excellent-service'" in err
    assert "is checklist 'weights-demo'" in err
    assert out == "" and not (tmp_path / "r").exists()


def test_checklist_named_by_path_is_accepted(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f"checklist: {CHECKLIST}\nbranch: SH-001\nanswers:\n  tidy: pass\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 0, err


def test_version_mismatch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nversion: 2\nbranch: SH-001\nanswers:\n"
                 "  tidy: pass\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 2
    assert f"{path}:2:10: error: answers are for version 2" in err


def test_bad_times_and_lang_in_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nbranch: SH-001\nstarted: yesterday\n"
                 "finished: 2024-05-01\nlang: fr\nanswers:\n  tidy: pass\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 2
    assert f"{path}:3:10: error: started 'yesterday' is not an ISO 8601 time" in err
    assert f"{path}:4:11: error: finished '2024-05-01'" in err
    assert f"{path}:5:7: error: lang 'fr'" in err


def test_schema_errors_in_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nbranch: SH 001\nextra: 1\nanswers:\n"
                 "  tidy: {value: pass, comment: x}\n")
    code, out, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 2 and out == ""
    assert f"{path}:2:9:" in err  # branch pattern
    assert f"{path}:3:1:" in err  # unknown key


@pytest.mark.parametrize(("args", "message"), [
    (["--branch", "../x"], "invalid branch id"),
    (["--branch", "a/b"], "invalid branch id"),
    (["--branch", "SH-001\n"], "invalid branch id"),
    (["--format", "csv"], "unknown format"),
    (["--lang", "fr"], "unknown language"),
    (["-o", "x.yaml", "--results-dir", "d"], "not both"),
])
def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), *args)
    assert code == 2
    assert message in err and out == ""
    assert list(tmp_path.iterdir()) == []


def test_branch_required(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nanswers:\n  tidy: pass\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save")
    assert code == 2 and "no branch given" in err
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save", "-b", "SH-1")
    assert code == 0, err


def test_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = score(capsys, CHECKLIST, "-a", str(tmp_path / "nope.yaml"), "--no-save")
    assert code == 2 and "nope.yaml: error: no such file" in err
    code, _, err = score(capsys, "no-such-checklist", "-a", str(BASE), "--no-save")
    assert code == 2 and "no bundled checklist" in err


def test_nothing_scored_shows_dashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ck = write(tmp_path, "id: tiny\nversion: 1\ntitle: Tiny\nlanguages: [en]\nsections:\n"
               "  - id: only\n    title: Only\n    items:\n"
               "      - {id: door, text: Door open, type: check}\n", "tiny.yaml")
    ans = write(tmp_path, "checklist: tiny\nbranch: SH-001\nanswers: {door: na}\n")
    code, out, _ = score(capsys, str(ck), "-a", str(ans), "--no-save", "--lang", "en")
    assert code == 0
    assert "Reviewer: —" in out and "Grade: —" in out and "Coverage: 100%" in out
    assert [ln.split() for ln in out.splitlines() if ln.startswith("Only")] == [
        ["Only", "1", "—", "—"]]
    code, out, _ = score(capsys, str(ck), "-a", str(ans), "--no-save", "-f", "json")
    data = json.loads(out)
    assert data["overall"] == {"raw": None, "final": None} and data["grade"] is None


def test_renderer_escapes_markup_in_user_text(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ans = write(tmp_path, "checklist: weights-demo\nbranch: SH-001\nreviewer: '[bold]x[/bold]'\n"
                "answers:\n  signage: {value: fail, note: '[red]broken[/red] sign'}\n")
    code, out, _ = score(capsys, CHECKLIST, "-a", str(ans), "--no-save", "--lang", "en")
    assert code == 0
    assert "Reviewer: [bold]x[/bold]" in out
    assert "note: [red]broken[/red] sign" in out


def test_checklist_named_relative_to_answers_file(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "w.yaml").write_bytes(Path(CHECKLIST).read_bytes())
    sub = tmp_path / "answers"
    sub.mkdir()
    path = write(sub, "checklist: ../w.yaml\nbranch: SH-001\nanswers:\n  tidy: pass\n")
    code, _, err = score(capsys, str(tmp_path / "w.yaml"), "-a", str(path), "--no-save")
    assert code == 0, err


def test_times_default_to_now_and_keep_order(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "checklist: weights-demo\nbranch: SH-001\n"
                 "finished: 2024-05-01T10:00:00+08:00\nanswers:\n  tidy: pass\n")
    code, out, _ = score(capsys, CHECKLIST, "-a", str(path), "--no-save", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["started"] == data["finished"] == "2024-05-01T10:00:00+08:00"
    path = write(tmp_path, "checklist: weights-demo\nbranch: SH-001\nanswers:\n  tidy: pass\n")
    code, out, _ = score(capsys, CHECKLIST, "-a", str(path), "--no-save", "-f", "json")
    data = json.loads(out)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", data["finished"])
    assert data["started"] == data["finished"]


# ---------------------------------------------------------------- Chinese UI


def test_messages_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), "--results-dir", str(root),
                           "--lang", "zh")
    assert code == 0 and "总分" in out and "等级: 良好" in out
    (path,) = stored(root)
    assert f"结果已保存：{path}" in err and "Result saved" not in err
    assert f"警告：{loc(BASE, 'vip-room-tidy')}: 忽略 'vip-room-tidy' 的答案" in err
    assert "ignored" not in err
    # the answers file's own `lang: zh` gives Chinese messages too, unless --lang says otherwise
    answers = write(tmp_path, BASE.read_text(encoding="utf-8") + "lang: zh\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(answers), "--results-dir", str(root))
    assert code == 0 and "结果已保存：" in err
    code, _, err = score(capsys, CHECKLIST, "-a", str(answers), "--results-dir", str(root),
                         "--lang", "en")
    assert code == 0 and "Result saved: " in err


def test_answer_errors_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "r"
    code, out, err = score(capsys, CHECKLIST, "-a", str(ALL_BAD), "--results-dir", str(root),
                           "--lang", "zh")
    assert code == 2 and out == "" and not root.exists()
    assert err.startswith(f"错误：{ALL_BAD}：答案无效\n")
    expected = [
        (loc(ALL_BAD, "na "), "'tidy' 不能答 na（不适用）"),
        (loc(ALL_BAD, "great"), "'greeting' 须填数值，而不是 'great'"),
        (loc(ALL_BAD, "z "), "'z' 不是 'product-fit' 的选项"),
        (loc(ALL_BAD, "120"), "120 高于 'answer-rate' 的最大值 100"),
        (loc(ALL_BAD, "no-such-item"), "'weights-demo' 没有项目 'no-such-item'"),
        (loc(ALL_BAD, "3 "), "3 不是是否题 'cctv' 的答案"),
    ]
    for where, message in expected:
        assert f"{where}: 错误: {message}" in err, (where, message, err)
    for english in ("may not", "needs a number", "not an option", "above the", "has no item",
                    "invalid answers"):
        assert english not in err


@pytest.mark.parametrize(("args", "message"), [
    (["--branch", "../x"], "网点编号 '../x' 无效"),
    (["--no-save", "-o", "x.yaml"], "--no-save 和 -o/--output 只能选一个"),
])
def test_usage_errors_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 args: list[str], message: str) -> None:
    code, out, err = score(capsys, CHECKLIST, "-a", str(BASE), "--lang", "zh", *args)
    assert code == 2 and out == "" and message in err


def test_existing_output_and_missing_branch_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = write(tmp_path, "keep me\n", "existing.yaml")
    code, _, err = score(capsys, CHECKLIST, "-a", str(BASE), "-o", str(target), "--lang", "zh")
    assert code == 2 and f"{target} 已存在；结果从不覆盖" in err
    path = write(tmp_path, "checklist: weights-demo\nanswers:\n  tidy: pass\n")
    code, _, err = score(capsys, CHECKLIST, "-a", str(path), "--no-save", "--lang", "zh")
    assert code == 2 and "没有指定网点" in err
