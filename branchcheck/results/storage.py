"""Results on disk: (de)serialisation, atomic writes, never overwrite, re-validate on read.

Layout: ``<results-dir>/<branch>/<checklist-id>/<UTC timestamp>.yaml``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.checksource import SELF
from branchcheck.core.errors import InputError, Problem, StorageError, UsageError
from branchcheck.core.fsafe import ExistsError as ExistsError
from branchcheck.core.fsafe import atomic_write, inside, read_regular
from branchcheck.core.i18n import t
from branchcheck.core.ids import RESERVED_CHECKLIST_IDS
from branchcheck.core.model import (
    CHECKLIST_ID,
    Grade,
    ItemResult,
    Result,
    Score,
    SectionScore,
    Text,
)
from branchcheck.core.places import BRANCH_ID
from branchcheck.core.places import DEFAULT_DIR as DEFAULT_DIR
from branchcheck.core.places import check_branch as check_branch
from branchcheck.core.places import now_iso as now_iso
from branchcheck.core.places import results_dir as results_dir

RESULT_FORMAT = "branchcheck-result/2"
RESULT_FORMATS = ("branchcheck-result/1", RESULT_FORMAT)
"""Formats read back: 1 (before the chain and signatures) and the current one."""
_BRANCH = BRANCH_ID
if TYPE_CHECKING:
    from branchcheck.results.summary import Summary
_MAX_SAME_STAMP = 100


# ---------------------------------------------------------------- (de)serialise


def _text_out(text: Text | None) -> Any:
    if text is None:
        return None
    if set(text) == {""}:
        return text[""]
    return dict(text)


def _text_in(value: Any) -> Text:
    if isinstance(value, str):
        return {"": value}
    return dict(value or {})


def result_to_dict(result: Result) -> dict[str, Any]:
    """A result as plain data (the stored layout, see schemas/result.schema.json)."""
    s = result.score
    grade = None
    if s.grade is not None:
        grade = _grade_out(s.grade)
    items = []
    for it in s.items:
        entry: dict[str, Any] = {
            "id": it.id, "section": it.section, "type": it.type, "text": _text_out(it.text),
            "status": it.status, "value": it.value, "fraction": it.fraction, "note": it.note,
            "weight": it.weight, "critical": it.critical, "applicable": it.applicable,
        }
        if it.unit is not None:
            entry["unit"] = it.unit
        if it.guidance is not None:
            entry["guidance"] = _text_out(it.guidance)
        items.append(entry)
    checklist: dict[str, Any] = {"id": result.checklist_id, "version": result.checklist_version,
                                 "sha256": result.checklist_sha256,
                                 "title": _text_out(result.checklist_title)}
    if result.checklist_grades:
        checklist["grades"] = [_grade_out(g) for g in result.checklist_grades]
    return {
        "format": RESULT_FORMAT,
        "tool_version": result.tool_version,
        "previous": None,
        "previous_file": None,
        "checklist": checklist,
        "branch": result.branch,
        # who checked: written for independent checks only, so a self-check is stored
        # exactly as before sources existed (absent reads as self)
        **({"source": result.source} if result.source != SELF else {}),
        **({"inspector_unit": result.inspector_unit} if result.inspector_unit else {}),
        **({"visit": dict(result.visit)} if result.visit else {}),
        **({"appeal": dict(result.appeal)} if result.appeal else {}),
        "reviewer": result.reviewer,
        "lang": result.lang,
        "started": result.started,
        "finished": result.finished,
        **({"stored": result.stored} if result.stored else {}),
        "overall": {"raw": s.overall_raw, "final": s.overall_final},
        "grade": grade,
        "coverage": s.coverage,
        "complete": s.complete,
        "knocked_out": s.knocked_out,
        "sections": [{"id": x.id, "title": _text_out(x.title), "weight": x.weight, "raw": x.raw,
                      "final": x.final, "knocked_out": x.knocked_out} for x in s.sections],
        "items": items,
    }


def _grade_out(grade: Grade) -> dict[str, Any]:
    return {"min": grade.min, "label": _text_out(grade.label)}


def _grade_in(data: Mapping[str, Any]) -> Grade:
    return Grade(float(data["min"]), _text_in(data["label"]))


def _legacy_grade(d: Mapping[str, Any], grade: Grade) -> Grade:
    """The red-line grade for a knocked-out result stored before knockouts had their
    own grade (it holds the lowest band, which is what the scores then gave)."""
    from branchcheck.core.scoring import RED_LINE, grade_for

    if not d.get("knocked_out") or grade == RED_LINE:
        return grade
    bands = tuple(_grade_in(g) for g in d["checklist"].get("grades") or ())
    final = d["overall"]["final"]
    legacy = grade_for(bands, final) if bands else None
    if grade == legacy or (not bands and final is not None and grade.min <= final):
        return RED_LINE
    return grade


def result_from_dict(d: Mapping[str, Any], path: str = "") -> Result:
    """Rebuild a :class:`Result` from schema-valid data."""
    grade = d.get("grade")
    score = Score(
        items=tuple(ItemResult(
            id=i["id"], section=i["section"], type=i["type"], text=_text_in(i["text"]),
            status=i["status"], value=i.get("value"), fraction=i.get("fraction"),
            note=i.get("note"), weight=float(i.get("weight", 1)), critical=i.get("critical"),
            applicable=i.get("applicable", True),
            guidance=_text_in(i["guidance"]) if i.get("guidance") is not None else None,
            unit=i.get("unit"),
        ) for i in d["items"]),
        sections=tuple(SectionScore(
            id=x["id"], title=_text_in(x.get("title") or x["id"]),
            weight=float(x.get("weight", 1)), raw=x["raw"], final=x["final"],
            knocked_out=x["knocked_out"],
        ) for x in d["sections"]),
        overall_raw=d["overall"]["raw"],
        overall_final=d["overall"]["final"],
        grade=_legacy_grade(d, _grade_in(grade)) if grade else None,
        coverage=float(d["coverage"]),
        complete=d["complete"],
        knocked_out=d.get("knocked_out", False),
    )
    ck = d["checklist"]
    return Result(
        tool_version=d.get("tool_version", ""), checklist_id=ck["id"],
        checklist_version=ck["version"], checklist_sha256=ck["sha256"],
        checklist_title=_text_in(ck.get("title") or ck["id"]), branch=d["branch"],
        reviewer=d.get("reviewer") or "", started=d.get("started") or "",
        finished=d.get("finished") or "", lang=d.get("lang") or "en", score=score, path=path,
        checklist_grades=tuple(_grade_in(g) for g in ck.get("grades") or ()),
        source=d.get("source") or SELF, inspector_unit=d.get("inspector_unit"),
        stored=d.get("stored") or "",
        visit=d.get("visit"), appeal=d.get("appeal"),
    )


def dump_yaml(data: Any) -> str:
    """YAML text of plain data (block style, unicode kept, key order kept)."""
    import yaml

    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=1000))


# ---------------------------------------------------------------- store and read


def result_path(root: Path, result: Result) -> Path:
    """Where ``result`` is stored under ``root`` (ids validated, no path tricks)."""
    check_branch(result.branch)
    if not CHECKLIST_ID.fullmatch(result.checklist_id) or (
            result.checklist_id in RESERVED_CHECKLIST_IDS):
        raise UsageError(f"invalid checklist id {result.checklist_id!r} (reserved: the results "
                         "folder keeps action evidence under that name)"
                         if result.checklist_id in RESERVED_CHECKLIST_IDS
                         else f"invalid checklist id {result.checklist_id!r}")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return root / result.branch / result.checklist_id / f"{stamp}.yaml"


def write_result(result: Result, *, root: Path | None = None, path: Path | None = None,
                 lang: str = "en", data: Mapping[str, Any] | None = None) -> Path:
    """Write ``result`` (under ``root``, or exactly at ``path``); never overwrites.

    The bytes are checked to read back first (:func:`result_bytes`). Under
    ``root`` nothing is written outside it once symlinks are resolved, and a
    file name already taken (two results stored in the same microsecond, or a
    clock with a coarse resolution) gets a ``-2``, ``-3``, ... suffix instead of
    failing; an explicit ``path`` that exists is an error. ``data`` is the
    document to write (default ``result_to_dict(result)``). Commands store
    results with :func:`branchcheck.results.chain.store_result`, which links
    them into the chain (and signs them) first.
    """
    if path is not None:
        atomic_write(path, result_bytes(result, lang, data=data), overwrite=False)
        return path
    root = root or results_dir()
    base = result_path(root, result)
    raw = result_bytes(result, lang, data=data)
    prepare_folder(root, base.parent, lang)
    for n in range(1, _MAX_SAME_STAMP + 1):
        target = base if n == 1 else base.with_name(f"{base.stem}-{n}{base.suffix}")
        try:
            atomic_write(target, raw, root=root, overwrite=False)
        except ExistsError:
            continue
        return target
    raise StorageError(f"cannot store the result: {_MAX_SAME_STAMP} files named "
                       f"{base.stem}*{base.suffix} already exist in {base.parent}")


def prepare_folder(root: Path, folder: Path, lang: str = "en") -> Path:
    """Create ``folder`` under ``root`` and make sure a file can be written there.

    Refuses (exit 2, naming the folder) a folder that leads outside ``root``
    once symlinks are resolved -- checked before anything is created -- and a
    folder that cannot be created or written to.
    """
    import tempfile

    inside(root, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        inside(root, folder)
        fd, probe = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StorageError(t(lang, f"无法写入 {folder}：{exc.strerror or exc}",
                             f"cannot write to {folder}: {exc.strerror or exc}")) from None
    return folder


def result_bytes(result: Result, lang: str = "en", *,
                 data: Mapping[str, Any] | None = None) -> bytes:
    """The stored form of ``result`` (or of the document ``data`` made from it),
    refused unless it reads back as the same kind of file every command accepts:
    within the read size limit, schema-valid and consistent (:class:`StorageError`,
    exit 2, nothing written)."""
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
    from branchcheck.core.timestamps import parse_iso

    for key, value in (("started", result.started), ("finished", result.finished)):
        if parse_iso(value) is None:  # history --since would silently drop it
            raise StorageError(t(lang, f"结果未保存：{key} {value!r} 不是真实存在的 ISO 8601 时间",
                                 f"result not stored: {key} {value!r} is not a real ISO 8601 "
                                 "time"))
    try:
        raw = dump_yaml(dict(data) if data is not None else result_to_dict(result)).encode(
            "utf-8")
    except UnicodeError:  # a lone surrogate: bytes of another encoding in a name or note
        raise StorageError(t(
            lang, "结果未保存：有文字含无效字符（不是有效的 Unicode，多为终端编码与系统语言设置"
                  "不符），保存后无法读回",
            "result not stored: a text holds characters that are not valid Unicode (often "
            "a terminal encoding other than the locale's), so it could not be read back")
        ) from None
    if len(raw) > DEFAULT_MAX_BYTES:
        raise StorageError(t(
            lang, f"结果未保存：它有 {len(raw)} 字节，超过读取上限 {DEFAULT_MAX_BYTES} 字节，"
                  "保存后无法读回；请缩短过长的答案或备注",
            f"result not stored: it would be {len(raw)} bytes, over the limit of "
            f"{DEFAULT_MAX_BYTES} bytes for reading results, so it could not be read back; "
            "shorten the longest answers or notes"))
    try:
        parse_result(raw, "result", lang=lang)
    except InputError as exc:  # invalid, or tampered (a TamperedError)
        raise StorageError(t(
            lang, "结果未保存：保存后无法作为有效结果读回（见下）",
            "result not stored: it would not read back as a valid result (see below)"),
            [dataclasses.replace(p, line=0, column=0) for p in exc.problems]) from None
    return raw


def read_result(path: str | Path, *, verify: bool = True, lang: str = "en",
                root: Path | None = None, checklists: Iterable[str] = (),
                trust: str | None = None) -> Result:
    """Load a result file, validate it against the result schema and (by default)
    assess its integrity (messages in ``lang``; see :func:`parse_result`).

    Only a regular file is opened (a FIFO or device is refused, never read);
    with ``root`` a file leading outside it once symlinks are resolved is refused.
    """
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES

    if not os.path.lexists(path):
        raise InputError.at(Problem(str(path), 0, 0, "unreadable", t(lang, "文件不存在",
                                                                     "no such file")))
    raw = read_regular(Path(path), max_bytes=DEFAULT_MAX_BYTES, root=root)
    return parse_result(raw, str(path), verify=verify, lang=lang, checklists=checklists,
                        trust=trust)


def parse_result(raw: bytes, name: str, *, verify: bool = True, lang: str = "en",
                 checklists: Iterable[str] = (), trust: str | None = None) -> Result:
    """A result from the bytes of file ``name``: schema-valid and (by default) with its
    integrity assessed (:func:`branchcheck.integrity.assess.assess`: its own scores,
    its checklist found by sha256 among the bundled ones and ``checklists``, its
    signature against the keys in ``trust``); a contradiction raises
    :class:`TamperedError`."""
    data, result = load_result(raw, name, lang)
    if verify:
        from branchcheck.integrity.assess import assess

        integrity = assess(data, result, name=name, lang=lang, checklists=checklists,
                           trust=trust)
        result = replace(result, integrity=integrity)
    return result


def load_result(raw: bytes, name: str, lang: str = "en") -> tuple[dict[str, Any], Result]:
    """The schema-valid document in ``raw`` (file ``name``) and its result, unassessed."""
    from branchcheck.core import blockyaml, numbers
    from branchcheck.core.strictyaml import decode, parse_mapping
    from branchcheck.core.validation import is_valid, schema_problems

    text = decode(raw, name)
    data = blockyaml.parse(text)  # the plain form dump_yaml writes, read fast
    if data is None or not is_valid(data, "result"):
        doc = parse_mapping(text, name)  # strictly, locating any problem
        problems = schema_problems(doc, "result") or numbers.problems(doc)
        if problems:
            headline, known = _not_a_result(doc.data, name, lang)
            # a checklist or answers file is named as one; its missing result keys
            # would only bury that
            raise InputError(headline, () if known else problems)
        data = doc.data
    return data, result_from_dict(data, name)


def _not_a_result(data: Any, name: str, lang: str) -> tuple[str, bool]:
    """The headline for a file that is not a result, and whether it says what the file
    is instead (a checklist or an answers file given where a result was expected)."""
    if isinstance(data, dict) and "sections" in data and "title" in data \
            and "overall" not in data:
        return t(lang, f"{name} 是检查表，不是检查结果：请给出 run 或 score 保存的结果文件"
                       "（如 branchcheck-results/<网点>/<检查表>/<时间>.yaml），或用 --branch",
                 f"{name} is a checklist, not a result: give a result file stored by run or "
                 "score (branchcheck-results/<branch>/<checklist>/<stamp>.yaml), or --branch"), True
    if isinstance(data, dict) and "answers" in data and "overall" not in data:
        return t(lang, f"{name} 是答案文件，不是检查结果：先用 branchcheck score 评分",
                 f"{name} is an answers file, not a result: score it first with "
                 "branchcheck score"), True
    return t(lang, f"{name}：不是有效的结果文件", f"{name}: not a valid result file"), False


def tamper_problems(result: Result, lang: str = "en") -> list[str]:
    """Inconsistencies between a result's items and its stored scores (see
    :mod:`branchcheck.integrity.consistency`)."""
    from branchcheck.integrity.consistency import tamper_problems as problems

    return problems(result, lang)


def misplaced(result: Result | Summary, path: str | Path, lang: str = "en") -> str | None:
    """Why ``result`` does not belong in the ``<branch>/<checklist>/`` folder of ``path``
    (a file moved or copied under another branch), or None when it does."""
    folder = Path(path).parent
    if (result.branch, result.checklist_id) == (folder.parent.name, folder.name):
        return None
    where = f"{folder.parent.name}/{folder.name}"
    return t(lang, f"存放在 {where} 下，但它是网点 {result.branch} 的 {result.checklist_id} 结果",
             f"stored under {where} but is a result of {result.checklist_id} for branch "
             f"{result.branch}")


@dataclass(frozen=True)
class StoredResult:
    """A result file found under a results directory."""

    path: Path
    branch: str
    checklist_id: str
    stamp: str


def iter_stored(root: Path, branch: str | None = None,
                checklist_id: str | None = None) -> Iterator[StoredResult]:
    """Stored result files, newest first (by their UTC timestamp file names)."""
    if branch is not None:
        check_branch(branch)
    found: list[StoredResult] = []
    if not root.is_dir():
        return iter(())
    for bdir in sorted(root.iterdir()):
        if not bdir.is_dir() or not _BRANCH.fullmatch(bdir.name):
            continue
        if branch is not None and bdir.name != branch:
            continue
        for cdir in sorted(bdir.iterdir()):
            if not cdir.is_dir() or (checklist_id is not None and cdir.name != checklist_id):
                continue
            for f in cdir.glob("*.yaml"):
                if f.name.startswith(".") or f.name.startswith("draft"):
                    continue
                found.append(StoredResult(f, bdir.name, cdir.name, f.stem))
    found.sort(key=lambda r: (r.stamp, str(r.path)), reverse=True)
    return iter(found)
