"""Semantic checks of a schema-valid checklist that JSON Schema cannot express.

Rules are documented in docs/checklist-format.md ("Semantic rules").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from branchcheck.core import numbers
from branchcheck.core.errors import Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.strictyaml import Document, Path

_TYPE_KEYS = {
    "check": set(),
    "scale": {"scale"},
    "choice": {"options"},
    "metric": {"pass_if", "bands", "min", "max", "unit"},
    "text": set(),
}
_TYPED_KEYS = {"scale", "options", "pass_if", "bands", "min", "max", "unit"}


def lint(doc: Document, *, tolerant: bool = False) -> list[Problem]:
    """Semantic problems of a schema-valid checklist document.

    ``tolerant``: the document failed the schema; each rule reports what it finds
    until the broken shape stops it (the schema errors say what is wrong there), so
    one run shows a duplicate id or a broken ``when`` beside a schema error.
    """
    data: dict[str, Any] = doc.data
    items: list[tuple[Path, dict[str, Any]]] = []
    problems: list[Problem] = []
    rules: list[Callable[[], Iterable[Problem]]] = [
        lambda: _ids(doc, data), lambda: _grades(doc, data),
        lambda: _collect(items, data),
        lambda: _item_rules(doc, data, items), lambda: _never_scored(doc, data),
        lambda: _when_never(doc, items), lambda: _translations(doc, data),
        lambda: _not_finite(doc, data), lambda: numbers.problems(doc)]
    for rule in rules:
        if not tolerant:
            problems += rule()
            continue
        try:
            for problem in rule():
                problems.append(problem)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError):
            continue
    return sorted(problems, key=lambda p: (p.line, p.column, p.rule))


def _not_finite(doc: Document, data: dict[str, Any]) -> Iterator[Problem]:
    """YAML's ``.nan`` and ``.inf`` pass every JSON Schema bound but break every score."""
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        kind = type(value)
        if kind is float:
            if value - value != 0:  # inf - inf and nan - nan are nan
                shown = ".nan" if value != value else ("-.inf" if value < 0 else ".inf")
                yield doc.problem(path, "not-finite", t(
                    ui(), f"不允许 {shown}：数字必须是有限值",
                    f"{shown} is not allowed: numbers must be finite"))
        elif kind is dict:
            stack.extend(((*path, k), v) for k, v in value.items())
        elif kind is list:
            stack.extend(((*path, i), v) for i, v in enumerate(value))


def _items(data: dict[str, Any]) -> list[tuple[Path, dict[str, Any]]]:
    """Every item with its path (in a schema-invalid document, those that are items)."""
    found: list[tuple[Path, dict[str, Any]]] = []
    sections = data.get("sections")
    for si, section in enumerate(sections if isinstance(sections, list) else ()):
        entries = section.get("items") if isinstance(section, dict) else None
        for ii, item in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(item, dict):
                found.append((("sections", si, "items", ii), item))
    return found


def _collect(items: list[tuple[Path, dict[str, Any]]], data: dict[str, Any]) -> list[Problem]:
    """Fill ``items`` for the rules after it (finds no problem itself)."""
    items.extend(_items(data))
    return []


def _ids(doc: Document, data: dict[str, Any]) -> Iterator[Problem]:
    from branchcheck.core.ids import RESERVED_CHECKLIST_IDS

    if data["id"] in RESERVED_CHECKLIST_IDS:
        yield doc.problem(("id",), "reserved-id", t(
            ui(), f"检查表编号 {data['id']!r} 是保留的：结果文件夹用这个名称存放整改佐证材料；"
                  "请换一个编号",
            f"checklist id {data['id']!r} is reserved: the results folder keeps "
            "action evidence under that name; choose another id"))
    seen: dict[str, Path] = {}
    for si, section in enumerate(data["sections"]):
        entries: list[tuple[Path, Any]] = [(("sections", si), section)]
        entries += [(("sections", si, "items", ii), it) for ii, it in enumerate(section["items"])]
        for path, entry in entries:
            ident = entry["id"]
            if ident in seen:
                line, col = doc.locate((*seen[ident], "id"))
                yield doc.problem((*path, "id"), "duplicate-id", t(
                    ui(), f"编号 {ident!r} 已在第 {line} 行第 {col} 列用过",
                    f"id {ident!r} is already used at line {line}, column {col}"))
            else:
                seen[ident] = path


