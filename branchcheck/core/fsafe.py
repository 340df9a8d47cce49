"""Files the tool reads and writes, treated as hostile: one function per rule.

- :func:`inside`: a path under a root once symlinks and ``..`` are resolved.
- :func:`atomic_write`: a regular file replaced whole (temp, fsync, rename) or
  created only if absent; never a FIFO, device or symlink as the target.
- :func:`read_regular`: the bytes of a regular file; never opens a FIFO or
  device (so never hangs), never follows a link out of the root.
- :func:`temp_file`, :func:`temp_dir`: the temporary file or folder an atomic
  writer fills beside its target, under a short name whatever the target's length.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from branchcheck.core.errors import StorageError
from branchcheck.core.i18n import os_reason, t, ui
from branchcheck.core.textsafe import term


class ExistsError(StorageError):
    """The target of a write that must not overwrite already exists."""


class UnsafePathError(StorageError):
    """A path that leaves its root folder, or is not a regular file."""


def _show(path: Path | str) -> str:
    return term(str(path))


def _cannot(verb: str, path: Path | str, exc: OSError) -> str:
    """``cannot read|write|write to PATH: why`` in the UI language."""
    return t(ui(), f"无法{'读取' if verb == 'read' else '写入'} {_show(path)}：{os_reason(exc)}",
             f"cannot {verb} {_show(path)}: {exc.strerror or exc}")


def _irregular(path: Path | str, zh: str, en: str) -> str:
    shown = _show(path)
    return t(ui(), f"{shown} 不是普通文件；{zh}", f"{shown} is not a regular file; {en}")


def _exists(path: Path | str) -> str:
    return t(ui(), f"{_show(path)} 已存在", f"{_show(path)} already exists")


def inside(root: Path, path: Path, *, resolved: bool = False) -> Path:
    """``path`` resolved (symlinks followed), refused unless it stays under ``root``
    (``resolved``: ``root`` is already the result of ``os.path.realpath``)."""
    real_root = root if resolved else Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    if real != real_root and real_root not in real.parents:
        raise UnsafePathError(t(
            ui(), f"{_show(path)} 指向 {_show(root)} 之外（{_show(real)}）；不使用它",
            f"{_show(path)} leads outside {_show(root)} (to {_show(real)}); refusing to use it"))
    return real


def is_regular(path: Path) -> bool:
    """True when ``path`` itself (not a link's target) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def read_regular(path: Path, *, max_bytes: int | None = None, root: Path | None = None,
                 resolved: bool = False) -> bytes:
    """The bytes of the regular file ``path``.

    Refuses (:class:`UnsafePathError`) a FIFO, device, socket or folder without
    blocking, a path outside ``root`` when given, and a file over ``max_bytes``
    (``resolved``: ``root`` is already real, for many files under one root).
    """
    if root is not None:
        inside(root, path, resolved=resolved)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise StorageError(_cannot("read", path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePathError(_irregular(path, "已跳过", "skipped"))
        if max_bytes is not None and info.st_size > max_bytes:
            raise UnsafePathError(t(
                ui(), f"{_show(path)} 有 {info.st_size} 字节，超过上限 {max_bytes}",
                f"{_show(path)} is {info.st_size} bytes, over the limit of {max_bytes}"))
        chunks: list[bytes] = []
        left = info.st_size if max_bytes is None else max_bytes + 1
        while True:
            # the whole file in one read when its size is known: no second copy to join
            chunk = os.read(fd, min(max(left, 1), max(info.st_size + 1, 1 << 20)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            if max_bytes is not None and left <= 0:
                raise UnsafePathError(t(
                    ui(), f"{_show(path)} 超过 {max_bytes} 字节的上限",
                    f"{_show(path)} is over the limit of {max_bytes} bytes"))
        return b"".join(chunks)
    except OSError as exc:
        raise StorageError(_cannot("read", path, exc)) from None
    finally:
        os.close(fd)


TEMP_STEM_BYTES = 40
"""Bytes of the target's name kept in a temporary name: a target may use the whole
NAME_MAX (255 bytes), and its temporary name must still fit beside it."""


def temp_prefix(name: str) -> str:
    """The prefix of a temporary name beside a target called ``name``: hidden, and at
    most :data:`TEMP_STEM_BYTES` of the name (cut on a character boundary)."""
    raw = name.encode("utf-8", "surrogateescape")[:TEMP_STEM_BYTES]
    stem = raw.decode("utf-8", "ignore") or "tmp"
    return f".{stem}."


def temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file in ``folder`` for the target ``name`` (descriptor, path):
    the one temporary name of every atomic writer (:func:`atomic_write`)."""
    try:
        return tempfile.mkstemp(prefix=temp_prefix(name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(_cannot("write to", folder, exc)) from None


def temp_dir(folder: Path, name: str) -> Path:
    """A new temporary folder in ``folder`` for the target ``name`` (a folder written
    whole, then renamed into place)."""
    try:
        return Path(tempfile.mkdtemp(prefix=temp_prefix(name), dir=folder))
    except OSError as exc:
        raise StorageError(_cannot("write to", folder, exc)) from None


def replaceable(path: Path, *, root: Path | None = None) -> None:
    """Refuse (:class:`UnsafePathError`) a ``path`` that :func:`atomic_write` would not
    replace: one that exists and is not a regular file (a FIFO, device, folder or
    symlink), or, with ``root``, whose folder leads outside it. A writer that changes
    two files asks this of the second before it writes the first."""
    if root is not None:
        inside(root, path.parent)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(_cannot("write", path, exc)) from None
    if not stat.S_ISREG(mode):
        raise UnsafePathError(_irregular(path, "不替换它", "refusing to replace it"))


def atomic_write(path: Path, data: bytes, *, root: Path | None = None,
                 overwrite: bool = True, durable: bool = True, private: bool = False) -> None:
    """Write ``data`` to the regular file ``path`` atomically (temp, fsync, rename).

    With ``overwrite=False`` an existing ``path`` is never replaced (the rename
    is a hard link, which fails if the target exists); with ``overwrite=True``
    only a regular file is replaced -- a FIFO, device, folder or symlink at
    ``path`` is refused. With ``root`` the folder must stay under ``root``
    once symlinks are resolved. The file gets the usual mode of a new file.
    ``durable=False`` skips the fsyncs: for caches that are checked when read, where
    a crash may lose the new file but the name never holds a mix of old and new.
    ``private=True`` gives the file mode 0600 (a cache that names people).
    """
    folder = path.parent
    if root is not None:
        inside(root, folder)  # before mkdir: never create folders through a link out
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(_cannot("write to", folder, exc)) from None
    if root is not None:
        inside(root, folder)
    if not overwrite and os.path.lexists(path):
        raise ExistsError(_exists(path))
    replaceable(path)
    fd, tmp = temp_file(folder, path.name)
    try:
        if not private:
            _usual_mode(tmp)  # mkstemp made it 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # atomic create-if-absent
            os.unlink(tmp)
        if durable:
            fsync_dir(folder)
    except FileExistsError:
        _unlink(tmp)
        raise ExistsError(_exists(path)) from None
    except OSError as exc:
        _unlink(tmp)
        raise StorageError(_cannot("write", path, exc)) from None


def open_append(path: Path, *, root: Path | None = None) -> int:
    """A descriptor appending to the existing regular file ``path`` (never a symlink,
    FIFO or device; with ``root``, never outside it). The caller closes it."""
    if root is not None:
        inside(root, path)
    flags = (os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise StorageError(_cannot("write", path, exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafePathError(_irregular(path, "不写入", "refusing to write to it"))
    return fd


def append_synced(fd: int, data: bytes, path: Path) -> None:
    """Append ``data`` through ``fd`` (from :func:`open_append`) and flush it to disk."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        raise StorageError(_cannot("write", path, exc)) from None


def _usual_mode(path: str) -> None:
    """Give ``path`` the mode a new file gets (0666 less the umask); best effort."""
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:
        pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk (after a rename); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
