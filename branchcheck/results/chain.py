"""The chain: each stored result records the sha256 of the previous one.

:func:`store_result` is the one way commands store a result: it checks that
the result will read back, takes the folder lock (so concurrent runs stay
linear), links the result to the newest stored one, signs it if asked, and
writes it. :func:`walk` reads a branch's results back and reports every
broken link, fork, edit and restart.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import BranchcheckError, StorageError, TamperedError
from branchcheck.core.i18n import t
from branchcheck.core.model import Integrity, Result
from branchcheck.integrity.canonical import sha256_hex
from branchcheck.results.late import late_hours

if TYPE_CHECKING:
    from branchcheck.integrity.signing import SigningKey

LOCK_NAME = ".chain.lock"
LOCK_WAIT = 30.0


def store_result(result: Result, *, root: Path | None = None, path: Path | None = None,
                 sign_key: SigningKey | None = None, lang: str = "en",
                 stored: str | None = None) -> Path:
    """Store ``result`` under ``root`` (linked to the newest result of its branch and
    checklist) or exactly at ``path`` (unlinked); sign it with ``sign_key``.
    ``stored`` is the tool's clock unless a bundled sample tells its own story (a
    month of checks each stored as it finished; no command passes it).

    Refuses (nothing written) a result that would not read back as it was stored
    (:func:`branchcheck.results.storage.result_bytes`).
    """
    from branchcheck.results import storage

    if path is not None:
        data = storage.result_to_dict(result)
        return storage.write_result(result, path=path, data=_signed(data, sign_key), lang=lang)
    from branchcheck.core.locking import exclusive
    from branchcheck.core.places import now_iso

    base = root or storage.results_dir()
    folder = storage.prepare_folder(base, storage.result_path(base, result).parent, lang)
    with exclusive(folder / LOCK_NAME, wait=LOCK_WAIT,
                   what=t(lang, "保存结果", "storing a result")):
        newest = newest_stored(base, result.branch, result.checklist_id)
        result = replace(result, stored=stored or now_iso())  # the tool's clock, under the lock
        data = storage.result_to_dict(result)
        if newest is not None:
            data["previous"], data["previous_file"] = newest[1], newest[0].name
        return storage.write_result(result, root=base, data=_signed(data, sign_key), lang=lang)


def unlinked(result: Result, sign_key: SigningKey | None = None) -> dict[str, Any]:
    """The document of ``result`` outside the chain (``-o FILE``), signed if asked."""
    from branchcheck.results import storage

    return _signed(storage.result_to_dict(result), sign_key)


def _signed(data: dict[str, Any], key: SigningKey | None) -> dict[str, Any]:
    if key is None:
        return data
    from branchcheck.integrity.signing import sign

    data["signature"] = sign(data, key)
    return data


def read_regular(path: Path, root: Path) -> bytes | None:
    """The bytes of a regular file under ``root`` (never a FIFO, device or an escaping
    link, never more than a result may be), or None."""
    from branchcheck.core import fsafe
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES

    try:
        return fsafe.read_regular(path, root=root, max_bytes=DEFAULT_MAX_BYTES)
    except StorageError:
        return None


def newest_stored(root: Path, branch: str, checklist_id: str) -> tuple[Path, str] | None:
    """The newest stored result of ``branch`` and ``checklist_id`` and its sha256."""
    from branchcheck.results import storage

    for stored in storage.iter_stored(root, branch, checklist_id):
        raw = read_regular(stored.path, root)
        if raw is not None:
            return stored.path, sha256_hex(raw)
    return None


# ---------------------------------------------------------------- walking a chain


@dataclass
class Link:
    """One stored file of a chain: its digest, what it links to, how it read."""

    path: str
    stamp: str
    digest: str
    finished: str = ""
    stored: str = ""
    """When branchcheck stored it ("" when not recorded)."""
    late: bool = False
    """Stored long after it finished: a late entry (:mod:`branchcheck.results.late`)."""
    after: str = ""
    """Stored after its visit by nature, never late: ``imported`` or ``appeal``
    (:func:`branchcheck.results.late.after_visit`)."""
    previous: str | None = None
    previous_file: str = ""
    chained: bool = False
    """Whether the file records a ``previous`` (format 2)."""
    integrity: Integrity | None = None
    error: str = ""
    tampered: bool = False


@dataclass
class Chain:
    """A walked chain: its links oldest first and what is wrong with it."""

    branch: str
    checklist_id: str
    links: list[Link] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No broken link, fork, edit or unverifiable result."""
        return not self.problems


PARALLEL_THRESHOLD = 16