def _grades(doc: Document, data: dict[str, Any]) -> Iterator[Problem]:
    grades = data.get("grades")
    if not grades:
        return
    for i in range(1, len(grades)):
        if grades[i]["min"] >= grades[i - 1]["min"]:
            yield doc.problem(("grades", i, "min"), "grades-order", t(
                ui(), f"等级区间必须严格从高到低：{grades[i]['min']} 排在 "
                      f"{grades[i - 1]['min']} 之后",
                f"grade bands must be strictly descending: {grades[i]['min']} "
                f"follows {grades[i - 1]['min']}"))
    if grades[-1]["min"] != 0:
        yield doc.problem(("grades", len(grades) - 1, "min"), "grades-order", t(
            ui(), "最后一个等级区间必须从 0 开始，每个得分才都有等级",
            "the last grade band must start at 0 so every score gets a grade"))


def _item_rules(
    doc: Document, data: dict[str, Any], items: list[tuple[Path, dict[str, Any]]]
) -> Iterator[Problem]:
    scales = data.get("scales") or {}
    earlier: dict[str, dict[str, Any]] = {}
    all_ids = {it["id"] for _, it in items}
    for path, item in items:
        kind = item["type"]
        for key in sorted(_TYPED_KEYS & set(item) - _TYPE_KEYS[kind]):
            yield doc.problem((*path, key), "type-fields", t(
                ui(), f"{key!r} 不适用于类型为 {kind} 的检查项",
                f"{key!r} does not apply to a {kind} item"), key=True)
        if kind == "scale" and item.get("scale") not in scales:
            yield doc.problem((*path, "scale"), "unknown-scale", t(
                ui(), f"量表 {item.get('scale')!r} 没有在 'scales' 中定义",
                f"scale {item.get('scale')!r} is not defined under 'scales'"))
        if kind == "choice" and not any(o["points"] > 0 for o in item["options"]):
            yield doc.problem((*path, "options"), "choice-no-points", t(
                ui(), "至少要有一个选项的分值大于 0",
                "at least one option must be worth more than 0 points"))
        if kind == "choice":
            keys = [o["key"] for o in item["options"]]
            for oi, key in enumerate(keys):
                if key in keys[:oi]:
                    yield doc.problem((*path, "options", oi, "key"), "duplicate-id", t(
                        ui(), f"选项键 {key!r} 用了两次", f"option key {key!r} is used twice"))
                elif key.casefold() in (k.casefold() for k in keys[:oi]):
                    other = next(k for k in keys[:oi] if k.casefold() == key.casefold())
                    yield doc.problem((*path, "options", oi, "key"), "option-key-case", t(
                        ui(), f"选项键 {other!r} 和 {key!r} 只有大小写不同；对答案时不分大小写，"
                              "其中一个永远选不到",
                        f"option keys {other!r} and {key!r} differ only in case; answers "
                        "are matched ignoring case, so one of them could never be chosen"))
        if kind == "metric":
            yield from _metric(doc, path, item)
        if "critical" in item and (kind == "text" or item.get("weight", 1) == 0):
            yield doc.problem((*path, "critical"), "critical-unscored", t(
                ui(), "一票否决只能设在计分的检查项上（不是文字题，权重大于 0）",
                "a knockout must be on a scored item (not text, weight above 0)"))
        for key in ("rectify", "evidence_required_on_fail"):
            if key in item and (kind == "text" or item.get("weight", 1) == 0):
                yield doc.problem((*path, key), "rectify-unscored", t(
                    ui(), f"{key!r} 只用于计分的检查项：文字题或权重为 0 的检查项不会产生整改项",
                    f"{key!r} is for scored items: a text item or one of weight 0 never "
                    "opens a corrective action"))
        rectify = item.get("rectify")
        if isinstance(rectify, dict) and "below" in rectify and kind != "scale":
            yield doc.problem((*path, "rectify", "below"), "rectify-below", t(
                ui(), "'below' 是量表上的一个刻度，答案等于或低于它就需要整改：只用于量表题",
                "'below' is the scale point at or below which an answer needs a corrective "
                "action: it is for scale items only"))
        when = item.get("when")
        if when is not None:
            yield from _when(doc, path, when, earlier, all_ids, scales)
        earlier[item["id"]] = item
    for name, scale in scales.items():
        if scale["max"] <= scale["min"]:
            yield doc.problem(("scales", name, "max"), "scale-range", t(
                ui(), f"量表 {name!r}：max 必须大于 min",
                f"scale {name!r}: max must be greater than min"))
        points: dict[int, str] = {}
        for label in scale.get("labels", {}):
            if int(label) in points:  # "1" and "01" (or "0" and "-0") are the same point
                line, col = doc.locate(("scales", name, "labels", points[int(label)]), key=True)
                yield doc.problem(("scales", name, "labels", label), "duplicate-key", t(
                    ui(), f"刻度标签 {label} 与第 {line} 行第 {col} 列的标签 "
                          f"{points[int(label)]} 指同一个刻度",
                    f"label {label} names the same point as label {points[int(label)]} "
                    f"(line {line}, column {col})"), key=True)
            points.setdefault(int(label), label)
            if not scale["min"] <= int(label) <= scale["max"]:
                yield doc.problem(("scales", name, "labels", label), "scale-range", t(
                    ui(), f"刻度标签 {label} 超出 {scale['min']}-{scale['max']} 的范围",
                    f"label {label} is outside {scale['min']}-{scale['max']}"), key=True)


