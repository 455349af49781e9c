"""Load: the DuckDB file, built aside and swapped in, whose tables are views of one version.

The Parquet set that ``publish`` wrote is the data; ``cables.duckdb`` holds a view per table
over that version's files (``.versions/<run>/<table>/``), the dimension tables from
``seeds/``, and ``load_runs``. So a load takes well under a second and the file stays small
(copying the text into DuckDB tripled the size of the data and took ~45 s at full scale).

DuckDB locks a file for its writer, readers included. So the load never opens the live file:
it builds ``.tmp/cables.duckdb.<run>`` and renames it over ``cables.duckdb``. An analyst who
has the old file open keeps querying their snapshot (the old inode's views point at the old
version, which ``publish`` keeps for a day); the next connection sees the new one. The file is
written in storage version v1.5.0 so the official ``duckdb`` shell (1.5.x on PyPI) opens it.
Its views use absolute paths: after moving the warehouse folder, run ``cables run`` again.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl

from flows.atomic import write_parquet_atomic
from flows.settings import Settings
from transforms.schema import Column, Table
from transforms.tables import LOAD_RUNS, TABLES

STORAGE_VERSION = "v1.5.0"

_DUCKDB_TYPES = {
    pl.String(): "VARCHAR",
    pl.List(pl.String()): "VARCHAR[]",
    pl.Date(): "DATE",
    pl.Datetime("us", "UTC"): "TIMESTAMP WITH TIME ZONE",
    pl.Datetime("us"): "TIMESTAMP",
    pl.Boolean(): "BOOLEAN",
    pl.Int16(): "SMALLINT",
    pl.Int32(): "INTEGER",
    pl.Int64(): "BIGINT",
}


def quoted(name: str) -> str:
    # `references` is a reserved word in SQL; quote every identifier the same way.
    return '"' + name.replace('"', '""') + '"'


def duckdb_type(column: Column) -> str:
    """The DuckDB type a declared column has in the warehouse (tests hold the views to it)."""
    return _DUCKDB_TYPES[column.dtype]


def load_sql(settings: Settings, table: Table, parquet_dir: Path) -> str:
    """The table's load query from ``sql/tables/<table>.sql``, pointed at its Parquet files."""
    text = (settings.sql_dir / "tables" / f"{table.name}.sql").read_text()
    glob = str(parquet_dir / "**" / "*.parquet").replace("'", "''")
    return text.replace("{parquet}", f"'{glob}'")


def _sql_files(settings: Settings, folder: str) -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted((settings.sql_dir / folder).glob("*.sql"))}


def load_dimensions(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """``sql/dimensions/<name>.sql``: reference tables read from ``seeds/`` CSVs."""
    seeds = str(settings.root / "seeds").replace("'", "''")
    for name, sql in _sql_files(settings, "dimensions").items():
        con.execute(f"CREATE TABLE {quoted(name)} AS " + sql.replace("{seeds}", seeds))


def create_views(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """``sql/views/<name>.sql``: one view each; a view may build on another view."""
    pending = _sql_files(settings, "views")
    while pending:
        failed: dict[str, str] = {}
        errors: dict[str, str] = {}
        for name, sql in pending.items():
            try:
                con.execute(f"CREATE VIEW {quoted(name)} AS " + sql)
            except duckdb.CatalogException as error:  # depends on a view not made yet
                failed[name], errors[name] = sql, str(error)
        if len(failed) == len(pending):
            raise RuntimeError(f"views that cannot be created: {errors}")
        pending = failed


def check_queries(settings: Settings) -> dict[str, str]:
    """``sql/checks/*.sql``: each must return zero rows on a sound warehouse."""
    return _sql_files(settings, "checks")


def open_read_only(settings: Settings,
                   error: type[Exception] = RuntimeError) -> duckdb.DuckDBPyConnection:
    """The warehouse's DuckDB file, read-only; ``error`` with one readable line if it cannot be
    opened (each caller passes the error type its own users see)."""
    if not settings.duckdb_path.exists():
        raise error(f"no warehouse at {settings.warehouse}: run `cables run` first")
    try:
        return duckdb.connect(str(settings.duckdb_path), read_only=True)
    except duckdb.Error as failure:
        raise error(f"cannot open {settings.duckdb_path}: "
                    f"{str(failure).splitlines()[0]}") from None


def ensure_load_runs(settings: Settings) -> None:
    """An empty `load_runs` file before the first run records itself, so the view binds."""
    if not settings.load_runs_path.exists():
        write_parquet_atomic(LOAD_RUNS.empty(), settings.load_runs_path, LOAD_RUNS)


def build_duckdb(settings: Settings, run_id: str, version: Path | None = None) -> dict[str, int]:
    """Make a fresh DuckDB file over ``version`` (default: the current one) and swap it in."""
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = settings.tmp_dir / f"cables.duckdb.{run_id}"
    # The caller holds the writer lock, so any aside file (and its .wal) is a killed run's.
    for stale in settings.tmp_dir.glob("cables.duckdb.*"):
        stale.unlink(missing_ok=True)
    version = (version or settings.current_link).resolve()
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        path = str(tmp).replace("'", "''")
        con.execute(f"ATTACH '{path}' AS w (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("USE w")
        for table in TABLES:
            con.execute(f"CREATE VIEW {quoted(table.name)} AS "
                        + load_sql(settings, table, version / table.name))
        # Run metadata is appended in place (each append renamed over the file), not
        # versioned: a view of the file, so a run that records itself after the load shows.
        ensure_load_runs(settings)
        con.execute(f"CREATE VIEW {quoted(LOAD_RUNS.name)} AS "
                    + load_sql(settings, LOAD_RUNS, settings.load_runs_path.parent))
        for table in (*TABLES, LOAD_RUNS):
            counts[table.name] = con.execute(
                f"SELECT count(*) FROM {quoted(table.name)}").fetchall()[0][0]
        load_dimensions(con, settings)
        create_views(con, settings)
        failures = {name: len(con.execute(sql).fetchall())
                    for name, sql in check_queries(settings).items()}
        bad = {name: n for name, n in failures.items() if n}
        if bad:
            raise RuntimeError(f"warehouse checks failed (rows returned): {bad}")
        con.execute("USE memory")
        con.execute("DETACH w")
    finally:
        con.close()
    os.replace(tmp, settings.duckdb_path)
    return counts
