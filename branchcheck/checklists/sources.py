"""Source quotes of a checklist checked against the seed files they name.

An item's ``source`` reads ``FILE: QUOTE``. ``validate --sources DIR`` checks
that FILE is a plain file name found in DIR and that QUOTE occurs in it, as
written (traditional characters stay traditional), ignoring whitespace, since
the seeds break lines mid-sentence. A quote is a phrase of the seed: it may
not straddle a list number, a full stop between labels, or (in a seed that
prints each line twice) a line's repeat or an unmarked line break
(:mod:`branchcheck.checklists.seedlines`); ``|`` in a quote marks a line break
inside one label. A quote must be long enough to trace (:data:`MIN_QUOTE`
characters) unless it is a whole label (``回形针策略``). Rules:
docs/editors.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from branchcheck.checklists.seedlines import SeedText, is_label, parse, straddle
from branchcheck.core.errors import BranchcheckError, Problem
from branchcheck.core.i18n import t, ui
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
    _texts: dict[str, SeedText | BaseException] = field(default_factory=dict)

    def text(self, name: str) -> SeedText:
        """The whitespace-free text of seed ``name`` and its structure; raises
        :class:`BranchcheckError`."""
        if name not in self._texts:
            self._texts[name] = self._read(name)
        found = self._texts[name]
        if isinstance(found, BaseException):
            raise found
        return found

    def _read(self, name: str) -> SeedText | BaseException:
        from branchcheck.core.fsafe import read_regular

        try:
            raw = read_regular(self.root / name, max_bytes=MAX_SEED_BYTES, root=self.root)
        except BranchcheckError as exc:
            return exc
        try:
            return parse(squeeze(raw.decode("utf-8-sig")))
        except UnicodeDecodeError as exc:
            return BranchcheckError(t(ui(), f"{name}：不是 UTF-8 文本（偏移 {exc.start}）",
                                      f"{name}: not UTF-8 text (byte {exc.start})"))


def _occurrences(text: str, quote: str) -> Iterator[int]:
    at = text.find(quote)
    while at >= 0:
        yield at
        at = text.find(quote, at + 1)


def quote_problem(seed: SeedText, quote: str) -> tuple[str, str] | None:
    """``(rule, message)`` when ``quote`` (whitespace removed, ``|`` marking a line
    break inside one label) is not a phrase of ``seed``; None when one of its
    occurrences is."""
    lang = ui()
    pieces = quote.split("|")
    if len(pieces) > 1 and not all(pieces):
        return ("source-join", t(lang, f"引文 {quote!r}：'|' 必须位于引文的两段之间",
                                 f"quote {quote!r}: a '|' must stand between two pieces of "
                                 "the quote"))
    joined = "".join(pieces)
    marks = frozenset(sum(len(p) for p in pieces[:k]) for k in range(1, len(pieces)))
    short = ("source-short", t(
        lang, f"引文 {joined!r} 只有 {len(joined)} 个字符；至少要 {MIN_QUOTE} 个才能追溯到标准，"
              "除非它是出处文件中一个完整的列表标签或表格单元格",
        f"quote {joined!r} has {len(joined)} characters; at least "
        f"{MIN_QUOTE} are needed to trace the standard, unless it is a whole list "
        "label or table cell of the seed"))
    first: tuple[str, str] | None = None
    for at in _occurrences(seed.text, joined):
        bad = straddle(seed, at, joined, marks)
        if bad is not None:
            first = first or (bad[0], t(lang, f"引文 {joined!r} {bad[1]}",
                                        f"quote {joined!r} {bad[1]}"))
        elif len(joined) >= MIN_QUOTE or (len(joined) > 1 and is_label(seed, at, len(joined))):
            return None
        else:  # a phrase, but too short to trace and not a whole label
            first = short
    if first is not None:
        return first
    if len(joined) < MIN_QUOTE:
        return short
    return ("source-not-found", t(lang, f"引文 {joined!r} 不在出处文件中",
                                  f"quote {joined!r} is not in the source file"))


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
                found.append(doc.problem(path, "source-format", t(
                    ui(), "出处应写成 'FILE: 引文'，FILE 为单纯的文件名",
                    "source must read 'FILE: quote' with a plain file name")))
                continue
            name, quote = match["file"], squeeze(match["quote"])
            try:
                seed = seeds.text(name)
            except BranchcheckError as exc:
                found.append(doc.problem(path, "source-file", t(
                    ui(), f"出处文件 {name!r} 无法使用：{exc}",
                    f"source file {name!r} cannot be used: {exc}")))
                continue
            bad = quote_problem(seed, quote)
            if bad is not None:
                found.append(doc.problem(path, bad[0], t(ui(), f"{name}：{bad[1]}",
                                                         f"{name}: {bad[1]}")))
    return found
