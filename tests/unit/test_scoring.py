"""Scoring: an exact hand-computed case and property tests over random checklists."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import (
    NA,
    Answer,
    AnswerValue,
    Band,
    Checklist,
    Condition,
    Grade,
    Item,
    Option,
    Scale,
    Section,
    When,
)
from branchcheck.core.scoring import applicability, fraction, grade_for, make_result, score

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "scoring" / "weights.yaml"

# Base answers for tests/data/scoring/weights.yaml (values already normalised).
BASE: dict[str, AnswerValue] = {
    "tidy": "pass",           # hall,    w2, f 1
    "signage": "fail",        # hall,    w1, f 0
    "has-atm": "pass",        # hall,    w0: status pass, not scored
    "atm-clean": "pass",      # hall,    w1, f 1 (applies: has-atm = pass)
    "has-vip-room": "fail",   # hall,    w0: status fail, not scored
    "vip-room-tidy": "fail",  # hall,    w3, NOT applicable (has-vip-room != pass): ignored
    "brochures": NA,          # hall,    w2, N/A: leaves the section
    "safe-locked": "pass",    # hall,    w1, critical: section
    "greeting": 4,            # service, w2, scale 1-5: (4 - 1) / (5 - 1) = 0.75
    "product-fit": "b",       # service, w1, choice 2 of max 3 points = 2/3
    "answer-rate": 80,        # service, w1, metric: misses >= 85, band >= 75 gives 0.5
    "no-misleading": "pass",  # service, w1, critical: checklist
    "remarks": "queue ~10 min",  # text: info, unscored
    "cctv": NA,               # security (weight 3): N/A
    # alarm-tested: not answered (skipped)
}


def _answers(**changes: AnswerValue) -> dict[str, Answer]:
    values = {**BASE, **{k.replace("_", "-"): v for k, v in changes.items()}}
    return {k: Answer(k, v) for k, v in values.items()}


@pytest.fixture(scope="module")
def weights() -> Checklist:
    return load_checklist(str(WEIGHTS))


def test_hand_computed_base_case(weights: Checklist) -> None:
    s = score(weights, _answers())
    sec = {x.id: x for x in s.sections}
    # hall: scored items tidy (2 x 1), signage (1 x 0), atm-clean (1 x 1), safe-locked (1 x 1)
    #   = 4 / weight 5 = 80
    assert sec["hall"].raw == pytest.approx(80.0)
    assert sec["hall"].final == pytest.approx(80.0)
    # service: greeting 2 x 0.75 = 1.5, product-fit 1 x 2/3, answer-rate 1 x 0.5, no-misleading 1
    #   = 11/3 over weight 5 -> 100 x 11/15 = 73.333...
    assert sec["service"].raw == pytest.approx(1100 / 15)
    assert sec["service"].final == pytest.approx(1100 / 15)
    # security: cctv N/A, alarm-tested skipped -> no score, leaves the overall
    assert sec["security"].raw is None and sec["security"].final is None
    # overall = (1 x 80 + 2 x 73.333) / (1 + 2) = 3400/45 = 75.555...
    assert s.overall_raw == pytest.approx(3400 / 45)
    assert s.overall_final == pytest.approx(3400 / 45)
    assert s.grade is not None and s.grade.label["en"] == "Good"  # 70 <= 75.6 < 90
    # applicable non-text items: 8 - 1 (vip-room-tidy) + 4 + 2 = 13; answered: all but alarm
    assert s.coverage == pytest.approx(12 / 13)
    assert s.complete is False
    assert s.knocked_out is False
    items = {i.id: i for i in s.items}
    assert items["vip-room-tidy"].applicable is False
    assert items["vip-room-tidy"].status == "na" and items["vip-room-tidy"].value is None
    assert items["has-vip-room"].status == "fail"  # weight 0 keeps its status
    assert items["brochures"].status == "na" and items["brochures"].applicable is True
    assert items["alarm-tested"].status == "skipped"
    assert items["remarks"].status == "info" and items["remarks"].fraction is None
    assert items["answer-rate"].status == "partial"
    assert items["answer-rate"].fraction == pytest.approx(0.5)
    assert items["product-fit"].fraction == pytest.approx(2 / 3)
    assert items["greeting"].fraction == pytest.approx(0.75)


def test_hand_computed_section_knockout(weights: Checklist) -> None:
    s = score(weights, _answers(safe_locked="fail"))
    sec = {x.id: x for x in s.sections}
    # hall raw: 2 + 0 + 1 + 0 = 3 over 5 = 60; safe-locked is a section knockout -> final 0
    assert sec["hall"].raw == pytest.approx(60.0)
    assert sec["hall"].final == 0.0
    assert sec["hall"].knocked_out is True
    assert sec["service"].knocked_out is False
    # overall raw = (60 + 2 x 73.333) / 3 = 3100/45 = 68.888...
    assert s.overall_raw == pytest.approx(3100 / 45)
    # overall final = (0 + 2 x 73.333) / 3 = 2200/45 = 48.888...
    assert s.overall_final == pytest.approx(2200 / 45)
    assert s.knocked_out is False
    assert s.grade is not None and s.grade.label["en"] == "Needs work"


def test_hand_computed_checklist_knockout(weights: Checklist) -> None:
    s = score(weights, _answers(no_misleading="fail"))
    sec = {x.id: x for x in s.sections}
    # service raw: 1.5 + 2/3 + 0.5 + 0 = 8/3 over 5 -> 100 x 8/15 = 53.333...; not a section KO
    assert sec["service"].raw == pytest.approx(800 / 15)
    assert sec["service"].final == pytest.approx(800 / 15)
    assert sec["service"].knocked_out is False
    # overall raw = (80 + 2 x 53.333) / 3 = 2800/45 = 62.222...; final 0 (checklist knockout)
    assert s.overall_raw == pytest.approx(2800 / 45)
    assert s.overall_final == 0.0
    assert s.knocked_out is True
    # a checklist knockout is its own outcome, not the lowest band
    assert s.grade is not None
    assert s.grade.label == {"zh": "不合格（一票否决）", "en": "Fail (red line)"}


def test_red_line_grade_whatever_the_bands(weights: Checklist) -> None:
    from dataclasses import replace

    from branchcheck.core.model import Grade

    # even a checklist whose lowest band reads "Pass" grades a knockout as a red-line fail
    lenient = replace(weights, grades=(Grade(0.0, {"zh": "合格", "en": "Pass"}),))
    s = score(lenient, _answers(no_misleading="fail"))
    assert s.grade is not None and s.grade.label["en"] == "Fail (red line)"
    assert score(lenient, _answers()).grade == Grade(0.0, {"zh": "合格", "en": "Pass"})


def test_hand_computed_when_applicable_and_complete(weights: Checklist) -> None:
    # has-vip-room pass makes vip-room-tidy (w3, fail) count; alarm answered -> complete
    s = score(weights, _answers(has_vip_room="pass", alarm_tested="pass", answer_rate=90))
    sec = {x.id: x for x in s.sections}
    # hall: 2 + 0 + 1 + 3 x 0 + 1 = 4 over 2 + 1 + 1 + 3 + 1 = 8 -> 50
    assert sec["hall"].raw == pytest.approx(50.0)
    # service: 1.5 + 2/3 + 1 (90 >= 85) + 1 = 25/6 over 5 -> 100 x 25/30 = 83.333...
    assert sec["service"].raw == pytest.approx(2500 / 30)
    # security: cctv N/A, alarm pass -> 100
    assert sec["security"].raw == pytest.approx(100.0)
    # overall = (1 x 50 + 2 x 83.333 + 3 x 100) / 6 = (50 + 166.667 + 300) / 6 = 86.111...
    assert s.overall_raw == pytest.approx((50 + 2 * 2500 / 30 + 300) / 6)
    assert s.coverage == 1.0 and s.complete is True


def test_metric_band_edges(weights: Checklist) -> None:
    item = weights.item_index()["answer-rate"]
    assert fraction(item, 85) == 1.0
    assert fraction(item, 84.9) == 0.5
    assert fraction(item, 75) == 0.5
    assert fraction(item, 74.9) == 0.0
    assert fraction(item, NA) is None


def test_grade_first_band_whose_min_is_met(weights: Checklist) -> None:
    assert grade_for(weights.grades, 90.0) == weights.grades[0]
    assert grade_for(weights.grades, 89.99) == weights.grades[1]
    assert grade_for(weights.grades, 0.0) == weights.grades[2]
    assert grade_for(weights.grades, None) is None


def test_make_result_carries_identity(weights: Checklist) -> None:
    r = make_result(weights, _answers(), branch="SH-001", reviewer="王芳", lang="zh",
                    started="2024-05-01T09:30:00+08:00", finished="2024-05-01T10:00:00+08:00")
    assert (r.checklist_id, r.checklist_version) == ("weights-demo", 1)
    assert len(r.checklist_sha256) == 64 and r.checklist_sha256 == weights.sha256
    assert r.overall_final == pytest.approx(3400 / 45)


# ---------------------------------------------------------------- properties

WEIGHT = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0])
CRITICAL: st.SearchStrategy[Literal["section", "checklist"] | None] = st.sampled_from(
    [None, None, None, "section", "checklist"])


@st.composite
def items(draw: st.DrawFn, prefix: str) -> Item:
    kind = draw(st.sampled_from(["check", "scale", "choice", "metric", "text"]))
    base = Item(prefix, {"en": prefix}, "check", weight=draw(WEIGHT), critical=draw(CRITICAL))
    if kind == "scale":
        lo = draw(st.integers(0, 3))
        return dataclasses.replace(base, type="scale",
                                   scale=Scale("s", lo, lo + draw(st.integers(1, 9))))
    if kind == "choice":
        points = draw(st.lists(st.sampled_from([0.0, 1.0, 2.0, 5.0]), min_size=1, max_size=4))
        points.append(draw(st.sampled_from([1.0, 3.0])))  # at least one option worth points
        return dataclasses.replace(base, type="choice", options=tuple(
            Option(f"o{k}", {"en": "x"}, p) for k, p in enumerate(points)))
    if kind == "metric":
        bands = tuple(Band(Condition(">=", float(v)), f)
                      for v, f in draw(st.lists(st.tuples(st.integers(0, 80),
                                                          st.sampled_from([0.25, 0.5, 0.75])),
                                                max_size=2)))
        threshold = float(draw(st.integers(0, 100)))
        return dataclasses.replace(base, type="metric", pass_if=Condition(">=", threshold),
                                   bands=bands, min=0.0, max=100.0)
    if kind == "text":
        return dataclasses.replace(base, type="text", critical=None)
    return base


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    n_sections = draw(st.integers(1, 4))
    sections = []
    for s in range(n_sections):
        n_items = draw(st.integers(1, 6))
        sections.append(Section(f"s{s}", {"en": f"S{s}"},
                                tuple(draw(items(f"s{s}-i{i}")) for i in range(n_items)),
                                weight=draw(st.sampled_from([0.5, 1.0, 2.0, 4.0]))))
    grades = (Grade(80, {"en": "A"}), Grade(50, {"en": "B"}), Grade(0, {"en": "C"}))
    return Checklist("random", 1, {"en": "Random"}, tuple(sections), grades=grades)


def values_for(item: Item) -> st.SearchStrategy[AnswerValue]:
    """Every kind of valid normalised answer of ``item``."""
    if item.type == "check":
        return st.sampled_from(["pass", "fail"])
    if item.type == "scale":
        assert item.scale is not None
        return st.integers(item.scale.min, item.scale.max)
    if item.type == "choice":
        return st.sampled_from([o.key for o in item.options])
    if item.type == "metric":
        return st.floats(0, 100, allow_nan=False)
    return st.text(max_size=5)


@st.composite
def answered(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    ck = draw(checklists())
    answers: dict[str, Answer] = {}
    for _, item in ck.items():
        mode = draw(st.sampled_from(["value", "value", "value", "na", "skip"]))
        if mode == "na":
            answers[item.id] = Answer(item.id, NA)
        elif mode == "value":
            answers[item.id] = Answer(item.id, draw(values_for(item)))
    return ck, answers


def _without_criticals(ck: Checklist) -> Checklist:
    return dataclasses.replace(ck, sections=tuple(
        dataclasses.replace(s, items=tuple(dataclasses.replace(i, critical=None)
                                           for i in s.items))
        for s in ck.sections))


def _in_range(x: float | None) -> bool:
    return x is None or -1e-9 <= x <= 100 + 1e-9


PROPS = settings(max_examples=100, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(answered())
def test_scores_stay_between_0_and_100(case: tuple[Checklist, dict[str, Answer]]) -> None:
    ck, answers = case
    s = score(ck, answers)
    assert all(_in_range(x.raw) and _in_range(x.final) for x in s.sections)
    assert _in_range(s.overall_raw) and _in_range(s.overall_final)
    assert 0.0 <= s.coverage <= 1.0
    assert s.complete == (s.coverage == 1.0)
    assert all(i.fraction is None or 0.0 <= i.fraction <= 1.0 for i in s.items)


@PROPS
@given(answered(), st.data())
def test_na_never_changes_the_other_items_relative_weight(
    case: tuple[Checklist, dict[str, Answer]], data: st.DataObject
) -> None:
    ck, answers = case
    section_index = data.draw(st.integers(0, len(ck.sections) - 1))
    section = ck.sections[section_index]
    target = data.draw(st.sampled_from(section.items))
    with_na = {**answers, target.id: Answer(target.id, NA)}
    # Marking the item N/A must score its section exactly as if the item did not exist:
    # the remaining items keep their weights relative to each other.
    removed = dataclasses.replace(ck, sections=tuple(
        dataclasses.replace(s, items=tuple(i for i in s.items if i.id != target.id))
        for s in ck.sections))
    rest = {k: v for k, v in answers.items() if k != target.id}
    got = score(ck, with_na).sections[section_index].raw
    want = score(removed, rest).sections[section_index].raw
    assert (got is None) == (want is None)
    if got is not None and want is not None:
        assert got == pytest.approx(want)
        # and equals the weighted mean computed directly over the other answered items
        pairs = [(i.weight, fraction(i, answers[i.id].value)) for i in section.items
                 if i.id != target.id and i.id in answers and i.scored]
        pairs2 = [(w, f) for w, f in pairs if f is not None]
        total = sum(w for w, _ in pairs2)
        assert got == pytest.approx(100 * sum(w * f for w, f in pairs2) / total)


@PROPS
@given(answered(), st.data())
def test_improving_one_answer_never_lowers_raw_scores(
    case: tuple[Checklist, dict[str, Answer]], data: st.DataObject
) -> None:
    ck, answers = case
    _, item = data.draw(st.sampled_from(list(ck.items())))
    if item.type == "text":
        return
    a = data.draw(values_for(item))
    b = data.draw(values_for(item))
    fa, fb = fraction(item, a), fraction(item, b)
    assert fa is not None and fb is not None
    worse, better = (a, b) if fa <= fb else (b, a)
    s_worse = score(ck, {**answers, item.id: Answer(item.id, worse)})
    s_better = score(ck, {**answers, item.id: Answer(item.id, better)})
    for x, y in zip(s_worse.sections, s_better.sections, strict=True):
        assert (x.raw is None) == (y.raw is None)
        if x.raw is not None and y.raw is not None:
            assert y.raw >= x.raw - 1e-9
    if s_worse.overall_raw is not None and s_better.overall_raw is not None:
        assert s_better.overall_raw >= s_worse.overall_raw - 1e-9


@PROPS
@given(answered())
def test_knockouts_only_lower_final_scores(case: tuple[Checklist, dict[str, Answer]]) -> None:
    ck, answers = case
    with_ko = score(ck, answers)
    without = score(_without_criticals(ck), answers)
    # raw scores do not depend on knockouts at all
    assert [x.raw for x in with_ko.sections] == [x.raw for x in without.sections]
    assert with_ko.overall_raw == without.overall_raw
    # without knockouts final == raw; with them final can only be lower (or equal)
    for x, y in zip(with_ko.sections, without.sections, strict=True):
        assert y.final == y.raw
        if x.final is not None and y.final is not None:
            assert x.final <= y.final + 1e-9
            assert x.final == (0.0 if x.knocked_out else x.raw)
    if with_ko.overall_final is not None and without.overall_final is not None:
        assert with_ko.overall_final <= without.overall_final + 1e-9
    assert without.knocked_out is False


@PROPS
@given(answered())
def test_when_items_apply_only_after_the_expected_answer(
    case: tuple[Checklist, dict[str, Answer]],
) -> None:
    ck, answers = case
    # Chain a `when` item behind the first check item of the checklist.
    first = next((i for _, i in ck.items() if i.type == "check"), None)
    if first is None:
        return
    follow = Item("follow-up", {"en": "f"}, "check",
                  when=When(first.id, "pass"), weight=5.0)
    sec0 = ck.sections[-1]
    ck2 = dataclasses.replace(ck, sections=(*ck.sections[:-1], dataclasses.replace(
        sec0, items=(*sec0.items, follow))))
    answers2 = {**answers, "follow-up": Answer("follow-up", "fail")}
    applies = applicability(ck2, answers2)
    ref = answers.get(first.id)
    assert applies["follow-up"] == (ref is not None and ref.value == "pass")
    result = {i.id: i for i in score(ck2, answers2).items}["follow-up"]
    if not applies["follow-up"]:
        assert result.status == "na" and result.value is None and result.fraction is None
        assert score(ck2, answers2).sections[-1].raw == score(ck, answers).sections[-1].raw
    else:
        assert result.status == "fail"

