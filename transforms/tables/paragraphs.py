"""`paragraphs`: the body split into its numbered (or block) paragraphs."""

from __future__ import annotations

from transforms.schema import Position, Table, Text, col

PARAGRAPHS = Table(
    name="paragraphs",
    meaning="One row per paragraph of a cable's body, in body order.",
    key=("cable_id", "position"),
    columns=(
        col("cable_id", Text, "The cable (cables.cable_id)", nullable=False),
        col("position", Position, "1..n in body order", nullable=False),
        col("number", Text, "Paragraph number as printed (1, 10, A), null when unnumbered"),
        col("classification", Text, "Paragraph mark without parentheses: C, U, SBU, S/NF"),
        col("heading", Text, "Section heading in force above the paragraph"),
        col("text", Text, "Paragraph text, marker and mark removed, hard line breaks joined",
            nullable=False),
    ),
)
