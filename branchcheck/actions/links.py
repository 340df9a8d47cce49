"""What the actions log says about one stored result: the actions it opened, kept open
and closed, and its sign-offs (审核). Used by ``report``, ``diff`` and ``results``."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from branchcheck.actions.state import Approval


@dataclass
class Links:
    """Action ids by what this result did to them, and the result's approvals."""

    opened: list[str] = field(default_factory=list)
    still_open: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    items: dict[str, str] = field(default_factory=dict)
    """Item id of every action named above."""

    def __bool__(self) -> bool:
        return bool(self.opened or self.still_open or self.reopened or self.closed
                    or self.approvals)


def root_of(result_file: Path, branch: str, option: str | None = None) -> Path | None:
    """The results folder holding ``result_file``'s branch log: ``--results-dir`` when
    given, else the folder the file is stored under (``<root>/<branch>/<checklist>/``)."""
    from branchcheck.results import storage

    if option is not None:
        return storage.results_dir(option)
    real = Path(os.path.abspath(result_file))
    if len(real.parents) >= 3 and real.parents[1].name == branch:
        return real.parents[2]
    env = os.environ.get("BRANCHCHECK_RESULTS")
    return Path(env) if env else None


def for_result(root: Path, branch: str, result_file: Path) -> Links:
    """The links of the result file (matched by the sha256 of its bytes)."""
    from branchcheck.actions import ops
    from branchcheck.core import fsafe

    links = Links()
    if branch not in ops.branches(root):
        return links
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES

    sha = hashlib.sha256(fsafe.read_regular(result_file, max_bytes=DEFAULT_MAX_BYTES)).hexdigest()
    log, state = ops.load(root, branch)
    if log.tampered:
        return links
    buckets = {"opened": links.opened, "recurred": links.still_open,
               "reopened": links.reopened, "verified": links.closed}
    for event in log.events:
        ref = event.data.get("result")
        if not isinstance(ref, dict) or ref.get("sha256") != sha:
            continue
        if event.type in buckets and event.action in state.actions:
            buckets[event.type].append(event.action)
            links.items[event.action] = state.actions[event.action].item
    links.approvals = [a for a in state.approvals if a.result.get("sha256") == sha]
    return links


def open_by_result(root: Path) -> dict[str, int]:
    """Per stored result (path relative to ``root``): the actions still open whose latest
    check is that result (the newest check of each item carries the count)."""
    from branchcheck.actions import ops
    from branchcheck.core.errors import BranchcheckError

    counts: dict[str, int] = {}
    for branch in ops.branches(root):
        try:
            _, state = ops.load(root, branch)
        except BranchcheckError:
            continue
        for a in state.actions.values():
            if a.is_open and a.last_path:
                counts[a.last_path] = counts.get(a.last_path, 0) + 1
    return counts
