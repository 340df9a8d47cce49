"""The history cache: what ``history`` needs of each stored result (a
:class:`~branchcheck.results.summary.Summary`) and the verdict its bytes earned,
so a file seen before is not parsed, schema-checked and re-scored again.

- Where: the user's own cache folder (``$XDG_CACHE_HOME/branchcheck/history``),
  never the results folder (it may be a shared drive); one file per results
  folder, branch, checklist and language, named by a hash of them.
- Believed only when proven: the file carries an HMAC made with a random key kept
  in that folder with mode 0600 (:class:`branchcheck.integrity.seen.Seen`). A cache
  written by anyone without the key, edited, cut short, or of another tool version
  is ignored whole (everything is parsed again and the cache rewritten).
- Keyed on content: an entry serves a file only when the SHA-256 of the bytes just
  read is the entry's, so an edit that keeps size and modification time is caught.
- Verdicts: a tampered file is never cached. "Checklist not found" is believed only
  while the files searched for it are the same (:func:`~branchcheck.integrity.
  against.search_print`); who trusts the signer is never cached (the trust folder
  decides each time).
- Bounded: a cache file over :data:`MAX_BYTES` is neither read nor written, and
  at most :data:`MAX_FILES` are kept.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from branchcheck.integrity.assess import Verdict, trusted
from branchcheck.results.summary import Layout, Summary

FORMAT = b"branchcheck-history-cache/3"
MAX_BYTES = 64 * 1024 * 1024
"""About 70,000 results of a 50-item checklist (~0.9 KB each)."""
MAX_FILES = 200
"""Cache files kept (one per results folder, branch, checklist and language); the
least recently written go first."""


def folder() -> Path:
    """The user's history cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "branchcheck" / "history"


