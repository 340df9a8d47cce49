"""The checklists ``branchcheck list`` shows: a plain table or JSON."""

from __future__ import annotations

from collections.abc import Sequence

from branchcheck.checklists.catalog import Entry, as_json_ready
from branchcheck.render.text import clip, table

FORMATS = ("text", "json")
TITLE_CELLS = 56


def header(lang: str, with_file: bool = False) -> list[str]:
    """Column headings of the list table in ``lang`` (plus "File" for ``--dir`` listings)."""
    if lang == "zh":
        head = ["编号", "版本", "标题", "类别", "检查项", "分钟"]
    else:
        head = ["ID", "Version", "Title", "Sections", "Items", "Minutes"]
    if with_file:
        head.append("文件" if lang == "zh" else "File")
    return head


def text(entries: Sequence[Entry], lang: str) -> str:
    """The table: id, version, title (in ``lang``, clipped), sections, items, minutes.

    When some entries come from ``--dir``, a last column gives their file (what
    ``show``/``run`` take, since only bundled checklists are found by id).
    """
    with_file = any(e.source == "dir" for e in entries)
    rows = []
    for e in entries:
        row = [
            e.id,
            str(e.version),
            clip(" ".join(e.title_in(lang).split()), TITLE_CELLS),
            str(e.sections),
            str(e.items),
            "—" if e.estimated_minutes is None else f"{e.estimated_minutes:g}",
        ]
        if with_file:
            bundled = "（内置）" if lang == "zh" else "(bundled)"
            row.append(e.path if e.source == "dir" else bundled)
        rows.append(row)
    lines = table(header(lang, with_file), rows, right=(1, 3, 4, 5))
    return "".join(line + "\n" for line in lines)


def as_json(entries: Sequence[Entry]) -> str:
    """The entries as a JSON array (see :func:`branchcheck.checklists.catalog.as_json_ready`)."""
    import json

    return json.dumps([as_json_ready(e) for e in entries], ensure_ascii=False, indent=2) + "\n"
