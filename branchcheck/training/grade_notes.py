"""Notes under a graded class's trainee table: how intervals are made and what n
counts, undefined kappas, intervals of no width, and wide scales."""

from __future__ import annotations

from collections.abc import Callable

from branchcheck.core.i18n import t
from branchcheck.training.agreement import Kappa
from branchcheck.training.grading import ClassGrade, tolerance


def zero_width(k: Kappa) -> bool:
    """Whether the interval of ``k`` has no width (a standard error of 0: every answer
    agreed, or one rater used one category), so it would read as certainty."""
    return k.ci is not None and k.ci[1] - k.ci[0] < 1e-9


NO_INTERVAL = "standard error 0 (every answer agreed with the key), so no interval is shown"
_NO_INTERVAL_ZH = "标准误为 0（全部作答与参考答案一致），区间宽度为 0，故不给出区间"


def method(lang: str) -> str:
    """How the intervals are made and what n counts, for the report itself."""
    return t(lang, "95% CI：κ ± 1.96 SE，SE 为 Fleiss、Cohen 与 Everitt（1969）的大样本标准误，"
                   "截断到 [−1, 1]；全班 Fleiss κ 为 2000 次百分位 bootstrap。n：答案与该学员"
                   "都作答的题数（全班 κ：全体学员都作答的题数）。",
             "95% CI: κ ± 1.96 SE, with the large-sample SE of Fleiss, Cohen and Everitt "
             "(1969), clipped to [−1, 1]; the class's Fleiss κ: percentile bootstrap of 2000 "
             "resamples. n: the items both the key and the trainee answered (class κ: the "
             "items every trainee answered).")


def notes(lang: str, cg: ClassGrade, reason: Callable[[str, str | None], str]) -> list[str]:
    """What the trainee table cannot say in a cell: undefined kappas and why, intervals
    of no width and why, and wide scales whose weighted kappa reads high."""
    found: list[str] = []
    sep = t(lang, "：", ": ")
    for tg in cg.trainees:  # undefined for lack of data shows as n/a in the table
        for name, k in (("κ", tg.kappa), *((f"κw({sid})", k) for sid, k in tg.weighted)):
            if k.reason and k.n:
                found.append(f"{tg.rater.name}: {name} {t(lang, '无法计算', 'undefined')}"
                             f"{sep}{reason(lang, k.reason)}")
            if k.shown is not None and zero_width(k):
                found.append(f"{tg.rater.name}: {name} {k.shown:.2f}{sep}"
                             + t(lang, _NO_INTERVAL_ZH, NO_INTERVAL))
    for sid in sorted({sid for tg in cg.trainees for sid in tg.wide_scales}):
        scale = cg.checklist.scales.get(sid)
        points = scale.max - scale.min + 1 if scale is not None else 0
        near = tolerance(scale)
        found.append(t(
            lang, f"量表 {sid} 有 {points} 个刻度：线性加权 κw 把相差 1 分算作几乎一致，"
                  f"读数偏高；请先看完全一致和 ±{near} 以内的题数。",
            f"Scale {sid} has {points} points: linear-weighted κw counts a one-point slip "
            f"as near agreement and reads high; read exact and within ±{near} first."))
    return found
