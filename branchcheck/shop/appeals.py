"""Appeals (申诉/复核) against an item of a mystery-shopper visit.

An outlet files an appeal (an item, a reason, evidence); the department upholds
or rejects it. An upheld appeal never edits the stored result: a new result of
the same visit is scored with the item's answer changed, stored in the outlet's
chain with an ``appeal`` block that names the original (its SHA-256 and file),
and the register records that the original is superseded. The original stays,
and still verifies.

The register is ``<results>/.appeals/appeals.jsonl``: one JSON event a line
(``filed`` or ``decided``), appended under a lock, read back bounded and
strictly (a line that does not read is a located error).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from branchcheck.core.errors import InputError, NotFoundError, Problem, UsageError
from branchcheck.core.i18n import t

REGISTER = Path(".appeals") / "appeals.jsonl"
MAX_BYTES = 32 * 1024 * 1024
MAX_TEXT = 2000
MAX_NAME = 200
MAX_LINE = 1024 * 1024
"""One register line at most (a filed appeal with many evidence files fits)."""
DECISIONS = ("upheld", "rejected")


@dataclass
class Appeal:
    """An appeal and, once decided, its outcome."""

    id: str
    result: str
    """The appealed result's path, relative to the results folder."""
    sha256: str
    branch: str
    checklist: str
    wave: str
    item: str
    reason: str
    evidence: list[dict[str, str]] = field(default_factory=list)
    filed_by: str = ""
    filed_at: str = ""
    decision: str = ""
    decided_by: str = ""
    decided_at: str = ""
    answer: Any = None
    previous_answer: Any = None
    note: str = ""
    new_result: str = ""
    old_score: float | None = None
    new_score: float | None = None


def register_path(root: Path) -> Path:
    """Where the appeals of a results folder are registered."""
    return root / REGISTER


def read(root: Path, lang: str = "en") -> dict[str, Appeal]:
    """Every appeal of the register, by id (file order)."""
    from branchcheck.core.fsafe import read_regular

    path = register_path(root)
    if not os.path.lexists(path):  # a dangling link or a loop is not "no register"
        return {}
    raw = read_regular(path, max_bytes=MAX_BYTES, root=root)
    appeals: dict[str, Appeal] = {}
    for n, line in enumerate(raw.split(b"\n"), start=1):  # only "\n" ends a line
        if not line.strip():
            continue
        try:
            _fold(appeals, line)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise InputError.at(Problem(str(path), n, 1, "appeals", t(
                lang, f"申诉登记无法读取：{exc}", f"the appeals register does not read: {exc}"))
            ) from None
    return appeals


def _fold(appeals: dict[str, Appeal], line: bytes) -> None:
    """Add the event on ``line`` to ``appeals`` (a ValueError, KeyError, ... when it does
    not read): the reader's one rule, which the writer also runs before writing."""
    fields = set(Appeal.__dataclass_fields__)
    event = json.loads(line.decode("utf-8"))
    kind = event.pop("event")
    if kind == "filed":
        if set(event) - fields or event["id"] in appeals:
            raise ValueError("unknown keys or a repeated id")
        appeals[event["id"]] = Appeal(**event)
    elif kind == "decided":
        appeal = appeals[event.pop("id")]
        if appeal.decision or event.get("decision") not in DECISIONS or set(event) - fields:
            raise ValueError("a second decision, or an unknown one")
        for key, value in event.items():
            setattr(appeal, key, value)
    else:
        raise ValueError(f"unknown event {kind!r}")


def _line(appeals: dict[str, Appeal], event: dict[str, Any], lang: str) -> bytes:
    """The register line of ``event``, refused unless the reader, folding it into
    ``appeals`` (the register as read; updated), reads it back."""
    try:
        line = json.dumps(event, ensure_ascii=False, sort_keys=True).encode("utf-8")
        _fold(appeals, line)
        if b"\n" in line or len(line) > MAX_LINE:
            raise ValueError("too long")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError):
        raise UsageError(t(lang, "申诉内容无法保存（文字过长或不是有效的 Unicode）；未写入",
                           "the appeal cannot be stored (text too long or not valid "
                           "Unicode); nothing was written")) from None
    return line + b"\n"


