"""Evidence attached during ``run`` (a photo of a failed item), kept until the result
is stored.

The file is copied into the branch's evidence store at once (``evidence/<sha256>.<ext>``),
so the walk does not depend on the phone's copy; which items it belongs to is kept
beside the draft in ``<branch>/<checklist>/draft-evidence.json`` (written atomically
after each attachment), so a walk left with Ctrl-D, ``:q`` or a crash and resumed with
``--resume`` still has it. That file is hostile input like any stored file: read with a
size limit; anything malformed is reported and ignored (the answers are in the draft).
"""

from __future__ import annotations

import json
from pathlib import Path

from branchcheck.actions.limits import MAX_EVIDENCE
from branchcheck.actions.model import Evidence
from branchcheck.actions.state import evidence_from
from branchcheck.core.i18n import t

NAME = "draft-evidence.json"
MAX_BYTES = 256 * 1024


def path_for(draft: Path) -> Path:
    """Where the evidence of the walk whose draft is ``draft`` is kept."""
    return draft.with_name(NAME)


def read(path: Path, root: Path, lang: str = "en") -> tuple[dict[str, list[Evidence]], str]:
    """The evidence by item id kept at ``path`` (none when absent), and what was wrong
    with the file ("" when nothing)."""
    import os

    from branchcheck.core import fsafe
    from branchcheck.core.errors import StorageError

    if not os.path.lexists(path):
        return {}, ""
    bad = t(lang, f"{path}：照片记录无法读取，已忽略（答案不受影响）",
            f"{path}: the record of attached photos is unreadable and is ignored (the "
            "answers are not affected)")
    try:
        doc = json.loads(fsafe.read_regular(path, max_bytes=MAX_BYTES, root=root))
    except (StorageError, ValueError, RecursionError):
        return {}, bad
    found: dict[str, list[Evidence]] = {}
    if not isinstance(doc, dict):
        return {}, bad
    for item, records in doc.items():
        files = evidence_from(records)
        if not isinstance(item, str) or files is None:
            return {}, bad
        found[item] = files
    return found, ""


def write(path: Path, root: Path, found: dict[str, list[Evidence]]) -> None:
    """Keep ``found`` at ``path`` (atomically)."""
    from branchcheck.core import fsafe

    doc = {item: [e.as_dict() for e in files[:MAX_EVIDENCE]] for item, files in found.items()}
    fsafe.atomic_write(path, json.dumps(doc, ensure_ascii=False).encode("utf-8"), root=root)


def remove(path: Path) -> None:
    """Forget the walk's evidence record (the result is stored)."""
    try:
        path.unlink()
    except OSError:
        pass
