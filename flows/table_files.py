"""How every table's Parquet file is written, so that each common reader types it as declared.

pyarrow, pandas, Polars, DuckDB and Spark map the Parquet types the tables use (int16/32/64,
boolean, string, date, timestamp[us] with and without UTC, list<string>) the same way, and
the declarations use no unsigned or nanosecond type, which Spark reads only with options
(``tests/test_schemas.py`` holds them to that). One reader needs a word from the file: pandas
turns an integer column that holds a null into float64 and a boolean one into object, so a
column's dtype would change with the rows a file happens to hold. Each file carries pandas'
own metadata (the entry pandas itself writes for such a frame) naming the nullable dtype of
every integer and boolean column: ``pandas.read_parquet`` then gives Int16, Int32, Int64 and
boolean whatever the rows hold. The other readers ignore the entry.

``write_table_file`` writes a warehouse file; ``pandas_metadata`` is the same entry for
DuckDB's writer (the export).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import polars as pl

from transforms.schema import Column, Table

# pandas' name of the declared dtype and its nullable dtype; other dtypes need no word.
PANDAS_NULLABLE = {
    pl.Int16(): ("int16", "Int16"),
    pl.Int32(): ("int32", "Int32"),
    pl.Int64(): ("int64", "Int64"),
    pl.Boolean(): ("bool", "boolean"),
}
PANDAS_KEY = "pandas"
ARROW_SCHEMA_KEY = "ARROW:schema"


def pandas_metadata(columns: Sequence[Column]) -> str:
    """The ``pandas`` entry of a file's key-value metadata for ``columns`` (stable JSON)."""
    described = [
        {"name": c.name, "field_name": c.name, "pandas_type": PANDAS_NULLABLE[c.dtype][0],
         "numpy_type": PANDAS_NULLABLE[c.dtype][1], "metadata": None}
        for c in columns if c.dtype in PANDAS_NULLABLE
    ]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": described,
                       "creator": {"library": "cables"}}, sort_keys=True)


@cache
def _file_metadata(table: Table) -> dict[str, str]:
    """The ``ARROW:schema`` entry Polars writes for ``table``, with the ``pandas`` entry in it.

    pyarrow (and so pandas) takes a file's schema metadata from that entry, not from the
    file's other keys. Polars' ``arrow_schema`` option would carry it, but drops schema
    metadata when a list column is present, so the entry is given whole: the same schema
    Polars writes (``test_readers`` checks it), serialized as Arrow's IPC schema message.
    """
    schema = table.empty().to_arrow().schema
    schema = schema.with_metadata({PANDAS_KEY: pandas_metadata(table.columns)})
    return {ARROW_SCHEMA_KEY: base64.b64encode(schema.serialize().to_pybytes()).decode()}


def write_table_file(table: Table, frame: pl.DataFrame, path: Path, **write_options) -> None:
    """Write ``frame`` (``table``'s columns in order) to ``path``; zstd unless told otherwise."""
    if frame.schema != table.schema:  # the ARROW:schema entry must describe the columns
        raise ValueError(f"{path}: columns are not those of {table.name}")
    frame.write_parquet(path, metadata=_file_metadata(table),
                        **{"compression": "zstd", **write_options})
