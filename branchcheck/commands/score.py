"""``branchcheck score``: score an answers file non-interactively, store and print the result."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.commands.options import (
    ChecklistArgument,
    InspectorUnitOption,
    SignKeyOption,
    SourceOption,
    UiLangOption,
    check_choice,
    emit,
)
from branchcheck.core.errors import EXIT_OK, InputError, Problem, UsageError
from branchcheck.terminal.output import err, warn

if TYPE_CHECKING:
    from pathlib import Path

    from branchcheck.checklists.answersfile import AnswersFile
    from branchcheck.core.model import Answer, Checklist, Result

FORMATS = ("text", "json")


def score(
    checklist: ChecklistArgument,
    answers: Annotated[str, typer.Option(
        "--answers", "-a", metavar="FILE", show_default=False,
        help="Answers file (YAML or JSON); - reads stdin.")],
    branch: Annotated[str | None, typer.Option(
        "--branch", "-b", metavar="ID", help="Branch id (else the file's 'branch').")] = None,
    reviewer: Annotated[str | None, typer.Option(
        "--reviewer", "-r", metavar="NAME",
        help="Reviewer (else the file's 'reviewer', else $BRANCHCHECK_REVIEWER).")] = None,
    lang: UiLangOption = None,
    results_dir: Annotated[str | None, typer.Option(
        "--results-dir", metavar="DIR",
        help="Store under this folder (else $BRANCHCHECK_RESULTS, "
             "else ./branchcheck-results).")] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the result to exactly this file (never overwritten); - for stdout.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="text|json", help="Output: text or json.")] = "text",
    no_save: Annotated[bool, typer.Option(
        "--no-save", help="Print the result without storing it.")] = False,
    sign_key: SignKeyOption = None,
    source: SourceOption = None,
    inspector_unit: InspectorUnitOption = None,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", "-e", metavar="ITEM=FILE",
        help="A photo (JPEG/PNG), PDF or audio file of a failed item's problem, kept with "
             "its corrective action; repeatable.")] = None,
) -> int:
    """Score an answers file against a checklist, store the result and print it.

    Exit 0 when scored (even with a low score or an incomplete result, which is
    marked as such), 2 for usage errors or invalid answers (nothing is written).
    """
    from branchcheck.checklists.answersfile import answers_for, read_answers_file
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import LANGUAGES, resolve_lang, t
    from branchcheck.core.scoring import make_result
    from branchcheck.render import result as render
    from branchcheck.render.report import as_json
    from branchcheck.results import storage

    check_choice(fmt, FORMATS)
    ui = resolve_lang(lang)
    if output is not None and results_dir is not None:
        raise UsageError(t(ui, "--results-dir 和 -o/--output 只能选一个",
                           "use either --results-dir or -o/--output, not both"))
    if output is not None and no_save:
        raise UsageError(t(ui, "--no-save 和 -o/--output 只能选一个",
                           "use either --no-save or -o/--output, not both"))
    if output not in (None, "-") and os.path.lexists(output):
        raise UsageError(t(ui, f"{output} 已存在；结果从不覆盖",
                           f"{output} already exists; results are never overwritten"))
    if branch is not None:
        storage.check_branch(branch, ui)
    from branchcheck.core.checksource import check_source

    if source is not None:  # checked at once; the answers file's is checked by its schema
        check_source(source, inspector_unit, ui)
    key = None
    if sign_key and not no_save:
        from branchcheck.integrity.signing import load_signing_key

        key = load_signing_key(sign_key, ui)

    ck = load_checklist(checklist, lang=ui)
    af = read_answers_file(answers, lang=ui)
    if lang is None and af.lang in LANGUAGES:
        ui = af.lang  # the file's language, unless --lang says otherwise
    _check_same_checklist(af, ck, checklist, ui)
    problems = _header_problems(af, ui)
    try:
        values = answers_for(af, ck, ui)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise InputError(t(ui, f"{af.file}：答案无效", f"{af.file}: invalid answers"), problems)

    branch = branch or af.branch
    if not branch:
        raise UsageError(t(ui, "没有指定网点：请用 --branch ID，或在答案文件中写 'branch: ID'",
                           "no branch given: use --branch ID or put 'branch: ID' in the "
                           "answers file"))
    storage.check_branch(branch, ui)
    now = storage.now_iso()
    finished = af.finished or now
    started = af.started or (af.finished or now)
    who = reviewer or af.reviewer or os.environ.get("BRANCHCHECK_REVIEWER", "")
    if not who.strip():  # kept exactly as given; only an empty one is warned about
        who = ""
        err(t(ui, "警告：未指定检查人（--reviewer、答案文件的 reviewer 或 "
                               "$BRANCHCHECK_REVIEWER），结果中不记录检查人\n",
                           "warning: no reviewer given (--reviewer, the file's 'reviewer' or "
                           "$BRANCHCHECK_REVIEWER); the result records none\n"))
    source = source or af.source or "self"
    inspector_unit = inspector_unit or af.inspector_unit
    check_source(source, inspector_unit, ui)
    result = make_result(ck, values, branch=branch, reviewer=who, lang=ui, started=started,
                         finished=finished, source=source, inspector_unit=inspector_unit)
    _warn(af, ck, values, ui)
    attached = _evidence_options(evidence or [], result, ui)

    if not no_save:
        from branchcheck.results.chain import store_result, unlinked

        saved = t(ui, "结果已保存：{path}", "Result saved: {path}")
        if output is not None:  # validated like a stored result, through the one -o writer
            raw = storage.result_bytes(result, ui, data=unlinked(result, key))
            emit(raw, output, False, notice=None if output == "-" else saved)
            if output == "-":  # the stored form on stdout, and nothing else there
                return EXIT_OK
        else:
            root = storage.results_dir(results_dir)
            path = store_result(result, root=root, sign_key=key, lang=ui)
            # the actions line first: "Result saved: PATH" stays the last line
            if af.rectify:
                _actions(root, path, result, ck, ui, attached)
            else:
                err(t(ui, "整改：答案文件写明 rectify: false（培训练习），不开立整改项\n",
                      "Actions: the answers file says rectify: false (training); none "
                      "opened\n"))
            err(saved.format(path=path) + "\n")
        sys.stderr.flush()
    if fmt == "json":
        sys.stdout.write(as_json(result))
    else:
        render.text(result, ui, sys.stdout)
    sys.stdout.flush()
    return EXIT_OK


def _evidence_options(options: list[str], result: Result, lang: str) -> dict[str, list[str]]:
    """``--evidence ITEM=FILE`` by item; an item that is not in the result, or did not
    fail, is a usage error."""
    from branchcheck.core.i18n import t

    by_item: dict[str, list[str]] = {}
    status = {it.id: it.status for it in result.score.items}
    for option in options:
        item, sep, path = option.partition("=")
        if not sep or not item or not path:
            raise UsageError(t(lang, f"--evidence {option!r} 应写成 ITEM=FILE",
                               f"--evidence {option!r} must be ITEM=FILE"))
        if status.get(item) not in ("fail", "partial"):
            raise UsageError(t(lang, f"--evidence {option!r}：{item} 不是本次未通过的项目",
                               f"--evidence {option!r}: {item} is not an item that failed "
                               "in this check"))
        by_item.setdefault(item, []).append(path)
    return by_item


def _actions(root: Path, path: Path, result: Result, ck: Checklist, lang: str,
             attached: dict[str, list[str]] | None = None) -> None:
    """Open, count, reopen and verify the branch's actions (docs/actions.md)."""
    from branchcheck.actions.hook import after_store
    from branchcheck.actions.render import outcome_line
    from branchcheck.core.i18n import t
    from branchcheck.core.textsafe import term

    out, error = after_store(root, path, result, ck, attached)
    if out is None:
        sys.stderr.write(term(t(lang, f"警告：结果已保存，但整改项未更新：{error}",
                                f"Warning: result stored, but actions not updated: {error}"))
                         + "\n")
    else:
        sys.stderr.write(outcome_line(len(out.opened), len(out.recurred), len(out.reopened),
                                      len(out.verified), lang) + "\n")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # ValueError: a NUL byte in the name
        return False


