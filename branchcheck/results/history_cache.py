"""The history cache: parsed result documents of one branch and checklist, kept in
``<results-dir>/.cache/history/<branch>/<checklist>.json``.

An entry is keyed by the file's name and the SHA-256 of its bytes, and believed
only when it *is* the file: written out again as the tool writes results, it must
hash to that SHA-256, so an edited entry is never served. The caller still assesses
every document served (:mod:`branchcheck.results.history`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from branchcheck.core.errors import BranchcheckError, StorageError
from branchcheck.core.i18n import t

CACHE_FORMAT = "branchcheck-history-cache/2"
CACHE_MAX_BYTES = 256 * 1024 * 1024


class ResultCache:
    """Parsed result documents of one branch + checklist, keyed by file name and content
    hash, each believed only if writing it out again gives exactly the file's bytes."""

    def __init__(self, root: Path, branch: str, checklist_id: str, lang: str = "en") -> None:
        from branchcheck import __version__
        from branchcheck.core import resources
        from branchcheck.core.fsafe import UnsafePathError, inside, is_regular, read_regular

        self.root = root
        self.path = root / ".cache" / "history" / branch / f"{checklist_id}.json"
        try:  # the cache is read and written only inside the results folder
            inside(root, self.path)
        except UnsafePathError as exc:
            raise UnsafePathError(exc.message + t(
                lang, "；请删除该链接，或加 --no-cache", "; remove the link, or pass --no-cache")
            ) from None
        schema = resources.schema_path("result").read_bytes()
        self.salt = hashlib.sha256(schema + f"{__version__}|{CACHE_FORMAT}".encode()).hexdigest()
        self.entries: dict[str, Any] = {}
        self.dirty = False
        if not is_regular(self.path):
            return  # no cache yet (or a FIFO, device or link there: never opened)
        try:
            data = json.loads(read_regular(self.path, max_bytes=CACHE_MAX_BYTES, root=root))
            if (isinstance(data, dict) and data.get("format") == CACHE_FORMAT
                    and data.get("salt") == self.salt
                    and isinstance(data.get("entries"), dict)):
                self.entries = data["entries"]
        except (BranchcheckError, ValueError, RecursionError):
            pass  # an unusable cache: everything is parsed again

    def get(self, name: str, digest: str) -> dict[str, Any] | None:
        """The cached document of file ``name`` if it is exactly the file's content."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            return None
        data = entry.get("result")
        if not isinstance(data, dict) or not is_file(data, digest):
            return None
        return data

    def put(self, name: str, digest: str, data: dict[str, Any]) -> None:
        """Remember the checked document of file ``name`` (only if it can be bound to it)."""
        if is_file(data, digest):
            self.entries[name] = {"sha256": digest, "result": data}
            self.dirty = True

    def save(self, existing: set[str]) -> None:
        """Write the cache (entries of files that still exist) if anything changed."""
        from branchcheck.core.fsafe import atomic_write

        stale = [k for k in self.entries if k not in existing]
        for k in stale:
            del self.entries[k]
        if not (self.dirty or stale):
            return
        data = {"format": CACHE_FORMAT, "salt": self.salt, "entries": self.entries}
        try:
            atomic_write(self.path, json.dumps(data, ensure_ascii=False,
                                               separators=(",", ":")).encode("utf-8"),
                         root=self.root)
        except StorageError:
            pass  # a cache that cannot be written is simply not used


def is_file(data: dict[str, Any], digest: str) -> bool:
    """Whether ``data`` written out as the tool writes results has SHA-256 ``digest``."""
    from branchcheck.results.storage import dump_yaml

    try:
        raw = dump_yaml(data).encode("utf-8")
    except Exception:  # a forged entry of any shape is simply not used
        return False
    return hashlib.sha256(raw).hexdigest() == digest
