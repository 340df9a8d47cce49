"""Ingest stored results into the warehouse: incremental, parallel, one transaction.

1. Walk each results folder (``<branch>/<checklist>/<stamp>.yaml``) without
   following links; a file whose (path, size, mtime_ns) is already recorded is
   skipped without being opened.
2. Every other file is read once (regular files only), hashed, and parsed with
   :func:`branchcheck.storage.parse_result` (schema and tamper checks, as
   ``results`` does) in worker processes on every core. A result is keyed by
   the sha256 of its bytes: a copy is stored once.
3. Everything is written in one transaction: a killed ingest leaves the
   warehouse as it was; an exclusive lock keeps a second ingest out.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.model import Result
    from branchcheck.network.org import Org

MAX_BYTES = 5 * 1024 * 1024
_SUFFIX = ".yaml"
_EVIDENCE = "evidence"  # branchcheck.actions.model.EVIDENCE_DIR (not imported: stays light)


@dataclass(frozen=True)
class Found:
    """A candidate file and its stat signature."""

    path: str
    size: int
    mtime_ns: int


@dataclass
class Report:
    """What an ingest did."""

    scanned: int = 0
    unchanged: int = 0
    added: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    unknown_branches: list[str] = field(default_factory=list)
    seconds: float = 0.0


def scan(roots: Sequence[Path], lang: str = "en") -> tuple[list[Found], list[tuple[str, str]]]:
    """Candidate result files under ``roots`` (links and special files are refused)."""
    found: list[Found] = []
    refused: list[tuple[str, str]] = []
    for root in roots:
        if not root.is_dir():
            from branchcheck.errors import UsageError

            raise UsageError(t(lang, f"{root}：不是文件夹", f"{root}: not a folder"))
        _walk(str(root), 0, found, refused, lang)
    found.sort(key=lambda f: f.path)
    return found, refused


def _walk(folder: str, depth: int, found: list[Found], refused: list[tuple[str, str]],
          lang: str) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        refused.append((folder, exc.strerror or str(exc)))
        return
    for e in entries:
        if e.name.startswith("."):
            continue  # caches, temp files of atomic writes
        if e.is_symlink():
            refused.append((e.path, t(lang, "符号链接，未跟随", "a symbolic link; not followed")))
            continue
        if depth < 2:
            if depth == 1 and e.name == _EVIDENCE:
                continue  # action evidence files (issue 12), not results
            if e.is_dir(follow_symlinks=False):
                _walk(e.path, depth + 1, found, refused, lang)
            continue
        if not e.name.endswith(_SUFFIX) or e.name.startswith("draft"):
            continue
        info = e.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            refused.append((e.path, t(lang, "不是普通文件", "not a regular file")))
            continue
        found.append(Found(e.path, info.st_size, info.st_mtime_ns))


# ------------------------------------------------------------ worker side


def parse_one(args: tuple[str, str]) -> tuple[str, str, Any]:
    """(path, sha256, rows) for a good file, or (path, "", reason) for a rejected one."""
    path, lang = args
    from branchcheck.errors import BranchcheckError
    from branchcheck.fsafe import read_regular
    from branchcheck.storage import parse_result

    try:
        raw = read_regular(Path(path), max_bytes=MAX_BYTES)
        sha = hashlib.sha256(raw).hexdigest()
        result = parse_result(raw, path, lang=lang)  # the checks ``results`` makes
        where = Path(path)
        folder_branch, folder_checklist = where.parent.parent.name, where.parent.name
        if (result.branch, result.checklist_id) != (folder_branch, folder_checklist):
            return path, "", t(
                lang, f"存放在 {folder_branch}/{folder_checklist} 下，但它是网点 "
                      f"{result.branch} 的 {result.checklist_id} 结果",
                f"stored under {folder_branch}/{folder_checklist} but is a result of "
                f"{result.checklist_id} for branch {result.branch}")
        return path, sha, _rows(result)
    except BranchcheckError as exc:
        first = exc.problems[0] if exc.problems else None
        detail = exc.message if first is None else f"{exc.message}: {first.message}"
        return path, "", detail
    except OSError as exc:
        return path, "", exc.strerror or str(exc)


def _rows(result: Result) -> tuple[Any, ...]:
    """Plain tuples of one result (cheap to send between processes)."""
    from branchcheck.model import localise

    s = result.score
    grade = s.grade
    head = (result.branch, result.checklist_id, result.checklist_version,
            result.checklist_sha256, result.reviewer, result.started, result.finished,
            s.overall_raw, s.overall_final,
            localise(grade.label, "zh") if grade else None,
            localise(grade.label, "en") if grade else None,
            s.coverage, s.complete, s.knocked_out)
    sections = tuple((x.id, x.weight, x.raw, x.final, x.knocked_out) for x in s.sections)
    items = tuple((i.id, i.status, i.fraction, _value(i.value, i.status), i.note, i.critical)
                  for i in s.items)
    texts = tuple(("section", x.id, localise(x.title, "zh"), localise(x.title, "en"), None)
                  for x in s.sections) + tuple(
        ("item", i.id, localise(i.text, "zh"), localise(i.text, "en"), i.section)
        for i in s.items) + (
        ("checklist", result.checklist_id, localise(result.checklist_title, "zh"),
         localise(result.checklist_title, "en"), None),)
    return head, sections, items, texts


def _value(value: object, status: str) -> str | None:
    """The answer as text, or None where it is the status itself (check items, ``na``)."""
    if value is None:
        return None
    text = str(value)
    return None if text == status else text


# ------------------------------------------------------------ main side


def business_day(stamp: str, zone: str) -> tuple[datetime, date] | None:
    """The UTC instant and the business day (in ``zone``) of an ISO timestamp."""
    from datetime import timezone
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    tz = ZoneInfo(zone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(timezone.utc), moment.astimezone(tz).date()


def _parse_all(paths: list[str], lang: str, jobs: int,
               tick: Callable[[int], None]) -> Iterable[tuple[str, str, Any]]:
    from branchcheck.checker import _mp_context, cpu_count

    workers = jobs or min(cpu_count(), 8)
    if workers <= 1 or len(paths) < 64:
        for p in paths:
            yield parse_one((p, lang))
            tick(1)
        return
    from concurrent.futures import ProcessPoolExecutor

    from branchcheck import storage, validation

    validation.fast_validator("result")  # import before forking
    del storage
    args = [(p, lang) for p in paths]
    chunk = max(1, min(64, len(args) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
        for out in pool.map(parse_one, args, chunksize=chunk):
            yield out
            tick(1)


def ingest(con: DuckDBPyConnection, roots: Sequence[Path], *, org: Org | None = None,
           lang: str = "en", jobs: int = 0, progress: bool = False) -> Report:
    """Ingest every new or changed result file under ``roots``; one transaction."""
    from branchcheck.network import warehouse as wh

    started = time.monotonic()
    report = Report()
    found, refused = scan(roots, lang)
    report.scanned = len(found) + len(refused)
    known = {p: (size, mtime, status, reason) for p, size, mtime, status, reason in con.execute(
        "SELECT path, size, mtime_ns, status, reason FROM files").fetchall()}
    todo: list[Found] = []
    for f in found:
        seen = known.get(f.path)
        if seen is not None and seen[:2] == (f.size, f.mtime_ns):
            report.unchanged += 1
            if seen[2] == "rejected":
                report.rejected.append((f.path, seen[3] or ""))
        else:
            todo.append(f)
    bar = _Progress(len(todo), lang) if progress and len(todo) >= 200 else None
    outcomes = list(_parse_all([f.path for f in todo], lang, jobs,
                               bar.tick if bar else (lambda n: None)))
    if bar:
        bar.done()
    if org is None:
        org = wh.load_org(con)
    zone_of = org.tz_of if org is not None else (lambda _b: _default_zone())
    shas = [sha for _, sha, _ in outcomes if sha]
    present = {r[0] for r in con.execute(
        "SELECT sha256 FROM results WHERE sha256 IN (SELECT unnest($1::VARCHAR[]))",
        [shas]).fetchall()} if shas else set()
    rid = (con.execute("SELECT max(rid) FROM results").fetchone() or (None,))[0] or 0
    stat_of = {f.path: f for f in todo}
    cols: dict[str, list[list[Any]]] = {"results": [[] for _ in range(19)],
                                        "sections": [[] for _ in range(6)],
                                        "items": [[] for _ in range(7)]}
    texts: dict[tuple[str, int, str, str], tuple[str, str, str | None]] = {}
    files: list[tuple[str, int, int, str | None, str, str | None]] = []
    for path, sha, rows in outcomes:
        f = stat_of[path]
        if not sha:
            report.rejected.append((path, rows))
            files.append((path, f.size, f.mtime_ns, None, "rejected", rows))
            continue
        head, sections, items, txt = rows
        when = business_day(head[6] or head[5], zone_of(head[0]))
        if when is None:
            reason = t(lang, "完成时间无法识别", "its finished time is not a valid timestamp")
            report.rejected.append((path, reason))
            files.append((path, f.size, f.mtime_ns, sha, "rejected", reason))
            continue
        files.append((path, f.size, f.mtime_ns, sha, "ok", None))
        if sha in present:
            report.duplicates += 1
            continue
        present.add(sha)
        rid += 1
        report.added += 1
        row = (rid, sha, *head[:7], when[0], when[1], *head[7:], path)
        for c, v in zip(cols["results"], row, strict=True):
            c.append(v)
        for s in sections:
            for c, v in zip(cols["sections"], (rid, *s), strict=True):
                c.append(v)
        for it in items:
            for c, v in zip(cols["items"], (rid, *it), strict=True):
                c.append(v)
        for kind, ident, zh, en, section in txt:
            texts.setdefault((head[1], head[2], kind, ident), (zh, en, section))
    report.rejected.extend(refused)
    con.execute("BEGIN TRANSACTION")
    try:
        if files:
            con.execute("DELETE FROM files WHERE path IN (SELECT unnest($1::VARCHAR[]))",
                        [[f[0] for f in files]])
            wh.insert_columns(con, "files", [tuple(c) for c in zip(*files, strict=True)])
        for table, columns in cols.items():
            wh.insert_columns(con, table, [tuple(c) for c in columns])
        _store_texts(con, texts)
        if org is not None and org.source != "warehouse":
            wh.store_org(con, org)
            _redate(con)
        _pause_for_tests()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if org is not None:
        report.unknown_branches = [r[0] for r in con.execute(
            "SELECT DISTINCT branch FROM results WHERE branch NOT IN (SELECT id FROM units) "
            "ORDER BY branch").fetchall()]
    report.seconds = time.monotonic() - started
    return report


def _default_zone() -> str:
    from branchcheck.network.org import DEFAULT_TZ

    return DEFAULT_TZ


def _store_texts(con: DuckDBPyConnection, texts: dict[tuple[str, int, str, str],
                                                       tuple[str, str, str | None]]) -> None:
    if not texts:
        return
    from branchcheck.network.warehouse import insert_columns

    have = set(con.execute("SELECT checklist_id, checklist_version, kind, id FROM texts")
               .fetchall())
    new = [(*k, *v) for k, v in texts.items() if k not in have]
    if new:
        insert_columns(con, "texts", [tuple(c) for c in zip(*new, strict=True)])


def _redate(con: DuckDBPyConnection) -> None:
    """Re-date results by their unit's time zone (the directory may have changed it)."""
    from branchcheck.network.warehouse import get_meta

    info = get_meta(con, "org") or {}
    zone = info.get("timezone") or _default_zone()
    con.execute(
        "UPDATE results SET day = CAST(timezone(coalesce(u.timezone, $1), results.finished_utc)"
        " AS DATE) FROM (SELECT id, timezone FROM units) u WHERE u.id = results.branch",
        [zone])


def _pause_for_tests() -> None:
    """Tests kill an ingest inside its transaction; this env var makes that deterministic."""
    pause = os.environ.get("BRANCHCHECK_TEST_PAUSE_IN_INGEST")
    if pause:
        sys.stderr.write("ingest: in transaction\n")
        sys.stderr.flush()
        time.sleep(float(pause))


class _Progress:
    """A one-line progress bar on a terminal's stderr."""

    def __init__(self, total: int, lang: str) -> None:
        self.total, self.n, self.last = total, 0, 0.0
        self.label = t(lang, "解析", "parsing")

    def tick(self, n: int) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.last >= 0.1 or self.n == self.total:
            self.last = now
            filled = int(30 * self.n / max(self.total, 1))
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{' ' * (30 - filled)}] "
                             f"{self.n}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()
