"""The one working-day calendar (工作日): official holidays and 调休 from chinesecalendar,
a department's overrides, and a clear warning for the days it has to guess.

Hand-checked against the State Council's notices (as the package holds them):
- 2025 National Day: 10-01 (Wed) .. 10-08 off; Sunday 09-28 and Saturday 10-11 worked.
- 2026 Spring Festival: 02-15 (Sun) .. 02-23 (Mon) off; Saturdays 02-14 and 02-28 worked.
- 2026 National Day: 10-01 (Thu) .. 10-07 off; Saturday 10-10 worked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branchcheck.core.errors import InputError, UsageError
from branchcheck.org.workdays import (
    CalendarOverrides,
    default_calendar,
    load_calendar_file,
    mon_to_fri,
)

pytest.importorskip("chinese_calendar")
D = date.fromisoformat


@pytest.mark.parametrize(("day", "working"), [
    ("2025-10-01", False), ("2025-10-08", False), ("2025-09-28", True),  # Sunday 调休
    ("2025-10-11", True),  # Saturday 调休
    ("2026-02-13", True), ("2026-02-14", True),  # Saturday 调休 before the Spring Festival
    ("2026-02-16", False), ("2026-02-23", False), ("2026-02-28", True),
    ("2026-10-10", True), ("2026-10-07", False), ("2026-11-07", False),  # a plain Saturday
    ("2026-11-30", True),
])
def test_official_holidays_and_make_up_days(day: str, working: bool) -> None:
    cal = default_calendar()
    assert cal.is_workday(D(day)) is working
    assert cal.covers(D(day)) and cal.warnings() == []


def test_add_workdays_skips_holidays_and_counts_a_make_up_saturday() -> None:
    cal = default_calendar()
    # From Wed 2026-09-30: 10-01..10-07 are off, so the 1st working day is Thu 10-08;
    # the 3rd is Sat 10-10 (调休): Thu 10-08, Fri 10-09, Sat 10-10.
    assert cal.add_workdays(D("2026-09-30"), 1) == D("2026-10-08")
    assert cal.add_workdays(D("2026-09-30"), 3) == D("2026-10-10")
    assert cal.add_workdays(D("2026-09-30"), 0) == D("2026-09-30")
    # Backwards: the working day before Thu 10-08 is Wed 09-30.
    assert cal.add_workdays(D("2026-10-08"), -1) == D("2026-09-30")
    # Mon-Fri alone would say Thu 10-01 and Mon 10-05.
    plain = mon_to_fri(CalendarOverrides(frozenset({D("2026-01-01")})))
    assert plain.add_workdays(D("2026-09-30"), 1) == D("2026-10-01")


def test_workdays_between_counts_after_a_up_to_b() -> None:
    cal = default_calendar()
    # (Fri 02-13, Sat 02-28]: Sat 02-14 (调休) 1; 02-15..02-23 off; Tue 24 .. Fri 27: 4;
    # Sat 02-28 (调休) 1 -> 6.
    assert cal.workdays_between(D("2026-02-13"), D("2026-02-28")) == 6
    assert cal.workdays_between(D("2026-02-28"), D("2026-02-13")) == 0
    assert cal.workdays_between(D("2026-02-13"), D("2026-02-13")) == 0


def test_a_year_the_package_lacks_is_guessed_with_a_warning() -> None:
    cal = default_calendar()
    assert not cal.covers(D("2199-06-03"))
    assert cal.is_workday(D("2199-06-03"))  # a Monday, guessed
    assert cal.is_workday(D("2199-06-08")) is False  # a Saturday, guessed
    (en,) = cal.warnings("en")
    assert "2199" in en and "Monday to Friday" in en
    (zh,) = cal.warnings("zh")
    assert "2199" in zh and "周一至周五" in zh


def test_overrides_win_and_cover_their_year(tmp_path: Path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text("# next year's days, before the package has them; a local holiday\n"
                    "holidays: [2199-01-01, 2026-11-30]\nworkdays: [2199-01-05]\n",
                    encoding="utf-8")
    found = load_calendar_file(str(path))
    cal = default_calendar(found)
    assert cal.is_workday(D("2026-11-30")) is False  # local holiday on a Monday
    assert cal.is_workday(D("2199-01-01")) is False  # a Tuesday
    assert cal.is_workday(D("2199-01-05"))  # a Saturday worked
    assert cal.covers(D("2199-03-01")) and cal.warnings() == []
    # A later file wins day by day over an earlier one.
    later = CalendarOverrides(workdays=frozenset({D("2026-11-30")}))
    assert default_calendar(found.merged(later)).is_workday(D("2026-11-30"))


@pytest.mark.parametrize(("text", "message", "line"), [
    ("holidays: [2026-02-30]\n", "not a calendar date", 1),
    ("holidays: [2026-10-01]\nworkdays: [2026-10-01]\n", "both a holiday and a working day", 2),
    ("holidays: [2026-10-01, 2026-10-01]\n", "listed twice", 1),
    ("holiday: [2026-10-01]\n", "unknown key 'holiday'", 1),
    ("holidays: 2026-10-01\n", "must be a list", 1),
])
def test_bad_calendar_files_are_located_errors(tmp_path: Path, text: str, message: str,
                                               line: int) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_calendar_file(str(path))
    (problem,) = caught.value.problems
    assert message in problem.message and problem.line == line


def test_a_stored_date_at_the_end_of_the_calendar_counts_no_working_days_before_today(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Input audit: a due date of 9999-12-31 in a log overflowed workdays_between (exit 3
    # for every listing of the branch); b <= a is 0 days, without stepping past a.
    from branchcheck.org.workdays import mon_to_fri, today

    assert mon_to_fri().workdays_between(date(9999, 12, 31), date(2026, 11, 20)) == 0
    assert mon_to_fri().workdays_between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Mon
    monkeypatch.setenv("BRANCHCHECK_TODAY", "9999-12-31")
    with pytest.raises(UsageError, match="not between 1900-01-01 and 2999-12-31"):
        today()
