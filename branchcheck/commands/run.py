"""``branchcheck run``: the interactive self-check, autosaved to a draft after every answer."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.commands.options import (
    BranchOption,
    ChecklistArgument,
    InspectorUnitOption,
    SignKeyOption,
    SourceOption,
)
from branchcheck.core.errors import (
    EXIT_OK,
    CheckFailed,
    Interrupted,
    NotFoundError,
    StorageError,
    Terminated,
    UsageError,
)
from branchcheck.terminal.output import err

if TYPE_CHECKING:
    from branchcheck.actions.model import Evidence
    from branchcheck.core.model import Answer, Checklist, Result
    from branchcheck.integrity.signing import SigningKey
    from branchcheck.results.drafts import Draft
    from branchcheck.results.session import Prompter


def run(
    checklist: ChecklistArgument,
    branch: BranchOption,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", "-r", help="Reviewer name (else "
                                 "$BRANCHCHECK_REVIEWER, else asked once on a terminal).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="UI language: zh or en.")] = None,
    results_dir: Annotated[
        str | None,
        typer.Option("--results-dir", help="Store drafts and results under this folder "
                     "(else $BRANCHCHECK_RESULTS, else ./branchcheck-results)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the saved draft where it stopped.")
    ] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="Discard the saved draft and start again.")
    ] = False,
    photos: Annotated[
        bool, typer.Option("--photos", help="At each failure that opens an action, ask for "
                           "photos of the problem (file paths; Enter skips). A failed red "
                           "line always asks.")
    ] = False,
    sign_key: SignKeyOption = None,
    source: SourceOption = None,
    inspector_unit: InspectorUnitOption = None,
) -> int:
    """Walk a branch through a checklist at the terminal, then store and show the result.

    Answer lines: '<answer> [# note]' (a text item takes the whole line); ':b' back,
    ':s' skip, ':q' save and quit, ':?' help. Every answer is saved to a draft at
    <results-dir>/<branch>/<checklist>/draft.yaml; --resume continues it. On a
    terminal, a failure that opens an action asks for a note, and a failed red line
    (or any such failure with --photos) for photos, kept with the action. With stdin
    not a terminal, answers are read line by line (one per applicable item).
    Exit 0 when done or after ':q', 1 when input ends before the last item (draft
    kept), 2 for usage errors, invalid input or a draft that does not match,
    130 on Ctrl-C, 143 on SIGTERM (draft kept, and said so).
    """
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.fsafe import inside
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.core.locking import LockedError, exclusive
    from branchcheck.results import storage
    from branchcheck.results.drafts import LOCK_NAME, draft_path

    ui = resolve_lang(lang)
    if resume and restart:
        raise UsageError(t(ui, "--resume 和 --restart 只能选一个",
                           "use either --resume or --restart, not both"))
    storage.check_branch(branch, ui)
    from branchcheck.core.checksource import check_source

    source = source or "self"
    check_source(source, inspector_unit, ui)
    key = None
    if sign_key:
        from branchcheck.integrity.signing import load_signing_key

        key = load_signing_key(sign_key, ui)  # before the first question, not after the last
    ck = load_checklist(checklist, lang=ui)
    root = storage.results_dir(results_dir)
    path = draft_path(root, branch, ck.id)
    # Before the first question: the folder is inside the results folder and writable,
    # the draft is not a link out of it, and no other run is working on it.
    inside(root, path)
    if resume and not os.path.lexists(path):
        raise NotFoundError(_no_draft(path, ui))
    storage.prepare_folder(root, path.parent, ui)
    what = t(ui, f"网点 {branch} 的 {ck.id!r} 草稿（{path}）",
             f"the draft of {ck.id!r} for branch {branch} ({path})")
    try:
        with exclusive(path.parent / LOCK_NAME, what=what):
            if _interactive():
                err(_title_line(ck, branch, ui) + "\n")
            draft = _open_draft(ck, path, root, branch, reviewer, lang, ui, resume, restart,
                                (source, inspector_unit))
            return _walk(ck, draft, path, root, _resume_command(checklist, branch, results_dir),
                         key, photos)
    except LockedError as exc:
        raise LockedError(exc.message + t(
            ui, "：另一个 run 正在填写它；请等它结束，或在那边用 :q 保存退出",
            ": another run is filling it in; wait for it to end, or save and quit it "
            "there with :q")) from None


def _open_draft(ck: Checklist, path: Path, root: Path, branch: str, reviewer: str | None,
                lang: str | None, ui: str, resume: bool, restart: bool,
                source: tuple[str, str | None] = ("self", None)) -> Draft:
    """The draft to walk: the saved one (``--resume``, which keeps the source it was
    started with), or a new one by ``source`` (the saved one discarded with
    ``--restart``, refused otherwise)."""
    from branchcheck.core.fsafe import is_regular
    from branchcheck.core.i18n import t
    from branchcheck.results.drafts import Draft, read_draft, remove_draft

    if os.path.lexists(path) and not is_regular(path):
        raise StorageError(t(ui, f"{path} 不是普通文件；请删除它",
                             f"{path} is not a regular file; remove it"))
    if resume:
        if not path.is_file():
            raise NotFoundError(_no_draft(path, ui))
        draft = read_draft(path, ck, branch, ui, root=root)
        draft.reviewer = reviewer or draft.reviewer or reviewer_for_run(None, ui, branch)
        draft.lang = ui if lang else draft.lang
        return draft
    if path.is_file():
        if not restart:
            raise UsageError(t(
                ui, f"网点 {branch} 有一份未完成的 {ck.id!r} 草稿：{path}；"
                    "加 --resume 继续，或加 --restart 丢弃后重新开始",
                f"an unfinished draft of {ck.id!r} for branch {branch} exists at {path}; "
                "pass --resume to continue it or --restart to discard it"))
        remove_draft(path, root)
    from branchcheck.actions import walk_evidence

    walk_evidence.remove(walk_evidence.path_for(path))  # photos of a discarded walk
    return Draft.start(ck, branch=branch, reviewer=reviewer_for_run(reviewer, ui, branch),
                       lang=ui,
                       source=source[0], inspector_unit=source[1])


def _title_line(ck: Checklist, branch: str, ui: str) -> str:
    """The first line of a run at a terminal: what is checked, where, how many items."""
    from branchcheck.core.i18n import t
    from branchcheck.core.model import localise
    from branchcheck.core.textsafe import term

    title = term(localise(ck.title, ui) or ck.id)
    count = sum(1 for _ in ck.items())
    return t(ui, f"{title}（{ck.id} 第 {ck.version} 版）· 网点 {branch} · 共 {count} 项",
             f"{title} ({ck.id} v{ck.version}) · branch {branch} · {count} items")


def _no_draft(path: Path, ui: str) -> str:
    from branchcheck.core.i18n import t

    return t(ui, f"{path} 没有可继续的草稿；请不加 --resume 重新开始",
             f"no draft to resume at {path}; start without --resume")


def reviewer_for_run(option: str | None, ui: str, branch: str) -> str:
    """The reviewer: ``--reviewer``, else ``$BRANCHCHECK_REVIEWER``, else asked once on a
    terminal, offering the name last used for ``branch`` on this machine (Enter takes
    it; ``terminal/reviewers.py``); in a pipe with neither, none is recorded and a
    warning says so. A name given on a terminal (``--reviewer`` or typed) is remembered
    for the branch."""
    from branchcheck.core.i18n import t
    from branchcheck.terminal import reviewers

    who = option or os.environ.get("BRANCHCHECK_REVIEWER", "")
    if not who.isascii() and not _encodable(who):  # bytes of another encoding
        raise UsageError(t(ui, "检查人姓名含有不是有效文字的字节（终端编码与系统语言设置不符？）",
                           "the reviewer's name holds bytes that are not valid text (a "
                           "terminal encoding other than the locale's?)"))
    if who.strip():  # kept exactly as given
        if option and _interactive():
            reviewers.remember(branch, option, ui)
        return who
    who = ""
    if not _interactive():
        err(t(ui, "警告：未指定检查人（--reviewer 或 $BRANCHCHECK_REVIEWER），"
                               "结果中不记录检查人\n",
                           "warning: no reviewer given (--reviewer or $BRANCHCHECK_REVIEWER); "
                           "the result records none\n"))
        return ""
    offer = reviewers.remembered(branch, ui)
    while not who:
        err(t(ui, f"检查人姓名（直接回车即 {offer}）：", f"Reviewer's name [{offer}]: ")
            if offer else t(ui, "检查人姓名：", "Reviewer's name: "))
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:  # end of input at the question
            raise KeyboardInterrupt
        who = line.strip() or offer or ""
        if not who.isprintable():
            err(t(ui, "姓名中有控制字符，请重新输入\n",
                               "the name has control characters; please type it again\n"))
            who = ""
    reviewers.remember(branch, who, ui)
    return who


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeError:
        return False
    return True


def _resume_command(ref: str, branch: str, results_dir: str | None) -> str:
    parts = ["branchcheck", "run", ref, "--branch", branch]
    if results_dir:
        parts += ["--results-dir", results_dir]
    return shlex.join([*parts, "--resume"])


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _prompter(lang: str, interactive: bool) -> Prompter:
    from branchcheck.terminal.prompters import PlainPrompter, TerminalPrompter

    if interactive:
        return TerminalPrompter()
    return PlainPrompter(sys.stdin, sys.stderr, lang)


def _open_actions(ck: Checklist, root: Path, branch: str, lang: str) -> dict[str, str]:
    """Show this branch's open actions of ``ck`` (stderr); notes to show per item."""
    from branchcheck.actions import ops
    from branchcheck.actions.calendar import today
    from branchcheck.actions.render import item_note, start_lines

    if branch not in ops.branches(root):
        return {}
    log, state = ops.load(root, branch)
    opened = [a for a in state.actions.values() if a.checklist == ck.id and a.is_open]
    day = today()
    lines = start_lines(opened, day, lang)
    if log.tampered:
        from branchcheck.core.i18n import t

        lines.insert(0, t(lang, f"警告：{log.path} 被改动过（运行 branchcheck actions list "
                                "查看）",
                          f"Warning: {log.path} has been tampered with (see branchcheck "
                          "actions list)"))
    if lines:
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()
    return {a.item: item_note(a, day, lang) for a in opened}


