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


def stored_branches(root: Path) -> list[str]:
    """The branches with a folder under ``root`` (results, drafts or actions), sorted."""
    try:
        return sorted(p.name for p in root.iterdir()
                      if BRANCH_ID.fullmatch(p.name) and p.is_dir())
    except OSError:  # no folder yet, or not readable: nothing stored
        return []


def require_branch(root: Path, branch: str, lang: str = "en") -> str:
    """``branch`` if it is a valid id with something stored under ``root``; else an
    error naming the nearest stored branches (a typo must not look like "all clear")."""
    from branchcheck.core.errors import NotFoundError
    from branchcheck.core.suggest import did_you_mean

    check_branch(branch, lang)
    if (root / branch).is_dir():
        return branch
    known = stored_branches(root)
    hint = did_you_mean(branch, known, lang) or (t(
        lang, f"；已有记录的网点：{'、'.join(known[:10])}", f"; branches stored: "
        f"{', '.join(known[:10])}") if known else "")
    raise NotFoundError(t(lang, f"{root} 下没有网点 {branch} 的已保存结果：该网点没有任何记录"
                                f"{hint}",
                          f"no stored results for branch {branch} under {root}: nothing at "
                          f"all is stored for that branch{hint}"))


def require_checklist(root: Path, checklist_id: str, branch: str | None = None,
                      lang: str = "en") -> str:
    """``checklist_id`` if results of it are stored under ``root`` (for ``branch``);
    else an error naming the nearest stored checklist ids."""
    from branchcheck.core.errors import NotFoundError
    from branchcheck.core.suggest import did_you_mean

    branches = [branch] if branch is not None else stored_branches(root)
    known: set[str] = set()
    for name in branches:
        try:
            known.update(p.name for p in (root / name).iterdir() if p.is_dir())
        except OSError:
            continue
    if checklist_id in known:
        return checklist_id
    hint = did_you_mean(checklist_id, known, lang)
    where = t(lang, f"网点 {branch} 的", f" of branch {branch}") if branch else ""
    raise NotFoundError(t(lang, f"{root} 下没有{where}检查表 {checklist_id!r} 的已保存结果{hint}",
                          f"no stored results for checklist {checklist_id!r}{where} under "
                          f"{root}{hint}"))
