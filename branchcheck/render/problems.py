"""Reporters for ``validate``: text, json and GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from branchcheck.checklists.checker import Summary, problems_as_dicts
from branchcheck.core.i18n import ui

FORMATS = ("text", "json", "github")


def text(summary: Summary, strict: bool) -> Iterator[str]:
    """``file:line:col: severity: message [rule]`` lines, then a summary line."""
    for p in summary.problems:
        # One problem per line, even for a file name with a line break in it.
        yield str(p).replace("\r", "\\r").replace("\n", "\\n")
    yield summary_line(summary, strict)


def summary_line(summary: Summary, strict: bool) -> str:
    """``OK|FAILED: N files checked, N invalid, N errors, N warnings`` (in the UI language)."""
    files = len(summary.reports)
    bad = sum(1 for r in summary.reports if r.errors or (strict and r.warnings))
    errors, warnings = summary.error_count, summary.warning_count
    if ui() == "zh":
        return (f"{'不通过' if summary.failed(strict) else '通过'}：检查 {files} 个文件，"
                f"{bad} 个无效，{errors} 个错误，{warnings} 个警告"
                + ("（--strict：警告按错误计）" if strict and warnings else ""))
    verdict = "FAILED" if summary.failed(strict) else "OK"
    return (
        f"{verdict}: {files} file{'s' if files != 1 else ''} checked, {bad} invalid, "
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
        + (" (warnings count as errors under --strict)" if strict and warnings else "")
    )


def as_json(summary: Summary, strict: bool) -> Iterator[str]:
    """One JSON document: verdict, counts and the list of problems."""
    doc = {
        "valid": not summary.failed(strict),
        "strict": strict,
        "files": len(summary.reports),
        "errors": summary.error_count,
        "warnings": summary.warning_count,
        "problems": problems_as_dicts(summary.problems),
    }
    yield json.dumps(doc, ensure_ascii=False, indent=2)


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(summary: Summary, strict: bool) -> Iterator[str]:
    """GitHub Actions workflow commands (``::error file=...,line=...,col=...::msg``)."""
    for p in summary.problems:
        level = "error" if p.severity == "error" or strict else "warning"
        loc = f"file={_escape(p.file, prop=True)}"
        if p.line > 0:
            loc += f",line={p.line},col={p.column}"
        yield f"::{level} {loc},title={_escape(p.rule, prop=True)}::{_escape(p.message)}"
    yield summary_line(summary, strict)


REPORTERS: dict[str, Callable[[Summary, bool], Iterator[str]]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
