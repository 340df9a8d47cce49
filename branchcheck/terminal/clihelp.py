"""``--help`` as users expect it: commands grouped by who uses them, in the UI
language, and metavars that say what is expected (``ID``, ``FILE``, ``zh|en``).

The grouping and the metavar rules live here, once, so a new command or option
gets them without repeating itself; an explicit ``metavar=`` always wins.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer import core as _core

from branchcheck.core.i18n import t, ui

# (zh heading, en heading, commands in order); a command in no group is listed under "other".
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("日常检查", "Daily checks", ("run", "score", "results", "diff", "history", "report")),
    ("整改", "Rectification", ("actions", "approve")),
    ("投诉", "Complaints", ("complaints",)),
    ("可信结果", "Trusted results", ("verify", "keys")),
    ("检查表", "Checklists", ("list", "show", "new", "validate", "schema")),
    ("培训", "Training", ("exercise", "grade", "ipa")),
    ("网点网络", "Network", ("network",)),
    ("神秘人暗访", "Mystery shopping", ("shop",)),
)

SUMMARY_ZH: dict[str, str] = {
    "run": "逐项走查一张检查表，答案随时保存",
    "score": "为答案文件评分并保存结果",
    "results": "已保存的检查结果，最新在前",
    "diff": "两次检查之间：变好、变差、持续不合格",
    "history": "一个网点历次检查的得分走势",
    "report": "把一次检查结果输出为报告（md/html/csv/json）",
    "actions": "整改事项：责任人、时限、证明、复查、整改台账",
    "approve": "审核人签核一次检查结果",
    "complaints": "投诉台账：登记、受理、五步骤、时限、延期、升级、办结",
    "verify": "核对结果链与签名，发现删改",
    "keys": "生成签名密钥",
    "list": "列出检查表",
    "show": "查看检查表，或输出可打印的空白表",
    "new": "新建一张带注释的检查表模板",
    "validate": "校验检查表文件（供 CI 使用）",
    "schema": "输出 JSON Schema",
    "exercise": "培训练习：为学员生成答题模板，示例练习",
    "grade": "对照标准答案为学员评分（一致率、kappa）",
    "ipa": "重要性—表现分析（IPA）",
    "network": "网点网络汇总：排名、未检查、共性问题、自查可信度、导出",
    "shop": "神秘人暗访：抽样计划、派员排期、导入、申诉、报告",
}


SUMMARY_EN: dict[str, str] = {
    "run": "Walk a checklist at the terminal, every answer saved at once",
    "score": "Score an answers file and store the result",
    "results": "Stored results, newest first",
    "diff": "Between two checks: better, worse, still failing",
    "history": "A branch's scores over time",
    "report": "One result as a report (md/html/csv/json)",
    "actions": "Corrective actions (整改): owners, due dates, proof, re-checks, ledger",
    "approve": "Record who approved a stored result (审核人)",
    "complaints": "The complaint register (投诉台账): steps, deadlines, escalation",
    "verify": "Check the chain and signatures of stored results",
    "keys": "Make a signing key pair",
    "list": "List checklists",
    "show": "Show a checklist, or a printable blank form",
    "new": "Scaffold a commented checklist to edit",
    "validate": "Check checklist files (for CI)",
    "schema": "Print a JSON Schema",
    "exercise": "Course exercises: answers templates for a class, a sample class",
    "grade": "Grade trainees against a key (agreement, kappa)",
    "ipa": "Importance-performance analysis (IPA)",
    "network": "Roll-up of a branch network: league, missed checks, common problems, "
               "self-checks against inspections, export",
    "shop": "Mystery shopping: wave plans, shoppers' schedules, import, appeals, report",
}
"""The root listing's one-liners when the commands are not built (``branchcheck
--help`` imports no command module: it must start as fast as Typer itself)."""


class GroupedGroup(_core.TyperGroup):
    """The root command: lists its commands grouped, headings in the UI language.

    ``unbuilt`` names commands listed from :data:`SUMMARY_ZH`/:data:`SUMMARY_EN`
    without building them (the root ``--help``)."""

    unbuilt: tuple[str, ...] = ()

    def list_commands(self, ctx: Any) -> list[str]:
        every = set(self.commands) | set(self.unbuilt)
        known = [name for _, _, names in GROUPS for name in names if name in every]
        return known + sorted(every - set(known))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        lang = ui()  # a bad $BRANCHCHECK_LANG never breaks --help: en
        every = set(self.commands) | set(self.unbuilt)
        placed: set[str] = set()
        sections = [(t(lang, zh, en), names) for zh, en, names in GROUPS]
        sections.append((t(lang, "其他", "Other"), tuple(sorted(every))))
        width = max((len(n) for n in every), default=8)
        for heading, names in sections:
            rows = []
            for name in names:
                cmd = self.commands.get(name)
                if name not in every or name in placed or (cmd is not None and cmd.hidden):
                    continue
                placed.add(name)
                summary = (SUMMARY_ZH if lang == "zh" else SUMMARY_EN).get(name)
                if cmd is not None and (summary is None or lang != "zh"):
                    summary = cmd.get_short_help_str(formatter.width - 6 - width)
                rows.append((name, summary or ""))
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


class _PlainArgument(_core.TyperArgument):
    """An argument shown as ``CHECKLIST`` (``[OLD]`` when optional), never in braces."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = self.metavar or (self.name or "").upper()
        if self.nargs == -1 and not var.endswith("..."):
            var += "..."
        if usage and not self.required and not var.startswith("["):
            return f"[{var}]"
        return var


