"""A result re-scored against the checklist it names, found by id and sha256.

The checklist is looked up among the bundled checklists, the files and folders
given (``--checklist``) and those in ``$BRANCHCHECK_CHECKLISTS`` (separated by
the path separator). Only a file whose bytes hash to the result's recorded
sha256 is used, so an edited or substituted checklist is never believed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from branchcheck.core.i18n import t
from branchcheck.core.model import NA, Answer, Checklist, ItemResult, Result
from branchcheck.integrity.canonical import sha256_hex
from branchcheck.integrity.consistency import close, grade_name

ENV = "BRANCHCHECK_CHECKLISTS"
_MAX_BYTES = 5 * 1024 * 1024
_SUFFIXES = (".yaml", ".yml")
_digests: dict[str, tuple[tuple[int, int], str]] = {}
_loaded: dict[str, Checklist | None] = {}


def sources(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Checklist files and folders to search: ``extra``, then ``$BRANCHCHECK_CHECKLISTS``."""
    env = [p for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    return (*extra, *env)


def _candidates(checklist_id: str, where: Sequence[str]) -> list[str]:
    from branchcheck.core import resources

    found: list[str] = []
    bundled = resources.bundled_checklist(checklist_id)
    if bundled is not None:
        found.append(str(bundled))
    for place in where:
        if os.path.isdir(place):
            found.extend(str(p) for p in sorted(Path(place).rglob("*"))
                         if p.suffix in _SUFFIXES and not p.name.startswith("."))
        else:
            found.append(place)
    return found


def search_print(checklist_id: str, extra: Iterable[str] = ()) -> str:
    """A fingerprint of every file :func:`find_checklist` would look at for
    ``checklist_id`` (path, size, modification time, inode): while it is the same, a
    checklist not found before is still not there."""
    import hashlib

    seen = []
    for path in _candidates(checklist_id, sources(extra)):
        try:
            info = os.stat(path)
            seen.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}")
        except OSError:
            seen.append(f"{path}\0-")
    return hashlib.sha256("\n".join(seen).encode("utf-8", "surrogateescape")).hexdigest()


def _read(path: str) -> bytes | None:
    """The bytes of a regular file of at most 5 MB (never a FIFO or device), or None."""
    from branchcheck.core import fsafe
    from branchcheck.core.errors import StorageError

    try:
        return fsafe.read_regular(Path(path), max_bytes=_MAX_BYTES)
    except StorageError:
        return None


def _digest(path: str) -> tuple[str, bytes | None]:
    try:
        info = os.stat(path)
    except OSError:
        return "", None
    key = (info.st_mtime_ns, info.st_size)
    hit = _digests.get(path)
    if hit is not None and hit[0] == key:
        return hit[1], None
    raw = _read(path)
    if raw is None:
        return "", None
    digest = sha256_hex(raw)
    _digests[path] = (key, digest)
    return digest, raw


def find_checklist(result: Result, extra: Iterable[str] = (),
                   lang: str = "en") -> tuple[Checklist | None, str]:
    """The checklist ``result`` was scored with (matched by sha256), or None and why not."""
    want = result.checklist_sha256
    if want in _loaded and _loaded[want] is not None:
        return _loaded[want], ""
    where = sources(extra)
    for path in _candidates(result.checklist_id, where):
        digest, raw = _digest(path)
        if digest != want:
            continue
        if raw is None:
            raw = _read(path)
            if raw is None or sha256_hex(raw) != want:
                continue
        from branchcheck.checklists.loading import check_bytes

        checklist = check_bytes(raw, path, path=path).checklist
        if checklist is not None and checklist.id == result.checklist_id:
            _loaded[want] = checklist
            return checklist, ""
    what = f"{result.checklist_id} v{result.checklist_version} (sha256 {want[:12]}…)"
    return None, t(lang, f"找不到检查表 {what}：只核对了结果自身的一致性；"
                         f"请用 ${ENV}（或 verify --checklists）指明该检查表文件",
                   f"checklist {what} not found, so only the result's own consistency was "
                   f"checked; name the checklist file in ${ENV} (or verify --checklists)")