def _scored(item: dict[str, Any]) -> bool:
    return bool(item["type"] != "text" and item.get("weight", 1) > 0)


def _never_scored(doc: Document, data: dict[str, Any]) -> Iterator[Problem]:
    """A checklist whose weighted sections hold no scored item never gets an overall score."""
    sections = data["sections"]
    if any(s.get("weight", 1) > 0 and any(_scored(i) for i in s["items"]) for s in sections):
        return
    lang = ui()
    if all(s.get("weight", 1) == 0 for s in sections):
        why = t(lang, "每个检查类别的权重都是 0", "every section weighs 0")
    else:
        why = t(lang, "权重大于 0 的检查类别里没有计分的检查项（不是文字题，权重大于 0）",
                "no section with a weight above 0 holds a scored item (not text, weight above 0)")
    yield doc.problem(("sections",), "no-overall-score", t(
        lang, f"{why}，所以无论怎么回答都得不到总分",
        f"{why}, so no answers can ever give an overall score"), key=True)


def _when_never(doc: Document, items: list[tuple[Path, dict[str, Any]]]) -> Iterator[Problem]:
    """A ``when`` that no answer can satisfy: ``na`` of an item that does not allow it, a
    number outside a metric's ``min``/``max``, text a text answer never is (answers are
    trimmed), or a reference to an item that is itself never asked. (Impossible values
    of the wrong kind are ``when-bad-value``.) Messages in the UI language."""
    lang = ui()
    by_id = {item["id"]: item for _, item in items}
    never: set[str] = set()
    for path, item in items:
        when = item.get("when")
        if when is None or when["item"] not in by_id:
            continue
        ref, equals = by_id[when["item"]], when["equals"]
        rid = ref["id"]
        why = ""
        if rid in never:
            why = t(lang, f"{rid!r} 本身永远不会被问到", f"{rid!r} is itself never asked")
        elif equals == "na" and ref["type"] != "text" and ref.get("allow_na", True) is False:
            why = t(lang, f"{rid!r} 不允许答 na（allow_na: false）", f"{rid!r} does not allow na")
        elif ref["type"] == "metric" and _number(equals) and (
            ("min" in ref and equals < ref["min"]) or ("max" in ref and equals > ref["max"])
        ):
            why = t(lang, f"{equals!r} 超出 {rid!r} 可接受的答案范围",
                    f"{equals!r} is outside the accepted answers of {rid!r}")
        elif ref["type"] == "text" and isinstance(equals, str) and (
                not equals.strip() or equals != equals.strip()):
            why = t(lang, f"文字答案会去掉首尾空格，{rid!r} 的答案不会是 {equals!r}",
                    f"text answers are trimmed, so {rid!r} is never {equals!r}")
        if why:
            never.add(item["id"])
            yield doc.problem((*path, "when"), "when-never",
                              t(lang, f"这个 when 条件永远不会成立：{why}",
                                f"this 'when' can never hold: {why}"), key=True)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _metric(doc: Document, path: Path, item: dict[str, Any]) -> Iterator[Problem]:
    lo, hi = item.get("min"), item.get("max")
    if lo is not None and hi is not None and lo >= hi:
        yield doc.problem((*path, "max"), "metric-threshold", t(
            ui(), "max 必须大于 min", "max must be greater than min"))
    conditions = [((*path, "pass_if"), item["pass_if"])]
    conditions += [((*path, "bands", i), b) for i, b in enumerate(item.get("bands", []))]
    for cpath, cond in conditions:
        value = cond["value"]
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            yield doc.problem((*cpath, "value"), "metric-threshold", t(
                ui(), f"阈值 {value} 超出答案的有效范围",
                f"threshold {value} is outside the valid range of answers"))
    for i, band in enumerate(item.get("bands", [])):
        if band["op"][0] != item["pass_if"]["op"][0]:
            yield doc.problem((*path, "bands", i, "op"), "metric-threshold", t(
                ui(), "分档（bands）的方向必须与 pass_if 相同（都是 >= 或都是 <=）",
                "a band must point the same way as pass_if (both >= or both <=)"))


