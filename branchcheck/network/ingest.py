"""Ingest stored results into the warehouse: incremental, parallel, one transaction.

1. Walk each results folder (``<branch>/<checklist>/<stamp>.yaml``) without
   following links; a file whose (path, size, mtime_ns) is already recorded is
   skipped without being opened.
2. Every other file is read once (regular files only), hashed, and parsed with
   :func:`branchcheck.results.storage.parse_result` (schema and tamper checks, as
   ``results`` does) in batches by worker processes on every core
   (:mod:`branchcheck.network.parse`), which stage the section and item rows as
   CSV for DuckDB to load. A result is keyed by the sha256 of its bytes: a copy
   is stored once.
3. Everything is written in one transaction: a killed ingest leaves the
   warehouse as it was; an exclusive lock keeps a second ingest out.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.i18n import t
from branchcheck.network.parse import HELD, Belief

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.network.parse import Outcome
    from branchcheck.org.directory import Org

_BATCH = 64  # files a worker parses (and stages) at once
# Files whose rows are loaded into DuckDB at once: while the workers parse the
# next ones, and so that staged CSV never piles up on disk.
_FLUSH_FILES = 5_000
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
    held: list[tuple[str, str]] = field(default_factory=list)
    """Results that cannot be believed (unverified, untrusted signer): kept out of every
    figure, read again by every ingest."""
    unknown_branches: list[str] = field(default_factory=list)
    seconds: float = 0.0
    action_logs: tuple[int, int] = (0, 0)
    """Action logs read and verified, and skipped unchanged."""
    complaint_registers: tuple[int, int] = (0, 0)
    """Complaint registers read and verified, and skipped unchanged (issue 27)."""
    superseded: int = 0
    """Results this ingest found replaced by an upheld appeal: kept out of every figure."""


def scan(roots: Sequence[Path], lang: str = "en") -> tuple[list[Found], list[tuple[str, str]]]:
    """Candidate result files under ``roots`` (links and special files are refused)."""
    found: list[Found] = []
    refused: list[tuple[str, str]] = []
    for root in roots:
        if not root.is_dir():
            from branchcheck.core.errors import UsageError

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


# ------------------------------------------------------------ main side


def business_day(stamp: str, zone: str) -> tuple[datetime, date] | None:
    """The UTC instant and the business day (in ``zone``) of an ISO timestamp."""
    from datetime import timezone
    from zoneinfo import ZoneInfo

    from branchcheck.core.timestamps import parse_iso

    moment = parse_iso(stamp)  # a real day the tool counts with: UTC is a date too
    if moment is None:
        return None
    return moment.astimezone(timezone.utc), moment.astimezone(ZoneInfo(zone)).date()


def _parse_all(paths: list[str], stage: str, lang: str, jobs: int,
               tick: Callable[[int], None],
               belief: Belief) -> Iterable[tuple[list[Outcome], list[str]]]:
    from branchcheck.checklists.checker import _mp_context, cpu_count
    from branchcheck.network.parse import parse_batch

    workers = jobs or min(cpu_count(), 8)
    size = max(1, min(_BATCH, len(paths) // (max(workers, 1) * 4) or 1))
    batches = [(stage, k, paths[k:k + size], lang, belief)
               for k in range(0, len(paths), size)]
    if workers <= 1 or len(paths) < 64:
        for batch in batches:
            yield parse_batch(batch)
            tick(len(batch[2]))
        return
    from concurrent.futures import ProcessPoolExecutor

    from branchcheck.core import validation
    from branchcheck.results import storage

    validation.fast_validator("result")  # import before forking
    del storage
    from branchcheck.core.children import guard

    # workers let go of the warehouse lock they inherit and die with this process
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                             initializer=guard, initargs=(os.getpid(),)) as pool:
        for batch, out in zip(batches, pool.map(parse_batch, batches), strict=True):
            yield out
            tick(len(batch[2]))


def ingest(con: DuckDBPyConnection, roots: Sequence[Path], *, org: Org | None = None,
           lang: str = "en", jobs: int = 0, progress: bool = False,
           belief: Belief | None = None) -> Report:
    """Ingest every new or changed result file under ``roots``; one transaction. Results
    that cannot be believed (``belief``: the checklists and trusted keys to verify them
    with; :func:`branchcheck.network.parse.held_reason`) are held back. The rows are
    staged in the connection's private folder (the only one its SQL may read:
    :func:`branchcheck.network.warehouse.stage_of`)."""
    import shutil
    import tempfile

    from branchcheck.network.warehouse import stage_of

    folder = stage_of(con)
    stage = tempfile.mkdtemp(prefix="run-", dir=folder) if folder else tempfile.mkdtemp(
        prefix="branchcheck-ingest-")
    try:
        return _ingest(con, roots, stage, org=org, lang=lang, jobs=jobs, progress=progress,
                       belief=belief or Belief())
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _ingest(con: DuckDBPyConnection, roots: Sequence[Path], stage: str, *, org: Org | None,
            lang: str, jobs: int, progress: bool, belief: Belief) -> Report:
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
        if seen is not None and seen[:2] == (f.size, f.mtime_ns) and seen[2] not in (
                "held", "reread"):
            # held back files are read again: a later ingest may verify them; so are
            # those a migration asks to read again (schema 9: what an appeal replaced)
            report.unchanged += 1
            if seen[2] == "rejected":
                report.rejected.append((f.path, seen[3] or ""))
        else:
            todo.append(f)
    from branchcheck.network import actions, rollups, supersede

    logs = actions.prepare(con, roots, lang)  # the branches' action logs, verified
    from branchcheck.network import complaints

    registers = complaints.prepare(con, roots, lang, jobs)  # the registers, verified
    if org is None:
        org = wh.load_org(con)
    loader = _Loader(con, todo, known, org, report, lang)
    first_rid = loader.rid
    bar = _Progress(len(todo), lang) if progress and len(todo) >= 200 else None
    con.execute("BEGIN TRANSACTION")
    try:
        try:
            for batch in _parse_all([f.path for f in todo], stage, lang, jobs,
                                    bar.tick if bar else (lambda n: None), belief):
                loader.add(*batch)
            loader.flush()
        finally:
            if bar:
                bar.done()
        report.rejected.extend(refused)
        report.rejected.extend(logs.rejected)
        report.action_logs = (logs.read, logs.unchanged)
        _store_texts(con, loader.texts)
        actions.store(con, logs)
        report.rejected.extend(registers.rejected)
        report.complaint_registers = (registers.read, registers.unchanged)
        complaints.store(con, registers)
        redated: list[str] = []
        if org is not None and org.source != "warehouse":
            wh.store_org(con, org)
            redated = _redate(con)
        marked = supersede.mark(con) if loader.rid > first_rid or loader.links else []
        report.superseded = len(marked)
        if loader.rid > first_rid or redated or marked:
            rollups.refresh(con, after_rid=first_rid, branches=sorted({*redated, *marked}))
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


class _Loader:
    """Writes parsed batches into the open transaction, every :data:`_FLUSH_FILES`
    files: their results rows (numbered, a copy already stored counted as a
    duplicate), the files seen, and the staged section and item rows (whose CSV
    files are then removed, so a big first ingest never holds them all on disk)."""

    def __init__(self, con: DuckDBPyConnection, todo: list[Found],
                 known: Mapping[str, tuple[Any, ...]],
                 org: Org | None, report: Report, lang: str) -> None:
        self.con, self.todo, self.report, self.lang = con, todo, report, lang
        self.known = known  # paths the files table already has: (size, mtime, status, ..)
        self.links = False
        """Whether a result read says it replaces another (an upheld appeal)."""
        self.zone_of = org.tz_of if org is not None else (lambda _b: _default_zone())
        self.rid: int = (con.execute("SELECT max(rid) FROM results").fetchone()
                         or (None,))[0] or 0
        self.texts: dict[tuple[str, int, str, str], tuple[str, str, str | None]] = {}
        self.outcomes: list[Outcome] = []
        self.staged: list[str] = []

    def add(self, outcomes: list[Outcome], staged: list[str]) -> None:
        self.outcomes.extend(outcomes)
        self.staged.extend(staged)
        if len(self.outcomes) >= _FLUSH_FILES:
            self.flush()

    def flush(self) -> None:
        from branchcheck.network import supersede
        from branchcheck.network import warehouse as wh
        from branchcheck.network.visits import store_visits

        con, report, lang = self.con, self.report, self.lang
        shas = [sha for _, sha, _, _ in self.outcomes if sha]
        present = {r[0] for r in con.execute(
            "SELECT sha256 FROM results WHERE sha256 IN (SELECT unnest($1::VARCHAR[]))",
            [shas]).fetchall()} if shas else set()
        results: list[list[Any]] = [[] for _ in range(28)]
        rid_of: tuple[list[int], list[int]] = ([], [])  # idx -> rid of each result added
        links: list[tuple[str, str]] = []
        visits: list[tuple[Any, ...]] = []  # (sha256, wave, id, date, slot, waiting, scenario)
        files: list[tuple[str, int, int, str | None, str, str | None]] = []
        for idx, sha, head, txt in self.outcomes:
            f = self.todo[idx]
            if not sha:
                status = "held" if txt == HELD else "rejected"
                (report.held if txt == HELD else report.rejected).append((f.path, head))
                files.append((f.path, f.size, f.mtime_ns, None, status, head))
                continue
            when = business_day(head[6] or head[5], self.zone_of(head[0]))
            if when is None:
                reason = t(lang, "完成时间无法识别", "its finished time is not a valid timestamp")
                report.rejected.append((f.path, reason))
                files.append((f.path, f.size, f.mtime_ns, sha, "rejected", reason))
                continue
            files.append((f.path, f.size, f.mtime_ns, sha, "ok", None))
            for kind, ident, zh, en, section in txt:
                self.texts.setdefault((head[1], head[2], kind, ident), (zh, en, section))
            if head[20] is not None:
                self.links = True
                if sha in present:  # stored before the warehouse kept the link
                    links.append((sha, head[20]))
            if head[21] is not None:
                visits.append((sha, *head[21]))
            if sha in present:
                if self.known.get(f.path, ("", "", ""))[2] == "reread":
                    report.unchanged += 1  # the same file, read again (schema 9)
                else:
                    report.duplicates += 1
                continue
            present.add(sha)
            self.rid += 1
            report.added += 1
            rid_of[0].append(idx)
            rid_of[1].append(self.rid)
            for c, v in zip(results, (self.rid, sha, *head[:7], when[0], when[1], *head[7:14],
                                      f.path, None, *head[14:21], False),
                            # day_first and superseded: rollups.refresh, supersede
                            strict=True):
                c.append(v)
        seen_before = [f[0] for f in files if f[0] in self.known]
        if seen_before:  # a changed file: its old row goes
            con.execute("DELETE FROM files WHERE path IN (SELECT unnest($1::VARCHAR[]))",
                        [seen_before])
        if files:
            wh.insert_columns(con, "files", [tuple(c) for c in zip(*files, strict=True)])
        wh.insert_columns(con, "results", [tuple(c) for c in results])
        supersede.link(con, links)
        store_visits(con, visits)
        _load_staged(con, self.staged, rid_of)
        for name in self.staged:
            os.unlink(name)
        self.outcomes, self.staged = [], []


def _load_staged(con: DuckDBPyConnection, staged: list[str],
                 rid_of: tuple[list[int], list[int]]) -> None:
    """Load the workers' section and item rows of the results added (DuckDB reads the CSV)."""
    from branchcheck.network.parse import ITEM_COLUMNS, SECTION_COLUMNS, TAGGED, UNTAG

    if not rid_of[0]:
        return
    con.execute("CREATE TEMP TABLE ingest_rid AS SELECT unnest($1::BIGINT[]) AS idx, "
                "unnest($2::BIGINT[]) AS rid", [rid_of[0], rid_of[1]])
    try:
        for table, columns in (("sections", SECTION_COLUMNS), ("items", ITEM_COLUMNS)):
            files = [f for f in staged if os.path.basename(f).startswith(table + "-")]
            if not files:
                continue
            names = [c for c in columns if c != "idx"]
            picked = ", ".join(UNTAG.format(f"s.{c}") if c in TAGGED else f"s.{c}"
                               for c in names)
            spec = "{" + ", ".join(f"'{c}': '{kind}'" for c, kind in columns.items()) + "}"
            con.execute(
                f"INSERT INTO {table} ({', '.join(['rid', *names])}) SELECT m.rid, {picked} "  # noqa: S608 - constant names; the files are a parameter
                f"FROM read_csv($1, header = false, columns = {spec}, nullstr = '', "
                "allow_quoted_nulls = false, quote = '\"', escape = '\"', delim = ',', "
                "auto_detect = false) s JOIN ingest_rid m ON m.idx = s.idx", [files])
    finally:
        con.execute("DROP TABLE ingest_rid")


def _default_zone() -> str:
    from branchcheck.org.directory import DEFAULT_TZ

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


def _redate(con: DuckDBPyConnection) -> list[str]:
    """Re-date results by their unit's time zone (the directory may have changed it);
    the branches whose days changed."""
    from branchcheck.network.warehouse import get_meta

    info = get_meta(con, "org") or {}
    zone = info.get("timezone") or _default_zone()
    day = "CAST(timezone(coalesce(u.timezone, $1), r.finished_utc) AS DATE)"
    changed = [b for (b,) in con.execute(
        f"SELECT DISTINCT r.branch FROM results r JOIN units u ON u.id = r.branch "  # noqa: S608 - constant
        f"WHERE r.day IS DISTINCT FROM {day} ORDER BY 1", [zone]).fetchall()]
    if changed:
        con.execute(
            "UPDATE results SET day = CAST(timezone(coalesce(u.timezone, $1), "
            "results.finished_utc) AS DATE) FROM (SELECT id, timezone FROM units) u "
            "WHERE u.id = results.branch AND results.branch IN (SELECT unnest($2::VARCHAR[]))",
            [zone, changed])
    return changed


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
