"""UI language: ``--lang``, else ``$BRANCHCHECK_LANG``, else the locale (zh if Chinese, else en)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from branchcheck.core.errors import UsageError

LANGUAGES = ("zh", "en")


def resolve_lang(option: str | None = None) -> str:
    """The UI language to use (an explicit ``option``, even empty, must be a known one)."""
    if option is not None:
        if option not in LANGUAGES:
            raise UsageError(f"unknown language {option!r}; choose one of {', '.join(LANGUAGES)}")
        return option
    env = os.environ.get("BRANCHCHECK_LANG", "").strip()
    if env:
        if env not in LANGUAGES:
            raise UsageError(f"BRANCHCHECK_LANG={env!r} is not one of {', '.join(LANGUAGES)}")
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(lang: str, zh: str, en: str) -> str:
    """Pick the Chinese or English wording of a UI message."""
    return zh if lang == "zh" else en


_session: list[str] = []


def set_ui(lang: str | None) -> None:
    """Set the UI language of this process (the CLI does, from ``--lang`` or the
    environment, before a command runs); None forgets it."""
    _session[:] = [lang] if lang else []


def ui() -> str:
    """The UI language of this process: as set by :func:`set_ui`, else resolved from
    the environment (a bad setting falls back to en)."""
    if _session:
        return _session[0]
    try:
        return resolve_lang(None)
    except UsageError:
        return "en"


def localise(text: Mapping[str, str] | None, lang: str) -> str:
    """The text in ``lang``, else the plain string, else the first language given."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    if "" in text:
        return text[""]
    if lang != "en" and "en" in text:
        return text["en"]
    return next(iter(text.values()))


def os_reason(exc: OSError, lang: str | None = None) -> str:
    """What the operating system said (``exc.strerror``), in Chinese for the usual causes."""
    import errno

    words = {errno.EACCES: "权限不足", errno.EPERM: "不允许此操作", errno.ENOSPC: "磁盘空间已满",
             errno.ENOENT: "文件或文件夹不存在", errno.EROFS: "文件系统只读",
             errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "不是文件夹"}
    if (lang or ui()) == "zh" and exc.errno in words:
        return words[exc.errno]
    return str(exc.strerror or exc)
