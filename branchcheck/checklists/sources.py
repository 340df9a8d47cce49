"""Source quotes of a checklist checked against the seed files they name.

An item's ``source`` reads ``FILE: QUOTE``. ``validate --sources DIR`` checks
that FILE is a plain file name found in DIR and that QUOTE occurs in it, as
written (traditional characters stay traditional), ignoring whitespace, since
the seeds break lines mid-sentence. A quote must be long enough to trace
(:data:`MIN_QUOTE` characters). Whether a quote is a whole phrase rather than
a piece of a table cell the seed repeats line by line ("提供安全稳健系提供安全稳健系
统的公司统的公司") cannot be told from the text alone; the bundled quotes were
chosen by hand (docs/checklist-format.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from branchcheck.core.errors import BranchcheckError, Problem
from branchcheck.core.strictyaml import Document

MIN_QUOTE = 6
"""Fewest characters (whitespace not counted) a quote needs to trace a standard."""
MAX_SEED_BYTES = 20 * 1024 * 1024
_SOURCE = re.compile(r"(?P<file>[A-Za-z0-9][A-Za-z0-9._-]{0,127}):[ \t]*(?P<quote>.*)", re.S)
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """``text`` without any whitespace (quotes are matched whitespace-insensitively)."""
    return _SPACE.sub("", text)


@dataclass
class Seeds:
    """The seed files of a folder, read once each, on demand."""

    root: Path
    _texts: dict[str, str | BaseException] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """The whitespace-free text of seed ``name``; raises :class:`BranchcheckError`."""
        if name not in self._texts:
            self._texts[name] = self._read(name)
        found = self._texts[name]
        if isinstance(found, BaseException):
            raise found
        return found

    def _read(self, name: str) -> str | BaseException:
        from branchcheck.core.fsafe import read_regular

        try:
            raw = read_regular(self.root / name, max_bytes=MAX_SEED_BYTES, root=self.root)
        except BranchcheckError as exc:
            return exc
        try:
            return squeeze(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            return BranchcheckError(f"{name}: not UTF-8 text (byte {exc.start})")


def quote_problem(seed: str, quote: str) -> tuple[str, str] | None:
    """``(rule, message)`` when ``quote`` (whitespace removed) does not trace to ``seed``."""
    if len(quote) < MIN_QUOTE:
        return ("source-short", f"quote {quote!r} has {len(quote)} characters; at least "
                f"{MIN_QUOTE} are needed to trace the standard")
    if quote not in seed:
        return ("source-not-found", f"quote {quote!r} is not in the source file")
    return None


def source_problems(doc: Document, seeds: Seeds) -> list[Problem]:
    """Problems of every item ``source`` of the schema-valid checklist ``doc``."""
    data: dict[str, Any] = doc.data
    found: list[Problem] = []
    for si, section in enumerate(data.get("sections") or ()):
        for ii, item in enumerate(section.get("items") or ()):
            source = item.get("source")
            if not isinstance(source, str):
                continue
            path = ("sections", si, "items", ii, "source")
            match = _SOURCE.fullmatch(source.strip())
            if match is None:
                found.append(doc.problem(path, "source-format",
                                         "source must read 'FILE: quote' with a plain file name"))
                continue
            name, quote = match["file"], squeeze(match["quote"])
            try:
                seed = seeds.text(name)
            except BranchcheckError as exc:
                found.append(doc.problem(path, "source-file",
                                         f"source file {name!r} cannot be used: {exc}"))
                continue
            bad = quote_problem(seed, quote)
            if bad is not None:
                found.append(doc.problem(path, bad[0], f"{name}: {bad[1]}"))
    return found
