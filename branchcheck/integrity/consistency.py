"""A result's stored scores re-derived from its own items, in one linear pass.

This is the check every result gets, whether or not its checklist can be
found; on its own it cannot catch a forger who recomputes everything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from branchcheck.core.i18n import t
from branchcheck.core.model import NA, Grade, ItemResult, Result, localise

TOLERANCE = 1e-6
FUTURE_SLACK = timedelta(days=1)
"""How far ahead of this machine's clock a stored time may be (clock skew)."""

_Say = Callable[[str, str], None]
"""Adds a problem message, given in Chinese and English."""


def close(a: float | None, b: float | None) -> bool:
    """Equal within a relative tolerance (None only equals None)."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def grade_name(grade: Grade | None, lang: str) -> str:
    """A grade's label (or its band) for messages."""
    if grade is None:
        return t(lang, "无", "none")
    return localise(grade.label, lang) or f">= {grade.min:g}"


def tamper_problems(result: Result, lang: str = "en", *, legacy: bool = True,
                    now: datetime | None = None) -> list[str]:
    """Inconsistencies between a result's item answers and its stored scores, flags,
    coverage, grade and times (messages in ``lang``).

    ``legacy`` allows what only results of older versions lack (the grade bands).
    """
    s = result.score
    found: list[str] = []

    def say(zh: str, en: str) -> None:
        found.append(t(lang, zh, en))

    members: dict[str, list[ItemResult]] = {}
    seen: set[str] = set()
    for it in s.items:
        if it.id in seen:
            say(f"项目 {it.id} 出现了不止一次", f"item {it.id} appears more than once")
        seen.add(it.id)
        members.setdefault(it.section, []).append(it)
        _item_problems(it, say)
    section_ids = {sec.id for sec in s.sections}
    if len(section_ids) != len(s.sections):
        say("有重复的类别编号", "a section id appears more than once")
    for ghost in sorted(set(members) - section_ids):
        say(f"项目属于不存在的类别 {ghost}",
            f"items belong to a section {ghost} that is not listed")
    knock_all = False
    finals: list[tuple[float, float]] = []
    raws: list[tuple[float, float]] = []
    for sec in s.sections:
        its = members.get(sec.id, [])
        pairs = [(i.weight, i.fraction) for i in its
                 if i.fraction is not None and i.weight > 0 and i.type != "text"]
        total = sum(w for w, _ in pairs)
        raw = 100.0 * sum(w * f for w, f in pairs) / total if total > 0 else None
        knocked = any(i.status == "fail" and i.critical == "section" for i in its)
        knock_all = knock_all or any(i.status == "fail" and i.critical == "checklist"
                                     for i in its)
        final = None if raw is None else (0.0 if knocked else raw)
        if not close(raw, sec.raw) or not close(final, sec.final):
            say(f"类别 {sec.id}：保存的分数 {sec.raw}/{sec.final} 与其各项不符"
                f"（应为 {raw}/{final}）",
                f"section {sec.id}: stored score {sec.raw}/{sec.final} does not match "
                f"its items ({raw}/{final})")
        if sec.knocked_out != (knocked and raw is not None):
            say(f"类别 {sec.id}：否决标记 {sec.knocked_out} 与其各项不符",
                f"section {sec.id}: knocked_out {sec.knocked_out} does not match its items")
        if raw is not None and final is not None:
            raws.append((sec.weight, raw))
            finals.append((sec.weight, final))
    wr = sum(w for w, _ in raws)
    o_raw = sum(w * v for w, v in raws) / wr if wr > 0 else None
    o_final = sum(w * v for w, v in finals) / wr if wr > 0 else None
    if knock_all and o_final is not None:
        o_final = 0.0
    if not close(o_raw, s.overall_raw) or not close(o_final, s.overall_final):
        say(f"总分 {s.overall_raw}/{s.overall_final} 与各类别不符（应为 {o_raw}/{o_final}）",
            f"overall score {s.overall_raw}/{s.overall_final} does not match the "
            f"sections ({o_raw}/{o_final})")
    if s.knocked_out != knock_all:
        say(f"整表否决标记 {s.knocked_out} 与各项不符",
            f"knocked_out {s.knocked_out} does not match the items")
    asked = [i for i in s.items if i.applicable and i.type != "text"]
    answered = sum(1 for i in asked if i.status != "skipped")
    coverage = answered / len(asked) if asked else 1.0
    if not close(coverage, s.coverage):
        say(f"完成度 {s.coverage} 与各项不符（应为 {coverage}）",
            f"coverage {s.coverage} does not match the items ({coverage})")
    if s.complete != (answered == len(asked)):
        say(f"完整标记 {s.complete} 与各项不符", f"complete {s.complete} does not match the items")
    _grade_problems(result, say, legacy)
    _time_problems(result, say, now)
    return found


