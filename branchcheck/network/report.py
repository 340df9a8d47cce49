"""The network report of a period: league (with the department's settings it follows),
section heat map, missed checks, common problems (共性问题), red-line failures and
corrective actions, as one self-contained HTML page or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network import expected, views
from branchcheck.network.columns import Column
from branchcheck.network.scope import Scope

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection


def build(con: DuckDBPyConnection, scope: Scope, fmt: str, *,
          systemic: float | None = None,
          extra: Callable[[], list[Any]] | None = None) -> str:
    """The report for ``scope`` in ``fmt`` (``html`` or ``md``); ``extra`` gives more
    parts (head, rows, columns, note, and optionally a figure: inline SVG already
    escaped, shown in HTML only) from the layers above, e.g. the honesty of
    self-checks (docs/oversight.md)."""
    from dataclasses import replace

    from branchcheck.network import tables as rn
    from branchcheck.network.scope import prepare_rollup, unit_names
    from branchcheck.network.scores import main_checklist, self_only

    lang = scope.lang
    prepare_rollup(con, scope)
    main = replace(scope, checklist=main_checklist(con, scope))
    league = views.league(con, main)
    sections, cells = views.heatmap(con, main)
    try:
        missed = [r for r in expected.missing(con, scope) if r["missed"]]
    except UsageError:  # no programme: the report says so
        missed = None
    common = scope.org.settings.common if systemic is None else systemic
    rate = scope.org.settings.failing
    failing = [r for r in views.items(con, scope, systemic=common) if r["systemic"]]
    reds = views.red_lines(con, scope)
    from branchcheck.network.actions import judged_on, per_unit
    from branchcheck.network.tables_actions import actions_columns

    acts = per_unit(con, scope)
    title = t(lang, f"网点服务检查报告 · {scope.period.label} · 截至 {scope.as_of}",
              f"Network check report · {scope.period.label} · as of {scope.as_of}")
    names = unit_names(con, main, cells)
    heat_cols = [Column(t(lang, "单位", "Unit"), lambda r: f"{r['unit']} {r['name']}",
                        lambda r: r["unit"])]
    heat_cols += [_heat_column(sec, head) for sec, head in sections]
    heat_rows = [{"unit": u, "name": names[u], "cells": cells.get(u, {})} for u in sorted(cells)]
    red_cols = [
        Column(t(lang, "日期", "Day"), lambda r: r["day"], lambda r: r["day"]),
        Column(t(lang, "网点", "Outlet"), lambda r: f"{r['branch']} {r['name']}",
               lambda r: r["branch"]),
        Column(t(lang, "检查表", "Checklist"), lambda r: r["checklist"],
               lambda r: r["checklist"]),
        Column(t(lang, "红线项目", "Red-line items"), lambda r: "；".join(r["texts"])
               if lang == "zh" else "; ".join(r["texts"]), lambda r: " ".join(r["items"])),
        Column(t(lang, "检查人备注", "Notes"), lambda r: " / ".join(r["notes"]),
               lambda r: " / ".join(r["notes"])),
    ]
    legend = t(lang, "颜色：0 分红、50 分黄、100 分绿；灰色为本期无该类别得分。",
               "Colour: red at 0, yellow at 50, green at 100; grey: no score in the period.")
    parts: list[tuple[Any, ...]] = [
        (t(lang, f"自查情况 · 检查表 {main.checklist}",
           f"Self-check overview · checklist {main.checklist}") if self_only(con, main)
         else t(lang, f"排名 · 检查表 {main.checklist}", f"League · checklist {main.checklist}"),
         league, rn.league_columns(lang), _settings_note(scope, common, rate)),
        (t(lang, "各检查类别平均分（热力图）", "Mean score by section (heat map)"), heat_rows,
         heat_cols, legend),
        (t(lang, "漏检", "Missed checks"), missed or [], rn.missing_columns(lang),
         "" if missed is not None else t(lang, "机构目录没有检查计划。",
                                         "The directory has no programme.")),
        (t(lang, f"共性问题（≥{common:.0%} 的网点本网点不通过率≥{rate:.0%}）",
           f"Common problems (failing in ≥{common:.0%} of outlets at a rate ≥{rate:.0%})"),
         failing,
         rn.items_columns(lang, rate, common), ""),
        (t(lang, "红线（一票否决）", "Red-line failures"), reds, red_cols, ""),
        (t(lang, "整改", "Corrective actions"), acts, actions_columns(lang),
         t(lang, f"整改中与逾期为最近一次导入时的状态，逾期按 {judged_on(scope)} 计算。",
           f"Open and overdue as of the last ingest, overdue judged on "
           f"{judged_on(scope)}.")),
    ]
    from branchcheck.network.complaint_views import report_part

    complaints = report_part(con, scope)  # issue 27: only when registers were ingested
    if complaints is not None:
        parts.append(complaints)
    if extra is not None:
        parts.extend(extra())
    if fmt == "md":
        from branchcheck.core.textsafe import md

        lines = [f"# {md(title)}", ""]
        for head, rows, cols, note, *_ in parts:
            lines += [f"## {md(head)}", ""]
            if note:
                lines += [md(note), ""]
            lines += list(rn.md_table(rows, cols)) if rows else [t(lang, "无。", "None.")]
            lines.append("")
        return "\n".join(lines)
    body = [f"<h1>{rn._h(title)}</h1>"]
    for head, rows, cols, note, *figure in parts:
        body.append(f"<h2>{rn._h(head)}</h2>")
        if note:
            body.append(f'<p class="muted">{rn._h(note)}</p>')
        if not rows:
            body.append(f'<p class="muted">{rn._h(t(lang, "无。", "None."))}</p>')
        elif note == legend:
            body.extend(_heat_html(heat_rows, [sec for sec, _ in sections], cols))
        else:
            body.extend(rn.html_table(rows, cols))
        body.extend(f"<figure>{svg}</figure>" for svg in figure if svg)
    return rn.page(title, body, lang)


def _settings_note(scope: Scope, common: float, rate: float) -> str:
    """The department's choices the figures follow, each marked as the directory's
    setting or branchcheck's default."""
    chosen = scope.org.settings
    lang = scope.lang

    def whose(key: str) -> str:
        return t(lang, "部门设定", "set by the department") if key in chosen.given else t(
            lang, "默认值，可由部门设定", "default; the department may set it")

    missed = (t(lang, "漏检按 0 分计入本期得分", "a missed check counts 0 in the period score")
              if chosen.missed == "zero" else
              t(lang, "漏检不计入本期得分", "missed checks are left out of the period score"))
    return t(lang, "本报告采用的部门设定：", "The department's choices in this report: ") + (
        "；" if lang == "zh" else "; ").join([
            f"{missed}（{whose('missed')}）" if lang == "zh" else f"{missed} ({whose('missed')})",
            t(lang, f"完成率低于 {chosen.min_completion:.0%} 的单位排在其他单位之后"
                    f"（{whose('min_completion')}）",
              f"units under {chosen.min_completion:.0%} completion rank after the others "
              f"({whose('min_completion')})"),
            t(lang, f"网点本期不通过率≥{rate:.0%} 即为该项不合格（{whose('failing')}）",
              f"an outlet fails an item at a rate >= {rate:.0%} ({whose('failing')})"),
            t(lang, f"≥{common:.0%} 的网点不合格即为共性问题（{whose('common')}）",
              f"an item failing in >= {common:.0%} of outlets is a common problem "
              f"({whose('common')})"),
            t(lang, "有红线（一票否决）的单位本期评级为不合格，排在所有无红线单位之后",
              "a unit with a red line is graded Fail for the period and ranks after every "
              "unit without one")]) + t(lang, "。", ".")


def _heat_column(section: str, head: str) -> Any:
    def show(r: dict[str, Any]) -> str:
        return _score(r["cells"].get(section))

    def raw(r: dict[str, Any]) -> Any:
        return r["cells"].get(section)

    return Column(head, show, raw, True)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _heat_html(rows: list[dict[str, Any]], sections: list[str], cols: list[Any]) -> list[str]:
    from branchcheck.network.tables import _cell, _h

    out = ["<table><thead><tr>" + "".join(f"<th>{_h(c.header)}</th>" for c in cols)
           + "</tr></thead><tbody>"]
    for r in rows:
        tds = [f"<td>{_cell(r['unit'])} {_h(r['name'])}</td>"]
        for s in sections:
            v = r["cells"].get(s)
            tds.append(f'<td class="num" style="background:{_colour(v)}">{_h(_score(v))}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return out


def _colour(value: float | None) -> str:
    """Red (0) through yellow to green (100); grey when there is no score."""
    if value is None:
        return "#eeeeee"
    v = max(0.0, min(100.0, value)) / 100
    red = int(255 if v < 0.5 else 255 * (1 - v) * 2)
    green = int(255 * v * 2 if v < 0.5 else 200)
    return f"rgb({red},{green},120)"
