"""Which file of a version each cable lives in; a new version writes only what changed.

A version's ``manifest.parquet`` lists every published cable with the file it lives in
(``year=Y/part-<hash>.parquet``, the same relative path in `cables` and in each child table)
and the winning copy it came from: its source unit and the staged part that parsed it (the
same part always holds the same rows, so an unchanged unit and part means unchanged rows).

A new version hard-links every previous file whose rows all still win, rewrites a previous
file that lost rows without them, and writes the new and changed cables into new files per
year. A year that collects many small files has them merged with its new cables, so queries
stay fast after many small runs. With no previous manifest every cable is new: that is the
full publish, and it reads each staged part once, a group of parts at a time.

File names hash the cables they hold, never the run id: the same input gives the same files.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections import defaultdict
from pathlib import Path

import polars as pl

from flows.settings import Settings
from flows.staging import chunk_paths
from transforms.batch import STAGED_KEY
from transforms.schema import Table
from transforms.tables import CABLES, CHILD_TABLES

MANIFEST = "manifest.parquet"
# The winning copy of a cable, as a row of the manifest: equal units mean equal rows.
UNIT = ["cable_id", "source_file", "source_member", "source_sha256", "_part"]
MANIFEST_SCHEMA = pl.Schema(
    {
        "file": pl.String(),
        "year": pl.Int16(),
        "cable_id": pl.String(),
        "source_file": pl.String(),
        "source_member": pl.String(),
        "source_sha256": pl.String(),
        "_part": pl.String(),
    }
)
# Cables per file at most; a file under a quarter of that is small, and a year holding more
# than MAX_SMALL_FILES small files (counting its new cables as one) has them merged.
FILE_CABLES = 10_000
SMALL_FILE_CABLES = FILE_CABLES // 4
MAX_SMALL_FILES = 4
# New cables read from the staged parts per pass: bounds a publish's memory, whatever N.
GROUP_CABLES = 40_000
# Scans that filter on year or origin skip whole row groups by their statistics.
ROW_GROUP_ROWS = 16_384
# `cables` rows are wide (the raw text): smaller row groups, sorted by origin inside a file,
# so a filter on origin skips most of them by their min/max statistics too.
CABLES_ROW_GROUP_ROWS = 2_048
_NO_GROUP = -1  # rows read from the previous version, not from the staged parts


def previous_manifest(settings: Settings, version: Path) -> tuple[Path, pl.DataFrame] | None:
    """The current version and its manifest, unless there is none (or it is ``version``)."""
    if not settings.current_link.exists():
        return None
    previous = settings.current_link.resolve()
    if previous == version.resolve() or not (previous / MANIFEST).exists():
        return None
    return previous, pl.read_parquet(previous / MANIFEST)


def write_cable_tables(
    settings: Settings, won: pl.DataFrame, version: Path, previous: tuple[Path, pl.DataFrame] | None
) -> None:
    """`cables` and its children of ``version`` for the winners ``won``, and its manifest."""
    old_dir, old = previous if previous else (None, MANIFEST_SCHEMA.to_frame())
    linked, assigned = layout_files(old, won.select(*UNIT, "year"))
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


def layout_files(old: pl.DataFrame, won: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Previous files to link as they are (their manifest rows), and every cable to write.

    ``assigned`` has per cable its output file ``out``, where its rows come from
    (``source``: the previous file, or null for the staged parts), and the ``group`` of
    staged parts it is read with.
    """
    kept = old.join(won.select(UNIT), on=UNIT, how="semi", nulls_equal=True)
    files = (
        kept.group_by("file", "year")
        .agg(kept=pl.len())
        .join(old.group_by("file").agg(total=pl.len()), on="file")
        .with_columns(small=pl.col("kept") < SMALL_FILE_CABLES)
    )
    new = won.join(kept.select(UNIT), on=UNIT, how="anti", nulls_equal=True)
    small_files = files.filter("small").group_by("year").agg(small_files=pl.len())
    merge_years = small_files.join(
        new.select("year").unique().with_columns(new=pl.lit(1)),
        on="year",
        how="full",
        coalesce=True,
    ).filter(pl.col("small_files").fill_null(0) + pl.col("new").fill_null(0) > MAX_SMALL_FILES)[
        "year"
    ]
    merged = pl.col("small") & pl.col("year").is_in(merge_years.implode())
    unchanged = files.filter((pl.col("kept") == pl.col("total")) & ~merged)["file"]
    rewritten = files.filter((pl.col("kept") < pl.col("total")) & ~merged)["file"]
    linked = kept.filter(pl.col("file").is_in(unchanged.implode()))

    # A rewritten file is one output file alone; the merged small files of a year and its new
    # cables are cut into files of at most FILE_CABLES (``_cut``).
    staged = _group_by_part(new).with_columns(source=pl.lit(None, pl.String()))
    from_old = (
        kept.filter(~pl.col("file").is_in(unchanged.implode()))
        .with_columns(source=pl.col("file"), group=pl.lit(_NO_GROUP))
        .drop("file")
    )
    rows = pl.concat([from_old, staged], how="diagonal_relaxed").with_columns(
        bin=pl.when(pl.col("source").is_in(rewritten.implode()))
        .then(pl.col("source"))
        .otherwise(pl.lit(""))
    )
    rows = rows.sort("year", "bin", "group", "cable_id")
    runs = rows.group_by("year", "bin", "group", maintain_order=True).agg(rows=pl.len())
    runs = runs.with_columns(
        pl.DataFrame(
            _cut(runs.iter_rows()), orient="row", schema={"base": pl.Int64, "room": pl.Int64}
        )
    )
    rank, room = pl.col("rank"), pl.col("room")
    rows = (
        rows.with_columns(rank=pl.int_range(pl.len()).over("year", "bin", "group"))
        .join(runs.drop("rows"), on=["year", "bin", "group"])
        .with_columns(
            out=pl.concat_str(
                "year",
                "bin",
                pl.col("base")
                + pl.when(rank < room).then(0).otherwise(1 + (rank - room) // FILE_CABLES),
                separator="|",
            )
        )
        .drop("rank", "base", "room")
    )
    unit = pl.concat_str([pl.col(c).fill_null("") for c in UNIT], separator="\t")
    names = (
        rows.group_by("out")
        .agg(pl.col("year").first(), units=unit.sort().str.join("\n"))
        .select(
            "out",
            name=pl.concat_str(
                pl.lit("year="),
                "year",
                pl.lit("/part-"),
                pl.col("units").map_elements(_digest, pl.String()),
                pl.lit(".parquet"),
            ),
        )
    )
    assigned = (
        rows.join(names, on="out")
        .drop("out", "bin")
        .rename({"name": "out"})
        .with_columns(pl.col("year").cast(pl.Int16()))
    )
    return linked.select(MANIFEST_SCHEMA.names()), assigned


def _cut(runs) -> list[tuple[int, int]]:
    """Per run of one year's cables in one group (in order), the file its first rows go to
    (``base``) and how many of them still fit in that file (``room``); the rest fill new
    files of FILE_CABLES. A file half full at the end of a group is closed: it is written
    while that group's rows are in memory, so few rows wait in memory for a later group."""
    cuts, bin_of, file, filled = [], None, 0, 0
    for year, bin_, _group, count in runs:
        if (year, bin_) != bin_of:
            bin_of, file, filled = (year, bin_), 0, 0
        room = FILE_CABLES - filled
        cuts.append((file, room))
        if count < room:
            filled += count
        else:
            file, filled = file + 1 + (count - room) // FILE_CABLES, (count - room) % FILE_CABLES
        if filled >= FILE_CABLES // 2:
            file, filled = file + 1, 0
    return cuts


def _group_by_part(new: pl.DataFrame) -> pl.DataFrame:
    """``new`` with the group of staged parts each cable is read with (whole parts a group)."""
    parts = (
        new.group_by("_part")
        .agg(cables=pl.len())
        .sort("_part")
        .with_columns(
            group=((pl.col("cables").cum_sum() - pl.col("cables")) // GROUP_CABLES).cast(pl.Int64)
        )
    )
    return new.join(parts.select("_part", "group"), on="_part")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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
    paths = [
        str(p)
        for key in rows["_part"].unique().sort().to_list()
        for p in chunk_paths(settings, table.name, key)
    ]
    scan = pl.scan_parquet(paths, include_file_paths="_part").with_columns(
        pl.col("_part").str.extract(r"/([0-9a-f]+)(?:\.\d+)?\.parquet$")
    )
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
    frame.write_parquet(path, compression="zstd", row_group_size=row_group_rows, statistics=True)
