"""A diff of two results as a document: Markdown and self-contained HTML."""

from __future__ import annotations

from collections.abc import Sequence

from branchcheck.core.diff import Gate
from branchcheck.core.i18n import t
from branchcheck.core.model import Diff
from branchcheck.render.diff import (
    as_json,
    change_label,
    flag_label,
    item_label,
    knock_label,
    knocked_sections,
    notes,
    overall_pair,
    raw_deltas,
    section_head,
    section_titles,
    shown,
    sides,
    state,
    summary,
    who,
)
from branchcheck.render.report import pct, score_grade, shown_delta, signed, title_of
from branchcheck.terminal.output import fmt_score


def as_md(diff: Diff, lang: str) -> str:
    """The diff as Markdown (deterministic: good for golden files and pull requests)."""
    from branchcheck.core.textsafe import md
    from branchcheck.render.report_md import table

    cov = diff.coverage
    was, now = sides(lang)
    lines = [f"# {md(title_of(diff.new, lang))} — {t(lang, '对比', 'diff')}", "",
             f"- {was}: {md(who(diff.old, lang))} ({md(diff.old.path)})",
             f"- {now}: {md(who(diff.new, lang))} ({md(diff.new.path)})"]
    lines += [f"- **{t(lang, '注意', 'Note')}**: {md(n)}" for n in notes(diff, lang)]
    cov_delta = None if cov.delta is None else 100 * cov.delta
    lines += [
        "",
        f"- {t(lang, '总分', 'Overall')}: {overall_pair(diff)[0]} → **{overall_pair(diff)[1]}** "
        f"({shown_delta(*overall_pair(diff))})",
        f"- {t(lang, '原始得分', 'Raw')}: {' → '.join(overall_pair(diff, raw=True))} "
        f"({shown_delta(*overall_pair(diff, raw=True))})",
        f"- {t(lang, '等级', 'Grade')}: {md(score_grade(diff.old.score, lang))} → "
        f"{md(score_grade(diff.new.score, lang))}"
        + (t(lang, "（变化）", " (changed)") if diff.grade_changed else ""),
        f"- {t(lang, '完成度', 'Coverage')}: {pct(cov.old)} → {pct(cov.new)} "
        f"({signed(cov_delta, 0)})",
        "", f"## {t(lang, '各检查类别', 'Sections')}", "",
    ]
    titles = section_titles(diff, lang)
    raw = raw_deltas(diff)
    knocks = knocked_sections(diff)
    lines += table(
        section_head(lang),
        [[md(titles.get(d.id, d.id)), fmt_score(d.old), fmt_score(d.new),
          shown_delta(fmt_score(d.old), fmt_score(d.new)),
          signed(raw[d.id].delta if d.id in raw else None), knock_label(knocks, d.id, lang)]
         for d in diff.sections],
        right={1, 2, 3, 4},
    )
    lines += ["", f"## {t(lang, '项目', 'Items')}", "",
              summary(diff, lang) + t(lang, "。", "."), ""]
    rows = shown(diff)
    if rows:
        lines += table(
            [t(lang, "变化", "Change"), t(lang, "项目", "Item"), t(lang, "内容", "Text"),
             t(lang, "原", "Old"), t(lang, "新", "New"), t(lang, "标记", "Flags")],
            [[change_label(d.change, lang), md(d.id), md(item_label(d, lang)),
              md(state(d.old, lang)), md(state(d.new, lang)),
              ", ".join(flag_label(f, lang) for f in d.flags)] for d in rows],
        )
        lines.append("")
    return "\n".join(lines) + "\n"


