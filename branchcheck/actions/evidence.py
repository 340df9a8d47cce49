"""Content-addressed evidence store: ``<results-dir>/<branch>/evidence/<sha256>.<ext>``.

Files are typed by their first bytes (never by name): JPEG, PNG, PDF and common
audio (MP3, WAV, M4A/AAC, AMR, OGG, FLAC). A stored file is never overwritten:
the same content is stored once; a file already there with other content is an
error (tampering), reported by :func:`check`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from branchcheck.actions.model import EVIDENCE_DIR, Evidence
from branchcheck.core.errors import InputError, StorageError

MAX_BYTES = 20 * 1024 * 1024
"""Size limit of one evidence file (20 MB: a phone photo or a few minutes of audio)."""


def sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, extension) of a file from its first bytes, or None when not accepted."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "png"
    if head.startswith(b"%PDF-"):
        return "document", "pdf"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
                                   and head[1] & 0x06 != 0):
        return "audio", "mp3"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio", "wav"
    if head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"M4B", b"mp4", b"iso", b"3gp"):
        return "audio", "m4a"
    if head.startswith(b"#!AMR"):
        return "audio", "amr"
    if head.startswith(b"OggS"):
        return "audio", "ogg"
    if head.startswith(b"fLaC"):
        return "audio", "flac"
    return None


def folder(root: Path, branch: str) -> Path:
    """The branch's evidence folder."""
    return root / branch / EVIDENCE_DIR


def store(root: Path, branch: str, source: str, *, max_bytes: int = MAX_BYTES,
          lang: str = "en") -> Evidence:
    """Copy the file ``source`` into the store (once per content) and describe it."""
    from branchcheck.core import fsafe
    from branchcheck.core.i18n import t

    if not os.path.lexists(source):
        raise InputError(t(lang, f"{source}：找不到证据文件", f"{source}: evidence file not found"))
    if not fsafe.is_regular(Path(source)):
        raise InputError(t(lang, f"{source}：证据必须是普通文件（不能是文件夹、链接、管道或设备）",
                           f"{source}: evidence must be a regular file (not a folder, link, "
                           "pipe or device)"))
    size = os.path.getsize(source)
    if size > max_bytes:
        raise InputError(t(lang, f"{source}：证据文件 {size} 字节，上限为 {max_bytes} 字节",
                           f"{source}: evidence is {size} bytes; the limit is {max_bytes}"))
    try:
        data = fsafe.read_regular(Path(source), max_bytes=max_bytes)
    except StorageError as exc:
        raise InputError(exc.message) from None
    kind = sniff(data[:16])
    if kind is None:
        raise InputError(t(lang, f"{source}：不是 JPEG、PNG、PDF 或音频文件"
                                 "（按内容判断，不看文件名）",
                           f"{source}: not a JPEG, PNG, PDF or audio file (checked by content, "
                           "not by name)"))
    sha = hashlib.sha256(data).hexdigest()
    ev = Evidence(sha, kind[1], len(data), kind[0], os.path.basename(source)[:255])
    target = folder(root, branch) / ev.file_name
    try:
        fsafe.atomic_write(target, data, root=root, overwrite=False)
    except fsafe.ExistsError:
        problem = _problem(root, branch, ev)
        if problem:
            raise StorageError(t(
                lang, f"{target}：{say(problem, lang)}；已存的副本没有被替换",
                f"{target}: {say(problem, lang)}; the stored copy was not replaced")) from None
    return ev


@dataclass(frozen=True)
class Missing:
    """An evidence record whose file is absent or no longer matches its hash."""

    evidence: Evidence
    path: Path
    problem: str
    """One of :data:`PROBLEMS` (:func:`say` words it)."""


PROBLEMS = {
    "missing": ("文件不见了", "missing"),
    "not-regular": ("不是普通文件", "not a regular file"),
    "unreadable": ("无法读取", "unreadable"),
    "changed": ("已被改动（内容与其哈希值不符）",
                "changed (its content no longer matches its hash)"),
}
"""What can be wrong with a stored evidence file, in zh and en."""


def say(problem: str, lang: str) -> str:
    """A :class:`Missing` problem in the UI language."""
    from branchcheck.core.i18n import t

    return t(lang, *PROBLEMS[problem])


def _problem(root: Path, branch: str, ev: Evidence) -> str:
    from branchcheck.core import fsafe

    path = folder(root, branch) / ev.file_name
    if not os.path.lexists(path):
        return "missing"
    if not fsafe.is_regular(path):
        return "not-regular"
    try:
        data = fsafe.read_regular(path, max_bytes=MAX_BYTES * 2, root=root)
    except StorageError:
        return "unreadable"
    if hashlib.sha256(data).hexdigest() != ev.sha256:
        return "changed"
    return ""


def check(root: Path, branch: str, records: Iterable[Evidence]) -> list[Missing]:
    """Records whose stored file is missing or changed."""
    found = []
    for ev in records:
        problem = _problem(root, branch, ev)
        if problem:
            found.append(Missing(ev, folder(root, branch) / ev.file_name, problem))
    return found
