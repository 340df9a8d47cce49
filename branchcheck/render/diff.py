"""A diff of two results as text (rich) or JSON, and what every format shares;
Markdown and HTML are in :mod:`branchcheck.render.diff_doc`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from branchcheck.core.diff import CHANGES, Gate, counts, ordered
from branchcheck.core.i18n import t
from branchcheck.core.model import Delta, Diff, ItemDiff, ItemResult, Result, localise
from branchcheck.render.report import (
    date_text,
    edges,
    grade_text,
    pct,
    score_grade,
    shown_delta,
    signed,
    status_label,
    title_of,
    value_text,
)
from branchcheck.render.text import clip
from branchcheck.terminal.output import fmt_score, pad, width

FORMATS = ("text", "md", "json", "html")
DIFF_FORMAT = "branchcheck-diff/1"


def change_label(change: str, lang: str) -> str:
    """An item class in the UI language."""
    return {
        "regressed": t(lang, "退步", "regressed"),
        "improved": t(lang, "进步", "improved"),
        "newly_na": t(lang, "变为不适用", "newly N/A"),
        "no_longer_na": t(lang, "恢复适用", "no longer N/A"),
        "added": t(lang, "新增", "added"),
        "removed": t(lang, "移除", "removed"),
        "unchanged": t(lang, "不变", "unchanged"),
    }[change]


def flag_label(flag: str, lang: str) -> str:
    """A flag in the UI language."""
    return {
        "knockout_triggered": t(lang, "触发否决", "knockout triggered"),
        "knockout_cleared": t(lang, "解除否决", "knockout cleared"),
        "threshold_crossed": t(lang, "越过阈值", "crossed threshold"),
        "persistent_failure": t(lang, "持续不通过", "still failing"),
        "text_changed": t(lang, "措辞变更", "wording changed"),
    }[flag]


def notes(diff: Diff, lang: str) -> list[str]:
    """What the reader must know: version change, other branch, reversed order."""
    old, new = diff.old, diff.new
    out: list[str] = []
    if old.checklist_version != new.checklist_version:
        out.append(t(lang,
                     f"检查表版本不同（v{old.checklist_version} → v{new.checklist_version}）："
                     "按项目编号逐项比较。",
                     f"Different checklist versions (v{old.checklist_version} → "
                     f"v{new.checklist_version}): items are compared by id."))
    elif diff.version_changed:
        out.append(t(lang,
                     f"检查表内容不同但版本号相同（v{new.checklist_version}）："
                     "按项目编号逐项比较。",
                     f"The checklist content differs under the same version "
                     f"(v{new.checklist_version}): items are compared by id."))
    from branchcheck.render.report import integrity_text

    for side, r in (("OLD", old), ("NEW", new)):
        if r.integrity is not None and not r.integrity.ok:
            out.append(f"{side}{t(lang, '：', ': ')}{integrity_text(r, lang)}")
    if diff.cross_branch:
        out.append(t(lang, f"比较的是不同网点：{old.branch} → {new.branch}。",
                     f"Comparing different branches: {old.branch} → {new.branch}."))
    if old.source != new.source:
        from branchcheck.core.checksource import label

        out.append(t(lang, f"比较的是不同检查来源：{label(old.source, lang)} → "
                           f"{label(new.source, lang)}。",
                     f"Comparing different sources: {label(old.source, lang)} → "
                     f"{label(new.source, lang)}."))
    from branchcheck.results.history import parse_time

    a, b = parse_time(old.finished), parse_time(new.finished)
    if a and b and a.tzinfo and b.tzinfo and b < a:
        out.append(t(lang, "新结果（NEW）的完成时间早于原结果（OLD），请检查参数顺序。",
                     "NEW was finished before OLD: check the order of the arguments."))
    return out


def state(item: ItemResult | None, lang: str) -> str:
    """An item's status (and value, unless a plain check) for a table cell."""
    if item is None:
        return "—"
    label = status_label(item.status, lang)
    if item.type == "check" or item.value is None or item.status == "na":
        return label
    value = value_text(item, lang)
    if len(value) > 24:
        value = value[:23] + "…"
    if item.status == "partial" and item.fraction is not None:
        value += f" ({pct(item.fraction)})"
    return f"{label} {value}"


def _side_item(d: ItemDiff) -> ItemResult:
    item = d.new or d.old
    assert item is not None  # noqa: S101 - an ItemDiff has one side at least
    return item


def item_text(d: ItemDiff, lang: str) -> str:
    return localise(_side_item(d).text, lang) or d.id


def item_label(d: ItemDiff, lang: str) -> str:
    """The item's text; with its old wording too when that changed."""
    label = item_text(d, lang)
    if "text_changed" in d.flags and d.old is not None:
        was = localise(d.old.text, lang) or d.id
        label += t(lang, f"（原：{was}）", f" (was: {was})")
    return label


def shown(diff: Diff) -> list[ItemDiff]:
    """Items worth listing: every change, and unchanged items with a flag."""
    return [d for d in ordered(diff) if d.change != "unchanged" or d.flags]


