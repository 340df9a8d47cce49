"""What ``shop plan`` and ``shop assign`` do, from files to a plan."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from branchcheck.core.errors import UsageError
from branchcheck.core.i18n import t
from branchcheck.shop.plan import DEFAULT_CLUSTERS, Design, Plan, draw, plan_of

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_SEED = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_SLOT = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
_KIND = re.compile(r"^[a-z][a-z0-9-]{0,31}$")


def _check(value: str, pattern: re.Pattern[str], option: str, what: str, lang: str) -> str:
    if not pattern.fullmatch(value):
        raise UsageError(t(lang, f"{option} {value!r} 无效：{what}",
                           f"{option} {value!r} is not valid: {what}"))
    return value


def plan(org_path: str, *, wave: str, visits: int, seed: str,
         window: tuple[date, date] | None, clusters: int | None, stratum: str | None,
         cluster: str | None, scenarios: tuple[str, ...], checklist: str,
         lang: str) -> tuple[Plan, list[str]]:
    """The plan of a wave drawn from the directory at ``org_path``, and warnings."""
    from branchcheck.core.strictyaml import read_bytes
    from branchcheck.org.directory import load

    _check(wave, _NAME, "--wave", "letters, digits, '_' or '-', at most 32", lang)
    _check(seed, _SEED, "--seed", "letters, digits, '.', '_' or '-', at most 64", lang)
    for kind, option in ((stratum, "--stratum"), (cluster, "--cluster")):
        if kind is not None:
            _check(kind, _KIND, option, "a unit kind such as sub-branch", lang)
    for s in scenarios:
        if not 1 <= len(s) <= 64 or not s.isprintable():
            raise UsageError(t(lang, f"--scenario {s!r} 无效：1 到 64 个可打印字符",
                               f"--scenario {s!r} is not valid: 1 to 64 printable characters"))
    if window is not None and window[1] < window[0]:
        raise UsageError(t(lang, "--to 早于 --from", "--to is before --from"))
    org = load(org_path, lang=lang)
    design = Design(visits=visits, seed=seed, wave=wave,
                    clusters=clusters or DEFAULT_CLUSTERS, clusters_given=clusters is not None,
                    stratum=stratum, cluster=cluster, scenarios=scenarios, window=window)
    for kind in (stratum, cluster):
        if kind is not None and not any(u.kind == kind for u in org.units):
            raise UsageError(t(lang, f"机构目录中没有类型为 {kind!r} 的单位",
                               f"no unit of kind {kind!r} in the directory"))
    drawn = draw(org, design, today=date.today(), lang=lang)
    sha = hashlib.sha256(read_bytes(org_path, max_bytes=50 * 1024 * 1024)).hexdigest()
    return plan_of(org, design, drawn, checklist=checklist, org_file=org_path,
                   org_sha256=sha), drawn.warnings


def slots_of(text: str | None, lang: str) -> tuple[str, ...]:
    """The ``--slots`` option's time slots (default :data:`assign.SLOTS`)."""
    from branchcheck.shop.assign import SLOTS

    if text is None:
        return SLOTS
    out = tuple(s.strip() for s in text.split(",") if s.strip())
    for s in out:
        _check(s, _SLOT, "--slots", "HH:MM-HH:MM,... (24-hour times)", lang)
        if s[:5] >= s[6:]:
            raise UsageError(t(lang, f"--slots：{s} 的结束时间早于开始时间",
                               f"--slots: {s} ends before it starts"))
    if not out or len(set(out)) != len(out):
        raise UsageError(t(lang, "--slots 须列出不重复的时段", "--slots must list distinct slots"))
    return out


def assignment(plan_path: str, roster_path: str, *, start: Any, end: Any, seed: str,
               slots: str | None, gap_days: int, gap_waves: int, history: tuple[str, ...],
               lang: str) -> Plan:
    """The plan at ``plan_path`` with its visits assigned."""
    from dataclasses import replace

    from branchcheck.shop import planfile, roster
    from branchcheck.shop.assign import Rules, assign

    _check(seed, _SEED, "--seed", "letters, digits, '.', '_' or '-', at most 64", lang)
    if end < start:
        raise UsageError(t(lang, "--to 早于 --from", "--to is before --from"))
    chosen = slots_of(slots, lang)
    the_plan = planfile.load(plan_path, lang=lang)
    if the_plan.window and not (the_plan.window[0] <= start and end <= the_plan.window[1]):
        w = the_plan.window
        raise UsageError(t(lang, f"--from/--to 须在本批次的期间 {w[0]}..{w[1]} 之内",
                           f"--from/--to must lie inside the wave's window {w[0]}..{w[1]}"))
    earlier = [planfile.load(p, lang=lang) for p in history]
    for p in earlier:
        if p.wave == the_plan.wave:
            raise UsageError(t(lang, f"--history {p.wave} 就是本批次",
                               f"--history: {p.wave} is this wave itself"))
    shoppers, sha = roster.load(roster_path, lang=lang)
    rules = Rules(start, end, seed, chosen, gap_days, gap_waves)
    outcome = assign(the_plan, shoppers, rules, earlier)
    block: dict[str, Any] = {"from": str(start), "to": str(end), "seed": seed,
                             "slots": list(chosen), "gap_days": gap_days,
                             "gap_waves": gap_waves}
    if earlier:
        block["history"] = [p.wave for p in earlier]
    block["roster"] = {"file": roster_path, "sha256": sha}
    return replace(the_plan, visits=tuple(outcome.visits), assignment=block)
