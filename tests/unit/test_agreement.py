"""Kappa statistics against published worked examples and hand computations."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.training.agreement import (
    cohen_kappa,
    confusion,
    fleiss_kappa,
    interpret,
    kappa_from_matrix,
    linear_weights,
    weighted_kappa,
)

# Cohen's kappa, worked example from Wikipedia, "Cohen's kappa" (section "Simple
# example", after Cohen 1960): 50 grant proposals read by reviewers A and B.
#                 B yes   B no
#     A yes        20       5
#     A no         10      15
# p_o = (20 + 15) / 50 = 0.70; p_yes = 0.5 * 0.6 = 0.30, p_no = 0.5 * 0.4 = 0.20,
# p_e = 0.50; kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
WIKI_COHEN = [[20, 5], [10, 15]]

# Fleiss' kappa, worked example from Wikipedia, "Fleiss' kappa" (section "Worked
# example", from Fleiss 1971): 10 subjects, 14 raters each, 5 categories.
# Published: P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
WIKI_FLEISS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def pairs_from(matrix: list[list[int]], cats: list[str]) -> list[tuple[str, str]]:
    return [(cats[i], cats[j]) for i, row in enumerate(matrix)
            for j, n in enumerate(row) for _ in range(n)]


def test_cohen_wikipedia_example() -> None:
    k = kappa_from_matrix(WIKI_COHEN)
    assert k.observed == pytest.approx(0.70)
    assert k.expected == pytest.approx(0.50)
    assert k.value == pytest.approx(0.40)
    assert k.n == 50


def test_cohen_from_pairs_matches_table() -> None:
    cats = ["yes", "no"]
    pairs = pairs_from(WIKI_COHEN, cats)
    assert confusion(pairs, cats) == WIKI_COHEN
    assert cohen_kappa(pairs, cats).value == pytest.approx(0.40)


def test_fleiss_wikipedia_example() -> None:
    k = fleiss_kappa(WIKI_FLEISS)
    assert k.observed == pytest.approx(0.378, abs=5e-4)
    assert k.expected == pytest.approx(0.213, abs=5e-4)
    assert k.value == pytest.approx(0.210, abs=5e-4)
    assert k.n == 10


# Weighted kappa, the worked example of Cohen (1968), Table 1, as reproduced in the
# documentation of R's psych::cohen.kappa ("cohen reports .492 and .348"): 200
# cases, three diagnostic categories, proportions
#     .44 .07 .09 / .05 .20 .05 / .01 .03 .06
# and disagreement weights v_ij = 0 1 3 / 1 0 6 / 3 6 0. Cohen's
# kappa_w = 1 - sum(v p_o) / sum(v p_e) is the agreement form used here with
# w_ij = 1 - v_ij / max(v): p_o(w) = 0.85, p_e(w) = 0.77, kappa_w = 0.08 / 0.23.
COHEN_1968 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
COHEN_1968_V = [[0, 1, 3], [1, 0, 6], [3, 6, 0]]


def agreement_weights(v: list[list[int]]) -> list[list[float]]:
    top = max(max(row) for row in v)
    return [[1 - x / top for x in row] for row in v]


def test_cohen_1968_published_example() -> None:
    unweighted = kappa_from_matrix(COHEN_1968)
    assert unweighted.observed == pytest.approx(0.70)
    assert unweighted.expected == pytest.approx(0.41)
    assert unweighted.value == pytest.approx(0.492, abs=5e-4)  # published .492
    k = kappa_from_matrix(COHEN_1968, agreement_weights(COHEN_1968_V))
    assert k.observed == pytest.approx(0.85)
    assert k.expected == pytest.approx(0.77)
    assert k.value == pytest.approx(0.348, abs=5e-4)  # published .348
    # Cohen's asymmetric weights 0 1 4 / 1 0 6 / 2 2 0: published kappa_w = .353.
    asym = kappa_from_matrix(COHEN_1968, agreement_weights([[0, 1, 4], [1, 0, 6], [2, 2, 0]]))
    assert asym.value == pytest.approx(0.353, abs=5e-4)


def test_linear_weighted_kappa_by_hand() -> None:
    # Three ordered categories 1 < 2 < 3, ten items (rows: rater A, columns: rater B):
    #          B=1  B=2  B=3
    #   A=1     2    1    0
    #   A=2     1    3    1
    #   A=3     0    1    1
    # Linear agreement weights w_ij = 1 - |i - j| / 2: 1 on the diagonal, 1/2 one
    # step off, 0 two steps off.
    # p_o(w) = (2 + 3 + 1 + 1/2 * (1 + 1 + 1 + 1)) / 10 = 8/10.
    # Row and column shares are both (3, 5, 2)/10, so
    # p_e(w) = (9 + 25 + 4 + 1/2 * (15 + 15 + 10 + 10)) / 100 = 63/100.
    # kappa_w = (80/100 - 63/100) / (1 - 63/100) = 17/37 = 0.459459...
    # (Unweighted: p_o = 6/10, p_e = 38/100, kappa = 22/62 = 11/31.)
    matrix = [[2, 1, 0], [1, 3, 1], [0, 1, 1]]
    pairs = [(i + 1, j + 1) for i, row in enumerate(matrix) for j, n in enumerate(row)
             for _ in range(n)]
    k = weighted_kappa(pairs, [1, 2, 3])
    assert k.observed == pytest.approx(0.8)
    assert k.expected == pytest.approx(0.63)
    assert k.value == pytest.approx(float(Fraction(17, 37)))
    assert cohen_kappa(pairs, [1, 2, 3]).value == pytest.approx(float(Fraction(11, 31)))


def test_linear_weights() -> None:
    assert linear_weights(5)[0] == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert linear_weights(5)[2][1] == 0.75


def test_weighted_kappa_with_two_categories_is_cohens() -> None:
    # With two categories the linear weights are the identity: the published
    # Cohen example gives the same 0.40.
    pairs = [(1 + i, 1 + j) for i, row in enumerate(WIKI_COHEN) for j, n in enumerate(row)
             for _ in range(n)]
    assert weighted_kappa(pairs, [1, 2]).value == pytest.approx(0.40)


def test_unused_scale_points_do_not_change_linear_weighted_kappa() -> None:
    # kappa_w = 1 - sum(v_ij o_ij) / sum(v_ij e_ij) with disagreement weights
    # v_ij = |i - j| / (k - 1): more (unused) points only rescale every v_ij by
    # the same factor, so the ratio is unchanged. The hand example above on a
    # 1-5 scale still gives 17/37.
    matrix = [[2, 1, 0], [1, 3, 1], [0, 1, 1]]
    pairs = [(i + 1, j + 1) for i, row in enumerate(matrix) for j, n in enumerate(row)
             for _ in range(n)]
    on_five = weighted_kappa(pairs, [1, 2, 3, 4, 5])
    assert on_five.value == pytest.approx(17 / 37)
    assert on_five.observed != pytest.approx(0.8)  # the parts do change


def test_degenerate_cases_are_undefined_not_errors() -> None:
    same = cohen_kappa([("pass", "pass")] * 4, ["pass", "fail", "na"])
    assert same.value is None and same.observed == 1.0 and same.expected == 1.0
    assert same.reason and "chance agreement is 1" in same.reason
    empty = cohen_kappa([], ["pass", "fail"])
    assert empty.value is None and empty.n == 0 and empty.reason
    one_point = weighted_kappa([(3, 3)], [3])
    assert one_point.value is None and one_point.reason
    flat = fleiss_kappa([[5, 0], [5, 0]])
    assert flat.value is None and flat.reason
    assert fleiss_kappa([]).value is None
    lonely = fleiss_kappa([[1, 0], [0, 1]])
    assert lonely.value is None and lonely.reason == "needs at least two raters"


def test_bad_input_raises() -> None:
    with pytest.raises(ValueError, match="same number of raters"):
        fleiss_kappa([[2, 1], [1, 1]])
    with pytest.raises(ValueError, match="not one of the categories"):
        cohen_kappa([("pass", "maybe")], ["pass", "fail"])
    with pytest.raises(ValueError, match="square"):
        kappa_from_matrix([[1, 2]])


def test_perfect_disagreement_is_negative() -> None:
    k = cohen_kappa([("pass", "fail"), ("fail", "pass")] * 3, ["pass", "fail"])
    assert k.value == pytest.approx(-1.0)
    assert interpret(k.value) == "poor"


@pytest.mark.parametrize(("value", "word"), [
    (None, "n/a"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.4, "fair"),
    (0.5, "moderate"), (0.7, "substantial"), (0.81, "almost perfect"), (1.0, "almost perfect"),
])
def test_interpretation_bands(value: float | None, word: str) -> None:
    assert interpret(value) == word


ratings = st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=40)


@settings(deadline=None)
@given(ratings)
def test_kappa_properties(pairs: list[tuple[int, int]]) -> None:
    cats = [1, 2, 3, 4, 5]
    for k in (cohen_kappa(pairs, cats), weighted_kappa(pairs, cats)):
        if k.value is not None:
            assert -1.0 - 1e-9 <= k.value <= 1.0 + 1e-9
    swapped = [(b, a) for a, b in pairs]
    a, b = weighted_kappa(pairs, cats).value, weighted_kappa(swapped, cats).value
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a == pytest.approx(b)
    same = [(x, x) for x, _ in pairs]
    k = cohen_kappa(same, cats)
    assert k.value is None or k.value == pytest.approx(1.0)


matrices = st.integers(1, 4).flatmap(
    lambda k: st.lists(st.lists(st.integers(0, 3), min_size=k, max_size=k),
                       min_size=k, max_size=k))


@settings(deadline=None)
@given(matrices)
def test_any_table_gives_a_kappa_or_a_reason(matrix: list[list[int]]) -> None:
    # Empty tables, one category, every rating in one cell: never a division by
    # zero, always a value in [-1, 1] or None with a reason.
    for weights in (None, linear_weights(len(matrix))):
        k = kappa_from_matrix(matrix, weights)
        if k.value is None:
            assert k.reason
        else:
            assert -1.0 - 1e-9 <= k.value <= 1.0 + 1e-9


@settings(deadline=None)
@given(st.integers(0, 4), st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=4),
                                   min_size=0, max_size=6))
def test_fleiss_gives_a_kappa_or_a_reason(extra: int, rows: list[list[int]]) -> None:
    # Pad every subject to the same number of raters (the largest row sum + extra).
    k = max((len(r) for r in rows), default=1)
    rows = [r + [0] * (k - len(r)) for r in rows]
    n = max((sum(r) for r in rows), default=0) + extra
    rows = [[*r[:-1], r[-1] + n - sum(r)] for r in rows]
    f = fleiss_kappa(rows)
    if f.value is None:
        assert f.reason
    else:
        assert f.value <= 1.0 + 1e-9


def test_weighted_kappa_with_one_answer_everywhere_is_undefined() -> None:
    k = weighted_kappa([(3, 3)] * 5, [1, 2, 3, 4, 5])
    assert k.value is None and k.expected == pytest.approx(1.0)
    assert k.reason and "chance agreement is 1" in k.reason


# ---------------------------------------------------------------- standard errors and CIs


def _table(f00: int, f01: int, f10: int, f11: int) -> list[tuple[int, int]]:
    return [(0, 0)] * f00 + [(0, 1)] * f01 + [(1, 0)] * f10 + [(1, 1)] * f11


def test_ci_matches_the_fleiss_and_paik_worked_example() -> None:
    # Fleiss, Levin & Paik (2003), as computed by statpsych::ci.kappa(.05, 31, 12, 4, 58):
    # Cohen kappa 0.6756757, SE 0.07344761, 95 % CI 0.5317210 to 0.8196303.
    k = cohen_kappa(_table(31, 12, 4, 58), [0, 1])
    assert k.value == pytest.approx(0.6756757, abs=1e-7)
    assert k.se == pytest.approx(0.07344761, abs=1e-8)
    assert k.ci is not None
    assert k.ci[0] == pytest.approx(0.5317210, abs=1e-6)
    assert k.ci[1] == pytest.approx(0.8196303, abs=1e-6)


def test_ci_matches_statas_kapci_on_a_large_table() -> None:
    # Stata kapci (analytical), N = 1932: kappa 0.341 (0.290 - 0.393), se 0.0262914.
    k = cohen_kappa(_table(1395, 118, 261, 158), [0, 1])
    assert k.value == pytest.approx(0.3411969, abs=1e-7)
    assert k.se == pytest.approx(0.0262914, abs=1e-7)
    assert k.ci is not None
    assert (round(k.ci[0], 3), round(k.ci[1], 3)) == (0.290, 0.393)


def test_weighted_se_from_ratings_equals_the_matrix_formula() -> None:
    pairs = [(1, 2), (2, 2), (3, 3), (4, 5), (5, 5), (3, 2), (2, 1), (4, 4), (5, 3), (1, 1),
             (3, 4), (2, 2)]
    fast = weighted_kappa(pairs, range(1, 6))
    slow = kappa_from_matrix(confusion(pairs, list(range(1, 6))), linear_weights(5))
    assert fast.value == pytest.approx(slow.value)
    assert fast.se == pytest.approx(slow.se)
    assert fast.ci == pytest.approx(slow.ci)


def test_ci_is_clipped_to_the_range_of_kappa() -> None:
    k = cohen_kappa([("a", "a")] * 3 + [("b", "b")] * 2 + [("a", "b")], ["a", "b"])
    assert k.ci is not None and -1.0 <= k.ci[0] and k.ci[1] <= 1.0


def test_fleiss_interval_is_reproducible_and_holds_the_value() -> None:
    counts = [[3, 0, 0], [2, 1, 0], [0, 3, 0], [1, 1, 1], [0, 0, 3], [3, 0, 0], [0, 2, 1],
              [1, 2, 0], [0, 0, 3], [3, 0, 0], [2, 0, 1], [0, 3, 0]]
    first, again = fleiss_kappa(counts), fleiss_kappa(counts)
    assert first.ci == again.ci and first.se == again.se  # fixed seed
    assert first.ci is not None and first.value is not None
    assert first.ci[0] < first.value < first.ci[1]

@given(st.integers(2, 9).flatmap(lambda k: st.tuples(
    st.just(k), st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)), max_size=40))))
def test_weighted_kappa_without_a_matrix_matches_the_matrix_form(
        case: tuple[int, list[tuple[int, int]]]) -> None:
    k, pairs = case
    fast = weighted_kappa(pairs, range(k))
    slow = kappa_from_matrix(confusion(pairs, list(range(k))), linear_weights(k))
    assert fast.defined == slow.defined and fast.n == slow.n
    for a, b in ((fast.value, slow.value), (fast.observed, slow.observed),
                 (fast.expected, slow.expected)):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert a == pytest.approx(b, abs=1e-9)
