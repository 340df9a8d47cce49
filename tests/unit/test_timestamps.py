"""The one strict ISO 8601 time checker (answers files and drafts)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.core.timestamps import parse_iso, real_day, real_time


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-01T09:30:00+08:00",
     datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))),
    ("2024-05-01T09:30Z", datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)),
    ("2024-02-29T23:59:59.5-05:30",
     datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=timezone(-timedelta(hours=5, minutes=30)))),
    ("2024-01-01T00:00:00.1234567Z",  # digits past microseconds are dropped
     datetime(2024, 1, 1, 0, 0, 0, 123456, tzinfo=timezone.utc)),
])
def test_real_times_parse(text: str, expected: datetime) -> None:
    got = parse_iso(text)
    assert got == expected and got is not None and got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", [
    "2024-13-45T99:99+08:00",  # the audit's example
    "2023-02-29T10:00:00Z",  # not a leap year
    "2024-04-31T10:00:00Z",
    "2024-05-01T24:00:00Z",
    "2024-05-01T10:60:00Z",
    "2024-05-01T10:00:61Z",
    "2024-05-01T10:00:00+24:00",  # an offset of a whole day
    "2024-05-01T10:00:00",  # no offset
    "2024-05-01",
    "yesterday",
    "2024-05-01T10:00:00+08:00\n",
    "２０２４-05-01T10:00:00Z",  # full-width digits
    "0000-01-01T00:00:00Z",
    "2024-05-01T10:00:00+08:75",  # minutes of an offset past the hour
    "2025-10-09T25:00:00+08:00",
    "2025-10-09T23:61+08:00",
    "2025-10-09T10:00+25:00",
])
def test_impossible_or_malformed_times_are_refused(text: str) -> None:
    assert parse_iso(text) is None


@pytest.mark.parametrize(("text", "real"), [
    ("2024-02-29", True), ("1900-01-01", True), ("2999-12-31", True),
    ("3099-12-31", True),  # a deadline counted from the last day given (2999-12-31)
    ("0001-01-01", False), ("1899-12-31", False), ("3100-01-01", False),  # not counted with
    ("2025-02-29", False), ("2025-02-30", False), ("2025-13-01", False), ("2025-00-10", False),
    ("0000-01-01", False), ("10000-01-01", False), ("2025-1-01", False), ("2025-01-01\n", False),
    ("２０２５-01-01", False), ("2025-01-01T10:00Z", False),
])
def test_one_rule_for_a_day(text: str, real: bool) -> None:
    assert real_day(text) is real


def test_a_real_time_is_what_parse_iso_reads() -> None:
    assert real_time("2025-10-09T10:00+08:00") and not real_time("2025-02-30T10:00+08:00")


_PARTS = [["2025-10-09", "2025-02-30", "0000-01-01", "3099-12-31", "3100-01-01", "2025-1-09"],
          ["T", " ", "", "TT"], ["10:00", "23:59:59", "24:00", "10:61", "9:00", "00:00:60"],
          ["", ".5", ".123456789", "." + "1" * 60], ["+08:00", "-05:30", "Z", "+24:00",
                                                   "+08:75", "", "x"]]


@settings(max_examples=500, deadline=None)
@given(st.tuples(*(st.sampled_from(p) for p in _PARTS)).map("".join))
def test_a_time_checked_in_two_remembered_parts_is_checked_as_one(text: str) -> None:
    """Day, separator, clock, fraction and offset, each right or wrong in its own way."""
    from branchcheck.core.timestamps import _TIME

    assert real_time(text) == (bool(_TIME.fullmatch(text)) and real_day(text[:10]))