def walk(root: Path, branch: str, checklist_id: str, *, checklists: Iterable[str] = (),
         trust: str | None = None, lang: str = "en", use_cache: bool = True,
         jobs: int = 0, late_after: float | None = None) -> Chain:
    """Read every stored result of ``branch`` and ``checklist_id`` and check the chain.

    Files whose exact bytes this user verified before are not parsed again
    (:mod:`branchcheck.integrity.seen`); the others are read in parallel when many.
    Results stored more than ``late_after`` hours (default: the setting,
    :func:`branchcheck.results.late.late_hours`) after they finished are marked late
    entries (补录) and listed as warnings; stored times going backwards along the chain
    are a problem.
    """
    from branchcheck.integrity.seen import Seen
    from branchcheck.integrity.signing import TRUST_ENV, trusted_keys
    from branchcheck.results import storage

    trust = trust or os.environ.get(TRUST_ENV) or None
    keys = trusted_keys(trust, lang)
    seen = Seen() if use_cache else None
    chain = Chain(branch, checklist_id)
    todo: list[tuple[int, bytes]] = []
    for stored in reversed(list(storage.iter_stored(root, branch, checklist_id))):
        name = str(stored.path)
        raw = read_regular(stored.path, root)
        if raw is None:
            chain.problems.append(t(lang, f"{name}：不是普通文件，无法读取",
                                    f"{name}: not a regular file, cannot be read"))
            continue
        link = Link(name, stored.stamp, sha256_hex(raw))
        chain.links.append(link)
        hit = seen.get(link.digest) if seen else None
        if not (hit and _recall(link, hit, branch, checklist_id, keys, lang, trust)):
            todo.append((len(chain.links) - 1, raw))
    jobs_args = [(raw, chain.links[i], branch, checklist_id, tuple(checklists), trust, lang)
                 for i, raw in todo]
    for (i, _), link in zip(todo, _examine_all(jobs_args, jobs), strict=True):
        chain.links[i] = link
        integ = link.integrity
        if seen and integ is not None and integ.state == "verified" and not link.error:
            seen.put(link.digest, {"branch": branch, "checklist": checklist_id,
                                   "finished": link.finished, "stored": link.stored,
                                   "after": link.after,
                                   "previous": link.previous,
                                   "previous_file": link.previous_file, "key": integ.key})
    _check_links(chain, lang)
    _check_stored(chain, late_hours(lang) if late_after is None else late_after, lang)
    return chain


def _recall(link: Link, hit: dict[str, Any], branch: str, checklist_id: str,
            keys: dict[str, str], lang: str, trust: str | None) -> bool:
    """Fill ``link`` from a remembered verdict (False if it does not apply here)."""
    from branchcheck.integrity.assess import untrusted_note
    from branchcheck.integrity.signing import may_sign

    if (hit.get("branch"), hit.get("checklist")) != (branch, checklist_id) or not isinstance(
            hit.get("stored"), str) or not isinstance(hit.get("after"), str):
        return False  # remembered before stored times (or imports) were read: read again
    fp = str(hit.get("key") or "")
    if not fp:
        integ = Integrity("verified")
    elif fp in keys and may_sign(trust, keys[fp], branch, lang):
        integ = Integrity("verified", signature="trusted", signer=keys[fp], key=fp)
    elif fp in keys:
        integ = Integrity("verified", untrusted_note(fp, lang, keys[fp], branch), "untrusted",
                          fp, fp)
    else:
        integ = Integrity("verified", untrusted_note(fp, lang), "untrusted", fp, fp)
    prev = hit.get("previous")
    link.integrity = replace(integ, previous=prev if isinstance(prev, str) else None)
    link.finished = str(hit.get("finished") or "")
    link.stored = str(hit.get("stored") or "")
    link.after = str(hit["after"])
    link.previous = link.integrity.previous
    link.previous_file = str(hit.get("previous_file") or "")
    link.chained = True
    return True


def _examine_all(args: list[tuple[Any, ...]], jobs: int) -> list[Link]:
    workers = jobs or min(os.cpu_count() or 1, 4)
    if workers > 1 and len(args) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(args) // (workers * 4))
            return list(pool.map(_examine, args, chunksize=chunk))
    return [_examine(a) for a in args]


def _examine(args: tuple[Any, ...]) -> Link:
    """Parse and assess one file of a chain (in a worker process when many)."""
    from branchcheck.integrity.assess import assess
    from branchcheck.results import storage
    from branchcheck.results.late import after_visit

    raw, link, branch, checklist_id, extra, trust, lang = args
    assert isinstance(link, Link)  # noqa: S101
    name = link.path
    try:
        data, result = storage.load_result(raw, name, lang)
    except BranchcheckError as exc:
        link.error = _first(exc)
        return link
    link.finished = result.finished or result.started
    link.stored = result.stored
    link.after = after_visit(result)
    link.chained = "previous" in data
    prev = data.get("previous")
    link.previous = prev if isinstance(prev, str) else None
    link.previous_file = str(data.get("previous_file") or "")
    if (result.branch, result.checklist_id) != (branch, checklist_id):
        link.tampered = True
        link.error = t(lang, f"存放在 {branch}/{checklist_id} 下，却是网点 {result.branch} 的 "
                             f"{result.checklist_id} 结果（被移动过）",
                       f"stored under {branch}/{checklist_id} but is a "
                       f"{result.checklist_id} result of branch {result.branch} (moved)")
        return link
    try:
        link.integrity = assess(data, result, name=name, lang=lang, checklists=extra,
                                trust=trust)
    except TamperedError as exc:
        link.tampered = True
        link.error = _first(exc)
    return link


