"""Write a version's `cables` and child tables as ``flows.publish_files`` laid them out.

Previous files kept whole are hard-linked; the others are written a group of staged parts
at a time, each file as soon as the last group it needs is read, so memory holds little
more than a group whatever N.
"""

from __future__ import annotations

import io
import os
import shutil
from collections import defaultdict
from pathlib import Path

import polars as pl

from flows.publish_files import MANIFEST, MANIFEST_SCHEMA, UNIT
from flows.settings import Settings
from flows.staged_parts import scan_parts
from flows.table_files import write_table_file
from transforms.batch import STAGED_KEY
from transforms.schema import Table
from transforms.tables import CABLES, CHILD_TABLES

# Scans that filter on year or origin skip whole row groups by their statistics.
ROW_GROUP_ROWS = 16_384
# `cables` rows are wide (the raw text): smaller row groups, sorted by origin inside a file,
# so a filter on origin skips most of them by their min/max statistics too.
CABLES_ROW_GROUP_ROWS = 2_048


def write_cable_tables(
    settings: Settings, linked: pl.DataFrame, assigned: pl.DataFrame, version: Path,
    old_dir: Path | None
) -> None:
    """`cables` and its children of ``version`` as ``layout_files`` laid them out (files of
    the previous version ``old_dir`` to link, cables to write), and its manifest."""
    for file in linked["file"].unique().to_list():
        for table in (CABLES, *CHILD_TABLES):
            _link(old_dir / table.name / file, version / table.name / file)
    # Which cables of which previous file each output file keeps (rewritten, merged files).
    from_old: dict[str, list[tuple[str, pl.DataFrame]]] = defaultdict(list)
    for (out, source), cables in (
        assigned.filter(pl.col("source").is_not_null())
        .partition_by("out", "source", as_dict=True)
        .items()
    ):
        from_old[out].append((source, cables.select("cable_id")))
    for table in (CABLES, *CHILD_TABLES):
        _write_table(settings, table, assigned, from_old, old_dir, version)
    manifest = pl.concat([linked, assigned.rename({"out": "file"}).select(MANIFEST_SCHEMA.names())])
    # Read by the next publish only: the cheapest zstd level.
    manifest.sort("file", "cable_id").write_parquet(
        version / MANIFEST, compression="zstd", compression_level=1
    )


def _link(old: Path, new: Path) -> None:
    """Share the previous version's file: it is never written again, and deleting the old
    version later leaves this name in place."""
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links
        shutil.copy2(old, new)


def _staged(settings: Settings, table: Table, rows: pl.DataFrame) -> pl.DataFrame:
    """The staged rows of ``table`` for the cables ``rows``, each with its output file."""
    scan = scan_parts(settings, table.name, rows["_part"].unique().sort().to_list())
    if table is CABLES:
        joined = scan.join(rows.lazy().select(*UNIT, "out"), on=UNIT, nulls_equal=True)
    else:
        on = ["cable_id", STAGED_KEY, "_part"]
        joined = scan.join(rows.lazy().select(*on, "out"), on=on)
    # Streaming: the group's staged rows are joined as they are read, never held twice.
    return joined.collect(engine="streaming")


def _write_table(
    settings: Settings,
    table: Table,
    assigned: pl.DataFrame,
    from_old: dict[str, list[tuple[str, pl.DataFrame]]],
    old_dir: Path | None,
    version: Path,
) -> None:
    """Every output file of ``table``: staged rows a group of parts at a time, each file
    written as soon as its last group is read, so memory holds little more than a group."""
    last_group = assigned.group_by("out").agg(pl.col("group").max())
    due: dict[int, list[str]] = defaultdict(list)
    for out, group in last_group.sort("out").iter_rows():
        due[group].append(out)
    pending: dict[str, list[pl.DataFrame | bytes]] = defaultdict(list)
    for group in sorted(due.keys() | set(assigned["group"].unique().to_list())):
        wanted = assigned.filter(pl.col("group") == group, pl.col("source").is_null())
        if wanted.height:
            now = set(due.get(group, []))
            for (out,), rows in (
                _staged(settings, table, wanted)
                .partition_by("out", as_dict=True, include_key=False)
                .items()
            ):
                rows = rows.select(table.column_names)
                pending[out].append(rows if out in now else _packed(rows))
        for out in due.get(group, []):
            pieces = pending.pop(out, [])
            for source, cable_ids in from_old.get(out, []):
                pieces.append(
                    pl.read_parquet(
                        old_dir / table.name / source,
                        columns=table.column_names,
                        hive_partitioning=False,
                    ).join(cable_ids, on="cable_id", how="semi")
                )
            _write_file(table, pieces, version / table.name / out)


def _packed(rows: pl.DataFrame) -> bytes:
    """``rows`` kept for a file a later group completes, as Parquet in memory (text packs
    ~4:1, and lz4 is cheap). Held as they are, a few rows would keep the whole group's text
    alive too: a Polars string column picked out of a larger frame shares its buffers."""
    packed = io.BytesIO()
    rows.write_parquet(packed, compression="lz4", statistics=False)
    return packed.getvalue()


def _write_file(table: Table, pieces: list[pl.DataFrame | bytes], path: Path) -> None:
    frames = [pl.read_parquet(io.BytesIO(p)) if isinstance(p, bytes) else p for p in pieces]
    frame = pl.concat(frames) if frames else table.empty()
    if table is CABLES:
        frame = frame.sort("origin", "cable_id", nulls_last=True)
        row_group_rows = CABLES_ROW_GROUP_ROWS
    else:
        # Two copies of one text in one staged part carry the same rows: keep one.
        frame = frame.unique(["cable_id", "position"], keep="first").sort("cable_id", "position")
        row_group_rows = ROW_GROUP_ROWS
    path.parent.mkdir(parents=True, exist_ok=True)
    write_table_file(table, frame, path, row_group_size=row_group_rows, statistics=True)