def _check_same_checklist(af: AnswersFile, ck: Checklist, ref: str, lang: str = "en") -> None:
    """The answers file's ``checklist`` must name ``ck`` (by id or by its file)."""
    named = af.checklist
    if named == ck.id:
        return
    near = os.path.join(os.path.dirname(af.file), named) if af.file != "<stdin>" else named
    if ck.path and (_same_file(named, ck.path) or _same_file(near, ck.path)):
        return
    from branchcheck.core.i18n import t

    raise InputError.at(af.doc.problem(
        ("checklist",), "checklist-mismatch",
        t(lang, f"这些答案属于检查表 {named!r}，但 {ref!r} 是检查表 {ck.id!r}",
          f"these answers are for checklist {named!r}, but {ref!r} is checklist {ck.id!r}"),
    ))


def _header_problems(af: AnswersFile, lang: str = "en") -> list[Problem]:
    """Checks of the file's own fields: times must be ISO 8601 with an offset (as results
    store them) and ``lang`` one of the UI languages."""
    from branchcheck.core.i18n import LANGUAGES, t
    from branchcheck.core.timestamps import EXAMPLE, parse_iso

    found: list[Problem] = []
    for key, value in (("started", af.started), ("finished", af.finished)):
        if value is not None and parse_iso(value) is None:
            found.append(af.doc.problem((key,), "bad-time", t(
                lang, f"{key} {value!r} 不是真实存在的、带时区偏移的 ISO 8601 时间，"
                      f"例如 {EXAMPLE}",
                f"{key} {value!r} is not an ISO 8601 time with offset naming a real day and "
                f"time, e.g. {EXAMPLE}")))
    if af.lang is not None and af.lang not in LANGUAGES:
        found.append(af.doc.problem(("lang",), "bad-lang", t(
            lang, f"lang {af.lang!r} 不是 {', '.join(LANGUAGES)} 之一",
            f"lang {af.lang!r} is not one of {', '.join(LANGUAGES)}")))
    return found


def _warn(af: AnswersFile, ck: Checklist, values: dict[str, Answer], lang: str = "en") -> None:
    """Warnings on stderr: failed items lacking a required note, ignored answers."""
    from branchcheck.core.i18n import t
    from branchcheck.core.scoring import applicability, fraction

    applies = applicability(ck, values)
    found: list[Problem] = []
    for _, item in ck.items():
        answer = values.get(item.id)
        if answer is None:
            continue
        where = ("answers", item.id)
        if not applies[item.id]:
            assert item.when is not None  # noqa: S101 - only `when` items can be inapplicable
            found.append(af.doc.problem(where, "not-applicable", t(
                lang, f"忽略 {item.id!r} 的答案：仅当 {item.when.item!r} 为 "
                      f"{item.when.equals!r} 时才适用",
                f"answer to {item.id!r} ignored: it applies only when {item.when.item!r} is "
                f"{item.when.equals!r}"), severity="warning", key=True))
        elif (item.note_required_on_fail and not answer.note
              and fraction(item, answer.value) == 0.0):
            found.append(af.doc.problem(where, "note-missing", t(
                lang, f"{item.id!r} 不通过，但缺少要求的备注",
                f"{item.id!r} failed without the note it asks for"),
                severity="warning", key=True))
    for p in found:
        warn(f"{p.location()}: {p.message} [{p.rule}]")
