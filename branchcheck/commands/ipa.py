"""``branchcheck ipa``: importance-performance analysis of a checklist or a stored result."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, cast

import typer

from branchcheck.commands.options import (
    HUMAN_FORMATS,
    REPORT_WRITTEN,
    ForceOption,
    OutputOption,
    ReportLangOption,
    check_choice,
    emit,
)
from branchcheck.core.errors import EXIT_OK, InputError, NotFoundError, Problem, UsageError
from branchcheck.terminal.output import err

if TYPE_CHECKING:
    from branchcheck.core.model import Checklist
    from branchcheck.training.ipa import Analysis, Crosshair, Level
    from branchcheck.training.ipa_words import Meta

FORMATS = ("text", "md", "json", "html")
LEVELS = ("item", "section")


def ipa(
    source: Annotated[
        str, typer.Argument(metavar="RESULT_OR_CHECKLIST", show_default=False,
                            help="A stored result file, or a checklist (bundled id or path).")
    ],
    checklist: Annotated[
        str | None, typer.Option("--checklist", "-c", help="For a result: the checklist it "
                                 "was scored with (else the bundled one of its id).")
    ] = None,
    level: Annotated[str, typer.Option("--level", metavar="item|section",
                                       help="Analyse items or sections.")] = "item",
    crosshair: Annotated[
        str, typer.Option("--crosshair", help="Where the quadrants split: mean, median or "
                          "scale-mid.")
    ] = "mean",
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: text, md, json or html.")
                   ] = "text",
    output: OutputOption = None,
    force: ForceOption = False,
    lang: ReportLangOption = None,
) -> int:
    """Importance-performance analysis: which items to improve first.

    Items (or sections) with ipa figures are split into four quadrants by a
    crosshair. Exit 0 on success, 2 for usage errors, invalid files or no data.
    """
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.training import ipa_report as render
    from branchcheck.training.ipa import CROSSHAIRS

    for value, allowed, what in ((fmt, FORMATS, "format"), (level, LEVELS, "level"),
                                 (crosshair, CROSSHAIRS, "crosshair")):
        check_choice(value, allowed, what)
    ui = resolve_lang(lang)
    analysis, meta = analyse_source(source, checklist, level, crosshair, ui)
    if fmt == "json":
        report = render.as_json(analysis, meta, ui) + "\n"
    elif fmt == "md":
        report = render.markdown(analysis, meta, ui)
    elif fmt == "html":
        from branchcheck.training.ipa_html import html

        report = html(analysis, meta, ui)
    else:
        report = render.text(analysis, meta, ui)
    emit(report, output, force, human=fmt in HUMAN_FORMATS,
         notice=REPORT_WRITTEN)
    return EXIT_OK


def analyse_source(source: str, checklist: str | None, level: str, crosshair: str,
                   lang: str) -> tuple[Analysis, Meta]:
    """Load ``source`` (a result or a checklist) and run the analysis."""
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import t
    from branchcheck.core.model import localise
    from branchcheck.results.storage import read_result
    from branchcheck.training.grading_input import is_result
    from branchcheck.training.ipa import analyse, from_checklist, from_result
    from branchcheck.training.ipa_words import Meta

    lv = cast("Level", level)
    mode = cast("Crosshair", crosshair)
    factors: Analysis | None = None
    if os.path.isfile(source) and is_result(source):
        result = read_result(source)
        ck = _result_checklist(source, result.checklist_id, result.checklist_version, checklist,
                               lang)
        points, missing = from_result(result, ck, lv)
        if lv == "item":
            sections = from_result(result, ck, "section")[0]
            factors = analyse(sections, method=mode) if sections else None
        day = result.finished[:10] or result.started[:10]
        what = t(lang, f"{source}（{result.branch}，{day}）；重要性取自 {ck.id} v{ck.version}",
                 f"{source} ({result.branch}, {day}); importance from {ck.id} v{ck.version}")
        derived = t(lang, "取自本结果：每个因素为其细分因素答案（0-100）按权重加权的平均，"
                          "即该因素的原始得分",
                    "from this result: each factor is the weighted mean of its sub-factors' "
                    "answers (0-100), the factor's raw score")
        tag = t(lang, "本结果数据", "this result's data")
    else:
        if checklist is not None:
            raise UsageError(t(lang, "--checklist 只用于结果文件；检查表本身请作为 "
                                     "RESULT_OR_CHECKLIST 给出",
                               "--checklist is only for a result; give the checklist itself "
                               "as RESULT_OR_CHECKLIST"))
        ck = load_checklist(source, lang=lang)
        points, missing = from_checklist(ck, lv)
        if lv == "item":
            sections = from_checklist(ck, "section")[0]
            factors = analyse(sections, method=mode) if sections else None
        what = t(lang, f"{ck.id} v{ck.version}，检查表中给定的 IPA 数据（练习数据）",
                 f"{ck.id} v{ck.version}, ipa figures given in the checklist (exercise data)")
        derived = t(lang, "检查表中给定的因素数据（练习数据）",
                    "the factor figures given in the checklist (exercise data)")
        tag = t(lang, "练习数据", "exercise data")
    unit = "sections" if lv == "section" else "items"
    if not points:
        hint = "" if missing else f" ({unit} need 'ipa: {{importance, performance}}')"
        raise InputError.at(Problem(source, 0, 0, "no-ipa-data",
                                    f"no {unit} with both an importance and a performance "
                                    f"figure{hint}"))
    has_factors = factors is not None or lv == "section"
    meta = Meta(localise(ck.title, lang) or ck.id, what, lv, factors,
                derived if has_factors else "", tag if has_factors else "")
    return analyse(points, missing, method=mode), meta


def _result_checklist(source: str, checklist_id: str, version: int, given: str | None,
                      lang: str = "en") -> Checklist:
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.i18n import t

    if given is None:
        try:
            ck = load_checklist(checklist_id, lang=lang)
        except NotFoundError:
            raise NotFoundError(
                f"{source} was scored with checklist {checklist_id!r} v{version}, which is not "
                "bundled with branchcheck; pass its file with --checklist FILE") from None
    else:
        ck = load_checklist(given, lang=lang)
        if ck.id != checklist_id:
            raise InputError.at(Problem(given, 0, 0, "checklist-mismatch",
                                        f"is checklist {ck.id!r}, but {source} was scored with "
                                        f"{checklist_id!r}"))
    if ck.version != version:
        err(t(lang, f"警告：{source} 是按 {checklist_id!r} 第 {version} 版评分的；"
                                 f"重要性数据取自第 {ck.version} 版\n",
                           f"Warning: {source} was scored with version {version} of "
                           f"{checklist_id!r}; importance figures come from version "
                           f"{ck.version}\n"))
    return ck
