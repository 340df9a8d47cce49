"""The one working-day calendar (工作日) of branchcheck: action deadlines, overdue
counts, complaint deadlines and the network's ``business-day`` checks all count with it.

A day is a working day when the official calendar says so: China's public
holidays and make-up working days (调休) from the ``chinesecalendar`` package
(imported the first time a day is asked about), Monday to Friday otherwise.
A department's overrides (:class:`CalendarOverrides`: ``holidays`` and
``workdays`` lists, from a calendar file or the organisation directory) win
over the package: a local holiday, next year's days before the package has them.

A date the package does not cover (a year outside its range) and the overrides
do not mention is *guessed* (Monday to Friday) and recorded in
:meth:`WorkCalendar.warnings`: never a silent guess. A year counts as covered by
the overrides when they list at least one day of it.

This is not an outlet's opening days (营业日, e.g. Saturday): those are the
directory's ``business_days`` less its ``closed_days`` (docs/network.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from branchcheck.core.errors import InputError, Problem, UsageError
from branchcheck.core.i18n import t, ui
from branchcheck.core.timestamps import (
    FIRST_DAY,
    LAST_DAY,
    out_of_range,
    outside_words,
    real_day,
)

CALENDAR_KEYS = ("holidays", "workdays")
_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class CalendarOverrides:
    """A department's own days: ``holidays`` (no work) and ``workdays`` (调休 or
    extra working days); ``source`` names where they came from."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.holidays or self.workdays)

    @property
    def years(self) -> frozenset[int]:
        """The years the overrides mention (covered even outside the package's range)."""
        return frozenset(d.year for d in self.holidays | self.workdays)

    def merged(self, later: CalendarOverrides | None) -> CalendarOverrides:
        """These overrides with ``later``'s on top (a day in both lists of ``later`` is
        impossible; ``later`` wins over ``self`` day by day)."""
        if not later:
            return self
        holidays = (self.holidays - later.workdays) | later.holidays
        workdays = (self.workdays - later.holidays) | later.workdays
        source = " + ".join(s for s in (self.source, later.source) if s)
        return CalendarOverrides(frozenset(holidays), frozenset(workdays), source)

    def as_json(self) -> dict[str, Any]:
        """The overrides as JSON-ready lists (what :func:`overrides_from_json` reads)."""
        return {"holidays": sorted(d.isoformat() for d in self.holidays),
                "workdays": sorted(d.isoformat() for d in self.workdays),
                "source": self.source}


def overrides_from_json(data: Any) -> CalendarOverrides:
    """Overrides written by :meth:`CalendarOverrides.as_json` (empty when ``data`` is not)."""
    if not isinstance(data, dict):
        return CalendarOverrides()
    return CalendarOverrides(
        frozenset(date.fromisoformat(d) for d in data.get("holidays", ())),
        frozenset(date.fromisoformat(d) for d in data.get("workdays", ())),
        str(data.get("source", "")))


@dataclass
class _Official:
    """The package's days: holidays and 调休 working days, and the years it covers."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    first_year: int
    last_year: int
    version: str


_OFFICIAL: list[_Official | None] = []


def official() -> _Official | None:
    """The ``chinesecalendar`` package's days (read once), or None when it is missing."""
    if not _OFFICIAL:
        try:
            import chinese_calendar as cc  # type: ignore[import-untyped]
        except ImportError:
            _OFFICIAL.append(None)
        else:
            years = [d.year for d in cc.holidays]
            _OFFICIAL.append(_Official(frozenset(cc.holidays), frozenset(cc.workdays),
                                       min(years), max(years),
                                       str(getattr(cc, "__version__", "?"))))
    return _OFFICIAL[0]


