"""Publish: from the live staged parts to one complete, versioned set of Parquet tables.

Each publish writes every table into a new folder under ``.versions/`` and then swaps the
``current`` link to it in one rename, so a reader sees the previous set or the new one, never
a mix. ``warehouse/<table>`` are fixed links through ``current``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import polars as pl

from flows.atomic import point_link
from flows.settings import Settings
from flows.staging import LEDGER_PART, Plan, chunk_paths, part_path, previous_ledger
from transforms.batch import BODY_LENGTH, STAGED_KEY, winners
from transforms.schema import Table
from transforms.tables import (
    CABLES,
    CHILD_TABLES,
    DUPLICATES,
    LEDGER,
    REJECTS,
    TABLES,
)

KEEP_VERSIONS = 2
# Scans that filter on year or origin skip whole row groups by their statistics.
ROW_GROUP_ROWS = 16_384
# `cables` rows are wide (the raw text): smaller row groups, sorted by origin inside a file,
# so a filter on origin skips most of them by their min/max statistics too.
CABLES_ROW_GROUP_ROWS = 2_048
# Cables per output file (and per chunk of work in a publish): bounds the publish's memory.
CHUNK_CABLES = 10_000
DATA_FILE = "data.parquet"


def _scan(settings: Settings, table: str, keys: list[str]) -> pl.LazyFrame:
    if table == LEDGER_PART:
        paths = [str(part_path(settings, table, k)) for k in keys]
    else:
        paths = [str(p) for k in keys for p in chunk_paths(settings, table, k)]
    return pl.scan_parquet(paths, include_file_paths="_part").with_columns(
        pl.col("_part").str.extract(r"/([0-9a-f]+)(?:\.\d+)?\.parquet$")
    )


def live_files(settings: Settings, plan: Plan) -> pl.DataFrame:
    """(source_file, part) of every file whose rows belong in this publish."""
    fresh = [(f.path, b.key) for b in plan.batches for f in b.files]
    fresh_paths = {p for p, _ in fresh}
    kept: list[tuple[str, str]] = []
    ledger = previous_ledger(settings)
    reused = set(plan.reused)
    vanished = set(plan.vanished)
    if ledger is not None:
        for path, part in ledger.select("source_file", "part").iter_rows():
            if path in fresh_paths or part not in reused:
                continue
            if path in vanished and plan.prune:
                continue
            kept.append((path, part))
    return pl.DataFrame(fresh + kept, schema={"source_file": pl.String(), "_part": pl.String()},
                        orient="row")


def _write_file(frame: pl.DataFrame, path: Path, row_group_rows: int = ROW_GROUP_ROWS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(path, compression="zstd", row_group_size=row_group_rows,
                        statistics=True)


def _chunks(won: pl.DataFrame) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Runs of at most CHUNK_CABLES cables in (year, cable_id) order, as (first, last) keys.

    A run may span years (the 1960s-90s hold few cables each), so the number of passes over
    the staged parts grows with the cables, not with the years.
    """
    keys = won.select("year", "cable_id").sort("year", "cable_id").rows()
    return [(keys[start], keys[min(start + CHUNK_CABLES, len(keys)) - 1])
            for start in range(0, len(keys), CHUNK_CABLES)]


def _in_range(first: tuple[int, str], last: tuple[int, str]) -> pl.Expr:
    year, cable_id = pl.col("year"), pl.col("cable_id")
    after_first = (year > first[0]) | ((year == first[0]) & (cable_id >= first[1]))
    before_last = (year < last[0]) | ((year == last[0]) & (cable_id <= last[1]))
    # The plain year range lets row-group statistics skip most of each staged part.
    return year.is_between(first[0], last[0]) & after_first & before_last


def _write_by_year(frame: pl.DataFrame, table: Table, folder: Path, number: int,
                   years: list[int], row_group_rows: int = ROW_GROUP_ROWS) -> None:
    """One file per year of the chunk (`year=YYYY/part-NNNN.parquet`), empty ones included,
    so `cables` and each child table have the same files (the search index pairs them).
    Only `cables` declares `year`; the children's files hold their declared columns."""
    for year in years:
        rows = frame.filter(pl.col("year") == year).select(table.column_names)
        _write_file(rows, folder / f"year={year}" / f"part-{number:04d}.parquet", row_group_rows)


def _write_cable_tables(settings: Settings, keys: list[str], won: pl.DataFrame,
                        version: Path) -> None:
    """`cables` and its children, in chunks of cables, one file per (year, chunk), sorted.

    Staged parts are sorted by (year, cable_id) in small row groups, so each chunk's scan
    reads little more than its own rows: memory stays bounded by one chunk, whatever N.
    """
    unit = ["cable_id", "source_file", "source_member", "source_sha256"]
    for number, (first, last) in enumerate(_chunks(won)):
        in_chunk = _in_range(first, last)
        chunk_won = won.lazy().filter(in_chunk)
        years = sorted(chunk_won.select(pl.col("year").unique()).collect()["year"].to_list())
        cables = (_scan(settings, CABLES.name, keys).filter(in_chunk)
                  .join(chunk_won.select(unit), on=unit, how="semi", nulls_equal=True)
                  .select(CABLES.column_names).sort("year", "origin", "cable_id", nulls_last=True)
                  .collect())
        _write_by_year(cables, CABLES, version / CABLES.name, number, years,
                       CABLES_ROW_GROUP_ROWS)
        for table in CHILD_TABLES:
            rows = (_scan(settings, table.name, keys).filter(in_chunk)
                    .join(chunk_won.select("cable_id", STAGED_KEY), on=["cable_id", STAGED_KEY],
                          how="semi")
                    .unique(subset=["cable_id", "position"], keep="first")
                    .select(*table.column_names, "year").sort("cable_id", "position").collect())
            _write_by_year(rows, table, version / table.name, number, years)


