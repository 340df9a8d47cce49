"""Corrective actions (issue 12) in the warehouse: ingest of the branches' action logs
and the per-unit figures of ``network actions``, ``league`` and the monthly report.

Ingest reads every ``<results-dir>/<branch>/actions.jsonl`` with
:func:`branchcheck.actions.log.read_log`, which verifies the whole hash chain as
``actions list`` does. A log whose size and modification time are the recorded
ones is skipped unopened; one whose last event (``seq``, ``hash``) is the recorded
one keeps its rows. A tampered log, or one holding another branch's actions, is
rejected: listed with the reason, counted, and its actions kept out of every figure
until it is restored. The rows are written in the ingest's one transaction.

Overdue is not stored. An action is overdue when it is open (``open`` or
``reopened``) and at least one working day (工作日: the directory's working-day
calendar, :mod:`branchcheck.org.workdays`, the one ``actions list`` counts with) lies
after the due date, up to the day the view is judged at: the period's last day, or
today (in the directory's zone) when that is earlier. Statuses
are those of the logs at the last ingest.
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

    from branchcheck.actions.model import Action
    from branchcheck.network.scope import Scope
    from branchcheck.org.directory import Org

LOG_NAME = "actions.jsonl"  # branchcheck.actions.model.LOG_NAME
HEAD_NAME = "actions.head"  # branchcheck.actions.model.HEAD_NAME
OPEN = ("open", "reopened")
DONE = ("fixed", "verified")
ACTION_COLUMNS = ("log", "branch", "id", "checklist_id", "item_id", "section_id", "priority",
                  "status", "owner", "owner_role", "due", "found", "opened_at", "fixed_day",
                  "closed_day", "recurrences", "evidence", "text_zh", "text_en")
LOG_COLUMNS = ("path", "branch", "size", "mtime_ns", "seq", "hash", "status", "reason",
               "actions")


@dataclass
class Logs:
    """What an ingest found in the action logs, ready to write."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)
    """Logs whose stored actions are dropped (changed, rejected)."""
    files: list[tuple[Any, ...]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    read: int = 0
    unchanged: int = 0


def prepare(con: DuckDBPyConnection, roots: Sequence[Path], lang: str = "en") -> Logs:
    """Read the new and changed action logs under ``roots`` (outside the transaction)."""
    from branchcheck.network.outlets import outlet_files

    known = {r[0]: r[1:] for r in con.execute(
        "SELECT path, size, mtime_ns, seq, hash, status, reason FROM action_logs").fetchall()}
    out = Logs()
    present: set[str] = set()
    for root in roots:
        for branch, path, info in outlet_files(root, LOG_NAME):
            if info is None:
                if os.path.lexists(os.path.join(os.path.dirname(path), HEAD_NAME)):
                    _gone(path, branch, known.get(path), out, lang)
                    present.add(path)
                continue
            present.add(path)
            _one(root, branch, path, info, known.get(path), out, lang)
        # a log ingested before whose branch folder is gone too
        for path, seen in known.items():
            if path not in present and seen[4] in KEPT and os.path.dirname(
                    os.path.dirname(path)) == str(root):
                _gone(path, os.path.basename(os.path.dirname(path)), seen, out, lang)
    return out


KEPT = ("ok", "rewritten", "missing")
"""Statuses of a log whose last verified actions stay in the figures."""


def _gone(path: str, branch: str, seen: Any, out: Logs, lang: str) -> None:
    """A log that is missing although its head names events, or that was ingested before:
    rejected, its last verified actions kept (never a history quietly dropped)."""
    reason = t(lang, "整改记录不见了（曾经存在）：历史被删除；保留上次核验的整改项",
               "the actions log is missing although it was written before: its history "
               "was deleted; the actions last verified are kept")
    out.rejected.append((path, reason))
    if seen is None:
        out.files.append((path, branch, None, None, None, None, "missing", reason, 0))
    else:
        out.files.append((path, branch, seen[0], seen[1], seen[2], seen[3], "missing", reason,
                          None))


def _one(root: Path, branch: str, path: str, info: os.stat_result, seen: Any, out: Logs,
         lang: str) -> None:
    from branchcheck.actions.log import read_log
    from branchcheck.actions.state import derive
    from branchcheck.core.errors import BranchcheckError

    if seen is not None and tuple(seen[:2]) == (info.st_size, info.st_mtime_ns):
        out.unchanged += 1
        if seen[4] != "ok":
            out.rejected.append((path, seen[5] or ""))
        return
    out.read += 1
    reason = ""
    actions: list[Action] = []
    seq, last = 0, ""
    if not stat.S_ISREG(info.st_mode):
        reason = t(lang, "不是普通文件", "not a regular file")
    else:
        try:
            log = read_log(root, branch)
        except BranchcheckError as exc:
            reason = exc.message
        else:
            seq, last = log.last_seq, log.last_hash
            bad = [p for p in log.problems if p.severity == "error"]
            if log.tampered:
                reason = t(lang, "整改记录被改动过：", "the actions log has been tampered "
                           "with: ") + (f"{bad[0].rule} ({bad[0]})" if bad else "")
            elif seen is not None and seen[4] in KEPT and seen[2] and not any(
                    e.seq == seen[2] and e.hash == seen[3] for e in log.events):
                reason = t(lang, f"整改记录被重写：上次导入时的第 {seen[2]} 条记录已不在；"
                                 "保留上次核验的整改项",
                           f"the actions log was rewritten: event {seen[2]} recorded at the "
                           "last ingest is no longer there; the actions last verified are "
                           "kept")
                out.rejected.append((path, reason))
                out.files.append((path, branch, info.st_size, info.st_mtime_ns, seen[2],
                                  seen[3], "rewritten", reason, None))
                return
            else:
                actions = list(derive(log).actions.values())
                other = sorted({a.branch for a in actions} - {branch})
                if other:
                    reason = t(lang, f"存放在 {branch} 下，但含有网点 {other[0]} 的整改项",
                               f"stored under {branch} but holds actions of branch "
                               f"{other[0]}")
    if reason:
        out.rejected.append((path, reason))
        out.replace.append(path)
        out.files.append((path, branch, info.st_size, info.st_mtime_ns, seq or None,
                          last or None, "rejected", reason, 0))
        return
    out.files.append((path, branch, info.st_size, info.st_mtime_ns, seq, last, "ok", None,
                      len(actions)))
    if seen is not None and seen[4] == "ok" and tuple(seen[2:4]) == (seq, last):
        return  # touched, not changed: its rows stand
    out.replace.append(path)
    out.rows.extend(row(path, a) for a in actions)


def row(log: str, a: Action) -> tuple[Any, ...]:
    """The ``actions`` row of one action (see :data:`ACTION_COLUMNS`)."""
    from branchcheck.actions.calendar import local_date

    closed = None
    if a.status == "verified":
        closed = local_date((a.closed_by or {}).get("finished", "")) or local_date(
            a.verified_at)
    due = None
    if a.due:
        try:
            due = date.fromisoformat(a.due)
        except ValueError:
            due = None
    return (log, a.branch, a.id, a.checklist, a.item, a.section, a.priority, a.status,
            a.owner, a.owner_role, due,
            local_date(a.source.get("finished", "")) or local_date(a.opened), a.opened,
            local_date(a.fixed_at) if a.fixed_at else None, closed, a.recurrences,
            len(a.evidence), a.text.get("zh") or a.text.get("") or a.text.get("en"),
            a.text.get("en") or a.text.get("") or a.text.get("zh"))


def store(con: DuckDBPyConnection, logs: Logs) -> None:
    """Write what :func:`prepare` found (inside the caller's transaction)."""
    from branchcheck.network.warehouse import insert_columns

    if logs.replace:
        con.execute("DELETE FROM actions WHERE log IN (SELECT unnest($1::VARCHAR[]))",
                    [logs.replace])
    if logs.files:
        con.execute("DELETE FROM action_logs WHERE path IN (SELECT unnest($1::VARCHAR[]))",
                    [[f[0] for f in logs.files]])
        insert_columns(con, "action_logs", list(zip(*logs.files, strict=True)))
    if logs.rows:
        insert_columns(con, "actions", list(zip(*logs.rows, strict=True)))


# ------------------------------------------------------------------ views


def judged_on(scope: Scope) -> date:
    """The day overdue is judged at: the period's last day, or today if earlier."""
    return scope.as_of


def late_days(org: Org, due: date | None, day: date) -> int:
    """Working days (工作日, ``org``'s working-day calendar) after ``due`` up to ``day``
    (0: not late)."""
    if due is None or due >= day:
        return 0
    return org.workdays.workdays_between(due, day)


def per_unit(con: DuckDBPyConnection, scope: Scope, *,
             prepared: bool = False) -> list[dict[str, Any]]:
    """Per unit at the scope's level: open, overdue, open high-priority, opened in the
    period, fixed or verified in the period, and the oldest overdue action
    (``prepared``: the ``rollup`` table is already filled for ``scope``)."""
    from branchcheck.network.scope import prepare_rollup, unit_names

    if not prepared:
        prepare_rollup(con, scope)
    day = judged_on(scope)
    start, end = scope.period.start, scope.period.end
    acc: dict[str, dict[str, Any]] = {}
    late_cache: dict[date | None, int] = {}
    for (unit, branch, ident, item, checklist, priority, status, due, found, fixed,
         closed) in con.execute(
            "SELECT ro.unit, a.branch, a.id, a.item_id, a.checklist_id, a.priority, a.status, "
            "a.due, a.found, a.fixed_day, a.closed_day FROM actions a "
            "JOIN rollup ro ON ro.branch = a.branch WHERE ($1::VARCHAR IS NULL OR "
            "a.checklist_id = $1) AND (a.found IS NULL OR a.found <= $2) "
            "ORDER BY a.branch, a.id", [scope.checklist, day]).fetchall():
        r = acc.setdefault(unit, {"open": 0, "overdue": 0, "high": 0, "opened": 0,
                                  "fixed": 0, "oldest_overdue": None})
        if found is not None and start <= found <= end:
            r["opened"] += 1
        if status in DONE:
            when = closed if status == "verified" and closed is not None else fixed
            if when is not None and start <= when <= end:
                r["fixed"] += 1
            continue
        r["open"] += 1
        r["high"] += priority == "high"
        if due not in late_cache:
            late_cache[due] = late_days(scope.org, due, day)
        late = late_cache[due]
        if late:
            r["overdue"] += 1
            old = r["oldest_overdue"]
            if old is None or (due, branch, ident) < (old["due"], old["branch"], old["id"]):
                r["oldest_overdue"] = {"id": ident, "branch": branch, "checklist": checklist,
                                       "item": item, "due": due, "days": late}
    names = unit_names(con, scope, acc)
    rows = [{"unit": unit, "name": names[unit], **r} for unit, r in acc.items()]
    rows.sort(key=lambda r: (-r["overdue"], -r["open"], r["unit"]))
    return rows


def add_counts(con: DuckDBPyConnection, scope: Scope, rows: list[dict[str, Any]]) -> None:
    """Give each league row its unit's open and overdue action counts."""
    counts = {r["unit"]: r for r in per_unit(con, scope, prepared=True)}
    for r in rows:
        found = counts.get(r["unit"])
        r["actions_open"] = found["open"] if found else 0
        r["actions_overdue"] = found["overdue"] if found else 0
