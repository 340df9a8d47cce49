"""The words of the command-line framework itself in Chinese: ``Usage:``,
``Options``, ``[default: …]``, ``Error: No such option …`` and the like.

Typer's bundled Click writes them in English with no translation hook, so the
finished help text and error messages are translated here, line by line, by
the patterns below (ids, option names and values pass through unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import typer
from typer._click.formatting import HelpFormatter

from branchcheck.terminal.output import width

_HELP: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.M), zh) for pattern, zh in (
        (r"^Usage: ", "用法："),
        (r"\[OPTIONS\]", "[选项]"),
        (r"\bCOMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
        (r"^Options:$", "选项："),
        (r"^Arguments:$", "参数："),
        (r"^Commands:$", "命令："),
        (r"Show this message and exit\.", "显示本帮助并退出。"),
        (r"^([^\x00-\x7f][^:\n]*):$", r"\1："),
    ))

_NUMBER = r"-?\d+(?:\.\d+)?"
_EXTRAS = re.compile(rf"\[((?:env var:|default:|required\b|{_NUMBER}<|x[<>])[^\[\]]*)\]")
"""The bracket Click puts after an option's help: ``[env var: …; default: …;
0<=x<=9; required]``, its parts joined by ``; `` (and the line may wrap inside it)."""
_EXTRA_PARTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + r"$", re.S), zh) for pattern, zh in (
        (r"env var:\s+(.*)", r"环境变量：\1"),
        (r"default:\s+(.*)", r"默认：\1"),
        (r"required", "必填"),
        (rf"({_NUMBER})<=x<=({_NUMBER})", r"\1 到 \2"),
        (rf"({_NUMBER})<x<({_NUMBER})", r"大于 \1 且小于 \2"),
        (rf"({_NUMBER})<=x<({_NUMBER})", r"至少 \1 且小于 \2"),
        (rf"({_NUMBER})<x<=({_NUMBER})", r"大于 \1 且至多 \2"),
        (rf"x>=({_NUMBER})", r"至少 \1"),
        (rf"x>({_NUMBER})", r"大于 \1"),
        (rf"x<=({_NUMBER})", r"至多 \1"),
        (rf"x<({_NUMBER})", r"小于 \1"),
    ))


def _part_zh(part: str) -> str:
    """One part of Click's extras (``default: 3``, ``0<=x<=9``, ``required``) in Chinese."""
    for pattern, zh in _EXTRA_PARTS:
        if pattern.match(part):
            return pattern.sub(zh, part)
    return part


def _extras_zh(match: re.Match[str]) -> str:
    """One ``[…]`` of Click's option extras, each part in Chinese; a line break
    that wrapping put after a ``;`` stays where it is."""
    pieces = re.split(r";(\s+)", match.group(1))  # part, space, part, space, part...
    for i in range(0, len(pieces), 2):
        pieces[i] = _part_zh(pieces[i])
    for i in range(1, len(pieces), 2):
        pieces[i] = "；" + ("" if pieces[i] == " " else pieces[i])
    return "[" + "".join(pieces) + "]"


