"""``branchcheck grade`` end to end: a class of six synthetic trainees (tests/data/trainees)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists.answersfile import answers_for, read_answers_file
from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

DATA = Path(__file__).resolve().parents[1] / "data" / "trainees"
KEY = str(DATA / "key.yaml")
CLASS = str(DATA / "class")
COURSE = str(DATA / "course.yaml")
BASE = [KEY, CLASS, "--checklist", COURSE]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def loc(path: Path, needle: str) -> str:
    """``file:line:col`` of the first occurrence of ``needle`` in ``path``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{path}:{n}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


def grade(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["grade", *args])
    out, err = capsys.readouterr()
    return code, out, err


def copy_class(tmp_path: Path) -> Path:
    """The fixture class in tmp_path, with the checklist named by path in every file."""
    folder = tmp_path / "class"
    shutil.copytree(CLASS, folder)
    for f in [*folder.iterdir(), tmp_path / "key.yaml"]:
        src = DATA / "key.yaml" if f.name == "key.yaml" and f.parent == tmp_path else f
        text = src.read_text(encoding="utf-8")
        f.write_text(text.replace("checklist: course-role-play", f"checklist: {COURSE}"),
                     encoding="utf-8")
    return folder


def test_text_report_for_the_class(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = grade(capsys, *BASE)
    assert code == 0 and err == ""
    assert "Counter service role-play (course-role-play v1)" in out
    assert "6 trainees; 16 items compared" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines()
            if line.split() and line.split()[0] in ("alice", "bob", "陈静", "dana", "eve",
                                                   "frank")}
    # lowest agreement first; scales agree by value (alice's 3 for a 4 is a miss)
    assert list(rows) == ["eve", "bob", "dana", "frank", "陈静", "alice"]
    assert rows["alice"][1:3] == ["15/16", "93.8%"]
    assert rows["bob"][1:3] == ["8/16", "50.0%"]
    # chen: scale values 4 2 4 5 against 4 3 4 5: 3 exact, 4 within one point, MAD 0.25;
    # kappa 0.60 on ten check items with its interval and Landis & Koch word
    assert rows["陈静"][1:8] == ["13/16", "81.2%", "3/4,", "±1", "4/4", "0.25", "0.60"]
    chen = next(line for line in out.splitlines() if line.startswith("陈静"))
    assert re.search(r"0\.60 \[0\.\d\d, 1\.00\] n=10 moderate", chen), chen
    # four scale pairs: a warning, not a number
    assert "— (fewer than 10 items, n=4)" in chen
    # Worst item first: greet-courtesy, 2 of 6 gave the key's value; the values given
    items = out.split("teach again from the top")[1].splitlines()
    assert items[3].startswith("greet-courtesy") and "2/6" in items[3]
    assert "5: 2, 4: 2, 3: 1, 2: 1" in items[3]
    assert "Class agreement (Fleiss' kappa, 6 trainees, by item type):" in out
    assert "  check items: — (fewer than 10 items, n=9)" in out
    assert "  1–5 scale (five-point): — (fewer than 10 items, n=3)" in out
    assert "  other items (by status): — (fewer than 10 items, n=2)" in out
    assert "- frank: greet-eye (key fail, not answered)" in out


