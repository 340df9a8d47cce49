"""Drafts of interactive runs: autosaved after every answer, resumed with ``--resume``.

A draft lives next to the results it will become, at
``<results-dir>/<branch>/<checklist-id>/draft.yaml`` (``storage.iter_stored``
skips names starting with ``draft``). A run keeps it up to date through
:class:`DraftFile`: a full snapshot written with ``fsafe.atomic_write`` (temp
file, fsync, rename), then one fsynced line appended to its ``log`` per answer,
so an answer costs the same however long the checklist; the snapshot is
rewritten when the log outgrows it. A killed process loses at most the line
being appended (a torn last line is dropped on reading).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from branchcheck.core.checksource import SELF, check_source
from branchcheck.core.errors import InputError, Problem, StorageError, UsageError
from branchcheck.core.fsafe import append_synced, atomic_write, inside, open_append, read_regular
from branchcheck.core.i18n import LANGUAGES, t
from branchcheck.core.ids import CHECKLIST_ID
from branchcheck.core.model import Answer, Checklist
from branchcheck.core.timestamps import EXAMPLE, parse_iso
from branchcheck.results.storage import check_branch, now_iso

DRAFT_FORMAT = "branchcheck-draft/2"
DRAFT_FORMATS = ("branchcheck-draft/1", DRAFT_FORMAT)
"""Formats read (1 has no ``log``)."""
_MIN_LOG = 256
"""Log lines a snapshot may gather before it is rewritten (at least; else one per answer)."""
DRAFT_NAME = "draft.yaml"
LOCK_NAME = ".draft.lock"
"""Held (``locking.exclusive``) by the run filling the draft in, next to it."""
_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Draft:
    """An unfinished run: who, which checklist (pinned by version and sha256), the
    answers so far (by item id) and the id of the next item to ask (None = none left)."""

    checklist_id: str
    version: int
    sha256: str
    branch: str
    reviewer: str
    lang: str
    started: str
    answers: dict[str, Answer] = field(default_factory=dict)
    position: str | None = None
    saved: str = ""
    source: str = SELF
    """Who does the check (kept in the draft, so a resumed run stores the same source)."""
    inspector_unit: str | None = None

    @classmethod
    def start(cls, checklist: Checklist, *, branch: str, reviewer: str, lang: str,
              source: str = SELF, inspector_unit: str | None = None) -> Draft:
        """A new, empty draft for ``checklist``, starting now at its first item."""
        first = next((item.id for _, item in checklist.items()), None)
        return cls(checklist.id, checklist.version, checklist.sha256, branch, reviewer, lang,
                   now_iso(), {}, first, source=source, inspector_unit=inspector_unit)


def draft_path(root: Path, branch: str, checklist_id: str) -> Path:
    """Where the draft of ``checklist_id`` for ``branch`` lives (ids validated)."""
    check_branch(branch)
    if not CHECKLIST_ID.match(checklist_id):
        raise UsageError(f"invalid checklist id {checklist_id!r}")
    return root / branch / checklist_id / DRAFT_NAME


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    """The stored layout of a draft as plain data."""
    return {
        "format": DRAFT_FORMAT,
        "checklist": {"id": draft.checklist_id, "version": draft.version,
                      "sha256": draft.sha256},
        "branch": draft.branch,
        "reviewer": draft.reviewer,
        "lang": draft.lang,
        "started": draft.started,
        "saved": draft.saved,
        "position": draft.position,
        **({"source": draft.source} if draft.source != SELF else {}),
        **({"inspector_unit": draft.inspector_unit} if draft.inspector_unit else {}),
        "answers": {
            a.item_id: {"value": a.value, "note": a.note} for a in draft.answers.values()
        },
    }


# Characters YAML reads as line breaks or refuses, which json.dumps leaves raw.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


class _NotText(ValueError):
    """A string holding a lone surrogate (bytes of another encoding): YAML cannot hold
    it, so a draft with it would never read back."""


def _scalar(value: Any) -> str:
    """A scalar as JSON, which YAML reads back as the same value (a double-quoted
    string, a number or null); floats YAML 1.1 would read as strings are still
    numbers to ``answers.normalise``, which every value goes through on load."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeError:
            raise _NotText(value) from None
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@lru_cache(maxsize=4096)
def _answer_line(answer: Answer) -> str:
    return (f"  {_scalar(answer.item_id)}: "
            f"{{value: {_scalar(answer.value)}, note: {_scalar(answer.note)}}}\n")