def who(result: Result, lang: str = "en") -> str:
    """``branch · source · reviewer · date · version`` of one side of a diff."""
    from branchcheck.core.checksource import described

    return (f"{result.branch} · {described(result.source, result.inspector_unit, lang)} · "
            f"{result.reviewer or '—'} · {date_text(result.finished)} · "
            f"v{result.checklist_version}")


def overall_pair(diff: Diff, *, raw: bool = False) -> tuple[str, str]:
    """Old and new overall (final or raw) scores, never shown across a grade band's edge."""
    d = diff.overall_raw if raw else diff.overall
    return (fmt_score(d.old, edges=edges(diff.old)), fmt_score(d.new, edges=edges(diff.new)))


def summary(diff: Diff, lang: str) -> str:
    c = counts(diff)
    return t(lang, "，", ", ").join(t(lang, f"{change_label(k, lang)} {c[k]} 项",
                                        f"{c[k]} {change_label(k, lang)}") for k in CHANGES)


def sides(lang: str) -> tuple[str, str]:
    """How OLD and NEW are named in a report."""
    return t(lang, "原", "OLD"), t(lang, "新", "NEW")


Knocks = tuple[frozenset[str], frozenset[str]]
"""Ids of the sections knocked out in OLD and in NEW."""


def knocked_sections(diff: Diff) -> Knocks:
    """Which sections are knocked out on each side (looked up per row in O(1))."""
    return (frozenset(s.id for s in diff.old.score.sections if s.knocked_out),
            frozenset(s.id for s in diff.new.score.sections if s.knocked_out))


def knock_label(knocks: Knocks, section: str, lang: str) -> str:
    """Knocked out in NEW, or knockout cleared (knocked out in OLD only), or nothing."""
    if section in knocks[1]:
        return t(lang, "否决", "knocked out")
    if section in knocks[0]:
        return t(lang, "解除否决", "knockout cleared")
    return ""


def raw_deltas(diff: Diff) -> dict[str, Delta]:
    return {d.id: d for d in diff.sections_raw}


def section_head(lang: str) -> list[str]:
    return [t(lang, "类别", "Section"), t(lang, "原", "Old"), t(lang, "新", "New"), "Δ",
            t(lang, "原始得分 Δ", "Raw Δ"), ""]


def section_titles(diff: Diff, lang: str) -> dict[str, str]:
    titles = {s.id: localise(s.title, lang) or s.id for s in diff.old.score.sections}
    titles.update({s.id: localise(s.title, lang) or s.id for s in diff.new.score.sections})
    return titles


# ---------------------------------------------------------------- text


def text(diff: Diff, lang: str, out: IO[str]) -> None:
    """Human diff on a rich console: scores, then changed items, regressions first."""
    from rich import box
    from rich.table import Table

    from branchcheck.core.textsafe import markup as escape
    from branchcheck.terminal.output import console

    con = console(out)

    def coloured(delta: float | None, text_: str) -> str:
        if delta is None or abs(delta) < 0.05:
            return text_
        return f"[green]{text_}[/green]" if delta > 0 else f"[red]{text_}[/red]"

    con.print(f"[bold]{escape(title_of(diff.new, lang))}[/bold] ({escape(diff.new.checklist_id)})")
    was, now = sides(lang)
    con.print(f"  {was}  {escape(who(diff.old, lang))}  [dim]{escape(diff.old.path)}[/dim]")
    con.print(f"  {now}  {escape(who(diff.new, lang))}  [dim]{escape(diff.new.path)}[/dim]")
    for note in notes(diff, lang):
        con.print(f"  [yellow]{t(lang, '注意', 'Note')}: {escape(note)}[/yellow]")
    con.print()
    o, cov = diff.overall, diff.coverage
    oo, on = overall_pair(diff)
    ro, rn = overall_pair(diff, raw=True)
    con.print(f"{t(lang, '总分', 'Overall')}: {oo} → [bold]{on}"
              f"[/bold]  {coloured(o.delta, shown_delta(oo, on))}   [dim]"
              f"({t(lang, '原始得分', 'raw')} {ro} → {rn}, {shown_delta(ro, rn)})[/dim]")
    grades = (f"{escape(score_grade(diff.old.score, lang))} → "
              f"{escape(score_grade(diff.new.score, lang))}")
    if diff.grade_changed:
        grades = f"[bold]{grades}[/bold]"
    con.print(f"{t(lang, '等级', 'Grade')}: {grades}")
    cov_delta = None if cov.delta is None else 100 * cov.delta
    con.print(f"{t(lang, '完成度', 'Coverage')}: {pct(cov.old)} → {pct(cov.new)}  "
              f"{coloured(cov_delta, signed(cov_delta, 0))}")
    con.print()
    titles = section_titles(diff, lang)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i, name in enumerate(section_head(lang)):
        table.add_column(name, justify="right" if 0 < i < 5 else "left")
    raw = raw_deltas(diff)
    knocks = knocked_sections(diff)
    for sd in diff.sections:
        ko = knock_label(knocks, sd.id, lang)
        rd = raw[sd.id].delta if sd.id in raw else None
        so, sn = fmt_score(sd.old), fmt_score(sd.new)
        table.add_row(escape(titles.get(sd.id, sd.id)), so, sn,
                      coloured(sd.delta, shown_delta(so, sn)), coloured(rd, signed(rd)),
                      f"[{'red' if sd.id in knocks[1] else 'green'}]{escape(ko)}"
                      f"[/]" if ko else "")
    con.print(table)
    rows = shown(diff)
    id_w = max([width(d.id) for d in rows] + [4])
    text_w = min(36, max([width(item_text(d, lang)) for d in rows] + [4]))
    old_w = max([width(state(d.old, lang)) for d in rows] + [1])
    lines: list[str] = []
    for change in CHANGES:
        group = [d for d in rows if d.change == change]
        if not group:
            continue
        style = {"regressed": "red", "improved": "green"}.get(change, "bold")
        heading = change_label(change, lang)
        if change == "unchanged":
            heading = t(lang, "不变但需留意", "unchanged, flagged")
        lines += ["", f"[{style}]{escape(heading)} ({len(group)})[/{style}]"]
        for d in group:
            flags = ", ".join(flag_label(f, lang) for f in d.flags)
            if flags:
                flags = (f"  [red]{escape(flags)}[/red]" if "knockout_triggered" in d.flags
                         else f"  [yellow]{escape(flags)}[/yellow]")
            lines.append(f"  {escape(pad(d.id, id_w))}  "
                         f"{escape(pad(clip(item_text(d, lang), text_w), text_w))}  "
                         f"{escape(pad(state(d.old, lang), old_w))} → "
                         f"{escape(state(d.new, lang))}{flags}")
    if lines:
        con.print("\n".join(lines))  # one call: rich parses the markup once
    con.print()
    con.print(f"{t(lang, '合计', 'Summary')}: {summary(diff, lang)}")