def _walk(ck: Checklist, draft: Draft, path: Path, root: Path, resume_cmd: str,
          key: SigningKey | None = None, every_failure: bool = False) -> int:
    from branchcheck.core.i18n import t
    from branchcheck.results.drafts import DraftFile
    from branchcheck.results.session import Session, index_of

    lang = draft.lang
    notes = _open_actions(ck, root, draft.branch, lang)
    store = DraftFile(path, root)

    def save(s: Session) -> None:
        draft.answers = s.answers
        draft.position = s.position
        store.save(draft, s.last_item)

    interactive = _interactive()
    needs_note = ask = None
    prompter = _prompter(lang, interactive)
    if interactive:  # a pipe gives notes after '#' and reads no extra line
        from functools import partial

        from branchcheck.actions.rules import opens

        needs_note = partial(opens, ck)
        from branchcheck.actions.walk_evidence import ask_photos

        ask = partial(ask_photos, prompter, root, draft.branch, lang, path, every_failure)
    session = Session(ck, prompter, lang=lang, answers=draft.answers,
                      start=index_of(ck, draft.position), on_change=save, item_notes=notes,
                      confirm_incomplete=interactive, needs_note=needs_note,
                      on_problem=ask)
    terminated: list[int] = []
    previous = _stop_on_sigterm(terminated)
    try:
        outcome = session.run()
    except KeyboardInterrupt:  # outside a prompt, e.g. while saving
        outcome = "interrupted"
    finally:
        _restore_sigterm(previous)  # from here a SIGTERM ends the process: nothing is lost
        store.close()
    if interactive:
        sys.stdout.write("\n")  # leave the prompt line (after ^C / ^D) before what follows
        sys.stdout.flush()
    if outcome == "done":
        return _finish(ck, draft, session.applicable_answers(), path, root, key)
    draft.answers = session.answers
    draft.position = session.position
    store.snapshot(draft)  # whole again: also replaces a line torn by Ctrl-C
    store.close()
    count = len(draft.answers)
    saved = t(lang, f"已保存 {count} 个答案到草稿 {path}", f"{count} answers saved to draft {path}")
    again = t(lang, f"继续请运行：{resume_cmd}", f"resume with: {resume_cmd}")
    if outcome == "quit" or (outcome == "eof" and interactive):  # Ctrl-D: a way to leave
        err(f"{saved}\n{again}\n")
        sys.stderr.flush()
        return EXIT_OK
    if outcome == "interrupted" and terminated:
        raise Terminated(t(lang, f"已被终止（SIGTERM）；{saved}；{again}",
                           f"terminated (SIGTERM); {saved}; {again}"))
    if outcome == "interrupted":
        raise Interrupted(t(lang, f"已中断；{saved}；{again}", f"interrupted; {saved}; {again}"))
    raise CheckFailed(t(lang, f"输入在最后一项之前结束；{saved}；{again}",
                        f"input ended before the last item; {saved}; {again}"))


