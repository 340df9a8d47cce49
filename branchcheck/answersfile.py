"""Answers files (YAML or JSON) for non-interactive scoring, validated and located."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from branchcheck.answers import AnswerError, normalise
from branchcheck.errors import InputError, Problem
from branchcheck.model import Answer, Checklist
from branchcheck.strictyaml import DEFAULT_MAX_BYTES, Document, decode, parse_mapping, read_bytes


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

    @property
    def file(self) -> str:
        """Name used in messages."""
        return self.doc.file


def read_answers_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> AnswersFile:
    """Read ``path`` (``-`` = stdin) and check it against the answers schema."""
    if path == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
        if len(raw) > max_bytes:
            raise InputError.at(Problem(name, 0, 0, "too-large",
                                        f"input is over the limit of {max_bytes} bytes"))
    else:
        name = path
        raw = read_bytes(path, max_bytes=max_bytes, display=name)
    doc = parse_mapping(decode(raw, name), name)
    from branchcheck.validation import schema_problems

    problems = schema_problems(doc, "answers")
    if problems:
        raise InputError(f"{name}: invalid answers file", problems)
    d = doc.data
    return AnswersFile(doc, d["checklist"], d.get("version"), d.get("branch"), d.get("reviewer"),
                       d.get("lang"), d.get("started"), d.get("finished"))


def answers_for(af: AnswersFile, checklist: Checklist) -> dict[str, Answer]:
    """Check every answer against ``checklist``: unknown ids, wrong types, out-of-range
    values and ``na`` where not allowed are located errors (all reported at once)."""
    index = checklist.item_index()
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    doc = af.doc
    if af.version is not None and af.version != checklist.version:
        problems.append(doc.problem(("version",), "version-mismatch",
                                    f"answers are for version {af.version} of "
                                    f"{checklist.id!r}, the checklist is version "
                                    f"{checklist.version}"))
    entries: dict[str, Any] = doc.data["answers"]
    for item_id, entry in entries.items():
        path = ("answers", item_id)
        item = index.get(item_id)
        if item is None:
            problems.append(doc.problem(path, "unknown-item",
                                        f"{checklist.id!r} has no item {item_id!r}", key=True))
            continue
        raw, note = (entry.get("value"), entry.get("note")) if isinstance(entry, dict) else (
            entry, None)
        vpath = (*path, "value") if isinstance(entry, dict) else path
        try:
            value = normalise(item, raw)
        except AnswerError as exc:
            problems.append(doc.problem(vpath, "bad-answer", str(exc)))
            continue
        answers[item_id] = Answer(item_id, value, note or None)
    if problems:
        raise InputError(f"{af.file}: invalid answers", problems)
    return answers