_NAMED = ("-o", "--output", "--out", "--dir")
"""Options naming a file or folder to write: an empty name is a usage error."""


class _NamedOutput(_core.TyperOption):
    """``-o``/``--output``/``--out``: an empty (or blank) name is refused while the
    options are read (exit 2), before any work, never "is a directory" after it."""

    def process_value(self, ctx: Any, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            lang = ui()
            folder = self.metavar == "DIR"
            raise typer.BadParameter(
                t(lang, "需要给出文件夹名，不能为空" if folder else "需要给出文件名，不能为空",
                  f"needs a {'folder' if folder else 'file'} name, not an empty one"),
                ctx=ctx, param=self)
        return super().process_value(ctx, value)


class _FiniteNumber(_core.TyperOption):
    """A number option: ``nan``, ``inf`` and ``1e400`` (which Python's float reads) are
    refused while the options are read (exit 2): a setting, a limit or a wait that is
    not a number made figures NaN, waits endless or timers crash."""

    def process_value(self, ctx: Any, value: Any) -> Any:
        import math

        value = super().process_value(ctx, value)
        values = value if isinstance(value, (tuple, list)) else (value,)
        if any(isinstance(v, float) and not math.isfinite(v) for v in values):
            raise typer.BadParameter(t(ui(), "需要有限的数字", "needs a finite number"),
                                     ctx=ctx, param=self)
        return value


_BY_NAME = {
    "lang": "zh|en", "branch": "ID", "checklist": "ID", "unit": "ID", "reviewer": "NAME",
    "approver": "NAME", "owner": "NAME", "since": "DATE", "until": "DATE", "due": "DATE",
    "results_dir": "DIR", "dir": "DIR", "trust": "DIR", "names": "NAME,NAME,...",
    "note": "TEXT", "period": "PERIOD", "fail_on": "GATE", "min_agreement": "PERCENT",
}
_CHOICES = re.compile(r"(?:^\w+\s|:\s*)([a-z][\w-]*(?:,\s*[a-z][\w-]*)*\s+or\s+[a-z][\w-]*)\b")


def option_metavar(option: Any) -> str:
    """What an option without an explicit metavar expects, from its name, help and type."""
    name = option.name or ""
    if name in _BY_NAME:
        return _BY_NAME[name]
    text = option.help or ""
    choices = _CHOICES.search(text.split(".")[0].split("(")[0])
    if choices and name in ("fmt", "format", "level", "crosshair", "status", "every", "priority"):
        words = re.split(r",\s*|\s+or\s+", choices.group(1))
        return "|".join(w.strip() for w in words)
    type_name = getattr(option.type, "name", "")
    if type_name in ("int", "integer", "int range", "integer range"):
        return "N"
    if type_name in ("float", "float range"):
        return "NUMBER"
    lower = text.lower()
    if "folder" in lower or "directory" in lower:
        return "DIR"
    if "file" in lower or name in ("output", "answers", "sign_key", "org", "warehouse"):
        return "FILE"
    return name.upper().replace("_", "-") or "VALUE"


def polish(command: Any, lang: str = "en", path: tuple[str, ...] = ()) -> Any:
    """Give every argument and option of ``command`` (recursively) a telling metavar;
    in a zh session, also its help (command, options, the framework's own words) in
    Chinese."""
    for param in getattr(command, "params", ()):
        if isinstance(param, _core.TyperArgument):
            param.__class__ = _PlainArgument
        elif isinstance(param, typer.core.TyperOption) and param.metavar is None \
                and not param.is_flag and not param.count:
            param.metavar = option_metavar(param)
        if isinstance(param, typer.core.TyperOption) and set(param.opts) & set(_NAMED):
            param.__class__ = _NamedOutput
        elif type(param) is typer.core.TyperOption and getattr(
                param.type, "name", "") in ("float", "float range"):
            param.__class__ = _FiniteNumber
    if lang == "zh":
        _in_chinese(command, path)
    for name, sub in getattr(command, "commands", {}).items():
        polish(sub, lang, (*path, name))
    return command


def _in_chinese(command: Any, path: tuple[str, ...]) -> None:
    """Chinese help for ``command`` (at ``path``) and its parameters, where known."""
    import sys

    from branchcheck.terminal.clickzh import wrap
    from branchcheck.terminal.help_zh import OPTIONS_ZH
    from branchcheck.terminal.help_zh_commands import COMMANDS_ZH, ROOT_ZH

    callback = getattr(command, "callback", None)
    module = sys.modules.get(getattr(callback, "__module__", "") or "")
    own: dict[str, str] = getattr(module, "HELP_ZH", {})  # a command module's own words
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if text:
            param.help = own.get(text) or OPTIONS_ZH.get(text, text)
    doc = ROOT_ZH if not path else own.get(" ".join(path)) or COMMANDS_ZH.get(" ".join(path))
    if doc:
        command.help = wrap(doc)
        command.short_help = doc.split("\n")[0].split("。")[0]
    if not getattr(command, "_zh_help", False):  # the framework's own words too
        from branchcheck.terminal.clickzh import Context, help_zh

        command.context_class = Context  # laid out by display width

        english = command.get_help
        setattr(command, "get_help", lambda ctx: help_zh(english(ctx)))  # noqa: B010
        command._zh_help = True