# ---------------------------------------------------------------- json


def _state_json(item: ItemResult | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"status": item.status, "value": item.value, "fraction": item.fraction}


def _delta_json(d: Delta) -> dict[str, Any]:
    return {"old": d.old, "new": d.new, "delta": d.delta}


def _side(result: Result) -> dict[str, Any]:
    from branchcheck.integrity.assess import FIELD, as_dict

    return {"path": result.path, "branch": result.branch, "source": result.source,
            "inspector_unit": result.inspector_unit, "reviewer": result.reviewer,
            "finished": result.finished, "checklist_version": result.checklist_version,
            FIELD: as_dict(result.integrity)}


def as_data(diff: Diff, lang: str, gates: Sequence[tuple[Gate, str]] = (),
            checked: Sequence[Gate] = ()) -> dict[str, Any]:
    """The diff as plain data (see docs/diff.md for the layout)."""
    titles = section_titles(diff, lang)
    raw = {d.id: d for d in diff.sections_raw}
    knocks = knocked_sections(diff)
    fired = {str(g): reason for g, reason in gates}
    return {
        "format": DIFF_FORMAT,
        "checklist": {"id": diff.new.checklist_id, "title": title_of(diff.new, lang),
                      "old_version": diff.old.checklist_version,
                      "new_version": diff.new.checklist_version,
                      "version_changed": diff.version_changed},
        "old": _side(diff.old),
        "new": _side(diff.new),
        "cross_branch": diff.cross_branch,
        "notes": notes(diff, lang),
        "overall": _delta_json(diff.overall),
        "overall_raw": _delta_json(diff.overall_raw),
        "grade": {"old": grade_text(diff.old.score.grade, lang) if diff.old.score.grade else None,
                  "new": grade_text(diff.new.score.grade, lang) if diff.new.score.grade else None,
                  "changed": diff.grade_changed},
        "coverage": _delta_json(diff.coverage),
        "sections": [
            {"id": d.id, "title": titles.get(d.id, d.id), **_delta_json(d),
             "raw": _delta_json(raw[d.id]) if d.id in raw else None,
             "knocked_out": {"old": d.id in knocks[0], "new": d.id in knocks[1]}}
            for d in diff.sections
        ],
        "items": [
            {"id": i.id, "section": _side_item(i).section, "text": item_text(i, lang),
             "change": i.change, "old": _state_json(i.old), "new": _state_json(i.new),
             "flags": list(i.flags)}
            for i in diff.items
        ],
        "counts": counts(diff),
        "gates": [{"gate": str(g), "fired": str(g) in fired, "reason": fired.get(str(g))}
                  for g in checked],
    }


def as_json(diff: Diff, lang: str, gates: Sequence[tuple[Gate, str]] = (),
            checked: Sequence[Gate] = ()) -> str:
    """The diff as JSON."""
    return json.dumps(as_data(diff, lang, gates, checked), ensure_ascii=False, indent=2) + "\n"
