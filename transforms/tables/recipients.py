"""`recipients`: the TO / INFO (and XMT) addressees of the routing header."""

from __future__ import annotations

from transforms.schema import Flag, Position, Table, Text, col

RECIPIENTS = Table(
    name="recipients",
    meaning="One row per addressee line of the routing header, in header order.",
    key=("cable_id", "position"),
    columns=(
        col("cable_id", Text, "The cable (cables.cable_id)", nullable=False),
        col("position", Position, "1..n in header order", nullable=False),
        col("kind", Text, "TO (action), INFO, or XMT (excluded from a collective)", nullable=False),
        col("route", Text, "Routing indicator, e.g. RUEHBUL"),
        col("name", Text, "Addressee, e.g. AMEMBASSY KABUL", nullable=False),
        col("precedence", Text, "FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY or ROUTINE"),
        col("mcn", Text, "Message number the addressee's line carries"),
        col("excluded", Flag, "True for XMT lines: excluded from the collective", nullable=False),
    ),
)
