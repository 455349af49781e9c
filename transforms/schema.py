"""How a table is declared: columns with Polars dtypes and a one-line meaning each.

Every table of the warehouse is declared once, in its own module under
``transforms/tables``; the Parquet writer, the DuckDB DDL check, the export's data dictionary
and the docs all read that declaration, so the four cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: pl.DataType
    meaning: str
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique per row; also the sort order of the written Parquet

    @property
    def schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def frame(self, rows: list[dict]) -> pl.DataFrame:
        """Rows (dicts keyed by column name) as a frame of exactly this schema, never inferred."""
        if not rows:
            return self.empty()
        return pl.from_dicts(rows, schema=self.schema)

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)


def col(name: str, dtype: pl.DataType, meaning: str, *, nullable: bool = True) -> Column:
    return Column(name, dtype, meaning, nullable)


Text = pl.String()
TextList = pl.List(pl.String())
Day = pl.Date()
UtcTime = pl.Datetime("us", "UTC")
Position = pl.Int32()
Flag = pl.Boolean()
