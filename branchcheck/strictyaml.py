"""Strict, located YAML loading for untrusted files.

PyYAML's event stream (libyaml's C parser when available) is turned into plain
Python data by a small iterative builder that:

* accepts only the core tags (str, int, float, bool, null, map, seq); any
  ``!!python/...`` or other tag is an error;
* rejects duplicate mapping keys (PyYAML silently keeps the last one);
* caps nesting depth (the C composer crashes on very deep input) and the
  number of nodes that aliases expand to (a "billion laughs" file fails fast);
* keeps every mapping key as its source text, and timestamps as strings;
* records the line and column of every node by path, so later stages can
  point at the offending place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from branchcheck.errors import InputError, Problem

MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

Path = tuple[str | int, ...]

_Loader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_COLLECTION_TAGS = {None, "!", f"{_CORE}map", f"{_CORE}seq"}


@dataclass
class Document:
    """Parsed data plus the 1-based (line, column) of each node, by path."""

    data: Any
    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the node at ``path``, or of its nearest located ancestor."""
        table = self.key_positions if key else self.positions
        if key and path in table:
            return table[path]
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(
        self, path: Path, rule: str, message: str, *, severity: str = "error", key: bool = False
    ) -> Problem:
        """A :class:`Problem` located at ``path``."""
        line, col = self.locate(path, key=key)
        return Problem(self.file, line, col, rule, message, severity, pointer(path))


def pointer(path: Path) -> str:
    """JSON-pointer-like text of a path: ``/sections/0/items/2/id``."""
    return "".join(f"/{p}" for p in path) or "/"


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped); invalid bytes give a located error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError.at(
            Problem(
                file,
                line,
                col,
                "encoding",
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8",
            )
        ) from None


