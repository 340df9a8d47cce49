"""The one place that finds bundled checklists and schemas.

In an installed wheel they live in ``branchcheck/_data/``; in a source checkout
(editable install) they are the repository's top-level ``checklists/`` and
``schemas/`` folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from branchcheck.core.errors import NotFoundError
from branchcheck.core.ids import CHECKLIST_ID

SCHEMA_NAMES = ("checklist", "answers", "result", "org", "wave_plan", "shop_mapping")


@cache
def data_dir(kind: str) -> Path:
    """Folder holding the bundled ``checklists`` or ``schemas``."""
    here = Path(__file__).resolve().parent.parent  # the branchcheck package
    for candidate in (here / "_data" / kind, here.parent / kind):
        if candidate.is_dir():
            return candidate
    raise NotFoundError(f"bundled {kind} are missing from this installation")


def bundled_checklists() -> list[Path]:
    """Paths of the bundled checklist files, sorted by id."""
    return sorted(data_dir("checklists").glob("*.yaml"))


def bundled_checklist(checklist_id: str) -> Path | None:
    """Path of the bundled checklist ``checklist_id``, or None."""
    if not CHECKLIST_ID.match(checklist_id):
        return None
    path = data_dir("checklists") / f"{checklist_id}.yaml"
    return path if path.is_file() else None


def unknown_checklist(ref: str, lang: str) -> str:
    """The message for ``ref`` that is neither a file nor a bundled id, naming the
    nearest bundled ids."""
    from branchcheck.core.i18n import t
    from branchcheck.core.suggest import did_you_mean

    hint = did_you_mean(ref, (p.stem for p in bundled_checklists()), lang)
    return t(lang, f"没有名为 {ref!r} 的内置检查表或文件{hint}（见 branchcheck list）",
             f"no bundled checklist or file named {ref!r}{hint} (see 'branchcheck list')")


def schema_path(name: str) -> Path:
    """Path of a bundled JSON Schema (``checklist``, ``answers`` or ``result``)."""
    if name not in SCHEMA_NAMES:
        from branchcheck.core.i18n import t, ui

        raise NotFoundError(t(ui(), f"未知的 Schema {name!r}；可选：{'、'.join(SCHEMA_NAMES)}",
                              f"unknown schema {name!r}; choose one of "
                              f"{', '.join(SCHEMA_NAMES)}"))
    return data_dir("schemas") / f"{name}.schema.json"


@cache
def schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema as data."""
    import json

    with open(schema_path(name), encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
