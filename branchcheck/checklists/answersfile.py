"""Answers files (YAML or JSON) for non-interactive scoring, validated and located."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from branchcheck.checklists.answers import AnswerError, normalise
from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t
from branchcheck.core.model import Answer, Checklist
from branchcheck.core.strictyaml import (
    DEFAULT_MAX_BYTES,
    Document,
    Path,
    decode,
    parse_mapping,
    read_bytes,
    read_capped,
)


@dataclass(frozen=True)
class AnswersFile:
    """A parsed, schema-valid answers file (values not yet checked against items)."""

    doc: Document
    checklist: str
    version: int | None
    branch: str | None
    reviewer: str | None
    lang: str | None
    started: str | None
    finished: str | None
    blank: tuple[str, ...] = ()
    """Ids of answers left blank, dropped on reading (only with ``allow_blank``)."""
    rectify: bool = True
    """False for ``rectify: false`` (training answers): storing them opens no action."""
    source: str | None = None
    """Who did the check (``source:``; docs/oversight.md), if the file says."""
    inspector_unit: str | None = None

    @property
    def file(self) -> str:
        """Name used in messages."""
        return self.doc.file


def read_answers_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                      allow_blank: bool = False, lang: str = "en") -> AnswersFile:
    """Read ``path`` (``-`` = stdin) and check it against the answers schema.

    With ``allow_blank``, blank answers (``item-id:`` with no value, or a value of
    null, as in an ``exercise new`` template) and a bare ``answers:`` are not errors:
    they are dropped before the check and their ids kept in ``blank``.
    """
    if path == "-":
        raw = read_capped(sys.stdin.buffer, max_bytes)
        name = "<stdin>"
        if len(raw) > max_bytes:
            raise InputError.at(Problem(name, 0, 0, "too-large", t(
                lang, f"输入超过 {max_bytes} 字节的上限",
                f"input is over the limit of {max_bytes} bytes")))
    else:
        name = path
        raw = read_bytes(path, max_bytes=max_bytes, display=name)
    doc = parse_mapping(decode(raw, name), name)
    blank = _drop_blank(doc.data) if allow_blank else ()
    from branchcheck.core.validation import schema_problems

    problems = schema_problems(doc, "answers")
    if not problems and any(c < " " or "\x7f" <= c <= "\x9f" for c in doc.data["checklist"]):
        problems = [doc.problem(("checklist",), "bad-checklist", t(
            lang, "checklist 含有控制字符（如 NUL）：应为检查表编号或文件路径",
            "checklist has a control character (such as NUL): it must be a checklist id "
            "or a file path"))]
    if problems and isinstance(doc.data, dict) and "sections" in doc.data \
            and "title" in doc.data:
        from branchcheck.core.i18n import ui

        raise InputError(t(ui(), f"{name} 是检查表，不是答案文件或检查结果",
                           f"{name} is a checklist, not an answers file or a result"))
    if problems:
        raise InputError(t(lang, f"{name}：答案文件无效", f"{name}: invalid answers file"),
                         problems)
    d = doc.data
    return AnswersFile(doc, d["checklist"], d.get("version"), d.get("branch"), d.get("reviewer"),
                       d.get("lang"), d.get("started"), d.get("finished"), blank,
                       d.get("rectify", True) is not False, d.get("source"),
                       d.get("inspector_unit"))


def _drop_blank(data: dict[str, Any]) -> tuple[str, ...]:
    """Remove blank answers from ``data`` (a bare ``answers:`` becomes ``{}``); their ids."""
    if "answers" in data and data["answers"] is None:
        data["answers"] = {}
    entries = data.get("answers")
    blank: list[str] = []
    if isinstance(entries, dict):
        for item_id, entry in list(entries.items()):
            if entry is None or (isinstance(entry, dict) and set(entry) <= {"value", "note"}
                                 and entry.get("value") is None):
                blank.append(item_id)
                del entries[item_id]
    return tuple(blank)


def _unknown_item(doc: Document, checklist: Checklist, item_id: str,
                  lang: str = "en", path: Path | None = None) -> Problem:
    from branchcheck.core.suggest import did_you_mean

    hint = did_you_mean(item_id, (i.id for _, i in checklist.items()), lang)
    return doc.problem(path or ("answers", item_id), "unknown-item",
                       t(lang, f"{checklist.id!r} 没有项目 {item_id!r}{hint}",
                         f"{checklist.id!r} has no item {item_id!r}{hint}"), key=path is None)


def check_answers(doc: Document, entries: Mapping[str, Any], checklist: Checklist,
                  heading: str, problems: Sequence[Problem] = (),
                  lang: str = "en", paths: Mapping[str, Path] | None = None
                  ) -> dict[str, Answer]:
    """The answers of ``entries`` (``/answers`` of ``doc``: item id to a value or to
    ``{value, note}``), each checked against ``checklist``.

    Unknown ids, wrong types, out-of-range values and ``na`` where not allowed
    are located errors; if there are any (or ``problems`` found before), they are
    all raised at once as an :class:`InputError` headed ``heading``; messages are
    in ``lang``. ``paths`` places entries found elsewhere than ``/answers/<id>``.
    """
    index = checklist.item_index()
    found = list(problems)
    answers: dict[str, Answer] = {}
    for item_id, entry in entries.items():
        item = index.get(item_id)
        given = paths.get(item_id) if paths else None
        if item is None:
            found.append(_unknown_item(doc, checklist, item_id, lang, given))
            continue
        path: Path = given or ("answers", item_id)
        raw, note = (entry.get("value"), entry.get("note")) if isinstance(entry, dict) else (
            entry, None)
        vpath = (*path, "value") if isinstance(entry, dict) else path
        try:
            value = normalise(item, raw)
        except AnswerError as exc:
            found.append(doc.problem(vpath, "bad-answer", exc.text(lang)))
            continue
        answers[item_id] = Answer(item_id, value, note or None)
    if found:
        raise InputError(heading, found)
    return answers


def answers_for(af: AnswersFile, checklist: Checklist, lang: str = "en") -> dict[str, Answer]:
    """Check every answer of ``af`` against ``checklist`` (see :func:`check_answers`);
    a version other than the checklist's, and blank answers to unknown items, are
    errors too."""
    doc = af.doc
    index = checklist.item_index()
    problems = [_unknown_item(doc, checklist, b, lang) for b in af.blank if b not in index]
    if af.version is not None and af.version != checklist.version:
        problems.append(doc.problem(("version",), "version-mismatch", t(
            lang, f"答案针对 {checklist.id!r} 的版本 {af.version}，而检查表是版本 "
                  f"{checklist.version}",
            f"answers are for version {af.version} of {checklist.id!r}, the checklist is "
            f"version {checklist.version}")))
    return check_answers(doc, doc.data["answers"], checklist,
                         t(lang, f"{af.file}：答案无效", f"{af.file}: invalid answers"),
                         problems, lang)
