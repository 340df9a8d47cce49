"""What PyYAML says of a syntax error, in the UI language.

PyYAML words its problems in English; the usual ones are said here in Chinese
for a zh session (the rest keep the parser's words, marked as its own)."""

from __future__ import annotations

import re
from typing import Any

from branchcheck.core.i18n import ui

_PROBLEMS_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + "$"), zh) for pattern, zh in (
        (r"did not find expected node content", "此处缺少值"),
        (r"did not find expected key", "缺少键，或缩进不对"),
        (r"did not find expected '-' indicator", "缺少列表项的 '-'，或缩进不对"),
        (r"did not find expected ',' or '\]'", "缺少 ',' 或 ']'"),
        (r"did not find expected ',' or '\}'", "缺少 ',' 或 '}'"),
        (r"mapping values are not allowed (?:here|in this context)",
         "这里不能有“键: 值”（缩进不对，或值里有“冒号加空格”：请给值加引号）"),
        (r"could not find expected ':'", "缺少 ':'"),
        (r"found character (?:.+ )?that cannot start any token",
         "这里有不能作开头的字符（缩进请用空格，不要用制表符）"),
        (r"found unexpected end of stream", "文件意外结束（引号没有闭合？）"),
        (r"found unknown escape character (.+)", r"未知的转义字符 \1"),
        (r"expected <block end>, but found (.+)", r"缩进不对：这里不应有 \1"),
        (r"expected <document start>, but found (.+)", r"这里不应有 \1"),
        (r"block sequence entries are not allowed (?:here|in this context)",
         "这里不能有列表项 '-'（缩进不对？）"),
        (r"found undefined tag handle (.+)", r"未定义的标签前缀 \1"),
        (r"expected alphabetic or numeric character, but found (.+)",
         r"锚点或别名的名称中有字符 \1"),
    ))
_CONTEXTS_ZH = {
    "while parsing a block mapping": "所在的映射",
    "while parsing a block collection": "所在的列表",
    "while parsing a flow sequence": "所在的 [...] 列表",
    "while parsing a flow mapping": "所在的 {...} 映射",
    "while scanning a simple key": "所在的键",
    "while scanning a quoted scalar": "所在的带引号文字",
    "while parsing a block node": "所在的节点",
    "while parsing a flow node": "所在的节点",
}


def syntax_message(exc: Any) -> str:
    """The message of a ``yaml.MarkedYAMLError`` (where the context began, when
    elsewhere), in the UI language."""
    mark = exc.problem_mark or exc.context_mark
    ctx = exc.context_mark
    elsewhere = bool(exc.problem and exc.context and ctx is not None and mark is not None
                     and (ctx.line, ctx.column) != (mark.line, mark.column))
    what = exc.problem or exc.context or "invalid YAML"
    if ui() != "zh":
        if elsewhere:
            what += (f" ({exc.context} that starts at line {ctx.line + 1}, "
                     f"column {ctx.column + 1})")
        return f"YAML syntax: {what}"
    for pattern, zh in _PROBLEMS_ZH:
        if pattern.match(what):
            said = pattern.sub(zh, what)
            break
    else:
        said = f"（解析器的说明：{what}）"
    if elsewhere:
        said += (f"（{_CONTEXTS_ZH.get(exc.context, exc.context)}从第 {ctx.line + 1} 行"
                 f"第 {ctx.column + 1} 列开始）")
    return f"YAML 语法错误：{said}" if not said.startswith("（") else f"YAML 语法错误{said}"
