"""branchcheck.core.diff: item classes, flags, deltas and gates on hand-built results."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchcheck.core import diff as core
from branchcheck.core.errors import UsageError
from branchcheck.core.model import ItemResult, Result
from branchcheck.results.storage import read_result

DATA = Path(__file__).resolve().parents[1] / "data" / "results"

EXPECTED_CHANGE = {
    "f-regress": "regressed", "f-improve": "improved", "f-same": "unchanged",
    "f-new": "added", "f-newna": "newly_na", "f-back": "no_longer_na", "f-gone": "removed",
    "s-ko": "regressed", "s-metric": "regressed", "s-persist": "unchanged",
    "s-wording": "unchanged", "s-scale": "improved", "b-ko": "improved", "b-skip": "regressed",
    "b-remark": "unchanged",
}
EXPECTED_FLAGS = {
    "s-ko": ("knockout_triggered",), "b-ko": ("knockout_cleared",),
    "s-metric": ("threshold_crossed",), "s-persist": ("persistent_failure",),
    "s-wording": ("text_changed",),
}


@pytest.fixture(scope="module")
def demo() -> tuple[Result, Result]:
    return read_result(DATA / "diff-old.yaml"), read_result(DATA / "diff-new.yaml")


def item(status: str, fraction: float | None = None, *, type_: str = "check",
         critical: str | None = None, text: str = "x", value: object = None) -> ItemResult:
    return ItemResult(id="i", section="s", type=type_, text={"": text},  # type: ignore[arg-type]
                      status=status, value=value, fraction=fraction,  # type: ignore[arg-type]
                      critical=critical)


def test_every_class_and_flag_on_hand_built_results(demo: tuple[Result, Result]) -> None:
    d = core.compare(*demo)
    assert {x.id: x.change for x in d.items} == EXPECTED_CHANGE
    assert {x.id: x.flags for x in d.items if x.flags} == EXPECTED_FLAGS
    assert set(EXPECTED_CHANGE.values()) == set(core.CHANGES)
    assert {f for fs in EXPECTED_FLAGS.values() for f in fs} == set(core.FLAGS)


def test_removed_items_keep_their_place(demo: tuple[Result, Result]) -> None:
    ids = [x.id for x in core.compare(*demo).items]
    assert ids[:7] == ["f-regress", "f-improve", "f-same", "f-new", "f-newna", "f-back",
                       "f-gone"]


def test_scores_grade_coverage_and_version(demo: tuple[Result, Result]) -> None:
    d = core.compare(*demo)
    assert (d.overall.old, d.overall.new) == (55.0, 45.0)
    assert d.overall.delta == pytest.approx(-10.0)
    assert d.overall_raw.delta == pytest.approx(2.5)
    assert {s.id: (s.old, s.new) for s in d.sections} == {
        "front": (80.0, 80.0), "service": (70.0, 0.0), "back": (0.0, 100.0)}
    assert {s.id: (s.old, s.new) for s in d.sections_raw} == {
        "front": (80.0, 80.0), "service": (70.0, 50.0), "back": (50.0, 100.0)}
    assert d.coverage.delta == pytest.approx(12 / 13 - 1)
    assert d.version_changed and not d.grade_changed and not d.cross_branch
    assert core.counts(d)["regressed"] == 4
    assert [x.change for x in core.ordered(d)][:4] == ["regressed"] * 4


def test_different_checklists_are_refused(demo: tuple[Result, Result]) -> None:
    other = dataclasses.replace(demo[1], checklist_id="other-list")
    with pytest.raises(UsageError, match="different checklists"):
        core.compare(demo[0], other)


def test_same_checklist_other_branch_is_compared(demo: tuple[Result, Result]) -> None:
    d = core.compare(demo[0], dataclasses.replace(demo[1], branch="BJ-002"))
    assert d.cross_branch


@pytest.mark.parametrize(("old", "new", "change"), [
    (item("pass", 1.0), item("skipped"), "regressed"),   # credit no longer shown
    (item("fail", 0.0), item("skipped"), "unchanged"),   # still nothing shown
    (item("skipped"), item("pass", 1.0), "improved"),
    (item("skipped"), item("fail", 0.0), "unchanged"),
    (item("na"), item("skipped"), "no_longer_na"),       # skipped is neither better nor worse
    (item("skipped"), item("na"), "newly_na"),
    (item("na"), item("na"), "unchanged"),
    (item("partial", 0.5), item("partial", 0.75), "improved"),
    (item("info", type_="text", value="a"), item("info", type_="text", value="b"), "unchanged"),
    (item("info", type_="text"), item("skipped", type_="text"), "unchanged"),
])
def test_classify_rules(old: ItemResult, new: ItemResult, change: str) -> None:
    assert core.classify(old, new) == change


def test_flag_rules() -> None:
    metric = {"type_": "metric"}
    assert core.flags(item("fail", 0.0, **metric), item("pass", 1.0, **metric)) == (
        "threshold_crossed",)
    # partial -> fail stays below the threshold: not a crossing
    assert core.flags(item("partial", 0.5, **metric), item("fail", 0.0, **metric)) == ()
    # critical -> no longer critical while still failing: the knockout is cleared
    assert core.flags(item("fail", 0.0, critical="section"), item("fail", 0.0)) == (
        "knockout_cleared", "persistent_failure")
    assert core.flags(None, item("fail", 0.0, critical="checklist")) == ("knockout_triggered",)
    assert core.flags(item("fail", 0.0, critical="section"), None) == ("knockout_cleared",)
    assert core.flags(item("pass", 1.0, text="a"), item("pass", 1.0, text="b")) == (
        "text_changed",)


@pytest.mark.parametrize(("spec", "fires"), [
    ("regression", True), ("knockout", True), ("drop:9.5", True), ("drop:10", False),
    ("DROP:0", True), ("drop:50", False),
])
def test_gates(demo: tuple[Result, Result], spec: str, fires: bool) -> None:
    d = core.compare(*demo)
    reason = core.gate_reason(d, core.parse_gate(spec))
    assert (reason is not None) == fires


def test_gates_do_not_fire_on_an_improvement(demo: tuple[Result, Result]) -> None:
    d = core.compare(demo[1], demo[0])  # reversed: overall goes up by 10
    assert core.gate_reason(d, core.parse_gate("drop:0")) is None
    assert core.gate_reason(d, core.parse_gate("regression")) is not None  # s-scale etc.
    reason = core.gate_reason(d, core.parse_gate("knockout"))
    assert reason is not None and "b-ko" in reason and "s-ko" not in reason


@pytest.mark.parametrize("spec", ["regressions", "drop", "drop:", "drop:-1", "drop:101",
                                  "drop:x", ""])
def test_bad_gates_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError, match="--fail-on"):
        core.parse_gate(spec)


_items = st.builds(
    item,
    status=st.sampled_from(["pass", "partial", "fail", "na", "skipped"]),
    fraction=st.none(),
    critical=st.sampled_from([None, "section", "checklist"]),
    text=st.sampled_from(["a", "b"]),
).map(lambda i: dataclasses.replace(i, fraction={"pass": 1.0, "fail": 0.0, "partial": 0.5}
                                     .get(i.status)))


@given(_items, _items)
def test_classes_are_mirror_images(a: ItemResult, b: ItemResult) -> None:
    mirror = {"regressed": "improved", "improved": "regressed", "newly_na": "no_longer_na",
              "no_longer_na": "newly_na", "unchanged": "unchanged"}
    assert core.classify(b, a) == mirror[core.classify(a, b)]
    flipped = {"knockout_triggered": "knockout_cleared", "knockout_cleared": "knockout_triggered"}
    assert {flipped.get(f, f) for f in core.flags(a, b)} == set(core.flags(b, a))


@given(_items)
def test_an_item_against_itself_is_unchanged(a: ItemResult) -> None:
    assert core.classify(a, a) == "unchanged"
    assert core.flags(a, a) == (("persistent_failure",) if a.status == "fail" else ())


def test_gate_reasons_in_both_languages(demo: tuple[Result, Result]) -> None:
    d = core.compare(*demo)
    gates = [core.parse_gate(g) for g in ("regression", "knockout", "drop:5")]
    assert [r for _, r in core.fired(d, gates)] == [
        "4 item(s) regressed: f-regress, s-ko, s-metric, b-skip",
        "1 knockout item(s) newly failed: s-ko",
        "overall final score dropped 10.0 points (55.0 -> 45.0), more than 5"]
    assert [r for _, r in core.fired(d, gates, "zh")] == [
        "4 个项目退步：f-regress, s-ko, s-metric, b-skip",
        "1 个否决项新出现不通过：s-ko",
        "总分（得分）下降 10.0 分（55.0 → 45.0），超过 5 分"]
    many = [f"i{n}" for n in range(7)]
    assert core._ids(many) == "i0, i1, i2, i3, i4 and 2 more"
    assert core._ids(many, "zh") == "i0, i1, i2, i3, i4 等共 7 项"
    with pytest.raises(UsageError, match="无效的 --fail-on"):
        core.parse_gate("drop:x", "zh")
    other = dataclasses.replace(demo[1], checklist_id="other-list")
    with pytest.raises(UsageError, match="无法比较不同检查表的结果"):
        core.compare(demo[0], other, "zh")


def _merge_ids_by_insertion(old_ids: list[str], new_ids: list[str]) -> list[str]:
    """The quadratic definition the linear ``_merge_ids`` must match."""
    merged = list(new_ids)
    present = set(new_ids)
    for i, key in enumerate(old_ids):
        if key in present:
            continue
        at = 0
        for prev in reversed(old_ids[:i]):
            if prev in present:
                at = merged.index(prev) + 1
                break
        merged.insert(at, key)
        present.add(key)
    return merged


@given(st.lists(st.sampled_from("abcdefghijklmnop"), unique=True),
       st.lists(st.sampled_from("abcdefghijklmnop"), unique=True))
def test_merge_ids_is_linear_and_matches_insertion(old: list[str], new: list[str]) -> None:
    assert core._merge_ids(old, new) == _merge_ids_by_insertion(old, new)


def test_diff_of_10000_sections_is_linear() -> None:
    """10,000 removed and 10,000 added sections: the insertion definition took minutes."""
    import time

    old = [f"old-{i}" for i in range(10_000)]
    new = [f"new-{i}" for i in range(10_000)]
    started = time.perf_counter()
    merged = core._merge_ids(old, new)
    assert time.perf_counter() - started < 0.5
    assert merged == old + new
