"""The monthly network report: league, section heat map, missed checks, systemic
items and red-line failures, as one self-contained HTML page or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.network import expected, views
from branchcheck.network.columns import Column
from branchcheck.network.scope import Scope

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection


def build(con: DuckDBPyConnection, scope: Scope, fmt: str, *,
          systemic: float | None = None) -> str:
    """The report for ``scope`` in ``fmt`` (``html`` or ``md``)."""
    from branchcheck.network import tables as rn

    lang = scope.lang
    league = views.league(con, scope)
    sections, cells = views.heatmap(con, scope)
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
    title = t(lang, f"网点检查月报 · {scope.period.label}",
              f"Network self-check report · {scope.period.label}")
    heat_cols = [Column(t(lang, "单位", "Unit"), lambda r: r["unit"], lambda r: r["unit"])]
    heat_cols += [_heat_column(s) for s in sections]
    heat_rows = [{"unit": u, "cells": cells.get(u, {})} for u in sorted(cells)]
    red_cols = [
        Column(t(lang, "日期", "Day"), lambda r: r["day"], lambda r: r["day"]),
        Column(t(lang, "网点", "Outlet"), lambda r: f"{r['branch']} {r['name']}",
                  lambda r: r["branch"]),
        Column(t(lang, "检查表", "Checklist"), lambda r: r["checklist"],
                  lambda r: r["checklist"]),
        Column(t(lang, "红线项目", "Red-line items"), lambda r: ", ".join(r["items"]),
                  lambda r: " ".join(r["items"])),
    ]
    parts: list[tuple[str, list[dict[str, Any]], list[Column], str]] = [
        (t(lang, "排名", "League"), league, rn.league_columns(lang), ""),
        (t(lang, "分部分热力图（平均分）", "Sections heat map (mean score)"), heat_rows,
         heat_cols, "heat"),
        (t(lang, "漏检", "Missed checks"), missed or [], rn.missing_columns(lang),
         "" if missed is not None else t(lang, "机构目录没有检查计划。",
                                         "The directory has no programme.")),
        (t(lang, f"共性问题（≥{common:.0%} 的网点本网点不通过率≥{rate:.0%}；部门设定）",
           f"Common problems (failing in ≥{common:.0%} of outlets at a rate ≥{rate:.0%}; "
           "the department's settings)"), failing,
         rn.items_columns(lang, rate, common), ""),
        (t(lang, "红线（否决）不合格", "Red-line (knockout) failures"), reds, red_cols, ""),
        (t(lang, "整改", "Corrective actions"), acts, actions_columns(lang),
         t(lang, f"整改中与逾期为最近一次导入时的状态，逾期按 {judged_on(scope)} 计算。",
           f"Open and overdue as of the last ingest, overdue judged on "
           f"{judged_on(scope)}.")),
    ]
    from branchcheck.network.complaint_views import report_part

    complaints = report_part(con, scope)  # issue 27: only when registers were ingested
    if complaints is not None:
        parts.append(complaints)
    if fmt == "md":
        from branchcheck.core.textsafe import md

        lines = [f"# {md(title)}", ""]
        for head, rows, cols, note in parts:
            lines += [f"## {md(head)}", ""]
            if note and note != "heat":
                lines += [md(note), ""]
            lines += list(rn.md_table(rows, cols)) if rows else [t(lang, "无。", "None.")]
            lines.append("")
        return "\n".join(lines)
    body = [f"<h1>{rn._h(title)}</h1>"]
    for head, rows, cols, note in parts:
        body.append(f"<h2>{rn._h(head)}</h2>")
        if note and note != "heat":
            body.append(f'<p class="muted">{rn._h(note)}</p>')
        if not rows:
            body.append(f'<p class="muted">{rn._h(t(lang, "无。", "None."))}</p>')
        elif note == "heat":
            body.extend(_heat_html(heat_rows, sections, cols))
        else:
            body.extend(rn.html_table(rows, cols))
    return rn.page(title, body, lang)


def _heat_column(section: str) -> Any:
    def show(r: dict[str, Any]) -> str:
        return _score(r["cells"].get(section))

    def raw(r: dict[str, Any]) -> Any:
        return r["cells"].get(section)

    return Column(section, show, raw, True)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _heat_html(rows: list[dict[str, Any]], sections: list[str], cols: list[Any]) -> list[str]:
    from branchcheck.network.tables import _h

    out = ["<table><thead><tr>" + "".join(f"<th>{_h(c.header)}</th>" for c in cols)
           + "</tr></thead><tbody>"]
    for r in rows:
        tds = [f"<td>{_h(r['unit'])}</td>"]
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
