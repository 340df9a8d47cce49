"""The Typer application: options in, exit code out.

Each command lives in ``branchcheck.commands.<name>``; this module wires them
up and holds the one error handler. Heavy libraries (yaml, jsonschema, rich
rendering) are imported inside the commands that need them, so ``--help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import functools
import importlib
import io
import os
import sys

import typer

from branchcheck import __version__
from branchcheck.core.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    BranchcheckError,
)
from branchcheck.core.i18n import t
from branchcheck.terminal.clihelp import GroupedGroup, polish

# name -> (module under branchcheck.commands, attribute, a sub-app with commands of its own)
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "validate": ("validate", "validate", False),
    "schema": ("validate", "schema", False),
    "list": ("list", "list_checklists", False),
    "show": ("show", "show", False),
    "new": ("new", "new", False),
    "score": ("score", "score", False),
    "results": ("results", "results", False),
    "run": ("run", "run", False),
    "grade": ("grade", "grade", False),
    "ipa": ("ipa", "ipa", False),
    "exercise": ("exercise", "app", True),
    "diff": ("diff", "diff", False),
    "history": ("history", "history", False),
    "report": ("report", "report", False),
    "network": ("network", "app", True),
    "shop": ("shop", "app", True),
    "verify": ("verify", "verify", False),
    "keys": ("keys", "app", True),
    "actions": ("actions", "app", True),
    "approve": ("approve", "approve", False),
    "complaints": ("complaints", "app", True),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"branchcheck {__version__}")
        raise typer.Exit(EXIT_OK)


def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Self-assessment checklists for retail bank branches."""


def build_app(only: str | None = None, sub: str | None = None) -> typer.Typer:
    """The Typer application with every command, or with just ``only`` (and of a group,
    just its command ``sub`` when it has one of that name).

    Turning a command's signature into options costs Typer about 3 ms a
    command, so a run of one command builds that one alone.
    """
    built = typer.Typer(
        name="branchcheck",
        help="Self-assessment checklists for retail bank branches: validate, score, compare."
        "\n\nExit codes: 0 ok; 1 check failed / regression found; 2 usage error or invalid "
        "input; 3 internal error; 130 interrupted; 143 stopped by SIGTERM (run: draft saved).",
        rich_markup_mode=None,
        cls=GroupedGroup,
        add_completion=True,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(_main)
    for name, (module, attr, group) in COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"branchcheck.commands.{module}"), attr)
        if group:
            built.add_typer(_one_of(target, sub) if only is not None else target, name=name)
        else:
            built.command(name)(target)
    return built


def _one_of(group: typer.Typer, sub: str | None) -> typer.Typer:
    """``group`` with only its command ``sub`` (the whole group when it has none); for
    the group's own help, its commands listed without their options."""
    import copy

    if sub is None or sub in ("-h", "--help"):
        return _listing(group)
    chosen = [c for c in group.registered_commands if c.name == sub]
    if not chosen or group.registered_groups:
        return group
    one = copy.copy(group)
    one.registered_commands = chosen
    return one


def _listing(group: typer.Typer) -> typer.Typer:
    """``group`` as its help lists it: its commands (and those of its sub-groups)
    without their options."""
    import copy

    listed = copy.copy(group)
    listed.registered_commands = [_unbuilt(c) for c in group.registered_commands]
    listed.registered_groups = []
    for info in group.registered_groups:
        inner = copy.copy(info)
        if info.typer_instance is not None:
            inner.typer_instance = _listing(info.typer_instance)
        listed.registered_groups.append(inner)
    return listed


