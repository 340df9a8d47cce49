"""``network sql``: one analyst's query, bounded.

The query must be one statement, and a ``SELECT`` (or ``EXPLAIN``): the warehouse is
opened read-only, with no file, network or extension access, and its configuration
locked (:mod:`branchcheck.network.guard`), so a query cannot raise its own memory or
thread limits. It is stopped when it runs longer than ``timeout`` seconds or returns
more than ``max_rows`` rows, and by Ctrl-C (exit 130). Memory is capped by DuckDB's
``memory_limit``, given when the warehouse is opened (:data:`MEMORY`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

from branchcheck.core.errors import InputError
from branchcheck.core.i18n import t

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

TIMEOUT = 60.0
"""Default seconds a query may run (a setting: ``--timeout``)."""
MEMORY = "2GB"
"""Default memory DuckDB may use for a query (a setting: ``--memory``)."""
MAX_ROWS = 1_000_000
"""Default rows a query may return (a setting: ``--max-rows``)."""
_KINDS = ("SELECT", "EXPLAIN")


def one_statement(query: str, lang: str = "en") -> str:
    """The single SELECT (or EXPLAIN) statement in ``query``; anything else is refused."""
    import duckdb

    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise _sql_error(exc, lang) from None
    if len(statements) != 1:
        raise InputError(t(lang, f"network sql 只运行一条语句；收到 {len(statements)} 条",
                           f"network sql runs one statement; {len(statements)} were given"))
    kind = str(statements[0].type).rsplit(".", 1)[-1]
    if kind not in _KINDS:
        raise InputError(t(lang, f"network sql 只运行查询（SELECT）；收到 {kind}",
                           f"network sql runs a query (SELECT) only; this is {kind}"))
    return str(statements[0].query)


def run(con: DuckDBPyConnection, query: str, lang: str = "en", *, timeout: float = TIMEOUT,
        max_rows: int = MAX_ROWS) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names (made unique) and rows of the analyst's query."""
    import duckdb

    statement = one_statement(query, lang)
    with _stoppable(con, timeout) as why:
        try:
            cursor = con.execute(statement)
            names = [str(d[0]) for d in cursor.description or ()]
            rows = cursor.fetchmany(max_rows + 1) if names else []
        except duckdb.InterruptException:
            if why.get("timeout"):
                raise InputError(t(lang, f"查询运行超过 {timeout:g} 秒，已停止（--timeout）",
                                   f"the query ran longer than {timeout:g} s and was stopped "
                                   "(--timeout)")) from None
            raise KeyboardInterrupt from None
        except duckdb.Error as exc:
            raise _sql_error(exc, lang) from None
    if len(rows) > max_rows:
        raise InputError(t(lang, f"查询返回超过 {max_rows} 行；请加 LIMIT 或聚合（--max-rows）",
                           f"the query returns more than {max_rows} rows; add a LIMIT or "
                           "aggregate (--max-rows)"))
    unique: list[str] = []
    for n in names:
        name, k = n, 1
        while name in unique:
            k += 1
            name = f"{n}_{k}"
        unique.append(name)
    return unique, [dict(zip(unique, r, strict=True)) for r in rows]


@contextmanager
def _stoppable(con: DuckDBPyConnection, timeout: float) -> Iterator[dict[str, bool]]:
    """Interrupt the running query after ``timeout`` seconds or on Ctrl-C; the dict says
    which happened."""
    why: dict[str, bool] = {}

    def expire() -> None:
        why["timeout"] = True
        con.interrupt()

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        why["sigint"] = True
        con.interrupt()

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if main else None
    timer.start()
    try:
        yield why
    finally:
        timer.cancel()
        if main:
            signal.signal(signal.SIGINT, previous)
    if why.get("sigint"):
        raise KeyboardInterrupt


def _sql_error(exc: Exception, lang: str) -> InputError:
    text = str(exc).strip() or type(exc).__name__
    return InputError(t(lang, f"SQL 错误：{text}", f"SQL error: {text}"))
