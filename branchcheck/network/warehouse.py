"""The DuckDB warehouse: location, schema, migrations, connections.

One file (default ``./branchcheck-network.duckdb``, else
``$BRANCHCHECK_WAREHOUSE``). Writers take an exclusive lock on
``<file>.lock`` first; readers open the file read-only. No connection loads an
extension or reaches a file or the network from SQL, except the one folder an ingest
stages its rows in or an export writes to, and every file is checked for objects
branchcheck never makes before any query runs (:mod:`branchcheck.network.guard`).
``meta.schema_version`` says which migrations have run; a file written by a newer
branchcheck is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import BranchcheckError, InputError, NotFoundError, StorageError
from branchcheck.core.i18n import t
from branchcheck.network.orgmeta import Damaged, check_days, check_org
from branchcheck.org.directory import MAX_DEPTH

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.org.directory import Org

DEFAULT_FILE = "branchcheck-network.duckdb"
SCHEMA_VERSION = 12

# Item counts per checklist, item, branch and month (the ``item_months`` table as
# schema 4 made it): a query to finish with a filter (``AND ...``) and ``GROUP BY ALL``.
ITEM_MONTHS = (
    "SELECT r.checklist_id, i.item_id, r.branch, CAST(date_trunc('month', r.day) AS DATE),"
    " count(*), count(*) FILTER (WHERE i.status = 'fail') FROM items i"
    " JOIN results r ON r.rid = i.rid WHERE i.status IN ('pass', 'partial', 'fail')")
# The same counts per source too (schema 12 on), for ``items --source``.
ITEM_SOURCE_MONTHS = ITEM_MONTHS.replace(" FROM items i", ", r.check_source FROM items i", 1)

# Every unit with each ancestor-or-self: how far up, the ancestor's depth and kind,
# and whether it is the nearest ancestor of that kind. The views roll results up
# to a level with one filtered scan of it (:func:`branchcheck.network.scope.prepare_rollup`).
# The walk stops at MAX_DEPTH levels (a deeper directory is refused when it is
# read), so a damaged directory cannot make it endless.
UNIT_TREE = (
    "INSERT INTO unit_tree WITH RECURSIVE up(id, ancestor, distance) AS ("
    " SELECT id, id, 0 FROM units UNION ALL"
    " SELECT up.id, u.parent, up.distance + 1 FROM up JOIN units u ON u.id = up.ancestor"
    f" WHERE u.parent IS NOT NULL AND up.distance < {MAX_DEPTH})"
    " SELECT up.id, up.ancestor, up.distance, d.depth, a.kind,"
    " row_number() OVER (PARTITION BY up.id, a.kind ORDER BY up.distance) = 1"
    " FROM up JOIN units a ON a.id = up.ancestor"
    " JOIN (SELECT id, max(distance) AS depth FROM up GROUP BY id) d ON d.id = up.ancestor")

# Marks the first self-check (lowest rid) of each branch, checklist and day, so
# that a day's checks are counted once without a DISTINCT, and an inspection never
# fills a day the outlet did not check itself (docs/oversight.md); every other
# result of the day is unmarked. To finish with the groups to mark (``WHERE ...``
# or nothing) and ``GROUP BY ALL) f``, then ON_GROUPS.
DAY_FIRST = (
    "UPDATE results SET day_first = coalesce(results.rid = f.rid, false) FROM (SELECT"
    " r.branch, r.checklist_id, r.day, min(r.rid) FILTER (WHERE r.check_source = 'self')"
    " AS rid FROM results r")
# Schema 5's marks, before sources existed (its migration runs before the column does).
_DAY_FIRST_5 = (
    "UPDATE results SET day_first = (results.rid = f.rid) FROM (SELECT r.branch,"
    " r.checklist_id, r.day, min(r.rid) AS rid FROM results r")
ON_GROUPS = (" WHERE results.branch = f.branch AND results.checklist_id = f.checklist_id"
             " AND results.day = f.day")

# MIGRATIONS[n] takes a warehouse from schema version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR)",
        # Every file seen, by path: the stat pre-check and the rejected files.
        "CREATE TABLE files (path VARCHAR NOT NULL, size BIGINT, mtime_ns BIGINT,"
        " sha256 VARCHAR, status VARCHAR NOT NULL, reason VARCHAR)",
        "CREATE TABLE results (rid BIGINT NOT NULL, sha256 VARCHAR NOT NULL,"
        " branch VARCHAR NOT NULL, checklist_id VARCHAR NOT NULL, checklist_version INTEGER,"
        " checklist_sha256 VARCHAR, reviewer VARCHAR, started VARCHAR, finished VARCHAR,"
        " finished_utc TIMESTAMPTZ, day DATE NOT NULL, overall_raw DOUBLE,"
        " overall_final DOUBLE, grade_zh VARCHAR, grade_en VARCHAR, coverage DOUBLE,"
        " complete BOOLEAN, knocked_out BOOLEAN, source VARCHAR)",
        "CREATE TABLE sections (rid BIGINT NOT NULL, section_id VARCHAR NOT NULL,"
        " weight DOUBLE, raw DOUBLE, final DOUBLE, knocked_out BOOLEAN)",
        "CREATE TABLE items (rid BIGINT NOT NULL, item_id VARCHAR NOT NULL,"
        " section_id VARCHAR, status VARCHAR, fraction DOUBLE, value VARCHAR, note VARCHAR,"
        " critical VARCHAR)",
        # Texts once per checklist version, not once per answer.
        "CREATE TABLE texts (checklist_id VARCHAR NOT NULL, checklist_version INTEGER,"
        " kind VARCHAR NOT NULL, id VARCHAR NOT NULL, zh VARCHAR, en VARCHAR)",
        "CREATE TABLE units (id VARCHAR NOT NULL, name_zh VARCHAR, name_en VARCHAR,"
        " parent VARCHAR, kind VARCHAR NOT NULL, opened DATE, closed DATE, timezone VARCHAR)",
    ),
    # 2: a fifth smaller at 73 M item rows. An item's section is a fact of the
    # checklist version (kept once in ``texts``); ``value`` is kept only where it
    # says more than ``status`` (NULL: the value is the status, as for checks).
    (
        "ALTER TABLE texts ADD COLUMN section VARCHAR",
        "UPDATE texts SET section = x.section_id FROM (SELECT DISTINCT r.checklist_id,"
        " r.checklist_version, i.item_id, i.section_id FROM items i JOIN results r"
        " ON r.rid = i.rid) x WHERE texts.kind = 'item' AND x.checklist_id ="
        " texts.checklist_id AND x.checklist_version = texts.checklist_version"
        " AND x.item_id = texts.id",
        "ALTER TABLE items DROP COLUMN section_id",
        "UPDATE items SET value = NULL WHERE value = status",
    ),
    # 3: the branches' corrective actions (issue 12; branchcheck/network/actions.py).
    # Overdue is not stored: it is judged at query time by the directory's calendar.
    (
        "CREATE TABLE actions (log VARCHAR NOT NULL, branch VARCHAR NOT NULL,"
        " id VARCHAR NOT NULL, checklist_id VARCHAR, item_id VARCHAR, section_id VARCHAR,"
        " priority VARCHAR, status VARCHAR NOT NULL, owner VARCHAR, owner_role VARCHAR,"
        " due DATE, found DATE, opened_at VARCHAR, fixed_day DATE, closed_day DATE,"
        " recurrences INTEGER, evidence INTEGER, text_zh VARCHAR, text_en VARCHAR)",
        # Every action log seen, by path: the stat pre-check, the last event, rejections.
        "CREATE TABLE action_logs (path VARCHAR NOT NULL, branch VARCHAR NOT NULL,"
        " size BIGINT, mtime_ns BIGINT, seq BIGINT, hash VARCHAR, status VARCHAR NOT NULL,"
        " reason VARCHAR, actions INTEGER)",
    ),
    # 4: answered and failed items per checklist, item, branch and month, kept by
    # every ingest (branchcheck/network/rollups.py), so that ``items`` over whole
    # months reads a few hundred thousand rows instead of every item row.
    (
        "CREATE TABLE item_months (checklist_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL,"
        " branch VARCHAR NOT NULL, month DATE NOT NULL, answered BIGINT, failed BIGINT)",
        "INSERT INTO item_months " + ITEM_MONTHS + " GROUP BY ALL",
    ),
    # 5: the directory as (unit, ancestor) pairs, kept with ``units`` by store_org;
    # each day's first result marked (kept by every ingest, rollups.py).
    (
        "ALTER TABLE results ADD COLUMN day_first BOOLEAN",
        _DAY_FIRST_5 + " GROUP BY ALL) f" + ON_GROUPS,
        "CREATE TABLE unit_tree (id VARCHAR NOT NULL, ancestor VARCHAR NOT NULL,"
        " distance INTEGER NOT NULL, depth INTEGER NOT NULL, kind VARCHAR NOT NULL,"
        " nearest BOOLEAN NOT NULL)",
        UNIT_TREE,
    ),
    # 6: who did each check (issue 20): the result's source, and the inspecting unit of
    # an independent check. Results ingested before are self-checks, as they read.
    (
        "ALTER TABLE results ADD COLUMN check_source VARCHAR DEFAULT 'self'",
        "ALTER TABLE results ADD COLUMN inspector_unit VARCHAR",
    ),
    # 7: when each result was really stored (issue 25, N12: a late entry, 补录, is one
    # stored long after it finished) and how far it could be believed at ingest (N2):
    # its integrity state, signature (none/trusted/untrusted) and signer. NULL for
    # results ingested before: nothing was recorded then.
    (
        "ALTER TABLE results ADD COLUMN stored_utc TIMESTAMPTZ",
        "ALTER TABLE results ADD COLUMN integrity VARCHAR",
        "ALTER TABLE results ADD COLUMN signature VARCHAR",
        "ALTER TABLE results ADD COLUMN signer VARCHAR",
    ),
    # 8: the outlets' complaint registers (issue 27; branchcheck/network/complaints.py):
    # one row per case, dates and counts only (no customer data); overdue is judged
    # when a view runs.
    (
        "CREATE TABLE complaints (log VARCHAR NOT NULL, branch VARCHAR NOT NULL,"
        " id VARCHAR NOT NULL, channel VARCHAR, category VARCHAR, received DATE NOT NULL,"
        " status VARCHAR NOT NULL, reply_due DATE, decision_due DATE, replied DATE,"
        " first_reply DATE, first_reply_due DATE, told DATE, closed DATE,"
        " extensions INTEGER, escalations INTEGER, reopened INTEGER, is_repeat BOOLEAN,"
        " actions INTEGER)",
        "CREATE TABLE complaint_logs (path VARCHAR NOT NULL, branch VARCHAR NOT NULL,"
        " size BIGINT, mtime_ns BIGINT, seq BIGINT, hash VARCHAR, status VARCHAR NOT NULL,"
        " reason VARCHAR, cases INTEGER)",
    ),
    # 9: the result an upheld appeal replaced (issue 22; branchcheck/network/supersede.py)
    # is marked and counted in no figure. Mystery-shopper results ingested before are
    # read again by the next ingest (status 'reread'), to learn what they replace.
    (
        "ALTER TABLE results ADD COLUMN appeal_of VARCHAR",
        "ALTER TABLE results ADD COLUMN superseded BOOLEAN DEFAULT false",
        "UPDATE files SET status = 'reread' WHERE status = 'ok' AND sha256 IN"
        " (SELECT sha256 FROM results WHERE check_source = 'mystery-shopper')",
    ),
    # 10: a day's check is the outlet's own (issue 20): only self-checks are marked
    # ``day_first``, so an inspection on a day without a self-check leaves it missed.
    # Results ingested before sources existed are self-checks (schema 6) and keep
    # counting.
    (
        DAY_FIRST + " WHERE NOT r.superseded GROUP BY ALL) f" + ON_GROUPS,
    ),
    # 11: the visit record of a mystery shopper's result (issue 22;
    # branchcheck/network/visits.py), less the shopper and the teller (personal data).
    # Mystery-shopper results ingested before are read again by the next ingest.
    (
        "CREATE TABLE visits (rid BIGINT NOT NULL, wave VARCHAR, visit_id VARCHAR,"
        " visit_date DATE, slot VARCHAR, waiting_minutes DOUBLE, scenario VARCHAR)",
        "UPDATE files SET status = 'reread' WHERE status = 'ok' AND sha256 IN"
        " (SELECT sha256 FROM results WHERE check_source = 'mystery-shopper')",
    ),
    # 12: the monthly item counts per source as well (issue 20: ``items --source`` over
    # whole months reads them). Rows already there are self-checks' unless the month
    # holds another source's result: those months are counted again.
    (
        "ALTER TABLE item_months ADD COLUMN check_source VARCHAR DEFAULT 'self'",
        "CREATE TEMP TABLE mixed AS SELECT DISTINCT branch, CAST(date_trunc('month', day)"
        " AS DATE) AS month FROM results WHERE check_source <> 'self'",
        "DELETE FROM item_months m USING mixed x WHERE m.branch = x.branch"
        " AND m.month = x.month",
        "INSERT INTO item_months " + ITEM_SOURCE_MONTHS + " AND NOT r.superseded AND EXISTS"
        " (SELECT 1 FROM mixed x WHERE x.branch = r.branch"
        " AND x.month = CAST(date_trunc('month', r.day) AS DATE)) GROUP BY ALL",
        "DROP TABLE mixed",
    ),
)


def default_path(option: str | None = None) -> Path:
    """``--warehouse``, else ``$BRANCHCHECK_WAREHOUSE``, else ``./branchcheck-network.duckdb``."""
    return Path(option or os.environ.get("BRANCHCHECK_WAREHOUSE") or DEFAULT_FILE)


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - a dependency
        raise StorageError("the network commands need the 'duckdb' package") from None
    return duckdb


_IN_USE = ("could not set lock", "conflicting lock")
"""How DuckDB says another process has the file open (not merely "lock": a damaged
file's message speaks of a "block")."""


def db_error(exc: Exception, path: Path, lang: str) -> BranchcheckError:
    """A DuckDB failure on ``path`` as a clear error: in use by another process, or
    damaged (or not a warehouse at all)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, Damaged):
        text = t(lang, exc.zh, text)
    if any(words in text.lower() for words in _IN_USE):
        return StorageError(t(
            lang, f"{path} 正被另一个进程使用（如正在导入）；请稍后再试",
            f"{path} is in use by another process (an ingest?); try again when it ends"))
    return StorageError(t(
        lang, f"{path}：仓库已损坏或不是 branchcheck 仓库，无法读取（{text}）；"
              "请从备份恢复，或删除后重新导入",
        f"{path}: the warehouse is damaged or not a branchcheck warehouse, and cannot be "
        f"read ({text}); restore it from a backup, or delete it and ingest again"))


_STAGES: dict[int, str] = {}


def stage_of(con: DuckDBPyConnection) -> str | None:
    """The private folder a :func:`writer` connection may load staged rows from."""
    return _STAGES.get(id(con))


def _connect(path: Path, lang: str, *, read_only: bool, folders: Sequence[Path | str] = (),
             config: Mapping[str, Any] | None = None) -> DuckDBPyConnection:
    """A locked-down connection (:mod:`branchcheck.network.guard`) to a file holding
    nothing unexpected, at schema version ``SCHEMA_VERSION`` (a writer: any older one)."""
    from branchcheck.network import guard

    duckdb = _duckdb()
    try:
        con: DuckDBPyConnection = duckdb.connect(str(path), read_only=read_only,
                             config={**guard.SAFE_CONFIG, **(config or {})})
    except duckdb.Error as exc:
        raise db_error(exc, path, lang) from None
    try:
        guard.lock_down(con, [Path(f) for f in folders])
        guard.check_objects(con, path, lang)
        version = schema_version(con)
        if version > SCHEMA_VERSION or version < 0:
            raise _version_error(version, path, lang)
        have = guard.check_tables(con, version, path, lang)  # before "upgrade it": foreign?
        if read_only and version != SCHEMA_VERSION:  # would only be refused by the upgrade
            raise _version_error(version, path, lang)
        check_days(con, have)
    except (duckdb.Error, Damaged) as exc:
        con.close()
        raise db_error(exc, path, lang) from None
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def _engine_errors(path: Path, lang: str) -> Iterator[None]:
    """Any engine failure while the warehouse is used as a clear error, never a crash."""
    duckdb = _duckdb()
    try:
        yield
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
    except (duckdb.Error, Damaged) as exc:
        raise db_error(exc, path, lang) from None


def _regular_or_absent(path: Path, lang: str) -> None:
    """Refuse a warehouse path that is a link, folder, FIFO or device (never opened)."""
    if path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
        raise StorageError(t(lang, f"{path} 不是普通文件（链接、文件夹或管道），拒绝使用",
                             f"{path} is not a regular file (a link, folder or FIFO); "
                             "refusing to use it"))


@contextmanager
def writer(path: Path, *, wait: float = 0.0, lang: str = "en") -> Iterator[DuckDBPyConnection]:
    """An exclusive, migrated read-write connection (lock file held throughout); SQL
    may read files only in its private staging folder (:func:`stage_of`)."""
    from branchcheck.core.locking import exclusive

    _regular_or_absent(path, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(path.with_name(path.name + ".lock"), wait=wait,
                   what=t(lang, "网点仓库", "the network warehouse")):
        stage = tempfile.mkdtemp(prefix="branchcheck-ingest-")
        try:
            con = _connect(path, lang, read_only=False, folders=[stage])
            _STAGES[id(con)] = stage
            try:
                with _engine_errors(path, lang):
                    migrate(con, path, lang)
                    yield con
            finally:
                _STAGES.pop(id(con), None)
                con.close()
        finally:
            shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def reader(path: Path, *, lang: str = "en", folders: Sequence[Path] = (),
           config: Mapping[str, Any] | None = None) -> Iterator[DuckDBPyConnection]:
    """A read-only connection; SQL reaches no file or network except under ``folders``
    (``export`` writes Parquet files there); ``config``: DuckDB settings given at
    opening (memory, threads), which no query can change."""
    _regular_or_absent(path, lang)
    if not path.is_file():
        raise NotFoundError(t(
            lang, f"没有网点仓库 {path}；请先运行 'branchcheck network ingest'",
            f"no warehouse at {path}; run 'branchcheck network ingest' first"))
    con = _connect(path, lang, read_only=True, folders=folders, config=config)
    try:
        with _engine_errors(path, lang):
            yield con
    finally:
        con.close()


def schema_version(con: DuckDBPyConnection) -> int:
    """The schema version recorded in the warehouse (0 for an empty file)."""
    duckdb = _duckdb()
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:  # no meta table: a new, empty file
        return 0
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return -1


def _version_error(version: int, path: Path, lang: str) -> BranchcheckError:
    if version > SCHEMA_VERSION:
        return InputError(t(
            lang, f"{path} 由更新版本的 branchcheck 写入（结构版本 {version}，本版本支持到 "
                  f"{SCHEMA_VERSION}）；请升级 branchcheck",
            f"{path} was written by a newer branchcheck (schema version {version}; this one "
            f"reads up to {SCHEMA_VERSION}); upgrade branchcheck"))
    if version < 0:
        return InputError(t(lang, f"{path}：结构版本无法识别",
                            f"{path}: unreadable schema version"))
    return InputError(t(
        lang, f"{path} 的结构版本为 {version}；请运行 'branchcheck network ingest' 升级",
        f"{path} has schema version {version}; run 'branchcheck network ingest' to upgrade it"))


def migrate(con: DuckDBPyConnection, path: Path, lang: str) -> None:
    """Bring the warehouse to :data:`SCHEMA_VERSION` in one transaction."""
    version = schema_version(con)
    if version > SCHEMA_VERSION or version < 0:
        raise _version_error(version, path, lang)
    if version == SCHEMA_VERSION:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for step in MIGRATIONS[version:]:
            for statement in step:
                con.execute(statement)
        con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def put_meta(con: DuckDBPyConnection, key: str, value: Any) -> None:
    """Store ``value`` (as JSON) under ``key``."""
    con.execute("DELETE FROM meta WHERE key = ?", [key])
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, json.dumps(value, ensure_ascii=False)])


def get_meta(con: DuckDBPyConnection, key: str) -> Any:
    """The JSON value stored under ``key``, or None."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def store_org(con: DuckDBPyConnection, org: Org) -> None:
    """Replace the units and the calendar/programme with ``org`` (inside the caller's
    transaction)."""
    con.execute("DELETE FROM units")
    cols = list(zip(*[(u.id, u.name_zh, u.name_en, u.parent, u.kind, u.opened, u.closed,
                       u.timezone) for u in org.units], strict=True))
    insert_columns(con, "units", cols)
    con.execute("DELETE FROM unit_tree")
    con.execute(UNIT_TREE)
    put_meta(con, "org", {
        "source": org.source, "timezone": org.timezone,
        "business_days": list(org.business_days),
        "closed_days": sorted(d.isoformat() for d in org.closed_days),
        "programme": [[r.kind, r.checklist, r.every, r.due_by] for r in org.programme],
        "calendar": org.calendar.as_json(),
        "settings": org.settings.as_json(),
    })


def load_org(con: DuckDBPyConnection, *, units: bool = True) -> Org | None:
    """The directory stored at the last ingest with ``--org``, or None; with
    ``units=False`` its calendar and programme only (the views read units by SQL)."""
    from datetime import date

    from branchcheck.org.directory import Org, Rule, Unit

    info = get_meta(con, "org")
    if info is None:
        return None
    check_org(info)
    closed = frozenset(date.fromisoformat(d) for d in info["closed_days"])
    programme = tuple(Rule(*r) for r in info["programme"])
    from branchcheck.org.directory import settings_from
    from branchcheck.org.workdays import overrides_from_json

    found = Org((), info["timezone"], tuple(info["business_days"]), closed, programme,
                info["source"], stored=True,
                calendar=overrides_from_json(info.get("calendar")),
                settings=settings_from(info.get("settings")))
    if not units:
        return found
    rows = con.execute("SELECT id, coalesce(name_zh, ''), coalesce(name_en, ''), kind, parent, "
                       "opened, closed, timezone FROM units").fetchall()
    return replace(found, units=tuple(Unit(*r) for r in rows))


def insert_columns(con: DuckDBPyConnection, table: str, columns: list[tuple[Any, ...]]) -> None:
    """Append rows given column by column (one statement: fast, unlike executemany)."""
    if not columns or not columns[0]:
        return
    marks = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
    con.execute(f"INSERT INTO {table} SELECT {marks}",
                [list(c) for c in columns])
