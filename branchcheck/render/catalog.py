"""The checklists ``branchcheck list`` shows: a plain table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from branchcheck.catalog import Entry, as_json_ready
from branchcheck.render.text import clip, table

FORMATS = ("text", "json")
TITLE_CELLS = 56


def header(lang: str) -> list[str]:
    """Column headings of the list table in ``lang``."""
    if lang == "zh":
        return ["编号", "版本", "标题", "部分", "项目", "分钟"]
    return ["ID", "Version", "Title", "Sections", "Items", "Minutes"]


def text(entries: Sequence[Entry], lang: str) -> str:
    """The table: id, version, title (in ``lang``, clipped), sections, items, minutes."""
    rows = [
        [
            e.id,
            str(e.version),
            clip(" ".join(e.title_in(lang).split()), TITLE_CELLS),
            str(e.sections),
            str(e.items),
            "—" if e.estimated_minutes is None else f"{e.estimated_minutes:g}",
        ]
        for e in entries
    ]
    return "".join(line + "\n" for line in table(header(lang), rows, right=(1, 3, 4, 5)))


def as_json(entries: Sequence[Entry]) -> str:
    """The entries as a JSON array (see :func:`branchcheck.catalog.as_json_ready`)."""
    return json.dumps([as_json_ready(e) for e in entries], ensure_ascii=False, indent=2) + "\n"
