"""Comparing two results: item classes, flags, score deltas and CI gates.

Pure functions, no I/O. The rules are documented in docs/diff.md; keep the two
in step.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.core.model import (
    Change,
    Delta,
    Diff,
    Flag,
    ItemDiff,
    ItemResult,
    Result,
    SectionScore,
)

CHANGES: tuple[Change, ...] = (
    "regressed", "improved", "newly_na", "no_longer_na", "added", "removed", "unchanged",
)
"""Item classes, in the order reports list them (regressions first)."""
FLAGS: tuple[Flag, ...] = (
    "knockout_triggered", "knockout_cleared", "threshold_crossed", "persistent_failure",
    "text_changed",
)
_EPS = 1e-9


def _credit(item: ItemResult) -> float | None:
    """What an item counts for when compared: its fraction; 0 when skipped; None if unscored
    (a text answer, or a fact of weight 0: its change is neither better nor worse)."""
    if not item.scored:
        return None
    if item.status == "skipped":
        return 0.0
    return item.fraction


def classify(old: ItemResult | None, new: ItemResult | None) -> Change:
    """The one class of an item's change (see docs/diff.md)."""
    if old is None and new is None:
        raise ValueError("an item must exist in at least one result")
    if old is None:
        return "added"
    if new is None:
        return "removed"
    old_na, new_na = old.status == "na", new.status == "na"
    if old_na and new_na:
        return "unchanged"
    if new_na:
        return "newly_na"
    if old_na:
        return "no_longer_na"
    a, b = _credit(old), _credit(new)
    if a is None or b is None:
        return "unchanged"
    if b < a - _EPS:
        return "regressed"
    if b > a + _EPS:
        return "improved"
    return "unchanged"


def _fails_critically(item: ItemResult | None) -> bool:
    return item is not None and item.critical is not None and item.status == "fail"


def _scored(item: ItemResult) -> bool:
    return item.status in ("pass", "partial", "fail")


def flags(old: ItemResult | None, new: ItemResult | None) -> tuple[Flag, ...]:
    """Flags of an item's change, in the order of :data:`FLAGS`."""
    found: list[Flag] = []
    if _fails_critically(new) and not _fails_critically(old):
        found.append("knockout_triggered")
    if _fails_critically(old) and not _fails_critically(new):
        found.append("knockout_cleared")
    if old is not None and new is not None:
        if (old.type == new.type == "metric" and _scored(old) and _scored(new)
                and (old.status == "pass") != (new.status == "pass")):
            found.append("threshold_crossed")
        if old.status == new.status == "fail" and new.scored:
            found.append("persistent_failure")
        if dict(old.text) != dict(new.text):
            found.append("text_changed")
    return tuple(found)


def _merge_ids(old_ids: Sequence[str], new_ids: Sequence[str]) -> list[str]:
    """NEW's order, with ids only in OLD inserted after their predecessor in OLD.

    A run of OLD-only ids follows the id before it in OLD that NEW has (or opens
    the list); linear, so 10,000 removed sections cost no more than 10,000 kept.
    """
    present = set(new_ids)
    placed: set[str] = set()
    runs: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in old_ids:
        if key in present:
            anchor = key
        elif key not in placed:  # an id given twice is placed once
            placed.add(key)
            runs.setdefault(anchor, []).append(key)
    merged = list(runs.get(None, ()))
    for key in new_ids:
        merged.append(key)
        merged.extend(runs.pop(key, ()))
    return merged


def _section_deltas(old: Sequence[SectionScore], new: Sequence[SectionScore],
                    ) -> tuple[tuple[Delta, ...], tuple[Delta, ...]]:
    olds = {s.id: s for s in old}
    news = {s.id: s for s in new}
    ids = _merge_ids([s.id for s in old], [s.id for s in new])
    final = tuple(Delta(i, olds[i].final if i in olds else None,
                        news[i].final if i in news else None) for i in ids)
    raw = tuple(Delta(i, olds[i].raw if i in olds else None,
                      news[i].raw if i in news else None) for i in ids)
    return final, raw


