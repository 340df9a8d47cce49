"""Grading core: the synthetic class in tests/data/trainees, computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.core.errors import InputError, UsageError
from branchcheck.training.agreement import fleiss_kappa
from branchcheck.training.grading import ClassGrade, grade
from branchcheck.training.grading_input import (
    answer_files,
    load_class,
    parse_share,
    read_answers,
    safe_name,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "trainees"
KEY = str(DATA / "key.yaml")
CLASS = str(DATA / "class")
COURSE = str(DATA / "course.yaml")


@pytest.fixture(scope="module")
def graded() -> ClassGrade:
    loaded = load_class(KEY, [CLASS], checklist=COURSE)
    return grade(loaded.checklist, loaded.key, loaded.trainees)


def test_class_is_read_with_names(graded: ClassGrade) -> None:
    # The reviewer field names a trainee, else the file stem; listed by agreement,
    # lowest first (ties by name): eve 6, bob 8, dana 8, frank 12, chen 13, alice 15.
    assert [tg.rater.name for tg in graded.trainees] == [
        "eve", "bob", "dana", "frank", "陈静", "alice"]
    # 16 items compared: every applicable, non-text item the key answered.
    assert {tg.compared for tg in graded.trainees} == {16}
    assert graded.no_key == ()


def test_agreement_per_trainee(graded: ClassGrade) -> None:
    got = {tg.rater.name: (tg.agreed, tg.compared) for tg in graded.trainees}
    # Scale items agree by value (key 4, 3, 4, 5 on greet-courtesy, patience, clarity,
    # manner), other items by status. alice misses greet-courtesy (3, not 4); bob passes
    # seven things the key does not and gives 3 for clarity; chen fails greet-stand and
    # complaint-handled and gives 2 for patience; dana gives top marks everywhere; eve
    # is harsh (no scale value right); frank leaves greet-eye and patience blank and saw
    # no complaint (so complaint-handled is not applicable to him).
    assert got == {"alice": (15, 16), "bob": (8, 16), "陈静": (13, 16), "dana": (8, 16),
                   "eve": (6, 16), "frank": (12, 16)}
    frank = next(tg for tg in graded.trainees if tg.rater.name == "frank")
    assert [(m.item, m.status) for m in frank.wrong] == [
        ("greet-eye", "skipped"), ("patience", "skipped"), ("has-complaint", "fail"),
        ("complaint-handled", "na")]
    assert frank.rater.blank == ("greet-eye", "patience")


def test_scale_exact_and_adjacent_agreement(graded: ClassGrade) -> None:
    # (exact, within one point, pairs) against the key's 4 3 4 5: 2 vs 4 is not
    # agreement although both are "partial"; 4 vs 5 is adjacent.
    got = {tg.rater.name: (tg.scale_exact, tg.scale_adjacent, tg.scale_pairs)
           for tg in graded.trainees}
    assert got == {"alice": (3, 4, 4),   # 3 3 4 5
                   "bob": (1, 4, 4),     # 5 3 3 4
                   "陈静": (3, 4, 4),    # 4 2 4 5
                   "dana": (1, 3, 4),    # 5 5 5 5
                   "eve": (0, 1, 4),     # 2 2 2 3
                   "frank": (3, 3, 3)}   # 4 - 4 5


def test_scale_mean_absolute_difference(graded: ClassGrade) -> None:
    # Key on the four scale items (greet-courtesy, patience, clarity, manner): 4, 3, 4, 5.
    mad = {tg.rater.name: (tg.scale_mad, tg.scale_pairs) for tg in graded.trainees}
    assert mad["alice"] == (pytest.approx(0.25), 4)   # 3 3 4 5: |1|
    assert mad["bob"] == (pytest.approx(0.75), 4)     # 5 3 3 4: |1| + |1| + |1|
    assert mad["dana"] == (pytest.approx(1.0), 4)     # 5 5 5 5: 1 + 2 + 1 + 0
    assert mad["eve"] == (pytest.approx(1.75), 4)     # 2 2 2 3: 2 + 1 + 2 + 2
    assert mad["frank"] == (pytest.approx(0.0), 3)    # patience left blank


def test_cohen_kappa_on_check_items(graded: ClassGrade) -> None:
    tg = {t.rater.name: t for t in graded.trainees}
    # Ten check items; the key: pass x7, fail x3.
    # bob says pass to all ten: p_o = 7/10, p_e = 0.7 * 1.0 + 0.3 * 0 = 0.7,
    # kappa = 0: a rater who always says pass agrees only by chance.
    assert tg["bob"].kappa.observed == pytest.approx(0.7)
    assert tg["bob"].kappa.value == pytest.approx(0.0)
    # chen: key pass/chen fail on greet-stand and complaint-handled, all else equal:
    # table pass-pass 5, pass-fail 2, fail-fail 3. p_o = 0.8,
    # p_e = 0.7 * 0.5 + 0.3 * 0.5 = 0.5, kappa = 0.3 / 0.5 = 0.6.
    assert tg["陈静"].kappa.value == pytest.approx(0.6)
    assert tg["alice"].kappa.value == pytest.approx(1.0)
    # frank: greet-eye left blank, so nine pairs; complaint-handled counts as na.
    assert tg["frank"].kappa.n == 9


def test_linear_weighted_kappa_on_scale_items(graded: ClassGrade) -> None:
    tg = {t.rater.name: t for t in graded.trainees}
    # bob vs key on the 1-5 scale: (4,5) (3,3) (4,3) (5,4). Agreement weights
    # 1 - |i-j|/4: p_o = (0.75 + 1 + 0.75 + 0.75) / 4 = 0.8125.
    # Key shares 3: 1/4, 4: 1/2, 5: 1/4; bob 3: 1/2, 4: 1/4, 5: 1/4;
    # p_e = sum w_ij r_i c_j = 0.78125; kappa_w = 0.03125 / 0.21875 = 1/7.
    sid, k = tg["bob"].weighted[0]
    assert sid == "five-point"
    assert k.observed == pytest.approx(0.8125)
    assert k.expected == pytest.approx(0.78125)
    assert k.value == pytest.approx(1 / 7)
    # dana always answers 5: no better than chance.
    assert tg["dana"].weighted[0][1].value == pytest.approx(0.0)


def test_a_one_category_key_gives_a_warning_not_a_number() -> None:
    from branchcheck.training.agreement import cohen_kappa
    from branchcheck.training.grading import degenerate

    # twelve items all "pass" in the key: kappa is 0 or undefined whatever the trainee does
    pairs = [("pass", "pass")] * 9 + [("pass", "fail")] * 3
    k = degenerate(cohen_kappa(pairs, ("pass", "fail", "na")), {a for a, _ in pairs})
    assert k.warning == "the key uses one category only" and k.shown is None
    varied = [("pass", "pass")] * 6 + [("fail", "fail")] * 4 + [("fail", "pass")] * 2
    assert degenerate(cohen_kappa(varied, ("pass", "fail", "na")),
                      {"pass", "fail"}).warning is None


def test_items_worst_first(graded: ClassGrade) -> None:
    rows = [(s.item.id, s.agreed, s.total) for s in graded.items]
    # greet-courtesy 3 5 4 5 2 4 and patience 3 3 2 5 2 - against 4 and 3: two right
    # each; then the items three trainees got right, in checklist order.
    assert rows[:6] == [("greet-courtesy", 2, 6), ("patience", 2, 6), ("greet-eye", 3, 6),
                        ("clarity", 3, 6), ("product-fit", 3, 6),
                        ("complaint-handled", 3, 6)]
    assert rows[-1] == ("id-check", 6, 6)
    eye = next(s for s in graded.items if s.item.id == "greet-eye")
    assert eye.wrong_by == ("bob", "dana", "frank")
    assert dict(eye.counts) == {"pass": 2, "fail": 3, "skipped": 1}
    assert eye.values == ()
    # a scale item shows the values given, highest first, not their statuses
    courtesy = graded.items[0]
    assert courtesy.values == ((5, 2), (4, 2), (3, 1), (2, 1))
    assert courtesy.counts == ()
    assert courtesy.wrong_by == ("alice", "bob", "dana", "eve")
    patience = graded.items[1]
    assert patience.values == ((5, 1), (3, 2), (2, 2))
    assert dict(patience.counts) == {"skipped": 1}


def test_fleiss_kappa_per_item_type(graded: ClassGrade) -> None:
    groups = {g.kind: g for g in graded.fleiss}
    assert list(groups) == ["check", "scale:five-point", "other"]
    # Check items, counts (pass, fail, na) over six trainees; greet-eye left out (frank
    # left it blank): greet-stand 4 2 0, greet-smile 5 1 0, id-check 6 0 0,
    # explain-fees 2 4 0, confirm-details 5 1 0, thank 5 1 0, offer-more 2 4 0,
    # has-complaint 5 1 0, complaint-handled 3 2 1. P_i numerators (sum n^2 - 6):
    # 14 20 30 14 20 20 14 20 8 = 160, P = 160 / 270 = 16/27 = 1728/2916; totals over
    # 54: pass 37, fail 16, na 1, P_e = (1369 + 256 + 1) / 2916 = 1626/2916;
    # kappa = 102 / 1290 = 17/215.
    check = groups["check"]
    assert (check.kappa.n, check.excluded) == (9, 1)
    assert check.kappa.observed == pytest.approx(16 / 27)
    assert check.kappa.expected == pytest.approx(1626 / 2916)
    assert check.kappa.value == pytest.approx(17 / 215)
    assert check.kappa.value == pytest.approx(fleiss_kappa(
        [[4, 2, 0], [5, 1, 0], [6, 0, 0], [2, 4, 0], [5, 1, 0], [5, 1, 0], [2, 4, 0],
         [5, 1, 0], [3, 2, 1]]).value)
    # The scale's own points (1..5, na); patience left out: greet-courtesy 3 5 4 5 2 4,
    # clarity 4 3 4 5 2 4, manner 5 4 5 5 3 5. Numerators 4 6 12 = 22, P = 22/90;
    # totals over 18: 2:2 3:3 4:6 5:7, P_e = 98/324; kappa = (198 - 245) / (810 - 245).
    scale = groups["scale:five-point"]
    assert (scale.kappa.n, scale.excluded) == (3, 1)
    assert scale.kappa.observed == pytest.approx(22 / 90)
    assert scale.kappa.expected == pytest.approx(98 / 324)
    assert scale.kappa.value == pytest.approx(-47 / 565)
    # Choice and metric by status (pass, partial, fail, na): product-fit 2 3 1 0,
    # wait-minutes 2 0 4 0. P = (8 + 14) / 60 = 11/30; P_e = (16 + 9 + 25) / 144;
    # kappa = (132 - 125) / (360 - 125) = 7/235.
    other = groups["other"]
    assert (other.kappa.n, other.excluded) == (2, 0)
    assert other.kappa.value == pytest.approx(7 / 235)


def test_kappa_comes_with_n_and_a_confidence_interval(graded: ClassGrade) -> None:
    tg = {t.rater.name: t for t in graded.trainees}
    chen = tg["陈静"].kappa
    assert (chen.n, chen.warning) == (10, None)
    assert chen.ci is not None and chen.ci[0] < chen.value < chen.ci[1]  # type: ignore[operator]
    # frank has nine check pairs: too few to read, so a warning replaces the number
    assert tg["frank"].kappa.warning == "fewer than 10 items"
    assert tg["frank"].kappa.shown is None and tg["frank"].kappa.value is not None
    # four scale pairs per trainee: every weighted kappa carries the warning
    assert all(k.warning for t in graded.trainees for _, k in t.weighted)


def test_key_blank_items_are_not_graded(tmp_path: Path) -> None:
    text = (DATA / "key.yaml").read_text(encoding="utf-8").replace("  clarity: 4", "  clarity:")
    key = tmp_path / "key.yaml"
    key.write_text(text, encoding="utf-8")
    loaded = load_class(str(key), [CLASS], checklist=COURSE)
    cg = grade(loaded.checklist, loaded.key, loaded.trainees)
    assert cg.no_key == ("clarity",)
    assert {tg.compared for tg in cg.trainees} == {15}


def test_read_answers_keeps_blanks_apart(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("checklist: x\nanswers:\n  a: pass\n  b:\n  c: {value: null, note: hm}\n",
                 encoding="utf-8")
    af, blank = read_answers(str(f))
    assert blank == ("b", "c")
    assert af.doc.data["answers"] == {"a": "pass"}
    f.write_text("checklist: x\nanswers:\n", encoding="utf-8")
    assert read_answers(str(f))[1] == ()
    f.write_text("checklist: x\nanswers:\n  a: [1]\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_answers(str(f))
    assert err.value.problems[0].line == 3


def test_answer_files_skip_the_key_and_non_answers(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "c.json", "notes.txt", ".hidden.yaml", "key.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = answer_files([str(tmp_path)], exclude=str(tmp_path / "key.yaml"))
    assert [Path(f).name for f in found] == ["a.yml", "b.yaml", "c.json"]
    with pytest.raises(InputError):
        answer_files([str(tmp_path / "missing")])


@pytest.mark.parametrize(("text", "value"), [
    ("0.8", 0.8), ("80%", 0.8), ("80 %", 0.8), ("1", 1.0), ("0", 0.0), ("100%", 1.0),
    ("12.5%", 0.125),
])
def test_parse_share(text: str, value: float) -> None:
    assert parse_share(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["80", "1.5", "-0.1", "abc", "120%", "", "%"])
def test_parse_share_rejects(text: str) -> None:
    with pytest.raises(UsageError):
        parse_share(text)


@pytest.mark.parametrize(("name", "ok"), [
    ("alice", True), ("陈静", True), ("trainee-01", True), ("o.brien", True),
    ("../x", False), ("a/b", False), (".hidden", False), ("-rf", False), ("", False),
    ("a..b", False), ("a b", False), ("x" * 65, False), ("_x", False), ("a\\b", False),
])
def test_safe_name(name: str, ok: bool) -> None:
    assert safe_name(name) is ok
