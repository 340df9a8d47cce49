"""IPA of a stored survey from its own data (review 2, F6) and the report's wording of
ranks (F18): factor figures derived from the result, rank crosshairs as ranks, axes at
the data's own extremes, point numbers that do not overlap."""

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

# Another year's survey (not the exercise's figures): satisfied % per sub-factor.
SURVEY_2026 = {
    "system-stability": 88, "peak-day-throughput": 71, "normal-day-throughput": 95,
    "report-accuracy": 90,
    "notice-official-documents": 82, "notice-brief-letters": 79, "fee-report-accuracy": 87,
    "new-service-application": 78,
    "spec-change-notice": 93, "test-schedule-fit": 93, "test-tool-feasibility": 73,
    "problem-solving-ability": 95, "problem-solving-speed": 74, "service-attitude": 76,
    "image-professional-information": 91, "image-secure-systems": 81,
    "image-convenient-service": 72, "image-innovative-technology": 62,
}
# Each factor's performance is its sub-factors weighted by their importance scores
# (the image items weigh 1 each), by hand:
#   system operations (#1)   (97x88 + 75x71 + 52x95 + 52x90) / 276 = 23481 / 276 = 85.08
#   link operations (#2)     (86x82 + 86x79 + 82x87 + 17x78) / 271 = 22306 / 271 = 82.31
#   development/testing (#3) (63x93 + 62x93 + 60x73) / 185         = 16005 / 185 = 86.51
#   staff service (#4)       (84x95 + 73x74 + 34x76) / 191         = 15966 / 191 = 83.59
#   company image (#5)       (91 + 81 + 72 + 62) / 4               =   306 / 4   = 76.50
#   mean = 413.99 / 5 = 82.80; ranks split at the median rank #3 (on the line).
# #1 85.1 >= 82.8: keep up; #2 82.3 < 82.8: concentrate here (连管作业, link operations);
# #4 83.6 >= 82.8: possible overkill; #5 76.5: low priority.
# The checklist's exercise figures (83/84/87/86/77, mean 83.4) would name 系统营运 instead.


def ipa(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["ipa", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    ck = load_checklist("satisfaction-survey")
    answers = {k: Answer(k, v) for k, v in SURVEY_2026.items()}
    result = make_result(ck, answers, branch="HQ", reviewer="trainer", lang="zh",
                         started="2026-11-20T09:00:00+08:00",
                         finished="2026-11-20T09:20:00+08:00")
    return storage.write_result(result, path=tmp_path / "survey-2026.yaml")


def test_factor_figures_of_a_stored_survey_are_its_own(
        survey: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, str(survey), "--level", "section", "-f", "json")
    assert code == 0
    data = json.loads(out)
    perf = {p["id"]: round(p["performance"], 2) for p in data["points"]}
    assert perf == {"system-operations": 85.08, "link-operations": 82.31,
                    "development-and-testing": 86.51, "staff-service": 83.59,
                    "company-image": 76.5}
    assert round(data["crosshair"]["performance"], 2) == 82.8
    assert data["quadrants"] == {"concentrate": ["link-operations"],
                                 "keep-up": ["system-operations"],
                                 "low-priority": ["company-image"],
                                 "overkill": ["staff-service"],
                                 "on-the-line": ["development-and-testing"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_factor_sentence_is_computed_from_the_survey(
        survey: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, _ = ipa(capsys, str(survey), "--lang", lang)
    assert code == 0
    if lang == "zh":
        assert ("从因素层面看（本结果数据；重要性为排名，以中位排名 #3 为界），应优先改进的因素是"
                "连管作业 (#2/82.3)：排名在中位之前，表现低于均值 82.8。") in out
        assert "因素表现：取自本结果：每个因素为其细分因素答案（0-100）按权重加权的平均" in out
        assert "系统营运 (#1/83)" not in out
    else:
        assert ("At the factor level (this result's data; importance is a rank, split at the "
                "median rank #3), the factor to improve first: Link management operations "
                "(#2/82.3), ranked above the median with performance below the mean of "
                "82.8.") in out
        assert "Factor performance: from this result: each factor is the weighted mean" in out
    assert "83.4" not in out  # the exercise's factor mean is never this survey's


def test_the_exercise_figures_are_labelled_as_exercise_data(
        capsys: pytest.CaptureFixture[str]) -> None:
    for lang, label in (("zh", "练习数据"), ("en", "exercise data")):
        code, out, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "--lang", lang)
        assert code == 0
        header = out.split("\n\n")[0]
        assert header.count(label) == 2, header  # the data, and the factor figures


@pytest.mark.parametrize("fmt", ["text", "md", "json", "html"])
def test_ranks_read_as_ranks(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """Review 2, F18: "at or above the mean of #3" and an exposed importance of -3.0
    read a median rank as a mean score."""
    code, out, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "-f", fmt)
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["crosshair"]["importance"] is None
        assert data["crosshair"]["importance_median_rank"] == 3
        assert all(p["importance"] is None and p["rank"] in range(1, 6)
                   for p in data["points"])
        out = data["conclusion"]
    out = out.replace("\\#", "#")  # Markdown escapes the hash
    assert "importance ranks above the median rank #3" in out
    assert "mean of #3" not in out and "-3" not in out
    code, zh, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "--lang", "zh")
    assert "重要性排名在中位 #3 之前" in zh and "均值 #3" not in zh


def test_axes_are_labelled_at_the_data_not_the_padded_frame(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ipa(capsys, "satisfaction-survey", "--level", "section")
    assert code == 0
    ranks = re.findall(r"^ *(#[\d.]+) ┤", out, re.M)
    assert ranks == ["#1", "#3", "#5"]  # never "#0.5" or "#5.5"
    axis = out.split("└")[1].splitlines()[1].split()
    assert axis == ["77", "83.4", "87"]  # the lowest, the crosshair, the highest
    code, html, _ = ipa(capsys, "satisfaction-survey", "--level", "section", "-f", "html")
    ticks = re.findall(r'text-anchor="(?:middle|end)">([^<]+)</text>', html)
    assert "#0.5" not in ticks and "#5.5" not in ticks
    assert {"#1", "#3", "#5", "77", "83.4", "87"} <= set(ticks)
    code, html, _ = ipa(capsys, "satisfaction-survey", "-f", "html")
    assert not [x for x in re.findall(r'text-anchor="middle">([\d.]+)</text>', html)
                if float(x) > 100]  # the x axis of a 0-100 share stops at the data


def test_point_numbers_in_the_scatter_do_not_overlap(
        capsys: pytest.CaptureFixture[str]) -> None:
    """spec-change 63/93 and test scheduling 62/93 sit almost on one spot."""
    code, html, _ = ipa(capsys, "satisfaction-survey", "-f", "html")
    assert code == 0
    found = re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)" class="n">(\d+)</text>', html)
    assert len(found) == 14
    boxes = [(float(x), float(y) - 10, float(x) + 7 * len(n), float(y) + 2)
             for x, y, n in found]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
