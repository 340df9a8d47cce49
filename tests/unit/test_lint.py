"""Semantic rules that the schema cannot express (docs/checklist-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.checklists.lint import lint
from branchcheck.checklists.loading import check_bytes
from branchcheck.core.strictyaml import parse_mapping

HEAD = """\
id: lint-test
version: 1
title: {zh: 标题, en: Title}
scales:
  five: {min: 1, max: 5}
sections:
  - id: s
    title: {zh: 部分, en: Part}
    items:
"""


def items(*lines: str) -> str:
    return HEAD + "".join(f"      - {line}\n" for line in lines)


CHECK = "{id: chk, text: {zh: 问, en: Q}, type: check}"
SCALE = "{id: scl, text: {zh: 问, en: Q}, type: scale, scale: five}"
CHOICE = (
    "{id: cho, text: {zh: 问, en: Q}, type: choice, options: "
    "[{key: a, label: {zh: 甲, en: A}, points: 1}, {key: b, label: {zh: 乙, en: B}, points: 0}]}"
)
SCORED = "{id: scored, text: {zh: 问, en: Q}, type: check}"
METRIC = "{id: met, text: {zh: 问, en: Q}, type: metric, pass_if: {op: '>=', value: 5}}"


def rules(text: str) -> list[tuple[str, str]]:
    report = check_bytes(text.encode(), "x.yaml")
    return [(p.rule, p.severity) for p in report.problems]


def when(target: str, equals: str) -> str:
    cond = f"{{item: {target}, equals: {equals}}}"
    return f"{{id: dep, text: {{zh: 问, en: Q}}, type: check, when: {cond}}}"


def test_the_head_is_clean() -> None:
    assert rules(items(CHECK, SCALE, CHOICE, METRIC)) == []


@pytest.mark.parametrize(
    ("target", "equals", "ok"),
    [
        (CHECK, "pass", True),
        (CHECK, "fail", True),
        (CHECK, "na", True),
        (CHECK, "true", True),
        (CHECK, "maybe", False),
        (CHECK, "3", False),
        (CHECK, "1", False),  # 1 == True in Python: was accepted, and never held
        (CHECK, "0", False),
        (CHECK, "1.0", False),
        (SCALE, "3", True),
        (SCALE, "5", True),
        (SCALE, "6", False),
        (SCALE, "'3'", False),
        (SCALE, "na", True),
        (CHOICE, "a", True),
        (CHOICE, "z", False),
        (METRIC, "7.5", True),
        (METRIC, "high", False),
    ],
)
def test_when_equals_must_be_a_possible_answer(target: str, equals: str, ok: bool) -> None:
    ident = target.split(",")[0].split(": ")[1]
    found = rules(items(target, when(ident, equals)))
    assert found == ([] if ok else [("when-bad-value", "error")])


def test_when_on_itself_is_a_forward_reference() -> None:
    assert rules(items(CHECK, when("dep", "pass"))) == [("when-forward", "error")]


def test_when_may_refer_to_an_item_of_an_earlier_section() -> None:
    text = items(CHECK) + (
        "  - id: t\n    title: {zh: 二, en: Two}\n    items:\n" f"      - {when('chk', 'fail')}\n"
    )
    assert rules(text) == []


def test_ids_are_unique_across_sections_and_items() -> None:
    text = items(CHECK) + (
        "  - id: chk\n    title: {zh: 二, en: Two}\n    items:\n"
        "      - {id: s, text: {zh: 问, en: Q}, type: check}\n"
    )
    assert rules(text) == [("duplicate-id", "error"), ("duplicate-id", "error")]


@pytest.mark.parametrize(
    ("mins", "problems"),
    [
        ([90, 60, 0], 0),
        ([0], 0),
        ([90, 90, 0], 1),
        ([60, 90, 0], 1),
        ([90, 60], 1),
        ([90, 95, 10], 2),
    ],
)
def test_grade_bands(mins: list[int], problems: int) -> None:
    grades = "grades:\n" + "".join(f"  - {{min: {m}, label: {{zh: 级, en: G}}}}\n" for m in mins)
    text = items(CHECK).replace("sections:\n", grades + "sections:\n")
    assert rules(text) == [("grades-order", "error")] * problems


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("min: 0, max: 10", None),
        ("min: 0, max: 4", "metric-threshold"),  # pass_if 5 above max
        ("min: 6", "metric-threshold"),  # pass_if 5 below min
        ("min: 5, max: 5", "metric-threshold"),  # empty range
        ("bands: [{op: '>=', value: 3, fraction: 0.5}]", None),
        ("min: 0, max: 10, bands: [{op: '>=', value: 11, fraction: 0.5}]", "metric-threshold"),
        ("bands: [{op: '<', value: 3, fraction: 0.5}]", "metric-threshold"),
    ],
)
def test_metric_thresholds(extra: str, problem: str | None) -> None:
    item = METRIC[:-1] + f", {extra}}}"
    assert rules(items(item)) == ([] if problem is None else [(problem, "error")])


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        (CHECK[:-1] + ", critical: section}", None),
        (SCALE[:-1] + ", critical: checklist}", None),
        (CHECK[:-1] + ", weight: 0, critical: section}", "critical-unscored"),
        ("{id: t, text: {zh: 问, en: Q}, type: text, critical: section}", "critical-unscored"),
    ],
)
def test_knockouts_only_on_scored_items(item: str, problem: str | None) -> None:
    assert rules(items(SCORED, item)) == ([] if problem is None else [(problem, "error")])


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        (CHECK[:-1] + ", rectify: {within_days: 2}, evidence_required_on_fail: true}", None),
        (CHECK[:-1] + ", weight: 0, rectify: {within_days: 2}}", "rectify-unscored"),
        ("{id: t, text: {zh: 问, en: Q}, type: text, evidence_required_on_fail: true}",
         "rectify-unscored"),
    ],
)
def test_rectification_only_on_scored_items(item: str, problem: str | None) -> None:
    assert rules(items(SCORED, item)) == ([] if problem is None else [(problem, "error")])


@pytest.mark.parametrize(
    "item",
    [
        CHECK[:-1] + ", scale: five}",
        CHECK[:-1] + ", unit: '%'}",
        SCALE[:-1] + ", pass_if: {op: '>', value: 1}}",
        "{id: t, text: {zh: 问, en: Q}, type: text, min: 1}",
    ],
)
def test_keys_of_another_type_are_refused(item: str) -> None:
    assert rules(items(SCORED, item)) == [("type-fields", "error")]


def test_unknown_scale() -> None:
    assert rules(items(SCALE.replace("scale: five", "scale: ten"))) == [
        ("unknown-scale", "error")
    ]


def test_choice_needs_points() -> None:
    assert rules(items(CHOICE.replace("points: 1", "points: 0"))) == [
        ("choice-no-points", "error")
    ]


def test_missing_translations_are_warnings() -> None:
    plain = "{id: a, text: Plain, type: check}"
    found = rules(items(plain, "{id: b, text: {zh: 问}, type: check}"))
    assert found == [("missing-translation", "warning")] * 2


def test_plain_text_is_fine_with_one_language() -> None:
    text = items("{id: a, text: Plain, type: check}").replace(
        "title: {zh: 标题, en: Title}", "title: Title\nlanguages: [en]"
    )
    assert rules(text) == []


def test_a_file_with_only_warnings_still_builds() -> None:
    report = check_bytes(items("{id: a, text: Plain, type: check}").encode(), "x.yaml")
    assert report.checklist is not None and report.warnings and not report.errors


def test_problems_are_sorted_by_position() -> None:
    doc = parse_mapping(
        items("{id: a, text: Plain, type: check, critical: section, weight: 0}", CHECK, CHECK),
        "x.yaml",
    )
    found: list[Any] = lint(doc)
    assert [(p.line, p.column) for p in found] == sorted((p.line, p.column) for p in found)
    assert {p.rule for p in found} == {"missing-translation", "critical-unscored", "duplicate-id"}


def test_lint_is_located() -> None:
    (problem,) = check_bytes(items(CHECK, CHECK).encode(), "x.yaml").problems
    assert (problem.line, problem.column, problem.path) == (11, 14, "/sections/0/items/1/id")
    assert "already used at line 10, column 14" in problem.message


# -- robustness: any input gives a report, never an exception ---------------------------

EXAMPLE_TEXT = (
    Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"
).read_text(encoding="utf-8")
_EXAMPLE_LINES = EXAMPLE_TEXT.splitlines()


@settings(max_examples=300, deadline=None)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "swap", "replace"]),
            st.integers(0, len(_EXAMPLE_LINES) - 1),
            st.integers(0, len(_EXAMPLE_LINES) - 1),
            st.sampled_from(
                ["pass", "0", "-1", "five-point", "has-atm", "yes", "", "[]", "{}", "~", "x: 1",
                 "&a", "*a", "!!str", "1.5", "check", "metric", "zh", "'", "{", "- ", "\t"]
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_checklists_always_give_a_report(edits: list[tuple[str, int, int, str]]) -> None:
    lines = list(_EXAMPLE_LINES)
    for action, i, j, token in edits:
        i, j = i % len(lines), j % len(lines)
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            words = lines[i].split(" ")
            words[j % len(words)] = token
            lines[i] = " ".join(words)
    report = check_bytes("\n".join(lines).encode(), "m.yaml")
    for p in report.problems:
        assert p.line >= 0 and p.message and p.rule
    if report.checklist is None:
        assert report.errors


# ---------------------------------------------------------------- issue 10: misleading output


def test_option_keys_differing_only_in_case_fail_validate() -> None:
    twins = CHOICE.replace("key: b", "key: A")
    assert rules(items(twins)) == [("option-key-case", "error")]


@pytest.mark.parametrize(
    ("sections", "problem"),
    [
        ("[0, 0]", "no-overall-score"),
        ("[0, 1]", None),
        ("[1, 1]", None),
    ],
)
def test_sections_that_all_weigh_zero_are_linted(sections: str, problem: str | None) -> None:
    weights = [int(w) for w in sections.strip("[]").split(",")]
    text = HEAD.split("sections:")[0] + "sections:\n" + "".join(
        f"  - id: s{n}\n    title: {{zh: 部分, en: Part}}\n    weight: {w}\n    items:\n"
        f"      - {{id: i{n}, text: {{zh: 问, en: Q}}, type: check}}\n"
        for n, w in enumerate(weights))
    assert rules(text) == ([] if problem is None else [(problem, "error")])


def test_only_text_and_weight_zero_items_give_no_overall_score() -> None:
    text = items("{id: t, text: {zh: 问, en: Q}, type: text}",
                 CHECK[:-1] + ", weight: 0}")
    assert rules(text) == [("no-overall-score", "error")]


@pytest.mark.parametrize(
    ("target", "equals", "ok"),
    [
        (CHECK[:-1] + ", allow_na: false}", "na", False),
        (CHECK[:-1] + ", allow_na: true}", "na", True),
        (METRIC[:-1] + ", min: 0, max: 10}", "11", False),
        (METRIC[:-1] + ", min: 0, max: 10}", "-1", False),
        (METRIC[:-1] + ", min: 0, max: 10}", "10", True),
        (METRIC, "1000", True),
        ("{id: txt, text: {zh: 问, en: Q}, type: text}", "' late'", False),  # trimmed
        ("{id: txt, text: {zh: 问, en: Q}, type: text}", "''", False),
        ("{id: txt, text: {zh: 问, en: Q}, type: text}", "late", True),
    ],
)
def test_a_when_that_can_never_hold_is_linted(target: str, equals: str, ok: bool) -> None:
    ident = target.split(",")[0].split(": ")[1]
    found = rules(items(target, when(ident, equals)))
    assert found == ([] if ok else [("when-never", "error")])


def test_a_when_on_an_item_never_asked_can_never_hold() -> None:
    never = CHECK[:-1] + ", allow_na: false}"
    chained = "{id: dep2, text: {zh: 问, en: Q}, type: check, when: {item: dep, equals: pass}}"
    assert rules(items(never, when("chk", "na"), chained)) == [("when-never", "error")] * 2
