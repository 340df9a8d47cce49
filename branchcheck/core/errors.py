"""One error base class, located problems and the documented exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXIT_OK = 0
EXIT_FAILED = 1  # check failed, regression found, invalid files under validate
EXIT_USAGE = 2  # usage error or invalid input
EXIT_INTERNAL = 3  # a bug: please report it
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM (128 + 15): `run` saves the draft first


@dataclass(frozen=True)
class Problem:
    """One finding located in a file (line and column are 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    severity: str = "error"  # "error" | "warning"
    path: str = ""  # JSON-pointer-like path of the offending node, e.g. /sections/0/id

    def location(self) -> str:
        """``file:line:col`` (or just ``file`` when the position is unknown)."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        """``file:line:col: severity: message [rule]``, the severity in the UI language."""
        from branchcheck.core.i18n import t, ui  # i18n imports this module

        severity = t(ui(), _SEVERITY_ZH.get(self.severity, self.severity), self.severity)
        return f"{self.location()}: {severity}: {self.message} [{self.rule}]"


_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


class BranchcheckError(Exception):
    """Base of every error shown to the user as ``Error: <message>``."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join(str(p) for p in self.problems)


class UsageError(BranchcheckError):
    """Wrong options or arguments."""


class InputError(BranchcheckError):
    """An input file is unreadable, malformed or invalid; ``problems`` say where."""

    @classmethod
    def at(cls, problem: Problem) -> InputError:
        """An error made of a single located problem."""
        return cls(str(problem), [problem])


class NotFoundError(BranchcheckError):
    """A named checklist, result or draft does not exist."""


class StorageError(BranchcheckError):
    """A result or draft cannot be written or read back."""


class TamperedError(InputError):
    """A stored result whose scores do not match its answers."""


class CheckFailed(BranchcheckError):
    """A gate was triggered (regression, low agreement, incomplete input)."""

    exit_code = EXIT_FAILED


class Interrupted(BranchcheckError):
    """The user pressed Ctrl-C; whatever was answered has been saved."""

    exit_code = EXIT_INTERRUPTED


class Terminated(BranchcheckError):
    """The process was asked to stop (SIGTERM); whatever was answered has been saved."""

    exit_code = EXIT_TERMINATED
