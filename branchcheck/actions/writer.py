"""Adding events to a branch's log: the one write path.

Under the branch's lock (:func:`branchcheck.core.locking.exclusive`):

1. Find the current state. A quick writer (storing a result) trusts the writer's
   index (:mod:`branchcheck.actions.index`) only when it is bound to the log file as it
   is now (size, inode, times, last event) and the log's last line is the event the
   head names, with a valid hash. Anything else -- no index, a torn or longer log, a
   changed file -- means reading and verifying the whole log; a tampered log is
   refused and nothing is written.
2. Ask ``make`` for the events, given that state.
3. Append their lines with one ``write`` (``O_APPEND``, never through a symlink,
   regular files only) and fsync; a torn last line is first sealed by a ``repaired``
   event. Then replace the head atomically, then the index. A writer killed before
   the head is replaced leaves events the head does not name yet (harmless) or a
   torn line (reported, then sealed), never a head naming a missing event.

Nothing is written that the reader would refuse: each new line is checked with the
reader's own checks (:func:`branchcheck.actions.log.line_problem` and
:func:`branchcheck.actions.state.trial`, limits from :mod:`branchcheck.actions.limits`)
before the first byte goes to the file.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branchcheck.actions import index
from branchcheck.actions.limits import MAX_LINE_BYTES
from branchcheck.actions.log import (
    ACTIONS,
    LOCK_WAIT,
    Chain,
    Log,
    NewEvent,
    canonical,
    event_hash,
    line_problem,
    lock_label,
    log_path,
    read_head,
    read_log,
    verified_line,
)
from branchcheck.actions.model import EVENT_FORMAT, Event
from branchcheck.actions.state import State, derive, fold, trial
from branchcheck.core.errors import InputError, StorageError, TamperedError
from branchcheck.core.i18n import os_reason, t, ui

Make = Callable[[State], Sequence[NewEvent]]


@dataclass
class Tip:
    """The end of the log a write continues from."""

    state: State
    seq: int
    hash: str
    size: int
    torn: bytes | None = None
    torn_line: int = 0
    quick: bool = False


def append(root: Path, branch: str, make: Make, *, quick: bool = False,
           now: str | None = None) -> list[Event]:
    """Under the branch's lock: find the current state (``quick``: from the writer's
    index when it can be trusted; its actions then carry only id, checklist, item,
    status, source sha256, last check and business days), ask ``make`` for the events
    to add and append them. Refuses a tampered log."""
    with locked(root, branch):
        tip = (quick_tip(root, branch) if quick else None) or _full_tip(root, branch)
        wanted = list(make(tip.state))
        if not wanted:
            return []
        return _write(root, branch, tip, wanted, now)


@contextmanager
def locked(root: Path, branch: str, chain: Chain = ACTIONS) -> Iterator[None]:
    """The branch's folder (created if absent) with ``chain``'s lock held: one writer
    at a time."""
    from branchcheck.core import fsafe, locking

    folder = root / branch
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(t(ui(), f"无法创建 {folder}：{os_reason(exc)}",
                             f"cannot create {folder}: {exc.strerror or exc}")) from None
    fsafe.inside(root, folder)
    with locking.exclusive(folder / chain.lock_name, wait=LOCK_WAIT,
                           what=lock_label(chain, branch)):
        yield


def checked(root: Path, branch: str, chain: Chain = ACTIONS) -> Log:
    """The log, read and verified under its lock (held by the caller); a tampered log
    is refused: nothing may be written to it."""
    return refuse_tampered(read_log(root, branch, locked=True, chain=chain))


def refuse_tampered(log: Log) -> Log:
    """``log`` (read under its lock) unless it was tampered with: then nothing may be
    written to it."""
    chain = log.chain
    if log.tampered:
        raise TamperedError(t(ui(), f"{log.path}：{chain.what_zh or chain.what}已被篡改；"
                                    "未写入任何内容",
                              f"{log.path}: the {chain.what} has been tampered with; "
                              "nothing was written"),
                            [p for p in log.problems if p.severity == "error"])
    return log


def _full_tip(root: Path, branch: str) -> Tip:
    log = checked(root, branch)
    return Tip(derive(log), log.last_seq, log.last_hash, log.size, log.torn_tail,
               log.torn_line)


def quick_tip(root: Path, branch: str) -> Tip | None:
    """The tip from the writer's index, or None unless the index is bound to the log
    as it is and the log's last line is the event the head names."""
    from branchcheck.core import fsafe

    head = read_head(root, branch)
    if head is None:
        return None
    try:
        raw = fsafe.read_regular(index.path_of(root, branch),
                                 max_bytes=index.MAX_INDEX_BYTES, root=root)
        fd = os.open(log_path(root, branch), os.O_RDONLY | os.O_NONBLOCK
                     | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except (StorageError, OSError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _tail_is(fd, info.st_size, *head):
            return None
    except OSError:
        return None
    finally:
        os.close(fd)
    state = index.load(raw, index.binding(info, *head), branch)
    if state is None:
        return None
    return Tip(state, head[0], head[1], info.st_size, quick=True)


def _tail_is(fd: int, size: int, seq: int, last_hash: str) -> bool:
    """Whether the file's last line (complete, newline-ended) is event ``seq`` with
    hash ``last_hash``."""
    if size <= 0:
        return False
    want = min(size, MAX_LINE_BYTES + 1)
    tail = os.pread(fd, want, size - want)
    if len(tail) != want or not tail.endswith(b"\n"):
        return False
    cut = tail.rfind(b"\n", 0, want - 1)
    if cut < 0 and want < size:
        return False  # the last line is longer than any event may be
    obj = verified_line(tail[cut + 1:-1])
    return obj is not None and obj["seq"] == seq and obj["hash"] == last_hash


def _write(root: Path, branch: str, tip: Tip, wanted: list[NewEvent],
           now: str | None) -> list[Event]:
    from branchcheck.core import fsafe

    written, data = lines_for(root, branch, wanted, seq=tip.seq, prev=tip.hash,
                              torn=tip.torn, torn_line=tip.torn_line, now=now)
    path = log_path(root, branch)
    refused = trial(tip.state, written, str(path))
    if refused:
        raise InputError(t(ui(), f"{path}：{refused[0].message}：读取日志时会被拒绝；"
                                 "未写入任何内容",
                           f"{path}: {refused[0].message}: the log's reader would refuse it; "
                           "nothing was written"), refused)
    seq, prev = written[-1].seq, written[-1].hash
    info = commit_lines(root, branch, data, size=tip.size, seq=seq, last=prev)
    fold(tip.state, written, str(path))
    try:  # a cache: one not written is ignored later (it is bound to the old log)
        fsafe.atomic_write(index.path_of(root, branch),
                           index.dump(tip.state, index.binding(info, seq, prev)), root=root,
                           durable=False)
    except StorageError:
        pass
    return written


def lines_for(root: Path, branch: str, wanted: list[NewEvent], *, seq: int, prev: str,
              torn: bytes | None = None, torn_line: int = 0, now: str | None = None,
              chain: Chain = ACTIONS) -> tuple[list[Event], bytes]:
    """The events ``wanted`` and the bytes that append them after event ``seq`` (hash
    ``prev``), each line checked with the reader's checks (a line the reader would
    refuse is an InputError: nothing is written); a torn last line is sealed first."""
    from branchcheck import __version__
    from branchcheck.core.places import now_iso

    when = now or now_iso()
    prefix = b""
    if torn is not None:
        prefix = b"\n"  # seal the cut-off line, then say so
        wanted.insert(0, NewEvent("repaired", None, "branchcheck", {
            "line": torn_line, "bytes": len(torn),
            "sha256": hashlib.sha256(torn).hexdigest()}))
    written: list[Event] = []
    chunks: list[bytes] = [prefix]
    path = log_path(root, branch, chain)
    for new in wanted:
        seq += 1
        obj: dict[str, Any] = {"v": EVENT_FORMAT, "seq": seq, "id": secrets.token_hex(8),
                               "type": new.type, chain.subject_key: new.action,
                               "who": new.who, "when": when, "tool": __version__,
                               "data": dict(new.data), "prev": prev}
        try:
            obj["hash"] = prev = event_hash(obj)
            line = canonical(obj)
        except (UnicodeEncodeError, ValueError):  # a lone surrogate, a NaN
            raise InputError(t(ui(), f"{path}：{new.type} 事件含有无法保存的文字（不是有效的 "
                                     "Unicode）；未写入任何内容",
                               f"{path}: a {new.type} event holds text that cannot be stored "
                               "(not valid Unicode); nothing was written")) from None
        problem = line_problem(line, obj, chain)
        if problem:
            raise InputError(t(ui(), f"{path}：{problem}；未写入任何内容",
                               f"{path}: {problem}; nothing was written"))
        chunks.append(line + b"\n")
        written.append(Event(seq=seq, id=obj["id"], type=new.type, action=new.action,
                             who=new.who, when=when, tool=__version__, data=obj["data"],
                             prev=obj["prev"], hash=prev))
    return written, b"".join(chunks)


def commit_lines(root: Path, branch: str, data: bytes, *, size: int, seq: int, last: str,
                 chain: Chain = ACTIONS) -> os.stat_result:
    """Append ``data`` (from :func:`lines_for`) to the log that was ``size`` bytes when
    read and verified, then replace the head to name event ``seq`` (hash ``last``); the
    log file as it is afterwards. The caller holds the lock (:func:`locked`)."""
    from branchcheck.core import fsafe

    head = root / branch / chain.head_name
    fsafe.replaceable(head, root=root)  # never an appended event without its head
    info = _append_bytes(root, log_path(root, branch, chain), data, size)
    fsafe.atomic_write(head, canonical({"seq": seq, "hash": last}) + b"\n", root=root)
    return info


def add_events(root: Path, branch: str, wanted: list[NewEvent], *, seq: int, prev: str,
               size: int, torn: bytes | None = None, torn_line: int = 0,
               now: str | None = None, chain: Chain = ACTIONS,
               ) -> tuple[list[Event], os.stat_result]:
    """:func:`lines_for`, then :func:`commit_lines`: the events written and the log file
    afterwards. The caller holds the lock and has verified the log."""
    written, data = lines_for(root, branch, wanted, seq=seq, prev=prev, torn=torn,
                              torn_line=torn_line, now=now, chain=chain)
    info = commit_lines(root, branch, data, size=size, seq=written[-1].seq,
                        last=written[-1].hash, chain=chain)
    return written, info


def _append_bytes(root: Path, path: Path, data: bytes, size: int) -> os.stat_result:
    """Append ``data`` to the log that was ``size`` bytes when read (create it when
    empty); the file as it is afterwards."""
    from branchcheck.core import fsafe

    if size == 0:
        fsafe.atomic_write(path, data, root=root)
        return os.lstat(path)
    fd = fsafe.open_append(path, root=root)
    try:
        if os.fstat(fd).st_size != size:
            raise StorageError(t(ui(), f"{path} 在写入时被改动；未写入任何内容",
                                 f"{path} changed while it was being written to; nothing "
                                 "was written"))
        fsafe.append_synced(fd, data, path)
        return os.fstat(fd)
    finally:
        os.close(fd)
