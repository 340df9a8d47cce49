"""A change is the difference of the figures printed beside it: ``82.9 → 81.4``
reads -1.5 (the unrounded 82.94 → 81.36 would print -1.6, which no reader can
check)."""

from __future__ import annotations

from branchcheck.render.report import shown_delta


def test_the_difference_of_the_printed_figures() -> None:
    assert shown_delta("82.9", "81.4") == "-1.5"  # 81.4 - 82.9
    assert shown_delta("75.0", "80.5") == "+5.5"
    assert shown_delta("81.4", "81.4") == "±0.0"
    # a score shown with more digits next to a grade edge keeps them in the change
    assert shown_delta("89.96", "90.0") == "+0.04"  # 90.00 - 89.96
    assert shown_delta("—", "81.4") == "—"
