"""Generate ``branchcheck/_fastschema/<name>.py`` from ``schemas/<name>.schema.json``.

The generated modules are plain Python produced ahead of time by fastjsonschema,
so branchcheck can answer "is this document valid?" in a few milliseconds
without fastjsonschema installed and without exec/eval at run time. Detailed,
located error messages still come from jsonschema (branchcheck/core/validation.py),
which is only imported when a document is invalid.

Run after changing a schema (a test regenerates the modules and fails when
the committed ones are stale)::

    python scripts/gen_fast_validators.py          # rewrite the modules
    python scripts/gen_fast_validators.py --check  # exit 1 when stale

Needs the fastjsonschema version pinned in pyproject.toml's ``test`` extra.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
TARGET = ROOT / "branchcheck" / "_fastschema"
NAMES = ("checklist", "answers", "result", "org", "wave_plan", "shop_mapping")

_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException"
_SHARED = "from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException"
# Every raise repeats the whole sub-schema as a dict literal; drop it (keeps the
# module small and readable: the schema file is the reference).
_DEFINITION = re.compile(r", definition=.*, rule=('[A-Za-z]+')\)$")
# Paths in messages ("data.items[3].text") are formatted eagerly for every nested
# call, with ``.format(**locals())``: more work than the check itself. branchcheck
# never shows these messages (jsonschema reports the errors), so leave the
# templates unformatted.
_EAGER_NAME = ".format(**locals())"


def generate(name: str) -> str:
    """Source of the module for schema ``name``."""
    import fastjsonschema

    sys.path.insert(0, str(ROOT))
    from branchcheck.core.validation import schema_digest  # the digest the run time compares

    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    digest = schema_digest(schema)
    code = fastjsonschema.compile_to_code(
        copy.deepcopy(schema), use_default=False, use_formats=False
    )
    lines = []
    entry = None
    for line in code.splitlines():
        if line.startswith("VERSION = "):
            continue
        if line == _IMPORT:
            lines.append(_SHARED)
            continue
        if entry is None and line.startswith("def validate"):
            entry = line[4 : line.index("(")]
        line = line.replace(_EAGER_NAME, "")
        lines.append(_DEFINITION.sub(r", definition=None, rule=\1)", line.rstrip()))
    if entry is None:
        raise SystemExit(f"{name}: no validation function in the generated code")
    header = [
        f'"""Validity check for schemas/{name}.schema.json (generated: do not edit).',
        "",
        f"Made by scripts/gen_fast_validators.py with fastjsonschema {fastjsonschema.VERSION}.",
        "branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled",
        'schema, and asks jsonschema for the detailed errors of an invalid document.',
        '"""',
        "# ruff: noqa",
        "# mypy: ignore-errors",
        "# fmt: off",
        "",
        f'SCHEMA_SHA256 = "{digest}"',
    ]
    footer = ["", "", f"validate = {entry}", ""]
    return "\n".join(header + lines + footer)

_INIT = '''"""Validity checks generated from the bundled JSON Schemas (validation.py).

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
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a module is stale")
    args = parser.parse_args(argv)
    stale = []
    TARGET.mkdir(exist_ok=True)
    init = TARGET / "__init__.py"
    init_text = _INIT
    if not init.exists() or init.read_text(encoding="utf-8") != init_text:
        stale.append(init)
        if not args.check:
            init.write_text(init_text, encoding="utf-8")
    for name in NAMES:
        path = TARGET / f"{name}.py"
        code = generate(name)
        if not path.exists() or path.read_text(encoding="utf-8") != code:
            stale.append(path)
            if not args.check:
                path.write_text(code, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
