"""Importance-performance analysis: crosshairs, quadrants, data sources, the bundled exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import Answer
from branchcheck.core.scoring import make_result
from branchcheck.training import ipa_report as render
from branchcheck.training.ipa import (
    Level,
    Point,
    analyse,
    cut,
    from_checklist,
    from_result,
    possible_range,
    quadrant_of,
)
from branchcheck.training.ipa_conclusion import conclusion
from branchcheck.training.ipa_html import html
from branchcheck.training.ipa_words import Meta

# The course exercise of seed 004 (/work/shared/domain/standards.md section 7,
# "Sub-factors (importance score, satisfied %)"), by the item ids of the bundled
# satisfaction-survey checklist: (importance, performance).
EXERCISE = {
    "system-stability": (97, 76),            # 系统稳定度
    "peak-day-throughput": (75, 80),         # 峰日系统处理效能
    "normal-day-throughput": (52, 95),       # 平日系统处理效能
    "report-accuracy": (52, 90),             # 系统报表资料正确性
    "notice-official-documents": (86, 80),   # 信息通报方式及速度(公文)
    "notice-brief-letters": (86, 76),        # 信息通报方式及速度(简函)
    "fee-report-accuracy": (82, 87),         # 手续费月报资料正确性
    "new-service-application": (17, 78),     # 新增服务申请流程
    "spec-change-notice": (63, 93),          # 规格变动通知时机
    "test-schedule-fit": (62, 93),           # 测试时间配合度
    "test-tool-feasibility": (60, 73),       # 测试工具的可行性
    "problem-solving-ability": (84, 95),     # 解决问题的能力
    "problem-solving-speed": (73, 81),       # 解决问题的速度
    "service-attitude": (34, 76),            # 服务态度
}
# Mean importance = 923 / 14 = 65.93; mean performance = 1173 / 14 = 83.79.
# High importance: >= 65.93 -> 97, 75, 86, 86, 82, 84, 73. High performance:
# >= 83.79 -> 95, 90, 87, 93, 93, 95.
EXPECTED_QUADRANT = {
    "system-stability": "concentrate",          # 97 high, 76 low
    "peak-day-throughput": "concentrate",       # 75 high, 80 low
    "normal-day-throughput": "overkill",        # 52 low, 95 high
    "report-accuracy": "overkill",              # 52 low, 90 high
    "notice-official-documents": "concentrate",  # 86 high, 80 low
    "notice-brief-letters": "concentrate",      # 86 high, 76 low
    "fee-report-accuracy": "keep-up",           # 82 high, 87 high
    "new-service-application": "low-priority",  # 17 low, 78 low
    "spec-change-notice": "overkill",           # 63 low, 93 high
    "test-schedule-fit": "overkill",            # 62 low, 93 high
    "test-tool-feasibility": "low-priority",    # 60 low, 73 low
    "problem-solving-ability": "keep-up",       # 84 high, 95 high
    "problem-solving-speed": "concentrate",     # 73 high, 81 low
    "service-attitude": "low-priority",         # 34 low, 76 low
}
# Order inside a quadrant: importance descending, then performance ascending (no
# importance - performance "gap": the axes are an importance score and a % satisfied):
# system-stability 97, notice-brief-letters 86/76, notice-official-documents 86/80,
# peak-day-throughput 75, problem-solving-speed 73.
EXPECTED_FIRST = ["system-stability", "notice-brief-letters", "notice-official-documents",
                  "peak-day-throughput", "problem-solving-speed"]
IMAGE_ITEMS = ["image-professional-information", "image-secure-systems",
               "image-convenient-service", "image-innovative-technology"]


def test_bundled_exercise_item_by_item() -> None:
    ck = load_checklist("satisfaction-survey")
    points, missing = from_checklist(ck)
    assert {p.id: (p.importance, p.performance) for p in points} == EXERCISE
    a = analyse(points, missing, method="mean")
    assert a.importance_cut == pytest.approx(923 / 14)
    assert a.performance_cut == pytest.approx(1173 / 14)
    assert {p.point.id: p.quadrant for p in a.points} == EXPECTED_QUADRANT
    assert [p.point.id for p in a.quadrant("concentrate")] == EXPECTED_FIRST
    assert [p.point.id for p in a.quadrant("keep-up")] == [
        "problem-solving-ability", "fee-report-accuracy"]  # importance 84, 82
    # The company-image items have a satisfied share only: listed, not plotted.
    assert [(m.id, m.reason) for m in a.missing] == [(i, "no-importance") for i in IMAGE_ITEMS]
    assert [m.performance for m in a.missing] == [91, 81, 72, 62]


def test_bundled_exercise_conclusion_answers_the_question() -> None:
    a = analyse(*from_checklist(load_checklist("satisfaction-survey")))
    text = conclusion(a, "en")
    assert text.startswith("Improve first (importance/performance; most important first, the "
                           "less satisfied first among equals): system stability (97/76); "
                           "way and speed of notices (brief letters) (86/76)")
    assert "mean of 65.9" in text and "mean of 83.8" in text
    assert 'Start with "system stability", the most important of them.' in text
    assert "gap" not in text
    zh = conclusion(a, "zh")
    assert zh.startswith("应优先改进（括号内为重要性/表现，按重要性从高到低、同等重要时表现低者"
                         "在前）：系统稳定度 (97/76)")
    assert "差距" not in zh


def test_bundled_exercise_by_section() -> None:
    # Section figures: importance is the factor's rank 1..5, split at the median rank 3;
    # performance the satisfied share (83, 84, 87, 86, 77, mean 83.4). Development and
    # testing is the median rank: "on the line", in no quadrant -- not "high" by
    # construction.
    ck = load_checklist("satisfaction-survey")
    a = analyse(*from_checklist(ck, "section"))
    assert a.ordinal
    assert a.importance_cut == pytest.approx(-3)  # minus the median rank
    assert a.performance_cut == pytest.approx(83.4)
    assert {p.point.id: p.quadrant for p in a.points} == {
        "system-operations": "concentrate",
        "link-operations": "keep-up",
        "development-and-testing": "on-the-line",
        "staff-service": "overkill",
        "company-image": "low-priority",
    }
    assert [p.point.rank for p in a.points] == [1, 2, 3, 4, 5]


def test_ties_count_as_high() -> None:
    assert quadrant_of(50, 50, 50, 50) == "keep-up"
    assert quadrant_of(49.9, 50, 50, 50) == "overkill"
    assert quadrant_of(50, 49.9, 50, 50) == "concentrate"
    assert quadrant_of(49.9, 49.9, 50, 50) == "low-priority"


def test_crosshair_methods() -> None:
    values = [1.0, 2.0, 3.0, 10.0]
    assert cut(values, "mean") == (4.0, None)
    assert cut(values, "median") == (2.5, None)
    assert cut(values, "scale-mid") == (5.0, (0, 10))
    assert cut([20.0, 70.0], "scale-mid") == (50.0, (0, 100))
    assert cut([20.0, 70.0], "scale-mid", (0.0, 200.0)) == (100.0, (0.0, 200.0))


@pytest.mark.parametrize(("values", "rng"), [
    ([0.2, 0.9], (0, 1)), ([1, 3, 5], (1, 5)), ([2, 7], (1, 7)), ([0, 9], (0, 10)),
    ([17, 97], (0, 100)), ([-5, 20], (-5, 20)), ([150, 300], (150, 300)),
])
def test_possible_range(values: list[float], rng: tuple[float, float]) -> None:
    assert possible_range(values) == rng


def test_scale_mid_uses_the_declared_metric_range() -> None:
    # All performance figures are 0-100 percentages: scale-mid = 50 on both axes,
    # so only the two items under 50 importance leave "keep up".
    a = analyse(*from_checklist(load_checklist("satisfaction-survey")), method="scale-mid")
    assert (a.importance_cut, a.performance_cut) == (50, 50)
    assert a.performance_range == (0.0, 100.0)
    assert sorted(p.point.id for p in a.points if p.quadrant != "keep-up") == [
        "new-service-application", "service-attitude"]
    assert {p.quadrant for p in a.points if p.point.id == "service-attitude"} == {"overkill"}


def test_no_points_is_an_error() -> None:
    with pytest.raises(ValueError):
        analyse([])


def test_numbering_follows_input_order() -> None:
    pts = [Point("a", {"": "A"}, 1, 9), Point("b", {"": "B"}, 9, 1)]
    a = analyse(pts)
    assert [(p.number, p.point.id) for p in a.points] == [(1, "a"), (2, "b")]
    assert [p.point.id for p in a.ranked()] == ["b", "a"]  # concentrate before overkill


IPA_CHECKLIST = """\
id: ipa-mini
version: 1
title: Mini survey
scales:
  five: {min: 1, max: 5}
