"""The register's signed checkpoint (``complaints.checkpoint``, beside the register):
the cases as the outlet folded them, signed with the outlet's key, so that anyone who
trusts that key lists 10,000 cases without folding 50,000 events again.

**Written** by every change to a register when ``$BRANCHCHECK_SIGN_KEY`` names a
signing key (the key the outlet signs its results with, docs/integrity.md), once the
lines appended since the last checkpoint exceed 1/:data:`RENEW` of the register (so a
change rarely pays for it). Line 1 is a header: the register's size and the SHA-256 of
those bytes, its last event (seq and hash), the SHA-256 of line 2, the tool version and
the case fields, signed (Ed25519) over its canonical bytes. Line 2: the cases as JSON
rows (:mod:`.caserows`), the customer's name and contact left out (only which of
them were recorded).

**Used** by ``complaints list`` and ``register`` (not with ``--personal``) only when
all of this holds: ``$BRANCHCHECK_TRUST`` names a trust folder holding the signer's
public key; the signer may sign for the outlet (``branches.yaml``); the signature, line
2's hash, the tool version, the fields and the outlet agree; the register's first
``size`` bytes hash to the header's digest; every row has the shape the fold gives;
and the lines appended since verify (hashes, chain from the header's last event, head).
Otherwise the register is verified in full as if there were no checkpoint, and that
verification reports whatever is wrong with the register. A checkpoint proves what the
outlet's key signed, as a signed result does: a forged register with a checkpoint
signed by a key nobody trusts is verified in full."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.complaints import caserows
from branchcheck.complaints.model import Case

if TYPE_CHECKING:
    from branchcheck.integrity.signing import SigningKey

NAME = "complaints.checkpoint"
FORMAT = "branchcheck-complaints-checkpoint/1"
RENEW = 16
"""A new checkpoint is written once the lines after the last one exceed 1/RENEW of the
register: until then a reader verifies those lines itself (milliseconds)."""
MAX_BYTES = 64 * 1024 * 1024
"""The largest checkpoint read (10,000 cases take about 6 MB)."""
_MAX_HEADER = 4096


def path_of(root: Path, branch: str) -> Path:
    """Where ``branch``'s checkpoint lives."""
    return root / branch / NAME


def signing_key(lang: str = "en") -> SigningKey | None:
    """The key ``$BRANCHCHECK_SIGN_KEY`` names (None when unset); a key file that cannot
    be used is refused before anything is written."""
    from branchcheck.integrity.signing import SIGN_ENV, load_signing_key

    name = os.environ.get(SIGN_ENV)
    return load_signing_key(name, lang) if name else None


def _header(raw: bytes) -> dict[str, Any] | None:
    """The checkpoint's first line as a mapping (None when it is not one)."""
    line = raw.partition(b"\n")[0]
    if len(line) > _MAX_HEADER:
        return None
    try:
        found = json.loads(line)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) else None


def _what(branch: str) -> dict[str, Any]:
    """The header fields a checkpoint must carry for this tool and outlet."""
    from branchcheck import __version__

    return {"format": FORMAT, "tool": __version__, "fields": list(caserows.NAMES),
            "branch": branch}


def due(root: Path, branch: str, size: int, key: SigningKey) -> bool:
    """Whether the register (now ``size`` bytes) needs a new checkpoint: none yet, one
    for another tool or outlet or signed by another key (a checkpoint nobody may
    replace would keep a register from ever having a good one), or the lines after it
    exceed 1/RENEW of the register."""
    from branchcheck.core import fsafe
    from branchcheck.core.errors import BranchcheckError

    try:
        head = _header(fsafe.read_regular(path_of(root, branch), max_bytes=MAX_BYTES,
                                          root=root))
    except (BranchcheckError, OSError):
        return True
    if head is None or any(head.get(k) != v for k, v in _what(branch).items()):
        return True
    signature = head.get("signature")
    if not isinstance(signature, dict) or signature.get("key") != key.fingerprint:
        return True
    done = head.get("size")
    return type(done) is not int or not 0 < done <= size or size - done > size // RENEW


def write(root: Path, branch: str, key: SigningKey, *, size: int, digest: str, seq: int,
          last: str, cases: Iterable[Case]) -> None:
    """Sign and store the checkpoint of the register's first ``size`` bytes (SHA-256
    ``digest``, last event ``seq``/``last``) holding ``cases`` (atomically: a reader
    sees the old checkpoint or the new one)."""
    from branchcheck.core import fsafe
    from branchcheck.integrity.signing import sign

    found = caserows.rows(cases)
    body = json.dumps([(_blank(v), s, r) for v, s, r in found], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    head: dict[str, Any] = {**_what(branch), "size": size, "sha256": digest, "seq": seq,
                            "last": last, "cases": len(found),
                            "rows_sha256": hashlib.sha256(body).hexdigest()}
    head["signature"] = sign(head, key)
    line = json.dumps(head, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")
    fsafe.atomic_write(path_of(root, branch), line + b"\n" + body + b"\n", root=root,
                       durable=False)


def _blank(values: tuple[Any, ...]) -> list[Any]:
    """A row's first part with the customer's name and contact blanked."""
    out = list(values)
    out[8] = dict.fromkeys(out[8], "")
    return out


def read(root: Path, branch: str, raw: bytes) -> tuple[int, int, str, dict[str, Case]] | None:
    """``(size, seq, last, cases)`` of the checkpoint when it is signed by a key the
    trust folder trusts for ``branch`` and describes the first ``size`` bytes of the
    register ``raw``; None otherwise (the caller then verifies in full)."""
    from branchcheck.core import fsafe
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.integrity.signing import TRUST_ENV

    folder = os.environ.get(TRUST_ENV)
    where = path_of(root, branch)
    if not folder or not os.path.lexists(where):
        return None
    try:
        data = fsafe.read_regular(where, max_bytes=MAX_BYTES, root=root)
    except (BranchcheckError, OSError):
        return None
    head = _header(data)
    if head is None or any(head.get(k) != v for k, v in _what(branch).items()):
        return None
    size, seq, last = head.get("size"), head.get("seq"), head.get("last")
    if type(size) is not int or type(seq) is not int or type(last) is not str \
            or not 0 < size <= len(raw) or raw[size - 1:size] != b"\n":
        return None
    body = data.partition(b"\n")[2]  # b"" when there is no second line
    if body[-1:] != b"\n" or hashlib.sha256(body[:-1]).hexdigest() != head.get("rows_sha256") \
            or hashlib.sha256(memoryview(raw)[:size]).hexdigest() != head.get("sha256") \
            or not _trusted(head, folder, branch):
        return None
    try:
        cases = caserows.checked(json.loads(body))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if cases is None or len(cases) != head.get("cases"):
        return None
    return size, seq, last, cases


def _trusted(head: dict[str, Any], folder: str, branch: str) -> bool:
    """The header's signature holds and its key is trusted for ``branch``."""
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.integrity.signing import check_signature, may_sign, trusted_keys

    try:
        fingerprint, problem = check_signature(head)
        keys = trusted_keys(folder)
        return not problem and fingerprint in keys and may_sign(folder, keys[fingerprint],
                                                                branch)
    except BranchcheckError:  # a trust folder that cannot be read: no checkpoint
        return False
