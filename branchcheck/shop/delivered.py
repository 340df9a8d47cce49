"""Storing a third party's delivery: one result per visit, source ``mystery-shopper``.

Nothing is stored from a delivery with problems unless ``partial``; a visit
already stored (same outlet and visit id, or the same outlet, date, slot, time,
shopper and scenario) is not stored again: the same delivery imported twice
stores nothing new, and a visit whose answers changed since is a problem (a
correction goes through an appeal, docs/shop.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from branchcheck.core.errors import BranchcheckError, InputError, Problem
from branchcheck.core.i18n import t
from branchcheck.shop.importer import Row, visit_key

SOURCE = "mystery-shopper"


@dataclass
class Outcome:
    """What an import did, row by row."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Rows of a status (stored, unchanged, error)."""
        return sum(1 for r in self.rows if r["status"] == status)


def stored_visits(root: Path, branches: set[str], checklist: str) -> dict[str, str]:
    """The visits already stored under ``root``: key -> digest of the row they came from."""
    from branchcheck.results.storage import iter_stored, read_result

    found: dict[str, str] = {}
    for branch in sorted(branches):
        for stored in iter_stored(root, branch, checklist):
            try:
                result = read_result(stored.path, verify=False, root=root)
            except BranchcheckError:
                continue  # not ours to judge here: verify and ingest report it
            if result.visit:
                digest = (result.visit.get("delivery") or {}).get("sha256", "")
                found.setdefault(visit_key(result.branch, dict(result.visit)), digest)
    return found


def import_delivery(path: str, mapping_path: str, root: Path, *, partial: bool,
                    lang: str) -> Outcome:
    """Read, check and store the visits of a delivery (see the module)."""
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.shop import delivery, mapping
    from branchcheck.shop.importer import read_rows

    mp = mapping.load(mapping_path, lang=lang)
    ck = load_checklist(mapping.checklist_ref(mapping_path, mp.checklist), lang=lang)
    table = delivery.read(path, sheet=mp.sheet, header_row=mp.header_row, lang=lang)
    rows, problems = read_rows(table, mp, ck)
    out = Outcome(problems=problems)
    bad_lines = {p.line for p in problems}
    existing = stored_visits(root, {r.branch for r in rows}, ck.id)
    seen: dict[str, int] = {}
    todo: list[Row] = []
    for row in rows:
        where = table.cell(row.line, 0)
        if row.key in seen:
            problems.append(Problem(table.file, row.line, 1, "duplicate-visit",
                                    t(lang, f"{where}：与第 {seen[row.key]} 行是同一次暗访",
                                      f"{where}: the same visit as row {seen[row.key]}")))
            bad_lines.add(row.line)
            continue
        seen[row.key] = row.line
        if row.key in existing:
            if existing[row.key] == row.digest:
                out.rows.append(_entry(row, "unchanged"))
                continue
            problems.append(Problem(table.file, row.line, 1, "changed-visit", t(
                lang, f"{where}：该次暗访已导入，但内容不同；更正请走申诉（shop appeal）",
                f"{where}: this visit was imported before with other content; a correction "
                "goes through an appeal (shop appeal)")))
            bad_lines.add(row.line)
            continue
        todo.append(row)
    for line in sorted(bad_lines):
        out.rows.append({"row": line, "status": "error"})
    if problems and not partial:
        raise InputError(t(lang, f"{path}：交付文件有 {len(problems)} 处问题，未保存任何结果"
                                 "（--partial 可保存无误的行）",
                           f"{path}: {len(problems)} problems in the delivery; nothing stored "
                           "(--partial stores the rows without problems)"), problems)
    for row in sorted(todo, key=lambda r: (r.branch, r.finished, r.line)):
        out.rows.append(_entry(row, "stored", _store(row, ck, mp.firm, table, root, lang)))
    out.rows.sort(key=lambda r: int(r["row"]))
    return out


def _entry(row: Row, status: str, path: Path | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"row": row.line, "outlet": row.branch,
                             "visit": row.visit.get("id"), "date": row.visit["date"],
                             "status": status}
    if path is not None:
        entry["file"] = str(path)
    return entry


def _store(row: Row, ck: Any, firm: str, table: Any, root: Path, lang: str) -> Path:
    """Score and store one visit (chained like any result; its 整改 opened as any check's)."""
    from branchcheck.actions.hook import after_store
    from branchcheck.core.scoring import make_result
    from branchcheck.results.chain import store_result

    result = make_result(ck, row.answers, branch=row.branch, reviewer=firm or SOURCE,
                         lang=lang, started=row.finished, finished=row.finished)
    origin = {"file": os.path.basename(table.file)[:255], "row": row.line,
              "sha256": row.digest}
    if table.sheet:
        origin["sheet"] = table.sheet
    result = replace(result, source=SOURCE, visit={**row.visit, "delivery": origin})
    stored = store_result(result, root=root, lang=lang)
    after_store(root, stored, result, ck)
    return stored