sections:
  - id: s
    title: Section
    ipa: {importance: 70}
    items:
      - {id: speed, text: Speed, type: metric, min: 0, max: 100,
         pass_if: {op: ">=", value: 80}, ipa: {importance: 90, performance: 10}}
      - {id: tidy, text: Tidy, type: check, ipa: {importance: 20, performance: 10}}
      - {id: warmth, text: Warmth, type: scale, scale: five, ipa: {importance: 60}}
      - {id: image, text: Image, type: metric, pass_if: {op: ">=", value: 1},
         ipa: {performance: 5}}
      - {id: plain, text: Plain, type: check}
"""


def test_points_from_a_result(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(IPA_CHECKLIST, encoding="utf-8")
    ck = load_checklist(str(path))
    answers = {"speed": Answer("speed", 65), "tidy": Answer("tidy", "pass"),
               "warmth": Answer("warmth", "na"), "plain": Answer("plain", "fail")}
    result = make_result(ck, answers, branch="B1", reviewer="r", lang="en",
                         started="2024-01-01T00:00:00+00:00",
                         finished="2024-01-01T00:10:00+00:00")
    points, missing = from_result(result, ck)
    # Metric: the answer itself; check: fraction x 100; the checklist's own
    # performance figures are ignored for a result.
    assert [(p.id, p.importance, p.performance) for p in points] == [
        ("speed", 90, 65), ("tidy", 20, 100)]
    assert points[0].performance_range == (0.0, 100.0)
    assert [(m.id, m.reason) for m in missing] == [
        ("warmth", "no-performance"), ("image", "no-importance")]
    sections, _ = from_result(result, ck, "section")
    assert [(p.id, p.importance) for p in sections] == [("s", 70)]
    assert sections[0].performance == pytest.approx(result.score.sections[0].raw)


def test_text_scatter_shows_every_point_and_quadrant() -> None:
    a = analyse(*from_checklist(load_checklist("satisfaction-survey")))
    lines = render.scatter(a, "en")
    body = "\n".join(lines)
    for name in ("Concentrate here", "Keep up the good work", "Low priority",
                 "Possible overkill"):
        assert name in body
    plotted: list[str] = []
    for line in lines[1:-3]:  # the plot rows, after the y-axis margin
        area = line[line.index("┤") + 1:] if "┤" in line else line[line.index("│") + 1:]
        for ch in "│─┼":
            area = area.replace(ch, " ")
        plotted += [tok for tok in area.split() if tok.isdigit()]
    assert sorted(plotted, key=int) == [str(n) for n in range(1, 15)]  # each label once
    assert "65.9" in body and "83.8" in body


def test_html_is_escaped_and_self_contained() -> None:
    pts = [Point("x", {"": "<script>alert(1)</script>"}, 80, 20),
           Point("y", {"": "A & B"}, 20, 80)]
    page = html(analyse(pts), Meta("T <b>", "src", "item"), "en")
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page and "A &amp; B" in page and "T &lt;b&gt;" in page
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_bundled_exercise_conclusion_names_the_factors() -> None:
    # The exercise asks which *factors* to improve first: the five "concentrate
    # here" sub-factors belong to system operations (stability, peak-day
    # throughput), link management (both notice items) and staff service (speed
    # of solving problems), in priority order; at the factor level itself
    # (importance a rank, split at the median rank 3; performance mean 83.4) only
    # system operations is ranked above the median and low in performance.
    ck = load_checklist("satisfaction-survey")
    a = analyse(*from_checklist(ck))
    factors = analyse(*from_checklist(ck, "section"))
    text = conclusion(a, "en", factors)
    assert ("By factor: System operations (system stability, system throughput on peak "
            "days); Link management operations (way and speed of notices (brief letters), "
            "way and speed of notices (official documents)); Staff service (speed of "
            "solving problems).") in text
    assert ("At the factor level (importance is a rank, split at the median rank #3), the "
            "factor to improve first: System operations (#1/83), ranked above the median with "
            "performance below the mean of 83.4. Application development and testing (#3) "
            "sits on the median rank and in no quadrant.") in text
    # The company-image items have no importance figure; the three below the
    # performance mean (62, 72, 81 < 83.8) are named, worst first.
    assert ("Of these, a company with innovative information technology (62); a company "
            "whose service is convenient (72); a company providing secure, robust systems "
            "(81) perform below the mean of 83.8") in text
    zh = conclusion(a, "zh", factors)
    assert ("按因素：系统营运（系统稳定度、峰日系统处理效能）；"
            "连管作业（信息通报方式及速度（简函）、信息通报方式及速度（公文））；"
            "人员服务（解决问题的速度）。") in zh
    assert ("从因素层面看（重要性为排名，以中位排名 #3 为界），应优先改进的因素是系统营运 (#1/83)："
            "排名在中位之前，表现低于均值 83.4。排名恰为中位数的应用系统开发与测试 (#3)不归入象限。"
            ) in zh
    assert ("其中具有创新资讯技术的公司 (62)；一家服务便捷的公司 (72)；"
            "提供安全稳健系统的公司 (81)的表现") in zh
    # Without sections to group by, no factor sentence.
    plain = analyse([Point("a", {"": "A"}, 9, 1), Point("b", {"": "B"}, 1, 9)])
    assert "By factor" not in conclusion(plain, "en")


def test_points_know_their_section() -> None:
    ck = load_checklist("satisfaction-survey")
    points, missing = from_checklist(ck)
    by_id = {p.id: p.group for p in points}
    assert by_id["system-stability"] == "system-operations"
    assert by_id["problem-solving-speed"] == "staff-service"
    assert {m.group for m in missing} == {"company-image"}
    assert {p.group for p in from_checklist(ck, "section")[0]} == {None}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", ["item", "section"])
def test_text_scatter_fits_80_columns(lang: str, level: Level) -> None:
    from branchcheck.terminal.output import width

    a = analyse(*from_checklist(load_checklist("satisfaction-survey"), level))
    assert max(width(line) for line in render.scatter(a, lang)) <= 80
    # Long axis figures narrow the plot instead of widening the lines.
    big = analyse([Point(f"p{k}", {"": "x"}, k * 1e9 + 0.5, -k * 1.25e9) for k in range(12)])
    assert max(width(line) for line in render.scatter(big, lang)) <= 80


def test_text_scatter_says_which_points_overlap() -> None:
    from branchcheck.terminal.output import width

    crowd = analyse([Point(f"p{k}", {"": "x"}, 50, 50) for k in range(40)])
    lines = render.scatter(crowd, "en")
    start = next(n for n, x in enumerate(lines) if x.startswith("(overlapping, not labelled:"))
    note = " ".join(lines[start:])
    shown = {tok for line in lines[1:-3] for tok in line.replace("│", " ").replace(
        "─", " ").replace("┼", " ").replace("┤", " ").split() if tok.isdigit()}
    hidden = {tok.strip(",;") for tok in note.split() if tok.strip(",;").isdigit()}
    assert shown | hidden >= {str(k) for k in range(1, 41)}  # every point accounted for
    assert max(width(line) for line in lines) <= 80
