"""Every common reader opens the warehouse's tables and an export's, with its defaults.

Each folder (``warehouse/<table>`` for every table, ``DIR/<table>`` of ``cables export DIR``)
is read as an analyst types it, the folder name and nothing else:
``pandas.read_parquet(folder)``, ``pyarrow.parquet.read_table(folder)``,
``pyarrow.dataset.dataset(folder, partitioning="hive")``, ``polars.scan_parquet(folder)``
(Hive discovery on, as it is for a folder), DuckDB's ``read_parquet('folder/**/*.parquet',
hive_partitioning = true)`` and Spark's ``spark.read.parquet(folder)`` (one local session
for the whole test run: ``tests/conftest.py``). Each gives the rows the warehouse holds
and, for every column, the type ``flows.dictionary.READER_TYPES`` names for its declared
type.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal

from flows.dictionary import READERS, exported_columns, reader_type
from flows.export import EXPORTABLE, export_dataset
from flows.settings import Settings
from flows.table_files import ARROW_SCHEMA_KEY, PANDAS_KEY
from flows.warehouse import duckdb_type, quoted
from tests.conftest import SEED_CABLE
from tests.fixture_cables import text_cable
from tests.warehouse_fixture import build_fixture_warehouse
from transforms.schema import Column, Table
from transforms.tables import LOAD_RUNS, TABLES

WAREHOUSE_TABLES = {t.name: t for t in (*TABLES, LOAD_RUNS)}
# (folder kind, table): every warehouse table, every exported table.
FOLDERS = [("warehouse", name) for name in WAREHOUSE_TABLES] + [
    ("export", name) for name in EXPORTABLE]


# A copy of the seed (a duplicate) and an empty file (a reject), so that no table is empty;
# a cable without its classification banner (section_count null: an integer with a null);
# a numbered paragraph with no text (a required string that is empty, not missing: 51 of
# the 176,795 paragraphs of a 20,000-cable benchmark corpus built from ../shared/cables).
EXTRA_SOURCES = {
    "copy-of-08ISLAMABAD421.txt": SEED_CABLE.read_bytes(),
    "empty.txt": b"",
    "09VALLETTA77.txt": text_cable().replace("C O N F I D E N T I A L", "").encode(),
    "09VALLETTA78.txt": text_cable("09VALLETTA78", paragraph="").encode(),
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return build_fixture_warehouse(tmp_path_factory.mktemp("readers"), extra=EXTRA_SOURCES)


@pytest.fixture(scope="module")
def export_dir(settings, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("readers-export") / "export"
    export_dataset(settings, out)
    return out


def columns_of(kind: str, name: str) -> tuple[Column, ...]:
    if kind == "export":
        return exported_columns(EXPORTABLE[name])
    return WAREHOUSE_TABLES[name].columns


def folder_of(kind: str, name: str, settings: Settings, export_dir: Path) -> Path:
    """The folder an analyst names: ``warehouse/<table>`` (a link through ``current``)."""
    return settings.table_dir(name) if kind == "warehouse" else export_dir / name


def same_time_zone(frame: pl.DataFrame) -> pl.DataFrame:
    """Readers name UTC differently (``Etc/UTC``) or give the session's zone: the instants
    are the same."""
    return frame.with_columns(
        pl.col(column).dt.convert_time_zone("UTC") for column, dtype in frame.schema.items()
        if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None)


def expected_rows(kind: str, name: str, settings: Settings) -> pl.DataFrame:
    """The table as the warehouse's DuckDB views hold it (an export's with the cable's
    year), in the declared schema, sorted by key."""
    columns = columns_of(kind, name)
    table = WAREHOUSE_TABLES[name]
    if kind == "export" and name != "cables":
        select = ", ".join("c.year" if c.name == "year" else f"t.{quoted(c.name)}"
                           for c in columns)
        sql = f"select {select} from {quoted(name)} t join cables c using (cable_id)"
    else:
        sql = f"select {', '.join(quoted(c.name) for c in columns)} from {quoted(name)}"
    con = duckdb.connect(str(settings.duckdb_path), read_only=True)
    try:
        frame = pl.from_arrow(con.sql(sql).to_arrow_table())
    finally:
        con.close()
    return same_time_zone(frame).cast(declared_schema(columns)).sort(list(table.key))


def declared_schema(columns: tuple[Column, ...]) -> pl.Schema:
    return pl.Schema({c.name: c.dtype for c in columns})


def as_declared(frame: pl.DataFrame, columns: tuple[Column, ...], key: tuple[str, ...]):
    """A reader's rows in the declared schema and key order, to compare with the expected."""
    frame = same_time_zone(frame).select([c.name for c in columns])
    return frame.cast(declared_schema(columns)).sort(list(key))


