"""Export the warehouse as a Hive-partitioned Parquet dataset, written by DuckDB.

The connection may write only under the target's parent folder, and is opened with
``preserve_insertion_order`` off (rows need not keep their order in the files:
DuckDB writes faster without). Layout (docs/network.md): ``results/``, ``sections/``
and ``items/``, each partitioned as ``checklist=<id>/month=<YYYY-MM>/``, plus
``units/``, ``texts/``, ``actions/`` (the corrective actions) and ``complaints/`` (the
complaint cases: dates and counts, no customer data). The dataset is written to a temporary
folder beside the target and renamed into place, so a failed export leaves
nothing half-written.
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

# Each result's partition, worked out once per result rather than once per row.
_PARTS = ("(SELECT rid, checklist_id AS checklist, checklist_version, "
          "strftime(day, '%Y-%m') AS month FROM results)")
PARTITIONED = {
    "results": "SELECT r.*, r.checklist_id AS checklist, strftime(r.day, '%Y-%m') AS month "
               "FROM results r",
    "sections": "SELECT s.*, r.checklist, r.month FROM sections s "
                f"JOIN {_PARTS} r ON r.rid = s.rid",
    # The full answer in ``value`` and the item's section, for analysts.
    "items": "SELECT i.rid, i.item_id, x.section AS section_id, i.status, i.fraction, "
             "coalesce(i.value, i.status) AS value, i.note, i.critical, r.checklist, r.month "
             f"FROM items i JOIN {_PARTS} r ON r.rid = i.rid LEFT JOIN texts x "
             "ON x.kind = 'item' AND x.checklist_id = r.checklist "
             "AND x.checklist_version = r.checklist_version AND x.id = i.item_id",
}
PLAIN = {"units": "SELECT * FROM units", "texts": "SELECT * FROM texts",
         "actions": "SELECT * FROM actions", "complaints": "SELECT * FROM complaints"}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


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
        for name, query in PARTITIONED.items():
            counts[name] = _count(con, name)
            if counts[name]:
                con.execute(f"COPY ({query}) TO {_literal(tmp / name)} "
                            "(FORMAT PARQUET, PARTITION_BY (checklist, month))")
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
