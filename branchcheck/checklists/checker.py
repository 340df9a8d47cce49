"""Checking many checklist files: discovery, an optional cache, both cores."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branchcheck import __version__
from branchcheck.checklists.loading import Report, check_file
from branchcheck.core import resources
from branchcheck.core.errors import BranchcheckError, Problem, UsageError
from branchcheck.core.fsafe import atomic_write, read_regular

YAML_SUFFIXES = (".yaml", ".yml")
PARALLEL_THRESHOLD = 16  # files per worker below which a process pool does not pay
MAX_WORKERS = 8


def cpu_count() -> int:
    """CPUs this process may run on (respects affinity and container limits)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _mp_context() -> Any:
    """Fork on Linux: workers start at once with every module already imported."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@dataclass(frozen=True)
class Summary:
    """Outcome of a ``validate`` run."""

    reports: tuple[Report, ...]

    @property
    def problems(self) -> list[Problem]:
        """All problems of all files, in file order."""
        return [p for r in self.reports for p in r.problems]

    @property
    def error_count(self) -> int:
        """Number of errors."""
        return sum(len(r.errors) for r in self.reports)

    @property
    def warning_count(self) -> int:
        """Number of warnings."""
        return sum(len(r.warnings) for r in self.reports)

    def failed(self, strict: bool) -> bool:
        """Whether the run fails (errors, or warnings under ``strict``)."""
        return self.error_count > 0 or (strict and self.warning_count > 0)


def discover(paths: Sequence[str]) -> list[str]:
    """Files named by ``paths``: files as given, directories searched for YAML files."""
    files: list[str] = []
    for raw in paths:
        if os.path.isdir(raw):
            found = sorted(
                str(p) for p in Path(raw).rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
            )
            files.extend(found)
        elif os.path.exists(raw):
            files.append(raw)
        else:
            bundled = resources.bundled_checklist(raw)
            if bundled is None:
                from branchcheck.core.i18n import t, ui

                if os.sep in raw or "/" in raw or raw.endswith(YAML_SUFFIXES):
                    raise UsageError(t(ui(), f"{raw}：没有这个文件或文件夹",
                                       f"{raw}: no such file or directory"))
                raise UsageError(resources.unknown_checklist(raw, ui()))
            files.append(str(bundled))
    return files


def _warm() -> None:
    """Import the checking stages before forking, so workers share them."""
    from branchcheck.checklists import lint
    from branchcheck.core import validation

    validation.fast_validator("checklist")
    del lint


def _check_one(args: tuple[str, int]) -> Report:
    path, max_bytes = args
    return check_file(path, max_bytes=max_bytes, model=False)


def check_files(
    files: Sequence[str], *, max_bytes: int, jobs: int = 0, cache_dir: str | None = None,
    cache_key: bytes | None = None,
) -> Summary:
    """Check ``files`` (in parallel when many); reports keep the input order. Verdicts
    are remembered in ``cache_dir`` only with the user's ``cache_key`` (an entry
    without its HMAC is never believed)."""
    cache = _Cache(cache_dir, cache_key) if cache_dir and cache_key else None
    reports: dict[int, Report] = {}
    todo: list[int] = []
    for i, path in enumerate(files):
        hit = cache.get(path, max_bytes) if cache else None
        if hit is not None:
            reports[i] = hit
        else:
            todo.append(i)
    if jobs:  # as asked (1 = in this process)
        workers = min(jobs, len(todo))
    else:
        workers = min(cpu_count(), MAX_WORKERS, len(todo) // PARALLEL_THRESHOLD or 1)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        _warm()
        with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
            args = [(files[i], max_bytes) for i in todo]
            # Several chunks per worker balance uneven files; each chunk costs one
            # round trip, which is small next to ~20 ms of work per file.
            chunk = max(1, len(args) // (workers * 4))
            for i, report in zip(todo, pool.map(_check_one, args, chunksize=chunk), strict=True):
                reports[i] = report
    else:
        for i in todo:
            reports[i] = _check_one((files[i], max_bytes))
    if cache:
        for i in todo:
            cache.put(files[i], reports[i])
    return Summary(tuple(reports[i] for i in range(len(files))))


def default_cache_dir() -> str:
    """Where validation results of unchanged files are remembered."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "branchcheck", "validate")


