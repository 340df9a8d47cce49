"""Reading text files that may be hostile: a size limit checked before reading,
UTF-8 with located errors. The YAML readers (:mod:`branchcheck.core.strictyaml`,
which re-exports these names) start from here."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped); invalid bytes give a located error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError.at(
            Problem(
                file,
                line,
                col,
                "encoding",
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8",
            )
        ) from None


def read_bytes(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> bytes:
    """Read a file's bytes, refusing files over ``max_bytes`` before reading them."""
    name = display or path
    try:
        # never blocks: a FIFO (or device, socket) is refused before any read
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InputError.at(Problem(name, 0, 0, "unreadable", t(
                    ui(), "不是普通文件（管道、设备或套接字），拒绝读取",
                    "not a regular file (a FIFO, device or socket); refused")))
            size = info.st_size
            if size > max_bytes:
                raise InputError.at(
                    Problem(
                        name,
                        0,
                        0,
                        "too-large",
                        f"file is {size} bytes, over the limit of {max_bytes} bytes "
                        "(see --max-bytes)",
                    )
                )
            raw = read_capped(fh, max_bytes, hint=size)
    except IsADirectoryError:
        raise InputError.at(Problem(name, 0, 0, "unreadable", t(
            ui(), "是一个文件夹，不是文件", "is a directory"))) from None
    except FileNotFoundError:
        raise InputError.at(Problem(name, 0, 0, "unreadable", t(
            ui(), "文件不存在", "no such file"))) from None
    except OSError as exc:
        raise InputError.at(Problem(name, 0, 0, "unreadable", exc.strerror or str(exc))) from None
    if len(raw) > max_bytes:
        raise InputError.at(
            Problem(name, 0, 0, "too-large", f"file is over the limit of {max_bytes} bytes")
        )
    return raw


def read_capped(stream: BinaryIO, max_bytes: int, *, hint: int = 0) -> bytes:
    """Up to ``max_bytes + 1`` bytes of ``stream`` (one more than allowed shows it is too
    large). Reads in pieces, so any ``max_bytes`` works, even one beyond memory or
    ``sys.maxsize``; ``hint`` (the file's size, if known) sizes the first piece."""
    pieces: list[bytes] = []
    left = max_bytes + 1
    step = max(hint + 1, 1 << 16)
    while left > 0:
        piece = stream.read(min(step, left))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def read_text(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing files over ``max_bytes``."""
    name = display or path
    return decode(read_bytes(path, max_bytes=max_bytes, display=name), name)
