"""Identifier patterns shared by every module (kept tiny: imported on hot start-up paths)."""

from __future__ import annotations

import re

CHECKLIST_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
r"""A checklist id: kebab-case, lowercase letters and digits (e.g. ``daily-opening``).

``\Z`` rather than ``$``: Python's ``$`` also matches before a trailing newline."""

RESERVED_CHECKLIST_IDS = frozenset({"evidence"})
"""Names a branch's results folder uses for something else (``evidence/``: the action
evidence store): never a checklist id, or its results would land in that folder."""
