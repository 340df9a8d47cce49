"""JSON Schema validation with located, plain-language errors."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from branchcheck import resources
from branchcheck.errors import Problem
from branchcheck.strictyaml import Document

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def validator(name: str) -> Validator:
    """A validator for the bundled schema ``name``, built once per process."""
    from jsonschema import Draft7Validator

    schema = resources.schema(name)
    return Draft7Validator(schema)


def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    """Every schema violation of ``doc``, located at the offending node."""
    v = validator(schema_name)
    if v.is_valid(doc.data):
        return []
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
                yield doc.problem(
                    (*path, key), "schema", f"unknown key {key!r} (allowed: {hint})", key=True
                )
        return
    yield doc.problem(path, "schema", _message(error), key=kind == "propertyNames")


def _message(error: ValidationError) -> str:
    kind = error.validator
    inst = error.instance
    value: Any = error.validator_value
    sub: Any = error.schema
    where = _where(error)
    if kind == "required":
        missing = [k for k in value if isinstance(inst, dict) and k not in inst]
        return f"{where}missing required key {', '.join(repr(k) for k in missing)}"
    if kind == "type":
        want = value
        wants = [want] if isinstance(want, str) else list(want)
        names = " or ".join(_TYPE_NAMES.get(w, w) for w in wants)
        return f"{where}expected {names}, got {_describe(inst)}"
    if kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        return f"{where}{_short(inst)} is not one of: {', '.join(str(c) for c in choices)}"
    if kind == "pattern":
        if value.startswith("^[a-z0-9]+(-"):
            return f"{where}{_short(inst)} is not a kebab-case id (lower-case letters, digits, '-')"
        return f"{where}{_short(inst)} does not match {value}"
    if kind == "oneOf" and sub.get("description", "").startswith("A plain string"):
        return f"{where}a text must be a non-empty string or a {{language: text}} mapping"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[
            kind
        ]
        return f"{where}{_short(inst)} must be {sign} {value}"
    if kind == "minItems":
        return f"{where}needs at least {value} entries"
    if kind == "minLength":
        return f"{where}must not be empty"
    return where + error.message


def _where(error: ValidationError) -> str:
    path = [p for p in error.absolute_path if isinstance(p, str)]
    return f"{path[-1]}: " if path else ""


def _describe(value: Any) -> str:
    for py, name in (
        (bool, "boolean"),
        (int, "integer"),
        (float, "number"),
        (str, "string"),
        (list, "list"),
        (dict, "mapping"),
    ):
        if isinstance(value, py):
            return f"{name} {_short(value)}" if py in (bool, int, float, str) else name
    return "empty value" if value is None else type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
