"""The organisation directory: units, their hierarchy, calendar and programme.

Two forms: a YAML file (``schemas/org.schema.json``, strict YAML, located
problems) and a CSV list of units (header ``id,name_zh,name_en,parent,kind``,
optional ``opened,closed,verifiers``; UTF-8 with or without BOM, else GB18030).
``verifiers`` names the people of a unit who re-check red-line incidents of the units
below it. Both are checked for duplicate ids, unknown parents, cycles and impossible dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.timestamps import real_day
from branchcheck.org.workdays import CalendarOverrides, WorkCalendar, not_day

DEFAULT_TZ = "Asia/Shanghai"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CADENCES = ("day", "opening-day", "business-day", "week", "month", "quarter")
"""``day``: every day not closed; ``opening-day``: the outlet's opening days (营业日:
``business_days`` less ``closed_days``); ``business-day``: working days (工作日, the
calendar of :mod:`branchcheck.org.workdays`) not closed; ``week``/``month``/``quarter``:
one check per slot holding at least one opening day."""
CSV_HEADER = ("id", "name_zh", "name_en", "parent", "kind")
CSV_OPTIONAL = ("opened", "closed", "verifiers")
VERIFIER_SEPARATORS = re.compile(r"[;；、]")
"""How a CSV cell separates the names of ``verifiers``."""
MAX_VERIFIER = 64
ORG_FORMAT = "branchcheck-org/1"
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_DEPTH = 64
"""Levels a unit may sit below the top (the warehouse's unit tree walks no further)."""
_KIND = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_MAX_BYTES = 50 * 1024 * 1024


class Unit(NamedTuple):
    """One unit of the network (an outlet, a sub-branch, ...). A named tuple: a
    directory of 10,000 units is built in milliseconds for every view."""

    id: str
    name_zh: str
    name_en: str
    kind: str
    parent: str | None = None
    opened: date | None = None
    closed: date | None = None
    timezone: str | None = None
    verifiers: tuple[str, ...] = ()
    """People of this unit who re-check (复查) red-line incidents of the units below it
    (``verifiers``; optional: the directory may name no one)."""

    def name(self, lang: str) -> str:
        """The unit's name in ``lang`` (else the other language, else its id)."""
        first, second = (self.name_zh, self.name_en) if lang == "zh" else (
            self.name_en, self.name_zh)
        return first or second or self.id

    def open_on(self, day: date) -> bool:
        """Whether the unit exists on ``day`` (from ``opened``, until before ``closed``)."""
        return (self.opened is None or day >= self.opened) and (
            self.closed is None or day < self.closed)



def _say(zh: str, en: str) -> str:
    """A problem's message in the UI language."""
    return t(ui(), zh, en)


def _twice(unit: str, first: int) -> str:
    return _say(f"机构 {unit!r} 列了两次（第一次在第 {first} 行）",
                f"unit {unit!r} is listed twice (first at line {first})")

@dataclass(frozen=True)
class Rule:
    """A programme rule: units of ``kind`` run ``checklist`` ``every`` period, by
    ``due_by`` (``HH:MM`` in the unit's zone; a later result is a late entry, 补录)."""

    kind: str
    checklist: str
    every: str
    due_by: str | None = None


SETTING_KEYS = {"missed": "missed", "min_completion": "min_completion",
                "item_failing_rate": "failing", "common_problem_share": "common"}


@dataclass(frozen=True)
class Settings:
    """The department's choices for the network figures (docs/network.md): how a
    missed check counts (``zero`` or ``exclude``), the minimum completion to rank
    with the others, the failure rate at which an outlet fails an item, the share
    of outlets at which an item is a common problem (共性问题). ``given``: the keys
    the directory set; the others are branchcheck's defaults."""

    missed: str = "zero"
    min_completion: float = 0.9
    failing: float = 0.2
    common: float = 0.3
    given: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, Any]:
        """The settings the directory gave, by their YAML keys."""
        return {key: getattr(self, attr) for key, attr in SETTING_KEYS.items()
                if attr in self.given}


def settings_from(data: Any) -> Settings:
    """Settings from the directory's ``settings`` mapping (schema-checked)."""
    if not isinstance(data, dict):
        return Settings()
    values = {SETTING_KEYS[k]: v for k, v in data.items() if k in SETTING_KEYS}
    return Settings(**values, given=frozenset(values))


