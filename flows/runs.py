"""Run bookkeeping outside Prefect: the one-writer lock and the `load_runs` table."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import polars as pl

from flows.atomic import write_parquet_atomic
from flows.settings import Settings
from transforms.tables import LOAD_RUNS


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's writer lock."""


@contextmanager
def writer_lock(settings: Settings, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's single-writer lock; wait up to ``wait_seconds`` for it.

    An advisory ``flock`` on ``warehouse/.lock``: the kernel drops it when the holder dies,
    so a killed run never leaves the warehouse locked.
    """
    settings.warehouse.mkdir(parents=True, exist_ok=True)
    with open(settings.lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WarehouseBusy(
                        f"{settings.warehouse} is being written by {holder}; "
                        "try again when it finishes (or pass --wait SECONDS)") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def now_utc() -> datetime:
    return datetime.now(UTC)


def append_load_run(settings: Settings, row: dict) -> None:
    """Add one row to `load_runs` (written aside and renamed, like every table)."""
    path = settings.load_runs_path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Mappings (rows per table, seconds per stage, rejects per reason) are stored as JSON.
    row = {k: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v
           for k, v in row.items()}
    frame = LOAD_RUNS.frame([row])
    if path.exists():
        # Rows written before a column was added get nulls in it.
        frame = pl.concat([pl.read_parquet(path), frame], how="diagonal_relaxed").select(
            LOAD_RUNS.schema.names()).cast(dict(LOAD_RUNS.schema))
    write_parquet_atomic(frame, path, LOAD_RUNS)


def last_runs(settings: Settings, limit: int = 5) -> pl.DataFrame:
    if not settings.load_runs_path.exists():
        return LOAD_RUNS.empty()
    return pl.read_parquet(settings.load_runs_path).sort("started_at", descending=True).head(limit)
