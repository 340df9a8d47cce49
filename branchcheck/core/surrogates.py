"""JSON's escaped surrogate pairs (``"\\ud83d\\ude00"``), which YAML parsers refuse.

Python's ``json.dump`` (``ensure_ascii``, the default) writes a character
outside the Basic Multilingual Plane, such as an emoji, as two ``\\uXXXX``
escapes of a UTF-16 surrogate pair. That is valid JSON, but libyaml rejects
it, so a valid JSON answers file was refused. Before parsing, a document that
is valid JSON gets each escaped pair rewritten as the single escape YAML
accepts (``\\U0001F600``): in valid JSON every ``\\u`` is inside a double-quoted
string, where both mean the same character. Anything else is left as it is.
"""

from __future__ import annotations

import json
import re

_HINT = re.compile(r"\\u[dD][89abAB]")
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)"  # an even run of backslashes: not escaped itself
                   r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _joined(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    return f"{match.group(1)}\\U{code:08X}"


def join_pairs(text: str) -> str:
    """``text`` with escaped surrogate pairs joined, if it is a JSON document that has any."""
    if not _HINT.search(text):
        return text
    try:
        json.loads(text)
    except ValueError:  # not JSON (YAML keeps its own rules), or broken JSON: parse as given
        return text
    return _PAIR.sub(_joined, text)
