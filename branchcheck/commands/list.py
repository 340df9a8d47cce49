"""``branchcheck list``: the bundled checklists and those found in folders."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from typing import Annotated

import typer

from branchcheck.errors import EXIT_OK, UsageError
from branchcheck.i18n import t

FORMATS = ("text", "json")
TITLE_CELLS = 56


def list_checklists(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: text or json.")] = "text",
    dirs: Annotated[
        list[str] | None,
        typer.Option(
            "--dir",
            "-d",
            help="Also list checklists under this folder (*.yaml, *.yml; recursive). Repeatable.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="UI language: zh or en (default: $BRANCHCHECK_LANG, locale)."),
    ] = None,
) -> int:
    """List bundled checklists and those under --dir.

    Shows id, version, title (in the UI language), sections, items and
    estimated minutes.

    Files under --dir that are not valid checklists are skipped with a warning
    on stderr. Exit 0, or 2 for usage errors (unknown format, missing folder).
    """
    from branchcheck.catalog import as_json_ready, build_catalog
    from branchcheck.i18n import resolve_lang

    ui = resolve_lang(lang)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    catalog = build_catalog(dirs or ())
    for p in catalog.skipped:
        sys.stderr.write(
            f"{p.location()}: warning: "
            + t(ui, "已跳过无效清单：", "skipped invalid checklist: ")
            + f"{p.message} [{p.rule}]\n"
        )
    out = sys.stdout
    if fmt == "json":
        doc = [as_json_ready(e) for e in catalog.entries]
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif not catalog.entries:
        sys.stderr.write(t(ui, "未找到清单。\n", "No checklists found.\n"))
    else:
        rows = [
            [
                e.id,
                str(e.version),
                clip(" ".join(e.title_in(ui).split()), TITLE_CELLS),
                str(e.sections),
                str(e.items),
                "—" if e.estimated_minutes is None else f"{e.estimated_minutes:g}",
            ]
            for e in catalog.entries
        ]
        for line in table(header(ui), rows, right=(1, 3, 4, 5)):
            out.write(line + "\n")
    out.flush()
    return EXIT_OK


def header(lang: str) -> list[str]:
    """Column headings of the list table in ``lang``."""
    if lang == "zh":
        return ["编号", "版本", "标题", "部分", "项目", "分钟"]
    return ["ID", "Version", "Title", "Sections", "Items", "Minutes"]


def clip(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` display cells, ending in ``…`` when cut."""
    from branchcheck.output import width

    if width(text) <= cells:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def table(head: list[str], rows: Sequence[list[str]], right: Sequence[int] = ()) -> Iterator[str]:
    """Lines of a plain table aligned by terminal display width (CJK counts 2 cells)."""
    from branchcheck.output import pad, width

    widths = [max(width(r[c]) for r in [head, *rows]) for c in range(len(head))]

    def line(cells: list[str]) -> str:
        parts = [pad(v, widths[c], right=c in right) for c, v in enumerate(cells)]
        return "  ".join(parts).rstrip()

    yield line(head)
    yield line(["-" * w for w in widths])
    for row in rows:
        yield line(row)
