"""`load_runs`: one row per run of the flow (run metadata lives here, never in data rows)."""

from __future__ import annotations

import polars as pl

from transforms.schema import Table, Text, UtcTime, col

LOAD_RUNS = Table(
    name="load_runs",
    meaning="One row per completed run: when, what it read, what it loaded.",
    key=("run_id",),
    columns=(
        col("run_id", Text, "Id of the run", nullable=False),
        col("started_at", UtcTime, "When the run started (UTC)"),
        col("finished_at", UtcTime, "When the run finished (UTC)"),
        col("sources", pl.List(pl.String()), "Sources the run was given"),
        col("files_seen", pl.Int64(), "Files found in the sources"),
        col("files_parsed", pl.Int64(), "Files parsed (new or changed)"),
        col("files_new", pl.Int64(), "Files parsed that no earlier run had recorded"),
        col("files_changed", pl.Int64(), "Files parsed again: size or mtime changed (or --format)"),
        col("files_reused", pl.Int64(), "Files unchanged since an earlier run, not re-parsed"),
        col("files_vanished", pl.Int64(), "Files in the ledger no longer found"),
        col("inputs", pl.Int64(), "Input units: files, archive members, CSV rows"),
        col("cables", pl.Int64(), "Rows in `cables` after the run"),
        col("duplicates", pl.Int64(), "Input copies that lost to another copy"),
        col("rejects", pl.Int64(), "Rows in `rejects` after the run"),
        col("rejects_by_reason", Text, "Rows in `rejects` after the run per reason, as JSON"),
        col("table_rows", Text, "Rows per table, as JSON"),
        col("stage_seconds", Text, "Seconds per stage, as JSON"),
        col("warehouse", Text, "Warehouse folder"),
    ),
)
