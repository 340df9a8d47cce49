"""A fast reader for the plain block YAML that branchcheck itself writes.

Stored results are written by :func:`branchcheck.results.storage.dump_yaml`: block
mappings and sequences, one scalar per line, plain or single-quoted scalars,
``[]`` and ``{}`` for empty collections. Reading such a file through libyaml's
event stream costs a few milliseconds; reading the same lines here costs a
fraction of that, which is what lets ``verify`` and ``network ingest`` go
through thousands of files a second.

:func:`parse` is a *shortcut*, never a second opinion: it accepts only a
narrow subset (no tabs, comments, blank lines, anchors, tags, flow
collections, double-quoted or multi-line scalars, document markers, or
characters YAML does not allow) and gives up (returns ``None``) on anything
else, so the caller falls back to :func:`branchcheck.core.strictyaml.parse` for
the file. Plain scalars are resolved by the strict parser's own rule
(:func:`branchcheck.core.strictyaml.plain_value`); a number beyond the range
branchcheck accepts (:mod:`branchcheck.core.numbers`) is left to the strict reader
too, which locates it. On every input it accepts it returns exactly the data
the strict parser would (a differential test holds it to that). It records
no positions: a caller that finds the data invalid re-reads the file strictly
to locate the problem.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

from branchcheck.core.numbers import too_large
from branchcheck.core.strictyaml import MAX_DEPTH, plain_value

# One line: indent, "- ", then "key:", "key: scalar" or a scalar; no trailing space.
_LINE = re.compile(
    r"^( *)(- )?(?:([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*|'(?:[^'\n]|'')*'):(?: (.+))?|(.+))(?<! )$",
    re.M)
# Characters outside YAML's printable set, plus tab, CR, NEL, LS, PS and BOM
# (YAML reads some of these as line breaks): any of them sends the file to
# the strict parser.
_AWKWARD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                      "\U00010000-\U0010ffff]")
_PLAIN_START_BAD = frozenset("&*!|>%@`{}[],#'\"")
# Plain scalar text -> value, shared by every file read (results repeat their
# words: pass, fail, true, 1.0, zh, en...); bounded.
_PLAIN: dict[str, Any] = {}
_PLAIN_MAX = 50_000
# Line -> its row (see :func:`_row`), shared likewise: results of one checklist
# repeat most of their lines (keys, statuses, the checklist's texts); bounded.
_Row: TypeAlias = tuple[int, bool, str | None, str | None]
_ROWS: dict[str, _Row | None] = {}
_ROWS_MAX = 50_000


class _Decline(Exception):
    """The text is outside the fast subset."""


def parse(text: str) -> Any:
    """The data of ``text`` when it is in the fast subset, else ``None``.

    ``None`` means "read it strictly", never "invalid": a document whose top
    level is null is not in the subset.
    """
    if not text.endswith("\n") or _AWKWARD.search(text) is not None:
        return None
    lines = text.split("\n")
    lines.pop()  # after the last line break
    rows: list[_Row] = []
    add = rows.append
    known = _ROWS
    for line in lines:
        try:
            row = known[line]
        except KeyError:
            row = _row(line)
            if len(known) >= _ROWS_MAX:
                known.clear()
            known[line] = row
        if row is None:
            return None  # a line outside the subset
        add(row)
    if rows[0][0] != 0 or rows[0][1]:
        return None  # the top level must be a mapping
    reader = _Reader(rows)
    try:
        data, end = reader.mapping(0, 0, 1)
    except (_Decline, RecursionError):
        return None
    return data if end == len(rows) else None


def _row(line: str) -> _Row | None:
    """``(indent, dash, key, value)`` of one line; None outside the subset (a bare
    scalar outside a sequence included)."""
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    indent, dash, key, value, bare = m.groups()
    if key is not None:
        if key[0] == "'":
            key = key[1:-1].replace("''", "'")
        return (len(indent), dash is not None, key, value or None)
    if dash is not None:
        return (len(indent), True, None, bare)
    return None


class _Reader:
    """Recursive descent over pre-split rows ``(indent, dash, key, value)``."""

    def __init__(self, rows: list[_Row]) -> None:
        self.rows = rows

    @staticmethod
    def scalar(text: str) -> Any:
        """The value of one scalar written on one line."""
        try:
            return _PLAIN[text]
        except KeyError:
            pass
        first = text[0]
        if first == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise _Decline
            return inner.replace("''", "'")
        if text == "[]":
            return []
        if text == "{}":
            return {}
        if (first in _PLAIN_START_BAD or ": " in text or " #" in text or text.endswith(":")
                or text.startswith(" ")
                or (first in "-?:" and (len(text) == 1 or text[1] == " "))):
            raise _Decline
        try:
            value = plain_value(text)
        except ValueError:
            raise _Decline from None
        if too_large(value):
            raise _Decline  # the strict reader locates it
        if len(_PLAIN) >= _PLAIN_MAX:
            _PLAIN.clear()
        _PLAIN[text] = value
        return value

    def nested(self, i: int, indent: int, depth: int) -> tuple[Any, int]:
        """The block value that follows ``key:`` on row ``i - 1`` (key at ``indent``)."""
        if depth > MAX_DEPTH or i >= len(self.rows):
            raise _Decline
        below, dash = self.rows[i][0], self.rows[i][1]
        if dash and below in (indent, indent + 2):
            return self.sequence(i, below, depth)
        if not dash and below > indent:
            return self.mapping(i, below, depth)
        raise _Decline  # ``key:`` with nothing under it (null) is not in the subset

    def mapping(self, i: int, indent: int, depth: int, first: dict[str, Any] | None = None
                ) -> tuple[dict[str, Any], int]:
        """A block mapping whose keys sit at ``indent``, from row ``i``."""
        if depth > MAX_DEPTH:
            raise _Decline
        rows = self.rows
        out: dict[str, Any] = {} if first is None else first
        n = len(rows)
        while i < n:
            at, dash, key, value = rows[i]
            if at < indent or (dash and at == indent):
                break
            if at != indent or dash or key is None or key in out:
                raise _Decline
            if value is None:
                out[key], i = self.nested(i + 1, indent, depth + 1)
            else:
                out[key] = self.scalar(value)
                i += 1
        return out, i

    def sequence(self, i: int, indent: int, depth: int) -> tuple[list[Any], int]:
        """A block sequence whose dashes sit at ``indent``, from row ``i``."""
        if depth > MAX_DEPTH:
            raise _Decline
        rows = self.rows
        out: list[Any] = []
        n = len(rows)
        while i < n:
            at, dash, key, value = rows[i]
            if at < indent or (at == indent and not dash):
                break
            if at != indent or not dash:
                raise _Decline
            if key is None:
                if value is None:
                    raise _Decline
                out.append(self.scalar(value))
                i += 1
                continue
            # ``- key: ...`` opens a mapping whose keys sit two columns in.
            head: dict[str, Any] = {}
            if value is None:
                head[key], i = self.nested(i + 1, indent + 2, depth + 2)
            else:
                head[key] = self.scalar(value)
                i += 1
            item, i = self.mapping(i, indent + 2, depth + 1, head)
            out.append(item)
        return out, i
