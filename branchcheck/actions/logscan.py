"""The quick way through a hash-chained log: a line exactly as the writer writes it.

The writer writes canonical JSON (keys sorted, no spaces), so after the subject and
``data`` every event ends the same way: ``,"hash":"…","id":"…","prev":"…","seq":N,
"tool":"…","type":"…","v":1,"when":"…","who":"…"}``. :func:`accept` reads such a
line with two regular expressions and one JSON scan of ``data`` (instead of decoding
the whole line and checking each key in Python) and takes the event only when
everything holds: the shape, the chain (seq and prev follow) and the hash of the
line's own bytes. Anything else (a ``repaired`` event, an escape in who or tool, a
broken chain, an edited line) returns None and the caller's full reader decides and
reports, so this path accepts a subset of what that reader accepts, with the same
event, and never reports anything itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from branchcheck.actions.limits import MAX_LINE_BYTES, MAX_TOOL, MAX_WHO
from branchcheck.actions.model import Event

if TYPE_CHECKING:
    from branchcheck.actions.log import Chain

_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_PLAIN = r'"([^"\\\x00-\x1f]*)"'
"""A JSON string without escapes or control characters: its bytes are its text."""
_HASH_AT = b',"hash":"'
_MEMBER = len(_HASH_AT) + 64 + 1
"""The bytes of ``,"hash":"<64 hex>"``: what the hash is computed without."""


_WHEN = ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]+)?"
         "(?:Z|[+-][0-9]{2}:[0-9]{2})")
_FIELDS = ("id", "prev", "seq", "tool", "type", "when", "who")


@cache
def _patterns(subject_key: str, types: frozenset[str]) -> tuple[re.Pattern[bytes],
                                                                re.Pattern[str]] | None:
    """The line up to ``data``'s value (bytes) and from the closing quote of ``hash``'s
    value to the end (text), keys in sorted order; None when the subject key sorts
    between ``data`` and ``hash`` (no such chain: the full reader alone then)."""
    if "data" <= subject_key <= "hash":
        return None
    subject = f'"{re.escape(subject_key)}":(?:null|{_PLAIN.replace("(", "(?P<subject>")})'
    kinds = "|".join(re.escape(t) for t in sorted(types) if t != "repaired")
    tool, who = (_PLAIN.replace("(", f"(?P<{name}>") for name in ("tool", "who"))
    parts = {  # hash and prev are compared with known hex digests, not matched here
        "id": '"id":"(?P<id>[0-9a-f]{16})"', "prev": '"prev":"(?P<prev>.{64})"',
        "seq": '"seq":(?P<seq>[1-9][0-9]{0,17})', "tool": f'"tool":{tool}',
        "type": f'"type":"(?P<type>{kinds})"', "v": '"v":1',
        "when": f'"when":"(?P<when>{_WHEN})"', "who": f'"who":{who}'}
    before = subject + "," if subject_key < "data" else ""
    if not before:
        parts[subject_key] = subject
    head = re.compile(("\\{" + before + '"data":').encode("ascii"))
    tail = re.compile('",' + ",".join(parts[k] for k in sorted(parts)) + "}",
                      re.ASCII | re.DOTALL)
    return head, tail


Accept = Callable[[bytes, int, int, str], "Event | None"]
"""``accept(line, number, seq, prev)``: the event on ``line`` (line ``number``) when it
is a canonical, well-formed event of the chain that follows event ``seq`` (hash
``prev``) and whose hash holds; else None (the caller's full reader then decides)."""


def _none(line: bytes, number: int, seq: int, prev: str) -> Event | None:
    return None


def reader(chain: Chain) -> Accept:
    """The quick reader of ``chain``'s lines."""
    patterns = _patterns(chain.subject_key, chain.types)
    if patterns is None:
        return _none
    head_match, tail_match = patterns[0].match, patterns[1].fullmatch
    subject_match, in_head = chain.subject.match, chain.subject_key < "data"
    sha256 = hashlib.sha256

    def accept(line: bytes, number: int, seq: int, prev: str) -> Event | None:
        if len(line) > MAX_LINE_BYTES:
            return None
        head = head_match(line)
        at = line.rfind(_HASH_AT)
        if head is None or at < head.end():
            return None
        try:
            end_text = line[at:].decode("utf-8")
            tail = tail_match(end_text, _MEMBER - 1)
            if tail is None:
                return None
            ident, before, number_text, tool, kind, when, who = tail.group(*_FIELDS)
            digest = end_text[len(_HASH_AT):_MEMBER - 1]
            if before != prev or int(number_text) != seq + 1 or sha256(
                    line[:at] + line[at + _MEMBER:]).hexdigest() != digest:
                return None
            text = line[head.end():at].decode("utf-8")
            data, end = _SCAN(text, 0)
            if in_head:
                raw = head.group("subject")
                subject = None if raw is None else raw.decode("utf-8")
            else:
                subject = tail.group("subject")
        except (UnicodeDecodeError, StopIteration, ValueError, RecursionError):
            return None
        if end != len(text) or type(data) is not dict or len(who) > MAX_WHO \
                or len(tool) > MAX_TOOL or (subject is not None and not subject_match(subject)):
            return None
        return Event(seq + 1, ident, kind, subject, who, when, tool, data, prev, digest, number)

    return accept
