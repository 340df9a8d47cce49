"""Everything that decides whether one stored result can be believed."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from branchcheck.core.errors import Problem, TamperedError
from branchcheck.core.i18n import t
from branchcheck.core.model import Integrity, Result

LEGACY_FORMAT = "branchcheck-result/1"


@dataclass(frozen=True)
class Verdict:
    """What the bytes of a result prove on their own (this tool version): its state,
    why, the fingerprint of its valid signature and whether its checklist was found.
    Whom the signer is trusted by is decided apart (:func:`trusted`), from the trust folder."""

    state: Literal["verified", "unverified", "legacy"]
    reason: str = ""
    key: str = ""
    """Fingerprint of the key whose signature is valid ("" when unsigned)."""
    previous: str | None = None
    found: bool = False
    """Its checklist was found by sha256 and the result re-scored against it."""


def assess(data: Mapping[str, Any], result: Result, *, name: str, lang: str = "en",
           checklists: Iterable[str] = (), trust: str | None = None) -> Integrity:
    """The integrity of ``result`` (read from ``data`` in file ``name``).

    Raises :class:`TamperedError` when anything contradicts: its own scores,
    its checklist re-scored (when found by sha256), or its signature. ``trust``
    is a folder of trusted public keys (default ``$BRANCHCHECK_TRUST``).
    """
    return trusted(verdict(data, result, name=name, lang=lang, checklists=checklists),
                   result.branch, lang, trust)


def verdict(data: Mapping[str, Any], result: Result, *, name: str, lang: str = "en",
            checklists: Iterable[str] = ()) -> Verdict:
    """The :class:`Verdict` of ``result`` (read from ``data`` in file ``name``);
    :class:`TamperedError` when anything contradicts (see :func:`assess`)."""
    from branchcheck.integrity.consistency import tamper_problems

    legacy = data.get("format") == LEGACY_FORMAT
    problems = tamper_problems(result, lang, legacy=legacy)
    linked = [k for k in ("previous", "previous_file", "signature", "source",
                          "inspector_unit") if k in data]
    if legacy and linked:
        problems.append(t(lang, f"旧格式的结果不可能有 {', '.join(linked)}（被降级过）",
                          f"a result in the old format cannot have {', '.join(linked)} "
                          "(downgraded)"))
    elif not legacy and "previous" not in data:
        problems.append(t(lang, "缺少链接字段 previous（被删除过）",
                          "the chain field 'previous' is missing (removed)"))
    if data.get("inspector_unit") is not None and data.get("source", "self") == "self":
        problems.append(t(lang, "自查结果不可能有检查单位 inspector_unit",
                          "a self-check cannot name an inspector_unit"))
    fp = ""
    if data.get("signature") is not None:
        from branchcheck.integrity import signing

        fp, bad = signing.check_signature(data, lang)
        if bad:
            problems.append(bad)
    from branchcheck.integrity.against import find_checklist, problems_against

    state: Any
    checklist, reason = find_checklist(result, checklists, lang)
    if checklist is not None:
        problems.extend(problems_against(result, checklist, lang, legacy=legacy))
        if legacy:
            problems.extend(_legacy_band(data, checklist, lang))
    if legacy:
        state = "legacy"
        reason = legacy_reason(reason, lang)
    else:
        state = "verified" if checklist is not None else "unverified"
    if problems:
        raise TamperedError(
            t(lang, f"{name}：结果似乎被手工修改过：分数与答案、检查表或签名不符",
              f"{name}: result looks hand-edited: it does not match its answers, its "
              "checklist or its signature"),
            [Problem(name, 0, 0, "tampered", msg) for msg in problems],
        )
    previous = data.get("previous")
    return Verdict(state=state, reason=reason, key=fp,
                   previous=previous if isinstance(previous, str) else None,
                   found=checklist is not None)


def trusted(v: Verdict, branch: str, lang: str = "en", trust: str | None = None) -> Integrity:
    """The :class:`Integrity` of a result of ``branch`` with verdict ``v``: its signer
    looked up in the trust folder ``trust`` (default ``$BRANCHCHECK_TRUST``)."""
    signature: Any = "none"
    signer = wrong_branch = ""
    reason = v.reason
    if v.key:
        from branchcheck.integrity import signing

        folder = trust or os.environ.get(signing.TRUST_ENV)
        keys = signing.trusted_keys(folder, lang)
        signature, signer = ("untrusted", v.key)
        if v.key in keys and signing.may_sign(folder, keys[v.key], branch, lang):
            signature, signer = ("trusted", keys[v.key])
        elif v.key in keys:
            wrong_branch = keys[v.key]
    if signature == "untrusted":
        note = untrusted_note(signer, lang, wrong_branch, branch)
        reason = f"{reason}; {note}" if reason else note
    return Integrity(state=v.state, reason=reason, signature=signature, signer=signer, key=v.key,
                     previous=v.previous)


def legacy_reason(not_found: str, lang: str) -> str:
    """Why a result of the old format is not fully trusted: no chain and no signature,
    and whether it was re-scored against its checklist (``not_found`` says why not)."""
    head = t(lang, "旧版本保存的结果（无链、无签名）", "stored by an older version (no chain, "
             "no signature)")
    if not_found:
        return f"{head}{t(lang, '；', '; ')}{not_found}"
    return head + t(lang, "；已按其检查表重新计分，结果一致",
                    "; re-scored against its checklist: it matches")


def untrusted_note(fingerprint: str, lang: str, name: str = "", branch: str = "") -> str:
    """The reason given for a result signed by a key not in the trust folder, or (``name``)
    by a trusted key that may not sign for the result's ``branch``."""
    if name:
        return t(lang, f"签名密钥 {name}（{fingerprint}）无权为网点 {branch} 签名"
                       f"（见信任文件夹中的 branches.yaml）",
                 f"signed by key {name} ({fingerprint}), which may not sign for branch "
                 f"{branch} (see branches.yaml in the trust folder)")
    return t(lang, f"签名密钥 {fingerprint} 不在信任列表中",
             f"signed by an untrusted key {fingerprint}")


