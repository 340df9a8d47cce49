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
import os
from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.actions.limits import MAX_EVIDENCE
from branchcheck.actions.model import Evidence
from branchcheck.actions.state import evidence_from
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from branchcheck.core.model import Item
    from branchcheck.results.session import Prompter

NAME = "draft-evidence.json"
MAX_BYTES = 256 * 1024


def path_for(draft: Path) -> Path:
    """Where the evidence of the walk whose draft is ``draft`` is kept."""
    return draft.with_name(NAME)


def read(path: Path, root: Path, lang: str = "en") -> tuple[dict[str, list[Evidence]], str]:
    """The evidence by item id kept at ``path`` (none when absent), and what was wrong
    with the file ("" when nothing)."""
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


def collect(draft: Path, root: Path, lang: str) -> dict[str, list[Evidence]]:
    """The photos attached during the walk whose draft is ``draft``, for the actions (a
    problem with their record is a warning: the answers are in the draft)."""
    import sys

    found, problem = read(path_for(draft), root, lang)
    if problem:
        from branchcheck.core.textsafe import term

        sys.stderr.write(term(t(lang, f"警告：{problem}", f"Warning: {problem}")) + "\n")
    return found


def ask_photos(prompter: Prompter, root: Path, branch: str, lang: str, draft: Path,
               every_failure: bool, item: Item) -> str | None:
    """At a failed red line (at every failure that opens an action with ``run
    --photos``): attach photos (or other evidence) of the problem by path, Enter to go
    on. Each file goes into the evidence store at once and is recorded beside the
    draft. ``:q`` saves and quits after the answer (``"quit"``); ``:s`` or ``:b`` goes
    on like Enter."""
    from branchcheck.actions import evidence
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.results.session import COMMANDS, clean

    red = item.critical is not None
    if not (red or every_failure):
        return None
    kept = path_for(draft)
    found, _ = read(kept, root, lang)
    while len(found.get(item.id, [])) < MAX_EVIDENCE:
        line = clean(prompter.read(t(
            lang, "照片（文件路径；红线项请附照片；回车跳过）> " if red
            else "照片（文件路径，可选；回车跳过）> ",
            "Photo (file path; a red line should have one; Enter skips) > " if red
            else "Photo (file path, optional; Enter skips) > "))).strip()
        command = COMMANDS.get(line.lower())
        if command == "help":
            prompter.message(t(lang, "输入照片文件的路径（JPEG、PNG、PDF 或录音），可多次；"
                                     "回车继续下一项；:q 保存草稿并退出",
                               "Type the path of a photo (JPEG, PNG, PDF or audio), one at a "
                               "time; Enter goes on to the next item; :q saves the draft and "
                               "quits"), "help")
            continue
        if command == "quit":
            return "quit"
        if not line or command is not None:
            return None
        try:
            ev = evidence.store(root, branch, os.path.expanduser(line), lang=lang)
            found.setdefault(item.id, []).append(ev)
            write(kept, root, found)
        except BranchcheckError as exc:
            prompter.message(exc.message, "error")
            continue
        prompter.message(t(lang, f"已附：{ev.name}（{ev.kind}，{ev.size} 字节）；"
                                 "可再附一份，回车继续",
                           f"Attached: {ev.name} ({ev.kind}, {ev.size} bytes); another, or "
                           "Enter to go on"), "info")
    return None