def arrow_name(dtype: pa.DataType) -> str:
    """pyarrow's type name, one name per Arrow type family (string, large_string and
    string_view are one type to a reader; so are list and large_list)."""
    if pa.types.is_string(dtype) or pa.types.is_large_string(dtype) or \
            pa.types.is_string_view(dtype):
        return "string"
    if pa.types.is_list(dtype) or pa.types.is_large_list(dtype):
        return f"list<{arrow_name(dtype.value_type)}>"
    return str(dtype)


def read_pandas(folder: Path) -> tuple[pl.DataFrame, dict[str, str]]:
    frame = pd.read_parquet(folder)
    types = {c: str(t) for c, t in frame.dtypes.items()}
    for column in frame.columns:  # `object` columns: dates are dates, lists are arrays
        values = [v for v in frame[column] if v is not None and v is not pd.NA]
        if types[column] == "object" and values:
            assert all(isinstance(v, np.ndarray) for v in values) or all(
                type(v) is dt.date for v in values), column
    return pl.from_arrow(pa.Table.from_pandas(frame, preserve_index=False)), types


def read_pyarrow_table(folder: Path) -> tuple[pl.DataFrame, dict[str, str]]:
    table = pq.read_table(folder)
    return pl.from_arrow(table), {f.name: arrow_name(f.type) for f in table.schema}


def read_pyarrow_dataset(folder: Path) -> tuple[pl.DataFrame, dict[str, str]]:
    table = ds.dataset(folder, partitioning="hive").to_table()
    return pl.from_arrow(table), {f.name: arrow_name(f.type) for f in table.schema}


def read_polars(folder: Path) -> tuple[pl.DataFrame, dict[str, pl.DataType]]:
    frame = pl.scan_parquet(folder).collect()
    return frame, dict(frame.schema)


def read_duckdb(folder: Path) -> tuple[pl.DataFrame, dict[str, str]]:
    glob = str(folder / "**" / "*.parquet").replace("'", "''")
    relation = duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning = true)")
    types = {c: str(t) for c, t in zip(relation.columns, relation.dtypes, strict=True)}
    return pl.from_arrow(relation.to_arrow_table()), types


PYTHON_READERS = {
    "pandas": read_pandas,
    "pyarrow.parquet": read_pyarrow_table,
    "pyarrow.dataset": read_pyarrow_dataset,
    "Polars": read_polars,
    "DuckDB": read_duckdb,
}


def expected_types(columns: tuple[Column, ...], reader: str) -> dict:
    if reader == "Polars":
        return {c.name: c.dtype for c in columns}
    family = "pyarrow" if reader.startswith("pyarrow") else reader
    return {c.name: reader_type(c.dtype, family) for c in columns}


@pytest.mark.parametrize("reader", PYTHON_READERS)
@pytest.mark.parametrize("kind, name", FOLDERS)
def test_a_reader_reads_the_folder_as_declared(settings, export_dir, kind, name, reader):
    columns = columns_of(kind, name)
    frame, types = PYTHON_READERS[reader](folder_of(kind, name, settings, export_dir))
    assert types == expected_types(columns, reader)
    expected = expected_rows(kind, name, settings)
    assert expected.height > 0
    assert_frame_equal(as_declared(frame, columns, WAREHOUSE_TABLES[name].key), expected)