def _append(root: Path, make: Any, lang: str) -> Any:
    """Append the event ``make(appeals)`` returns, under the register's lock."""
    from branchcheck.core.fsafe import append_synced, atomic_write, open_append
    from branchcheck.core.locking import exclusive

    path = register_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(path.parent / ".lock", wait=30.0, what=t(lang, "申诉登记", "the appeals")):
        appeals = read(root, lang)
        event, value = make(read(root, lang))  # make may update its copy
        line = _line(appeals, event, lang)
        if not os.path.lexists(path):
            atomic_write(path, b"", overwrite=False)
        fd = open_append(path, root=root)
        try:
            append_synced(fd, line, path)
        finally:
            os.close(fd)
    return value


def person(value: str, what: str, lang: str) -> str:
    """A person's name for the register: 1 to :data:`MAX_NAME` printable characters."""
    value = value.strip()
    if not value or len(value) > MAX_NAME or not value.isprintable():
        raise UsageError(t(lang, f"{what}须为 1 到 {MAX_NAME} 个可打印字符",
                           f"{what} must be 1 to {MAX_NAME} printable characters"))
    return value


def _text(value: str, what: str, lang: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_TEXT or not value.replace("\n", " ").isprintable():
        raise UsageError(t(lang, f"{what}须为 1 到 {MAX_TEXT} 个可打印字符",
                           f"{what} must be 1 to {MAX_TEXT} printable characters"))
    return value


def file(root: Path, result_path: str, item: str, reason: str, evidence: list[str], by: str,
         lang: str) -> Appeal:
    """Register an appeal against ``item`` of the stored result at ``result_path``."""
    from branchcheck.core.fsafe import inside, read_regular
    from branchcheck.results.storage import now_iso, parse_result

    path = Path(result_path)
    inside(root, path)
    raw = read_regular(path, root=root)
    result = parse_result(raw, str(path), lang=lang)
    if result.source != "mystery-shopper":
        raise UsageError(t(lang, "只能对神秘人暗访的结果申诉", "only a mystery-shopper result can "
                                                        "be appealed"))
    if item not in {i.id for i in result.score.items}:
        raise UsageError(t(lang, f"该结果没有检查项 {item!r}", f"the result has no item {item!r}"))
    files = []
    for name in evidence:
        data = read_regular(Path(name), max_bytes=50 * 1024 * 1024)
        files.append({"file": os.path.basename(name), "sha256": hashlib.sha256(data).hexdigest()})
    sha = hashlib.sha256(raw).hexdigest()
    reason = _text(reason, t(lang, "申诉理由", "the reason"), lang)
    by = person(by, t(lang, "申诉人（--by）", "who files (--by)"), lang)

    def make(appeals: dict[str, Appeal]) -> tuple[dict[str, Any], Appeal]:
        for a in appeals.values():
            if a.sha256 == sha and a.item == item and not a.decision:
                raise UsageError(t(lang, f"该项已有未决申诉 {a.id}",
                                   f"this item already has an open appeal, {a.id}"))
            if a.sha256 == sha and a.decision == "upheld" and a.new_result:
                # two replacements of one original would both count
                from branchcheck.core.textsafe import term

                new = term(a.new_result)
                raise UsageError(t(
                    lang, f"该结果已因申诉 {a.id} 被取代；请对新结果 {new} 申诉",
                    f"this result was replaced after appeal {a.id}; appeal its new result, "
                    f"{new}"))
        appeal = Appeal(f"AP-{len(appeals) + 1:04d}", str(path.resolve().relative_to(
            root.resolve())), sha, result.branch, result.checklist_id,
            str((result.visit or {}).get("wave", "")), item, reason, files, by, now_iso(),
            old_score=result.overall_final)
        event = {"event": "filed", **{k: v for k, v in appeal.__dict__.items() if v not in (
            "", None, []) or k in ("id", "wave")}}
        return event, appeal

    appeal: Appeal = _append(root, make, lang)
    return appeal


def decide(root: Path, appeal_id: str, decision: str, answer: str | None, note: str, by: str,
           lang: str, checklist: str | None = None) -> Appeal:
    """Uphold (with the item's new answer) or reject an appeal; an upheld one stores the
    new, linked result."""
    from branchcheck.results.storage import now_iso

    if decision not in DECISIONS:
        raise UsageError(f"unknown decision {decision!r}")
    if (decision == "upheld") != (answer is not None):
        raise UsageError(t(lang, "维持申诉须给出该项的新答案（--answer），驳回则不给",
                           "an upheld appeal needs the item's new answer (--answer); a "
                           "rejected one takes none"))
    by = person(by, t(lang, "决定人（--by）", "who decides (--by)"), lang)

    def make(appeals: dict[str, Appeal]) -> tuple[dict[str, Any], Appeal]:
        appeal = appeals.get(appeal_id)
        if appeal is None:
            raise NotFoundError(t(lang, f"没有申诉 {appeal_id}", f"no appeal {appeal_id}"))
        if appeal.decision:
            raise UsageError(t(lang, f"申诉 {appeal_id} 已于 {appeal.decided_at} 作出决定",
                               f"appeal {appeal_id} was decided on {appeal.decided_at}"))
        event: dict[str, Any] = {"event": "decided", "id": appeal_id, "decision": decision,
                                 "decided_by": by, "decided_at": now_iso()}
        if note:
            event["note"] = _text(note, t(lang, "说明", "the note"), lang)
        if answer is not None:
            event.update(_amend(root, appeal, answer, by, event["decided_at"], lang,
                                checklist))
        for key, value in event.items():
            if key not in ("event", "id"):
                setattr(appeal, key, value)
        return event, appeal

    appeal: Appeal = _append(root, make, lang)
    return appeal


def _amend(root: Path, appeal: Appeal, answer: str, by: str, when: str,
           lang: str, checklist: str | None) -> dict[str, Any]:
    """Store the result of the visit with the appealed item's answer changed."""
    from branchcheck.checklists.answers import AnswerError, normalise
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.fsafe import read_regular
    from branchcheck.core.model import Answer
    from branchcheck.core.scoring import make_result
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
    from branchcheck.results.chain import store_result
    from branchcheck.results.storage import parse_result

    path = root / appeal.result
    raw = read_regular(path, max_bytes=DEFAULT_MAX_BYTES, root=root)
    if hashlib.sha256(raw).hexdigest() != appeal.sha256:
        raise InputError(t(lang, f"{path} 在申诉后被改动过", f"{path} changed after the appeal"))
    original = parse_result(raw, str(path), lang=lang)
    ck = load_checklist(checklist or original.checklist_id, lang=lang)
    if ck.sha256 != original.checklist_sha256:
        raise UsageError(t(lang, "该结果所用的检查表版本不在手边（可用 --checklist 指定），"
                                 "无法重新评分",
                           "the checklist the result was scored with is not at hand (name its "
                           "file with --checklist): it cannot be scored again"))
    answers = {i.id: Answer(i.id, i.value, i.note) for i in original.score.items
               if i.value is not None}
    item = ck.item_index()[appeal.item]
    try:
        value = normalise(item, answer)
    except AnswerError as exc:
        raise UsageError(exc.text(lang)) from None
    previous = answers[appeal.item].value if appeal.item in answers else None
    answers[appeal.item] = Answer(appeal.item, value, answers.get(appeal.item, Answer(
        appeal.item, value)).note)
    new = make_result(ck, answers, branch=original.branch, reviewer=original.reviewer,
                      lang=original.lang, started=original.started, finished=original.finished)
    link = {"id": appeal.id, "of": appeal.sha256, "file": path.name, "item": appeal.item,
            "decided_by": by, "decided_at": when}
    new = replace(new, source=original.source, inspector_unit=original.inspector_unit,
                  visit=original.visit, appeal=link)
    stored = store_result(new, root=root, lang=lang)
    return {"answer": value, "previous_answer": previous,
            "new_result": str(stored.resolve().relative_to(root.resolve())),
            "new_score": new.overall_final}


def superseded(appeals: dict[str, Appeal]) -> dict[str, str]:
    """Results replaced by an upheld appeal: original path -> the new result's path."""
    return {a.result: a.new_result for a in appeals.values()
            if a.decision == "upheld" and a.new_result}
