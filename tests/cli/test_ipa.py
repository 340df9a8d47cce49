"""``branchcheck ipa`` end to end: the bundled course exercise, results, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run
from branchcheck.core.model import Answer
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

# Hand-computed quadrants of the seed-004 exercise at the mean crosshair
# (importance 923/14 = 65.9, performance 1173/14 = 83.8); see tests/unit/test_ipa.py
# for the figures behind each line.
EXPECTED = {
    "concentrate": ["system-stability", "notice-brief-letters", "notice-official-documents",
                    "peak-day-throughput", "problem-solving-speed"],
    "keep-up": ["problem-solving-ability", "fee-report-accuracy"],  # importance 84, 82
    "low-priority": ["test-tool-feasibility", "service-attitude", "new-service-application"],
    "overkill": ["spec-change-notice", "test-schedule-fit", "report-accuracy",
                 "normal-day-throughput"],
}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def ipa(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["ipa", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_bundled_exercise_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ipa(capsys, "satisfaction-survey")
    assert code == 0 and err == ""
    assert "Crosshair (means): importance 65.9, performance 83.8" in out
    assert "importance\n" in out and "performance →" in out  # the scatter
    lists = out.split("\nConcentrate here (high importance, low performance: improve first)\n")
    first = lists[1].split("\n\n")[0].splitlines()[2:]
    assert [line.split()[1] for line in first] == EXPECTED["concentrate"]
    assert first[0].split()[-2:] == ["97", "76"]  # importance, performance: no "gap"
    assert "Order within a quadrant: importance descending, then performance ascending." in out
    assert "- image-innovative-technology (" in out and "62): no importance figure" in out
    conclusion = out.split("\nConclusion\n")[1]
    assert conclusion.startswith("Improve first (importance/performance; most important first, "
                                 "the less satisfied first among equals): system stability "
                                 "(97/76); way and speed of notices (brief letters) (86/76);")
    assert "Start with \"system stability\"" in conclusion


def test_bundled_exercise_json_item_by_item(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ipa(capsys, "satisfaction-survey", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["quadrants"] == EXPECTED
    assert data["crosshair"]["importance"] == pytest.approx(923 / 14)
    assert data["crosshair"]["performance"] == pytest.approx(1173 / 14)
    by_id = {p["id"]: p for p in data["points"]}
    assert (by_id["system-stability"]["importance"],
            by_id["system-stability"]["performance"]) == (97, 76)
    assert [m["id"] for m in data["missing"]] == [
        "image-professional-information", "image-secure-systems", "image-convenient-service",
        "image-innovative-technology"]
    assert data["conclusion"].startswith("Improve first")


def test_chinese_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, "satisfaction-survey", "-f", "md", "--lang", "zh")
    assert code == 0
    assert out.startswith("# 重要性-表现分析：")
    assert "## 结论\n\n应优先改进（括号内为重要性/表现，按重要性从高到低" in out
    assert "| 1 | system-stability | 对“系统稳定度”表示满意的受访者比例 | 97 | 76 |" in out
    assert "差距" not in out
    assert "```\n重要性\n" in out


def test_html_report_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ipa.html"
    code, out, err = ipa(capsys, "satisfaction-survey", "-f", "html", "-o", str(target))
    assert code == 0 and out == ""
    assert "Report written" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<circle") == 14
    assert "<script" not in page and "src=" not in page
    assert "&#x27;Caijin company&#x27;" in page  # the title is escaped


def test_section_level(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["level"] == "section"
    assert data["quadrants"]["concentrate"] == ["system-operations"]
    # importance is a rank: split at the median rank 3; development-and-testing is on it
    assert data["crosshair"]["importance_is_rank"] is True
    assert data["quadrants"]["keep-up"] == ["link-operations"]
    assert data["quadrants"]["on-the-line"] == ["development-and-testing"]
    assert {p["id"]: p["rank"] for p in data["points"]}["company-image"] == 5


@pytest.mark.parametrize(("crosshair", "cut"), [("median", (68, 80.5)), ("scale-mid", (50, 50))])
def test_other_crosshairs(capsys: pytest.CaptureFixture[str], crosshair: str,
                          cut: tuple[float, float]) -> None:
    # Medians of the 14 sub-factors: importance (63 + 73) / 2, performance (80 + 81) / 2.
    code, out, _ = ipa(capsys, "satisfaction-survey", "--crosshair", crosshair, "-f", "json")
    assert code == 0
    ch = json.loads(out)["crosshair"]
    assert (ch["importance"], ch["performance"]) == cut


def survey_result(tmp_path: Path, values: dict[str, float]) -> Path:
    ck = load_checklist("satisfaction-survey")
    answers = {k: Answer(k, v) for k, v in values.items()}
    result = make_result(ck, answers, branch="HQ", reviewer="analyst", lang="en",
                         started="2024-06-01T10:00:00+08:00",
                         finished="2024-06-01T10:15:00+08:00")
    return storage.write_result(result, path=tmp_path / "survey.yaml")


def test_result_takes_performance_from_the_answers(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # This year's survey: system stability fixed (95), everything else 85, and the
    # fee report collapsed to 60. Importance still comes from the checklist.
    values = {k: 85.0 for k in ("system-stability", "peak-day-throughput",
                                "normal-day-throughput", "report-accuracy",
                                "notice-official-documents", "notice-brief-letters",
                                "fee-report-accuracy", "new-service-application",
                                "spec-change-notice", "test-schedule-fit",
                                "test-tool-feasibility", "problem-solving-ability",
                                "problem-solving-speed", "service-attitude")}
    values["system-stability"] = 95
    values["fee-report-accuracy"] = 60
    path = survey_result(tmp_path, values)
    code, out, _ = ipa(capsys, str(path), "-f", "json")
    assert code == 0
    data = json.loads(out)
    # Performance mean = (12 * 85 + 95 + 60) / 14 = 83.93: every 85 is high.
    assert data["crosshair"]["performance"] == pytest.approx((12 * 85 + 95 + 60) / 14)
    assert data["quadrants"]["concentrate"] == ["fee-report-accuracy"]
    assert "HQ" in data["source"]
    # The image items were not answered here: still listed, for lack of importance.
    assert {m["reason"] for m in data["missing"]} == {"no-importance"}


def test_result_of_an_unknown_checklist(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    text = ("id: local-survey\nversion: 2\ntitle: Local survey\nsections:\n"
            "  - id: s\n    title: S\n    items:\n"
            "      - {id: a, text: A, type: metric, pass_if: {op: '>=', value: 50},"
            " ipa: {importance: 9}}\n"
            "      - {id: b, text: B, type: metric, pass_if: {op: '>=', value: 50},"
            " ipa: {importance: 2}}\n")
    ck_path = tmp_path / "local.yaml"
    ck_path.write_text(text, encoding="utf-8")
    ck = load_checklist(str(ck_path))
    result = make_result(ck, {"a": Answer("a", 30), "b": Answer("b", 70)}, branch="B1",
                         reviewer="", lang="en", started="2024-01-01T00:00:00+00:00",
                         finished="2024-01-01T00:00:00+00:00")
    res = storage.write_result(result, path=tmp_path / "r.yaml")
    code, out, err = ipa(capsys, str(res))
    assert code == 2 and out == ""
    assert (f"Error: {res} was scored with checklist 'local-survey' v2, which is not bundled "
            "with branchcheck; pass its file with --checklist FILE") in err
    code, out, _ = ipa(capsys, str(res), "--checklist", str(ck_path), "-f", "json")
    assert code == 0
    assert json.loads(out)["quadrants"]["concentrate"] == ["a"]
    code, _, err = ipa(capsys, str(res), "--checklist", "excellent-service")
    assert code == 2 and "is checklist 'excellent-service', but" in err


def test_checklist_without_ipa_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ipa(capsys, "excellent-service")
    assert code == 2 and out == ""
    assert "no items with both an importance and a performance figure" in err
    assert "ipa: {importance, performance}" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--crosshair", "max"], "unknown crosshair 'max'"),
    (["--level", "branch"], "unknown level 'branch'"),
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--checklist", "excellent-service"], "--checklist is only for a result"),
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = ipa(capsys, "satisfaction-survey", *args)
    assert code == 2 and out == ""
    assert message in err


def test_missing_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = ipa(capsys, "no-such-survey")
    assert code == 2 and "no bundled checklist or file named 'no-such-survey'" in err


def test_chinese_report_has_no_english_left(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ipa(capsys, "satisfaction-survey", "--lang", "zh")
    assert code == 0 and err == ""
    assert re.fullmatch(r"数据：satisfaction-survey v\d+，检查表中给定的 IPA 数据（练习数据）"
                        r"；14 项", out.splitlines()[1])
    assert "因素表现：检查表中给定的因素数据（练习数据）" in out
    assert "ipa figures" not in out
    target = tmp_path / "ipa.md"
    code, _, err = ipa(capsys, "satisfaction-survey", "--lang", "zh", "-f", "md", "-o",
                       str(target))
    assert code == 0 and err == f"报告已写入：{target}\n"


def test_json_gives_sections_and_the_factor_view(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, "satisfaction-survey", "-f", "json")
    assert code == 0
    data = json.loads(out)
    sections = {p["id"]: p["section"] for p in data["points"]}
    assert sections["notice-brief-letters"] == "link-operations"
    assert {m["section"] for m in data["missing"]} == {"company-image"}
    # the median rank as a rank, never the internal negated figure
    assert data["factors"]["crosshair"]["importance"] is None
    assert data["factors"]["crosshair"]["importance_median_rank"] == 3
    assert data["factors"]["quadrants"]["on-the-line"] == ["development-and-testing"]
    assert data["factors"]["quadrants"]["concentrate"] == ["system-operations"]
    assert "the factor to improve first: System operations (#1/83)" in data["conclusion"]
    code, out, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "-f", "json")
    assert json.loads(out)["factors"] is None  # already the factor view


def test_text_conclusion_answers_the_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, "satisfaction-survey")
    assert code == 0
    conclusion = out.split("\nConclusion\n")[1]
    assert "By factor: System operations (system stability, system throughput on peak days)" \
        in conclusion
    assert ("At the factor level (exercise data; importance is a rank, split at the median "
            "rank #3), the factor to improve first: System operations (#1/83)") in conclusion


def _reference_result(tmp_path: Path) -> Path:
    """A stored result whose answers are the exercise's own satisfied shares."""
    ck = load_checklist("satisfaction-survey")
    answers = {i.id: Answer(i.id, int(i.ipa.performance)) for _, i in ck.items()
               if i.ipa is not None and i.ipa.performance is not None}
    result = make_result(ck, answers, branch="TRAINING", reviewer="trainee", lang="en",
                         started="2024-05-01T09:00:00+08:00",
                         finished="2024-05-01T09:15:00+08:00")
    return storage.write_result(result, path=tmp_path / "survey.yaml")


