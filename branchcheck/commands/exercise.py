"""``branchcheck exercise``: helpers for scripting a course (``exercise new``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from branchcheck.commands.options import ChecklistArgument
from branchcheck.core.errors import EXIT_OK
from branchcheck.terminal.output import err

app = typer.Typer(
    help="Helpers for running a course exercise: answers templates for a class, or a "
         "sample class already answered.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("new")
def new(
    checklist: ChecklistArgument,
    folder: Annotated[
        str | None, typer.Option("--dir", "-d", metavar="DIR", show_default=False,
                                 help="Folder to write the exercise into.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", hidden=True,
                                 help="The old name of --dir (-o names a file elsewhere).")
    ] = None,
    trainees: Annotated[
        int | None, typer.Option("--trainees", "-n", help="Number of trainees "
                                 "(templates trainee-01, trainee-02, ...).")
    ] = None,
    names: Annotated[
        str | None, typer.Option("--names", help="Trainees' names, comma-separated "
                                 "(letters, digits, '_', '-', '.').")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the templates: zh or "
                                             "en.")] = None,
) -> int:
    """Write a blank answers template per trainee, a key template and a README.

    Layout: DIR/README.md, DIR/key.yaml, DIR/answers/NAME.yaml. Existing files
    are never overwritten (nothing is written then). Exit 0 on success, 2 for
    usage errors, an invalid checklist or existing files.
    """
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.training import exercise

    ui = resolve_lang(lang)
    if (folder or output) is None or (folder and output):
        from branchcheck.core.errors import UsageError

        raise UsageError(t(ui, "请用 --dir DIR 指定写入练习的文件夹（只给一次）",
                           "give the folder to write the exercise into with --dir DIR (once)"))
    output = folder or output or ""
    people = exercise.trainee_names(trainees, names)
    ck = load_checklist(checklist, lang=ui)
    ref = exercise.checklist_ref(checklist, ck)
    written = exercise.write(Path(output), exercise.plan(ck, ref, people, ui))
    for path in written:
        err(t(ui, f"已写入 {path}\n", f"Wrote {path}\n"))
    answers_dir, key = Path(output) / "answers", Path(output) / "key.yaml"
    err(t(ui, f"练习已准备好：{answers_dir} 中有 {len(people)} 份学员模板；请在 "
                           f"{key} 中填写参考答案。\n",
                       f"Exercise ready: {len(people)} trainee template(s) in {answers_dir}; "
                       f"fill in {key} with the reference answers.\n"))
    return EXIT_OK


@app.command("sample")
def sample(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="Folder to write the sample "
                                                               "class to.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the templates: zh or "
                                             "en.")] = None,
) -> int:
    """Write a course exercise already answered to DIR: a key and five trainees'
    answers of window-service, to grade (the quick start).

    Existing files are never overwritten (nothing is written then). Exit 0 on
    success, 2 for usage errors or existing files.
    """
    from branchcheck.core.i18n import resolve_lang, t
    from branchcheck.training.sample import write_sample

    ui = resolve_lang(lang)
    for path in write_sample(Path(folder), ui):
        err(t(ui, f"已写入 {path}\n", f"Wrote {path}\n"))
    key, answers = Path(folder) / "key.yaml", Path(folder) / "answers"
    err(t(ui, f"示例练习已答好：branchcheck grade {key} {answers}\n",
          f"Sample class answered: branchcheck grade {key} {answers}\n"))
    return EXIT_OK
