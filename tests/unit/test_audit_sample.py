"""The audit sample's draw: sizes, parts and weights by hand, reproducibility."""

from __future__ import annotations

from collections import Counter

import pytest

from branchcheck.core.errors import UsageError
from branchcheck.oversight.audit import default_size, draw, risk_weight


def test_risk_weight_by_hand() -> None:
    # 1 + 4 m + 2 (1 - c) + 2 r + s
    # m 0.5, completion 0.8, one red line, last independent check 73 days ago:
    # 1 + 2 + 0.4 + 2 + 0.2 = 5.6
    assert risk_weight({"missed_rate_shrunk": 0.5, "completion": 0.8, "red_lines": 1,
                        "days_since_independent": 73}) == pytest.approx(5.6)
    # nothing known: no pairs (m 0), nothing expected (c 1), never inspected (s 1): 2
    assert risk_weight({}) == pytest.approx(2.0)
    # inspected more than a year ago counts as a year
    assert risk_weight({"days_since_independent": 900, "completion": 1.0}) == pytest.approx(2.0)


def test_sizes_and_parts() -> None:
    assert [default_size(n) for n in (0, 1, 4, 5, 100, 101)] == [0, 1, 2, 3, 10, 11]
    figures = {f"O{k:02d}": {} for k in range(30)}
    rows = draw(figures, "2026Q4")  # ceil(sqrt(30)) = 6: ceil(6/4) = 2 random, 4 risk
    assert Counter(r["part"] for r in rows) == {"random": 2, "risk": 4}
    assert len({r["unit"] for r in rows}) == 6 and [r["order"] for r in rows] == list(range(1, 7))
    half = draw(figures, "2026Q4", size=10, share=0.5)
    assert Counter(r["part"] for r in half) == {"random": 5, "risk": 5}
    assert draw(figures, "2026Q4") == rows  # same seed, same list
    with pytest.raises(UsageError):
        draw(figures, "s", share=0.2)


def test_the_risk_part_favours_risky_outlets() -> None:
    # O07 has weight 1 + 4 (m = 1) + 1 (inspected over a year ago) = 6, the 19 others
    # 1 + 1 (never inspected) = 2. Size 2, half random: when the random draw misses O07
    # (19/20), the risk draw of 1 from 19 picks it with 6 / (6 + 18 x 2) = 1/7; over 400
    # seeds about 400 x 19/20 x 1/7 = 54 times (sd about 7), against 20 if uniform
    figures = {f"O{k:02d}": {} for k in range(20)}
    figures["O07"] = {"missed_rate_shrunk": 1.0, "days_since_independent": 400}
    hits = sum(any(r["unit"] == "O07" and r["part"] == "risk"
                   for r in draw(figures, f"seed-{s}", size=2, share=0.5)) for s in range(400))
    assert 35 <= hits <= 75