def test_same_item_figures_same_quadrants_from_checklist_or_result(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item figures are the same data either way; factor figures are not (the checklist's
    are the exercise's own table, a result's are derived from its answers:
    tests/cli/test_ipa_result.py)."""
    path = _reference_result(tmp_path)
    _, from_checklist, _ = ipa(capsys, "satisfaction-survey", "-f", "json")
    code, from_result, err = ipa(capsys, str(path), "-f", "json")
    assert code == 0, err
    a, b = json.loads(from_checklist), json.loads(from_result)
    assert a["quadrants"] == b["quadrants"] == EXPECTED
    assert a["crosshair"] == b["crosshair"]


def test_score_of_the_survey_does_not_contradict_the_analysis(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _reference_result(tmp_path)
    result = storage.read_result(path)
    # no pass mark and no grade: each sub-factor counts as its satisfied share
    assert result.score.grade is None
    statuses = {i.id: i.status for i in result.score.items}
    assert set(statuses.values()) == {"partial"}
    # system operations: (97 x 76 + 75 x 80 + 52 x 95 + 52 x 90) / (97 + 75 + 52 + 52)
    raw = {s.id: s.raw for s in result.score.sections}
    assert raw["system-operations"] == pytest.approx(22992 / 276)
    # the "concentrate here" items score below the ones the analysis calls overkill
    items = {i.id: i.fraction for i in result.score.items}
    assert items["system-stability"] < items["normal-day-throughput"]  # type: ignore[operator]
