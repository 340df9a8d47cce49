"""The mapping of a third party's delivery: which column is which part of the visit
record and which checklist item, and how its values read as answers.

A YAML file (``schemas/shop_mapping.schema.json``, ``format:
branchcheck-shop-mapping/1``)::

    format: branchcheck-shop-mapping/1
    checklist: mystery-shopper
    firm: 某调研公司               # recorded as each result's reviewer
    sheet: 暗访明细                 # .xlsx only; default the first sheet
    visit: {id: 访问编号, outlet: 网点编号, date: 日期, slot: 时段, waiting: 等候分钟,
            teller: 柜员号, scenario: 场景, shopper: 暗访员}
    items:
      entrance-and-hall-clean: {column: 环境整洁, values: {是: pass, 否: fail}}
      lobby-courtesy: 大堂礼貌         # the cell read as the item's own answers read
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import BranchcheckError, InputError, Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.strictyaml import Document

if TYPE_CHECKING:
    from branchcheck.core.model import Checklist

MAPPING_FORMAT = "branchcheck-shop-mapping/1"
VISIT_FIELDS = ("id", "outlet", "date", "time", "slot", "waiting", "teller", "scenario",
                "shopper")


@dataclass(frozen=True)
class ItemColumn:
    """One item's column, its value map (cell text -> answer) and its note column."""

    item: str
    column: str
    values: dict[str, str] | None = None
    note: str | None = None


@dataclass(frozen=True)
class Mapping:
    """A checked mapping file."""

    doc: Document
    checklist: str
    firm: str
    wave: str | None
    sheet: str | None
    header_row: int
    timezone: str
    visit: dict[str, str]
    items: tuple[ItemColumn, ...]


def load(path: str, *, lang: str = "en") -> Mapping:
    """Read and check a mapping file; :class:`InputError` with located problems."""
    from branchcheck.core.strictyaml import load_mapping
    from branchcheck.core.validation import schema_problems

    doc = load_mapping(path, max_bytes=1024 * 1024)
    problems = schema_problems(doc, "shop_mapping")
    data: dict[str, Any] = doc.data
    zone = data.get("timezone", "Asia/Shanghai")
    if not problems and not _known_zone(zone):
        problems.append(doc.problem(("timezone",), "timezone", t(
            ui(), f"未知的时区 {zone!r}", f"unknown time zone {zone!r}")))
    if problems:
        raise InputError(t(lang, f"{path}：不是有效的导入映射", f"{path}: not a valid mapping"),
                         problems)
    items = []
    for item_id, spec in data["items"].items():
        if isinstance(spec, str):
            items.append(ItemColumn(item_id, spec))
        else:
            values = {str(k): str(v) for k, v in spec.get("values", {}).items()} or None
            items.append(ItemColumn(item_id, spec["column"], values, spec.get("note")))
    return Mapping(doc, data["checklist"], data.get("firm", ""), data.get("wave"),
                   data.get("sheet"), data.get("header_row", 1), zone, dict(data["visit"]),
                   tuple(items))


def checklist_ref(mapping_path: str, ref: str) -> str:
    """A checklist named by the mapping: a bundled id, or a path beside the mapping."""
    near = os.path.join(os.path.dirname(mapping_path), ref)
    return near if os.path.isfile(near) else ref


def item_problems(mapping: Mapping, checklist: Checklist) -> list[Problem]:
    """What in the mapping does not fit its checklist: an item it does not have (at the
    item's key), a mapped value that is no answer of the item (at the value)."""
    from branchcheck.checklists.answers import AnswerError, normalise

    items = checklist.item_index()
    problems = []
    for ic in mapping.items:
        if ic.item not in items:
            problems.append(mapping.doc.problem(("items", ic.item), "unknown-item",
                                                t(ui(), f"{checklist.id} 没有项目 {ic.item!r}",
                                                  f"{checklist.id} has no item {ic.item!r}"),
                                                key=True))
            continue
        for cell, answer in (ic.values or {}).items():
            try:
                normalise(items[ic.item], answer)
            except AnswerError as exc:
                problems.append(mapping.doc.problem(
                    ("items", ic.item, "values", cell), "answer",
                    t(ui(), f"{cell!r} 对应到 {answer!r}，不是 {ic.item} 的答案：{exc.text('zh')}",
                      f"{cell!r} maps to {answer!r}, not an answer of {ic.item}: {exc}")))
    return problems


def check(path: str, lang: str = "en") -> list[Problem]:
    """Every problem of a mapping file, as ``validate`` reports them: its shape, its
    checklist (found as ``shop import`` finds it) and what does not fit that checklist."""
    from branchcheck.checklists.loading import load_checklist

    try:
        mapping = load(path, lang=lang)
    except InputError as exc:
        return list(exc.problems) or [Problem(path, 1, 1, "mapping", exc.message)]
    try:
        checklist = load_checklist(checklist_ref(path, mapping.checklist), lang=lang)
    except BranchcheckError as exc:
        return [mapping.doc.problem(("checklist",), "checklist", t(
            lang, f"找不到检查表 {mapping.checklist!r}（内置编号，或映射文件旁的文件）："
                  f"{exc.message}",
            f"checklist {mapping.checklist!r} not found (a bundled id, or a file beside the "
            f"mapping): {exc.message}"))]
    return item_problems(mapping, checklist)


def _known_zone(zone: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):
        return False
    return True
