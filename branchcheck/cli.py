"""The Typer application: options in, exit code out.

Each command lives in ``branchcheck.commands.<name>``; this module wires them
up and holds the one error handler. Heavy libraries (yaml, jsonschema, rich
rendering) are imported inside the commands that need them, so ``--help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import io
import os
import sys

import typer

from branchcheck import __version__
from branchcheck.clihelp import GroupedGroup, polish
from branchcheck.commands import actions as _actions
from branchcheck.commands import approve as _approve
from branchcheck.commands import diff as _diff
from branchcheck.commands import exercise as _exercise
from branchcheck.commands import grade as _grade
from branchcheck.commands import history as _history
from branchcheck.commands import ipa as _ipa
from branchcheck.commands import keys as _keys
from branchcheck.commands import list as _list
from branchcheck.commands import network as _network
from branchcheck.commands import new as _new
from branchcheck.commands import report as _report
from branchcheck.commands import results as _results
from branchcheck.commands import run as _run
from branchcheck.commands import score as _score
from branchcheck.commands import show as _show
from branchcheck.commands import validate as _validate
from branchcheck.commands import verify as _verify
from branchcheck.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    BranchcheckError,
)

app = typer.Typer(
    name="branchcheck",
    help="Self-assessment checklists for retail bank branches: validate, score, compare.\n\n"
    "Exit codes: 0 ok; 1 check failed / regression found; 2 usage error or invalid input; "
    "3 internal error; 130 interrupted.",
    rich_markup_mode=None,
    cls=GroupedGroup,
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"branchcheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Self-assessment checklists for retail bank branches."""


app.command("validate")(_validate.validate)
app.command("schema")(_validate.schema)
app.command("list")(_list.list_checklists)
app.command("show")(_show.show)
app.command("new")(_new.new)
app.command("score")(_score.score)
app.command("results")(_results.results)
app.command("run")(_run.run)
app.command("grade")(_grade.grade)
app.command("ipa")(_ipa.ipa)
app.add_typer(_exercise.app, name="exercise")
app.command("diff")(_diff.diff)
app.command("history")(_history.history)
app.command("report")(_report.report)
app.add_typer(_network.app, name="network")
app.command("verify")(_verify.verify)
app.add_typer(_keys.app, name="keys")
app.add_typer(_actions.app, name="actions")
app.command("approve")(_approve.approve)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; the single place errors are reported."""
    from branchcheck.output import prepare_streams

    prepare_streams()
    command = polish(typer.main.get_command(app))
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
        _error("interrupted")
        return EXIT_INTERRUPTED
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):  # usage and message, which may echo a hostile argument
            buf = io.StringIO()
            show(file=buf)
            _line(buf.getvalue().rstrip("\n"))
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
        _error(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        return EXIT_USAGE
    except Exception as exc:  # last line of defence: never a traceback
        if os.environ.get("BRANCHCHECK_DEBUG"):
            raise
        _error(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in branchcheck; set BRANCHCHECK_DEBUG=1 to see the traceback."
        )
        return EXIT_INTERNAL
    return int(code) if isinstance(code, int) else EXIT_OK


def _error(message: str) -> None:
    _line(f"Error: {message}")


def _line(text: str) -> None:
    """``text`` on stderr (control characters neutralised: messages quote files)."""
    from branchcheck.textsafe import term

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
