"""Schemas are code: the SQL load files and the DuckDB DDL agree with the declarations."""

from __future__ import annotations

import pytest

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
