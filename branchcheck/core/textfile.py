"""Reading text files that may be hostile: a size limit checked before reading,
UTF-8 with located errors (CSV lists may also be GB18030, see :func:`decode_csv`).
The YAML readers (:mod:`branchcheck.core.strictyaml`, which re-exports these names)
start from here."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from branchcheck.core.errors import InputError, Problem
from branchcheck.core.i18n import t, ui

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped); invalid bytes give a located error."""
    if raw.startswith(BOM):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _where(raw, exc.start)
        byte = f"0x{raw[exc.start]:02x}"
        raise InputError.at(Problem(file, line, col, "encoding", t(
            ui(), f"不是有效的 UTF-8 文本（偏移 {exc.start} 处的字节 {byte}）；请把文件存为 UTF-8",
            f"not valid UTF-8 (byte {byte} at offset {exc.start}); save the file as UTF-8"))
        ) from None


def decode_csv(raw: bytes, file: str, lang: str | None = None) -> str:
    """Text of a CSV list a department hands in: UTF-8 (a BOM is dropped), else GB18030
    when the bytes are valid in it (Excel's plain "CSV" on Chinese Windows is GBK, a
    subset); else an error located at the first byte UTF-8 refused, naming both."""
    if raw.startswith(BOM):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        line, col = _where(raw, start)
        raise InputError.at(Problem(file, line, col, "encoding", t(
            lang or ui(),
            f"既不是 UTF-8 也不是 GB18030（GBK）编码的文本（偏移 {start} 处的字节 "
            f"0x{raw[start]:02x}）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
            f"neither UTF-8 nor GB18030 (GBK) text (byte 0x{raw[start]:02x} at offset "
            f"{start}); save it from Excel as \"CSV UTF-8 (Comma delimited)\""))) from None


def _where(raw: bytes, start: int) -> tuple[int, int]:
    """The line and column (1-based, in characters) of byte ``start`` of ``raw``."""
    before = raw[:start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = before.count(b"\n") + 1
    return line, len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1


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
                raise InputError.at(Problem(name, 0, 0, "too-large", t(
                    ui(), f"文件有 {size} 字节，超过 {max_bytes} 字节的上限（见 --max-bytes）",
                    f"file is {size} bytes, over the limit of {max_bytes} bytes "
                    "(see --max-bytes)")))
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
        raise InputError.at(Problem(name, 0, 0, "too-large", t(
            ui(), f"文件超过 {max_bytes} 字节的上限",
            f"file is over the limit of {max_bytes} bytes")))
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
