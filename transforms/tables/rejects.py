"""`rejects`: every input unit that yielded no cable, with the reason."""

from __future__ import annotations

from transforms.schema import Table, Text, col

REJECTS = Table(
    name="rejects",
    meaning="One row per input unit (file, archive member, CSV row) that yielded no cable.",
    key=("source_file", "source_member", "reason"),
    columns=(
        col("source_file", Text, "File (or URL) of the input", nullable=False),
        col("source_member", Text, "Archive member or CSV row inside the file"),
        col("source_format", Text, "Layout detected (or forced) for the input"),
        col("reason", Text, "Short reason code, e.g. no-telegram, binary, bad-metadata",
            nullable=False),
        col("message", Text, "What rule failed, in one sentence", nullable=False),
        col("excerpt", Text, "The first 200 characters of the input"),
        col("source_sha256", Text, "SHA-256 of the input's bytes"),
    ),
)
