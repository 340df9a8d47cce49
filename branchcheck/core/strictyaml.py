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

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui
from branchcheck.core.textfile import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from branchcheck.core.textfile import decode as decode
from branchcheck.core.textfile import read_bytes as read_bytes
from branchcheck.core.textfile import read_capped as read_capped
from branchcheck.core.textfile import read_text as read_text

MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000

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


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


_PLAIN_AS_STRING = {f"{_CORE}merge", f"{_CORE}value"}  # ``<<`` and ``=`` as values


def plain_value(text: str) -> Any:
    """The value of the plain (unquoted, untagged) scalar ``text``: the rule every
    reader of branchcheck's YAML shares. Raises :class:`ValueError` (its argument
    the short tag) when ``text`` looks like a value of a type it is not valid as."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return text if tag in _PLAIN_AS_STRING else _typed_value(tag, text)


def _typed_value(tag: str, text: str) -> Any:
    """``text`` as a value of core scalar ``tag``; :class:`ValueError` (the short tag)
    when it is not a valid one."""
    if tag.endswith((":str", ":timestamp")):
        return text
    if tag.endswith(":null"):
        if text not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(_short(tag))
        return None
    node = yaml.ScalarNode(tag, text)
    try:
        if tag.endswith(":int"):
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag.endswith(":float"):
            return _CONSTRUCTOR.construct_yaml_float(node)
        value = _CONSTRUCTOR.construct_yaml_bool(node)
    except (ValueError, KeyError, IndexError, yaml.YAMLError):
        raise ValueError(_short(tag)) from None
    if not isinstance(value, bool):
        raise ValueError(_short(tag))
    return value


class _Builder:
    """Turns a stream of YAML events into data, enforcing the rules above."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.doc = Document(None, file)
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, nodes, height)
        self.alias_nodes = 0
        self.plain: dict[str, Any] = {}  # plain scalar text -> value (files repeat a lot)

    def fail(self, event: Any, rule: str, message: str) -> InputError:
        line, col = _pos(event)
        return InputError.at(Problem(self.file, line, col, rule, message))

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None:
            if not event.implicit[0]:
                return event.value  # quoted scalars are strings
            try:
                return self.plain[event.value]
            except KeyError:
                pass
            try:
                value = plain_value(event.value)
            except ValueError as exc:
                raise self.fail(event, "yaml-syntax",
                                t(ui(), f"{event.value!r} 不是有效的 {exc.args[0]}",
                                  f"{event.value!r} is not a valid {exc.args[0]}")) from None
            self.plain[event.value] = value
            return value
        if tag == "!":
            return event.value  # the non-specific tag: a string
        return self._construct(event, tag)

    def _construct(self, event: Any, tag: str) -> Any:
        if tag not in _SCALAR_TAGS:
            raise self.fail(
                event, "yaml-tag", _no_tag(tag)
            )
        try:
            return _typed_value(tag, event.value)
        except ValueError:
            raise self.fail(
                event, "yaml-syntax", t(ui(), f"{event.value!r} 不是有效的 {_short(tag)}",
                                        f"{event.value!r} is not a valid {_short(tag)}")
            ) from None

    def build(self, events: Iterator[Any]) -> Document:
        """Consume ``events`` (one document) into :attr:`doc`; raise on the first problem."""
        # A stack frame describes an open collection:
        # [container, path, pending key, pending key's path, node count, anchor, key positions,
        #  height] (pending key, its path and key positions are None for sequences). The
        # height is how many levels the collection reaches below itself, so that an alias
        # is counted at its full depth: aliases nested in aliases cannot pass the limit.
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
        collection_end = (ev.MappingEndEvent, ev.SequenceEndEvent)
        positions = self.doc.positions
        key_positions = self.doc.key_positions
        anchors = self.anchors
        stack: list[list[Any]] = []
        frame: list[Any] | None = None
        result: Any = None
        seen_document = False
        for event in events:
            cls = event.__class__
            if cls in collection_end:
                done = stack.pop()
                value, size, anchor, height = done[0], done[4], done[5], done[7]
                if anchor is not None:
                    anchors[anchor] = (value, size, height)
                if stack:
                    frame = stack[-1]
                    frame[4] += size
                    if frame[7] <= height:
                        frame[7] = height + 1
                    if frame[6] is not None:
                        frame[0][frame[2]] = value
                        frame[2] = None
                    else:
                        frame[0].append(value)
                else:
                    frame = None
                    result = value
                continue
            if frame is not None and frame[6] is not None and frame[2] is None:
                # This node is a mapping key.
                if cls is not scalar_event:
                    raise self.fail(event, "yaml-key", t(ui(), "映射的键只能是简单的值",
                                                          "mapping keys must be plain scalars"))
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
                    raise self.fail(
                        event, "yaml-tag", _no_tag(tag)
                    )
                key = event.value
                seen = frame[6]
                if key in seen:
                    line, col = seen[key]
                    raise self.fail(
                        event,
                        "duplicate-key",
                        t(ui(), f"键 {key!r} 重复（第一次出现在第 {line} 行第 {col} 列）",
                          f"duplicate key {key!r} (first defined at line {line}, column {col})"),
                    )
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                seen[key] = pos
                frame[2] = key
                path: Path = (*frame[1], key)
                frame[3] = path
                key_positions[path] = pos
                continue
            if cls is scalar_event or cls is alias_event:
                pass
            elif cls is mapping_start or cls is sequence_start:
                pass
            elif cls is ev.DocumentStartEvent:
                if seen_document:
                    raise self.fail(
                        event, "yaml-multi-document", t(ui(), "只允许一个 YAML 文档",
                                                        "only one YAML document is allowed")
                    )
                seen_document = True
                continue
            else:
                continue  # stream start/end, document end
            # A node starts: scalar, alias, mapping or sequence.
            if frame is None:
                path = ()
            elif frame[6] is not None:
                path = frame[3]
            else:
                path = (*frame[1], len(frame[0]))
            if len(path) > MAX_DEPTH:
                raise self.fail(event, "yaml-depth", t(
                    ui(), f"嵌套超过 {MAX_DEPTH} 层", f"nesting deeper than {MAX_DEPTH} levels"))
            mark = event.start_mark
            positions[path] = (mark.line + 1, mark.column + 1)
            if cls is scalar_event or cls is alias_event:
                if cls is scalar_event:
                    value = self.scalar(event)
                    size = height = 1
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1, 0)
                else:
                    if event.anchor not in anchors:
                        raise self.fail(event, "yaml-syntax", t(
                            ui(), f"未知的别名 *{event.anchor}", f"unknown alias *{event.anchor}"))
                    value, size, height = anchors[event.anchor]
                    if len(path) + height > MAX_DEPTH:
                        raise self.fail(
                            event,
                            "yaml-depth",
                            t(ui(), f"嵌套超过 {MAX_DEPTH} 层（含别名展开的部分）",
                              f"nesting deeper than {MAX_DEPTH} levels (counting what aliases "
                              "stand for)"),
                        )
                    height += 1
                    self.alias_nodes += size
                    if self.alias_nodes > MAX_ALIAS_NODES:
                        raise self.fail(
                            event,
                            "yaml-alias-bomb",
                            t(ui(), f"别名展开后超过 {MAX_ALIAS_NODES} 个节点",
                              f"aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                        )
                if frame is None:
                    result = value
                else:
                    frame[4] += size
                    if frame[7] < height:
                        frame[7] = height
                    if frame[6] is not None:
                        frame[0][frame[2]] = value
                        frame[2] = None
                    else:
                        frame[0].append(value)
                continue
            if event.tag not in _ALLOWED_COLLECTION_TAGS:
                raise self.fail(
                    event, "yaml-tag", _no_tag(event.tag)
                )
            if cls is mapping_start:
                frame = [{}, path, None, None, 1, event.anchor, {}, 0]
            else:
                frame = [[], path, None, None, 1, event.anchor, None, 0]
            stack.append(frame)
        self.doc.data = result
        return self.doc


def parse(text: str, file: str) -> Document:
    """Parse YAML ``text`` strictly; errors name ``file``, line and column."""
    from branchcheck.core.surrogates import join_pairs

    text = join_pairs(text)
    builder = _Builder(file)
    loader: Any = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here already
        # get_event returns None after the end of the stream: iterating on it
        # directly skips yaml.parse's generator (a few ms per 60 KB file).
        doc = builder.build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as exc:
        from branchcheck.core.yamlwords import syntax_message

        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise InputError.at(
            Problem(file, line, col, "yaml-syntax", syntax_message(exc))
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (e.g. NUL)
        line, col = _line_col(text, exc.position, chars=exc.encoding == "unicode")
        raise InputError.at(
            Problem(
                file,
                line,
                col,
                "yaml-syntax",
                t(ui(), f"YAML 中不允许字符 #x{exc.character:04x}（{exc.reason}）",
                  f"character #x{exc.character:04x} is not allowed in YAML ({exc.reason})"),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(Problem(file, 0, 0, "yaml-syntax", t(
            ui(), f"YAML 语法错误（解析器的说明：{exc}）", f"YAML: {exc}"))) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _line_col(text: str, position: int, *, chars: bool) -> tuple[int, int]:
    """1-based line and column of a character (or UTF-8 byte) offset in ``text``."""
    if chars:
        before = text[:position]
    else:
        before = text.encode("utf-8")[:position].decode("utf-8", "replace")
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


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
        raise InputError.at(Problem(file, 1, 1, "empty", t(ui(), "文件是空的", "file is empty")))
    if not isinstance(doc.data, dict):
        raise InputError.at(
            Problem(file, 1, 1, "top-level", t(
                ui(), f"最外层应为映射（键: 值），而不是{_KINDS_ZH[_kind(doc.data)]}",
                f"top level must be a mapping, not a {_kind(doc.data)}"))
        )
    return doc


def _no_tag(tag: str) -> str:
    return t(ui(), f"不允许标签 {_short(tag)}（只接受普通数据）",
             f"tag {_short(tag)} is not allowed (plain data only)")


_KINDS_ZH = {"list": "列表", "string": "文字", "int": "整数", "float": "数字", "bool": "是/否值"}


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
