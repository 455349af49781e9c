"""`tags`: the TAGS line, one row per tag."""

from __future__ import annotations

from transforms.schema import Position, Table, Text, col

TAGS = Table(
    name="tags",
    meaning="One row per TAGS code of a cable, in published order.",
    key=("cable_id", "position"),
    columns=(
        col("cable_id", Text, "The cable (cables.cable_id)", nullable=False),
        col("position", Position, "1..n in published order", nullable=False),
        col("tag", Text,
            "The tag, e.g. PREL, PK, OVIP, STEINBERG, JAMES B. (a person), HUMAN RIGHTS",
            nullable=False),
        col("kind", Text, "subject, geographic, organization, person, program or unknown",
            nullable=False),
    ),
)
