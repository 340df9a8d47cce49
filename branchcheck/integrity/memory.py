"""What this user derived from a file verified in full, kept for the file's exact bytes.

A slot (e.g. one branch's actions log) holds one payload, in the user's own cache
folder (``$XDG_CACHE_HOME/branchcheck/<name>``, never the results folder, which may
be a shared drive), with an HMAC made with the user's random key (mode 0600, kept by
:class:`branchcheck.integrity.seen.Seen`) over the tool version, the slot, the SHA-256
of the file's bytes and the payload. A payload written or edited by anyone without the
key, left by another version, or kept for other bytes is not returned. Every method
fails quietly: no memory, the caller verifies in full.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

MAX_BYTES = 512 * 1024 * 1024
"""The largest payload read back (twice the largest action log): a larger entry is a
miss, so the caller verifies in full."""


class Memory:
    """One cache folder of payloads by slot, each bound to the bytes it came from."""

    def __init__(self, name: str, fmt: str) -> None:
        from branchcheck import __version__
        from branchcheck.integrity.seen import Seen

        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"),
                                                                 ".cache")
        self.folder = Path(base) / "branchcheck" / name
        self.key = Seen(self.folder).key
        self.salt = f"{fmt}|{__version__}|".encode()

    def _mac(self, slot: str, digest: str, payload: bytes) -> bytes:
        assert self.key is not None  # noqa: S101 - callers check
        return hmac.new(self.key, self.salt + f"{slot}|{digest}|".encode(
            "utf-8", "surrogatepass") + payload, hashlib.sha256).hexdigest().encode()

    def _entry(self, slot: str) -> Path:
        assert self.key is not None  # noqa: S101 - callers check
        name = hmac.new(self.key, slot.encode("utf-8", "surrogatepass"),
                        hashlib.sha256).hexdigest()
        return self.folder / name[:2] / name

    def get(self, slot: str, digest: str) -> bytes | None:
        """The payload kept in ``slot`` for the bytes with SHA-256 ``digest``, if its
        MAC holds."""
        from branchcheck.core.errors import BranchcheckError
        from branchcheck.core.fsafe import read_regular

        if self.key is None:
            return None
        try:  # bounded, a regular file inside the folder (never a FIFO or a link out)
            raw = read_regular(self._entry(slot), max_bytes=MAX_BYTES, root=self.folder)
        except (OSError, BranchcheckError):
            return None
        mac, _, payload = raw.partition(b"\n")
        return payload if hmac.compare_digest(mac, self._mac(slot, digest, payload)) else None

    def put(self, slot: str, digest: str, payload: bytes) -> None:
        """Keep ``payload`` in ``slot`` for the bytes with SHA-256 ``digest`` (replacing
        what the slot held: one entry per slot, atomically)."""
        if self.key is None:
            return
        from branchcheck.core.errors import StorageError
        from branchcheck.core.fsafe import atomic_write

        entry = self._entry(slot)
        try:
            entry.parent.mkdir(exist_ok=True, mode=0o700)
            atomic_write(entry, self._mac(slot, digest, payload) + b"\n" + payload,
                         durable=False, private=True)  # private: names people
        except (OSError, StorageError):
            pass