def tampered(reason: str) -> Integrity:
    """The verdict listed for a file that could not be believed (``reason`` says why)."""
    return Integrity(state="tampered", reason=reason)


def label(integrity: Integrity | None, lang: str) -> str:
    """A short word for tables: verified, unverified, legacy, tampered (and the signer)."""
    if integrity is None:
        return ""
    word = {"verified": t(lang, "已核验", "verified"),
            "unverified": t(lang, "未核验", "UNVERIFIED"),
            "legacy": t(lang, "旧格式", "legacy"),
            "tampered": t(lang, "被篡改", "TAMPERED")}[integrity.state]
    if integrity.signature == "trusted":
        word += t(lang, f"，{integrity.signer} 签名", f", signed {integrity.signer}")
    elif integrity.signature == "untrusted":
        word += t(lang, "，签名者不受信任", ", UNTRUSTED signer")
    return word


FIELD = "integrity"
"""The name of the verdict in every output: a JSON field (:func:`as_dict`), and the
first of the CSV columns :data:`CSV_COLUMNS`."""

CSV_COLUMNS = (FIELD, f"{FIELD}_signature", f"{FIELD}_signer", f"{FIELD}_reason")
"""The verdict in CSV outputs: state, signature (none/trusted/untrusted), signer
(a trusted key's name, or an untrusted key's fingerprint) and reason."""


def as_dict(integrity: Integrity | None) -> dict[str, Any] | None:
    """Integrity as plain data for JSON outputs (under the key :data:`FIELD`)."""
    if integrity is None:
        return None
    return {"state": integrity.state, "ok": integrity.ok, "reason": integrity.reason,
            "signature": integrity.signature, "signer": integrity.signer or None,
            "previous": integrity.previous}


def csv_cells(integrity: Integrity | None) -> tuple[str | None, ...]:
    """The cells of :data:`CSV_COLUMNS` (all empty for a result not read from a file)."""
    if integrity is None:
        return (None,) * len(CSV_COLUMNS)
    return (integrity.state, integrity.signature, integrity.signer or None,
            integrity.reason or None)


def _legacy_band(data: Mapping[str, Any], checklist: Any, lang: str) -> list[str]:
    """A knocked-out result of the old format stored without the bands holds the band the
    scores then gave (read back as the red-line grade): it must be the checklist's band
    for its final score, label and all, or it was edited."""
    from branchcheck.core.scoring import grade_for

    stored = data.get("grade")
    if not (data.get("knocked_out") and isinstance(stored, dict)
            and not data["checklist"].get("grades")):
        return []
    band = grade_for(checklist.grades, data["overall"]["final"])
    label = stored.get("label")
    same = band is not None and stored.get("min") == band.min and (
        label == dict(band.label) or (isinstance(label, str) and dict(band.label) == {"": label}))
    return [] if same else [t(lang, "等级与检查表按得分给出的等级不符",
                              "the grade differs from the checklist's band for the score")]
