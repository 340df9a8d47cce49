"""Complaint registers (issue 27) in the warehouse: ingest of every outlet's
``complaints.jsonl`` (verified as ``complaints list`` verifies it) into the
``complaints`` table, without any personal data.

The tables ``complaints`` and ``complaint_logs`` came with warehouse schema version
8. A register whose size and modification time are the recorded ones is skipped
unopened; one whose last event is the recorded one keeps its rows. A
tampered register, or one holding another outlet's cases, is rejected: listed with
the reason and kept out of every figure until it is restored. Deadlines, replies and
decisions are stored as dates; overdue is judged when a view runs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from branchcheck.complaints.model import Case

LOG_NAME = "complaints.jsonl"  # branchcheck.complaints.model.LOG_NAME (kept light)


@dataclass
class Registers:
    """What an ingest found in the registers, ready to write."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)
    files: list[tuple[Any, ...]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    read: int = 0
    unchanged: int = 0


def has_registers(con: DuckDBPyConnection) -> bool:
    """Whether any complaint register was ever ingested into this warehouse."""
    row = con.execute("SELECT count(*) FROM complaint_logs").fetchone()
    return bool(row and row[0])


def prepare(con: DuckDBPyConnection, roots: Sequence[Path], lang: str = "en",
            jobs: int = 0) -> Registers:
    """Read the new and changed registers under ``roots`` (outside the transaction); many
    registers are verified by worker processes on every core (``jobs``: how many)."""
    from branchcheck.network.outlets import outlet_files

    known = {r[0]: r[1:] for r in con.execute(
        "SELECT path, size, mtime_ns, seq, hash, status, reason FROM complaint_logs"
    ).fetchall()}
    out = Registers()
    todo: list[tuple[Path, str, str, os.stat_result, Any]] = []
    for root in roots:
        for branch, path, info in outlet_files(root, LOG_NAME):
            if info is None:
                continue
            seen = known.get(path)
            if seen is not None and tuple(seen[:2]) == (info.st_size, info.st_mtime_ns):
                out.unchanged += 1
                if seen[4] == "rejected":
                    out.rejected.append((path, seen[5] or ""))
                continue
            todo.append((root, branch, path, info, seen))
    jobs_in = [(str(root), branch, path, info.st_mode, lang)
               for root, branch, path, info, _ in todo]
    for (_, branch, path, info, seen), done in zip(todo, _verify_all(jobs_in, jobs),
                                                   strict=True):
        _keep(branch, path, info, seen, done, out)
    return out


def _verify_all(todo: list[tuple[str, str, str, int, str]],
                jobs: int) -> list[tuple[str, int, str, list[tuple[Any, ...]]]]:
    """:func:`verify` of each register, in worker processes when there are many."""
    from branchcheck.checklists.checker import _mp_context, cpu_count

    workers = jobs or min(cpu_count(), 8)
    if workers <= 1 or len(todo) < 16:
        return [verify(*one) for one in todo]
    from concurrent.futures import ProcessPoolExecutor

    from branchcheck.core.children import guard

    # workers let go of the warehouse lock they inherit and die with this process
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                             initializer=guard, initargs=(os.getpid(),)) as pool:
        return list(pool.map(_verify_packed, todo, chunksize=max(1, len(todo) // workers // 4)))


def _verify_packed(one: tuple[str, str, str, int, str]) -> tuple[str, int, str,
                                                                 list[tuple[Any, ...]]]:
    return verify(*one)


def verify(root: str, branch: str, path: str, mode: int,
           lang: str) -> tuple[str, int, str, list[tuple[Any, ...]]]:
    """Read and verify one register: (why it is rejected or "", last seq, last hash, its
    ``complaints`` rows)."""
    from branchcheck.complaints.register import load
    from branchcheck.complaints.state import foreign
    from branchcheck.core.errors import BranchcheckError

    if not stat.S_ISREG(mode):
        return t(lang, "不是普通文件", "not a regular file"), 0, "", []
    try:
        log, state = load(Path(root), branch)
    except BranchcheckError as exc:
        return exc.message, 0, "", []
    bad = [p for p in log.problems if p.severity == "error"]
    if log.tampered:
        return (t(lang, "投诉台账被改动过：", "the complaint register has been tampered with: ")
                + (f"{bad[0].rule} ({bad[0]})" if bad else ""), log.last_seq, log.last_hash, [])
    why = foreign(state, branch, lang)
    if why:
        return why, log.last_seq, log.last_hash, []
    return "", log.last_seq, log.last_hash, [row(path, c) for c in state.cases.values()]


def _keep(branch: str, path: str, info: os.stat_result, seen: Any,
          done: tuple[str, int, str, list[tuple[Any, ...]]], out: Registers) -> None:
    reason, seq, last, rows = done
    out.read += 1
    if reason:
        out.rejected.append((path, reason))
        out.replace.append(path)
        out.files.append((path, branch, info.st_size, info.st_mtime_ns, seq or None,
                          last or None, "rejected", reason, 0))
        return
    out.files.append((path, branch, info.st_size, info.st_mtime_ns, seq, last, "ok", None,
                      len(rows)))
    if seen is not None and seen[4] == "ok" and tuple(seen[2:4]) == (seq, last):
        return  # touched, not changed: its rows stand
    out.replace.append(path)
    out.rows.extend(rows)


def _day(stamp: str) -> date | None:
    return date.fromisoformat(stamp[:10]) if stamp else None


def row(log: str, c: Case) -> tuple[Any, ...]:
    """The ``complaints`` row of one case: no name, contact, reference or text."""
    first = next((s.at for s in c.steps if s.step == "communicate"), "")
    return (log, c.branch, c.id, c.channel, c.category, _day(c.received), c.status,
            _day(c.reply_due), _day(c.decision_due), _day(c.replied_at), _day(first),
            _day(c.first_reply_due), _day(c.told_at), _day(c.closed_at), len(c.extensions),
            len(c.escalations), c.reopened, bool(c.repeat_of), len(c.actions))


def store(con: DuckDBPyConnection, found: Registers) -> None:
    """Write what :func:`prepare` found (inside the caller's transaction)."""
    from branchcheck.network.warehouse import insert_columns
    if found.replace:
        con.execute("DELETE FROM complaints WHERE log IN (SELECT unnest($1::VARCHAR[]))",
                    [found.replace])
    if found.files:
        con.execute("DELETE FROM complaint_logs WHERE path IN "
                    "(SELECT unnest($1::VARCHAR[]))", [[f[0] for f in found.files]])
        insert_columns(con, "complaint_logs", list(zip(*found.files, strict=True)))
    if found.rows:
        insert_columns(con, "complaints", list(zip(*found.rows, strict=True)))