@dataclass
class WorkCalendar:
    """Working days by the official calendar and the overrides (see the module)."""

    overrides: CalendarOverrides = field(default_factory=CalendarOverrides)
    source: _Official | None = None
    _memo: dict[date, bool] = field(default_factory=dict, repr=False)
    _guessed: dict[int, date] = field(default_factory=dict, repr=False)

    def covers(self, day: date) -> bool:
        """Whether ``day``'s year is known (package or overrides), not guessed."""
        src = self.source
        return (src is not None and src.first_year <= day.year <= src.last_year) or (
            day.year in self.overrides.years)

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day (工作日)."""
        known = self._memo.get(day)
        if known is not None:
            return known
        ov, src = self.overrides, self.source
        if day in ov.holidays:
            answer = False
        elif day in ov.workdays:
            answer = True
        elif src is not None and src.first_year <= day.year <= src.last_year:
            answer = day in src.workdays or (day.weekday() < 5 and day not in src.holidays)
        else:
            if day.year not in ov.years:
                first = self._guessed.get(day.year)
                if first is None or day < first:
                    self._guessed[day.year] = day
            answer = day.weekday() < 5
        self._memo[day] = answer
        return answer

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted; 0:
        ``start``; negative: before it)."""
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_workday(day):
                left -= 1
        return day

    def next_workday(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (``a``, ``b``]: after ``a`` up to and including ``b`` (0 when
        ``b <= a``)."""
        if b <= a:  # before a step past ``a``: a stored date may be the calendar's last
            return 0
        count, day = 0, a + timedelta(days=1)
        while day <= b:
            count += self.is_workday(day)
            day += timedelta(days=1)
        return count

    def workdays(self, days: Iterable[date]) -> list[bool]:
        """:meth:`is_workday` of each day."""
        return [self.is_workday(d) for d in days]

    @property
    def guessed_years(self) -> tuple[int, ...]:
        """Years asked about that neither the package nor the overrides cover."""
        return tuple(sorted(self._guessed))

    def warnings(self, lang: str = "en") -> list[str]:
        """One message per guessed year, in ``lang`` (``zh`` or ``en``)."""
        src = self.source
        known = (f"{src.first_year}–{src.last_year}" if src is not None else "")
        out = []
        for year in self.guessed_years:
            if src is None:
                zh = (f"未安装 chinesecalendar：{year} 年的工作日按周一至周五计算"
                      "（未计节假日和调休）；请安装该包，或用日历文件（holidays/workdays）补充")
                en = (f"chinesecalendar is not installed: working days of {year} counted as "
                      "Monday to Friday (no holidays, no make-up days); install it or give a "
                      "calendar file (holidays/workdays)")
            else:
                zh = (f"工作日历没有 {year} 年的法定节假日和调休（chinesecalendar {src.version} "
                      f"覆盖 {known} 年）：{year} 年按周一至周五计算；请在日历文件或机构目录中"
                      "用 holidays/workdays 补充，或升级 chinesecalendar")
                en = (f"the working-day calendar has no public holidays or make-up days for "
                      f"{year} (chinesecalendar {src.version} covers {known}): {year} counted "
                      "as Monday to Friday; add them with holidays/workdays in a calendar file "
                      "or the directory, or upgrade chinesecalendar")
            out.append(zh if lang == "zh" else en)
        return out


def default_calendar(overrides: CalendarOverrides | None = None) -> WorkCalendar:
    """The working-day calendar: the official days (``chinesecalendar``) with
    ``overrides`` on top."""
    return WorkCalendar(overrides or CalendarOverrides(), official())


def mon_to_fri(overrides: CalendarOverrides | None = None) -> WorkCalendar:
    """A calendar without the official days: Monday to Friday plus ``overrides``
    (years the overrides do not mention are guessed and warned about)."""
    return WorkCalendar(overrides or CalendarOverrides(), None)


def today(zone: str | None = None) -> date:
    """Today's date in the IANA time ``zone`` (else the machine's);
    ``$BRANCHCHECK_TODAY`` (YYYY-MM-DD) fixes it for reproducible ledgers, reports
    and tests (the same day in every zone)."""
    fixed = os.environ.get("BRANCHCHECK_TODAY", "").strip()
    if fixed:
        day = _date(fixed)
        if day is None and not out_of_range(fixed, LAST_DAY):
            raise UsageError(t(ui(), f"BRANCHCHECK_TODAY {fixed!r} 不是 2024-05-31 这样的日期",
                               f"BRANCHCHECK_TODAY {fixed!r} is not a date like 2024-05-31"))
        if day is None or not FIRST_DAY <= day <= LAST_DAY:
            raise UsageError(t(ui(), f"BRANCHCHECK_TODAY {fixed!r} 不在 {FIRST_DAY} 到 "
                                     f"{LAST_DAY} 之间",
                               f"BRANCHCHECK_TODAY {fixed!r} is not between {FIRST_DAY} and "
                               f"{LAST_DAY}"))
        return day
    if zone:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(zone)).date()
    return datetime.now().date()


def env_overrides(*, lang: str | None = None) -> CalendarOverrides:
    """The days of the calendar file ``$BRANCHCHECK_CALENDAR`` names (none when unset;
    errors in ``lang``, else the UI language)."""
    path = os.environ.get("BRANCHCHECK_CALENDAR", "").strip()
    return load_calendar_file(path, lang=lang) if path else CalendarOverrides()


# ------------------------------------------------------------------ reading


def overrides_from_mapping(data: Mapping[str, Any], name: str,
                           where: Any) -> tuple[CalendarOverrides, list[Problem]]:
    """The ``holidays`` and ``workdays`` lists of a parsed YAML mapping (a calendar file
    or an organisation directory); ``where(path)`` locates a node as (line, column)."""
    lang = ui()
    problems: list[Problem] = []
    found: dict[str, set[date]] = {}
    for key in CALENDAR_KEYS:
        days: set[date] = set()
        found[key] = days
        values = data.get(key, [])
        if not isinstance(values, list):
            problems.append(_at(name, where((key,)), "calendar", t(
                lang, f"{key} 必须是日期（YYYY-MM-DD）的列表",
                f"{key} must be a list of dates (YYYY-MM-DD)")))
            continue
        for i, text in enumerate(values):
            day = _date(text)
            if day is None:
                message = not_day(lang, text)
            elif day in days:
                message = t(lang, f"{day} 在 {key} 中列了两次", f"{day} is listed twice in {key}")
            elif key == "workdays" and day in found["holidays"]:
                message = t(lang, f"{day} 既是节假日又是工作日（调休）",
                            f"{day} is both a holiday and a working day")
            else:
                days.add(day)
                continue
            problems.append(_at(name, where((key, i)), "calendar", message))
    return (CalendarOverrides(frozenset(found["holidays"]), frozenset(found["workdays"]),
                              name), problems)


def _at(name: str, place: tuple[int, int], rule: str, message: str) -> Problem:
    return Problem(name, place[0], place[1], rule, message)


def not_day(lang: str, value: Any) -> str:
    """Why ``value`` is not a day a directory or a calendar file may hold, in ``lang``."""
    if isinstance(value, str) and out_of_range(value):
        return f"{value!r} {outside_words(lang)}"
    return t(lang, f"{value!r} 不是日期（YYYY-MM-DD）",
             f"{value!r} is not a calendar date (YYYY-MM-DD)")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and real_day(value) else None


def load_calendar_file(path: str, *, lang: str | None = None) -> CalendarOverrides:
    """A calendar file (YAML mapping with ``holidays`` and ``workdays`` lists of
    ``YYYY-MM-DD``, nothing else); raises InputError with located problems (in
    ``lang``, else the UI language)."""
    from branchcheck.core.strictyaml import decode, parse_mapping, read_bytes

    lang = lang or ui()
    raw = read_bytes(path, max_bytes=_MAX_BYTES, display=path)
    doc = parse_mapping(decode(raw, path), path)
    problems = [doc.problem((key,), "unknown-key", t(
        lang, f"未知的键 {key!r}；工作日历文件只有 holidays 和 workdays",
        f"unknown key {key!r}; a calendar file has holidays and workdays"), key=True)
                for key in doc.data if key not in CALENDAR_KEYS]
    found, more = overrides_from_mapping(doc.data, path, doc.locate)
    problems += more
    if problems:
        headline = t(lang, f"{path}：不是有效的工作日历文件",
                     f"{path}: not a valid working-day calendar file")
        raise InputError(headline, problems)
    return found