@pytest.mark.slow
def test_spark_reads_every_folder_as_declared(settings, export_dir, spark):
    """Spark without options: its own reader, its own type names, the same rows."""
    for kind, name in FOLDERS:
        columns = columns_of(kind, name)
        frame = spark.read.parquet(str(folder_of(kind, name, settings, export_dir)))
        types = {f.name: f.dataType.simpleString() for f in frame.schema.fields}
        assert types == expected_types(columns, "Spark"), (kind, name)
        rows = pl.from_arrow(frame.toArrow())
        assert_frame_equal(as_declared(rows, columns, WAREHOUSE_TABLES[name].key),
                           expected_rows(kind, name, settings))


def test_the_documented_types_cover_every_declared_column():
    dtypes = {c.dtype for t in WAREHOUSE_TABLES.values() for c in t.columns}
    assert {reader_type(d, r) for d in dtypes for r in READERS}  # every lookup resolves
    for dtype in dtypes:  # and the DuckDB name is the one the warehouse's views use
        assert reader_type(dtype, "DuckDB") == duckdb_type(Column("x", dtype, ""))


@pytest.mark.parametrize("folder, column, dtype", [
    ("load_runs", "files_seen", "Int64"),  # the fixture's run row has no counts
    ("cables", "section_count", "Int16"),  # 09VALLETTA77 has no banner
])
def test_nullable_integers_keep_their_type_in_pandas(settings, export_dir, folder, column,
                                                     dtype):
    """Without pandas' entry a null turns an integer column into float64."""
    folders = [settings.table_dir(folder)]
    if folder in EXPORTABLE:
        folders.append(export_dir / folder)
    for path in folders:
        values = pd.read_parquet(path)[column]
        assert values.isna().any() and str(values.dtype) == dtype, path


@pytest.mark.parametrize("name", list(WAREHOUSE_TABLES))
def test_a_warehouse_file_says_the_schema_polars_writes(settings, name, tmp_path):
    """The ARROW:schema entry written whole (``flows.table_files``) is Polars' own schema
    for the table plus pandas' entry: nothing else differs from a plain Polars write."""
    table: Table = WAREHOUSE_TABLES[name]
    files = sorted(settings.table_dir(name).glob("*.parquet"))
    assert files
    plain = tmp_path / "plain.parquet"
    table.empty().write_parquet(plain)

    def arrow_schema(path: Path) -> pa.Schema:
        entry = pq.read_metadata(path).metadata[ARROW_SCHEMA_KEY.encode()]
        return pa.ipc.read_schema(pa.py_buffer(base64.b64decode(entry)))

    for path in files:
        written = arrow_schema(path)
        assert written.equals(arrow_schema(plain), check_metadata=False), path
        assert set(written.metadata) == {PANDAS_KEY.encode()}, path


def test_no_table_has_year_folders(settings, export_dir):
    """Folders named year=Y would make pyarrow and DuckDB add a second, differently typed
    year; plain subfolders would hide the files from Spark. Files lie flat."""
    for folder in [settings.table_dir(n) for n in WAREHOUSE_TABLES] + [
            export_dir / n for n in EXPORTABLE]:
        assert [p for p in folder.iterdir() if p.is_dir()] == [], folder


@pytest.mark.parametrize("where", [None, "year = 2009", "year = 1900"])
def test_the_export_datapackage_validates_with_frictionless(settings, tmp_path, where):
    """`frictionless validate DIR/datapackage.json`: every resource read through its file,
    against its schema (types, required, primary and foreign keys), for the whole export, a
    subset and an export of nothing."""
    from frictionless import validate

    out = tmp_path / "export"
    counts = export_dataset(settings, out, where=where)
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "note"])
    assert [task.name for task in report.tasks] == list(EXPORTABLE)
    for task in report.tasks:
        assert task.stats.get("rows", 0) == counts[task.name], task.name
        assert task.stats["fields"] == len(exported_columns(EXPORTABLE[task.name]))
