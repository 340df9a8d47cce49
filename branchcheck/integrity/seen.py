"""Results this user has already verified, remembered by the SHA-256 of their bytes.

``verify`` re-reads every file of a chain; parsing is the cost. A file whose
exact bytes were fully verified before (checked against its checklist, its
signature valid) need not be parsed again. The memory lives in the user's own
cache folder (``$XDG_CACHE_HOME/branchcheck/verified``, never the results
folder, which may be a shared drive) and every entry carries an HMAC made with
a random key kept there with mode 0600: an entry written by anyone without the
key -- or edited -- is ignored. Only positive verdicts are kept; entries are
bound to the tool version, so a changed rule never reuses an old verdict.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from branchcheck.core import fsafe
from branchcheck.core.errors import StorageError

_KEY_BYTES = 32


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "branchcheck" / "verified"


class Seen:
    """The cache of verified file contents; every method fails quietly (no cache)."""

    def __init__(self, folder: Path | None = None) -> None:
        from branchcheck import __version__

        self.folder = folder or _folder()
        self.key = self._key()
        self.salt = f"{__version__}|branchcheck-verified/1|".encode()

    def _key(self) -> bytes | None:
        path = self.folder / "key"
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:
                pass
            else:
                try:
                    os.write(fd, secrets.token_bytes(_KEY_BYTES))
                    os.fsync(fd)
                finally:
                    os.close(fd)
            from branchcheck.core.fsafe import read_regular

            info = os.lstat(path)
            if info.st_mode & 0o077 or info.st_uid != os.getuid():
                return None  # a key others could read or plant is no key
            key = read_regular(path, max_bytes=_KEY_BYTES)
        except (OSError, ValueError):
            return None
        except Exception:
            return None
        return key if len(key) == _KEY_BYTES else None

    def _mac(self, text: bytes) -> str:
        assert self.key is not None  # noqa: S101
        return hmac.new(self.key, self.salt + text, hashlib.sha256).hexdigest()

    def _entry(self, digest: str) -> Path:
        name = self._mac(digest.encode())
        return self.folder / name[:2] / name

    def get(self, digest: str) -> dict[str, Any] | None:
        """What was recorded when the file with SHA-256 ``digest`` was verified."""
        if self.key is None:
            return None
        try:
            raw = self._entry(digest).read_bytes()
            doc = json.loads(raw)
            body = json.dumps(doc["fields"], sort_keys=True).encode()
            if not hmac.compare_digest(doc["mac"], self._mac(digest.encode() + body)):
                return None
            fields: dict[str, Any] = doc["fields"]
            return fields
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, digest: str, fields: dict[str, Any]) -> None:
        """Remember that the file with SHA-256 ``digest`` verified, with ``fields``."""
        if self.key is None:
            return
        body = json.dumps(fields, sort_keys=True).encode()
        if json.loads(body) != fields:
            return  # text that would read back otherwise (a surrogate pair) is not kept
        doc = {"fields": fields, "mac": self._mac(digest.encode() + body)}
        entry = self._entry(digest)
        try:
            entry.parent.mkdir(exist_ok=True, mode=0o700)
            fsafe.atomic_write(entry, json.dumps(doc).encode("utf-8"), durable=False)
        except (OSError, StorageError):
            pass
