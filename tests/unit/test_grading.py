"""Grading core: the synthetic class in tests/data/trainees, computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.agreement import fleiss_kappa
from branchcheck.errors import InputError, UsageError
from branchcheck.grading import (
    ClassGrade,
    answer_files,
    grade,
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
    # Files sorted by name; the reviewer field names a trainee, else the file stem.
    assert [tg.rater.name for tg in graded.trainees] == [
        "alice", "bob", "陈静", "dana", "eve", "frank"]
    # 16 items compared: every applicable, non-text item the key answered.
    assert {tg.compared for tg in graded.trainees} == {16}
    assert graded.no_key == ()


def test_agreement_per_trainee(graded: ClassGrade) -> None:
    got = {tg.rater.name: (tg.agreed, tg.compared) for tg in graded.trainees}
    # alice matches every status; bob passes seven things the key does not;
    # chen fails greet-stand and complaint-handled; dana gives top marks
    # everywhere; eve is harsh; frank leaves greet-eye and patience blank and saw
    # no complaint (so complaint-handled is not applicable to him).
    assert got == {"alice": (16, 16), "bob": (9, 16), "陈静": (14, 16), "dana": (8, 16),
                   "eve": (9, 16), "frank": (12, 16)}
    frank = next(tg for tg in graded.trainees if tg.rater.name == "frank")
    assert [(m.item, m.status) for m in frank.wrong] == [
        ("greet-eye", "skipped"), ("patience", "skipped"), ("has-complaint", "fail"),
        ("complaint-handled", "na")]
    assert frank.rater.blank == ("greet-eye", "patience")


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


def test_items_worst_first(graded: ClassGrade) -> None:
    rows = [(s.item.id, s.agreed, s.total) for s in graded.items]
    assert rows[:3] == [("greet-eye", 3, 6), ("product-fit", 3, 6),
                        ("complaint-handled", 3, 6)]
    assert rows[-1] == ("id-check", 6, 6)
    eye = graded.items[0]
    assert eye.wrong_by == ("bob", "dana", "frank")
    assert dict(eye.counts) == {"pass": 2, "fail": 3, "skipped": 1}


def test_fleiss_kappa_over_the_class(graded: ClassGrade) -> None:
    # Status counts (pass, partial, fail, na) per item over the six trainees, read
    # off the answers files by hand. greet-eye and patience are left out: frank
    # left them blank, and Fleiss' kappa needs every rater on every item.
    counts = [
        [4, 0, 2, 0],  # greet-stand
        [5, 0, 1, 0],  # greet-smile
        [2, 4, 0, 0],  # greet-courtesy: 3 5 4 5 2 4
        [6, 0, 0, 0],  # id-check
        [2, 0, 4, 0],  # explain-fees
        [5, 0, 1, 0],  # confirm-details
        [1, 5, 0, 0],  # clarity: 4 3 4 5 2 4
        [2, 3, 1, 0],  # product-fit: b a b a c b
        [2, 0, 4, 0],  # wait-minutes: 12 8 15 5 20 12 (pass if <= 10)
        [5, 0, 1, 0],  # thank
        [2, 0, 4, 0],  # offer-more
        [5, 0, 1, 0],  # has-complaint
        [3, 0, 2, 1],  # complaint-handled (frank: not applicable)
        [4, 2, 0, 0],  # manner: 5 4 5 5 3 5
    ]
    assert graded.fleiss_excluded == 2
    assert graded.fleiss.n == 14
    assert graded.fleiss.value == pytest.approx(fleiss_kappa(counts).value)
    # By hand: P_i = (sum n_ij^2 - 6) / 30, numerators 14 20 14 30 14 20 20 8 14 20
    # 14 20 8 14 (sum 230), P = 230 / 420 = 23/42. Category totals over 84
    # ratings: pass 48, partial 14, fail 21, na 1; P_e = (48^2 + 14^2 + 21^2 + 1)
    # / 84^2 = 2942/7056. kappa = (23/42 - 2942/7056) / (1 - 2942/7056) = 461/2057.
    assert graded.fleiss.observed == pytest.approx(23 / 42)
    assert graded.fleiss.expected == pytest.approx(2942 / 7056)
    assert graded.fleiss.value == pytest.approx(461 / 2057)


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