_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = _HELP + tuple(
    (re.compile(pattern, re.M), zh) for pattern, zh in (
        (r"^Try '(.+?)' for help\.$", r"查看帮助：\1"),
        (r"^Error: ", "错误："),
        (r"No such option: (\S+)", r"没有选项 \1"),
        (r"Did you mean (\S+)\?", r"是不是 \1？"),
        (r"\(Possible options: (.+)\)", r"（可能的选项：\1）"),
        (r"No such command '(.+?)'\.", r"没有命令 '\1'。"),
        (r"Missing command\.", "缺少命令。"),
        (r"Missing option (.+)\.", r"缺少选项 \1。"),
        (r"Missing argument (.+)\.", r"缺少参数 \1。"),
        (r"Missing parameter: (.+)", r"缺少参数：\1"),
        (r"Option (.+?) requires an argument\.", r"选项 \1 需要一个值。"),
        (r"Option (.+?) requires (\d+) arguments\.", r"选项 \1 需要 \2 个值。"),
        (r"Option (.+?) does not take a value\.", r"选项 \1 不接受值。"),
        (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
        (r"Invalid value for (.+?): ", r"\1 的值无效："),
        (r"Invalid value: ", "值无效："),
        (r"'(.*?)' is not a valid int(?:eger)?(?: range)?\.", r"'\1' 不是有效的整数。"),
        (r"'(.*?)' is not a valid float(?: range)?\.", r"'\1' 不是有效的数字。"),
        (r"'(.*?)' is not a valid boolean\.", r"'\1' 不是有效的是/否值。"),
        (r"'(.*?)' is not one of (.+)\.", r"'\1' 不是可选值之一：\2。"),
    ))

_LINE_CELLS = 76
_TOKEN = re.compile(r"[\x21-\x7e]+|\s|.")
"""Units a line may break between: a run of ASCII (an option, id or path), a space,
or one other character."""
_NO_LINE_START = frozenset("，。、；：！？）」』》,.;:!?)")
_NO_LINE_END = frozenset("（「『《“‘(")


def help_zh(text: str) -> str:
    """Finished ``--help`` text with the framework's words in Chinese."""
    for pattern, zh in _HELP:
        text = pattern.sub(zh, text)
    return _EXTRAS.sub(_extras_zh, text)


def _range_zh(match: re.Match[str]) -> str:
    """``5 is not in the range 0<=x<=3.``: the range said as in the help."""
    return f"{match.group(1)} 超出范围（{_part_zh(match.group(2))}）。"


_RANGE_ERROR = re.compile(r"(\S+) is not in the range (.+?)\.$", re.M)


def error_zh(text: str) -> str:
    """A usage error as Typer prints it (usage, hint, ``Error: …``), in Chinese."""
    text = _RANGE_ERROR.sub(_range_zh, text)
    for pattern, zh in _ERRORS:
        text = pattern.sub(zh, text)
    return text


def wrap(text: str, cells: int = _LINE_CELLS) -> str:
    """Chinese help text wrapped by display width (CJK characters take two cells),
    each paragraph marked so that Click keeps the breaks as they are."""
    out = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        line = ""
        for token in _TOKEN.findall(paragraph.replace("\n", "")):
            if line and width(line + token) > cells and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
        out.append("\b\n" + "\n".join(lines))
    return "\n\n".join(out)


def lines(text: str, cells: int) -> list[str]:
    """``text`` broken into lines of at most ``cells`` display cells, only between
    units (a run of ASCII, such as an id or option, is never cut in two)."""
    out: list[str] = []
    line = ""
    for token in _TOKEN.findall(text.replace("\n", " ")):
        if line.strip() and width(line + token) > cells and token not in _NO_LINE_START \
                and line[-1] not in _NO_LINE_END:
            out.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    out.append(line.rstrip())
    return out


class Formatter(HelpFormatter):
    """Click's help formatter measuring display width (a CJK character takes two
    cells) and never breaking inside an id, option or value list."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{prefix or 'Usage: ':>{self.current_indent}}{prog} "
        if not args:
            self.write(head.rstrip(" ") + "\n")
            return
        room = max(self.width - self.current_indent - width(head), 20)
        indent = " " * min(width(head), self.width - room)
        rows = lines(args, room)
        self.write(head + ("\n" + indent).join(rows) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(first) for first, _ in rows), default=0),
                        col_max) + col_spacing
        room = max(self.width - self.current_indent - first_col, 20)
        gap = " " * (self.current_indent + first_col)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + gap)
            self.write(("\n" + gap).join(lines(second, room)) + "\n")


class Context(typer.Context):
    """A command's context in a zh session: help laid out by :class:`Formatter`."""

    formatter_class = Formatter
