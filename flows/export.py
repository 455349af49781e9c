"""Parquet hand-off: the warehouse's cable tables as a self-describing folder of files.

``export_dataset`` reads the DuckDB file read-only and writes ``DIR/<table>/<table>.parquet``
(zstd; sorted by year, then key; every row, a child's too, has its cable's ``year``),
``DIR/datapackage.json`` (Frictionless) and ``DIR/README.md`` (the data dictionary,
``flows/dictionary.py``).

One file per table, not one per year: Frictionless validates only the first file of a
resource that lists several (so its foreign keys would be checked against one year of
cables), and a filter on ``year`` still skips the other years' row groups by their
statistics. The file carries pandas' entry (``flows.table_files``), so pandas types it as
declared.

The ``where`` predicate is user text run as SQL. It is evaluated alone, in its own read-only
connection with file access switched off, and must form exactly one SELECT; it yields the set
of selected cable ids and nothing else. The connection that writes files never sees it.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from flows.dictionary import datapackage, datapackage_json, exported_columns, render_readme
from flows.publish_write import CABLES_ROW_GROUP_ROWS, ROW_GROUP_ROWS
from flows.settings import Settings
from flows.table_files import PANDAS_KEY, pandas_metadata
from flows.warehouse import open_read_only, quoted
from transforms.schema import Table
from transforms.tables import CABLE_TABLES

# The dataset is the cables and their child tables; rejects, duplicates, the ledger and the
# run log describe how the warehouse was built and stay in it.
EXPORTABLE: dict[str, Table] = {t.name: t for t in CABLE_TABLES}
PACKAGE_FILES = ("datapackage.json", "README.md")


class ExportError(ValueError):
    """A user-caused export problem: one readable line, no traceback."""


def export_dataset(settings: Settings, out_dir: Path, tables: Sequence[str] | None = None,
                   where: str | None = None) -> dict[str, int]:
    """Export ``tables`` (default: every cable table) to ``out_dir``; returns rows per table.

    ``where`` is a SQL predicate on ``cables`` (``year = 2008``, ``origin like 'Embassy %'``);
    it keeps the matching cables and the child rows of those cables only.
    """
    chosen = _chosen_tables(tables)
    if not settings.duckdb_path.exists():
        raise ExportError(f"no warehouse at {settings.duckdb_path}: run `cables run` first")
    # The predicate is checked before anything in out_dir is touched.
    selected = None if where is None else selected_cable_ids(settings, where)
    out_dir = Path(out_dir)
    _prepare(out_dir)

    rows: dict[str, int] = {}
    files: dict[str, str] = {}
    examples: dict[str, dict[str, object]] = {}
    con = open_read_only(settings, ExportError)
    try:
        if selected is not None:
            con.register("selected_cables", selected)
        for table in chosen:
            rows[table.name] = _write_table(con, table, out_dir, selected is not None)
            files[table.name] = exported_file(table)
            examples[table.name] = _examples(con, table, out_dir)
    finally:
        con.close()
    (out_dir / "datapackage.json").write_text(datapackage_json(datapackage(chosen, files, where)),
                                             encoding="utf-8")
    (out_dir / "README.md").write_text(render_readme(chosen, rows, examples, where),
                                       encoding="utf-8")
    return rows


def selected_cable_ids(settings: Settings, where: str) -> pa.Table:
    """The ``cable_id`` of every cable matching ``where``, evaluated in a locked-down reader.

    The reader may open files under the warehouse folder only (the tables are views of its
    Parquet files); the text must form exactly one SELECT, so it cannot write anything.
    """
    if not where.strip():
        raise ExportError("empty --where predicate")
    query = f"select cable_id from cables where ({where})"
    con = open_read_only(settings, ExportError)
    try:
        warehouse = {str(settings.warehouse) + "/", str(settings.warehouse.resolve()) + "/"}
        con.execute("SET allowed_directories = ?", [sorted(warehouse)])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            statements = con.extract_statements(query)
        except duckdb.Error as error:
            raise ExportError(f"bad --where predicate {where!r}: {_first_line(error)}") from None
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise ExportError(f"bad --where predicate {where!r}: it must be one SQL condition "
                              "on cables, e.g. \"year = 2008\"")
        try:
            return con.sql(query).to_arrow_table()
        except duckdb.Error as error:
            raise ExportError(f"bad --where predicate {where!r}: {_first_line(error)}") from None
    finally:
        con.close()


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _chosen_tables(tables: Sequence[str] | None) -> list[Table]:
    if not tables:
        return list(EXPORTABLE.values())
    unknown = [t for t in tables if t not in EXPORTABLE]
    if unknown:
        raise ExportError(f"cannot export {', '.join(unknown)}: the tables are "
                          f"{', '.join(EXPORTABLE)}")
    # Dictionary order (cables first), whatever order they were asked in.
    return [t for name, t in EXPORTABLE.items() if name in tables]


def _prepare(out_dir: Path) -> None:
    """Make ``out_dir`` ready: new or empty, or an earlier export whose files are replaced."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not (out_dir / "datapackage.json").is_file():
            raise ExportError(f"{out_dir} is not empty and holds no earlier export: "
                              "choose a new or empty folder")
        # Only what an export writes is removed; anything else the user put there stays.
        for name in EXPORTABLE:
            if (out_dir / name).is_dir():
                shutil.rmtree(out_dir / name)
        for name in PACKAGE_FILES:
            (out_dir / name).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def exported_file(table: Table) -> str:
    """The path of ``table``'s file in an export, relative to the export's folder."""
    return f"{table.name}/{table.name}.parquet"