def draft_text(draft: Draft) -> str:
    """The draft as YAML (block layout, JSON-quoted scalars).

    Written by hand rather than with PyYAML's representer so that saving after
    every answer stays well under a millisecond even for long checklists; each
    answer's line is cached.
    """
    d = draft_to_dict(draft)
    ck = d["checklist"]
    head = [
        f"format: {_scalar(DRAFT_FORMAT)}",
        "checklist:",
        f"  id: {_scalar(ck['id'])}",
        f"  version: {_scalar(ck['version'])}",
        f"  sha256: {_scalar(ck['sha256'])}",
        *(f"{key}: {_scalar(d[key])}"
          for key in ("branch", "reviewer", "lang", "started", "saved", "position",
                      "source", "inspector_unit") if key in d),
    ]
    if not draft.answers:
        return "\n".join(head) + "\nanswers: {}\nlog:\n"
    body = "".join(_answer_line(a) for a in draft.answers.values())
    return "\n".join(head) + "\nanswers:\n" + body + "log:\n"


def log_line(draft: Draft, item_id: str) -> str:
    """The ``log`` entry after ``item_id`` was asked: ``[item, value, note, position,
    saved]``; a null value means the item has no answer (skipped)."""
    answer = draft.answers.get(item_id)
    value, note = (answer.value, answer.note) if answer is not None else (None, None)
    fields = (item_id, value, note, draft.position, draft.saved)
    return "- [" + ", ".join(_scalar(f) for f in fields) + "]\n"


def _text_of(draft: Draft, make: Callable[[Draft], str]) -> str:
    """``make(draft)``, or a clear error when a text of the draft is not valid Unicode
    (what the writer cannot write so that the reader reads it, it refuses)."""
    try:
        return make(draft)
    except _NotText:
        raise StorageError(t(
            draft.lang, "草稿未保存：有文字含无效字符（不是有效的 Unicode，多为终端编码与系统"
                        "语言设置不符）；之前的答案仍在草稿中",
            "draft not saved: a text holds characters that are not valid Unicode (often a "
            "terminal encoding other than the locale's); the earlier answers are still in "
            "the draft")) from None


def save_draft(path: Path, draft: Draft, root: Path | None = None) -> None:
    """Atomically replace the draft at ``path`` with ``draft`` (stamped with the time);
    with ``root``, never outside it."""
    draft.saved = now_iso()
    data = _text_of(draft, draft_text).encode("utf-8")
    if len(data) > _MAX_BYTES:  # --resume could not read it: keep the previous draft
        raise StorageError(t(
            draft.lang, f"草稿未保存：它有 {len(data)} 字节，超过上限 {_MAX_BYTES} 字节，"
                        "保存后无法读回；之前的答案仍在草稿中，请缩短最后一个答案后 --resume",
            f"draft not saved: it would be {len(data)} bytes, over the limit of {_MAX_BYTES} "
            "bytes, so it could not be read back; the earlier answers are still in the draft: "
            "--resume with a shorter answer"))
    atomic_write(path, data, root=root)


