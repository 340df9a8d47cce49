"""The outlet folders of a results folder, as the ingest walks them for the per-outlet
logs (the action log, the complaint register): one walk for both."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def outlet_files(root: Path, name: str) -> Iterator[tuple[str, str, os.stat_result | None]]:
    """Each outlet folder directly under ``root`` (a valid outlet id, a real folder, not a
    link; by name): the outlet, the path of its file ``name`` and that file's ``lstat``
    (None when there is none). An unreadable ``root`` yields nothing: the scan of the
    results reports it."""
    from branchcheck.core.places import BRANCH_ID

    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if not BRANCH_ID.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        path = os.path.join(entry.path, name)
        try:
            info: os.stat_result | None = os.lstat(path)
        except OSError:
            info = None
        yield entry.name, path, info