def compare(old: Result, new: Result, lang: str = "en") -> Diff:
    """Compare two results of the same checklist, item by item (matched by id).

    Results of different checklists raise :class:`UsageError` (worded in
    ``lang``); different versions of one checklist are compared
    (``Diff.version_changed``).
    """
    if old.checklist_id != new.checklist_id:
        raise UsageError(t(
            lang,
            f"无法比较不同检查表的结果：{_name(old)} 是 {old.checklist_id!r}，"
            f"{_name(new)} 是 {new.checklist_id!r}",
            f"cannot compare results of different checklists: {_name(old)} is "
            f"{old.checklist_id!r}, {_name(new)} is {new.checklist_id!r}",
        ))
    olds = {i.id: i for i in old.score.items}
    news = {i.id: i for i in new.score.items}
    ids = _merge_ids([i.id for i in old.score.items], [i.id for i in new.score.items])
    items = tuple(
        ItemDiff(key, classify(olds.get(key), news.get(key)), olds.get(key), news.get(key),
                 flags(olds.get(key), news.get(key)))
        for key in ids
    )
    sections, sections_raw = _section_deltas(old.score.sections, new.score.sections)
    return Diff(
        old=old,
        new=new,
        items=items,
        sections=sections,
        overall=Delta("overall", old.score.overall_final, new.score.overall_final),
        overall_raw=Delta("overall", old.score.overall_raw, new.score.overall_raw),
        coverage=Delta("coverage", old.score.coverage, new.score.coverage),
        grade_changed=old.score.grade != new.score.grade,
        version_changed=(old.checklist_version != new.checklist_version
                         or old.checklist_sha256 != new.checklist_sha256),
        sections_raw=sections_raw,
    )


def _name(result: Result) -> str:
    return result.path or f"the {result.branch} result"


def counts(diff: Diff) -> dict[str, int]:
    """Number of items per class and per flag (every class and flag present, maybe 0)."""
    found: Counter[str] = Counter()
    for d in diff.items:
        found[d.change] += 1
        found.update(d.flags)
    return {key: found[key] for key in (*CHANGES, *FLAGS)}


def ordered(diff: Diff) -> list[ItemDiff]:
    """Items grouped by class in :data:`CHANGES` order (regressions first), stable within."""
    rank = {c: i for i, c in enumerate(CHANGES)}
    return sorted(diff.items, key=lambda d: rank[d.change])


# ---------------------------------------------------------------- gates

GateKind = Literal["regression", "knockout", "drop"]
_DROP = re.compile(r"^drop:(\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Gate:
    """A ``--fail-on`` condition: ``regression``, ``knockout`` or ``drop:N``."""

    kind: GateKind
    points: float = 0.0

    def __str__(self) -> str:
        return f"drop:{self.points:g}" if self.kind == "drop" else self.kind


def parse_gate(text: str, lang: str = "en") -> Gate:
    """A gate from its ``--fail-on`` spelling; :class:`UsageError` if it is not one."""
    spec = text.strip().lower()
    if spec in ("regression", "knockout"):
        return Gate(spec)  # type: ignore[arg-type]
    match = _DROP.fullmatch(spec)
    if match:
        points = float(match.group(1))
        if points <= 100:
            return Gate("drop", points)
    raise UsageError(t(
        lang,
        f"无效的 --fail-on {text!r}：可用 regression、knockout 或 drop:N"
        "（N 为总分（得分）允许下降的分数，0-100）",
        f"invalid --fail-on {text!r}: use regression, knockout or drop:N "
        "(N = points of the overall final score, 0-100)",
    ))


def gate_reason(diff: Diff, gate: Gate, lang: str = "en") -> str | None:
    """Why ``gate`` fires on ``diff`` (a short sentence in ``lang``), or None if it does not."""
    if gate.kind == "regression":
        hit = [d.id for d in diff.items if d.change == "regressed"]
        if hit:
            return t(lang, f"{len(hit)} 个项目退步：{_ids(hit, lang)}",
                     f"{len(hit)} item(s) regressed: {_ids(hit, lang)}")
        return None
    if gate.kind == "knockout":
        hit = [d.id for d in diff.items if "knockout_triggered" in d.flags]
        if hit:
            return t(lang, f"{len(hit)} 个否决项新出现不通过：{_ids(hit, lang)}",
                     f"{len(hit)} knockout item(s) newly failed: {_ids(hit, lang)}")
        return None
    delta = diff.overall.delta
    if delta is not None and -delta > gate.points + _EPS:
        assert diff.overall.old is not None and diff.overall.new is not None  # noqa: S101
        old, new = diff.overall.old, diff.overall.new
        return t(lang,
                 f"总分（得分）下降 {-delta:.1f} 分（{old:.1f} → {new:.1f}），"
                 f"超过 {gate.points:g} 分",
                 f"overall final score dropped {-delta:.1f} points "
                 f"({old:.1f} -> {new:.1f}), more than {gate.points:g}")
    return None


def fired(diff: Diff, gates: Iterable[Gate], lang: str = "en") -> list[tuple[Gate, str]]:
    """The gates that fire, with their reasons (in ``lang``)."""
    out: list[tuple[Gate, str]] = []
    for gate in gates:
        reason = gate_reason(diff, gate, lang)
        if reason is not None:
            out.append((gate, reason))
    return out


def _ids(ids: Sequence[str], lang: str = "en", limit: int = 5) -> str:
    if len(ids) <= limit:
        return ", ".join(ids)
    shown = ", ".join(ids[:limit])
    return t(lang, f"{shown} 等共 {len(ids)} 项", f"{shown} and {len(ids) - limit} more")
