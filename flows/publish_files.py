"""Which file of a version each cable lives in (`flows.publish_write` writes them).

A version's ``manifest.parquet`` lists every published cable with the file it lives in
(``<year>-<hash>.parquet``, the same name in `cables` and in each child table) and the
winning copy it came from: its source unit and the staged part that parsed it (the same
part always holds the same rows, so an unchanged unit and part means unchanged rows).

A table's files lie flat in its folder, each holding one year, with ``year`` as a column of
`cables` (children join to it): no ``year=Y`` folders, so no reader infers a second,
differently typed ``year`` from the path, and Spark reads the folder without options (it
does not look into plain subfolders). The README's *Reading the Parquet* says why.

A new version hard-links every previous file whose rows all still win, rewrites a previous
file that lost rows without them, and writes the new and changed cables into new files per
year. A year that collects many small files has them merged with its new cables, so queries
stay fast after many small runs. With no previous manifest every cable is new: that is the
full publish, and it reads each staged part once, a group of parts at a time.

File names hash the cables they hold, never the run id: the same input gives the same files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from flows.settings import Settings
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
_NO_GROUP = -1  # rows read from the previous version, not from the staged parts


def year_files(folder: Path, year: int) -> list[Path]:
    """The files of ``year`` in a table folder of a version."""
    return sorted(folder.glob(f"{year}-*.parquet"))


def in_current_layout(version: Path) -> bool:
    """Whether a version's files are laid out and typed as this code writes them. A version
    written before the flat layout (``year=Y/part-<hash>.parquet``), or whose tables lack a
    column added since (or type one otherwise), is published whole again by the next run,
    not linked from: one version's files all have the same columns."""
    manifest = version / MANIFEST
    if not manifest.exists():  # no cables: no file to lay out
        return True
    files = pl.scan_parquet(manifest).select(pl.col("file").str.contains("/").any())
    if files.collect().item():
        return False
    for table in (CABLES, *CHILD_TABLES):
        # Every file of a version is written with the same code: the first one tells.
        first = next((version / table.name).glob("*.parquet"), None)
        if first is not None and pl.read_parquet_schema(first) != dict(table.schema):
            return False
    return True


def previous_manifest(settings: Settings, version: Path) -> tuple[Path, pl.DataFrame] | None:
    """The current version and its manifest, unless there is none, it is ``version``, or
    it is in an older layout."""
    if not settings.current_link.exists():
        return None
    previous = settings.current_link.resolve()
    if (previous == version.resolve() or not (previous / MANIFEST).exists()
            or not in_current_layout(previous)):
        return None
    return previous, pl.read_parquet(previous / MANIFEST)


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
                "year",
                pl.lit("-"),
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