def test_json_report_is_data_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = grade(capsys, *BASE, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    people = {t["name"]: t for t in data["trainees"]}
    assert len(people) == 6
    assert people["bob"]["agreement"] == pytest.approx(8 / 16)
    assert (people["bob"]["scale_exact"], people["bob"]["scale_adjacent"]) == (1, 4)
    # bob answered every check item alike: kappa 0 by construction, SE 0 (review 2, F16)
    assert people["bob"]["kappa_check"]["value"] is None
    assert people["bob"]["kappa_check"]["warning"] == "the trainee used one category only"
    assert people["bob"]["kappa_check"]["n"] == 10
    # bob's weighted kappa (1/7 by hand) rests on four items: reported as a warning
    bob_w = people["bob"]["weighted_kappa_scale"]["five-point"]
    assert bob_w["value"] is None and bob_w["warning"] == "fewer than 10 items"
    assert bob_w["n"] == 4 and bob_w["ci95"] is None
    assert people["alice"]["kappa_check"]["interpretation"] == "almost perfect"
    chen = people["陈静"]["kappa_check"]
    assert chen["value"] == pytest.approx(0.6) and chen["ci95"][0] < 0.6 < chen["ci95"][1]
    assert chen["se"] > 0
    assert people["frank"]["blank"] == ["greet-eye", "patience"]
    assert data["items"][0]["id"] == "greet-courtesy"
    assert data["items"][0]["share"] == pytest.approx(2 / 6)
    assert data["items"][0]["values"] == {"5": 2, "4": 2, "3": 1, "2": 1}
    assert list(data["fleiss"]) == ["check", "scale:five-point", "other"]
    assert data["fleiss"]["check"]["items_left_out"] == 1
    assert data["fleiss"]["check"]["n"] == 9
    assert data["fleiss"]["check"]["warning"] == "fewer than 10 items"
    assert data["min_agreement"] is None and data["below_min_agreement"] == []


def test_csv_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = grade(capsys, *BASE, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["trainee"] for r in rows] == ["eve", "bob", "dana", "frank", "陈静", "alice"]
    assert rows[1]["agreed"] == "8" and rows[1]["compared"] == "16"
    assert (rows[1]["scale_exact"], rows[1]["scale_adjacent"]) == ("1", "4")
    assert rows[1]["weighted_kappa_scale"] == "five-point= (fewer than 10 items, n=4)"
    assert rows[4]["kappa_check"] == "0.6" and rows[4]["kappa_check_n"] == "10"
    assert float(rows[4]["kappa_check_ci_low"]) < 0.6 < float(rows[4]["kappa_check_ci_high"])
    assert rows[3]["kappa_check_warning"] == "fewer than 10 items"  # frank: nine pairs
    assert rows[3]["wrong_items"] == "greet-eye patience has-complaint complaint-handled"


def test_csv_cells_are_guarded_against_formulas(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    text = (DATA / "class" / "alice.yaml").read_text(encoding="utf-8")
    (folder / "x.yaml").write_text(text.replace("reviewer: alice",
                                                "reviewer: '=HYPERLINK(\"http://x\")'"),
                                   encoding="utf-8")
    code, out, _ = grade(capsys, KEY, str(folder), "-c", COURSE, "-f", "csv")
    assert code == 0
    row = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1]
    assert row[0] == "'=HYPERLINK(\"http://x\")"


def test_markdown_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = grade(capsys, *BASE, "-f", "md")
    assert code == 0
    assert out.startswith("# Grading: Counter service role-play")
    assert "| alice | 15/16 | 93.8% |" in out
    assert "| greet-eye | Makes eye contact | fail | 3/6 |" in out


def test_chinese_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = grade(capsys, *BASE, "--lang", "zh")
    assert code == 0
    assert "柜面服务角色扮演评分" in out and "全班一致性" in out


@pytest.mark.parametrize(("threshold", "code", "below"), [
    ("80%", 1, ["eve 37.5%", "bob 50.0%", "dana 50.0%", "frank 75.0%"]),
    ("0.75", 1, ["eve 37.5%", "bob 50.0%", "dana 50.0%"]),
    ("0.5", 1, ["eve 37.5%"]),  # bob and dana at exactly 50 % are not below
    ("0.375", 0, []),
])
def test_min_agreement_gate(capsys: pytest.CaptureFixture[str], threshold: str, code: int,
                            below: list[str]) -> None:
    got, out, err = grade(capsys, *BASE, "--min-agreement", threshold, "-f", "json")
    assert got == code
    data = json.loads(out)  # the report is still written
    assert len(data["below_min_agreement"]) == len(below)
    if below:
        assert err.startswith("Below the minimum agreement of ")
        assert ", ".join(below) in err
    else:
        assert err == ""


@pytest.mark.parametrize("bad", ["80", "abc", "150%"])
def test_min_agreement_usage_errors(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = grade(capsys, *BASE, "--min-agreement", bad)
    assert code == 2 and out == ""
    assert err.startswith("Error: --min-agreement")


def test_stored_result_as_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ck = load_checklist(COURSE)
    answers = answers_for(read_answers_file(KEY), ck)
    result = make_result(ck, answers, branch="TRAINING", reviewer="trainer", lang="en",
                         started="2024-05-01T09:00:00+08:00",
                         finished="2024-05-01T09:20:00+08:00")
    key = storage.write_result(result, path=tmp_path / "key-result.yaml")
    code, out, _ = grade(capsys, str(key), CLASS, "-c", COURSE, "-f", "json")
    assert code == 0
    from_result = json.loads(out)
    _, out, _ = grade(capsys, *BASE, "-f", "json")
    from_file = json.loads(out)
    for a, b in zip(from_result["trainees"], from_file["trainees"], strict=True):
        assert (a["name"], a["agreed"], a["kappa_check"]) == (b["name"], b["agreed"],
                                                            b["kappa_check"])


def test_checklist_from_the_files_field(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_class(tmp_path)
    code, out, _ = grade(capsys, str(tmp_path / "key.yaml"), str(folder), "-f", "json")
    assert code == 0
    assert len(json.loads(out)["trainees"]) == 6


def test_key_inside_the_answers_folder_is_skipped(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_class(tmp_path)
    shutil.move(tmp_path / "key.yaml", folder / "key.yaml")
    code, out, _ = grade(capsys, str(folder / "key.yaml"), str(folder), "-f", "json")
    assert code == 0
    assert "key" not in [t["name"] for t in json.loads(out)["trainees"]]


def test_files_for_different_checklists(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_class(tmp_path)
    odd = folder / "zed.yaml"
    odd.write_text("checklist: excellent-service\nanswers:\n  tidy-and-orderly: pass\n",
                   encoding="utf-8")
    code, out, err = grade(capsys, str(tmp_path / "key.yaml"), str(folder))
    assert code == 2 and out == ""
    assert f"{loc(odd, 'excellent')}: error: names checklist 'excellent-service'" in err
    assert "all files must be for the same checklist" in err


def test_unknown_checklist_id_suggests_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = grade(capsys, KEY, CLASS)
    assert code == 2
    assert f"{KEY}:2:12: error: checklist 'course-role-play' cannot be loaded" in err
    assert "pass --checklist FILE" in err
    assert "Traceback" not in err


def test_bad_answer_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    text = (DATA / "class" / "bob.yaml").read_text(encoding="utf-8")
    bad = folder / "bob.yaml"
    bad.write_text(text.replace("patience: 3", "patience: 7").replace(
        "thank: pass", "thnak: pass"), encoding="utf-8")
    code, out, err = grade(capsys, KEY, str(folder), "-c", COURSE)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"Error: {bad}: invalid answers"
    assert lines[1] == (f"{loc(bad, '7')}: error: 7 is out of range for 'patience': "
                        "use a whole number from 1 to 5 [bad-answer]")
    assert lines[2].startswith(f"{loc(bad, 'thnak')}: error: 'course-role-play' has no item "
                               "'thnak'")


def test_invalid_yaml_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("checklist: course-role-play\nanswers:\n  thank: [pass\n", encoding="utf-8")
    code, _, err = grade(capsys, KEY, str(bad), "-c", COURSE)
    assert code == 2
    assert err.startswith(f"Error: {bad}:4:1: error: YAML syntax")


def test_empty_folder_and_missing_paths(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = grade(capsys, KEY, str(tmp_path), "-c", COURSE)
    assert code == 2 and "no answers files found" in err
    code, _, err = grade(capsys, KEY, str(tmp_path / "nope"), "-c", COURSE)
    assert code == 2 and "no such file or folder" in err
    code, _, err = grade(capsys, *BASE, "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err


def test_blank_key_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "key.yaml"
    key.write_text("checklist: course-role-play\nanswers:\n  thank:\n", encoding="utf-8")
    code, _, err = grade(capsys, str(key), CLASS, "-c", COURSE)
    assert code == 2 and "the key answers no gradable item" in err


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.md"
    code, out, err = grade(capsys, *BASE, "-f", "md", "-o", str(target))
    assert code == 0 and out == ""
    assert f"Report written: {target}" in err
    assert target.read_text(encoding="utf-8").startswith("# Grading:")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temp files left


def test_real_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "branchcheck", "grade", *BASE, "-f", "json",
                           "--min-agreement", "90%"],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["below_min_agreement"] == ["eve", "bob", "dana", "frank",
                                                             "陈静"]
    assert "Below the minimum agreement of 90.0%" in proc.stderr


def test_chinese_report_and_messages_have_no_english_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A trainee who agrees on every check item with a key that passes them all:
    # kappa is undefined (chance agreement 1), and the reason must read in Chinese.
    folder = tmp_path / "class"
    folder.mkdir()
    key = tmp_path / "key.yaml"
    key.write_text("checklist: course-role-play\nanswers:\n  greet-stand: pass\n"
                   "  greet-smile: pass\n  patience: 3\n", encoding="utf-8")
    for name, patience in (("a", 3), ("b", 3), ("c", 5)):
        (folder / f"{name}.yaml").write_text(
            f"checklist: course-role-play\nanswers:\n  greet-stand: y\n  greet-smile: y\n"
            f"  patience: {patience}\n", encoding="utf-8")
    target = tmp_path / "report.txt"
    code, out, err = grade(capsys, str(key), str(folder), "-c", COURSE, "--lang", "zh",
                           "--min-agreement", "100%", "-o", str(target))
    assert code == 1 and out == ""
    report = target.read_text(encoding="utf-8")
    assert "a: κ 无法计算：机会一致率为 1（所有答案都在同一类别）" in report
    assert "κ 的解读（Landis & Koch 1977）：<0 差" in report
    assert "κ（检查项）" in report and "κw（量表）" in report
    assert "chance agreement" not in report and "undefined" not in report
    assert "全班一致性（Fleiss' kappa，3 名学员，按题型分别计算）：" in report
    assert "  检查项：" in report and "  1–5 分量表（five-point）：" in report
    assert "答案只用了一个类别" in report
    assert err == f"报告已写入：{target}\n低于最低一致率 100.0% 的学员：c 66.7%\n"


def test_text_report_explains_kappa_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = grade(capsys, *BASE)
    assert code == 0
    assert ("Reading κ (Landis & Koch 1977): <0 poor, 0-0.20 slight, 0.21-0.40 fair, "
            "0.41-0.60 moderate, 0.61-0.80 substantial, 0.81-1 almost perfect") in out


@pytest.mark.parametrize(("lang", "warning"), [
    ("en", "Warning: {key}: the checklist file changed since this result was stored"),
    ("zh", "警告：{key}：结果保存后检查表文件已改动（版本相同）"),
])
def test_result_key_of_an_edited_checklist_warns(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 lang: str, warning: str) -> None:
    course = tmp_path / "course.yaml"
    course.write_text(Path(COURSE).read_text(encoding="utf-8"), encoding="utf-8")
    ck = load_checklist(str(course))
    result = make_result(ck, answers_for(read_answers_file(KEY), ck), branch="TRAINING",
                         reviewer="trainer", lang="en", started="2024-05-01T09:00:00+08:00",
                         finished="2024-05-01T09:20:00+08:00")
    key = storage.write_result(result, path=tmp_path / "key-result.yaml")
    course.write_text(course.read_text(encoding="utf-8").replace(
        "Counter service role-play", "Counter service role-play (2024)"), encoding="utf-8")
    code, out, err = grade(capsys, str(key), CLASS, "-c", str(course), "-f", "json",
                           "--lang", lang)
    assert code == 0 and json.loads(out)["trainees"]
    assert err.startswith(warning.format(key=key))
