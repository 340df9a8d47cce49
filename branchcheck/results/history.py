"""A branch's stored results over time: rows, sparklines, most-failed items.

Reading is the cost (YAML + schema + re-scoring per file), so what history needs
of each file and the verdict its bytes earned are cached
(:mod:`branchcheck.results.history_cache`: HMAC'd, in the user's cache folder, an
entry served only for the exact bytes). Files missing from the cache are parsed
in parallel when many.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.core.errors import BranchcheckError, NotFoundError, TamperedError, UsageError
from branchcheck.core.i18n import t
from branchcheck.core.model import CHECKLIST_ID, Integrity, Result, Text
from branchcheck.integrity.assess import Verdict
from branchcheck.results.history_cache import ResultCache
from branchcheck.results.summary import Summary, summarise

if TYPE_CHECKING:
    from branchcheck.results.storage import StoredResult

PARALLEL_THRESHOLD = 16
BATCH = 1024
"""Files read before they are parsed (~20 MB of a 50-item checklist's results)."""
SPARK = "▁▂▃▄▅▆▇█"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_since(text: str, lang: str = "en") -> date:
    """A ``--since`` date (YYYY-MM-DD); :class:`UsageError` if it is not one."""
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(t(lang, f"无效的日期 {text!r}：请用 YYYY-MM-DD 格式，例如 2024-05-01",
                       f"invalid date {text!r}: use YYYY-MM-DD, e.g. 2024-05-01"))


def check_checklist_id(text: str, lang: str = "en") -> str:
    """``text`` if it is a checklist id (kebab-case), else a usage error."""
    if not CHECKLIST_ID.fullmatch(text):
        raise UsageError(t(lang, f"无效的检查表编号 {text!r}：只能用小写字母、数字和 '-'"
                                 "（例如 daily-opening）",
                           f"invalid checklist id {text!r}: use lowercase letters, digits and "
                           "'-' (e.g. daily-opening)"))
    return text


def stored_of(root: Path, branch: str, checklist_id: str | None = None,
              lang: str = "en") -> list[StoredResult]:
    """The stored result files of ``branch`` (of ``checklist_id`` if given), newest
    first; :class:`NotFoundError` when there are none."""
    from branchcheck.results import storage

    stored = list(storage.iter_stored(root, branch, checklist_id))
    if not stored:
        from branchcheck.core.places import require_branch, require_checklist

        require_branch(root, branch, lang)  # a typo: the nearest stored ids
        if checklist_id:
            require_checklist(root, checklist_id, branch, lang)
            raise NotFoundError(t(
                lang, f"{root} 下没有网点 {branch} 的检查表 {checklist_id!r} 的已保存结果",
                f"no stored results for checklist {checklist_id!r} of branch {branch} "
                f"under {root}"))
        raise NotFoundError(t(lang, f"{root} 下没有网点 {branch} 的已保存结果",
                              f"no stored results for branch {branch} under {root}"))
    return stored


def parse_time(iso: str) -> datetime | None:
    """An ISO 8601 time with its offset (``Z`` allowed) as results store it, or None."""
    from branchcheck.core.timestamps import parse_iso

    return parse_iso(iso)


def result_date(result: Result | Summary) -> date | None:
    """The calendar day a result was finished (in its own time zone)."""
    when = parse_time(result.finished or result.started)
    return when.date() if when else None


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class Loaded:
    """Results read from a results directory, oldest first, and the files skipped."""

    results: tuple[Summary, ...]
    skipped: tuple[tuple[str, str], ...]
    parsed: int = 0
    cached: int = 0
    tampered: frozenset[str] = frozenset()
    """The skipped files that were refused as hand-edited (or stored in the wrong folder)."""


Read = tuple[Summary | None, Verdict | None, str, bool]
"""A file read: its summary and verdict, or why it was skipped and whether as tampered."""


def _read_one(raw: bytes, path: str, lang: str = "en") -> Read:
    """Parse, schema-check and assess the bytes of one result file (maybe in a worker
    process)."""
    import dataclasses

    from branchcheck.integrity.assess import trusted, verdict
    from branchcheck.results import storage

    try:
        data, result = storage.load_result(raw, path, lang)
        v = verdict(data, result, name=path, lang=lang)
        result = dataclasses.replace(result, integrity=trusted(v, result.branch, lang))
        return summarise(result), v, "", False
    except BranchcheckError as exc:
        return None, None, _reason(exc, path), isinstance(exc, TamperedError)


def _reason(exc: BranchcheckError, path: str) -> str:
    """One line saying why a file was skipped (its path left out, the caller names it)."""
    located = {str(p) for p in exc.problems}
    message = exc.message.removeprefix(f"{path}: ").removeprefix(f"{path}：")
    parts = [] if exc.message in located else [message]
    for p in exc.problems:
        where = f"{p.line}:{p.column}: " if p.line > 0 else ""
        parts.append(f"{where}{p.message}")
    return "; ".join(parts)


def describe(path: str, reason: str) -> str:
    """``path:line:col: message`` (or ``path: message``) of a skipped file."""
    return f"{path}:{reason}" if reason[:1].isdigit() else f"{path}: {reason}"


def load(root: Path, branch: str, checklist_id: str | None = None, *,
         since: date | None = None, use_cache: bool = False, jobs: int = 0,
         lang: str = "en") -> Loaded:
    """Stored results of ``branch`` (and ``checklist_id``), finished on or after ``since``.

    Unreadable, invalid or hand-edited files are skipped and listed in ``skipped``
    (why, in ``lang``). With ``use_cache`` files seen before with the same bytes are
    served from the user's history cache (:mod:`branchcheck.results.history_cache`).
    """
    from branchcheck.core.fsafe import read_regular
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES
    from branchcheck.results import storage

    stored = list(storage.iter_stored(root, branch, checklist_id))
    present: dict[str, set[str]] = {}  # every stored file, before --since: the cache keeps them
    for s in stored:
        present.setdefault(s.checklist_id, set()).add(s.path.name)
    if since is not None:  # file names are UTC stamps: keep a day either side of midnight
        # date.min has no day before it; isoformat pads years below 1000 (strftime may not)
        floor = (since - timedelta(days=1) if since > date.min else since).isoformat()
        floor = floor.replace("-", "")
        stored = [s for s in stored if not s.stamp[:8].isdigit() or s.stamp[:8] >= floor]
    groups: dict[str, list[storage.StoredResult]] = {}
    for s in stored:
        groups.setdefault(s.checklist_id, []).append(s)
    real_root = Path(os.path.realpath(root))
    results: list[Summary] = []
    skipped: list[tuple[str, str]] = []
    tampered: set[str] = set()
    parsed = cached = 0
    for ck, files in sorted(groups.items()):
        if not CHECKLIST_ID.fullmatch(ck):
            skipped += [(str(s.path), t(lang, f"文件夹 {ck!r} 不是检查表编号",
                                        f"folder {ck!r} is not a checklist id"))
                        for s in files]
            continue
        cache = ResultCache(root, branch, ck, lang) if use_cache else None
        misses: list[tuple[str, bytes, str]] = []  # (path, bytes, sha256)
        into = (results, skipped, tampered)
        for s in files:
            name = str(s.path)
            try:  # never opens a FIFO or device, never follows a link out of root
                raw = read_regular(s.path, max_bytes=DEFAULT_MAX_BYTES, root=real_root,
                                   resolved=True)
            except BranchcheckError as exc:
                skipped.append((name, _reason(exc, name)))
                continue
            digest = hashlib.sha256(raw).hexdigest() if cache else ""
            hit = cache.get(s.path.name, digest, name) if cache else None
            if hit is not None:
                results.append(hit)
                cached += 1
                continue
            misses.append((name, raw, digest))
            if len(misses) >= BATCH:  # parsed a batch at a time: bounded memory
                parsed += _settle(misses, jobs, lang, cache, *into)
        parsed += _settle(misses, jobs, lang, cache, *into)
        if cache:
            cache.save(present[ck])
    kept: list[Summary] = []
    for r in results:
        wrong = storage.misplaced(r, r.path, lang)
        if wrong is not None:
            skipped.append((r.path, wrong))
            tampered.add(r.path)
            continue
        day = result_date(r)
        if since is not None and (day is None or day < since):
            continue
        kept.append(r)
    kept.sort(key=_chrono_key)
    return Loaded(tuple(kept), tuple(sorted(skipped)), parsed, cached, frozenset(tampered))


def _settle(misses: list[tuple[str, bytes, str]], jobs: int, lang: str,
            cache: ResultCache | None, results: list[Summary],
            skipped: list[tuple[str, str]], tampered: set[str]) -> int:
    """Parse the files read and not served by the cache (then forgotten): their
    summaries into ``results``, the others into ``skipped``; how many were parsed."""
    parsed = 0
    read = _read_all(misses, jobs, lang)
    for (name, _, digest), (summary, verdict, error, refused) in zip(misses, read,
                                                                     strict=True):
        if summary is None or verdict is None:
            skipped.append((name, error))
            if refused:
                tampered.add(name)
            continue
        results.append(summary)
        parsed += 1
        if cache:
            cache.put(Path(name).name, digest, summary, verdict)
    misses.clear()
    return parsed


def _chrono_key(result: Summary) -> tuple[float, str]:
    when = parse_time(result.finished or result.started)
    return (when.timestamp() if when and when.tzinfo else 0.0, Path(result.path).name)


def _read_all(files: Sequence[tuple[str, bytes, str]], jobs: int,
              lang: str = "en") -> Iterable[Read]:
    workers = jobs or min(os.cpu_count() or 1, 4)
    if workers > 1 and len(files) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(files) // (workers * 4))
            return list(pool.map(partial(_read_one, lang=lang), [f[1] for f in files],
                                 [f[0] for f in files], chunksize=chunk))
    return [_read_one(raw, name, lang) for name, raw, _ in files]


# ---------------------------------------------------------------- rows and trends


@dataclass(frozen=True)
class Row:
    """One stored result as a history row."""

    path: str
    finished: str
    reviewer: str
    version: int
    overall: float | None
    overall_raw: float | None
    grade: Text | None
    coverage: float
    complete: bool
    knocked_out: bool
    sections: Mapping[str, float | None]
    """Final score by section id."""
    edges: tuple[float, ...] = ()
    """Lower bounds of the grade bands, so the score is never shown across one."""
    integrity: Integrity | None = None


@dataclass(frozen=True)
class Failing:
    """An item that failed in some of the results: how often, out of how many answers."""

    id: str
    section: str
    text: Text
    failed: int
    answered: int


@dataclass(frozen=True)
class History:
    """The history of one branch on one checklist, oldest row first."""

    branch: str
    checklist_id: str
    title: Text
    sections: tuple[tuple[str, Text], ...]
    rows: tuple[Row, ...]
    most_failed: tuple[Failing, ...]


def _row(r: Summary) -> Row:
    return Row(
        path=r.path, finished=r.finished or r.started, reviewer=r.reviewer,
        version=r.checklist_version, overall=r.overall_final, overall_raw=r.overall_raw,
        grade=r.grade, coverage=r.coverage, complete=r.complete,
        knocked_out=r.knocked_out, sections={sid: final for sid, _, final in r.sections},
        edges=r.edges, integrity=r.integrity,
    )


def most_failed(results: Sequence[Summary], top: int = 10) -> tuple[Failing, ...]:
    """The ``top`` items with most failures (ties by id); texts from the newest result."""
    failed: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    latest: dict[str, tuple[str, Text]] = {}
    for r in results:  # oldest first, so newer texts win
        for (iid, section, text), code in zip(r.layout, r.statuses, strict=True):
            if code in "phf":  # pass, partial, fail
                answered[iid] += 1
                if code == "f":
                    failed[iid] += 1
            latest[iid] = (section, text)
    ranked = sorted(failed, key=lambda k: (-failed[k], k))[:top]
    return tuple(Failing(k, latest[k][0], latest[k][1], failed[k], answered[k]) for k in ranked)


def build(results: Sequence[Summary], top: int = 10) -> list[History]:
    """One :class:`History` per checklist (by id), from results sorted oldest first."""
    groups: dict[str, list[Summary]] = {}
    for r in results:
        groups.setdefault(r.checklist_id, []).append(r)
    out: list[History] = []
    for ck, rs in sorted(groups.items()):
        sections: dict[str, Text] = {}
        for r in reversed(rs):  # newest first: its order and titles win
            for sid, title, _ in r.sections:
                sections.setdefault(sid, title)
        out.append(History(
            branch=rs[-1].branch, checklist_id=ck, title=rs[-1].checklist_title,
            sections=tuple(sections.items()), rows=tuple(_row(r) for r in rs),
            most_failed=most_failed(rs, top),
        ))
    return out


def sparkline(values: Sequence[float | None], width: int = 40) -> str:
    """A unicode block trend of ``values`` scaled min-max (a space where there is none).

    More values than ``width`` are averaged into ``width`` buckets.
    """
    if len(values) > width:
        buckets: list[float | None] = []
        for i in range(width):
            chunk = [v for v in values[i * len(values) // width:(i + 1) * len(values) // width]
                     if v is not None]
            buckets.append(sum(chunk) / len(chunk) if chunk else None)
        values = buckets
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    lo, hi = min(known), max(known)
    top = len(SPARK) - 1
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif hi - lo < 1e-9:
            out.append(SPARK[top // 2])
        else:
            out.append(SPARK[round((v - lo) / (hi - lo) * top)])
    return "".join(out)
