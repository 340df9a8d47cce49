"""JSON Schema validation with located, plain-language errors.

Two passes: a fast validity check (ahead-of-time generated code in
``branchcheck._fastschema``, a few milliseconds, no jsonschema import), then,
only for documents that fail it, jsonschema (Draft 7) for every error with its
location. jsonschema has the last word: a document the fast check rejects but
jsonschema accepts is valid.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from branchcheck.core import resources
from branchcheck.core.errors import Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.strictyaml import Document

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

_TYPE_NAMES = {
    "object": ("映射（键: 值）", "a mapping"),
    "array": ("列表", "a list"),
    "string": ("文字", "a string"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "null": ("空值", "empty"),
}
_KINDS_ZH = {"boolean": "是/否值", "integer": "整数", "number": "数字", "string": "文字",
             "list": "列表", "mapping": "映射"}


def _say(zh: str, en: str) -> str:
    """A problem's message in the UI language."""
    return t(ui(), zh, en)


@cache
def validator(name: str) -> Validator:
    """A validator for the bundled schema ``name``, built once per process."""
    from jsonschema import Draft7Validator

    schema = resources.schema(name)
    return Draft7Validator(schema)


def schema_digest(schema: Any) -> str:
    """SHA-256 of a schema's canonical JSON (as recorded in the generated modules)."""
    canonical = json.dumps(schema, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@cache
def fast_validator(name: str) -> Callable[[Any], Any] | None:
    """The generated validity check of schema ``name``, if it matches the bundled schema.

    Returns None (use jsonschema) when the module is missing or was generated
    from a different version of the schema.
    """
    try:
        module = importlib.import_module(f"branchcheck._fastschema.{name}")
    except ImportError:
        return None
    if getattr(module, "SCHEMA_SHA256", None) != schema_digest(resources.schema(name)):
        return None
    check: Callable[[Any], Any] = module.validate
    return check


def is_valid(data: Any, schema_name: str) -> bool:
    """Whether ``data`` is valid against the bundled schema ``schema_name``."""
    fast = fast_validator(schema_name)
    if fast is not None:
        try:
            fast(data)
        except Exception:  # noqa: S110 - any doubt goes to jsonschema below
            pass
        else:
            return True
    return bool(validator(schema_name).is_valid(data))


def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    """Every schema violation of ``doc``, located at the offending node."""
    if is_valid(doc.data, schema_name):
        return []
    v = validator(schema_name)
    problems: list[Problem] = []
    for error in v.iter_errors(doc.data):
        problems.extend(_problems(doc, error))
    unique = {(p.line, p.column, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column, p.message))


def _problems(doc: Document, error: ValidationError) -> Iterable[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    sub: Any = error.schema
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = set(sub.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                yield doc.problem((*path, key), "schema", _say(
                    f"未知的键 {key!r}（可用：{hint}）", f"unknown key {key!r} (allowed: {hint})"),
                    key=True)
        return
    if kind == "oneOf" and _is_text(sub) and isinstance(instance, dict):
        # A mapping is meant as {language: text}: report what is wrong inside it.
        inner = [e for e in error.context or () if list(e.relative_schema_path)[:1] == [1]]
        if inner:
            for e in inner:
                yield from _problems(doc, e)
            return
    if "propertyNames" in error.relative_schema_path and isinstance(instance, str):
        yield doc.problem((*path, instance), "schema", _key_message(error), key=True)
        return
    rule = "schema"
    message = _message(error)
    if kind == "required" and "then" in error.absolute_schema_path and isinstance(instance, dict):
        # The allOf/if/then rules of item types: a key the type needs is missing.
        rule = "type-fields"
        required: Any = error.validator_value
        missing = [k for k in required if k not in instance]
        needs = ", ".join(repr(k) for k in missing)
        message = _say(f"{instance.get('type')} 类型的检查项需要 {needs}",
                       f"a {instance.get('type')} item needs {needs}")
    yield doc.problem(path, rule, message)


def _is_text(sub: Any) -> bool:
    return isinstance(sub, dict) and str(sub.get("description", "")).startswith("A plain string")


def _key_message(error: ValidationError) -> str:
    key = error.instance
    pattern = str(error.validator_value) if error.validator == "pattern" else ""
    hint = _line_break_hint(key)
    if pattern.startswith("^[a-z]{2,3}"):
        return _say(f"{key!r} 不是语言代码（如 zh、en 或 zh-Hant）{hint}",
                    f"{key!r} is not a language code (like zh, en or zh-Hant){hint}")
    if pattern.startswith("^[a-z0-9]+(-"):
        return _say(f"名称 {key!r} 不是有效编号（小写字母、数字、'-'）{hint}",
                    f"name {key!r} is not a kebab-case id (lower-case letters, digits, '-'){hint}")
    if pattern.startswith("^-?[0-9]+"):
        return _say(f"标签键 {key!r} 不是整数{hint}",
                    f"label key {key!r} is not a whole number{hint}")
    return _say(f"键 {key!r}：{error.message}", f"key {key!r}: {error.message}")


def _line_break_hint(value: object) -> str:
    """Why an id that looks right is refused: Python's ``$`` alone would let it through."""
    if isinstance(value, str) and value.endswith("\n"):
        return _say("（末尾有换行：请删去）", " (it ends with a line break: remove it)")
    return ""


def _message(error: ValidationError) -> str:
    kind = error.validator
    inst = error.instance
    value: Any = error.validator_value
    sub: Any = error.schema
    where = _where(error)
    if kind == "required":
        missing = [k for k in value if isinstance(inst, dict) and k not in inst]
        keys = ", ".join(repr(k) for k in missing)
        return where + _say(f"缺少必填的键 {keys}",
                            f"missing required key{'s' if len(missing) > 1 else ''} {keys}")
    if kind == "type":
        want = value
        wants = [want] if isinstance(want, str) else list(want)
        zh = ui() == "zh"
        names = (" 或 " if zh else " or ").join(
            _TYPE_NAMES[w][0 if zh else 1] if w in _TYPE_NAMES else w for w in wants)
        hint = ""
        if "string" in wants and isinstance(inst, bool):
            hint = _say("（请加引号：YAML 把 yes、no、on、off 读作 true/false）",
                        " (put it in quotes: YAML reads yes, no, on, off as true/false)")
        elif "string" in wants and isinstance(inst, (int, float)):
            hint = _say("（请加引号，保留为文字）", " (put it in quotes to keep it as text)")
        return where + _say(f"应为{names}，实际是{_describe(inst)}{hint}",
                            f"expected {names}, got {_describe(inst)}{hint}")
    if kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        listed = ", ".join(str(c) for c in choices)
        return where + _say(f"{_short(inst)} 不是可选值之一：{listed}",
                            f"{_short(inst)} is not one of: {listed}")
    if kind == "pattern":
        hint = _line_break_hint(inst)
        shown = _short(inst)
        if value.startswith("^[a-z0-9]+(-"):
            return where + _say(f"{shown} 不是有效编号（小写字母、数字、'-'）{hint}",
                                f"{shown} is not a kebab-case id "
                                f"(lower-case letters, digits, '-'){hint}")
        if value.startswith("^[a-z]{2,3}"):
            return where + _say(f"{shown} 不是语言代码（如 zh、en 或 zh-Hant）{hint}",
                                f"{shown} is not a language code (like zh, en or zh-Hant){hint}")
        if value.startswith("^[A-Za-z0-9][A-Za-z0-9_-]"):
            return where + _say(
                f"{shown} 不是有效的选项键（字母或数字开头，其后最多 15 个字母、数字、"
                f"'_' 或 '-'）{hint}",
                f"{shown} is not an option key (a letter or digit, then up to "
                f"15 letters, digits, '_' or '-'){hint}")
        return where + _say(f"{shown} 不符合 {value}{hint}",
                            f"{shown} does not match {value}{hint}")
    if kind == "oneOf" and _is_text(sub):
        if isinstance(inst, str):
            return where + _say("文字不能为空", "a text must not be empty")
        return where + _say(
            f"文字应为非空字符串或 {{语言: 文字}} 映射，而不是{_describe(inst)}",
            f"a text must be a non-empty string or a {{language: text}} mapping, "
            f"not {_describe(inst)}")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[
            kind
        ]
        return where + _say(f"{_short(inst)} 应 {sign} {value}",
                            f"{_short(inst)} must be {sign} {value}")
    if kind == "minItems":
        return where + _say(f"至少需要 {value} 项",
                            f"needs at least {value} entr{'ies' if value != 1 else 'y'}")
    if kind in ("minLength", "minProperties"):
        return where + _say("不能为空", "must not be empty")
    if kind == "maxLength":
        return where + _say(f"超过 {value} 个字符", f"is longer than {value} characters")
    if kind == "uniqueItems":
        return where + _say("有重复的项", "has repeated entries")
    return where + error.message


def _where(error: ValidationError) -> str:
    path = list(error.absolute_path)
    return f"{path[-1]}: " if path and isinstance(path[-1], str) else ""


def _describe(value: Any) -> str:
    zh = ui() == "zh"
    for py, name in (
        (bool, "boolean"),
        (int, "integer"),
        (float, "number"),
        (str, "string"),
        (list, "list"),
        (dict, "mapping"),
    ):
        if isinstance(value, py):
            name = _KINDS_ZH[name] if zh else name
            return f"{name} {_short(value)}" if py in (bool, int, float, str) else name
    if value is None:
        return _say("空值", "empty value")
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
