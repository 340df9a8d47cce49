"""A warehouse file is untrusted input: what a connection may do, and what the file may hold.

Every connection (:mod:`branchcheck.network.warehouse`) is opened with no extension
loaded or installed on demand and no file or network access from SQL, except the one
folder an ingest stages its rows in or an export writes to; then the configuration
is locked, so no query can change it (threads, memory, access).

Before any query touches the data, :func:`check_shape` compares the file's catalogue
with the one branchcheck's own migrations make: the same tables with the same columns,
and nothing else -- no views, macros, sequences, types, indexes, schemas or
constraints. A view could read the user's files while a view is computed or copy them
into an export; a macro or a column default could run when a table is read or written.
Such a file is refused with the name of the first unexpected object.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import InputError
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

SAFE_CONFIG: Mapping[str, Any] = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
}
"""Given when a connection opens (these cannot be set later by a query: the
configuration is locked by :func:`lock_down`)."""

# Objects that are never part of a warehouse, whatever its schema version.
_OTHERS = (
    "SELECT 'view', schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal",
    "SELECT 'macro', schema_name || '.' || function_name FROM duckdb_functions()"
    " WHERE NOT internal",
    "SELECT 'sequence', schema_name || '.' || sequence_name FROM duckdb_sequences()",
    "SELECT 'type', schema_name || '.' || type_name FROM duckdb_types() WHERE NOT internal",
    "SELECT 'index', schema_name || '.' || index_name FROM duckdb_indexes()",
    "SELECT 'schema', schema_name FROM duckdb_schemas() WHERE NOT internal",
    "SELECT 'constraint', schema_name || '.' || table_name || ': ' || constraint_text"
    " FROM duckdb_constraints() WHERE constraint_type <> 'NOT NULL'",
)
# The tables and their columns: what the migrations made, exactly.
_TABLES = (
    "SELECT 'column', schema_name || '.' || table_name || '.' || column_name || ' '"
    " || data_type || CASE WHEN is_nullable THEN '' ELSE ' NOT NULL' END"
    " || coalesce(' DEFAULT ' || column_default, '')"
    " || CASE WHEN is_generated THEN ' GENERATED' ELSE '' END"
    " FROM duckdb_columns() WHERE NOT internal AND database_name = current_database()",
    "SELECT 'table', schema_name || '.' || table_name FROM duckdb_tables()"
    " WHERE database_name = current_database()",
)
_expected: dict[int, frozenset[tuple[str, str]]] = {}


def lock_down(con: DuckDBPyConnection, folders: Iterable[Path] = ()) -> None:
    """No file or network access from SQL (except under ``folders``), then lock the
    configuration."""
    allowed = [os.path.realpath(f) + os.sep for f in folders]
    if allowed:
        con.execute("SET allowed_directories = $1", [allowed])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _shape(con: DuckDBPyConnection, queries: Iterable[str]) -> frozenset[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for query in queries:
        found.update((str(k), str(v)) for k, v in con.execute(query).fetchall())
    return frozenset(found)


def expected(version: int) -> frozenset[tuple[str, str]]:
    """The tables and columns of a warehouse at schema ``version`` (made in memory)."""
    if version not in _expected:
        import duckdb

        from branchcheck.network.warehouse import MIGRATIONS

        mem = duckdb.connect(":memory:", config=dict(SAFE_CONFIG))
        try:
            for step in MIGRATIONS[:version]:
                for statement in step:
                    mem.execute(statement)
            _expected[version] = _shape(mem, _TABLES)
        finally:
            mem.close()
    return _expected[version]


def check_objects(con: DuckDBPyConnection, path: Path, lang: str) -> None:
    """Refuse a file holding anything but tables (before the schema version is read)."""
    extra = sorted(_shape(con, _OTHERS))
    if extra:
        raise _refused(path, extra[0], lang)


def check_tables(con: DuckDBPyConnection, version: int, path: Path,
                 lang: str) -> frozenset[tuple[str, str]]:
    """Refuse a file whose tables or columns are not those of schema ``version``; what it
    has (``("column", "main.table.column TYPE ...")`` and ``("table", ...)`` pairs)."""
    have, want = _shape(con, _TABLES), expected(version)
    if have != want:
        first = sorted(have - want) or sorted((("missing " + k, v) for k, v in want - have))
        raise _refused(path, first[0], lang)
    return have


def _refused(path: Path, what: tuple[str, str], lang: str) -> InputError:
    from branchcheck.core.textsafe import term

    kind, name = what
    return InputError(t(
        lang, f"{path}：不是 branchcheck 写入的仓库（含有意外的对象：{kind} {term(name)}）；"
              "为安全起见拒绝使用",
        f"{path}: not a warehouse as branchcheck writes it (unexpected {kind} "
        f"{term(name)}); refused for safety"))
