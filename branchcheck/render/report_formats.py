"""The report of one result in a chosen format: the dispatcher over the renderers."""

from __future__ import annotations

from collections.abc import Sequence

from branchcheck.core.model import Result
from branchcheck.render.report import as_csv, as_json

FORMATS = ("md", "html", "csv", "json")


def render(result: Result, fmt: str, lang: str,
           trend: Sequence[tuple[str, float | None]] | None = None) -> str | bytes:
    """The report of ``result`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "md":
        from branchcheck.render.report_md import report_md

        return report_md(result, lang)
    if fmt == "html":
        from branchcheck.render.report_html import report_html

        return report_html(result, lang, trend)
    if fmt == "csv":
        return as_csv(result, lang)
    return as_json(result)