def _when(
    doc: Document,
    path: Path,
    when: dict[str, Any],
    earlier: dict[str, dict[str, Any]],
    all_ids: set[str],
    scales: dict[str, Any],
) -> Iterator[Problem]:
    target = when["item"]
    wpath = (*path, "when", "item")
    if target not in all_ids:
        from branchcheck.core.suggest import did_you_mean

        lang = ui()
        hint = did_you_mean(str(target), all_ids, lang)
        yield doc.problem(wpath, "when-unknown-item", t(
            lang, f"when 引用了不存在的项目 {target!r}{hint}",
            f"'when' refers to unknown item {target!r}{hint}"))
        return
    if target not in earlier:
        yield doc.problem(wpath, "when-forward", t(
            ui(), f"when 只能引用前面的项目；{target!r} 在后面",
            f"'when' must refer to an earlier item; {target!r} comes later"))
        return
    ref = earlier[target]
    equals = when["equals"]
    ok = True
    if ref["type"] == "check":
        # 1 == True in Python, but a check is answered pass/fail/na, never a number
        ok = isinstance(equals, bool) or (isinstance(equals, str)
                                          and equals in ("pass", "fail", "na"))
    elif ref["type"] == "choice":
        ok = str(equals) in {o["key"] for o in ref["options"]} or equals == "na"
    elif ref["type"] == "scale":
        scale = scales.get(ref.get("scale", ""))
        ok = equals == "na" or (
            scale is not None
            and isinstance(equals, int)
            and not isinstance(equals, bool)
            and scale["min"] <= equals <= scale["max"]
        )
    elif ref["type"] == "metric":
        ok = equals == "na" or (isinstance(equals, (int, float)) and not isinstance(equals, bool))
    if not ok:
        yield doc.problem((*path, "when", "equals"), "when-bad-value", t(
            ui(), f"{equals!r} 不是 {ref['type']} 项目 {target!r} 可能的答案（永远不会成立）",
            f"{equals!r} is not a possible answer of {ref['type']} item {target!r}"))


def _translations(doc: Document, data: dict[str, Any]) -> Iterator[Problem]:
    langs = data.get("languages") or ["zh", "en"]
    for path, text in _texts(data):
        if isinstance(text, str):
            if len(langs) > 1:
                yield doc.problem(path, "missing-translation", t(
                    ui(), f"只写了一种文字；请写成 {{{', '.join(langs)}}} 各语言的译文",
                    f"plain text given; write it as {{{', '.join(langs)}}} translations"),
                    severity="warning")
            continue
        missing = [lang for lang in langs if lang not in text]
        if missing:
            yield doc.problem(path, "missing-translation", t(
                ui(), f"缺少 {'、'.join(missing)} 译文", f"text lacks {', '.join(missing)}"),
                severity="warning")


def _texts(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    for key in ("title", "description"):
        if key in data:
            yield (key,), data[key]
    for name, scale in (data.get("scales") or {}).items():
        for label, text in (scale.get("labels") or {}).items():
            yield ("scales", name, "labels", label), text
    for gi, grade in enumerate(data.get("grades") or []):
        yield ("grades", gi, "label"), grade["label"]
    for si, section in enumerate(data["sections"]):
        for key in ("title", "description"):
            if key in section:
                yield ("sections", si, key), section[key]
        for ii, item in enumerate(section["items"]):
            base: Path = ("sections", si, "items", ii)
            for key in ("text", "guidance"):
                if key in item:
                    yield (*base, key), item[key]
            for oi, option in enumerate(item.get("options") or []):
                yield (*base, "options", oi, "label"), option["label"]
