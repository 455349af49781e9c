"""Where a batch's staged parts live, and reading them back.

A batch (``flows.staging``) writes one Parquet part per table, in chunks
(``.parts/<table>/<key>.<chunk>.parquet``), and its ledger part (one row per file) last.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from flows.settings import Settings
from transforms.batch import staged_cables_schema, staged_schema
from transforms.tables import CABLES, CHILD_TABLES, REJECTS

LEDGER_PART = "ledger"
# One row per file of a batch.
LEDGER_PART_SCHEMA = pl.Schema({
    "source_file": pl.String(), "size": pl.Int64(), "mtime_ns": pl.Int64(),
    "sha256": pl.String(), "layout": pl.String(), "units": pl.Int32(), "part": pl.String(),
    "parser": pl.String(),
})


def part_schema(table: str) -> pl.Schema:
    """The columns a staged part of ``table`` has, as this code writes them."""
    if table == LEDGER_PART:
        return LEDGER_PART_SCHEMA
    if table == CABLES.name:
        return staged_cables_schema()
    if table == REJECTS.name:
        return REJECTS.schema
    return staged_schema(next(t for t in CHILD_TABLES if t.name == table))


def part_path(settings: Settings, table: str, key: str) -> Path:
    return settings.parts_dir / table / f"{key}.parquet"


def chunk_path(settings: Settings, table: str, key: str, chunk: int) -> Path:
    return settings.parts_dir / table / f"{key}.{chunk:05d}.parquet"


def chunk_paths(settings: Settings, table: str, key: str) -> list[Path]:
    return sorted((settings.parts_dir / table).glob(f"{key}.*.parquet"))


def batch_done(settings: Settings, key: str) -> bool:
    # The ledger part is renamed into place last: its presence means the whole batch is there.
    return part_path(settings, LEDGER_PART, key).exists()


def parsed_files(settings: Settings, keys: list[str]) -> pl.LazyFrame:
    """(source_file, part) of every file the batches ``keys`` parsed, from their ledger parts
    (one row per file of a batch), so a plan need not hold its files."""
    paths = [str(part_path(settings, LEDGER_PART, key)) for key in keys]
    if not paths:
        return pl.LazyFrame(schema={"source_file": pl.String(), "part": pl.String()})
    return pl.scan_parquet(paths).select("source_file", "part")


def scan_parts(settings: Settings, table: str, keys: list[str]) -> pl.LazyFrame:
    """The staged rows of ``table`` in the batches ``keys``, each with its key as ``_part``."""
    scans = []
    for key in keys:
        files = ([part_path(settings, table, key)] if table == LEDGER_PART
                 else chunk_paths(settings, table, key))
        # The key as a literal per batch, not each row's file path cut by a regex: ~70
        # bytes a row that publish's per-cable bookkeeping would hold while it scans.
        # Read in today's schema: a part kept from a run of older code (a file since
        # vanished) lacks the columns added since, which read as null.
        if files:
            scans.append(pl.scan_parquet(files, schema=part_schema(table),
                                         missing_columns="insert", extra_columns="ignore")
                         .with_columns(_part=pl.lit(key)))
    if not scans:
        raise FileNotFoundError(f"no staged {table} parts for batches {keys[:3]}...")
    return pl.concat(scans, how="vertical")
