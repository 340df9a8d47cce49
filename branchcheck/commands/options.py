"""What several commands share: Typer option declarations, choice checks and ``emit``.

The aliases are ``Annotated`` types, used as ``lang: LangOption = None``; each
keeps the name, short flag and help of the commands that declared it alike.
Options whose wording differs from command to command (``--format`` above all)
stay with their command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Annotated

import typer

from branchcheck.core.errors import StorageError, UsageError
from branchcheck.terminal.output import err


def complete_checklist(incomplete: str) -> list[str]:
    """Shell completion: bundled checklist ids starting with what was typed."""
    from branchcheck.core.resources import bundled_checklists

    ids = sorted(path.stem for path in bundled_checklists())
    return [name for name in ids if name.startswith(incomplete)]


ChecklistArgument = Annotated[
    str, typer.Argument(help="Bundled checklist id or path of a checklist file.",
                        show_default=False, autocompletion=complete_checklist)
]
BranchOption = Annotated[
    str, typer.Option("--branch", "-b", help="Branch id (letters, digits, '_' or '-').",
                      show_default=False)
]
ResultsDirOption = Annotated[
    str | None,
    typer.Option("--results-dir", help="Stored results (default $BRANCHCHECK_RESULTS or "
                 "./branchcheck-results)."),
]
LangOption = Annotated[str | None, typer.Option("--lang", help="Output language: zh or en.")]
ReportLangOption = Annotated[
    str | None, typer.Option("--lang", help="Report language: zh or en.")
]
UiLangOption = Annotated[
    str | None, typer.Option("--lang", metavar="zh|en", help="UI language: zh or en.")
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file (default stdout).")
]
SignKeyOption = Annotated[
    str | None, typer.Option(
        "--sign-key", metavar="FILE", envvar="BRANCHCHECK_SIGN_KEY", show_envvar=True,
        help="Sign the stored result with this Ed25519 private key (see 'branchcheck keys "
             "new'; else $BRANCHCHECK_SIGN_KEY).")
]
SourceOption = Annotated[str | None, typer.Option(
    "--source", metavar="self|sub-branch|branch|head-office|mystery-shopper|third-party",
    help="Who does the check (检查来源): the outlet itself (self, the default; score: else "
         "the answers file's 'source') or an independent checker. Stored in the result and "
         "covered by its signature.")]
InspectorUnitOption = Annotated[str | None, typer.Option(
    "--inspector-unit", metavar="ID",
    help="The inspecting unit's id (organisation directory), for an independent check.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")]

WROTE = "wrote {path}"
"""The usual ``notice`` of :func:`emit`, said in the UI language (``已写入 FILE``)."""
REPORT_WRITTEN = "Report written: {path}"
"""The ``notice`` of :func:`emit` for ``grade`` and ``ipa``, said in the UI language."""
_NOTICES_ZH = {WROTE: "已写入 {path}", REPORT_WRITTEN: "报告已写入：{path}"}


_WHAT_ZH = {"format": "格式", "status": "状态", "schema": "Schema", "level": "层级",
            "crosshair": "分界线", "source": "检查来源", "every": "频次", "priority": "优先级"}


def check_choice(value: str, allowed: Collection[str], what: str = "format") -> str:
    """``value`` if it is one of ``allowed``, else a usage error naming ``what``."""
    if value not in allowed:
        from branchcheck.core.i18n import t, ui

        raise UsageError(t(ui(), f"未知的{_WHAT_ZH.get(what, what)} {value!r}；可选："
                                 f"{'、'.join(allowed)}",
                           f"unknown {what} {value!r}; choose one of {', '.join(allowed)}"))
    return value


HUMAN_FORMATS = ("text", "md", "html")
"""Formats people read: control characters in them are neutralised (JSON, CSV stay exact)."""


def emit(data: str | bytes, output: str | None, force: bool, *,
         notice: str | None = WROTE, human: bool = False) -> None:
    """Write a document to stdout (``output`` None or ``-``), or atomically to the
    file ``output``: the one writer behind every ``-o FILE [--force]``.

    An existing ``output`` is never replaced unless ``force``, and even then only
    when it is a regular file: a FIFO, device, socket, folder or symbolic link is
    refused (exit 2), so ``-o /dev/null --force`` never replaces ``/dev/null``.
    ``notice`` is written to stderr after a file is written (``{path}`` is
    replaced by ``output``; :data:`WROTE` and :data:`REPORT_WRITTEN` in the UI
    language); None writes nothing.
    """
    import os
    import stat

    if human and isinstance(data, str):
        from branchcheck.core.textsafe import term

        data = term(data, newlines=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or output == "-":
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (embedding, some test runners)
            sys.stdout.write(raw.decode("utf-8"))
        else:
            buffer.write(raw)
            buffer.flush()
        return
    from branchcheck.core.fsafe import atomic_write
    from branchcheck.core.i18n import t, ui
    from branchcheck.core.textsafe import term

    lang, shown = ui(), term(output)
    if not output.strip():
        raise UsageError(t(lang, "-o 需要给出文件名，不能为空", "-o needs a file name, not an "
                                                          "empty one"))
    target = Path(output)
    try:
        mode: int | None = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise StorageError(t(lang, f"无法写入 {shown}：{exc.strerror or exc}",
                             f"cannot write {shown}: {exc.strerror or exc}")) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(t(lang, f"{shown} 是文件夹；请用 -o 给出文件名",
                           f"{shown} is a directory; give a file name with -o"))
    if mode is not None and not stat.S_ISREG(mode):
        kind = t(lang, "符号链接" if stat.S_ISLNK(mode) else "FIFO、设备或套接字",
                 "a symbolic link" if stat.S_ISLNK(mode) else "a FIFO, device or socket")
        raise StorageError(t(lang, f"{shown} 不是普通文件（{kind}）；不写入，加 --force 也不行",
                             f"{shown} is not a regular file ({kind}); "
                             "refusing to write to it, also with --force"))
    if mode is not None and not force:
        raise StorageError(t(lang, f"{shown} 已存在；加 --force 可替换",
                             f"{shown} already exists; use --force to replace it"))
    atomic_write(target, raw, overwrite=force)
    if notice is not None:
        err(t(lang, _NOTICES_ZH.get(notice, notice), notice).format(path=output) + "\n")


def newest_stored(branch: str, checklist: str | None, results_dir: str | None, ui: str,
                  count: int = 1, needed_by: str = "") -> list[Path]:
    """The newest ``count`` stored result files of ``branch`` (and ``checklist``),
    newest first, so nobody has to copy a timestamped path.

    A usage error when the branch has results of several checklists and none
    was chosen; :class:`NotFoundError` when there are fewer than ``count``
    (``needed_by`` names the option that asked for them).
    """
    from branchcheck.core.errors import NotFoundError
    from branchcheck.core.i18n import t
    from branchcheck.results import history, storage

    storage.check_branch(branch, ui)
    if checklist is not None:
        history.check_checklist_id(checklist, ui)
    stored = history.stored_of(storage.results_dir(results_dir), branch, checklist, ui)
    found = sorted({s.checklist_id for s in stored})
    if checklist is None and len(found) > 1:
        raise UsageError(t(ui, f"网点 {branch} 有多个检查表的结果（{', '.join(found)}）；"
                               "请用 --checklist 选择一个",
                           f"branch {branch} has results of several checklists "
                           f"({', '.join(found)}); choose one with --checklist"))
    if len(stored) < count:
        who = f"{needed_by} " if needed_by else ""
        raise NotFoundError(t(
            ui, f"网点 {branch} 只有 {len(stored)} 个已保存的 {found[0]} 结果；"
                f"{who}至少需要 {count} 个",
            f"branch {branch} has {len(stored)} stored {found[0]} result(s); "
            f"{who}needs at least {count}"))
    return [s.path for s in stored[:count]]


def actor(by: str | None, lang: str) -> str:
    """Who acts: ``--by``, else ``$BRANCHCHECK_REVIEWER``, else ``$USER``, else asked on
    a terminal; never a made-up name."""
    from branchcheck.actions.limits import MAX_WHO
    from branchcheck.actions.ops import clean_text
    from branchcheck.core.i18n import t

    name = (by or os.environ.get("BRANCHCHECK_REVIEWER", "").strip()
            or os.environ.get("USER", "").strip())
    if not name and sys.stdin.isatty():
        sys.stderr.write(t(lang, "操作人姓名：", "Your name: "))
        sys.stderr.flush()
        name = sys.stdin.readline().strip()
    if not name or not name.isprintable():
        raise UsageError(t(lang, "不知道是谁在操作：请用 --by 姓名（或设置 $BRANCHCHECK_REVIEWER）",
                           "who is doing this? give --by NAME (or set $BRANCHCHECK_REVIEWER)"))
    return clean_text(name, "--by", MAX_WHO, lang)
