"""Answer normalisation: what each item type accepts and how it is written down."""

from __future__ import annotations

import pytest

from branchcheck.checklists.answers import AnswerError, accepted, normalise
from branchcheck.core.model import NA, Band, Condition, Item, Option, Scale

CHECK = Item("door", {"en": "Door open"}, "check")
STRICT_CHECK = Item("safe", {"en": "Safe locked"}, "check", allow_na=False)
SCALE = Item("greet", {"en": "Greeting"}, "scale", scale=Scale("five", 1, 5))
CHOICE = Item("fit", {"en": "Fit"}, "choice", options=(
    Option("a", {"en": "Fits"}, 2), Option("B", {"en": "Partly"}, 1), Option("7", {"en": "x"}, 0)))
PERCENT = Item("rate", {"en": "Rate"}, "metric", unit="%", min=0, max=100,
               pass_if=Condition(">=", 85), bands=(Band(Condition(">=", 75), 0.5),))
MINUTES = Item("wait", {"en": "Wait"}, "metric", unit="min", min=0,
               pass_if=Condition("<=", 10))
TEXT = Item("remarks", {"en": "Remarks"}, "text")


@pytest.mark.parametrize("raw", ["y", "Y", "yes", "YES", "pass", "是", "true", "通过", " ok ",
                                 True])
def test_check_pass_words(raw: object) -> None:
    assert normalise(CHECK, raw) == "pass"


@pytest.mark.parametrize("raw", ["n", "no", "No", "fail", "否", "false", "不合格", False])
def test_check_fail_words(raw: object) -> None:
    assert normalise(CHECK, raw) == "fail"


@pytest.mark.parametrize("raw", ["maybe", 1, 0, 2.5, "", None, [], {}])
def test_check_rejects_other_values(raw: object) -> None:
    with pytest.raises(AnswerError, match="door"):
        normalise(CHECK, raw)


@pytest.mark.parametrize("raw", ["na", "NA", "n/a", "N/A", " na ", "不适用"])
def test_na_where_allowed(raw: str) -> None:
    for item in (CHECK, SCALE, CHOICE, PERCENT):
        assert normalise(item, raw) == NA


def test_na_refused_where_not_allowed() -> None:
    with pytest.raises(AnswerError, match="may not be answered na"):
        normalise(STRICT_CHECK, "na")
    assert normalise(STRICT_CHECK, "no") == "fail"


def test_text_keeps_na_and_any_words_verbatim() -> None:
    assert normalise(TEXT, "na") == "na"
    assert normalise(TEXT, "  柜台 2 排队较长 ") == "柜台 2 排队较长"
    assert normalise(TEXT, 42) == "42"
    with pytest.raises(AnswerError):
        normalise(TEXT, True)


@pytest.mark.parametrize(("raw", "want"), [(1, 1), (5, 5), ("3", 3), (4.0, 4), (" 2 ", 2)])
def test_scale_in_bounds(raw: object, want: int) -> None:
    value = normalise(SCALE, raw)
    assert value == want and isinstance(value, int)


@pytest.mark.parametrize("raw", [0, 6, -1, 3.5, "2.5", "five", True])
def test_scale_out_of_bounds_or_not_whole(raw: object) -> None:
    with pytest.raises(AnswerError):
        normalise(SCALE, raw)


def test_scale_error_says_what_is_accepted() -> None:
    with pytest.raises(AnswerError, match="whole number from 1 to 5"):
        normalise(SCALE, 9)


@pytest.mark.parametrize(("raw", "want"), [("a", "a"), ("A", "a"), ("B", "B"), ("b", "B"),
                                           (7, "7"), ("7", "7")])
def test_choice_keys(raw: object, want: str) -> None:
    assert normalise(CHOICE, raw) == want


@pytest.mark.parametrize("raw", ["c", "", 7.5, True, None])
def test_choice_unknown_key(raw: object) -> None:
    with pytest.raises(AnswerError, match="choose one of a, B, 7"):
        normalise(CHOICE, raw)


@pytest.mark.parametrize(("raw", "want"), [(87.5, 87.5), ("87.5%", 87.5), ("87.5 %", 87.5),
                                           ("90", 90), (0, 0), (100, 100), ("100%", 100)])
def test_metric_percent(raw: object, want: float) -> None:
    assert normalise(PERCENT, raw) == want


def test_metric_whole_numbers_become_int() -> None:
    assert isinstance(normalise(PERCENT, "90%"), int)
    assert isinstance(normalise(PERCENT, "87.5%"), float)


@pytest.mark.parametrize(("raw", "match"), [(-0.1, "below the minimum 0"),
                                            ("100.5%", "above the maximum 100"),
                                            ("abc", "needs a number"),
                                            ("nan", "finite"), ("inf", "finite"),
                                            (True, "needs a number")])
def test_metric_rejects(raw: object, match: str) -> None:
    with pytest.raises(AnswerError, match=match):
        normalise(PERCENT, raw)


def test_percent_sign_only_for_percent_unit() -> None:
    assert normalise(MINUTES, 12) == 12
    assert normalise(MINUTES, 1e6) == 1_000_000  # no max
    with pytest.raises(AnswerError):
        normalise(MINUTES, "12%")


def test_accepted_describes_each_type() -> None:
    assert "y/yes/pass" in accepted(CHECK) and "na" in accepted(CHECK)
    assert "na" not in accepted(STRICT_CHECK)
    assert "1 to 5" in accepted(SCALE)
    assert "a = Fits" in accepted(CHOICE)
    assert "(0-100)" in accepted(PERCENT) and "%" in accepted(PERCENT)
    assert "是" in accepted(CHECK, "zh") and "不适用" in accepted(CHECK, "zh")


def test_boolean_shown_as_the_word_written() -> None:
    with pytest.raises(AnswerError, match=r"not yes$"):
        normalise(SCALE, True)
    with pytest.raises(AnswerError, match=r"not no$"):
        normalise(SCALE, False)


@pytest.mark.parametrize(("raw", "zh"), [
    ("maybe", "'maybe' 不是是否题 'c' 的答案"),
    ("na", "'c' 不能答 na（不适用）"),
])
def test_errors_have_a_chinese_wording(raw: str, zh: str) -> None:
    item = Item("c", {"en": "c"}, "check", allow_na=False)
    with pytest.raises(AnswerError) as info:
        normalise(item, raw)
    assert info.value.text("zh").startswith(zh)
    assert info.value.text("en") == str(info.value)
    assert "不" not in str(info.value)
