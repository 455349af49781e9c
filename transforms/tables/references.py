"""`references`: the REF block, one row per reference."""

from __future__ import annotations

from transforms.schema import Position, Table, Text, col

REFERENCES = Table(
    name="references",
    meaning="One row per reference of a cable's REF block, in published order.",
    key=("cable_id", "position"),
    columns=(
        col("cable_id", Text, "The citing cable (cables.cable_id)", nullable=False),
        col("position", Position, "1..n in published order", nullable=False),
        col("letter", Text, "Reference letter (A, B, ...) when lettered"),
        col("text", Text, "The reference as written", nullable=False),
        col("referenced_cable_id", Text, "Canonical id of the cited cable, null when not a cable"),
        col("kind", Text, "cable, email, telcon, memcon, report, meeting, letter or other",
            nullable=False),
    ),
)
