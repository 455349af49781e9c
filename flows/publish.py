"""Publish: from the live staged parts to one complete, versioned set of Parquet tables.

Each publish writes every table into a new folder under ``.versions/`` and then swaps the
``current`` link to it in one rename, so a reader sees the previous set or the new one, never
a mix. ``warehouse/<table>`` are fixed links through ``current``. `cables` and its children
reuse the previous version's unchanged files by hard link (``flows.publish_files``,
``flows.publish_write``).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import polars as pl

from flows.atomic import point_link
from flows.publish_files import MANIFEST_SCHEMA, UNIT, layout_files, previous_manifest
from flows.publish_write import ROW_GROUP_ROWS, write_cable_tables
from flows.settings import Settings
from flows.staged_parts import LEDGER_PART, parsed_files, scan_parts
from flows.staging import Plan, previous_ledger
from flows.table_files import write_table_file
from transforms.batch import BODY_LENGTH, winners
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
DATA_FILE = "data.parquet"


def live_files(settings: Settings, plan: Plan) -> pl.DataFrame:
    """(source_file, part) of every file whose rows belong in this publish."""
    keys = [b.key for b in plan.batches]
    fresh = parsed_files(settings, keys).rename({"part": "_part"}).collect()
    ledger = previous_ledger(settings, ["source_file", "part"])
    if ledger is None:
        return fresh
    gone = pl.col("source_file").is_in(pl.Series(plan.vanished, dtype=pl.String()).implode())
    kept = (
        ledger.lazy()
        .select("source_file", _part=pl.col("part"))
        .filter(
            pl.col("_part").is_in(pl.Series(plan.reused, dtype=pl.String()).implode()),
            ~gone if plan.prune else pl.lit(True),
        )
        .join(fresh.lazy(), on="source_file", how="anti")
        .collect()
    )
    return pl.concat([fresh, kept])


def _write_file(table: Table, frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_table_file(table, frame, path, row_group_size=ROW_GROUP_ROWS, statistics=True)


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
    previous = previous_manifest(settings, version)
    if version.exists():
        shutil.rmtree(version)
    counts: dict[str, int] = {}

    if keys:
        slim = (
            scan_parts(settings, CABLES.name, keys)
            .join(live.lazy(), on=["source_file", "_part"], how="semi")
            .select(
                "cable_id",
                "year",
                "is_partial",
                "is_corrected",
                "source_format",
                "source_sha256",
                "source_file",
                "source_member",
                BODY_LENGTH,
                "_part",
            )
            .collect()
        )
        won = winners(slim.lazy()).collect()
        # Only a cable_id with several copies has losers: the anti-join runs on those rows.
        duplicates = _duplicates(slim.filter(pl.col("cable_id").is_duplicated()), won)
        del slim
        rejects = (
            scan_parts(settings, REJECTS.name, keys)
            .join(live.lazy(), on=["source_file", "_part"], how="semi")
            .select(REJECTS.column_names)
            .unique()
            .sort(["source_file", "source_member", "reason"], nulls_last=True)
        ).collect()
        ledger = _ledger(settings, keys, live, won, duplicates, rejects, plan)
        # Every per-cable frame but the winners' keys is written or dropped before the
        # cable tables are: their writing holds a group of staged rows, whatever N.
        _write_file(LEDGER, ledger, version / LEDGER.name / DATA_FILE)
        del ledger, live
        old_dir, old = previous if previous else (None, MANIFEST_SCHEMA.to_frame())
        linked, assigned = layout_files(old, won.select(*UNIT, "year"))
        won_rows = won.height
        del won, old, previous
        write_cable_tables(settings, linked, assigned, version, old_dir)
    else:
        won_rows = 0
        duplicates, rejects = DUPLICATES.empty(), REJECTS.empty()
        _write_file(LEDGER, LEDGER.empty(), version / LEDGER.name / DATA_FILE)
    for table in (CABLES, *CHILD_TABLES):
        if won_rows == 0:  # every table is at least one (empty) file, so readers find it
            _write_file(table, table.empty(), version / table.name / DATA_FILE)
    for table, frame in ((DUPLICATES, duplicates), (REJECTS, rejects)):
        _write_file(table, frame, version / table.name / DATA_FILE)
    for table in TABLES:
        counts[table.name] = table_rows(version / table.name)
    if make_current:
        swap_current(settings, version)
    return counts


def _duplicates(copies: pl.DataFrame, won: pl.DataFrame) -> pl.DataFrame:
    unit = ["cable_id", "source_file", "source_member", "source_sha256"]
    losers = copies.join(won.select(unit), on=unit, how="anti", nulls_equal=True)
    return (
        losers.join(
            won.select(
                "cable_id", winner_source_file="source_file", winner_source_member="source_member"
            ),
            on="cable_id",
        )
        .select(DUPLICATES.column_names)
        .sort(["cable_id", "source_file", "source_member"], nulls_last=True)
    )


def _ledger(
    settings: Settings,
    keys: list[str],
    live: pl.DataFrame,
    won: pl.DataFrame,
    duplicates: pl.DataFrame,
    rejects: pl.DataFrame,
    plan: Plan,
) -> pl.DataFrame:
    files = (
        scan_parts(settings, LEDGER_PART, keys)
        .join(live.lazy(), on=["source_file", "_part"], how="semi")
        .rename({"_part": "part_key"})
        .collect()
    )
    per_file = [
        won.group_by("source_file").agg(cables=pl.len().cast(pl.Int32)),
        duplicates.group_by("source_file").agg(duplicates=pl.len().cast(pl.Int32)),
        rejects.group_by("source_file").agg(rejects=pl.len().cast(pl.Int32)),
    ]
    for counts in per_file:
        files = files.join(counts, on="source_file", how="left")
    vanished = set(plan.vanished)
    return (
        files.with_columns(pl.col("cables", "duplicates", "rejects").fill_null(0))
        .with_columns(
            outcome=pl.when(pl.col("source_file").is_in(vanished))
            .then(pl.lit("vanished"))
            .when((pl.col("duplicates") == 0) & (pl.col("rejects") == 0) & (pl.col("cables") > 0))
            .then(pl.lit("loaded"))
            .when((pl.col("cables") == 0) & (pl.col("rejects") == 0) & (pl.col("duplicates") > 0))
            .then(pl.lit("duplicate"))
            .when((pl.col("cables") == 0) & (pl.col("duplicates") == 0))
            .then(pl.lit("rejected"))
            .otherwise(pl.lit("mixed"))
        )
        .select(LEDGER.column_names)
        .sort("source_file")
    )


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