def _select_sql(table: Table, filtered: bool) -> str:
    """Rows of ``table`` to export, with ``year`` (the cable's for a child), sorted by year
    then key: each row group holds few years, so a year filter skips most of them."""
    order = ", ".join(["year", *(f"t.{quoted(k)}" for k in table.key)])
    keep = " semi join selected_cables s on s.cable_id = t.cable_id" if filtered else ""
    if table.name == "cables":
        source = f"cables t{keep}"
    else:
        source = f"{quoted(table.name)} t join cables c on c.cable_id = t.cable_id{keep}"
    year = "t.year" if table.name == "cables" else "c.year"
    values = [f"t.{quoted(c.name)}" if c.name != "year" else year
              for c in exported_columns(table)]
    # DuckDB's writer marks a column REQUIRED when its statistics show no null in the rows
    # written, so a file's nullability would depend on the rows exported. A nullable column
    # goes through a CASE that may yield NULL: the file says what the declaration says.
    select_list = ", ".join(
        f"case when {value} is null then null else {value} end as {quoted(c.name)}"
        if c.nullable else f"{value} as {quoted(c.name)}"
        for c, value in zip(exported_columns(table), values, strict=True))
    return f"select {select_list} from {source} order by {order}"


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _write_table(con: duckdb.DuckDBPyConnection, table: Table, out_dir: Path,
                 filtered: bool) -> int:
    query = _select_sql(table, filtered)
    (out_dir / table.name).mkdir(parents=True, exist_ok=True)
    # The warehouse's row-group sizes: `cables` rows carry the raw text.
    row_group = CABLES_ROW_GROUP_ROWS if table.name == "cables" else ROW_GROUP_ROWS
    pandas_entry = pandas_metadata(exported_columns(table)).replace("'", "''")
    written = con.execute(
        f"COPY ({query}) TO {_sql_path(out_dir / exported_file(table))} (FORMAT parquet, "
        f"COMPRESSION zstd, ROW_GROUP_SIZE {row_group}, "
        f"KV_METADATA {{{PANDAS_KEY}: '{pandas_entry}'}})").fetchall()
    return written[0][0]


def _examples(con: duckdb.DuckDBPyConnection, table: Table, out_dir: Path) -> dict[str, object]:
    """The first non-empty value of each column in key order, read back from the files."""
    files = _sql_path(out_dir / exported_file(table))
    order = ", ".join(quoted(k) for k in table.key)
    picks = []
    for column in exported_columns(table):
        name = quoted(column.name)
        present = f"{name} is not null"
        if isinstance(column.dtype, pl.List):
            present += f" and len({name}) > 0"
        picks.append(f"first({name} order by {order}) filter (where {present}) as {name}")
    row = con.execute(f"select {', '.join(picks)} from read_parquet({files})").fetchone()
    return dict(zip([c.name for c in exported_columns(table)], row or (), strict=False))
