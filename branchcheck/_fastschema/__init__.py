"""Validity checks generated from the bundled JSON Schemas (validation.py).

The exception classes below are shared by the generated modules (generated: do not edit).
"""

from __future__ import annotations

from typing import Any


class JsonSchemaValueException(ValueError):
    """A document does not match the schema (fast_fail: the first problem only)."""

    def __init__(
        self, message: str, value: Any = None, name: str | None = None,
        definition: Any = None, rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.rule = rule


class JsonSchemaValuesException(ValueError):
    """Several problems (unused: the modules are generated with fast_fail)."""

    def __init__(self, errors: list[JsonSchemaValueException]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
