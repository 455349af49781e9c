"""Schemas are code: the SQL load files and the DuckDB DDL agree with the declarations."""

from __future__ import annotations

import pytest

from flows.dictionary import READER_TYPES
from flows.settings import Settings
from transforms.tables import LOAD_RUNS, TABLES

ALL_TABLES = (*TABLES, LOAD_RUNS)


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_one_sql_file_per_table_selects_exactly_the_declared_columns(table):
    text = (Settings().sql_dir / "tables" / f"{table.name}.sql").read_text()
    renamed = text.split("renamed as (")[1].split("from source")[0]
    columns = [c.strip().strip('"') for c in renamed.replace("select", "", 1).split(",")]
    assert columns == table.column_names


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_every_column_has_a_meaning(table):
    for column in table.columns:
        assert len(column.meaning) > 10, f"{table.name}.{column.name}"


def test_table_modules_are_named_as_their_tables():
    for table in ALL_TABLES:
        module = __import__(f"transforms.tables.{table.name}", fromlist=["x"])
        assert table in vars(module).values()


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_every_column_has_a_type_every_reader_maps_without_options(table):
    """No unsigned integer (Spark and pyarrow disagree on them), no nanosecond or zone but
    UTC (Spark reads INT64 microseconds; other zones are a session setting there): only the
    types `flows.dictionary.READER_TYPES` names for pandas, pyarrow, Polars, DuckDB, Spark."""
    for column in table.columns:
        assert column.dtype in READER_TYPES, f"{table.name}.{column.name}: {column.dtype}"
        assert not column.dtype.is_unsigned_integer(), f"{table.name}.{column.name}"
