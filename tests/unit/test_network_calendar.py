"""Periods and the business calendar."""

from __future__ import annotations

from datetime import date

import pytest

from branchcheck.core.errors import UsageError
from branchcheck.network.calendar import Period, calendar_rows, parse_period
from branchcheck.org.directory import Org

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


def test_calendar_rows_keep_opening_days_apart_from_working_days() -> None:
    """2026-10-05 .. 10-11: National Day off until Wed 10-07, Sat 10-10 a make-up
    working day (调休). The outlets open Mon-Sat (营业日) and are closed on 10-06."""
    org = Org((), business_days=(0, 1, 2, 3, 4, 5), closed_days=frozenset({date(2026, 10, 6)}))
    rows = calendar_rows(Period(date(2026, 10, 5), date(2026, 10, 11)), org)
    # (day, open, opening day 营业日, working day 工作日)
    assert [(d.day, o, b, w) for d, o, b, w in rows] == [
        (5, True, True, False), (6, False, False, False), (7, True, True, False),
        (8, True, True, True), (9, True, True, True), (10, True, True, True),
        (11, True, False, False)]


def test_sql_slot_labels_match_the_python_ones() -> None:
    """``missing`` labels long lists of slots in SQL; they read as slot_label's."""
    duckdb = pytest.importorskip("duckdb")
    from datetime import date, timedelta

    from branchcheck.network.expected import _LABEL, slot_label

    con = duckdb.connect()
    days = [date(2020, 12, 20) + timedelta(days=n) for n in range(0, 800, 3)]
    for every in ("day", "opening-day", "business-day", "week", "month", "quarter"):
        got = con.execute(f"SELECT list({_LABEL.format(e='$1', d='d')} ORDER BY d) "
                          "FROM (SELECT unnest($2::DATE[]) AS d)", [every, days]).fetchone()
        assert got is not None and got[0] == [slot_label(every, d) for d in days], every
