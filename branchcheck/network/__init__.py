"""Network roll-up: an organisation directory, a DuckDB warehouse of results and views.

The directory itself is :mod:`branchcheck.org.directory`. ``calendar`` (periods,
business days), ``warehouse`` (schema, migrations, connections), ``ingest``, ``scope``
(what a view looks at), ``views`` (league, missing, items, trend), ``tables`` (their
columns), ``report``, ``export`` (Parquet) and ``sample``. duckdb is imported only
inside functions that need it.
"""

from __future__ import annotations

from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
"""Portable SQL (DuckDB, Spark SQL, Trino) over the Parquet export."""