def version_dir(settings: Settings, run_id: str) -> Path:
    return settings.versions_dir / run_id


def publish(settings: Settings, plan: Plan, make_current: bool = True) -> dict[str, int]:
    """Write every table of this run into a new version folder; rows per table.

    With ``make_current`` the version becomes current at once. The flow passes False: it
    builds the DuckDB file over the version first and swaps ``current`` last, so a kill at
    any point leaves the previous complete state (Parquet and DuckDB) exactly as it was.
    """
    live = live_files(settings, plan)
    keys = sorted(set(live["_part"].to_list()))
    version = version_dir(settings, plan.run_id)
    if version.exists():
        shutil.rmtree(version)
    counts: dict[str, int] = {}

    if keys:
        slim = (_scan(settings, CABLES.name, keys)
                .join(live.lazy(), on=["source_file", "_part"], how="semi")
                .select("cable_id", "year", "is_partial", "is_corrected", "source_format",
                        "source_sha256", "source_file", "source_member", BODY_LENGTH)
                .collect())
        won = winners(slim.lazy()).collect()
        _write_cable_tables(settings, keys, won, version)
        duplicates = _duplicates(slim, won)
        rejects = (_scan(settings, REJECTS.name, keys)
                   .join(live.lazy(), on=["source_file", "_part"], how="semi")
                   .select(REJECTS.column_names).unique()
                   .sort(["source_file", "source_member", "reason"], nulls_last=True)).collect()
        ledger = _ledger(settings, keys, live, won, duplicates, rejects, plan)
    else:
        won = CABLES.empty()
        duplicates, rejects, ledger = DUPLICATES.empty(), REJECTS.empty(), LEDGER.empty()
    if plan.missing_sources:
        missing = pl.DataFrame(
            [{"source_file": m["source_file"], "source_member": m["member"],
              "source_format": None, "reason": m["reason"], "message": m["message"],
              "excerpt": None, "source_sha256": None} for m in plan.missing_sources],
            schema=REJECTS.schema)
        rejects = pl.concat([rejects, missing]).sort(["source_file", "reason"])
    for table in (CABLES, *CHILD_TABLES):
        if won.height == 0:  # every table is at least one (empty) file, so readers find it
            _write_file(table.empty(), version / table.name / DATA_FILE)
    for table, frame in ((DUPLICATES, duplicates), (REJECTS, rejects), (LEDGER, ledger)):
        _write_file(frame, version / table.name / DATA_FILE)
    for table in TABLES:
        counts[table.name] = table_rows(version / table.name)
    if make_current:
        swap_current(settings, version)
    return counts


def _duplicates(slim: pl.DataFrame, won: pl.DataFrame) -> pl.DataFrame:
    unit = ["cable_id", "source_file", "source_member", "source_sha256"]
    losers = slim.join(won.select(unit), on=unit, how="anti", nulls_equal=True)
    return (losers.join(won.select("cable_id", winner_source_file="source_file",
                                   winner_source_member="source_member"), on="cable_id")
            .select(DUPLICATES.column_names)
            .sort(["cable_id", "source_file", "source_member"], nulls_last=True))


def _ledger(settings: Settings, keys: list[str], live: pl.DataFrame, won: pl.DataFrame,
            duplicates: pl.DataFrame, rejects: pl.DataFrame, plan: Plan) -> pl.DataFrame:
    files = (_scan(settings, LEDGER_PART, keys)
             .join(live.lazy(), on=["source_file", "_part"], how="semi")
             .rename({"_part": "part_key"}).collect())
    per_file = [
        won.group_by("source_file").agg(cables=pl.len().cast(pl.Int32)),
        duplicates.group_by("source_file").agg(duplicates=pl.len().cast(pl.Int32)),
        rejects.group_by("source_file").agg(rejects=pl.len().cast(pl.Int32)),
    ]
    for counts in per_file:
        files = files.join(counts, on="source_file", how="left")
    vanished = set(plan.vanished)
    return (files.with_columns(pl.col("cables", "duplicates", "rejects").fill_null(0))
            .with_columns(outcome=pl.when(pl.col("source_file").is_in(vanished)).then(pl.lit("vanished"))
                          .when((pl.col("duplicates") == 0) & (pl.col("rejects") == 0)
                                & (pl.col("cables") > 0)).then(pl.lit("loaded"))
                          .when((pl.col("cables") == 0) & (pl.col("rejects") == 0)
                                & (pl.col("duplicates") > 0)).then(pl.lit("duplicate"))
                          .when((pl.col("cables") == 0) & (pl.col("duplicates") == 0))
                          .then(pl.lit("rejected"))
                          .otherwise(pl.lit("mixed")))
            .select(LEDGER.column_names).sort("source_file"))


def swap_current(settings: Settings, version: Path) -> None:
    """Point ``current`` at ``version`` in one rename; keep the newest few versions."""
    point_link(settings.current_link, version)
    for table in TABLES:
        table_link = settings.table_dir(table.name)
        if not table_link.is_symlink():
            if table_link.exists():
                shutil.rmtree(table_link)
            table_link.symlink_to(Path("current") / table.name)
    # An open DuckDB session's views point at the version it was opened on: keep the last
    # few versions, and every version younger than a day, so such a session keeps working.
    versions = sorted(settings.versions_dir.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    cutoff = time.time() - settings.keep_versions_hours * 3600
    for old in versions[:-KEEP_VERSIONS]:
        if old != version and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)


def table_rows(folder: Path) -> int:
    files = sorted(folder.rglob("*.parquet"))
    if not files:
        return 0
    return pl.scan_parquet(files).select(pl.len()).collect().item()
