"""Reports of a graded class: text, Markdown, JSON and CSV."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from branchcheck.core.i18n import t
from branchcheck.core.model import AnswerValue, Status, localise
from branchcheck.core.textsafe import md as md_cell
from branchcheck.render.text import table
from branchcheck.terminal.output import fmt_score
from branchcheck.training.agreement import Kappa, interpret
from branchcheck.training.grade_notes import NO_INTERVAL, method, notes, zero_width
from branchcheck.training.grading import (
    FEW_ITEMS,
    ONE_CATEGORY,
    TRAINEE_ONE_CATEGORY,
    ClassGrade,
    ItemStat,
    Miss,
    TraineeGrade,
)

FORMATS = ("text", "md", "json", "csv")


# ---------------------------------------------------------------- shared helpers


def fmt_kappa(k: Kappa, lang: str = "en") -> str:
    """``0.56 [0.20, 0.92] n=14 moderate``, a warning instead of the number where
    kappa says nothing (``— (fewer than 10 items, n=2)``), ``[—]`` for an interval of
    no width (said why under the table), or ``n/a``."""
    if k.warning:
        return f"— ({reason(lang, k.warning)}, n={k.n})"
    if k.value is None:
        return "n/a"
    ci = ("" if k.ci is None else " [—]" if zero_width(k)
          else f" [{k.ci[0]:.2f}, {k.ci[1]:.2f}]")
    return f"{k.value:.2f}{ci} n={k.n} {reading(lang, k.value)}"


def fmt_share(x: float | None) -> str:
    """``87.5%`` or an em dash."""
    return "—" if x is None else f"{100 * x:.1f}%"


_READING_ZH = {"n/a": "无法计算", "poor": "差", "slight": "轻微", "fair": "一般",
               "moderate": "中等", "substantial": "高度", "almost perfect": "几乎完全一致"}

_REASONS_ZH = {
    "no items rated by both": "没有双方都作答的题目",
    "chance agreement is 1 (every answer in the same category)":
        "机会一致率为 1（所有答案都在同一类别）",
    "a scale needs at least two points": "量表至少需要两个刻度",
    "no items rated by every trainee": "没有全体学员都作答的题目",
    "no item answered by every trainee": "没有全体学员都作答的题目",
    "needs at least two raters": "至少需要两名学员",
    "check items left blank": "检查项未作答",
    "no check items are graded": "没有可评分的检查项",
    FEW_ITEMS: "题目少于 10 道",
    ONE_CATEGORY: "答案只用了一个类别",
    TRAINEE_ONE_CATEGORY: "学员只用了一个类别",
}


def reading(lang: str, value: float | None) -> str:
    """Landis & Koch wording of a kappa value in the UI language, read from the value
    as printed (two decimals), so "0.80" is never called almost perfect."""
    word = interpret(None if value is None else round(value, 2))
    return _READING_ZH.get(word, word) if lang == "zh" else word


def reason(lang: str, text: str | None) -> str:
    """Why a kappa is undefined, in the UI language."""
    if text is None:
        return ""
    return _REASONS_ZH.get(text, text) if lang == "zh" else text


def legend(lang: str) -> str:
    """How to read kappa (Landis & Koch 1977), one line."""
    return t(lang, "κ 的解读（Landis & Koch 1977）：<0 差，0–0.20 轻微，0.21–0.40 一般，"
                   "0.41–0.60 中等，0.61–0.80 高度，0.81–1 几乎完全一致",
             "Reading κ (Landis & Koch 1977): <0 poor, 0-0.20 slight, 0.21-0.40 fair, "
             "0.41-0.60 moderate, 0.61-0.80 substantial, 0.81-1 almost perfect")


def _status(lang: str, s: Status) -> str:
    words = {"pass": ("通过", "pass"), "partial": ("部分", "partial"), "fail": ("不通过", "fail"),
             "na": ("不适用", "n/a"), "skipped": ("未答", "not answered"),
             "info": ("备注", "info")}
    zh, en = words[s]
    return t(lang, zh, en)


def _value(v: AnswerValue | None) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)


def _answer(lang: str, status: Status, value: AnswerValue | None) -> str:
    v = _value(value)
    word = _status(lang, status)
    return word if v in ("", "pass", "fail", "na") else f"{v} ({word})"


def _miss(lang: str, m: Miss) -> str:
    given = (t(lang, "未作答", "not answered") if m.status == "skipped" else
             f"{t(lang, '作答', 'answered')} {_answer(lang, m.status, m.value)}")
    key = _answer(lang, m.key_status, m.key_value)
    return f"{m.item} ({t(lang, '答案', 'key')} {key}, {given})"


def _weighted(lang: str, tg: TraineeGrade) -> str:
    if not tg.weighted:
        return "—"
    if len(tg.weighted) == 1:
        return fmt_kappa(tg.weighted[0][1], lang)
    return "; ".join(f"{sid} {fmt_kappa(k, lang)}" for sid, k in tg.weighted)


def _scale_agreement(tg: TraineeGrade) -> str:
    """``exact/n, ±k close/n`` on the scale items (k: 1, or 5 on a 0-100 scale)."""
    if not tg.scale_pairs:
        return "—"
    within = "/".join(f"±{k}" for k in tg.scale_tolerance)
    return f"{tg.scale_exact}/{tg.scale_pairs}, {within} {tg.scale_adjacent}/{tg.scale_pairs}"


def _counts(lang: str, st: ItemStat) -> str:
    """What the class answered: the values given on a scale item, else the statuses."""
    given = [f"{_value(v)}: {n}" for v, n in st.values]
    return ", ".join(given + [f"{_status(lang, s)} {n}" for s, n in st.counts])


# ---------------------------------------------------------------- text and Markdown


def _trainee_rows(lang: str, cg: ClassGrade) -> list[list[str]]:
    key_overall = fmt_score(cg.key.score.overall_final)
    return [[tg.rater.name, f"{tg.agreed}/{tg.compared}", fmt_share(tg.agreement),
             _scale_agreement(tg), "—" if tg.scale_mad is None else f"{tg.scale_mad:.2f}",
             fmt_kappa(tg.kappa, lang), _weighted(lang, tg),
             fmt_score(tg.rater.score.overall_final), key_overall, str(len(tg.wrong))]
            for tg in cg.trainees]


def _trainee_headers(lang: str) -> list[str]:
    return [t(lang, "学员", "trainee"), t(lang, "一致", "agreed"), t(lang, "一致率", "agreement"),
            t(lang, "量表完全一致/相近", "scale exact/close"),
            t(lang, "量表平均差", "scale MAD"),
            t(lang, "κ（检查项）[95% CI] n 解读", "κ (check) [95% CI] n reading"),
            t(lang, "κw（量表）[95% CI] n 解读", "κw (scale) [95% CI] n reading"),
            t(lang, "得分", "score"), t(lang, "答案得分", "key score"),
            t(lang, "错题", "wrong")]


def _item_rows(lang: str, cg: ClassGrade, limit: int | None = None) -> list[list[str]]:
    return [[st.item.id, localise(st.item.text, lang),
             _answer(lang, st.key_status, st.key_value),
             f"{st.agreed}/{st.total}", _counts(lang, st), ", ".join(st.wrong_by) or "—"]
            for st in cg.items[:limit]]


def _item_headers(lang: str) -> list[str]:
    return [t(lang, "题目", "item"), t(lang, "内容", "text"), t(lang, "答案", "key"),
            t(lang, "一致", "agreed"), t(lang, "全班作答", "class answers"),
            t(lang, "答错的学员", "wrong")]


def _title(lang: str, cg: ClassGrade) -> str:
    ck = cg.checklist
    return f"{localise(ck.title, lang) or ck.id} ({ck.id} v{ck.version})"


def _kind(lang: str, kind: str, cg: ClassGrade) -> str:
    if kind == "check":
        return t(lang, "检查项", "check items")
    if kind.startswith("scale:"):
        sid = kind[6:]
        scale = cg.checklist.scales.get(sid)
        if scale is None:
            return t(lang, f"量表（{sid}）", f"scale {sid}")
        return t(lang, f"{scale.min}–{scale.max} 分量表（{sid}）",
                 f"{scale.min}–{scale.max} scale ({sid})")
    return t(lang, "其他题（按状态）", "other items (by status)")


def _summary(lang: str, cg: ClassGrade) -> list[str]:
    lines = [t(lang, f"全班一致性（Fleiss' kappa，{len(cg.trainees)} 名学员，按题型分别计算）：",
               f"Class agreement (Fleiss' kappa, {len(cg.trainees)} trainees, by item type):")]
    for g in cg.fleiss:
        f = degenerate_class(g.kappa)
        lines.append(f"  {_kind(lang, g.kind, cg)}{t(lang, '：', ': ')}{fmt_kappa(f, lang)}")
        if f.reason:
            lines.append(t(lang, f"    无法计算：{reason(lang, f.reason)}",
                           f"    undefined: {f.reason}"))
        if g.excluded:
            lines.append(t(lang, f"    {g.excluded} 题未计入（有学员未作答）",
                           f"    {g.excluded} item(s) left out (not answered by every "
                           "trainee)"))
    if cg.no_key:
        lines.append(t(lang, "答案未作答、不评分的题目：", "Items the key leaves unanswered "
                       "(not graded): ") + ", ".join(cg.no_key))
    return lines


def text(cg: ClassGrade, lang: str) -> str:
    """The plain-text report."""
    compared = cg.trainees[0].compared if cg.trainees else 0
    out = [_title(lang, cg),
           t(lang, f"答案：{cg.key.file}；{len(cg.trainees)} 名学员；比较 {compared} 题",
             f"Key: {cg.key.file}; {len(cg.trainees)} trainees; {compared} items compared"),
           "", t(lang, "学员", "Trainees")]
    out += table(_trainee_headers(lang), _trainee_rows(lang, cg), right=(1, 2, 3, 4, 5, 6, 7, 8))
    out += [legend(lang), method(lang), *notes(lang, cg, reason)]
    out += ["", t(lang, "逐题一致情况（最需重讲的在前）",
                  "Items by agreement with the key (teach again from the top)")]
    out += table(_item_headers(lang), _item_rows(lang, cg))
    out += ["", *_summary(lang, cg)]
    wrong = [tg for tg in cg.trainees if tg.wrong]
    if wrong:
        out += ["", t(lang, "各学员答错的题目", "Wrong answers by trainee")]
        out += [f"- {tg.rater.name}: " + "; ".join(_miss(lang, m) for m in tg.wrong)
                for tg in wrong]
    return "\n".join(out) + "\n"


def markdown(cg: ClassGrade, lang: str) -> str:
    """The Markdown report."""
    def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(md_cell(h) for h in headers) + " |",
                "|" + "---|" * len(headers),
                *("| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows)]

    compared = cg.trainees[0].compared if cg.trainees else 0
    out = [f"# {md_cell(t(lang, '评分练习结果：', 'Grading: '))}{md_cell(_title(lang, cg))}", "",
           md_cell(t(lang, f"答案：{cg.key.file}；{len(cg.trainees)} 名学员；比较 {compared} 题",
                     f"Key: {cg.key.file}; {len(cg.trainees)} trainees; "
                     f"{compared} items compared")),
           "", f"## {t(lang, '学员', 'Trainees')}", ""]
    out += md_table(_trainee_headers(lang), _trainee_rows(lang, cg))
    out += ["", md_cell(legend(lang)) + "  ", md_cell(method(lang))]
    said = notes(lang, cg, reason)
    if said:
        out += ["", *(f"- {md_cell(n)}" for n in said)]
    heading = t(lang, "逐题一致情况（最需重讲的在前）", "Items, teach again from the top")
    out += ["", f"## {heading}", ""]
    out += md_table(_item_headers(lang), _item_rows(lang, cg))
    out += ["", f"## {t(lang, '一致性', 'Agreement')}", ""]
    out += [md_cell(line.strip()) + "  " for line in _summary(lang, cg)]
    wrong = [tg for tg in cg.trainees if tg.wrong]
    if wrong:
        out += ["", f"## {t(lang, '各学员答错的题目', 'Wrong answers by trainee')}", ""]
        out += [f"- **{md_cell(tg.rater.name)}**: "
                + md_cell("; ".join(_miss(lang, m) for m in tg.wrong)) for tg in wrong]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- JSON and CSV


def degenerate_class(k: Kappa) -> Kappa:
    """A class kappa on fewer than 10 items carries a warning instead of its value."""
    from branchcheck.training.agreement import with_warning
    from branchcheck.training.grading import MIN_KAPPA_N

    return with_warning(k, FEW_ITEMS) if k.defined and k.n < MIN_KAPPA_N else k


def kappa_dict(k: Kappa) -> dict[str, Any]:
    """A kappa as plain data: ``value`` is null where undefined or where a ``warning``
    says it should not be read."""
    shown = k.shown
    flat = shown is not None and zero_width(k)
    return {"value": shown, "observed": k.observed, "expected": k.expected, "n": k.n,
            "se": None if shown is None else k.se,
            "ci95": None if shown is None or k.ci is None or flat else list(k.ci),
            "no_interval": NO_INTERVAL if flat else None,
            "interpretation": interpret(None if shown is None else round(shown, 2)),
            "reason": k.reason, "warning": k.warning}


def as_dict(cg: ClassGrade, lang: str, min_agreement: float | None = None,
            below: Sequence[str] = ()) -> dict[str, Any]:
    """The whole report as plain data."""
    ck = cg.checklist
    return {
        "checklist": {"id": ck.id, "version": ck.version, "title": localise(ck.title, lang)},
        "key": {"file": cg.key.file, "overall": cg.key.score.overall_final,
                "blank": list(cg.key.blank)},
        "no_key_items": list(cg.no_key),
        "trainees": [{
            "name": tg.rater.name, "file": tg.rater.file, "agreed": tg.agreed,
            "compared": tg.compared, "agreement": tg.agreement, "scale_mad": tg.scale_mad,
            "scale_pairs": tg.scale_pairs, "scale_exact": tg.scale_exact,
            "scale_adjacent": tg.scale_adjacent, "scale_tolerance": list(tg.scale_tolerance),
            "wide_scales": list(tg.wide_scales), "kappa_check": kappa_dict(tg.kappa),
            "weighted_kappa_scale": {sid: kappa_dict(k) for sid, k in tg.weighted},
            "overall": tg.rater.score.overall_final, "key_overall": cg.key.score.overall_final,
            "blank": list(tg.rater.blank),
            "wrong": [{"item": m.item, "key_status": m.key_status, "status": m.status,
                       "key_value": m.key_value, "value": m.value} for m in tg.wrong],
        } for tg in cg.trainees],
        "items": [{
            "id": st.item.id, "section": st.section, "type": st.item.type,
            "text": localise(st.item.text, lang), "key_status": st.key_status,
            "key_value": st.key_value, "agreed": st.agreed, "total": st.total,
            "share": st.share, "counts": dict(st.counts),
            "values": {str(v): n for v, n in st.values}, "wrong_by": list(st.wrong_by),
        } for st in cg.items],
        "fleiss": {g.kind: {**kappa_dict(degenerate_class(g.kappa)), "items_left_out": g.excluded}
                   for g in cg.fleiss},
        "min_agreement": min_agreement,
        "below_min_agreement": list(below),
    }


def as_json(cg: ClassGrade, lang: str, min_agreement: float | None = None,
            below: Sequence[str] = ()) -> str:
    """The report as JSON."""
    return json.dumps(as_dict(cg, lang, min_agreement, below), ensure_ascii=False, indent=2)


CSV_COLUMNS = ("trainee", "file", "agreed", "compared", "agreement", "scale_exact",
               "scale_adjacent", "scale_tolerance", "scale_pairs", "scale_mad", "kappa_check",
               "kappa_check_ci_low", "kappa_check_ci_high", "kappa_check_n",
               "kappa_check_warning", "weighted_kappa_scale", "score", "key_score",
               "wrong_items")


def as_csv(cg: ClassGrade) -> bytes:
    """One row per trainee (columns :data:`CSV_COLUMNS`) as spreadsheet-safe CSV
    (UTF-8 with BOM, cells guarded against formulas by :mod:`branchcheck.core.csvsafe`)."""
    from branchcheck.core.csvsafe import Cell, to_csv

    rows: list[list[Cell]] = []
    for tg in cg.trainees:
        weighted = ";".join(
            f"{sid}={'' if k.shown is None else f'{k.shown:.4f}'}"
            + (f" ({k.warning}, n={k.n})" if k.warning else "") for sid, k in tg.weighted)
        k = tg.kappa
        ci = k.ci if k.shown is not None and not zero_width(k) else None
        rows.append([
            tg.rater.name, tg.rater.file, tg.agreed, tg.compared, _round(tg.agreement, 4),
            tg.scale_exact, tg.scale_adjacent, "/".join(str(k) for k in tg.scale_tolerance),
            tg.scale_pairs,
            _round(tg.scale_mad, 4), _round(k.shown, 4),
            _round(ci[0] if ci else None, 4), _round(ci[1] if ci else None, 4), k.n,
            k.warning or "", weighted,
            _round(tg.rater.score.overall_final, 2), _round(cg.key.score.overall_final, 2),
            " ".join(m.item for m in tg.wrong),
        ])
    return to_csv(CSV_COLUMNS, rows)


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(x, digits)
