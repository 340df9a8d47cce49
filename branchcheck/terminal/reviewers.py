"""The reviewer last named for each branch on this machine, offered by ``run``'s prompt.

A small per-user state file, ``$XDG_STATE_HOME/branchcheck/reviewers.json`` (else
``~/.local/state/branchcheck/reviewers.json``)::

    {"format": "branchcheck-reviewers/1", "reviewers": {"SH-001": "张三"}}

Hostile input like every stored file: at most 64 KiB is read; a file of another shape,
or not a regular file, is ignored with a warning (and replaced at the next write); an
entry whose branch id or name would not be accepted on the command line is dropped.
Writes are atomic and made under a lock, so two runs finishing together lose neither
name. The 200 most recently named branches are kept. Nothing here ever stops a run: a
state that cannot be read or written only costs the offer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from branchcheck.core.i18n import t
from branchcheck.core.places import BRANCH_ID

FORMAT = "branchcheck-reviewers/1"
MAX_BYTES = 64 * 1024
MAX_BRANCHES = 200
MAX_NAME = 80


def state_file() -> Path:
    """Where the names are kept (``$XDG_STATE_HOME``, else ``~/.local/state``)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"),
                                                            ".local", "state")
    return Path(base) / "branchcheck" / "reviewers.json"


def acceptable(name: str) -> bool:
    """A name worth remembering: printable, not blank, at most :data:`MAX_NAME` characters."""
    return bool(name.strip()) and name.isprintable() and len(name) <= MAX_NAME


def _warn(path: Path, why: str, lang: str) -> None:
    from branchcheck.core.textsafe import term
    from branchcheck.terminal.output import warn

    warn(t(lang, f"已忽略记住的检查人文件 {term(str(path))}：{why}",
           f"ignored the file of remembered reviewers {term(str(path))}: {why}"))


def load(path: Path, lang: str) -> dict[str, str]:
    """The remembered names by branch; empty (with a warning) when the file is unusable."""
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.fsafe import read_regular

    if not os.path.lexists(path):
        return {}
    try:
        data = json.loads(read_regular(path, max_bytes=MAX_BYTES).decode("utf-8"))
    except BranchcheckError as exc:
        _warn(path, str(exc), lang)
        return {}
    except (UnicodeDecodeError, ValueError, RecursionError):
        _warn(path, t(lang, "不是有效的 JSON", "not valid JSON"), lang)
        return {}
    names = data.get("reviewers") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(names,
                                                                                    dict):
        _warn(path, t(lang, f"格式不是 {FORMAT}", f"not in the format {FORMAT}"), lang)
        return {}
    return {b: n for b, n in names.items()
            if isinstance(b, str) and BRANCH_ID.fullmatch(b) and isinstance(n, str)
            and acceptable(n)}


def remembered(branch: str, lang: str) -> str | None:
    """The name last used for ``branch`` on this machine, if any."""
    return load(state_file(), lang).get(branch)


def remember(branch: str, name: str, lang: str) -> None:
    """Keep ``name`` as the reviewer of ``branch``; a failure is a warning, never an error."""
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.fsafe import atomic_write
    from branchcheck.core.locking import exclusive

    path = state_file()
    if not acceptable(name) or not BRANCH_ID.fullmatch(branch):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with exclusive(path.with_name(path.name + ".lock"), wait=2.0):
            names = load(path, lang)
            if names.get(branch) == name:
                return
            names.pop(branch, None)
            names[branch] = name  # the most recent last
            kept = dict(list(names.items())[-MAX_BRANCHES:])
            data = json.dumps({"format": FORMAT, "reviewers": kept}, ensure_ascii=False,
                              indent=1) + "\n"
            atomic_write(path, data.encode("utf-8"), durable=False)
    except (BranchcheckError, OSError) as exc:
        from branchcheck.core.textsafe import term
        from branchcheck.terminal.output import warn

        warn(t(lang, f"未能记住检查人（{term(str(path))}）：{exc}",
               f"could not remember the reviewer ({term(str(path))}): {exc}"))