_ENTRY_MAX = 1024 * 1024
_CHECKING_CODE = (
    "core/strictyaml.py", "core/validation.py", "checklists/lint.py", "core/numbers.py",
    "checklists/loading.py", "checklists/checker.py",
)


class _Cache:
    """Remembers files found valid, keyed by content, schema, tool version and UI
    language (warnings are worded in it); each entry
    carries an HMAC made with the user's key, so a planted or edited one is ignored."""

    def __init__(self, folder: str, key: bytes) -> None:
        self.folder = folder
        from branchcheck.core.i18n import ui

        self.hmac_key = key
        digest = hashlib.sha256(__version__.encode())
        digest.update(ui().encode())  # a remembered warning is worded in the UI language
        digest.update(resources.schema_path("checklist").read_bytes())
        here = Path(__file__).resolve().parent.parent  # the branchcheck package
        for module in _CHECKING_CODE:  # a changed rule must not reuse old verdicts
            try:
                digest.update((here / module).read_bytes())
            except OSError:
                digest.update(module.encode())
        self.salt = digest.hexdigest()

    def _key(self, path: str) -> str | None:
        try:  # a FIFO or device is never opened (nor cached)
            raw = read_regular(Path(path))
        except BranchcheckError:
            return None
        return hashlib.sha256(self.salt.encode() + raw).hexdigest()

    def _mac(self, key: str, body: bytes) -> bytes:
        return hmac.new(self.hmac_key, key.encode() + b"|" + body,
                        hashlib.sha256).hexdigest().encode()

    def get(self, path: str, max_bytes: int) -> Report | None:
        try:
            if os.path.getsize(path) > max_bytes:
                return None
        except OSError:
            return None
        key = self._key(path)
        if key is None:
            return None
        entry = Path(self.folder, key[:2], key)
        try:  # a cache entry is hostile input too: regular, small, inside the cache folder
            raw = read_regular(entry, max_bytes=_ENTRY_MAX, root=Path(self.folder))
            body, _, mac = raw.rpartition(b"\n")
            if not hmac.compare_digest(mac, self._mac(key, body)):
                return None  # written without the user's key, or edited
            stored = json.loads(body)
            if not isinstance(stored, dict):
                return None
        except (BranchcheckError, ValueError, RecursionError):
            return None
        try:
            problems = tuple(
                Problem(path, p["line"], p["column"], p["rule"], p["message"], p["severity"],
                        p["path"])
                for p in stored.get("warnings", [])
            )
        except (KeyError, TypeError):  # a forged entry: check the file again
            return None
        return Report(path, problems, None)

    def put(self, path: str, report: Report) -> None:
        if report.errors:
            return  # only clean files are remembered; errors are always recomputed
        key = self._key(path)
        if key is None:
            return
        kept = {"warnings": [_plain(p) for p in report.warnings]}
        data = json.dumps(kept)
        if json.loads(data) != kept:
            return  # text that would read back otherwise (a surrogate pair) is not kept
        body = data.encode("utf-8")
        try:
            atomic_write(Path(self.folder, key[:2], key), body + b"\n" + self._mac(key, body),
                         root=Path(self.folder))
        except BranchcheckError:
            pass  # a cache that cannot be written is simply not used


def _plain(p: Problem) -> dict[str, object]:
    return {
        "line": p.line,
        "column": p.column,
        "rule": p.rule,
        "message": p.message,
        "severity": p.severity,
        "path": p.path,
    }


def problems_as_dicts(problems: Iterable[Problem]) -> list[dict[str, object]]:
    """Problems as JSON-ready mappings."""
    return [{"file": p.file, **_plain(p)} for p in problems]
