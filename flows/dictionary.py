"""The export's data dictionary: ``datapackage.json`` and ``README.md``, from the declarations.

Every column, type and meaning comes from ``transforms/tables/*.py``; nothing here is written
by hand per table, so the dictionary cannot drift from the schemas. Only the example values
and row counts come from the exported data. Child tables carry one extra column, ``year``
(their cable's year), which every exported file is sorted by. ``READER_TYPES`` says what
each common reader makes of each declared type (``tests/test_readers.py`` reads the files
with each of them and holds them to it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

import polars as pl

from transforms.schema import Column, Table, col

YEAR = col("year", pl.Int16(), "Year of the cable's `created` day (files are sorted by it)")
PACKAGE_NAME = "cables"

# (name in this dictionary, Frictionless type) per declared Polars dtype. The names follow
# Arrow's spelling. A list is `any` to Frictionless: it reads Parquet through pandas, which
# hands a list cell over as a numpy array, and its `array` type takes only JSON text or a
# Python list, so every list cell would fail it; `dtype` keeps the real type.
_TYPES: dict[pl.DataType, tuple[str, str]] = {
    pl.String(): ("string", "string"),
    pl.List(pl.String()): ("list<string>", "any"),
    pl.Date(): ("date", "date"),
    pl.Datetime("us", "UTC"): ("timestamp[us, UTC]", "datetime"),
    pl.Datetime("us"): ("timestamp[us]", "datetime"),
    pl.Boolean(): ("boolean", "boolean"),
    pl.Int16(): ("int16", "integer"),
    pl.Int32(): ("int32", "integer"),
    pl.Int64(): ("int64", "integer"),
}

READERS = ("pandas", "pyarrow", "Polars", "DuckDB", "Spark")
# What each reader makes of a declared type, read with its defaults: pandas' dtype, pyarrow's
# type (the warehouse's files give large_string and large_list, the same types), Polars'
# dtype, DuckDB's type, Spark's simpleString. pandas' `object` holds datetime.date values
# for a date and numpy arrays of str for a list.
READER_TYPES: dict[pl.DataType, tuple[str, str, str, str, str]] = {
    pl.String(): ("str", "string", "String", "VARCHAR", "string"),
    pl.List(pl.String()): ("object", "list<string>", "List(String)", "VARCHAR[]",
                           "array<string>"),
    pl.Date(): ("object", "date32[day]", "Date", "DATE", "date"),
    pl.Datetime("us", "UTC"): ("datetime64[us, UTC]", "timestamp[us, tz=UTC]",
                               "Datetime(us, UTC)", "TIMESTAMP WITH TIME ZONE", "timestamp"),
    pl.Datetime("us"): ("datetime64[us]", "timestamp[us]", "Datetime(us)", "TIMESTAMP",
                        "timestamp_ntz"),
    pl.Boolean(): ("boolean", "bool", "Boolean", "BOOLEAN", "boolean"),
    pl.Int16(): ("Int16", "int16", "Int16", "SMALLINT", "smallint"),
    pl.Int32(): ("Int32", "int32", "Int32", "INTEGER", "int"),
    pl.Int64(): ("Int64", "int64", "Int64", "BIGINT", "bigint"),
}


def reader_type(dtype: pl.DataType, reader: str) -> str:
    """What ``reader`` (one of ``READERS``) makes of a column of the declared ``dtype``."""
    return READER_TYPES[dtype][READERS.index(reader)]


def type_name(dtype: pl.DataType) -> str:
    """The dictionary's name for a Polars dtype: int16, string, list<string>, date, ..."""
    return _TYPES[dtype][0]


def exported_columns(table: Table) -> tuple[Column, ...]:
    """The columns of ``table`` as exported: its declared columns, ``year`` first if missing."""
    if "year" in table.column_names:
        return table.columns
    return (YEAR, *table.columns)


def _field(column: Column) -> dict:
    field = {"name": column.name, "type": _TYPES[column.dtype][1],
             "description": column.meaning, "dtype": type_name(column.dtype)}
    if not column.nullable:
        field["constraints"] = {"required": True}
    return field