def _item_problems(it: ItemResult, say: _Say) -> None:
    """Checks of one item's status against its value and fraction."""
    expect = None
    if it.fraction is not None:
        if it.fraction >= 1:
            expect = "pass"
        elif it.fraction <= 0:
            expect = "fail"
        else:
            expect = "partial"
    if expect is None and it.status in ("pass", "partial", "fail"):
        say(f"项目 {it.id}：状态 {it.status} 却没有得分比例",
            f"item {it.id}: status {it.status} without a fraction")
    if expect is not None and it.status != expect:
        say(f"项目 {it.id}：状态 {it.status} 与得分比例 {it.fraction} 不符",
            f"item {it.id}: status {it.status} does not match fraction {it.fraction}")
    if it.type == "check" and it.value in ("pass", "fail"):
        want = 1.0 if it.value == "pass" else 0.0
        if not close(it.fraction, want):
            say(f"项目 {it.id}：答案 {it.value} 不会得到得分比例 {it.fraction}",
                f"item {it.id}: answer {it.value} does not give fraction {it.fraction}")
    if not it.applicable:
        wrong = it.status != "na" or it.value is not None
    elif it.status == "skipped":
        wrong = it.value is not None
    elif it.value is None:
        wrong = True
    elif it.status == "na":
        wrong = it.value != NA
    else:
        wrong = it.status == "info" and it.type != "text"
    if wrong:
        say(f"项目 {it.id}：状态 {it.status} 与答案 {it.value!r} 不符",
            f"item {it.id}: status {it.status} does not match answer {it.value!r}")


def _grade_problems(result: Result, say: _Say, legacy: bool) -> None:
    """The grade must be the first band holding the overall final score (the
    red-line grade after a checklist knockout)."""
    from branchcheck.core.scoring import RED_LINE, grade_for

    s = result.score
    final = "—" if s.overall_final is None else f"{s.overall_final:.2f}"
    if result.checklist_grades or not legacy:
        want = grade_for(result.checklist_grades, s.overall_final, knocked_out=s.knocked_out)
        if want != s.grade:
            say(f"等级 {grade_name(s.grade, 'zh')} 与总分 {final} 不符（应为 "
                f"{grade_name(want, 'zh')}）",
                f"grade {grade_name(s.grade, 'en')} does not fit score {final} (the "
                f"checklist's bands give {grade_name(want, 'en')})")
        return
    # Older results without the bands: the band must at least hold the score.
    if s.knocked_out and s.grade is not None and s.grade != RED_LINE:
        say("否决后的等级应为“不合格（一票否决）”",
            "a knocked-out result must be graded Fail (red line)")
    if s.grade is not None and (s.overall_final is None
                                or s.grade.min > s.overall_final + TOLERANCE):
        say(f"起点为 {s.grade.min:g} 的等级与总分 {final} 不符",
            f"grade starting at {s.grade.min:g} does not fit score {final}")


def parse_time(iso: str) -> datetime | None:
    """An ISO 8601 time with offset (``Z`` allowed) as the writer stores it
    (:func:`branchcheck.core.timestamps.parse_iso`), or None."""
    from branchcheck.core.timestamps import parse_iso

    return parse_iso(iso)


def _time_problems(result: Result, say: _Say, now: datetime | None) -> None:
    """Times must be real, not in the future, and the check must end after it began."""
    from branchcheck.core.timestamps import out_of_range, outside_words, real_day

    limit = (now or datetime.now(timezone.utc)) + FUTURE_SLACK
    times = {}
    for key, value in (("started", result.started), ("finished", result.finished)):
        if not value:
            continue
        when = parse_time(value)
        if when is None and out_of_range(value):
            say(f"{key} {value} {outside_words('zh')}", f"{key} {value} {outside_words('en')}")
        elif when is None:
            say(f"{key} {value!r} 不是有效的时间", f"{key} {value!r} is not a valid time")
        elif when > limit:
            say(f"{key} {value} 在将来", f"{key} {value} is in the future")
        else:
            times[key] = when
    if "started" in times and "finished" in times and times["finished"] < times["started"]:
        say(f"结束时间 {result.finished} 早于开始时间 {result.started}",
            f"finished {result.finished} is before started {result.started}")
    day = (result.visit or {}).get("date")
    if day is not None and not (isinstance(day, str) and real_day(day)):  # shop import's rule
        say(f"暗访日期 {day!r} 不是 1900 至 3099 年间的真实日期",
            f"visit date {day!r} is not a real day from 1900 to 3099")
