"""Grading a class: trainees' answers against a key, per trainee and per item.

:func:`grade` is pure; :func:`load_class` reads the key (an answers file or a
stored result) and the trainees' answers files. Definitions: docs/trainers.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from branchcheck.agreement import Kappa, cohen_kappa, fleiss_kappa, weighted_kappa, with_warning
from branchcheck.answers import AnswerError, normalise
from branchcheck.answersfile import AnswersFile, answers_for, read_answers_file
from branchcheck.errors import InputError, NotFoundError, Problem, UsageError
from branchcheck.i18n import t
from branchcheck.identity import lookalikes
from branchcheck.loading import load_checklist
from branchcheck.model import (
    Answer,
    AnswerValue,
    Checklist,
    Item,
    ItemResult,
    Result,
    Scale,
    Score,
    Status,
)
from branchcheck.scoring import score
from branchcheck.storage import RESULT_FORMATS, read_result
from branchcheck.strictyaml import DEFAULT_MAX_BYTES

CHECK_CATEGORIES: tuple[Status, ...] = ("pass", "fail", "na")
"""Categories of Cohen's kappa on check items."""
STATUS_CATEGORIES: tuple[Status, ...] = ("pass", "partial", "fail", "na")
"""Categories of Fleiss' kappa on choice and metric items (by status)."""
MIN_KAPPA_N = 10
"""Fewer items than this and a kappa is reported as a warning, not a number."""
FEW_ITEMS = "fewer than 10 items"
ONE_CATEGORY = "the key uses one category only"
ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Rater:
    """One set of answers (the key or a trainee's), scored."""

    name: str
    file: str
    answers: Mapping[str, Answer]
    score: Score
    blank: tuple[str, ...] = ()


@dataclass(frozen=True)
class Miss:
    """An item whose status differs from the key's."""

    item: str
    key_status: Status
    status: Status
    key_value: AnswerValue | None
    value: AnswerValue | None


@dataclass(frozen=True)
class TraineeGrade:
    """How one trainee compares with the key."""

    rater: Rater
    agreed: int
    compared: int
    scale_mad: float | None
    scale_pairs: int
    wrong: tuple[Miss, ...]
    kappa: Kappa
    weighted: tuple[tuple[str, Kappa], ...]
    scale_exact: int = 0
    """Scale items answered with the key's value."""
    scale_adjacent: int = 0
    """Scale items answered within one point of the key's value (exact included)."""

    @property
    def agreement(self) -> float | None:
        """Share of compared items with the key's status (None if nothing compared)."""
        return self.agreed / self.compared if self.compared else None


@dataclass(frozen=True)
class ItemStat:
    """How the class answered one item."""

    item: Item
    section: str
    key_status: Status
    key_value: AnswerValue | None
    agreed: int
    total: int
    counts: tuple[tuple[Status, int], ...]
    wrong_by: tuple[str, ...]
    values: tuple[tuple[AnswerValue, int], ...] = ()
    """Scale items: how many trainees gave each value (statuses such as N/A stay in counts)."""

    @property
    def share(self) -> float | None:
        """Share of trainees who agreed with the key."""
        return self.agreed / self.total if self.total else None


@dataclass(frozen=True)
class ClassGrade:
    """The graded class."""

    checklist: Checklist
    key: Rater
    trainees: tuple[TraineeGrade, ...]
    items: tuple[ItemStat, ...]
    fleiss: tuple[FleissGroup, ...]
    no_key: tuple[str, ...]


@dataclass(frozen=True)
class FleissGroup:
    """Fleiss' kappa over the items of one kind (one category set): check items, the
    items of one scale, or choice and metric items by status."""

    kind: str
    kappa: Kappa
    excluded: int


def rater(checklist: Checklist, name: str, file: str, answers: Mapping[str, Answer],
          blank: Sequence[str] = ()) -> Rater:
    """Score ``answers`` into a :class:`Rater`."""
    return Rater(name, file, dict(answers), score(checklist, answers), tuple(blank))