def _unbuilt(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    """A group's command as its help lists it (name, help, hidden), without options:
    Typer turns a signature into options at about 3 ms a command."""
    import copy

    def listed() -> None:
        """(listed only)"""

    real = info.callback
    listed.__name__ = getattr(real, "__name__", "listed")
    listed.__doc__ = getattr(real, "__doc__", None)
    stub = copy.copy(info)
    stub.callback = listed
    return stub


@functools.cache
def full_app() -> typer.Typer:
    """The whole command-line interface (help, completion, documentation)."""
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # ``from branchcheck.cli import app``, built on first use
        return full_app()
    raise AttributeError(name)


def _command_for(argv: list[str] | None) -> typer.Typer:
    """The application to run ``argv`` with: one command's alone when that is all it needs
    (so only that command's module is imported and turned into options)."""
    args = sys.argv[1:] if argv is None else argv
    if "_BRANCHCHECK_COMPLETE" in os.environ:
        return full_app()
    if args and args[0] in COMMANDS:
        return build_app(only=args[0], sub=args[1] if len(args) > 1 else None)
    if _root_help(args):
        return build_app(only="")  # the listing needs no command built
    return full_app()


def _root_help(args: list[str]) -> bool:
    """Whether ``args`` only ask for the root help (``branchcheck``, ``-h``, ``--help``)."""
    return not args or (len(args) == 1 and args[0] in ("-h", "--help"))


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; the single place errors are reported.
    The UI language chosen for the run is forgotten after it (a process that runs
    several commands, as the tests do, starts each from the environment)."""
    from branchcheck.core.i18n import set_ui

    try:
        return _run(argv)
    finally:
        set_ui(None)


def _run(argv: list[str] | None = None) -> int:
    from branchcheck.terminal.output import prepare_streams

    prepare_streams()
    lang = _session_lang(sys.argv[1:] if argv is None else argv)
    args = sys.argv[1:] if argv is None else argv
    command = polish(typer.main.get_command(_command_for(argv)), lang)
    if _root_help(args):
        command.unbuilt = tuple(COMMANDS)
    try:
        code = command.main(args=argv, prog_name="branchcheck", standalone_mode=False)
    except BranchcheckError as exc:
        _error(exc.message)
        for problem in exc.problems:
            if str(problem) != exc.message:
                _line(str(problem))
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except (typer.Abort, KeyboardInterrupt):
        _error(t(lang, "已中断", "interrupted"))
        return EXIT_INTERRUPTED
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):  # usage and message, which may echo a hostile argument
            buf = io.StringIO()
            show(file=buf)
            text = buf.getvalue().rstrip("\n")
            if lang == "zh":
                from branchcheck.terminal.clickzh import error_zh

                text = error_zh(text)
            _line(text)
        else:
            _error(str(exc))
        return int(getattr(exc, "exit_code", EXIT_USAGE) or EXIT_USAGE)
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except SystemExit as exc:  # raised by Typer itself, e.g. on a closed pipe
        if isinstance(exc.__context__, BrokenPipeError):
            _quiet_stdout()
            return EXIT_OK
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except OSError as exc:  # disk full, permission denied while writing output, ...
        from branchcheck.core.i18n import os_reason

        _error(os_reason(exc, lang) + (f": {exc.filename}" if exc.filename else ""))
        return EXIT_USAGE
    except Exception as exc:  # last line of defence: never a traceback
        if os.environ.get("BRANCHCHECK_DEBUG"):
            raise
        _error(t(lang, f"内部错误：{type(exc).__name__}: {exc}\n这是 branchcheck 的缺陷；设置 "
                       "BRANCHCHECK_DEBUG=1 可看到调用栈。",
                 f"internal error: {type(exc).__name__}: {exc}\n"
                 "This is a bug in branchcheck; set BRANCHCHECK_DEBUG=1 to see the traceback."))
        return EXIT_INTERNAL
    return int(code) if isinstance(code, int) else EXIT_OK


def _session_lang(args: list[str]) -> str:
    """The UI language of this run, known before any option is parsed (``--help`` and
    usage errors come first): ``--lang`` on the command line, else the environment."""
    from branchcheck.core.i18n import LANGUAGES, set_ui, ui

    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    set_ui(chosen if chosen in LANGUAGES else None)
    return ui()


def _error(message: str) -> None:
    from branchcheck.core.i18n import ui

    _line(t(ui(), f"错误：{message}", f"Error: {message}"))


def _line(text: str) -> None:
    """``text`` on stderr (control characters neutralised: messages quote files)."""
    from branchcheck.core.textsafe import term

    try:
        sys.stderr.write(f"{term(text, newlines=True)}\n")
        sys.stderr.flush()
    except (AttributeError, ValueError, OSError):  # closed or missing stderr
        pass


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
