"""``branchcheck exercise new``: templates that, once filled, grade end to end."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data" / "trainees"
COURSE = str(DATA / "course.yaml")
ITEM_IDS = ["greet-stand", "greet-smile", "greet-eye", "greet-courtesy", "id-check",
            "explain-fees", "confirm-details", "patience", "clarity", "product-fit",
            "wait-minutes", "thank", "offer-more", "has-complaint", "complaint-handled",
            "manner", "remarks"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fill(path: Path, values: dict[str, str]) -> None:
    """Fill a template the way a trainee would: type each answer after its id."""
    text = path.read_text(encoding="utf-8")
    for item, value in values.items():
        text, n = re.subn(rf"(?m)^  {re.escape(item)}:$", f"  {item}: {value}", text)
        assert n == 1, item
    path.write_text(text, encoding="utf-8")


def test_templates_and_readme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "ex"
    code, out, err = cli(capsys, "exercise", "new", COURSE, "-o", str(out_dir),
                         "--names", "alice,bob,陈静")
    assert code == 0 and out == ""
    assert "Exercise ready: 3 trainee template(s)" in err
    files = sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file())
    assert files == ["README.md", "answers/alice.yaml", "answers/bob.yaml", "answers/陈静.yaml",
                     "key.yaml"]
    text = (out_dir / "answers" / "陈静.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["reviewer"] == "陈静" and data["version"] == 1
    assert data["checklist"] == str(Path(COURSE).resolve())  # a file, not a bundled id
    assert list(data["answers"]) == ITEM_IDS and set(data["answers"].values()) == {None}
    # Accepted answers as comments above each id.
    assert "  # Courtesy of the greeting\n  # accepts: a whole number from 1 to 5; na = not " \
           "applicable (1 = Poor, 5 = Excellent)\n  greet-courtesy:\n" in text
    assert "  # accepts: a = Fits, b = Partly, c = Does not fit; na = not applicable\n" in text
    assert "  # accepts: y/yes/pass or n/no/fail\n  id-check:" in text  # no na allowed
    assert "  # only if has-complaint is pass\n" in text
    assert "passes if <= 10min" in text
    readme = (out_dir / "README.md").read_text(encoding="utf-8")
    assert "Trainees (3): `alice`, `bob`, `陈静`" in readme
    assert "branchcheck grade key.yaml answers/\n" in readme
    assert f"name the checklist file `{Path(COURSE).resolve()}`" in readme
    assert "| greet-courtesy | Courtesy of the greeting |" in readme


def test_filled_templates_grade_end_to_end(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "course"
    names = ["ann", "ben", "cai", "dee", "eli"]
    code, _, _ = cli(capsys, "exercise", "new", COURSE, "-o", str(out_dir),
                     "--names", ",".join(names))
    assert code == 0
    key = {"greet-stand": "pass", "greet-smile": "pass", "greet-eye": "fail",
           "greet-courtesy": "4", "id-check": "pass", "explain-fees": "fail",
           "confirm-details": "pass", "patience": "3", "clarity": "4", "product-fit": "b",
           "wait-minutes": "12", "thank": "pass", "offer-more": "fail",
           "has-complaint": "pass", "complaint-handled": "pass", "manner": "5",
           "remarks": "fine"}
    fill(out_dir / "key.yaml", key)
    fill(out_dir / "answers" / "ann.yaml", key)                        # all 16 right
    fill(out_dir / "answers" / "ben.yaml", {**key, "greet-eye": "y", "manner": "4"})  # 14
    fill(out_dir / "answers" / "cai.yaml", {**key, "has-complaint": "n"})  # 14: knock-on
    fill(out_dir / "answers" / "dee.yaml", {k: v for k, v in key.items()
                                            if k not in ("patience", "clarity")})  # 14
    fill(out_dir / "answers" / "eli.yaml", {**key, "explain-fees": "是", "wait-minutes": "9"})
    code, out, err = cli(capsys, "grade", str(out_dir / "key.yaml"), str(out_dir / "answers"),
                         "--format", "json", "--min-agreement", "0.9")
    data = json.loads(out)
    got = {t["name"]: t["agreed"] for t in data["trainees"]}
    assert got == {"ann": 16, "ben": 14, "cai": 14, "dee": 14, "eli": 14}
    cai = next(t for t in data["trainees"] if t["name"] == "cai")
    assert [w["item"] for w in cai["wrong"]] == ["has-complaint", "complaint-handled"]
    dee = next(t for t in data["trainees"] if t["name"] == "dee")
    assert dee["blank"] == ["patience", "clarity"]
    # 14/16 = 87.5 % is below 90 %: the gate fails for four of five.
    assert code == 1
    assert data["below_min_agreement"] == ["ben", "cai", "dee", "eli"]
    assert "Below the minimum agreement of 90.0%" in err


def test_numbered_trainees_and_bundled_checklist(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = cli(capsys, "exercise", "new", "excellent-service", "-o", str(tmp_path / "x"),
                     "--trainees", "5", "--lang", "zh")
    assert code == 0
    made = sorted(p.name for p in (tmp_path / "x" / "answers").iterdir())
    assert made == [f"trainee-0{n}.yaml" for n in range(1, 6)]
    data = yaml.safe_load((tmp_path / "x" / "answers" / "trainee-03.yaml").read_text("utf-8"))
    assert data["checklist"] == "excellent-service" and data["lang"] == "zh"
    assert "## 学员须知" in (tmp_path / "x" / "README.md").read_text("utf-8")


def test_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "ex"
    assert cli(capsys, "exercise", "new", COURSE, "-o", str(out_dir), "--names", "a,b")[0] == 0
    (out_dir / "answers" / "a.yaml").write_text("my answers", encoding="utf-8")
    code, _, err = cli(capsys, "exercise", "new", COURSE, "-o", str(out_dir),
                       "--names", "a,b,c")
    assert code == 2
    assert "not overwriting existing files" in err and "a.yaml" in err
    assert (out_dir / "answers" / "a.yaml").read_text(encoding="utf-8") == "my answers"
    assert not (out_dir / "answers" / "c.yaml").exists()  # nothing written at all


@pytest.mark.parametrize("names", ["../evil", "a/b", ".hidden", "a,a", "A,a", "-x", " , ",
                                   "a b"])
def test_bad_names_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 names: str) -> None:
    code, out, err = cli(capsys, "exercise", "new", COURSE, "-o", str(tmp_path / "ex"),
                         "--names", names)
    assert code == 2 and out == ""
    assert err.startswith("Error: ")
    assert not (tmp_path / "ex").exists() and not (tmp_path / "evil.yaml").exists()


@pytest.mark.parametrize("args", [[], ["--trainees", "2", "--names", "a"], ["--trainees", "0"]])
def test_trainee_options(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         args: list[str]) -> None:
    code, _, err = cli(capsys, "exercise", "new", COURSE, "-o", str(tmp_path / "ex"), *args)
    assert code == 2 and err.startswith("Error: ")
    assert not (tmp_path / "ex").exists()


def test_output_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, "exercise", "new", COURSE, "-o", str(target), "--trainees", "1")
    assert code == 2 and "is not a folder" in err


def test_invalid_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: one\n", encoding="utf-8")
    code, _, err = cli(capsys, "exercise", "new", str(bad), "-o", str(tmp_path / "ex"),
                       "--trainees", "1")
    assert code == 2 and f"{bad}:" in err
    assert not (tmp_path / "ex").exists()


DOCS = Path(__file__).resolve().parents[2] / "docs" / "trainers.md"


def docs_script() -> str:
    """The course script of docs/trainers.md, exactly as a trainer would copy it."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## A whole course, as a script", 1)[1]
    return section.split("```sh\n", 1)[1].split("\n```", 1)[0] + "\n"


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_the_documented_course_script_runs(tmp_path: Path) -> None:
    script = tmp_path / "course.sh"
    script.write_text(docs_script(), encoding="utf-8")
    bin_dir = tmp_path / "bin"  # `branchcheck` on PATH: this interpreter's package
    bin_dir.mkdir()
    shim = bin_dir / "branchcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m branchcheck "$@"\n',
                    encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "LANG": "C.UTF-8", "NO_COLOR": "1"}
    env.pop("BRANCHCHECK_LANG", None)

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["sh", str(script), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, encoding="utf-8", check=False)

    assert sh().returncode == 2  # usage
    first = sh("prepare")
    assert first.returncode == 0, first.stderr
    course = tmp_path / "course-2024-05"
    names = ["wang", "li", "zhang", "chen", "liu"]
    assert sorted(p.stem for p in (course / "answers").iterdir()) == sorted(names)
    # Grading before the key is filled in fails loudly, and writes no report.
    early = sh("grade")
    assert early.returncode == 2 and "the key answers no gradable item" in early.stderr
    assert not (course / "grading.md").exists()
    # The trainer fills in the key: every check passes, every scale item 4.
    checklist = load_checklist("window-service")
    key = {i.id: ("pass" if i.type == "check" else "4") for _, i in checklist.items()
           if i.type in ("check", "scale")}
    fill(course / "key.yaml", key)
    wrong = {"wang": 0, "li": 1, "zhang": 2, "chen": 3, "liu": 5}  # checks failed
    checks = [k for k, v in key.items() if v == "pass"]
    for name, n in wrong.items():
        fill(course / "answers" / f"{name}.yaml",
             {**key, **{k: "fail" for k in checks[:n]}})
    done = sh("grade")
    assert done.returncode == 0, done.stderr
    graded = json.loads((course / "grading.json").read_text(encoding="utf-8"))
    total = len(key)
    assert {t["name"]: t["agreed"] for t in graded["trainees"]} == {
        n: total - k for n, k in wrong.items()}
    below = [n for n, k in wrong.items() if (total - k) / total < 0.8]
    assert below and graded["below_min_agreement"] == sorted(below)
    assert "some trainees agree with the key on less than 80 %" in done.stderr
    assert (course / "grading.md").read_text(encoding="utf-8").startswith("# Grading: ")
    assert (course / "grading.csv").read_bytes().startswith(b"\xef\xbb\xbftrainee,")
    assert (course / "ipa.html").read_text(encoding="utf-8").count("<circle") == 14
    assert "Start with \"system stability\"" in done.stdout
    # A late file: grading again replaces the reports.
    again = sh("grade")
    assert again.returncode == 0, again.stderr


