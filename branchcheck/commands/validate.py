"""``branchcheck validate`` and ``branchcheck schema``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.core.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from branchcheck.checklists.checker import Summary


def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Checklist files or directories (searched for *.yaml, *.yml), or bundled ids.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: text, json or github.")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse files larger than this.")
    ] = 5 * 1024 * 1024,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0 = automatic).")
    ] = 0,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Skip checking files this user found valid before with the same bytes, "
            "schema and branchcheck (remembered under ~/.cache, HMAC-protected).",
        ),
    ] = True,
    sources: Annotated[
        str | None,
        typer.Option(
            "--sources",
            help="Also check every item's 'FILE: quote' source against the files of DIR.",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Check checklist files: strict YAML, JSON Schema and semantic rules.

    Also recognised by their content, and checked as the command reading them checks
    them: an organisation directory (YAML or CSV), and a mystery-shopper wave plan,
    delivery mapping or shopper roster (CSV).

    With --sources DIR, every source quote must occur in the named file of DIR
    (whitespace ignored, characters as written) and be long enough to trace.
    Exit 0 when all are valid, 1 when any is invalid (or has warnings under
    --strict), 2 for usage errors or paths that do not exist or cannot be read.
    """
    from branchcheck.checklists.checker import check_files, default_cache_dir, discover
    from branchcheck.commands.options import check_choice
    from branchcheck.core.i18n import t, ui
    from branchcheck.render.problems import REPORTERS

    check_choice(fmt, REPORTERS)
    if sources is not None and not os.path.isdir(sources):
        raise UsageError(t(ui(), f"--sources {sources}：不是文件夹",
                           f"--sources {sources}: not a folder"))
    files = discover(paths)
    if not files:
        raise UsageError(t(ui(), "没有找到检查表文件（查找了 *.yaml 和 *.yml）",
                           "no checklist files found (looked for *.yaml and *.yml)"))
    from branchcheck.shop.validating import split

    # the mystery-shopper programme's plans, delivery mappings and rosters
    files, plans = split(files, max_bytes)
    cache_dir = cache_key = None
    if cache:  # the user's own HMAC key, kept as verify's and history's are
        from pathlib import Path

        from branchcheck.integrity.seen import Seen

        cache_dir = default_cache_dir()
        cache_key = Seen(Path(cache_dir)).key
    summary = check_files(files, max_bytes=max_bytes, jobs=jobs, cache_dir=cache_dir,
                          cache_key=cache_key)
    if sources is not None:
        summary = _with_sources(summary, sources, max_bytes)
    if plans:
        from dataclasses import replace

        summary = replace(summary, reports=summary.reports + plans)
    from branchcheck.core.textsafe import term

    out = sys.stdout
    for line in REPORTERS[fmt](summary, strict):  # JSON stays exact
        out.write((line if fmt == "json" else term(line, newlines=True)) + "\n")
    out.flush()
    if any(p.rule == "unreadable" for p in summary.problems):
        return EXIT_USAGE  # a path that cannot be read is a usage error, after the report
    return EXIT_FAILED if summary.failed(strict) else EXIT_OK


def _with_sources(summary: Summary, folder: str, max_bytes: int) -> Summary:
    """``summary`` with the source-quote problems of every otherwise valid file added."""
    from dataclasses import replace
    from pathlib import Path

    from branchcheck.checklists.sources import Seeds, source_problems
    from branchcheck.core.strictyaml import load_mapping

    seeds = Seeds(Path(folder))
    reports = []
    for report in summary.reports:
        if not report.errors:
            doc = load_mapping(report.file, max_bytes=max_bytes)
            found = source_problems(doc, seeds)
            if found:
                report = replace(report, problems=report.problems + tuple(found))
        reports.append(report)
    return replace(summary, reports=tuple(reports))


def schema(
    name: Annotated[str, typer.Argument(
        help="checklist, answers, result, org, wave_plan or shop_mapping.")] = "checklist",
) -> int:
    """Print a bundled JSON Schema (draft-07, with $id) for editors and other validators."""
    from branchcheck.commands.options import check_choice
    from branchcheck.core import resources

    check_choice(name, resources.SCHEMA_NAMES, "schema")
    sys.stdout.write(resources.schema_path(name).read_text(encoding="utf-8"))
    return EXIT_OK