def resource(table: Table, path: str, foreign: bool) -> dict:
    """One Frictionless tabular data resource: its file, schema, keys."""
    # Parquet says "missing" with a null; an empty string is a value (a paragraph with no
    # text), not Frictionless' default missing value "".
    schema: dict = {"fields": [_field(c) for c in exported_columns(table)],
                    "missingValues": [], "primaryKey": list(table.key)}
    if foreign:
        schema["foreignKeys"] = [{"fields": ["cable_id"],
                                  "reference": {"resource": "cables", "fields": ["cable_id"]}}]
    return {
        "name": table.name,
        "profile": "tabular-data-resource",
        "description": table.meaning,
        "path": path,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "schema": schema,
    }


def datapackage(tables: Sequence[Table], files: dict[str, str], where: str | None) -> dict:
    """The ``datapackage.json`` document (Frictionless Data Package) of an export."""
    names = {t.name for t in tables}
    description = "US diplomatic cables (Cablegate), one folder per table holding one " \
                  "Parquet file, sorted by year."
    if where:
        description += f" Cables filtered by: {where}"
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Cablegate cables",
        "description": description,
        "resources": [resource(t, files[t.name], foreign=t.name != "cables" and "cables" in names)
                      for t in tables],
    }


def datapackage_json(package: dict) -> str:
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def example_text(value: object, width: int = 60) -> str:
    """A value as one short Markdown-safe table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        text = json.dumps([str(v) for v in value], ensure_ascii=False)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def render_readme(tables: Sequence[Table], rows: dict[str, int],
                  examples: dict[str, dict[str, object]], where: str | None) -> str:
    """The export's ``README.md``: how to read it, then every table's columns with examples."""
    lines = [
        "# Cablegate cables: data dictionary",
        "",
        "Generated by `flows/export.py` from the table declarations in `transforms/tables/`;",
        "do not edit. One folder per table holding one Parquet file (zstd), sorted by the",
        "cable's `year` and then by key; `year` is a column of every table, so a filter on it",
        "skips the other years' row groups by their statistics. No `year=` folders: every",
        "reader below takes a table's folder as it is and types each column as declared.",
        "`datapackage.json` describes the same tables as a Frictionless Data Package.",
        "",
        f"Cables filtered by: `{where}`" if where else "All cables of the warehouse.",
        "",
        "## Reading it",
        "",
        "```python",
        'pandas.read_parquet("cables")',
        'pyarrow.parquet.read_table("cables")',
        'pyarrow.dataset.dataset("cables", partitioning="hive").to_table()',
        'polars.scan_parquet("cables").filter(polars.col("year") == 2008).collect()',
        "duckdb.sql(\"select * from read_parquet('cables/**/*.parquet', "
        "hive_partitioning = true)\")",
        'spark.read.parquet("cables")  # pyspark',
        "```",
        "",
        "What each reader makes of each type, with its defaults:",
        "",
        "| type | " + " | ".join(READERS) + " |",
        "|---|" + "---|" * len(READERS),
        *[f"| {type_name(dtype)} | " + " | ".join(f"`{name}`" for name in names) + " |"
          for dtype, names in READER_TYPES.items()],
        "",
        "pandas' `object` holds `datetime.date` values for a date, numpy arrays for a list;",
        "its `str` is pandas 3's string dtype (pandas 2 gives `object`).",
        "",
        "## Tables",
        "",
        "| table | rows | one row per | key |",
        "|---|---|---|---|",
    ]
    for table in tables:
        lines.append(f"| [`{table.name}`](#{table.name}) | {rows.get(table.name, 0)} | "
                     f"{table.meaning} | `{', '.join(table.key)}` |")
    for table in tables:
        lines += ["", f"### {table.name}", "", table.meaning, "",
                  f"File: `{table.name}/{table.name}.parquet`. Key: `{', '.join(table.key)}`."
                  + ("" if table.name == "cables" else
                     " `cable_id` refers to `cables.cable_id`."), "",
                  "| column | type | nullable | meaning | example |", "|---|---|---|---|---|"]
        table_examples = examples.get(table.name, {})
        for column in exported_columns(table):
            lines.append(
                f"| `{column.name}` | {type_name(column.dtype)} | "
                f"{'yes' if column.nullable else 'no'} | {column.meaning.replace('|', '/')} | "
                f"{example_text(table_examples.get(column.name))} |")
    return "\n".join(lines) + "\n"