def test_chinese_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "ex"
    code, out, err = cli(capsys, "exercise", "new", COURSE, "-o", str(out_dir),
                         "--names", "王芳", "--lang", "zh")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        f"已写入 {out_dir / 'README.md'}", f"已写入 {out_dir / 'key.yaml'}",
        f"已写入 {out_dir / 'answers' / '王芳.yaml'}",
        f"练习已准备好：{out_dir / 'answers'} 中有 1 份学员模板；请在 {out_dir / 'key.yaml'} "
        "中填写参考答案。"]


def test_templates_carry_the_guidance_and_scale_anchors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Trainees score against the same rules as the key: each item's guidance (with the
    anchors of every scale point) is in their template and in the README."""
    out = tmp_path / "course"
    code, _, _ = cli(capsys, "exercise", "new", "window-service", "-o", str(out),
                     "--names", "wang,li", "--lang", "zh")
    assert code == 0
    template = (out / "answers" / "wang.yaml").read_text(encoding="utf-8")
    lines = template.splitlines()
    at = lines.index("  courtesy-words:")
    guide = next(ln for ln in lines[at - 3:at] if ln.startswith("  # 检查指引: "))
    for anchor in ("5 分：", "4 分：", "3 分：", "2 分：", "1 分："):
        assert anchor in guide, anchor
    assert "  # 检查指引: 叫号后或客户朝窗口走来时" in template  # a check item too
    assert yaml.safe_load(template)["answers"]["courtesy-words"] is None  # still blank
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "| id | 题目 | 检查指引 | 可填 |" in readme
    assert "2 分：至少用到一处，但不到一半" in readme
