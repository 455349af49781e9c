"""A batch of raw cables in, one staged frame per table out; and the duplicate rule.

Staged child frames carry the ``source_sha256`` of the input unit they came from, so that once
the winning copy of each cable is chosen (``winners``) exactly its children are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from transforms.parse import ParsedCable, parse_cable
from transforms.raw import RawCable, Reject
from transforms.tables import CABLES, CHILD_TABLES, REJECTS

STAGED_KEY = "source_sha256"
BODY_LENGTH = "body_length"

# Which layout's copy of a cable wins when every other rule ties: the per-cable text files
# are the release's canonical form; the rest were derived from it.
LAYOUT_RANK = {"txt": 0, "html": 1, "csv": 2, "plusd": 3, "pdf-text": 4}


def staged_schema(table) -> pl.Schema:
    """A child table's schema plus the input unit its rows came from and its cable's year.

    The year lets ``publish`` read one year of every staged part at a time (the parts are
    sorted by year, so row-group statistics skip the rest): memory stays bounded by a year.
    """
    return pl.Schema({**dict(table.schema), STAGED_KEY: pl.String(), "year": pl.Int16()})


def staged_cables_schema() -> pl.Schema:
    """`cables` plus the body's length, which the duplicate rule ranks on (so choosing the
    winners never has to read the bodies back)."""
    return pl.Schema({**dict(CABLES.schema), BODY_LENGTH: pl.Int64()})


def reject_row(reject: Reject) -> dict:
    return {
        "source_file": reject.source_file,
        "source_member": reject.member,
        "source_format": reject.source_format,
        "reason": reject.reason,
        "message": reject.message,
        "excerpt": reject.excerpt[:200] if reject.excerpt else None,
        "source_sha256": reject.source_sha256,
    }


def _safe_parse(raw: RawCable) -> ParsedCable | Reject:
    # The parsers are written never to raise; this is the net that keeps one cable from
    # stopping a run of a million if one ever does.
    try:
        return parse_cable(raw)
    except Exception as error:  # pragma: no cover - exercised by the property tests
        return Reject(raw.source_file, raw.member, raw.source_format, "parser-error",
                      f"{type(error).__name__}: {error}"[:300], raw.telegram[:200],
                      raw.source_sha256)


def parse_items(items: Iterable[RawCable | Reject]) -> dict[str, pl.DataFrame]:
    """Parse every raw cable; frames for `cables`, each child table (staged) and `rejects`."""
    cable_rows: list[dict] = []
    child_rows: dict[str, list[dict]] = {t.name: [] for t in CHILD_TABLES}
    reject_rows: list[dict] = []
    for item in items:
        parsed = item if isinstance(item, Reject) else _safe_parse(item)
        if isinstance(parsed, Reject):
            reject_rows.append(reject_row(parsed))
            continue
        cable = parsed.cable
        cable_rows.append({**cable, BODY_LENGTH: len(cable["body"].encode())})
        cable_id, sha, year = cable["cable_id"], cable["source_sha256"], cable["year"]
        for table in CHILD_TABLES:
            rows = child_rows[table.name]
            for position, row in enumerate(getattr(parsed, table.name), start=1):
                rows.append({"cable_id": cable_id, "position": position, **row,
                             STAGED_KEY: sha, "year": year})
    frames = {
        CABLES.name: _frame(cable_rows, staged_cables_schema()).sort("year", "cable_id"),
        REJECTS.name: REJECTS.frame(reject_rows),
    }
    for table in CHILD_TABLES:
        frames[table.name] = _frame(child_rows[table.name], staged_schema(table)).sort(
            "year", "cable_id", "position")
    return frames


def _frame(rows: list[dict], schema: pl.Schema) -> pl.DataFrame:
    return pl.from_dicts(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


def winner_order() -> list[pl.Expr]:
    """The documented rule for which copy of a cable wins (first in this order wins).

    1. a full text over a partial extract;
    2. a corrected copy over the original;
    3. the longer body (a later release with a fuller text);
    4. the layout: txt, html, csv, plusd, pdf-text;
    5. the smaller source_sha256, then source_file, then member: a stable tie-break, so
       the same text twice always picks the same copy.
    """
    return [
        pl.col("is_partial").fill_null(False),
        ~pl.col("is_corrected").fill_null(False),
        -pl.col(BODY_LENGTH).cast(pl.Int64).fill_null(0),
        pl.col("source_format").replace_strict(LAYOUT_RANK, default=9, return_dtype=pl.Int8),
        pl.col("source_sha256"),
        pl.col("source_file"),
        pl.col("source_member").fill_null(""),
    ]


def winners(cables: pl.LazyFrame) -> pl.LazyFrame:
    """One row per cable_id: the winning copy, by ``winner_order``.

    ``cables`` needs the columns ``winner_order`` ranks on, ``BODY_LENGTH`` among them.
    """
    return (
        cables.sort(["cable_id", *winner_order()])
        .unique(subset=["cable_id"], keep="first", maintain_order=True)
    )
