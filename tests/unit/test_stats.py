"""The statistics of the oversight views by hand (published figures: test_stats_published.py)."""

from __future__ import annotations

import math
import random

import pytest

from branchcheck.core.stats import (
    Z95,
    Z998,
    funnel,
    mcnemar_exact,
    mean_interval,
    shrink,
    t_quantile,
    wilson,
)
from branchcheck.training.agreement import gwet_ac1, kappa_from_matrix, pabak


def test_wilson_edge_cases() -> None:
    assert wilson(0, 0) is None
    with pytest.raises(ValueError):
        wilson(3, 2)
    low, high = wilson(5, 5) or (0.0, 0.0)
    assert high == 1.0 and 0.56 < low < 0.57  # 5/5: 0.5655 to 1 (Newcombe's (5/5) row)


def test_mean_interval_by_hand() -> None:
    # 70, 80, 90: mean 80, s = 10, t(0.975, 2) = 4.303 -> 80 +- 4.303 * 10 / sqrt(3)
    # = 80 +- 24.84 -> 55.16 to 104.84.
    found = mean_interval([70.0, 80.0, 90.0])
    assert found is not None and found.ci is not None
    assert found.mean == 80.0 and found.sd == pytest.approx(10.0)
    assert [round(x, 2) for x in found.ci] == [55.16, 104.84]
    one = mean_interval([75.0])
    assert one is not None and one.ci is None and one.mean == 75.0
    assert mean_interval([]) is None


def test_mcnemar_exact_by_hand() -> None:
    # b = 2, c = 8: 2 * (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 * 56 / 1024 = 0.109375
    assert mcnemar_exact(2, 8) == pytest.approx(0.109375)
    assert mcnemar_exact(8, 2) == pytest.approx(0.109375)
    # b = 0, c = 5: 2 / 32 = 0.0625; equal counts give 1
    assert mcnemar_exact(0, 5) == pytest.approx(0.0625)
    assert mcnemar_exact(4, 4) == 1.0 and mcnemar_exact(0, 0) == 1.0
    # past 1,000 pairs the sum is taken in logs: it meets the exact sum at the seam
    # (b + c = 1,000 exactly vs 1,002 in logs, b = 480 vs c = 520/522)
    assert mcnemar_exact(480, 522) == pytest.approx(
        2 * sum(math.comb(1002, i) for i in range(481)) / 2**1002, rel=1e-9)
    assert mcnemar_exact(480, 520) < mcnemar_exact(480, 500)


def test_shrinkage_by_hand() -> None:
    # estimates 60, 80, 100 with sampling variances 100, 100, 25; centre given as 80.
    # sample variance of the estimates = ((-20)^2 + 0 + 20^2) / 2 = 400; mean of the
    # variances = 75; tau^2 = 325. B = 325/425, 325/425, 325/350.
    s = shrink([60.0, 80.0, 100.0], [100.0, 100.0, 25.0], centre=80.0)
    assert s.tau2 == pytest.approx(325.0)
    assert s.values[0] == pytest.approx(80 - 20 * 325 / 425)  # 64.706
    assert s.values[1] == pytest.approx(80.0)
    assert s.values[2] == pytest.approx(80 + 20 * 325 / 350)  # 98.571
    # no spread beyond sampling error: everyone goes to the centre
    flat = shrink([79.0, 81.0], [100.0, 100.0], centre=80.0)
    assert flat.tau2 == 0.0 and flat.values == (80.0, 80.0)


def test_funnel_limits_by_hand() -> None:
    # target 0.9, one check's sd sqrt(0.9 * 0.1) = 0.3, n = 25: 0.9 -+ z * 0.3 / 5
    low95, high95 = funnel(0.9, 0.3, 25, Z95)
    assert round(low95, 4) == round(0.9 - 1.959964 * 0.06, 4) == 0.7824
    low998, _ = funnel(0.9, 0.3, 25, Z998)
    assert round(low998, 4) == 0.7146  # 0.9 - 3.090232 * 0.06
    assert high95 == pytest.approx(0.9 + (0.9 - low95))


def test_pabak_and_ac1_on_the_kappa_paradox_table() -> None:
    # Two raters, 125 subjects: both pass 118, A pass B fail 5, A fail B pass 2, both
    # fail 0 (the high-agreement, low-kappa table of Gwet 2008). By hand:
    # p_o = 118/125 = 0.944. kappa: p_e = 0.984*0.96 + 0.016*0.04 = 0.94528,
    # kappa = (0.944 - 0.94528) / 0.05472 = -0.0234. PABAK = 2*0.944 - 1 = 0.888.
    # AC1: pi_pass = (0.984 + 0.96)/2 = 0.972, p_e = 2 * 0.972 * 0.028 = 0.054432,
    # AC1 = (0.944 - 0.054432) / 0.945568 = 0.9408.
    table = [[118, 5], [2, 0]]
    assert round(kappa_from_matrix(table).value or 0, 4) == -0.0234
    assert pabak(118 / 125) == pytest.approx(0.888)
    assert round(gwet_ac1(table) or 0, 4) == 0.9408
    assert gwet_ac1([[0, 0], [0, 0]]) is None


def test_t_interval_covers_as_it_should() -> None:
    # 2,000 samples of 4 from N(0, 1): the 95 % t interval covers 0 about 95 % of
    # the time (binomial sd 0.5 %), a check of the quantile the hand figures cannot give.
    rng = random.Random(7)  # noqa: S311 - a reproducible simulation
    hits = 0
    for _ in range(2000):
        found = mean_interval([rng.gauss(0, 1) for _ in range(4)])
        assert found is not None and found.ci is not None
        hits += found.ci[0] <= 0 <= found.ci[1]
    assert 0.93 < hits / 2000 < 0.97
    assert math.isfinite(t_quantile(0.999, 0.5))


def test_funnel_flags_by_hand() -> None:
    from branchcheck.oversight.honesty import funnel_flag

    # p0 = 0.2, sd = 0.4; 25 fails: limits 0.2 + 1.96 x 0.08 = 0.3568 (95 %) and
    # 0.2 + 3.0902 x 0.08 = 0.4472 (99.8 %)
    assert funnel_flag(0.36, 0.2, 25) == "95"
    assert funnel_flag(0.35, 0.2, 25) == ""
    assert funnel_flag(0.45, 0.2, 25) == "99.8"
    assert funnel_flag(None, 0.2, 0) == ""