@dataclass(frozen=True)
class Org:
    """A validated directory (units in file order; parents before use not required)."""

    units: tuple[Unit, ...]
    timezone: str = DEFAULT_TZ
    business_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    closed_days: frozenset[date] = frozenset()
    programme: tuple[Rule, ...] = ()
    source: str = ""
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    stored: bool = field(default=False, compare=False)
    """Read back from a warehouse, whose ``units`` and ``unit_tree`` tables hold it.
    The views leave its units there (``units`` empty) and read them with SQL."""
    calendar: CalendarOverrides = field(default_factory=CalendarOverrides)
    """The directory's ``holidays`` and ``workdays`` (on top of the official days)."""
    settings: Settings = field(default_factory=Settings)
    """The department's choices (``settings``)."""

    @cached_property
    def workdays(self) -> WorkCalendar:
        """The working-day calendar (工作日) with this directory's days on top."""
        from branchcheck.org.workdays import default_calendar

        return default_calendar(self.calendar)

    def opening_day(self, day: date) -> bool:
        """Whether ``day`` is an opening day (营业日): a business weekday, not closed."""
        return day.weekday() in self.business_days and day not in self.closed_days

    @cached_property
    def by_id(self) -> dict[str, Unit]:
        """Units by id."""
        return {u.id: u for u in self.units}

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Figures derived from the directory, kept for the next view of the same run."""
        return {}

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Child ids of each unit id."""
        kids: dict[str, list[str]] = {u.id: [] for u in self.units}
        for u in self.units:
            if u.parent is not None:
                kids[u.parent].append(u.id)
        return kids

    def chain(self, unit_id: str) -> list[str]:
        """``unit_id`` and its ancestors, root last."""
        out = [unit_id]
        parent = self.by_id[unit_id].parent
        while parent is not None:
            out.append(parent)
            parent = self.by_id[parent].parent
        return out

    def depth(self, unit_id: str) -> int:
        """0 for a root, 1 for its children, ..."""
        return len(self.chain(unit_id)) - 1

    def subtree(self, unit_id: str) -> list[str]:
        """``unit_id`` and every unit below it."""
        out, todo = [], [unit_id]
        while todo:
            u = todo.pop()
            out.append(u)
            todo.extend(self.children[u])
        return out

    def leaves(self) -> list[str]:
        """Units without children (the outlets), in file order."""
        return [u.id for u in self.units if not self.children[u.id]]

    def tz_of(self, unit_id: str) -> str:
        """The time zone of a unit's business days."""
        unit = self.by_id.get(unit_id)
        return (unit.timezone if unit and unit.timezone else None) or self.timezone