class ResultCache:
    """Summaries and verdicts of the results of one branch + checklist under one results
    folder, by file name and SHA-256. Every failure is quiet: no cache."""

    def __init__(self, root: Path, branch: str, checklist_id: str, lang: str = "en",
                 where: Path | None = None) -> None:
        from branchcheck import __version__
        from branchcheck.integrity.against import search_print
        from branchcheck.integrity.seen import Seen

        self.where = where or folder()
        self.key = Seen(self.where).key
        self.branch, self.lang = branch, lang
        self.head = {"root": os.path.realpath(root), "branch": branch,
                     "checklist": checklist_id, "lang": lang}
        name = hashlib.sha256(json.dumps(self.head, sort_keys=True).encode(
            "utf-8", "surrogateescape")).hexdigest()[:40]
        self.path = self.where / f"{name}.json"
        self.salt = FORMAT + b"|" + __version__.encode() + b"|"
        self.search = search_print(checklist_id)
        self.layouts: list[Layout] = []
        self.entries: dict[str, list[Any]] = {}
        self.index: dict[str, int] | None = None
        self.dirty = False
        if self.key is not None:
            self._read()

    def _mac(self, body: bytes) -> bytes:
        assert self.key is not None  # noqa: S101
        return hmac.new(self.key, self.salt + body, hashlib.sha256).hexdigest().encode()

    def _read(self) -> None:
        from branchcheck.core.errors import StorageError
        from branchcheck.core.fsafe import is_regular, read_regular

        if not is_regular(self.path):
            return
        try:
            raw = read_regular(self.path, max_bytes=MAX_BYTES)
            magic, mac, body = raw.split(b"\n", 2)
            if magic != FORMAT or not hmac.compare_digest(mac, self._mac(body)):
                return
            doc = json.loads(body)
            if doc["head"] != self.head:
                return
            self.layouts = [tuple((i, s, t) for i, s, t in lay) for lay in doc["layouts"]]
            self.entries = doc["entries"]
        except (StorageError, ValueError, KeyError, TypeError, RecursionError):
            self.layouts, self.entries = [], {}
            return
        if doc.get("search") != self.search:  # the checklist files searched have changed
            lost = [k for k, e in self.entries.items() if not e[4][4]]
            for k in lost:
                del self.entries[k]
            self.dirty = bool(lost)

    def get(self, name: str, digest: str, path: str) -> Summary | None:
        """The summary of file ``name`` (at ``path``) if its bytes hash to ``digest``."""
        e = self.entries.get(name)
        if e is None or e[0] != digest:
            return None
        try:
            (branch, ck, title, version, ck_sha, started, finished, reviewer, raw, final,
             grade, coverage, complete, knocked, sections, edges) = e[3]
            state, reason, key, previous, found = e[4]
            verdict = Verdict(state=state, reason=reason, key=key, previous=previous,
                              found=found)
            return Summary(
                path=path, branch=branch, checklist_id=ck, checklist_title=title,
                checklist_version=version, checklist_sha256=ck_sha, started=started,
                finished=finished, reviewer=reviewer, overall_raw=raw, overall_final=final,
                grade=grade, coverage=coverage, complete=complete, knocked_out=knocked,
                sections=tuple((i, t, f) for i, t, f in sections), edges=tuple(edges),
                layout=self.layouts[e[1]], statuses=e[2],
                integrity=trusted(verdict, branch, self.lang))
        except (ValueError, TypeError, IndexError):
            return None

    def put(self, name: str, digest: str, s: Summary, v: Verdict) -> None:
        """Remember the summary and verdict of file ``name`` with SHA-256 ``digest``."""
        if self.key is None:
            return
        if self.index is None:
            self.index = {json.dumps(lay): n for n, lay in enumerate(self.layouts)}
        text = json.dumps(s.layout)
        at = self.index.get(text)
        if at is None:
            at = self.index[text] = len(self.layouts)
            self.layouts.append(s.layout)
        self.entries[name] = [
            digest, at, s.statuses,
            [s.branch, s.checklist_id, s.checklist_title, s.checklist_version,
             s.checklist_sha256, s.started, s.finished, s.reviewer, s.overall_raw,
             s.overall_final, s.grade, s.coverage, s.complete, s.knocked_out,
             [list(x) for x in s.sections], list(s.edges)],
            [v.state, v.reason, v.key, v.previous, v.found]]
        self.dirty = True

    def save(self, existing: Iterable[str]) -> None:
        """Write the cache (entries of files that still exist) if anything changed."""
        from branchcheck.core.errors import StorageError
        from branchcheck.core.fsafe import atomic_write

        if self.key is None:
            return
        keep = set(existing)
        stale = [k for k in self.entries if k not in keep]
        for k in stale:
            del self.entries[k]
        if not (self.dirty or stale):
            return
        used = sorted({e[1] for e in self.entries.values()})
        renumber = {old: new for new, old in enumerate(used)}
        entries = {k: [e[0], renumber[e[1]], *e[2:]] for k, e in self.entries.items()}
        try:
            body = json.dumps({"head": self.head, "search": self.search,
                               "layouts": [self.layouts[n] for n in used], "entries": entries},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeError:  # text that is not valid Unicode (a lone surrogate): no cache
            return
        data = FORMAT + b"\n" + self._mac(body) + b"\n" + body
        if len(data) > MAX_BYTES:
            return
        try:
            atomic_write(self.path, data, durable=False, private=True)  # names reviewers
        except StorageError:
            return  # a cache that cannot be written is simply not used
        _prune(self.where)


def _prune(where: Path) -> None:
    """Remove the least recently written cache files beyond :data:`MAX_FILES`."""
    try:
        with os.scandir(where) as it:
            files = [(e.stat().st_mtime_ns, e.path) for e in it
                     if e.name.endswith(".json") and e.is_file(follow_symlinks=False)]
        for _, path in sorted(files)[:max(0, len(files) - MAX_FILES)]:
            os.unlink(path)
    except OSError:
        pass
