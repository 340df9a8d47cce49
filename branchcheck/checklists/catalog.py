"""Summaries of the bundled checklists and of checklists found in folders (``list``)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from branchcheck.core import resources
from branchcheck.core.errors import Problem, UsageError
from branchcheck.core.i18n import localise, t, ui

if TYPE_CHECKING:
    from branchcheck.core.model import Checklist, Text

Source = Literal["bundled", "dir"]
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry:
    """One listed checklist: what ``branchcheck list`` shows about it."""

    id: str
    version: int
    title: Text
    languages: tuple[str, ...]
    sections: int
    items: int
    estimated_minutes: float | None
    path: str
    source: Source

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (with the usual fallback)."""
        return localise(self.title, lang)

    def title_map(self) -> dict[str, str]:
        """The title in every declared language (missing ones filled by fallback)."""
        langs = self.languages or ("zh", "en")
        return {lang: localise(self.title, lang) for lang in langs}


@dataclass(frozen=True)
class Catalog:
    """Listed checklists (bundled first, then by folder) and files skipped as invalid."""

    entries: tuple[Entry, ...]
    skipped: tuple[Problem, ...]


def summarise(checklist: Checklist, source: Source) -> Entry:
    """The list entry of a loaded checklist."""
    return Entry(
        id=checklist.id,
        version=checklist.version,
        title=checklist.title,
        languages=checklist.languages,
        sections=len(checklist.sections),
        items=checklist.item_count,
        estimated_minutes=checklist.estimated_minutes,
        path=checklist.path,
        source=source,
    )


def find_files(folder: str) -> list[str]:
    """``*.yaml``/``*.yml`` files under ``folder`` (recursive, sorted); usage error if absent."""
    if not os.path.isdir(folder):
        raise UsageError(t(ui(), f"--dir {folder}：没有这个文件夹",
                           f"--dir {folder}: no such directory"))
    found = (
        str(p)
        for p in Path(folder).rglob("*")
        if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )
    return sorted(found)


def build_catalog(dirs: Sequence[str] = (), *, bundled: bool = True,
                  use_index: bool = True) -> Catalog:
    """Load the bundled checklists and those under ``dirs``.

    A file that does not load is skipped; its first error is kept in
    ``skipped`` (to be shown as a warning), so one bad file never hides the rest.
    A bundled checklist whose bytes hash to its entry in
    :mod:`branchcheck.checklists.bundled_index` is listed from there, unparsed
    (``use_index=False``: load every one).
    """
    entries: list[Entry] = []
    skipped: list[Problem] = []
    jobs: list[tuple[str, str, Source]] = []
    if bundled:
        for p in resources.bundled_checklists():
            known = _indexed(p) if use_index else None
            if known is not None:
                entries.append(known)
            else:
                jobs.append((str(p), p.name, "bundled"))
    for folder in dirs:
        jobs.extend((f, f, "dir") for f in find_files(folder))
    if jobs:
        from branchcheck.checklists.loading import check_file
    for path, display, source in jobs:
        report = check_file(path, display=display)
        if report.checklist is None:
            errors = report.errors or report.problems
            first = errors[0] if errors else Problem(display, 0, 0, "invalid", "invalid checklist")
            more = len(errors) - 1
            skipped.append(
                Problem(
                    first.file,
                    first.line,
                    first.column,
                    first.rule,
                    first.message
                    + (f" (and {more} more; see 'branchcheck validate {display}')" if more else ""),
                    "warning",
                    first.path,
                )
            )
            continue
        entries.append(summarise(report.checklist, source))
    return Catalog(tuple(entries), tuple(skipped))


def _indexed(path: Path) -> Entry | None:
    """The entry of bundled checklist ``path`` from the generated index, if the file's
    bytes are the ones it was made from."""
    import hashlib

    from branchcheck.checklists.bundled_index import INDEX

    known = INDEX.get(path.name)
    try:
        if known is None or hashlib.sha256(path.read_bytes()).hexdigest() != known[0]:
            return None
    except OSError:
        return None
    _, cid, version, title, languages, sections, items, minutes = known
    return Entry(id=cid, version=version, title=title, languages=languages, sections=sections,
                 items=items, estimated_minutes=minutes, path=str(path), source="bundled")


def as_json_ready(entry: Entry) -> dict[str, object]:
    """A JSON-ready mapping of an entry (stable key order).

    ``source`` is ``"bundled"`` for a bundled checklist, else the file path.
    """
    return {
        "id": entry.id,
        "version": entry.version,
        "title": entry.title_map(),
        "sections": entry.sections,
        "items": entry.items,
        "estimated_minutes": entry.estimated_minutes,
        "source": "bundled" if entry.source == "bundled" else entry.path,
        "path": entry.path,
    }