def load(path: str, *, lang: str = "en") -> Org:
    """Load and check a directory (YAML, or CSV by the ``.csv`` suffix); raises InputError."""
    from branchcheck.core.strictyaml import read_bytes

    raw = read_bytes(path, max_bytes=_MAX_BYTES, display=path)
    if path.lower().endswith(".csv"):
        org, problems = parse_csv(raw, path)
    else:
        org, problems = parse_yaml(raw, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors or org is None:
        raise InputError(_headline(path, lang), errors)
    return org


def _headline(path: str, lang: str) -> str:
    from branchcheck.core.i18n import t

    return t(lang, f"{path}：不是有效的机构目录", f"{path}: not a valid organisation directory")


def is_org_document(data: Any) -> bool:
    """Whether parsed YAML data is meant as a directory (``validate`` detects the kind)."""
    return isinstance(data, dict) and (data.get("format") == ORG_FORMAT or (
        "units" in data and "sections" not in data))


def parse_yaml(raw: bytes, name: str) -> tuple[Org | None, list[Problem]]:
    """A directory from YAML bytes, and every problem found (schema, then semantic)."""
    from branchcheck.core.strictyaml import decode, parse_mapping
    from branchcheck.core.validation import schema_problems

    try:
        doc = parse_mapping(decode(raw, name), name)
    except InputError as exc:
        return None, list(exc.problems)
    problems = schema_problems(doc, "org")
    if problems:
        return None, problems
    data = doc.data
    units: list[Unit] = []
    places: dict[str, tuple[int, int]] = {}
    for i, u in enumerate(data["units"]):
        name_ = u["name"]
        zh, en = (name_, name_) if isinstance(name_, str) else (
            name_.get("zh", ""), name_.get("en", ""))
        dates: dict[str, date | None] = {}
        for key in ("opened", "closed"):
            dates[key] = None
            if key in u:
                if real_day(u[key]):
                    dates[key] = date.fromisoformat(u[key])
                else:
                    problems.append(doc.problem(("units", i, key), "date",
                                                not_day(ui(), u[key])))
        units.append(Unit(u["id"], zh, en, u["kind"], u.get("parent"), dates["opened"],
                          dates["closed"], u.get("timezone"),
                          tuple(dict.fromkeys(v.strip() for v in u.get("verifiers", ())))))
        places.setdefault(u["id"], doc.locate(("units", i, "id")))
        if u["id"] in places and places[u["id"]] != doc.locate(("units", i, "id")):
            line, col = doc.locate(("units", i, "id"))
            first = places[u["id"]][0]
            problems.append(Problem(name, line, col, "duplicate-id",
                                    _twice(u["id"], first)))
    closed: set[date] = set()
    for i, d in enumerate(data.get("closed_days", [])):
        if real_day(d):
            closed.add(date.fromisoformat(d))
        else:
            problems.append(doc.problem(("closed_days", i), "date",
                                        not_day(ui(), d)))
    from branchcheck.org.workdays import overrides_from_mapping

    calendar, more = overrides_from_mapping(data, name, doc.locate)
    problems.extend(more)
    tz = data.get("timezone", DEFAULT_TZ)
    for path_, zone in [(("timezone",), tz)] + [
            (("units", i, "timezone"), u.timezone) for i, u in enumerate(units) if u.timezone]:
        if zone is not None and not known_zone(zone):
            problems.append(doc.problem(path_, "timezone", _say(f"未知的时区 {zone!r}",
                                                                f"unknown time zone {zone!r}")))
    org = Org(tuple(units), tz,
              tuple(WEEKDAYS.index(d) for d in data.get("business_days", WEEKDAYS)),
              frozenset(closed),
              tuple(Rule(r["kind"], r["checklist"], r["every"], r.get("due_by"))
                    for r in data.get("programme", [])), name, calendar=calendar,
              settings=settings_from(data.get("settings")))

    def where(index: int, key: str) -> tuple[int, int]:
        return doc.locate(("units", index, key))

    problems.extend(structure_problems(org, name, where))
    kinds = {u.kind for u in units}
    for i, r in enumerate(org.programme):
        if r.kind not in kinds:
            problems.append(doc.problem(("programme", i, "kind"), "unknown-kind",
                                        _say(f"没有类别为 {r.kind!r} 的机构",
                                             f"no unit has kind {r.kind!r}"), severity="warning"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _with_warnings(org, problems), problems


def parse_csv(raw: bytes, name: str) -> tuple[Org | None, list[Problem]]:
    """A directory from CSV bytes (UTF-8, optional BOM, else GB18030), with located problems."""
    from branchcheck.core.csvtable import records

    header, rows, problems = records(raw, name, CSV_HEADER, CSV_OPTIONAL)
    if not rows and problems:
        return None, problems
    units: list[Unit] = []
    lines: dict[int, int] = {}
    for n, cells in rows:
        bad = False
        for col, key, pattern in (("id", "id", _ID), ("kind", "kind", _KIND)):
            if not pattern.fullmatch(cells[key]):
                what = "编号" if key == "id" else "类别"
                problems.append(Problem(name, n, _col(header, col), "schema",
                                        _say(f"{what} {cells[key]!r} 无效",
                                             f"invalid {key} {cells[key]!r}")))
                bad = True
        if cells["parent"] and not _ID.fullmatch(cells["parent"]):
            problems.append(Problem(name, n, _col(header, "parent"), "schema",
                                    _say(f"上级 {cells['parent']!r} 无效",
                                         f"invalid parent {cells['parent']!r}")))
            bad = True
        if not (cells["name_zh"] or cells["name_en"]):
            problems.append(Problem(name, n, _col(header, "name_zh"), "schema",
                                    _say("机构需要名称（name_zh 或 name_en）",
                                         "a unit needs a name (name_zh or name_en)")))
        dates: dict[str, date | None] = {"opened": None, "closed": None}
        for key in ("opened", "closed"):
            if cells.get(key):
                if real_day(cells[key]):
                    dates[key] = date.fromisoformat(cells[key])
                else:
                    problems.append(Problem(name, n, _col(header, key), "date",
                                            not_day(ui(), cells[key])))
        names = tuple(dict.fromkeys(
            v.strip() for v in VERIFIER_SEPARATORS.split(cells.get("verifiers") or "")
            if v.strip()))
        if any(len(v) > MAX_VERIFIER or not v.isprintable() for v in names):
            problems.append(Problem(name, n, _col(header, "verifiers"), "schema",
                                    _say(f"verifiers：姓名，每个最多 {MAX_VERIFIER} 个可打印字符，"
                                         "用 ; 分隔",
                                         f"verifiers: names of at most {MAX_VERIFIER} printable "
                                         "characters, separated by ;")))
            bad = True
        if bad:
            continue
        lines[len(units)] = n
        units.append(Unit(cells["id"], cells["name_zh"], cells["name_en"], cells["kind"],
                          cells["parent"] or None, dates["opened"], dates["closed"],
                          verifiers=names))
    if not units and not problems:
        problems.append(Problem(name, 2, 1, "empty", _say("文件中没有列出机构",
                                                           "the file lists no units")))
    org = Org(tuple(units), source=name)
    seen: dict[str, int] = {}
    for i, u in enumerate(units):
        if u.id in seen:
            problems.append(Problem(name, lines[i], 1, "duplicate-id",
                                    _twice(u.id, seen[u.id])))
        seen.setdefault(u.id, lines[i])
    if any(p.severity == "error" for p in problems):
        return None, problems

    def where(index: int, key: str) -> tuple[int, int]:
        return lines[index], _col(header, key)

    problems.extend(structure_problems(org, name, where))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _with_warnings(org, problems), problems


def _col(header: list[str], key: str) -> int:
    """1-based column (character position) of ``key``'s cell in a plain CSV row."""
    return header.index(key) + 1


def _with_warnings(org: Org, problems: Iterable[Problem]) -> Org:
    from dataclasses import replace

    return replace(org, warnings=tuple(p for p in problems if p.severity == "warning"))


def structure_problems(org: Org, name: str, where: Any) -> list[Problem]:
    """Duplicate ids, unknown parents, cycles and closed-before-opened, located by
    ``where(unit_index, key) -> (line, column)``."""
    problems: list[Problem] = []
    index = {u.id: i for i, u in reversed(list(enumerate(org.units)))}
    for i, u in enumerate(org.units):
        if u.parent is not None and u.parent not in index:
            line, col = where(i, "parent")
            problems.append(Problem(name, line, col, "unknown-parent",
                                    _say(f"机构 {u.id!r}：上级 {u.parent!r} 不在目录中",
                                         f"unit {u.id!r}: parent {u.parent!r} is not in the "
                                         "directory")))
        if u.opened and u.closed and u.closed <= u.opened:
            line, col = where(i, "closed")
            problems.append(Problem(name, line, col, "dates",
                                    _say(f"机构 {u.id!r} 的撤销日期（{u.closed}）早于设立日期"
                                         f"（{u.opened}）",
                                         f"unit {u.id!r} closes ({u.closed}) before it opens "
                                         f"({u.opened})")))
    if problems:
        return problems
    parent_of = {u.id: u.parent for u in org.units}
    done: set[str] = set()
    for u in org.units:
        path: list[str] = []
        node: str | None = u.id
        while node is not None and node not in done:
            if node in path:
                loop = " -> ".join([*path[path.index(node):], node])
                line, col = where(index[node], "parent")
                problems.append(Problem(name, line, col, "cycle",
                                        _say(f"机构的上下级形成了循环：{loop}",
                                             f"units form a cycle: {loop}")))
                break
            path.append(node)
            node = parent_of[node]
        done.update(path)
    return problems or _depth_problems(org, name, where, parent_of)


def _depth_problems(org: Org, name: str, where: Any,
                    parent_of: dict[str, str | None]) -> list[Problem]:
    """The first unit more than :data:`MAX_DEPTH` levels below the top (no cycles)."""
    depth: dict[str, int] = {}
    for i, u in enumerate(org.units):
        chain: list[str] = []
        node: str | None = u.id
        while node is not None and node not in depth:
            chain.append(node)
            node = parent_of[node]
        d = depth[node] if node is not None else -1
        for v in reversed(chain):
            d += 1
            depth[v] = d
        if depth[u.id] > MAX_DEPTH:
            line, col = where(i, "parent")
            return [Problem(name, line, col, "too-deep",
                            _say(f"机构 {u.id!r} 在最上层之下 {depth[u.id]} 级；目录最多 "
                                 f"{MAX_DEPTH} 级",
                                 f"unit {u.id!r} sits {depth[u.id]} levels below the top; "
                                 f"a directory may be {MAX_DEPTH} deep"))]
    return []


def known_zone(zone: str) -> bool:
    """Whether ``zone`` is an IANA time zone this machine knows."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):
        return False
    return True