def _stop_on_sigterm(terminated: list[int]) -> object:
    """While the walk runs, SIGTERM stops it as Ctrl-C does (the draft is saved, then
    exit 143); the handler it replaces, to restore (None where signals cannot be set)."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        terminated.append(signum)
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread: leave SIGTERM as it is
        return None


def _restore_sigterm(previous: object) -> None:
    import signal

    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]
        except (ValueError, OSError):
            pass


def _finish(ck: Checklist, draft: Draft, answers: dict[str, Answer], path: Path,
            root: Path, key: SigningKey | None = None) -> int:
    import dataclasses

    from branchcheck.core.i18n import t
    from branchcheck.core.scoring import make_result
    from branchcheck.render import result as render
    from branchcheck.results import storage
    from branchcheck.results.chain import store_result
    from branchcheck.results.drafts import remove_draft

    result = make_result(ck, answers,
                         branch=draft.branch, reviewer=draft.reviewer, lang=draft.lang,
                         started=draft.started, finished=storage.now_iso(),
                         source=draft.source, inspector_unit=draft.inspector_unit)
    stored = store_result(result, root=root, sign_key=key, lang=draft.lang)
    from branchcheck.actions.walk_evidence import collect

    photos = collect(path, root, draft.lang)
    remove_draft(path, root)  # only now: the result is stored and reads back
    sys.stdout.flush()
    render.text(dataclasses.replace(result, path=str(stored)), draft.lang, sys.stdout)
    sys.stdout.flush()
    new = _store_actions(ck, root, stored, result, draft.lang, photos)
    from branchcheck.actions import walk_evidence

    walk_evidence.remove(walk_evidence.path_for(path))
    err(t(draft.lang, f"结果已保存：{stored}\n", f"Result saved: {stored}\n"))
    sys.stderr.flush()
    if new and _interactive():  # never in a pipe
        try:
            _assign_new(root, result.branch, new, draft.lang, draft.reviewer)
        except (EOFError, KeyboardInterrupt):
            sys.stdout.write("\n" + t(
                draft.lang, "其余整改项未指定；可用 branchcheck actions assign 补上\n",
                "The rest stay as they are; use branchcheck actions assign later\n"))
    return EXIT_OK


def _store_actions(ck: Checklist, root: Path, stored: Path, result: Result,
                   lang: str, photos: dict[str, list[Evidence]] | None = None) -> list[str]:
    """Update the actions after the result is stored; the ids opened or reopened (with
    the photos attached during the walk)."""
    from branchcheck.actions.hook import after_store
    from branchcheck.actions.render import outcome_line
    from branchcheck.core.i18n import t
    from branchcheck.core.textsafe import term

    out, error = after_store(root, stored, result, ck, photos)
    if out is None:
        sys.stderr.write(term(t(lang, f"警告：结果已保存，但整改项未更新：{error}",
                                f"Warning: result stored, but actions not updated: {error}"))
                         + "\n")
        return []
    sys.stderr.write(outcome_line(len(out.opened), len(out.recurred), len(out.reopened),
                                  len(out.verified), lang) + "\n")
    return out.new


def _assign_new(root: Path, branch: str, ids: list[str], lang: str, reviewer: str) -> None:
    """Ask owner and due date of each new action (Enter keeps the default shown)."""
    from branchcheck.actions import ops
    from branchcheck.actions.calendar import parse_date
    from branchcheck.actions.render import problem_text
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.i18n import t
    from branchcheck.core.textsafe import term

    sys.stdout.write(t(lang, "\n为新的整改项指定责任人和时限（回车接受默认值，"
                             "Ctrl-D 跳过其余）：\n",
                       "\nAssign owners and due dates to the new actions (Enter accepts the "
                       "default, Ctrl-D skips the rest):\n"))
    _, state = ops.load(root, branch)
    who = reviewer or os.environ.get("BRANCHCHECK_REVIEWER") or os.environ.get("USER") or ""
    for action_id in ids:
        a = state.actions.get(action_id)
        if a is None:
            continue
        problem = problem_text(a, lang)
        sys.stdout.write(term(f"{a.id}  {a.item}: {problem}") + "\n")
        default = a.owner or a.role(lang)
        owner = _ask(t(lang, f"  责任人 [{default}]: ", f"  owner [{default}]: ")) or default
        while True:
            due = _ask(t(lang, f"  整改时限 [{a.due}]: ", f"  due [{a.due}]: ")) or a.due
            try:
                if parse_date(due, "due").isoformat() < a.source.get("finished", "")[:10]:
                    sys.stdout.write(t(lang, "  整改时限不能早于检查日期\n",
                                       "  the due date cannot be before the check\n"))
                    continue
                break
            except BranchcheckError as exc:
                sys.stdout.write(term(f"  {exc.message}") + "\n")
        if owner != a.owner or due != a.due:
            found = ops.locate(root, a.id, branch, lang)
            ops.assign(root, found, owner=owner or None, due=due, who=who, lang=lang)


def _ask(prompt: str) -> str:
    from branchcheck.core.textsafe import term

    line = input(term(prompt)).strip()
    return line if line.isprintable() else term(line)
