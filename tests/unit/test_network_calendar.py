"""Periods and the business calendar."""

from __future__ import annotations

from datetime import date

import pytest

from branchcheck.core.errors import UsageError
from branchcheck.network.calendar import Period, calendar_rows, parse_period

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
    ("2026-W48", date(2026, 11, 23), date(2026, 11, 29), "2026-W48"),
    ("2026-W01", date(2025, 12, 29), date(2026, 1, 4), "2026-W01"),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
])
def test_named_periods(text: str, start: date, end: date, label: str) -> None:
    p = parse_period(text, None, None, default=TODAY)
    assert (p.start, p.end, p.label) == (start, end, label)


def test_previous_period_has_the_same_length() -> None:
    assert parse_period("2026-03", None, None, default=TODAY).previous() == Period(
        date(2026, 2, 1), date(2026, 2, 28), "month")
    assert parse_period("2026-W01", None, None, default=TODAY).previous().label == "2025-W52"
    assert parse_period("2026-Q1", None, None, default=TODAY).previous().label == "2025-Q4"
    rng = parse_period(None, "2026-11-10", "2026-11-19", default=TODAY)
    assert rng.previous() == Period(date(2026, 10, 31), date(2026, 11, 9))


def test_defaults_and_errors() -> None:
    assert parse_period(None, None, None, default=TODAY).label == "2026-11"
    assert parse_period(None, "2026-11-20", None, default=TODAY).end == TODAY
    for args in (("2026-13", None, None), ("2026-W54", None, None), (None, "x", None),
                 ("2026-11", "2026-11-01", None), (None, "2026-11-05", "2026-11-01")):
        with pytest.raises(UsageError):
            parse_period(*args, default=TODAY)


def test_calendar_rows_mark_holidays_and_weekends() -> None:
    rows = calendar_rows(Period(date(2026, 11, 2), date(2026, 11, 8)), (0, 1, 2, 3, 4),
                         frozenset({date(2026, 11, 4)}))
    assert [(d.day, o, b) for d, o, b in rows] == [
        (2, True, True), (3, True, True), (4, False, False), (5, True, True),
        (6, True, True), (7, True, False), (8, True, False)]


def test_sql_slot_labels_match_the_python_ones() -> None:
    """``missing`` labels long lists of slots in SQL; they read as slot_label's."""
    duckdb = pytest.importorskip("duckdb")
    from datetime import date, timedelta

    from branchcheck.network.expected import _LABEL, slot_label

    con = duckdb.connect()
    days = [date(2020, 12, 20) + timedelta(days=n) for n in range(0, 800, 3)]
    for every in ("day", "business-day", "week", "month", "quarter"):
        got = con.execute(f"SELECT list({_LABEL.format(e='$1', d='d')} ORDER BY d) "
                          "FROM (SELECT unnest($2::DATE[]) AS d)", [every, days]).fetchone()
        assert got is not None and got[0] == [slot_label(every, d) for d in days], every
