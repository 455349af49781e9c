"""`ledger`: every source file the warehouse was built from, and what became of it."""

from __future__ import annotations

import polars as pl

from transforms.schema import Table, Text, col

LEDGER = Table(
    name="ledger",
    meaning="One row per source file: size, content hash, layout and outcome.",
    key=("source_file",),
    columns=(
        col("source_file", Text, "Path or URL of the file", nullable=False),
        col("size", pl.Int64(), "Size in bytes when read"),
        col("mtime_ns", pl.Int64(), "Modification time (ns) when read; re-read when it changes"),
        col("sha256", Text, "SHA-256 of the file's bytes"),
        col("layout", Text, "Layout detected: txt, html, csv, pdf-text, plusd"),
        col("units", pl.Int32(), "Input units in the file: 1, or archive members / CSV rows"),
        col("cables", pl.Int32(), "Cables of this file that are in `cables`"),
        col("duplicates", pl.Int32(), "Cables of this file that lost to another copy"),
        col("rejects", pl.Int32(), "Units of this file in `rejects`"),
        col("outcome", Text, "loaded, duplicate, rejected, mixed or vanished", nullable=False),
        col("part", Text, "Key of the staged batch that parsed the file"),
        col("parser", Text, "Fingerprint of the parsing code that parsed the file; a run with "
            "other code parses it again"),
    ),
)
