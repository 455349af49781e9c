"""Load: build the DuckDB file from the current Parquet tables, aside, then swap it in.

DuckDB locks a file for its writer, readers included. So the load never opens the live
file: it builds ``.tmp/cables.duckdb.<run>`` and renames it over ``cables.duckdb``. An
analyst who has the old file open keeps reading their snapshot (the old inode); the next
connection sees the new one. The file is written in storage version v1.5.0 so the official
``duckdb`` shell (1.5.x on PyPI) opens it too.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl

from flows.settings import Settings
from transforms.schema import Table
from transforms.tables import LOAD_RUNS, TABLES

STORAGE_VERSION = "v1.5.0"

_DUCKDB_TYPES = {
    pl.String(): "VARCHAR",
    pl.List(pl.String()): "VARCHAR[]",
    pl.Date(): "DATE",
    pl.Datetime("us", "UTC"): "TIMESTAMPTZ",
    pl.Datetime("us"): "TIMESTAMP",
    pl.Boolean(): "BOOLEAN",
    pl.Int16(): "SMALLINT",
    pl.Int32(): "INTEGER",
    pl.Int64(): "BIGINT",
}


def quoted(name: str) -> str:
    # `references` is a reserved word in SQL; quote every identifier the same way.
    return '"' + name.replace('"', '""') + '"'


def ddl(table: Table) -> str:
    """CREATE TABLE for ``table`` from its declaration in ``transforms/tables``."""
    lines = [
        f"    {quoted(c.name)} {_DUCKDB_TYPES[c.dtype]}{'' if c.nullable else ' NOT NULL'}"
        for c in table.columns
    ]
    if table.name not in ("rejects", "duplicates"):  # their keys may hold nulls
        lines.append(f"    PRIMARY KEY ({', '.join(quoted(k) for k in table.key)})")
    return f"CREATE TABLE {quoted(table.name)} (\n" + ",\n".join(lines) + "\n)"


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


def build_duckdb(settings: Settings, run_id: str) -> dict[str, int]:
    """Load every table into a fresh DuckDB file and swap it in; returns rows per table."""
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = settings.tmp_dir / f"cables.duckdb.{run_id}"
    tmp.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        path = str(tmp).replace("'", "''")
        con.execute(f"ATTACH '{path}' AS w (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("USE w")
        for table in (*TABLES, LOAD_RUNS):
            folder = settings.current_link / table.name if table is not LOAD_RUNS else (
                settings.load_runs_path.parent)
            con.execute(ddl(table))
            if any(folder.rglob("*.parquet")):
                con.execute(f"INSERT INTO {quoted(table.name)} BY NAME "
                            + load_sql(settings, table, folder))
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
