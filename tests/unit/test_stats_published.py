"""The statistics against published tables and the authors' own worked examples.

Every expected figure below is printed in the source cited beside it (written here
literally, never recomputed by the code under test):

- Newcombe RG (1998). Two-sided confidence intervals for the single proportion:
  comparison of seven methods. Statistics in Medicine 17:857-872, Table I (method 3,
  the Wilson score interval without continuity correction).
- Bland JM, Altman DG (1986). Statistical methods for assessing agreement between two
  methods of clinical measurement. Lancet i:307-310, Table 1 (peak expiratory flow of
  17 people, the large and the mini Wright meter, first readings) and its text.
- Gwet KL (2014). Handbook of Inter-Rater Reliability, 4th ed., Advanced Analytics:
  the two abstractors' 3 x 3 table and the six psychiatrists' ratings of 15 patients,
  with the coefficients as printed by the author's own implementation (the irrCAC
  package's documentation: Cohen's kappa 0.7964094 with standard error 0.05891072,
  Gwet's AC1 0.8493305, Brennan-Prediger 0.835, percent agreement 0.89; Fleiss' kappa
  0.4139265 with p_a 0.5511111 and p_e 0.2340741). An independent implementation of
  the same formulas, used as an oracle without adding it as a dependency.
- Printed normal and Student t tables (any statistics textbook's appendix).
"""

from __future__ import annotations

import pytest

from branchcheck.core.stats import Z95, Z998, bland_altman, t_quantile, wilson, z_for
from branchcheck.training.agreement import fleiss_kappa, gwet_ac1, kappa_from_matrix, pabak


def test_wilson_matches_newcombe_1998() -> None:
    # Newcombe (1998), Stat Med 17:857-872, Table I, example (a): 81/263, method 3
    # (score interval without continuity correction): 0.2553 to 0.3662.
    low, high = wilson(81, 263) or (0.0, 0.0)
    assert round(low, 4) == 0.2553
    assert round(high, 4) == 0.3662
    # example (b) 15/148: 0.0624 to 0.1605; (c) 0/20: 0 to 0.1611; (d) 1/29: 0.0061 to 0.1718
    assert [round(x, 4) for x in wilson(15, 148) or ()] == [0.0624, 0.1605]
    assert [round(x, 4) for x in wilson(0, 20) or ()] == [0.0, 0.1611]
    assert [round(x, 4) for x in wilson(1, 29) or ()] == [0.0061, 0.1718]


def test_normal_and_t_quantiles_match_printed_tables() -> None:
    # Standard tables: z 0.975 = 1.9600, z 0.999 = 3.0902; t 0.975 with 1, 10, 30 df
    # = 12.706, 2.228, 2.042; t 0.995 with 5 df = 4.032.
    assert round(Z95, 4) == 1.96 and round(Z998, 4) == 3.0902
    assert round(z_for(0.95), 6) == round(Z95, 6)
    assert round(t_quantile(0.975, 1), 3) == 12.706
    assert round(t_quantile(0.975, 10), 3) == 2.228
    assert round(t_quantile(0.975, 30), 3) == 2.042
    assert round(t_quantile(0.995, 5), 3) == 4.032
    assert round(t_quantile(0.025, 10), 3) == -2.228


def test_bland_altman_matches_the_1986_paper() -> None:
    # Bland & Altman (1986), Lancet i:307-310, Table 1: peak expiratory flow of 17
    # people by the large and the mini Wright meter (first readings). Published:
    # mean difference -2.1 l/min, sd 38.8, limits d -+ 2 s = -79.7 to 75.5.
    large = [494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178, 423, 427]
    mini = [512, 430, 520, 428, 500, 600, 364, 380, 658, 445, 432, 626, 260, 477, 259, 350, 451]
    diffs = [float(a - b) for a, b in zip(large, mini, strict=True)]
    paper = bland_altman(diffs, z=2.0)
    assert paper is not None
    assert round(paper.bias, 1) == -2.1 and round(paper.sd, 1) == 38.8
    # the paper rounds d and s first: -2.1 -+ 77.6; unrounded the limits are -79.6 and
    # 75.4, within 0.1 of the printed ones
    assert abs(paper.lower - -79.7) <= 0.1 and abs(paper.upper - 75.5) <= 0.1
    ours = bland_altman(diffs)
    assert ours is not None  # 1.96 s: -2.12 -+ 75.98 = -78.1 to 73.9
    assert round(ours.lower, 1) == -78.1 and round(ours.upper, 1) == 73.9
    assert bland_altman([3.0]) is None


# Gwet (2014): two abstractors classify 100 pregnancies as ectopic, AIU or NIU (rows:
# abstractor 1, columns: abstractor 2).
ABSTRACTORS = [[13, 0, 0],
               [0, 20, 7],
               [0, 4, 56]]


def test_cohen_kappa_and_its_standard_error_match_gwet() -> None:
    k = kappa_from_matrix(ABSTRACTORS)
    assert k.observed == pytest.approx(0.89)
    assert k.value == pytest.approx(0.7964094, abs=5e-8)
    # the standard error printed beside it: the Fleiss-Cohen-Everitt large-sample one
    assert k.se == pytest.approx(0.05891072, abs=5e-8)
    # the printed 95 % interval (0.68, 0.913) is kappa -+ t(0.975, n - 1) se; ours, with
    # z = 1.96 instead of t(0.975, 99) = 1.984, is a little narrower: (0.681, 0.912)
    half = t_quantile(0.975, 99) * 0.05891072
    assert (round(0.7964094 - half, 2), round(0.7964094 + half, 3)) == (0.68, 0.913)
    assert k.ci is not None
    assert (round(k.ci[0], 3), round(k.ci[1], 3)) == (0.681, 0.912)


def test_ac1_and_pabak_match_gwet() -> None:
    assert gwet_ac1(ABSTRACTORS) == pytest.approx(0.8493305, abs=5e-8)
    # PABAK over q categories is the Brennan-Prediger coefficient (q p_a - 1)/(q - 1):
    # printed 0.835 from p_a = 0.89, q = 3
    assert pabak(0.89, 3) == pytest.approx(0.835)


# Gwet (2014): six psychiatrists put each of 15 patients in one of five categories
# (depression, personality disorder, schizophrenia, neurosis, other): how many chose
# each.
SIX_RATERS = [[0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6],
              [0, 3, 0, 3, 0], [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0],
              [2, 0, 0, 4, 0], [0, 0, 0, 0, 6], [1, 0, 0, 5, 0], [1, 1, 0, 4, 0],
              [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1]]


def test_fleiss_kappa_matches_gwet() -> None:
    k = fleiss_kappa(SIX_RATERS)
    assert k.value == pytest.approx(0.4139265, abs=5e-8)
    assert k.observed == pytest.approx(0.5511111, abs=5e-8)
    assert k.expected == pytest.approx(0.2340741, abs=5e-8)
