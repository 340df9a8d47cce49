"""A third party's delivery read as visits: answers and a visit record per row.

Every cell that does not read is a located problem (sheet, row, column letter);
:func:`read_rows` returns the good rows and every problem, and the caller
decides (``--partial``) whether good rows of a file with problems are stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from branchcheck.core.errors import Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.model import Answer, Checklist
from branchcheck.shop.delivery import Table
from branchcheck.shop.mapping import Mapping, item_problems

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_VISIT_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
_SLOT = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
MAX_WAIT = 1440


class CellError(ValueError):
    """A cell that does not read as what its column holds."""


@dataclass(frozen=True)
class Row:
    """One visit of the delivery, ready to score and store."""

    line: int
    branch: str
    answers: dict[str, Answer]
    visit: dict[str, Any]
    finished: str
    key: str
    """What identifies the visit across deliveries (visit id, else outlet/date/slot/...)."""
    digest: str
    """SHA-256 of what the row says (visit record and answers): the same row, the same digest."""


def text_of(cell: Any) -> str:
    """A cell as text: whole numbers without ``.0``, dates as ISO, trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    return str(cell).strip()


def day_of(cell: Any) -> str:
    """A date cell (an Excel date, or 2027-03-05, 2027/3/5, 2027年3月5日) on a day the
    tool counts with (:func:`branchcheck.core.timestamps.real_day`)."""
    from branchcheck.core.timestamps import outside_words, real_day

    if isinstance(cell, datetime):
        day = cell.date().isoformat()
    elif isinstance(cell, date):
        day = cell.isoformat()
    else:
        m = _DATE.fullmatch(text_of(cell).split(" ")[0])
        try:
            if m is None:
                raise ValueError
            day = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            raise CellError(_say(f"{text_of(cell)!r} 不是日期（如 2027-03-05）",
                                 f"{text_of(cell)!r} is not a date (e.g. 2027-03-05)")) from None
    if not real_day(day):  # year 1: no time zone has an offset then, nor a deadline after
        raise CellError(f"{day} {outside_words(ui())}")
    return day


def time_of(cell: Any) -> str:
    """A time cell (an Excel time, or 9:05, 09:05:30) as HH:MM."""
    if isinstance(cell, (time, datetime)):
        return f"{cell.hour:02d}:{cell.minute:02d}"
    m = _TIME.fullmatch(text_of(cell))
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        raise CellError(_say(f"{text_of(cell)!r} 不是时刻（如 09:30）",
                             f"{text_of(cell)!r} is not a time of day (e.g. 09:30)"))
    return f"{int(m[1]):02d}:{m[2]}"


def slot_of(cell: Any) -> str:
    """A time slot cell (09:00-11:00, 9:00~11:00) as HH:MM-HH:MM."""
    m = _SLOT.fullmatch(text_of(cell))
    if m is None or int(m[1]) > 23 or int(m[3]) > 24 or int(m[2]) > 59 or int(m[4]) > 59 or (
            (int(m[1]), int(m[2])) >= (int(m[3]), int(m[4]))):
        raise CellError(_say(f"{text_of(cell)!r} 不是时段（如 09:00-11:00）",
                             f"{text_of(cell)!r} is not a time slot (e.g. 09:00-11:00)"))
    return f"{int(m[1]):02d}:{m[2]}-{int(m[3]):02d}:{m[4]}"


def minutes_of(cell: Any) -> int | float:
    """Waiting minutes: a number from 0 to 1440."""
    try:
        value = float(text_of(cell)) if not isinstance(cell, (int, float)) else float(cell)
    except ValueError:
        raise CellError(_say(f"{text_of(cell)!r} 不是分钟数",
                             f"{text_of(cell)!r} is not a number of minutes")) from None
    if not 0 <= value <= MAX_WAIT:
        raise CellError(_say(f"{text_of(cell)} 分钟不在 0 到 {MAX_WAIT} 之间",
                             f"{text_of(cell)} minutes is not between 0 and {MAX_WAIT}"))
    return int(value) if value.is_integer() else value


def _say(zh: str, en: str) -> str:
    """A cell's problem in the UI language."""
    return t(ui(), zh, en)


_AN_ID = ("（字母、数字、'_' 或 '-'）", " (letters, digits, '_' or '-')")


def _limited(pattern: re.Pattern[str], zh: str, en: str) -> Any:
    def read(cell: Any) -> str:
        text = text_of(cell)
        if not pattern.fullmatch(text):
            raise CellError(_say(f"{text!r} 不是有效的{zh}{_AN_ID[0]}",
                                 f"{text!r} is not a valid {en}{_AN_ID[1]}"))
        return text
    return read


def _free_text(limit: int, zh: str, en: str) -> Any:
    def read(cell: Any) -> str:
        text = text_of(cell)
        if len(text) > limit or not text.isprintable():
            raise CellError(_say(f"{zh}应为 1 到 {limit} 个可打印字符",
                                 f"{en} must be 1 to {limit} printable characters"))
        return text
    return read


READERS: dict[str, Any] = {
    "id": _limited(_VISIT_ID, "暗访编号", "visit id"),
    "outlet": _limited(_ID, "网点编号", "outlet id"),
    "date": day_of, "time": time_of, "slot": slot_of, "waiting": minutes_of,
    "teller": _free_text(32, "柜员或窗口号", "a teller or window number"),
    "scenario": _free_text(64, "场景", "a scenario"),
    "shopper": _limited(_ID, "暗访员编号", "shopper id"),
}
_STORED = {"waiting": "waiting_minutes"}


