"""Reading a class for grading: the key (an answers file or a stored result), the
trainees' answers files, all for one checklist; and the ``grade`` options.

What is read is graded by :func:`branchcheck.training.grading.grade` (docs/trainers.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from branchcheck.checklists.answers import AnswerError, normalise
from branchcheck.checklists.answersfile import AnswersFile, answers_for, read_answers_file
from branchcheck.checklists.loading import load_checklist
from branchcheck.core.errors import InputError, NotFoundError, Problem, UsageError
from branchcheck.core.i18n import t, ui
from branchcheck.core.identity import lookalikes
from branchcheck.core.model import Answer, Checklist, Result
from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
from branchcheck.results.storage import RESULT_FORMATS, read_result
from branchcheck.training.grading import Rater, compared_items, rater

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


def parse_share(text: str) -> float:
    """``--min-agreement``: a share from 0 to 1 (``0.8``) or a percentage (``80%``)."""
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        raise UsageError(t(ui(), f"--min-agreement {text!r} 不是数字；请写如 0.8 或 80%",
                           f"--min-agreement {text!r} is not a number; use e.g. 0.8 or 80%")
                         ) from None
    if percent:
        value /= 100
    elif value > 1:
        raise UsageError(t(ui(), f"--min-agreement {text!r} 大于 1；请写比例（0.8）或百分比"
                                 f"（{raw}%）",
                           f"--min-agreement {text!r} is above 1; write a share (0.8) or a "
                           f"percentage ({raw}%)"))
    if not 0 <= value <= 1:
        raise UsageError(t(ui(), f"--min-agreement {text!r} 应在 0 到 1 之间（0% 到 100%）",
                           f"--min-agreement {text!r} must be between 0 and 1 (0% and 100%)"))
    return value


def answer_files(paths: Sequence[str], exclude: str | None = None) -> list[str]:
    """Files named, and the ``*.yaml``/``*.yml``/``*.json`` files of folders named
    (sorted, not recursive), without ``exclude`` (the key)."""
    skip = os.path.realpath(exclude) if exclude else None
    found: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found.extend(str(f) for f in sorted(Path(p).iterdir())
                         if f.is_file() and f.suffix.lower() in ANSWER_SUFFIXES
                         and not f.name.startswith("."))
        elif os.path.exists(p):
            found.append(p)
        else:
            from branchcheck.core.i18n import t, ui

            raise InputError.at(Problem(p, 0, 0, "unreadable", t(
                ui(), "文件或文件夹不存在", "no such file or folder")))
    seen: set[str] = set()
    unique = []
    for f in found:
        real = os.path.realpath(f)
        if real != skip and real not in seen:
            seen.add(real)
            unique.append(f)
    return unique


_SAFE_NAME = re.compile(r"[^\W_][\w.-]{0,63}")


def safe_name(name: str) -> bool:
    """Whether ``name`` is fit for a file name: letters (any script), digits,
    ``_``, ``-``, ``.``; starting with a letter or digit; 1-64 characters."""
    return bool(_SAFE_NAME.fullmatch(name)) and ".." not in name


# ---------------------------------------------------------------- reading a class


@dataclass(frozen=True)
class Loaded:
    """A key and a class of trainees, read and scored against one checklist."""

    checklist: Checklist
    key: Rater
    trainees: tuple[Rater, ...]
    notes: tuple[str, ...] = ()


def read_answers(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES
                 ) -> tuple[AnswersFile, tuple[str, ...]]:
    """An answers file whose blank answers (``item-id:`` with no value, as in an
    ``exercise new`` template) are dropped and returned as unanswered ids."""
    af = read_answers_file(path, max_bytes=max_bytes, allow_blank=True)
    return af, af.blank


class _Checklists:
    """Loads each checklist reference once; checks that all name the same checklist."""

    def __init__(self, given: str | None, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.cache: dict[str, Checklist] = {}
        self.fixed = self.load(given) if given else None
        self.chosen: Checklist | None = self.fixed
        self.first = given or ""
        self.moved: dict[str, str] = {}
        """References that cannot be loaded, rescued by ``given``, with a file naming each."""

    def load(self, ref: str) -> Checklist:
        if ref not in self.cache:
            self.cache[ref] = load_checklist(ref, max_bytes=self.max_bytes)
        return self.cache[ref]

    def match(self, ref: str, where: Problem | None, file: str) -> None:
        """Check that ``ref`` (a file's ``checklist``) names the chosen checklist."""
        if self.chosen is not None and ref == self.chosen.id:
            return
        try:
            found = self.load(ref)
        except (NotFoundError, InputError) as exc:
            if self.fixed is not None:  # the file moved: --checklist rescues it (item ids
                self.moved.setdefault(ref, file)  # and version are still checked)
                return
            hint = "; pass --checklist FILE"
            msg = f"checklist {ref!r} cannot be loaded ({exc.message}){hint}"
            raise InputError.at(_moved(where, file, "unknown-checklist", msg)) from None
        if self.chosen is None:
            self.chosen, self.first = found, file
        elif found.id != self.chosen.id or found.version != self.chosen.version:
            msg = (f"names checklist {found.id!r} v{found.version}, but {self.first} is for "
                   f"{self.chosen.id!r} v{self.chosen.version}: all files must be for the "
                   "same checklist")
            raise InputError.at(_moved(where, file, "checklist-mismatch", msg))


def _moved(where: Problem | None, file: str, rule: str, message: str) -> Problem:
    if where is None:
        return Problem(file, 0, 0, rule, message)
    return Problem(where.file, where.line, where.column, rule, message, path=where.path)


def is_result(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether ``path`` holds a stored result (``format: branchcheck-result/N``)."""
    from branchcheck.core.strictyaml import load_mapping

    doc = load_mapping(path, max_bytes=max_bytes, display=path)
    return doc.data.get("format") in RESULT_FORMATS


def _key_answers(result: Result, ck: Checklist, key_path: str, max_bytes: int,
                 lang: str) -> dict[str, Answer]:
    """The stored key's answers, each checked against the current checklist: a file
    changed without a version bump may have dropped an item or narrowed a scale."""
    index = ck.item_index()
    found: list[Problem] = []
    answers: dict[str, Answer] = {}
    doc = None
    for n, stored in enumerate(result.score.items):
        if stored.value is None:
            continue
        item = index.get(stored.id)
        try:
            if item is None:
                raise AnswerError(f"{ck.id!r} has no item {stored.id!r} any more",
                                  f"{ck.id!r} 已没有项目 {stored.id!r}")
            answers[stored.id] = Answer(stored.id, normalise(item, stored.value), stored.note)
        except AnswerError as exc:
            if doc is None:
                from branchcheck.core.strictyaml import load_mapping

                doc = load_mapping(key_path, max_bytes=max_bytes, display=key_path)
            found.append(doc.problem(("items", n, "value" if item else "id"),
                                     "key-mismatch", exc.text(lang)))
    if found:
        raise InputError(t(lang, f"{key_path}：作为答案的结果与当前检查表不符"
                                 "（检查表改动后未升版本）；请按当前检查表重新作答，或改动检查表时升版本",
                           f"{key_path}: the key no longer fits the checklist, which changed "
                           "without a version bump; answer the key again, or bump the version "
                           "when the checklist changes"), found)
    return answers


def load_class(key_path: str, answer_paths: Sequence[str], *, checklist: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, lang: str = "en") -> Loaded:
    """Read the key (answers file or stored result) and the trainees' answers files,
    all for one checklist (their ``checklist`` field, or ``checklist`` if given).
    ``lang`` is the language of the returned notes."""
    files = answer_files(answer_paths, exclude=key_path)
    if not files:
        raise UsageError(t(lang, "没有找到答案文件（查找了 *.yaml、*.yml 和 *.json）",
                           "no answers files found (looked for *.yaml, *.yml and *.json)"))
    refs = _Checklists(checklist, max_bytes)
    notes: list[str] = []
    key_result = None
    key_af: tuple[AnswersFile, tuple[str, ...]] | None = None
    if is_result(key_path, max_bytes):
        key_result = read_result(key_path)
        refs.match(key_result.checklist_id, None, key_path)
    else:
        key_af = read_answers(key_path, max_bytes=max_bytes)
        refs.match(key_af[0].checklist, key_af[0].doc.problem(("checklist",), "", ""), key_path)
    trainee_files = [(f, read_answers(f, max_bytes=max_bytes)) for f in files]
    for f, (af, _) in trainee_files:
        refs.match(af.checklist, af.doc.problem(("checklist",), "", ""), f)
    ck = refs.chosen
    assert ck is not None  # noqa: S101 - set by the first match
    for ref, first in refs.moved.items():
        notes.append(t(lang, f"{first} 等文件指向的检查表 {ref!r} 无法读取；改用 --checklist "
                             f"{checklist}",
                       f"{first} (and any other file naming it) refers to checklist {ref!r}, "
                       f"which cannot be read; using --checklist {checklist} instead"))
    if key_result is not None:
        if key_result.checklist_version != ck.version:
            raise InputError.at(Problem(key_path, 0, 0, "version-mismatch", t(
                lang, f"标准答案是 {ck.id!r} 第 {key_result.checklist_version} 版的结果；"
                      f"检查表现在是第 {ck.version} 版",
                f"the key is a result for version {key_result.checklist_version} of {ck.id!r}; "
                f"the checklist is version {ck.version}")))
        if key_result.checklist_sha256 and key_result.checklist_sha256 != ck.sha256:
            notes.append(t(lang, f"{key_path}：结果保存后检查表文件已改动（版本相同）；按当前的"
                                 "检查表评分",
                           f"{key_path}: the checklist file changed since this result was "
                           "stored (same version); grading against the current one"))
        key = rater(ck, "key", key_path, _key_answers(key_result, ck, key_path, max_bytes, lang))
    else:
        assert key_af is not None  # noqa: S101
        key = rater(ck, "key", key_path, answers_for(key_af[0], ck), key_af[1])
    if not compared_items(key):
        raise InputError.at(Problem(key_path, 0, 0, "empty-key", t(
            lang, "标准答案没有回答任何可评分的项目；请填写答案",
            "the key answers no gradable item; fill in its answers")))
    names = [af.reviewer or Path(f).stem for f, (af, _) in trainee_files]
    same = {n for group in lookalikes([*names, "key"]) for n in group}
    for group in lookalikes(names):
        if len({names[n] for n in group}) > 1:
            listed = ", ".join(f"{names[n]!r} ({trainee_files[n][0]})" for n in group)
            notes.append(t(lang, f"这些学员名字看起来是同一个人：{listed}；以文件名区分",
                           f"these trainee names look like one person: {listed}; told "
                           "apart by file name"))
    trainees = []
    for n, ((f, (af, blank)), name) in enumerate(zip(trainee_files, names, strict=True)):
        if n in same:
            name = f"{name} ({Path(f).name})"
        trainees.append(rater(ck, name, f, answers_for(af, ck), blank))
    return Loaded(ck, key, tuple(trainees), tuple(notes))
