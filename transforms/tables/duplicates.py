"""`duplicates`: copies of a cable that lost to another copy of the same cable."""

from __future__ import annotations

from transforms.schema import Table, Text, col

DUPLICATES = Table(
    name="duplicates",
    meaning="One row per input copy of a cable that lost to the copy in `cables`.",
    key=("cable_id", "source_file", "source_member", "source_sha256"),
    columns=(
        col("cable_id", Text, "The cable (cables.cable_id)", nullable=False),
        col("source_file", Text, "File of the losing copy", nullable=False),
        col("source_member", Text, "Archive member or CSV row of the losing copy"),
        col("source_format", Text, "Layout of the losing copy"),
        col("source_sha256", Text, "SHA-256 of the losing copy's input unit"),
        col("winner_source_file", Text, "File of the copy that won", nullable=False),
        col("winner_source_member", Text, "Member or row of the copy that won"),
    ),
)