def as_html(diff: Diff, lang: str) -> str:
    """The diff as one self-contained HTML page."""
    from branchcheck.core.textsafe import html as esc
    from branchcheck.render.report_html import page, rows_table

    def cls(delta: float | None, text_: str) -> str:
        if delta is None or abs(delta) < 0.05:
            return esc(text_)
        return f'<span class="{"good" if delta > 0 else "bad"}">{esc(text_)}</span>'

    o, r, cov = diff.overall, diff.overall_raw, diff.coverage
    title = f"{title_of(diff.new, lang)} — {t(lang, '对比', 'diff')}"
    out = [f"<h1>{esc(title)}</h1>\n"]
    was, now = sides(lang)
    head = t(lang, "网点 · 检查来源 · 检查人 · 时间 · 版本",
             "Branch · source · reviewer · date · version")
    out.append(rows_table(["", head, t(lang, "文件", "File")],
                          [[was, esc(who(diff.old, lang)), f"<code>{esc(diff.old.path)}</code>"],
                           [now, esc(who(diff.new, lang)), f"<code>{esc(diff.new.path)}</code>"]]))
    out += [f'<p class="note">{esc(n)}</p>\n' for n in notes(diff, lang)]
    cov_delta = None if cov.delta is None else 100 * cov.delta
    old_overall, new_overall = overall_pair(diff)
    out.append(rows_table(
        ["", t(lang, "原", "Old"), t(lang, "新", "New"), "Δ"],
        [[t(lang, "总分", "Overall"), old_overall, f"<strong>{new_overall}</strong>",
          cls(o.delta, shown_delta(old_overall, new_overall))],
         [t(lang, "原始得分", "Raw"), *overall_pair(diff, raw=True),
          cls(r.delta, shown_delta(*overall_pair(diff, raw=True)))],
         [t(lang, "等级", "Grade"), esc(score_grade(diff.old.score, lang)),
          esc(score_grade(diff.new.score, lang)),
          t(lang, "变化", "changed") if diff.grade_changed else ""],
         [t(lang, "完成度", "Coverage"), pct(cov.old), pct(cov.new),
          cls(cov_delta, signed(cov_delta, 0))]],
        numeric={1, 2, 3}))
    titles = section_titles(diff, lang)
    out.append(f"<h2>{t(lang, '各检查类别', 'Sections')}</h2>\n")
    raw = raw_deltas(diff)
    knocks = knocked_sections(diff)

    def knock(section: str) -> str:
        label = knock_label(knocks, section, lang)
        kind = "ko" if section in knocks[1] else "good"
        return f'<span class="{kind}">{esc(label)}</span>' if label else ""

    out.append(rows_table(
        section_head(lang),
        [[esc(titles.get(d.id, d.id)), fmt_score(d.old), fmt_score(d.new),
          cls(d.delta, shown_delta(fmt_score(d.old), fmt_score(d.new))),
          cls(raw[d.id].delta if d.id in raw else None,
              signed(raw[d.id].delta if d.id in raw else None)),
          knock(d.id)] for d in diff.sections],
        numeric={1, 2, 3, 4}))
    out.append(f"<h2>{t(lang, '项目', 'Items')}</h2>\n<p>{esc(summary(diff, lang))}</p>\n")
    rows = shown(diff)
    if rows:
        out.append(rows_table(
            [t(lang, "变化", "Change"), t(lang, "项目", "Item"), t(lang, "原", "Old"),
             t(lang, "新", "New"), t(lang, "标记", "Flags")],
            [[f'<span class="{ {"regressed": "bad", "improved": "good"}.get(d.change, "")}">'
              f"{esc(change_label(d.change, lang))}</span>",
              f"<code>{esc(d.id)}</code> {esc(item_label(d, lang))}",
              esc(state(d.old, lang)), esc(state(d.new, lang)),
              esc(", ".join(flag_label(f, lang) for f in d.flags))] for d in rows]))
    return page(title, "".join(out), lang)


def render(diff: Diff, fmt: str, lang: str, gates: Sequence[tuple[Gate, str]] = (),
           checked: Sequence[Gate] = ()) -> str:
    """The diff in ``fmt`` (md, json or html; text goes to a console, see :func:`text`)."""
    if fmt == "json":
        return as_json(diff, lang, gates, checked)
    return as_md(diff, lang) if fmt == "md" else as_html(diff, lang)

