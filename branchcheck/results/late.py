"""Late entries (补录): results stored long after they finished.

A check's ``finished`` time is what its answers say, and anyone can type a past one
(``score`` with an answers file). Its ``stored`` time is the tool's clock when the
result went into its branch's chain (:func:`branchcheck.results.chain.store_result`),
covered by the chain's hash and the signature. A result is a late entry (补录) when it
was stored more than :data:`DEFAULT_HOURS` hours after it finished: it did not happen
on time as far as anyone can prove, so ``results`` and ``verify`` show it apart. The
hours are a setting (``$BRANCHCHECK_LATE_HOURS``). Results stored before ``stored``
was recorded are never late entries (nothing to compare).

Two kinds of result are stored after their visit by nature, and are shown as what
they are instead (:func:`after_visit`): a third party's delivery imported by ``shop
import`` (导入: an independent check whose visit record names the delivered row), and
a visit scored again after an upheld appeal (申诉改分: an independent check with an
``appeal`` block). A self-check is never either, whatever it carries.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.core.model import Result

DEFAULT_HOURS = 24.0
"""Hours after ``finished`` a result may be stored and still count as entered on time
(a default: set ``$BRANCHCHECK_LATE_HOURS``)."""
ENV = "BRANCHCHECK_LATE_HOURS"


def late_hours(lang: str = "en") -> float:
    """The hours setting: ``$BRANCHCHECK_LATE_HOURS`` or :data:`DEFAULT_HOURS`."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return DEFAULT_HOURS
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 <= hours <= 24 * 366:
        raise UsageError(t(lang, f"${ENV} 应为 0 到 8784 之间的小时数，而不是 {text!r}",
                           f"${ENV} must be a number of hours from 0 to 8784, not {text!r}"))
    return hours


def _time(text: str) -> datetime | None:
    from branchcheck.core.timestamps import parse_iso

    return parse_iso(text)


def delay(finished: str, stored: str) -> timedelta | None:
    """How long after ``finished`` the result was stored (None when either is unknown)."""
    done, kept = _time(finished), _time(stored)
    if done is None or kept is None:
        return None
    return kept - done


def is_late(finished: str, stored: str, hours: float) -> bool:
    """Whether a result finished at ``finished`` and stored at ``stored`` is a late entry."""
    gap = delay(finished, stored)
    return gap is not None and gap > timedelta(hours=hours)


IMPORTED, APPEAL = "imported", "appeal"


def after_visit(result: Result) -> str:
    """Why ``result`` was stored after its visit by nature: :data:`IMPORTED` (a third
    party's delivery), :data:`APPEAL` (re-scored after an upheld appeal), else ""."""
    from branchcheck.core.checksource import SELF

    if result.source == SELF:
        return ""
    if result.appeal:
        return APPEAL
    if isinstance((result.visit or {}).get("delivery"), dict):
        return IMPORTED
    return ""


def late_result(result: Result, hours: float) -> bool:
    """:func:`is_late` for a stored result (never one stored later by nature,
    :func:`after_visit`)."""
    return not after_visit(result) and is_late(result.finished or result.started,
                                               result.stored, hours)


def word(lang: str) -> str:
    """The label of a late entry."""
    return t(lang, "补录", "late entry (补录)")


def after_word(kind: str, lang: str) -> str:
    """The label of a result stored after its visit by nature (:func:`after_visit`)."""
    if kind == APPEAL:
        return t(lang, "申诉改分", "re-scored on appeal")
    return t(lang, "导入", "imported")
