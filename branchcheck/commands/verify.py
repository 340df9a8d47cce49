"""``branchcheck verify``: walk the chain of a branch's results and check every link."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from branchcheck.commands.options import UiLangOption, check_choice
from branchcheck.core.errors import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from branchcheck.results.chain import Chain

FORMATS = ("text", "json")


def verify(
    branch: Annotated[str, typer.Option(
        "--branch", "-b", metavar="ID", show_default=False, help="Branch to verify.")],
    checklist: Annotated[str | None, typer.Option(
        "--checklist", "-c", metavar="ID",
        help="Only this checklist id (default: every checklist of the branch).")] = None,
    results_dir: Annotated[str | None, typer.Option(
        "--results-dir", metavar="DIR",
        help="Results folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results).")] = None,
    checklists: Annotated[list[str] | None, typer.Option(
        "--checklists", metavar="PATH",
        help="Checklist file or folder to verify results against, besides the bundled "
             "ones and $BRANCHCHECK_CHECKLISTS (repeatable).")] = None,
    trust: Annotated[str | None, typer.Option(
        "--trust", metavar="DIR", envvar="BRANCHCHECK_TRUST", show_envvar=True,
        help="Folder of trusted public keys (<signer>.pub).")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="text|json", help="Output: text or json.")] = "text",
    cache: Annotated[bool, typer.Option(
        "--cache/--no-cache", help="Skip parsing files whose exact bytes this user verified "
                                   "before (remembered under ~/.cache, HMAC-protected).")] = True,
    lang: UiLangOption = None,
) -> int:
    """Verify a branch's stored results: each against its checklist and signature, and
    the chain that links them (a deleted, edited, inserted or forked result).

    Exit 0 when everything verifies, 1 when anything is wrong (or a result cannot be
    verified: its checklist not found, or signed by an untrusted key), 2 for usage
    errors or no stored results.
    """
    from branchcheck.core.i18n import resolve_lang
    from branchcheck.integrity.signing import trusted_keys
    from branchcheck.results import storage
    from branchcheck.results.chain import walk
    from branchcheck.results.history import check_checklist_id, stored_of

    check_choice(fmt, FORMATS)
    ui = resolve_lang(lang)
    storage.check_branch(branch, ui)
    if checklist is not None:
        check_checklist_id(checklist, ui)
    trusted_keys(trust, ui)  # a missing or bad trust folder is an error before any reading
    root = storage.results_dir(results_dir)
    ids = sorted({s.checklist_id for s in stored_of(root, branch, checklist, ui)})
    chains = [walk(root, branch, ck, checklists=checklists or (), trust=trust, lang=ui,
                   use_cache=cache) for ck in ids]
    if fmt == "json":
        sys.stdout.write(json.dumps([_as_dict(c) for c in chains], ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        _text(chains, ui)
    sys.stdout.flush()
    return EXIT_OK if all(c.ok for c in chains) else EXIT_FAILED


def _as_dict(chain: Chain) -> dict[str, object]:
    from branchcheck.integrity.assess import as_dict

    return {
        "branch": chain.branch, "checklist": chain.checklist_id, "ok": chain.ok,
        "problems": chain.problems, "warnings": chain.warnings,
        "results": [{"path": x.path, "finished": x.finished or None,
                     "stored": x.stored or None, "late_entry": x.late,
                     "after_visit": x.after or None, "sha256": x.digest,
                     "previous": x.previous, "tampered": x.tampered, "error": x.error or None,
                     "integrity": as_dict(x.integrity)} for x in chain.links],
    }


def _text(chains: list[Chain], lang: str) -> None:
    from branchcheck.core.i18n import t
    from branchcheck.core.textsafe import term

    out = sys.stdout
    for chain in chains:
        signed = sum(1 for x in chain.links
                     if x.integrity is not None and x.integrity.signature == "trusted")
        head = f"{chain.branch} / {chain.checklist_id}"
        count = len(chain.links)
        late = sum(1 for x in chain.links if x.late)
        apart = t(lang, f"，{late} 个补录", f", {late} late entries (补录)") if late else ""
        after = sum(1 for x in chain.links if x.after)
        if after:  # stored after the visit by nature: imported, or re-scored on appeal
            apart += t(lang, f"，{after} 个暗访导入或申诉改分",
                       f", {after} imported or re-scored on appeal")
        if chain.ok:
            out.write(t(lang, f"通过 {head}：{count} 个结果，链完整，均已核验"
                              f"（{signed} 个有可信签名{apart}）\n",
                        f"OK {head}: {count} results, chain intact, all verified "
                        f"({signed} with a trusted signature{apart})\n"))
        else:
            n = len(chain.problems)
            out.write(t(lang, f"不通过 {head}：{count} 个结果，发现 {n} 个问题：\n",
                        f"FAILED {head}: {count} results, {n} problems:\n"))
        for problem in chain.problems:
            out.write(f"  - {term(problem)}\n")
        for warning in chain.warnings:
            out.write(f"  ! {term(warning)}\n")