def problems_against(result: Result, checklist: Checklist, lang: str = "en", *,
                     legacy: bool = False) -> list[str]:
    """Differences between ``result`` and ``checklist`` re-scored with its answers.

    ``legacy``: a result of the old format, which the oldest versions stored without
    the grade bands; only then may the bands be absent (the grade is still compared).
    """
    from branchcheck.checklists.answers import AnswerError, normalise
    from branchcheck.core.scoring import score

    found: list[str] = []

    def say(zh: str, en: str) -> None:
        found.append(t(lang, zh, en))

    s = result.score
    if (result.checklist_id, result.checklist_version) != (checklist.id, checklist.version):
        say("检查表编号或版本与检查表不符", "checklist id or version differs from the checklist")
    if result.checklist_title != checklist.title:
        say("检查表标题与检查表不符", "the checklist title differs from the checklist")
    if (tuple(result.checklist_grades) != checklist.grades
            and not (legacy and not result.checklist_grades)):
        say("等级区间与检查表不符", "the grade bands differ from the checklist's")
    want_ids = [item.id for _, item in checklist.items()]
    have_ids = [it.id for it in s.items]
    if have_ids != want_ids:
        missing = sorted(set(want_ids) - set(have_ids))
        extra = sorted(set(have_ids) - set(want_ids))
        say(f"项目与检查表不符（缺少 {missing}，多出 {extra}，或顺序/重复不同）",
            f"the items differ from the checklist (missing {missing}, extra {extra}, "
            "or a different order or a duplicate)")
        return found
    answers: dict[str, Answer] = {}
    index = checklist.item_index()
    for it in s.items:
        item = index[it.id]
        if it.value is None:
            continue
        try:
            ok = normalise(item, it.value) == it.value and type(it.value) is not bool
        except AnswerError as exc:
            say(f"项目 {it.id}：{exc.text('zh')}", f"item {it.id}: {exc.text('en')}")
            continue
        if not ok:
            say(f"项目 {it.id}：答案 {it.value!r} 不是规范的答案",
                f"item {it.id}: answer {it.value!r} is not in its normal form")
            continue
        if it.applicable:
            answers[it.id] = Answer(it.id, it.value, it.note)
    if found:
        return found
    want = score(checklist, answers)
    for have, exp in zip(s.items, want.items, strict=True):
        _item_diff(have, exp, say)
    if [x.id for x in s.sections] != [x.id for x in want.sections]:
        say("类别与检查表不符", "the sections differ from the checklist")
    else:
        for hs, ws in zip(s.sections, want.sections, strict=True):
            if (hs.title != ws.title or not close(hs.weight, ws.weight)
                    or not close(hs.raw, ws.raw) or not close(hs.final, ws.final)
                    or hs.knocked_out != ws.knocked_out):
                say(f"类别 {hs.id}：与按检查表重新计分的结果不符",
                    f"section {hs.id}: differs from the checklist re-scored "
                    f"({hs.weight}/{hs.raw}/{hs.final} vs {ws.weight}/{ws.raw}/{ws.final})")
    if not close(s.overall_raw, want.overall_raw) or not close(s.overall_final,
                                                               want.overall_final):
        say(f"总分 {s.overall_raw}/{s.overall_final} 与重新计分 {want.overall_raw}/"
            f"{want.overall_final} 不符",
            f"overall {s.overall_raw}/{s.overall_final} differs from the checklist re-scored "
            f"({want.overall_raw}/{want.overall_final})")
    if s.grade != want.grade:
        say(f"等级 {grade_name(s.grade, 'zh')} 应为 {grade_name(want.grade, 'zh')}",
            f"grade {grade_name(s.grade, 'en')} should be {grade_name(want.grade, 'en')}")
    if (not close(s.coverage, want.coverage) or s.complete != want.complete
            or s.knocked_out != want.knocked_out):
        say("完成度、完整或否决标记与重新计分不符",
            "coverage, complete or knocked_out differs from the checklist re-scored")
    return found


def _item_diff(have: ItemResult, want: ItemResult, say: Callable[[str, str], None]) -> None:
    if have == want:
        return  # the stored item is exactly the re-scored one (the usual case)
    fields = []
    for name in ("section", "type", "status", "applicable", "critical", "text", "guidance",
                 "unit", "note"):
        if getattr(have, name) != getattr(want, name):
            fields.append(name)
    if not close(have.weight, want.weight):
        fields.append("weight")
    if not close(have.fraction, want.fraction):
        fields.append("fraction")
    if have.value != want.value and not (have.value == NA and want.value == NA):
        fields.append("value")
    if fields:
        joined = ", ".join(fields)
        say(f"项目 {have.id}：{joined} 与检查表不符",
            f"item {have.id}: {joined} differs from the checklist")