def _first(exc: BranchcheckError) -> str:
    messages = [p.message for p in exc.problems] or [exc.message]
    more = f" (+{len(messages) - 1})" if len(messages) > 1 else ""
    return messages[0] + more


def _check_links(chain: Chain, lang: str) -> None:
    links = chain.links
    say = chain.problems.append
    by_digest = {link.digest: link for link in links}
    by_name = {Path(link.path).name: link for link in links}
    claims: dict[str, list[Link]] = {}
    for link in links:
        if link.previous is not None:
            claims.setdefault(link.previous, []).append(link)
    seen_chained = False
    for i, link in enumerate(links):
        where = _where(link)
        if link.error:
            say(t(lang, f"{where}：被篡改：{link.error}", f"{where}: tampered: {link.error}")
                if link.tampered else
                t(lang, f"{where}：无法读取：{link.error}", f"{where}: unreadable: {link.error}"))
        elif link.integrity is not None and link.integrity.state == "unverified":
            say(t(lang, f"{where}：未核验：{link.integrity.reason}",
                  f"{where}: unverified: {link.integrity.reason}"))
        elif link.integrity is not None and link.integrity.signature == "untrusted":
            say(t(lang, f"{where}：{link.integrity.reason}", f"{where}: {link.integrity.reason}"))
        elif link.integrity is not None and link.integrity.state == "legacy":
            chain.warnings.append(t(lang, f"{where}：旧格式，不在链中", f"{where}: legacy "
                                    "format, not part of the chain"))
            if seen_chained:
                say(t(lang, f"{where}：旧格式的结果出现在新格式之后（被降级或插入）",
                      f"{where}: a legacy-format result after chained ones (downgraded or "
                      "inserted)"))
        if not link.chained:
            continue
        seen_chained = True
        if link.previous is None:
            if i > 0:
                say(t(lang, f"{where}：声称是第一个结果，但之前已有 {i} 个（插入的结果？）",
                      f"{where}: claims to be the first result, but {i} stored before it "
                      "(inserted?)"))
            continue
        pred = by_digest.get(link.previous)
        if pred is None:
            edited = by_name.get(link.previous_file)
            if edited is not None:
                say(t(lang, f"{_where(edited)}：在 {link.path} 保存之后被修改"
                            f"（链中记录的 sha256 为 {link.previous[:12]}…）",
                      f"{_where(edited)}: edited after {link.path} was stored (the chain "
                      f"recorded sha256 {link.previous[:12]}…)"))
            else:
                say(t(lang, f"{where}：前一个结果（sha256 {link.previous[:12]}…）不见了：被删除",
                      f"{where}: the result before it (sha256 {link.previous[:12]}…) is "
                      "missing: deleted"))
        elif pred.stamp > link.stamp:
            say(t(lang, f"{where}：链接到更晚的 {pred.path}（顺序被改动）",
                  f"{where}: links to the later {pred.path} (out of order)"))
    for digest, followers in claims.items():
        if len(followers) > 1:
            pred = by_digest.get(digest)
            what = pred.path if pred else f"sha256 {digest[:12]}…"
            names = ", ".join(_where(f) for f in followers)
            say(t(lang, f"分叉：{names} 都声称紧接在 {what} 之后",
                  f"fork: {names} all claim to follow {what}"))


def _check_stored(chain: Chain, hours: float, lang: str) -> None:
    """Mark late entries (warnings) and refuse stored times that go backwards."""
    from branchcheck.results.late import delay, is_late

    before: Link | None = None
    for link in chain.links:
        if not link.stored:
            continue
        if not link.after and is_late(link.finished, link.stored, hours):
            link.late = True
            gap = delay(link.finished, link.stored)
            days = gap.total_seconds() / 86400 if gap is not None else 0.0
            chain.warnings.append(t(
                lang, f"{_where(link)}：补录：{link.stored} 才保存（完成后 {days:.1f} 天）",
                f"{_where(link)}: late entry (补录): stored {link.stored}, {days:.1f} days "
                "after it finished"))
        if before is not None and (delay(before.stored, link.stored) or _ZERO) < _ZERO:
            chain.problems.append(t(
                lang, f"{_where(link)}：保存时间 {link.stored} 早于它之前的 {before.path} "
                      f"（{before.stored}）：顺序被改动，或时钟被调回",
                f"{_where(link)}: stored {link.stored}, before {before.path} that it follows "
                f"({before.stored}): reordered, or the clock was set back"))
        before = link


_ZERO = timedelta(0)


def _where(link: Link) -> str:
    return f"{link.path} ({link.finished})" if link.finished else link.path
