"""Export the warehouse as a Hive-partitioned Parquet dataset, written by DuckDB.

The connection may write only under the target's parent folder, and is opened with
``preserve_insertion_order`` off (rows need not keep their order in the files:
DuckDB writes faster without). Each partition is written by its own query, so
memory stays bounded by one partition whatever the warehouse holds.

Layout (docs/network.md): ``results/``, ``sections/`` and ``items/``, each
partitioned as ``checklist=<id>/month=<YYYY-MM>/``, plus ``units/``, ``texts/``,
``actions/`` (the corrective actions), ``complaints/`` (the complaint cases:
dates and counts, no customer data) and ``visits/`` (mystery shoppers' visit records:
no shopper, no teller). The dataset is written to a temporary folder
beside the target and renamed into place, so a failed export leaves nothing
half-written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from branchcheck.core.errors import StorageError, UsageError
from branchcheck.core.fsafe import temp_dir
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

# One query per table and partition (checklist, month), so memory is bounded by one
# partition's row groups, not by every partition's open writer at once (COPY's
# PARTITION_BY kept all of them: ~2.5 GB for 69 M item rows). ``{where}`` picks the
# partition's results; ``{lo}``/``{hi}`` are their smallest and largest rid, so DuckDB
# skips the row groups of other months (rids grow as results are ingested). The
# partition columns are in the folder names (Hive layout), not in the files.
PARTITIONED = {
    "results": "SELECT r.* FROM results r WHERE {where}",
    "sections": "SELECT s.* FROM sections s JOIN (SELECT rid FROM results r WHERE {where}) r "
                "ON r.rid = s.rid WHERE s.rid BETWEEN {lo} AND {hi}",
    # The full answer in ``value`` and the item's section, for analysts.
    "items": "SELECT i.rid, i.item_id, x.section AS section_id, i.status, i.fraction, "
             "coalesce(i.value, i.status) AS value, i.note, i.critical FROM items i "
             "JOIN (SELECT rid, checklist_id, checklist_version FROM results r WHERE {where}) r "
             "ON r.rid = i.rid LEFT JOIN texts x ON x.kind = 'item' "
             "AND x.checklist_id = r.checklist_id AND x.checklist_version = r.checklist_version "
             "AND x.id = i.item_id WHERE i.rid BETWEEN {lo} AND {hi}",
}
_MONTH = "strftime(r.day, '%Y-%m')"
MEMORY = "512MB"
"""DuckDB's memory limit while exporting (its cache of the warehouse included): the
export's peak stays near 350 MB however many months the warehouse holds."""
PLAIN = {"units": "SELECT * FROM units", "texts": "SELECT * FROM texts",
         "actions": "SELECT * FROM actions", "complaints": "SELECT * FROM complaints",
         "visits": "SELECT * FROM visits"}


def _literal(path: Path) -> str:
    return _text(str(path))


def _text(value: str) -> str:
    """An SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _part(value: str) -> str:
    """A partition value as a Hive folder name (``/``, ``=``, ``%`` and the like
    percent-encoded; checklist ids and months have none)."""
    from urllib.parse import quote

    return quote(value, safe="-_.")


def export(con: DuckDBPyConnection, target: Path, *, lang: str = "en",
           force: bool = False) -> dict[str, int]:
    """Write the dataset to ``target``; rows per table. ``target`` must not exist, or
    with ``force`` be an earlier export (a folder holding only the dataset's tables),
    which is replaced only once the new one is complete."""
    old = _replaceable(target, lang) if force else None
    if old is None and (target.exists() or target.is_symlink()):
        raise UsageError(t(lang, f"{target} 已存在；请指定一个新文件夹，或加 --force "
                                 "替换先前的导出",
                           f"{target} already exists; give a new folder, or --force to "
                           "replace an earlier export"))
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_dir(parent, target.name)
    try:
        counts: dict[str, int] = {}
        parts = con.execute(f"SELECT checklist_id, {_MONTH} AS month, min(rid), max(rid) "
                            "FROM results r GROUP BY ALL ORDER BY ALL").fetchall()
        for name, query in PARTITIONED.items():
            counts[name] = _count(con, name)
            for checklist, month, lo, hi in parts if counts[name] else ():
                folder = tmp / name / f"checklist={_part(checklist)}" / f"month={_part(month)}"
                folder.mkdir(parents=True)
                where = f"r.checklist_id = {_text(checklist)} AND {_MONTH} = {_text(month)}"
                sql = query.format(where=where, lo=int(lo), hi=int(hi))
                con.execute(f"COPY ({sql}) TO {_literal(folder / 'data_0.parquet')} "
                            "(FORMAT PARQUET)")
        for name, query in PLAIN.items():
            counts[name] = _count(con, name)
            (tmp / name).mkdir()
            con.execute(f"COPY ({query}) TO {_literal(tmp / name / (name + '.parquet'))} "
                        "(FORMAT PARQUET)")
        if old is not None:  # the earlier export goes only now, and aside first
            aside = temp_dir(parent, "old-" + target.name)
            os.rename(target, aside / target.name)
            os.rename(tmp, target)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise StorageError(t(lang, f"无法写入 {target}：{exc.strerror or exc}",
                                 f"cannot write {target}: {exc.strerror or exc}")) from None
        raise
    return counts


def _replaceable(target: Path, lang: str) -> Path | None:
    """``target`` if ``--force`` may replace it (a real folder of an earlier export);
    None when it does not exist; a usage error for anything else."""
    if not target.exists() and not target.is_symlink():
        return None
    tables = set(PARTITIONED) | set(PLAIN)
    if target.is_symlink() or not target.is_dir() or any(
            entry.name not in tables for entry in target.iterdir()):
        raise UsageError(t(lang, f"{target} 不是先前的导出（只能含 {'、'.join(sorted(tables))}）；"
                                 "--force 不会替换它",
                           f"{target} is not an earlier export (it may hold only "
                           f"{', '.join(sorted(tables))}); --force does not replace it"))
    return target


def _count(con: DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0
