"""The limits of an action event, defined once: the writer enforces them before a line
is written and the reader checks them when it is read, so whatever the writer accepts
the reader accepts (issue 25, N1).

Where the text comes from decides what happens to text over a limit: what a user
types (``--note``, ``--owner``, ``--who``) is refused with a clear error; what is
taken from a stored result (an item's text or note, the reviewer) is shortened and
ends with :data:`MARK`. A new event field takes its limit from here.
"""

from __future__ import annotations

MAX_LINE_BYTES = 64 * 1024
"""One event: its canonical JSON line, in bytes."""
MAX_WHO = 200
"""Who recorded an event (a reviewer, ``--who``)."""
MAX_TEXT = 4000
"""A note, a fix, a comment, an item's text in one language."""
MAX_NAME = 200
"""An owner, an owner's role, an approver."""
MAX_VALUE = 200
"""The failing answer of an item."""
MAX_ID = 64
"""A branch, checklist, item or section id."""
MAX_PATH = 1000
"""The path of the result an event came from."""
MAX_EVIDENCE = 50
"""Evidence files of one fix."""
MAX_FILE_NAME = 255
"""The original name of an evidence file."""
MAX_TOOL = 40
"""The tool version that wrote the event."""
MAX_LANG = 10
"""A language code of an item's text."""
MARK = "…[截断/cut]"
"""Ends a text shortened to fit."""


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start and :data:`MARK`."""
    if len(text) <= limit:
        return text
    return text[:max(limit - len(MARK), 0)] + MARK[:limit]
