"""Where results live and what a branch id may be: light enough for any command
(no result model, no YAML). :mod:`branchcheck.results.storage` re-exports these."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t

DEFAULT_DIR = "branchcheck-results"
BRANCH_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def check_branch(branch: str, lang: str = "en") -> str:
    """``branch`` if it is a safe id (letters, digits, ``_``, ``-``), else a usage error."""
    if not BRANCH_ID.fullmatch(branch):
        raise UsageError(t(
            lang,
            f"网点编号 {branch!r} 无效：只能用 1-64 个字母、数字、'_' 或 '-'（如 SH-001）",
            f"invalid branch id {branch!r}: use 1-64 letters, digits, '_' or '-' (e.g. SH-001)",
        ))
    return branch


def results_dir(option: str | None = None) -> Path:
    """``--results-dir``, else ``$BRANCHCHECK_RESULTS``, else ``./branchcheck-results``."""
    return Path(option or os.environ.get("BRANCHCHECK_RESULTS") or DEFAULT_DIR)


def now_iso() -> str:
    """Local time now, ISO 8601 with offset, to the second."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
