"""A batch of raw cables in, one staged frame per table out; and the duplicate rule.

Staged child frames carry the ``source_sha256`` of the input unit they came from, so that once
the winning copy of each cable is chosen (``winners``) exactly its children are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import polars as pl
import pyarrow as pa

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


@dataclass(slots=True)
class ParsedRows:
    """A batch's parsed rows, grouped by table, before they become frames."""

    cables: list[dict] = field(default_factory=list)
    children: dict[str, list[tuple[dict, list[dict]]]] = field(
        default_factory=lambda: {t.name: [] for t in CHILD_TABLES})
    rejects: list[dict] = field(default_factory=list)


def parse_rows(items: Iterable[RawCable | Reject]) -> ParsedRows:
    """Parse every raw cable; its rows grouped by table (each child row with its cable's)."""
    rows = ParsedRows()
    for item in items:
        parsed = item if isinstance(item, Reject) else _safe_parse(item)
        if isinstance(parsed, Reject):
            rows.rejects.append(reject_row(parsed))
            continue
        rows.cables.append(parsed.cable)
        for table in CHILD_TABLES:
            child_rows = getattr(parsed, table.name)
            if child_rows:
                rows.children[table.name].append((parsed.cable, child_rows))
    return rows


def staged_frames(rows: ParsedRows) -> dict[str, pl.DataFrame]:
    """Frames for `cables`, each child table (staged) and `rejects`."""
    frames = {
        CABLES.name: _cables_frame(rows.cables).sort("year", "cable_id"),
        REJECTS.name: REJECTS.frame(rows.rejects),
    }
    for table in CHILD_TABLES:
        frames[table.name] = _child_frame(rows.children[table.name],
                                          staged_schema(table)).sort("year", "cable_id",
                                                                     "position")
    return frames


def parse_items(items: Iterable[RawCable | Reject]) -> dict[str, pl.DataFrame]:
    """Parse every raw cable; frames for `cables`, each child table (staged) and `rejects`."""
    return staged_frames(parse_rows(items))


# Frames are built a column at a time: Polars converts a list of values per column many times
# faster than it reads the same values out of one dict per row.
def _cables_frame(cables: list[dict]) -> pl.DataFrame:
    schema = staged_cables_schema()
    columns: dict[str, list | pl.Series] = {}
    for name in CABLES.column_names:
        values = [cable.get(name) for cable in cables]
        columns[name] = _text_lists(name, values) if schema[name] == _TEXT_LIST else values
    columns[BODY_LENGTH] = [_utf8_length(cable["body"]) for cable in cables]
    return pl.DataFrame(columns, schema=schema)


_TEXT_LIST = pl.List(pl.String())


def _text_lists(name: str, values: list[list[str] | None]) -> pl.Series:
    # Polars reads nested Python lists one value at a time; Arrow converts them in C++, tens
    # of times faster, to the same List(String) column.
    return pl.Series(name, pa.array(values, type=pa.large_list(pa.large_string())))


def _utf8_length(text: str) -> int:
    # An ASCII string (the common body) knows it is one: no encoding needed to count its bytes.
    return len(text) if text.isascii() else len(text.encode())


def _child_frame(owned: list[tuple[dict, list[dict]]], schema: pl.Schema) -> pl.DataFrame:
    """The rows of every cable in ``owned`` (its cable row, its child rows), numbered 1..n."""
    columns: dict[str, list] = {name: [] for name in schema.names()}
    cable_ids, positions = columns["cable_id"], columns["position"]
    shas, years = columns[STAGED_KEY], columns["year"]
    row_columns = [name for name in schema.names()
                   if name not in ("cable_id", "position", STAGED_KEY, "year")]
    every_row: list[dict] = []
    for cable, rows in owned:
        count = len(rows)
        cable_ids += [cable["cable_id"]] * count
        positions += range(1, count + 1)
        shas += [cable["source_sha256"]] * count
        years += [cable["year"]] * count
        every_row += rows
    # One C-level pass per row (itemgetter, then zip) instead of one dict lookup per value in
    # Python: a fifth off the child frames' cost. parse_cable gives every row every key.
    if every_row:
        values = map(itemgetter(*row_columns), every_row)
        for name, column in zip(row_columns, zip(*values, strict=True), strict=True):
            columns[name] = list(column)
    return pl.DataFrame(columns, schema=schema)


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
    # Nearly every cable_id has one copy: only the others are ranked. Sorting all rows on
    # every ranking key cost ~0.8 KB of memory per cable (400 MB at 500,000 cables).
    copies = pl.col("cable_id").is_duplicated()
    ranked = (
        cables.filter(copies)
        .sort(["cable_id", *winner_order()])
        .unique(subset=["cable_id"], keep="first", maintain_order=True)
    )
    return pl.concat([cables.filter(~copies), ranked]).sort("cable_id")