class DraftFile:
    """The draft of one run on disk, saved after every answer in constant time."""

    def __init__(self, path: Path, root: Path | None = None) -> None:
        self.path = path
        self.root = root
        self._fd: int | None = None
        self._logged = 0
        self._size = 0

    def save(self, draft: Draft, item_id: str | None = None) -> None:
        """Record ``draft`` after ``item_id`` was asked: one appended log line, or a
        whole snapshot (the first save, no item given, or a log as long as the answers)."""
        if item_id is None or self._fd is None or self._logged >= max(_MIN_LOG,
                                                                        len(draft.answers)):
            self.snapshot(draft)
            return
        draft.saved = now_iso()
        line = _text_of(draft, lambda d: log_line(d, item_id)).encode("utf-8")
        if self._size + len(line) > _MAX_BYTES:  # could not be read back: check it whole
            self.snapshot(draft)
            return
        append_synced(self._fd, line, self.path)
        self._logged += 1
        self._size += len(line)

    def snapshot(self, draft: Draft) -> None:
        """Rewrite the whole draft (atomically) and start a new log."""
        self.close()
        save_draft(self.path, draft, self.root)
        self._fd = open_append(self.path, root=self.root)
        self._logged = 0
        self._size = os.fstat(self._fd).st_size

    def close(self) -> None:
        """Stop appending (the file stays as it is)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def remove_draft(path: Path, root: Path | None = None) -> None:
    """Delete the draft at ``path`` if there is one; with ``root``, a draft that
    leads outside it is refused, not deleted."""
    if root is not None:
        inside(root, path)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"cannot remove draft {path}: {exc.strerror or exc}") from None


def read_draft(path: Path, checklist: Checklist, branch: str, lang: str = "en",
               root: Path | None = None) -> Draft:
    """Load the draft at ``path`` for ``checklist`` and ``branch``.

    Malformed drafts, drafts for another checklist, branch, version or file
    content (sha256), unknown items and values the item does not accept are
    refused with located errors (``file:line:col``), worded in ``lang``.
    """
    from branchcheck.checklists.answersfile import check_answers
    from branchcheck.core.strictyaml import decode, parse_mapping

    name = str(path)
    raw = read_regular(path, max_bytes=_MAX_BYTES, root=root)  # never a FIFO, never outside
    if not raw.endswith(b"\n") and raw[raw.rfind(b"\n") + 1:].startswith(b"- ["):
        raw = raw[: raw.rfind(b"\n") + 1]  # a log line torn by a killed run: lost, as typed
    doc = parse_mapping(decode(raw, name), name)
    d: dict[str, Any] = doc.data
    problems = _shape_problems(d, doc, lang)
    if problems:
        raise InputError(t(lang, f"{name}：不是有效的草稿", f"{name}: not a valid draft"),
                         problems)
    ck = d["checklist"]
    refuse: list[Problem] = []
    if ck["id"] != checklist.id:
        refuse.append(doc.problem(("checklist", "id"), "wrong-checklist", t(
            lang, f"草稿属于检查表 {ck['id']!r}，不是 {checklist.id!r}",
            f"draft is for checklist {ck['id']!r}, not {checklist.id!r}")))
    elif ck["version"] != checklist.version:
        refuse.append(doc.problem(("checklist", "version"), "version-mismatch", t(
            lang,
            f"草稿是用 {checklist.id!r} 的版本 {ck['version']} 开始的，但检查表现在是版本 "
            f"{checklist.version}；请用版本 {ck['version']} 完成它，或加 --restart 丢弃草稿",
            f"draft was started with version {ck['version']} of {checklist.id!r}, but the "
            f"checklist is now version {checklist.version}; finish it with version "
            f"{ck['version']} or pass --restart to discard it")))
    elif ck["sha256"] != checklist.sha256:
        refuse.append(doc.problem(("checklist", "sha256"), "checklist-changed", t(
            lang,
            f"草稿开始后，{checklist.id!r} 版本 {checklist.version} 的文件已被修改（sha256 "
            f"{ck['sha256'][:12]}… 现为 {checklist.sha256[:12]}…）；请恢复该文件，或加 "
            "--restart 丢弃草稿",
            f"the file of {checklist.id!r} version {checklist.version} changed since the draft "
            f"was started (sha256 {ck['sha256'][:12]}… now {checklist.sha256[:12]}…); "
            "restore it or pass --restart to discard the draft")))
    if d["branch"] != branch:
        refuse.append(doc.problem(("branch",), "wrong-branch", t(
            lang, f"草稿属于网点 {d['branch']!r}，不是 {branch!r}",
            f"draft is for branch {d['branch']!r}, not {branch!r}")))
    if refuse:
        raise InputError(t(lang, f"{name}：草稿与检查表不符", f"{name}: draft does not match"),
                         refuse)
    entries, paths, (position, where), saved = _replay(d)
    answers = check_answers(doc, entries, checklist,
                            t(lang, f"{doc.file}：草稿中有无效答案",
                              f"{doc.file}: invalid answers in draft"), lang=lang, paths=paths)
    if position is not None and position not in checklist.item_index():
        raise InputError.at(doc.problem(where, "unknown-item", t(
            lang, f"{checklist.id!r} 没有项目 {position!r}",
            f"{checklist.id!r} has no item {position!r}")))
    return Draft(ck["id"], ck["version"], ck["sha256"], d["branch"], d["reviewer"], d["lang"],
                 d["started"], answers, position, saved, source=d.get("source") or SELF,
                 inspector_unit=d.get("inspector_unit"))


def _replay(d: dict[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[str | int, ...]],
                                        tuple[Any, tuple[str | int, ...]], str]:
    """The answers (item id to ``{value, note}``), where each was recorded, the
    position and the time saved, once the log is applied to the snapshot."""
    entries: dict[str, Any] = dict(d["answers"])
    paths: dict[str, tuple[str | int, ...]] = {k: ("answers", k) for k in entries}
    position, saved = d.get("position"), str(d.get("saved") or "")
    where: tuple[str | int, ...] = ("position",)
    for n, (item_id, value, note, after, when) in enumerate(d.get("log") or ()):
        if value is None:
            entries.pop(item_id, None)
            paths.pop(item_id, None)
        else:
            entries[item_id] = {"value": value, "note": note}
            paths[item_id] = ("log", n)
        position, saved, where = after, when, ("log", n)
    return entries, paths, (position, where), saved


_STR_FIELDS = ("branch", "reviewer", "started")


def _shape_problems(d: dict[str, Any], doc: Any, lang: str = "en") -> list[Problem]:
    """Structural checks of a draft document (there is no public schema for drafts)."""
    found: list[Problem] = []

    def bad(path: tuple[str | int, ...], zh: str, en: str) -> None:
        found.append(doc.problem(path, "draft-format", t(lang, zh, en)))

    if d.get("format") not in DRAFT_FORMATS:
        bad(("format",), f"应为 format: {DRAFT_FORMAT}", f"expected format: {DRAFT_FORMAT}")
    ck = d.get("checklist")
    if not isinstance(ck, dict):
        bad(("checklist",), "checklist 必须是含 id、version 和 sha256 的映射",
            "checklist must be a mapping with id, version and sha256")
    else:
        if not isinstance(ck.get("id"), str):
            bad(("checklist", "id"), "checklist id 必须是字符串", "checklist id must be a string")
        if not isinstance(ck.get("version"), int) or isinstance(ck.get("version"), bool):
            bad(("checklist", "version"), "checklist version 必须是整数",
                "checklist version must be a whole number")
        if not isinstance(ck.get("sha256"), str):
            bad(("checklist", "sha256"), "checklist sha256 必须是字符串",
                "checklist sha256 must be a string")
    for key in _STR_FIELDS:
        if not isinstance(d.get(key), str):
            bad((key,), f"{key} 必须是字符串", f"{key} must be a string")
    started = d.get("started")
    if isinstance(started, str) and parse_iso(started) is None:  # else the result is invalid
        bad(("started",), f"started {started!r} 不是真实存在的、带时区偏移的 ISO 8601 时间"
                          f"（例如 {EXAMPLE}）",
            f"started {started!r} is not an ISO 8601 time with offset naming a real day and "
            f"time (e.g. {EXAMPLE})")
    if d.get("lang") not in LANGUAGES:
        bad(("lang",), f"lang 必须是 {', '.join(LANGUAGES)} 之一",
            f"lang must be one of {', '.join(LANGUAGES)}")
    if d.get("source") is not None or d.get("inspector_unit") is not None:
        try:
            check_source(d.get("source") or SELF, d.get("inspector_unit"), lang)
        except UsageError as exc:
            bad(("source",), exc.message, exc.message)
    if d.get("position") is not None and not isinstance(d.get("position"), str):
        bad(("position",), "position 必须是项目编号或 null", "position must be an item id or null")
    answers = d.get("answers")
    if answers is None:
        d["answers"] = {}
    elif not isinstance(answers, dict):
        bad(("answers",), "answers 必须是项目编号到 {value, note} 的映射",
            "answers must be a mapping of item id to {value, note}")
    else:
        for item_id, entry in answers.items():
            if not isinstance(entry, dict) or "value" not in entry:
                bad(("answers", item_id), "每个答案必须是含 value 的映射",
                    "an answer must be a mapping with a value")
            elif not isinstance(entry["value"], (str, int, float)):
                bad(("answers", item_id, "value"), "value 必须是字符串或数值",
                    "value must be a string or a number")
            elif entry.get("note") is not None and not isinstance(entry.get("note"), str):
                bad(("answers", item_id, "note"), "note 必须是字符串或 null",
                    "note must be a string or null")
    log = d.get("log")
    if log is not None and (d.get("format") == DRAFT_FORMATS[0] or not isinstance(log, list)):
        bad(("log",), "log 必须是记录的列表", "log must be a list of records")
    elif log:
        for n, record in enumerate(log):
            if not _good_record(record):
                bad(("log", n), "log 记录应为 [项目编号, 值或 null, 备注或 null, "
                                "位置或 null, 保存时间]",
                    "a log record must be [item id, value or null, note or null, "
                    "position or null, time saved]")
    return found


def _good_record(record: Any) -> bool:
    if not isinstance(record, list) or len(record) != 5:
        return False
    item_id, value, note, position, saved = record
    return (isinstance(item_id, str) and isinstance(saved, str)
            and (value is None or isinstance(value, (str, int, float)))
            and not isinstance(value, bool)
            and all(x is None or isinstance(x, str) for x in (note, position)))