def compared_items(key: Rater) -> list[ItemResult]:
    """Items graded: applicable in the key, not free text, and answered by the key."""
    return [i for i in key.score.items
            if i.applicable and i.type != "text" and i.status != "skipped"]


def _number(value: AnswerValue | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def grade_trainee(checklist: Checklist, key: Rater, trainee: Rater) -> TraineeGrade:
    """Agreement, misses and kappas of one trainee against the key."""
    index = checklist.item_index()
    mine = {i.id: i for i in trainee.score.items}
    agreed = exact = adjacent = 0
    wrong: list[Miss] = []
    diffs: list[int] = []
    check_pairs: list[tuple[Status, Status]] = []
    scale_pairs: dict[str, list[tuple[int, int]]] = {}
    scales: dict[str, Scale] = {}
    items = compared_items(key)
    for k in items:
        t = mine[k.id]
        a, b = _number(k.value), _number(t.value)
        both = k.type == "scale" and a is not None and b is not None
        if (a == b) if both else (t.status == k.status):  # scales agree by value
            agreed += 1
        else:
            wrong.append(Miss(k.id, k.status, t.status, k.value, t.value))
        if k.type == "check" and t.status in CHECK_CATEGORIES and k.status in CHECK_CATEGORIES:
            check_pairs.append((k.status, t.status))
        if both and a is not None and b is not None:
            exact += a == b
            adjacent += abs(a - b) <= 1
            diffs.append(abs(a - b))
            scale = index[k.id].scale
            if scale is not None:
                scales[scale.id] = scale
                scale_pairs.setdefault(scale.id, []).append((a, b))
    weighted = [
        (sid, degenerate(weighted_kappa(pairs, range(scales[sid].min, scales[sid].max + 1)),
                         {x for x, _ in pairs}))
        for sid, pairs in scale_pairs.items()
    ]
    return TraineeGrade(
        rater=trainee, agreed=agreed, compared=len(items),
        scale_mad=sum(diffs) / len(diffs) if diffs else None, scale_pairs=len(diffs),
        wrong=tuple(wrong), kappa=_check_kappa(check_pairs, any(k.type == "check" for k in items)),
        weighted=tuple(weighted), scale_exact=exact, scale_adjacent=adjacent,
    )


def degenerate(k: Kappa, key_categories: set[object]) -> Kappa:
    """``k`` with a warning where it says nothing: fewer than :data:`MIN_KAPPA_N` items,
    or a key that uses one category only (kappa is then 0 or undefined by construction)."""
    if not k.defined and k.reason:
        return k
    if len(key_categories) < 2:
        return with_warning(k, ONE_CATEGORY)
    if k.n < MIN_KAPPA_N:
        return with_warning(k, FEW_ITEMS)
    return k


def _check_kappa(pairs: list[tuple[Status, Status]], any_check: bool) -> Kappa:
    if pairs:
        return degenerate(cohen_kappa(pairs, CHECK_CATEGORIES), {a for a, _ in pairs})
    why = "check items left blank" if any_check else "no check items are graded"
    return Kappa(None, None, None, 0, why)


def grade(checklist: Checklist, key: Rater, trainees: Sequence[Rater]) -> ClassGrade:
    """Grade every trainee against ``key``, and the class item by item."""
    graded = sorted((grade_trainee(checklist, key, t) for t in trainees),
                    key=lambda g: (-1.0 if g.agreement is None else g.agreement, g.rater.name))
    index = checklist.item_index()
    section_of = {i.id: s.id for s, i in checklist.items()}
    by_trainee = [{i.id: i for i in t.score.items} for t in trainees]
    stats: list[ItemStat] = []
    groups: dict[str, tuple[list[object], list[list[int]], list[int]]] = {}
    items = compared_items(key)
    for k in items:
        answers = [m[k.id] for m in by_trainee]
        statuses = [a.status for a in answers]
        numbers = [_number(a.value) for a in answers]
        key_number = _number(k.value)
        scale = index[k.id].scale if k.type == "scale" else None
        if scale is not None and key_number is not None:
            wrong_by = tuple(t.name for t, x in zip(trainees, numbers, strict=True)
                             if x != key_number)
            values = tuple((v, numbers.count(v)) for v in range(scale.max, scale.min - 1, -1)
                           if numbers.count(v))
            others = [s for s, x in zip(statuses, numbers, strict=True) if x is None]
        else:
            wrong_by = tuple(t.name for t, s in zip(trainees, statuses, strict=True)
                             if s != k.status)
            values, others = (), statuses
        counts = tuple((s, others.count(s)) for s in (*STATUS_CATEGORIES, "skipped")
                       if others.count(s))
        stats.append(ItemStat(index[k.id], section_of[k.id], k.status, k.value,
                              len(statuses) - len(wrong_by), len(statuses), counts, wrong_by,
                              values))
        _fleiss_row(groups, k.type, scale, statuses, numbers)
    position = {k.id: n for n, k in enumerate(items)}
    stats.sort(key=lambda s: (1.0 if s.share is None else s.share, position[s.item.id]))
    no_key = tuple(i.id for i in key.score.items
                   if i.applicable and i.type != "text" and i.status == "skipped")
    fleiss = tuple(
        FleissGroup(kind, fleiss_kappa(rows) if rows else Kappa(
            None, None, None, 0, "no item answered by every trainee"), len(left))
        for kind, (_, rows, left) in groups.items())
    return ClassGrade(checklist, key, tuple(graded), tuple(stats), fleiss, no_key)


def _fleiss_row(groups: dict[str, tuple[list[object], list[list[int]], list[int]]],
                kind: str, scale: Scale | None, statuses: Sequence[Status],
                numbers: Sequence[int | None]) -> None:
    """Add one item's answers to the Fleiss group of its category set: check items
    (pass, fail, N/A), each scale (its points and N/A), other items (by status)."""
    answers: list[object]
    if kind == "check":
        name, cats = "check", list[object](CHECK_CATEGORIES)
        answers = list(statuses)
    elif scale is not None:
        name = f"scale:{scale.id}"
        cats = [*range(scale.min, scale.max + 1), "na"]
        answers = [x if x is not None else s for x, s in zip(numbers, statuses, strict=True)]
    else:
        name, cats = "other", list[object](STATUS_CATEGORIES)
        answers = list(statuses)
    _, rows, left = groups.setdefault(name, (cats, [], []))
    if all(a in cats for a in answers):
        rows.append([answers.count(c) for c in cats])
    else:
        left.append(1)


def parse_share(text: str) -> float:
    """``--min-agreement``: a share from 0 to 1 (``0.8``) or a percentage (``80%``)."""
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        raise UsageError(f"--min-agreement {text!r} is not a number; use e.g. 0.8 or 80%"
                         ) from None
    if percent:
        value /= 100
    elif value > 1:
        raise UsageError(f"--min-agreement {text!r} is above 1; write a share (0.8) or a "
                         f"percentage ({raw}%)")
    if not 0 <= value <= 1:
        raise UsageError(f"--min-agreement {text!r} must be between 0 and 1 (0% and 100%)")
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
            raise InputError.at(Problem(p, 0, 0, "unreadable", "no such file or folder"))
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
    from branchcheck.strictyaml import load_mapping

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
                from branchcheck.strictyaml import load_mapping

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
        raise UsageError("no answers files found (looked for *.yaml, *.yml and *.json)")
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
            raise InputError.at(Problem(key_path, 0, 0, "version-mismatch",
                                        f"the key is a result for version "
                                        f"{key_result.checklist_version} of {ck.id!r}; the "
                                        f"checklist is version {ck.version}"))
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
        raise InputError.at(Problem(key_path, 0, 0, "empty-key",
                                    "the key answers no gradable item; fill in its answers"))
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
