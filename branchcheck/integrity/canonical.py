"""The canonical bytes of a result: what a signature covers.

JSON with sorted keys, no spaces, UTF-8, and whole floats written as integers,
so the same data gives the same bytes whether it was just built or read back
from YAML. The ``signature`` block itself is left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

_EXACT = 2**53


def _normal(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT:
            return int(value)
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Mapping):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    raise TypeError(f"cannot canonicalise a {type(value).__name__}")


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: ``data`` without ``signature``, canonical JSON."""
    body = {k: v for k, v in data.items() if k != "signature"}
    return json.dumps(_normal(body), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