def read_bytes(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> bytes:
    """Read a file's bytes, refusing files over ``max_bytes`` before reading them."""
    name = display or path
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError.at(
                    Problem(
                        name,
                        0,
                        0,
                        "too-large",
                        f"file is {size} bytes, over the limit of {max_bytes} bytes "
                        "(see --max-bytes)",
                    )
                )
            raw = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError.at(Problem(name, 0, 0, "unreadable", "is a directory")) from None
    except FileNotFoundError:
        raise InputError.at(Problem(name, 0, 0, "unreadable", "no such file")) from None
    except OSError as exc:
        raise InputError.at(Problem(name, 0, 0, "unreadable", exc.strerror or str(exc))) from None
    if len(raw) > max_bytes:
        raise InputError.at(
            Problem(name, 0, 0, "too-large", f"file is over the limit of {max_bytes} bytes")
        )
    return raw


def read_text(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing files over ``max_bytes``."""
    name = display or path
    return decode(read_bytes(path, max_bytes=max_bytes, display=name), name)


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a stream of YAML events into data, enforcing the rules above."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.doc = Document(None, file)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0

    def fail(self, event: Any, rule: str, message: str) -> InputError:
        line, col = _pos(event)
        return InputError.at(Problem(self.file, line, col, rule, message))

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!") and not (tag is None and event.implicit[0]):
            return event.value  # quoted or "!" scalars are strings
        if tag is None:
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
        if tag not in _SCALAR_TAGS:
            raise self.fail(
                event, "yaml-tag", f"tag {_short(tag)} is not allowed (plain data only)"
            )
        if tag.endswith((":str", ":timestamp")):
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            if tag.endswith(":int"):
                return _CONSTRUCTOR.construct_yaml_int(node)
            if tag.endswith(":float"):
                return _CONSTRUCTOR.construct_yaml_float(node)
            if tag.endswith(":bool"):
                return _CONSTRUCTOR.construct_yaml_bool(node)
            return None
        except (ValueError, yaml.YAMLError):
            raise self.fail(event, "yaml-syntax", f"{event.value!r} is not a valid {tag}") from None

    def build(self, events: Iterator[Any]) -> Document:
        # Stack frames: [container, path, pending_key, key_event, size_counter, anchor]
        stack: list[list[Any]] = []
        result: Any = None
        seen_document = False
        for event in events:
            if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, ev.DocumentStartEvent):
                if seen_document:
                    raise self.fail(
                        event, "yaml-multi-document", "only one YAML document is allowed"
                    )
                seen_document = True
                continue
            if isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                frame = stack.pop()
                value, size, anchor = frame[0], frame[4], frame[5]
                if anchor is not None:
                    self.anchors[anchor] = (value, size)
                if stack:
                    stack[-1][4] += size
                self._attach(stack, value, event, container_done=True)
                if not stack:
                    result = value
                continue
            # A node starts: scalar, alias, mapping or sequence.
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
                # This node is a mapping key.
                if not isinstance(event, ev.ScalarEvent):
                    raise self.fail(event, "yaml-key", "mapping keys must be plain scalars")
                key = event.value
                if key in parent[0]:
                    line, col = parent[6][key]
                    raise self.fail(
                        event,
                        "duplicate-key",
                        f"duplicate key {key!r} (first defined at line {line}, column {col})",
                    )
                parent[2] = key
                parent[3] = event
                pos = _pos(event)
                parent[6][key] = pos
                self.doc.key_positions[(*parent[1], key)] = pos
                continue
            path: Path = self._child_path(parent)
            if len(path) > MAX_DEPTH:
                raise self.fail(event, "yaml-depth", f"nesting deeper than {MAX_DEPTH} levels")
            self.doc.positions[path] = _pos(event)
            if isinstance(event, ev.AliasEvent):
                if event.anchor not in self.anchors:
                    raise self.fail(event, "yaml-syntax", f"unknown alias *{event.anchor}")
                value, size = self.anchors[event.anchor]
                self.alias_nodes += size
                if self.alias_nodes > MAX_ALIAS_NODES:
                    raise self.fail(
                        event,
                        "yaml-alias-bomb",
                        f"aliases expand to more than {MAX_ALIAS_NODES} nodes",
                    )
                if parent is not None:
                    parent[4] += size
                self._attach(stack, value, event)
                if not stack:
                    result = value
            elif isinstance(event, ev.ScalarEvent):
                value = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if parent is not None:
                    parent[4] += 1
                self._attach(stack, value, event)
                if not stack:
                    result = value
            else:
                if event.tag not in _ALLOWED_COLLECTION_TAGS:
                    raise self.fail(
                        event,
                        "yaml-tag",
                        f"tag {_short(event.tag)} is not allowed (plain data only)",
                    )
                container: Any = {} if isinstance(event, ev.MappingStartEvent) else []
                stack.append([container, path, None, None, 1, event.anchor, {}])
        self.doc.data = result
        return self.doc

    @staticmethod
    def _child_path(parent: list[Any] | None) -> Path:
        if parent is None:
            return ()
        if isinstance(parent[0], dict):
            return (*parent[1], parent[2])
        return (*parent[1], len(parent[0]))

    @staticmethod
    def _attach(
        stack: list[list[Any]], value: Any, event: Any, container_done: bool = False
    ) -> None:
        if not stack:
            return
        parent = stack[-1]
        if isinstance(parent[0], dict):
            parent[0][parent[2]] = value
            parent[2] = None
        else:
            parent[0].append(value)


def parse(text: str, file: str) -> Document:
    """Parse YAML ``text`` strictly; errors name ``file``, line and column."""
    builder = _Builder(file)
    try:
        doc = builder.build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError.at(
            Problem(file, line, col, "yaml-syntax", f"YAML syntax: {what}")
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(Problem(file, 0, 0, "yaml-syntax", f"YAML: {exc}")) from None
    return doc


def load_mapping(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> Document:
    """Read and parse a YAML (or JSON) file whose top level must be a mapping."""
    name = display or path
    text = read_text(path, max_bytes=max_bytes, display=name)
    return parse_mapping(text, name)


def parse_mapping(text: str, file: str) -> Document:
    """Parse ``text`` and require a mapping at the top level."""
    doc = parse(text, file)
    if doc.data is None:
        raise InputError.at(Problem(file, 1, 1, "empty", "file is empty"))
    if not isinstance(doc.data, dict):
        raise InputError.at(
            Problem(
                file, 1, 1, "top-level", f"top level must be a mapping, not a {_kind(doc.data)}"
            )
        )
    return doc


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
