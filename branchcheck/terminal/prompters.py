"""Prompters for :class:`branchcheck.results.session.Session`: one for terminals (rich
styling, ``input()`` line editing with CJK input and Ctrl-C) and one for pipes
(plain lines, no colour or cursor control, one write per item)."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING

from branchcheck.core.i18n import t
from branchcheck.results.session import ItemView, MessageKind

if TYPE_CHECKING:
    from rich.console import Console


class _Neutral:
    """A text stream whose writes have control characters neutralised."""

    def __init__(self, out: IO[str]) -> None:
        self.raw = out

    def write(self, text: str) -> int:
        from branchcheck.core.textsafe import term

        return self.raw.write(term(text, newlines=True))

    def flush(self) -> None:
        self.raw.flush()


class PlainPrompter:
    """Reads answer lines from ``stdin`` and writes prompts to ``out`` (stderr in
    pipe mode, so stdout holds only the summary). Each line read is echoed after
    its prompt, so the log reads like a session; errors name the input line."""

    def __init__(self, stdin: IO[str], out: IO[str], lang: str = "en") -> None:
        self.stdin = stdin
        self.out = _Neutral(out)
        self.lang = lang
        self.lineno = 0

    def section(self, title: str, progress: str, description: str) -> None:
        """Write a section header."""
        text = f"\n== {title} ({progress}) ==\n"
        if description:
            text += f"   {description}\n"
        self.out.write(text)

    def item(self, view: ItemView) -> None:
        """Write an item in one go."""
        lines = [f"[{view.progress}] {view.text}"]
        if view.guidance:
            lines.append(f"    {view.guidance}")
        lines.append(f"    {view.accepted}")
        if view.current:
            lines.append(f"    {view.current}")
        self.out.write("\n".join(lines) + "\n")

    def read(self, prompt: str) -> str:
        """Next input line; EOFError at end of input."""
        line = self.stdin.readline()
        if not line:
            self.out.flush()
            raise EOFError
        self.lineno += 1
        line = line.rstrip("\r\n")
        if self.lineno == 1:
            line = line.lstrip("\ufeff")
        self.out.write(f"{prompt}{line}\n")
        return line

    def message(self, text: str, kind: MessageKind = "info") -> None:
        """Write a message; errors are prefixed with the input line number."""
        if kind == "error" and self.lineno:
            text = t(self.lang, f"第 {self.lineno} 行：", f"line {self.lineno}: ") + text
        self.out.write(text + "\n")
        self.out.flush()


class TerminalPrompter:
    """Rich-styled prompts for a person at a terminal (colour only when
    ``output.use_color`` allows it). Lines are read with ``input()`` when the
    output is the terminal's stdout, which gives line editing and CJK input."""

    def __init__(self, out: IO[str] | None = None, stdin: IO[str] | None = None) -> None:
        from branchcheck.terminal.output import console

        self.out = out or (sys.stdout if sys.stdout.isatty() else sys.stderr)
        self.stdin = stdin or sys.stdin
        self.con: Console = console(self.out)
        self._input = self.out is sys.stdout and self.stdin is sys.stdin
        if self._input:
            try:
                import readline  # noqa: F401 - gives input() line editing and history
            except ImportError:  # pragma: no cover - not on every platform
                pass

    def section(self, title: str, progress: str, description: str) -> None:
        """Print a section header as a rule."""
        from rich.text import Text

        self.con.print()
        self.con.rule(Text.assemble((title, "bold cyan"), ("  " + progress, "dim")),
                      style="cyan", align="left")
        if description:
            self.con.print(Text(description, style="dim"))

    def item(self, view: ItemView) -> None:
        """Print an item: progress, text, guidance (dimmed), accepted answers."""
        from rich.text import Text

        self.con.print()
        self.con.print(Text.assemble((view.progress, "dim"), "  ", (view.text, "bold")))
        if view.guidance:
            self.con.print(Text("  " + view.guidance, style="dim italic"))
        self.con.print(Text("  " + view.accepted, style="green"))
        if view.current:
            self.con.print(Text("  " + view.current, style="yellow"))

    def read(self, prompt: str) -> str:
        """Read a line (EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C)."""
        from branchcheck.core.textsafe import term

        prompt = term(prompt)
        if self._input:
            return input(prompt)
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def message(self, text: str, kind: MessageKind = "info") -> None:
        """Print a message: errors in red, help in yellow."""
        from rich.text import Text

        style = {"error": "red", "help": "yellow", "info": "cyan"}[kind]
        self.con.print(Text(text, style=style))