def columns(table: Table, mapping: Mapping) -> tuple[dict[str, int], list[Problem]]:
    """Where each mapped column is in the header, and a problem for each one missing."""
    index: dict[str, int] = {}
    for i, name in enumerate(table.header):
        index.setdefault(name, i)
    wanted = [(f"visit.{k}", c) for k, c in mapping.visit.items()]
    for ic in mapping.items:
        wanted.append((f"items.{ic.item}", ic.column))
        if ic.note:
            wanted.append((f"items.{ic.item}.note", ic.note))
    problems = [Problem(table.file, table.header_row, 1, "column",
                        _say(f"{table.sheet + '!' if table.sheet else ''}第 {table.header_row} "
                             f"行：没有列 {column!r}（对应关系 {where}）；表头有 "
                             f"{', '.join(h for h in table.header if h)}",
                             f"{table.sheet + '!' if table.sheet else ''}row {table.header_row}: "
                             f"no column {column!r} (mapping {where}); the header has "
                             f"{', '.join(h for h in table.header if h)}"))
                for where, column in wanted if column not in index]
    return index, problems


def read_rows(table: Table, mapping: Mapping, checklist: Checklist
              ) -> tuple[list[Row], list[Problem]]:
    """The rows that read completely, and a located problem for every bad cell."""
    from branchcheck.checklists.answers import AnswerError, normalise

    index, problems = columns(table, mapping)
    if problems:
        return [], problems
    problems = item_problems(mapping, checklist)
    if problems:
        return [], problems
    items = checklist.item_index()
    rows: list[Row] = []
    today = date.today().isoformat()
    for line, cells in table.rows:
        def cell(column: str, cells: tuple[Any, ...] = cells) -> Any:
            i = index[column]
            return cells[i] if i < len(cells) else None

        bad: list[Problem] = []
        visit: dict[str, Any] = {}
        for key in ("id", "outlet", "date", "time", "slot", "waiting", "teller", "scenario",
                    "shopper"):
            if key not in mapping.visit:
                continue
            raw = cell(mapping.visit[key])
            if text_of(raw) == "":
                if key in ("outlet", "date"):
                    bad.append(table.problem(line, index[mapping.visit[key]], "empty",
                                             _say(f"{key} 为空", f"{key} is empty")))
                continue
            try:
                visit[_STORED.get(key, key)] = READERS[key](raw)
                if key == "date" and visit["date"] > today:
                    raise CellError(_say(f"{visit['date']} 是将来的日期",
                                         f"{visit['date']} is in the future"))
            except CellError as exc:
                bad.append(table.problem(line, index[mapping.visit[key]], key, str(exc)))
        answers: dict[str, Answer] = {}
        for ic in mapping.items:
            raw = cell(ic.column)
            if text_of(raw) == "":
                continue
            value: Any = raw.strip() if isinstance(raw, str) else raw
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if ic.values is not None:
                if text_of(raw) not in ic.values:
                    bad.append(table.problem(line, index[ic.column], "value",
                                             _say(f"{text_of(raw)!r} 不是 {ic.item} 的对应值之一"
                                                  f"（{', '.join(ic.values)}）",
                                                  f"{text_of(raw)!r} is not one of the mapped "
                                                  f"values ({', '.join(ic.values)}) of "
                                                  f"{ic.item}")))
                    continue
                value = ic.values[text_of(raw)]
            try:
                normal = normalise(items[ic.item], value)
            except AnswerError as exc:
                bad.append(table.problem(line, index[ic.column], "answer", exc.text(ui())))
                continue
            note = text_of(cell(ic.note)) if ic.note else ""
            answers[ic.item] = Answer(ic.item, normal, note or None)
        if bad:
            problems.extend(bad)
            continue
        rows.append(_row(line, visit, answers, mapping, checklist))
    return rows, problems


def _row(line: int, visit: dict[str, Any], answers: dict[str, Answer], mapping: Mapping,
         checklist: Checklist) -> Row:
    from zoneinfo import ZoneInfo

    branch = visit.pop("outlet")
    if mapping.wave and "wave" not in visit:
        visit["wave"] = mapping.wave
    clock = visit.get("time") or (visit["slot"][:5] if "slot" in visit else "12:00")
    when = datetime.combine(date.fromisoformat(visit["date"]),
                            time(int(clock[:2]), int(clock[3:5])), ZoneInfo(mapping.timezone))
    said = {"checklist": checklist.id, "branch": branch, "visit": visit,
            "answers": {k: [a.value, a.note] for k, a in sorted(answers.items())}}
    digest = hashlib.sha256(json.dumps(said, sort_keys=True, ensure_ascii=False,
                                       default=str).encode("utf-8")).hexdigest()
    return Row(line, branch, answers, visit, when.isoformat(timespec="seconds"),
               visit_key(branch, visit), digest)


def visit_key(branch: str, visit: dict[str, Any]) -> str:
    """What identifies a visit across deliveries: the outlet and the visit id, else the
    outlet, date, slot, time, shopper and scenario."""
    key = visit.get("id") or "/".join(str(visit.get(k, "")) for k in (
        "date", "slot", "time", "shopper", "scenario"))
    return f"{branch}/{key}"
