"""The `cables_etl` Prefect flow: thin wiring of coarse steps that pass paths, not frames.

extract + transform: one ``parse_batch`` task per batch of input files (never per cable),
writing staged Parquet parts; then ``publish`` (one complete versioned set of tables) and
``load_duckdb`` (the DuckDB file built aside and swapped in). Everything the tasks do lives
in plain functions (``flows.staging``, ``flows.publish``, ``flows.warehouse``) that the CLI
and the tests call too.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from flows.parse_pool import close_parse_pool, parse_pool
from flows.progress import active_progress
from flows.publish import publish, swap_current, version_dir
from flows.run_artifacts import publish_run_artifacts
from flows.run_record import (
    current_table_rows,
    ledger_files,
    new_run_id,
    run_summary,
    unchanged,
    usable_plan,
)
from flows.runs import append_load_run, now_utc, writer_lock
from flows.search import build_search_index
from flows.settings import Settings
from flows.staging import Batch, Plan, batch_path, parse_batch, plan_run
from flows.warehouse import build_duckdb

# I/O can fail for a moment (a network share, a remote store, a worker killed for memory):
# those tasks retry with growing delays (2 s, 4 s, with jitter). A parser or data error would
# fail the same way again, so only I/O errors are retried.
IO_RETRIES = 2
IO_BACKOFF = exponential_backoff(backoff_factor=2)


def _io_error(task, task_run, state) -> bool:
    error = state.data if isinstance(state.data, BaseException) else None
    if isinstance(error, BrokenProcessPool):
        close_parse_pool()  # a worker died: the next attempt starts a fresh pool
    return isinstance(error, OSError | BrokenProcessPool)


@task(name="plan", retries=IO_RETRIES, retry_delay_seconds=IO_BACKOFF,
      retry_condition_fn=_io_error)
def plan_task(settings: Settings, sources: list[str], layout: str | None, prune: bool,
              run_id: str, include: str | None = None) -> str:
    plan = plan_run(settings, sources, layout, prune, run_id, include)
    get_run_logger().info(
        "discovered %d files: %d to parse in %d batches, %d staged parts reused, %d vanished",
        plan.files_seen, plan.files_to_parse(), len(plan.batches),
        len(plan.reused), len(plan.vanished))
    return str(plan.write(settings.tmp_dir / f"plan-{plan.run_id}.json"))


# No Prefect result cache here: a batch's staged parts are its cache, keyed by its files'
# path, size and mtime and the parser's fingerprint (flows.staging); a finished batch returns
# {"cached": 1} at once, so a re-run after a crash parses only the batches not finished.
@task(name="parse_batch", retries=IO_RETRIES, retry_delay_seconds=IO_BACKOFF,
      retry_condition_fn=_io_error)
def parse_batch_task(settings: Settings, plan_path: str, index: int,
                     layout: str | None) -> dict[str, int]:
    batch = Batch.read(batch_path(Path(plan_path), index))
    if settings.workers > 1 and len(batch.files) > 1 and not _on_dask_worker():
        counts = parse_pool(settings.workers).submit(parse_batch, settings, batch,
                                                      layout).result()
    else:
        counts = parse_batch(settings, batch, layout)
    get_run_logger().info("batch %d (%s): %s", index, batch.key, counts)
    return counts


def _on_dask_worker() -> bool:
    """A Dask worker is already a parse process (daemonic, so it may not start a pool)."""
    distributed = sys.modules.get("distributed")  # imported wherever a Dask worker runs
    try:
        return distributed is not None and distributed.get_worker() is not None
    except ValueError:  # distributed is loaded, but this is not a worker
        return False


@task(name="publish", retries=IO_RETRIES, retry_delay_seconds=IO_BACKOFF,
      retry_condition_fn=_io_error)
def publish_task(settings: Settings, plan_path: str) -> dict[str, int]:
    counts = publish(settings, Plan.read(Path(plan_path)), make_current=False)
    get_run_logger().info("published tables: %s", counts)
    return counts


@task(name="load_duckdb", retries=IO_RETRIES, retry_delay_seconds=IO_BACKOFF,
      retry_condition_fn=_io_error)
def load_duckdb_task(settings: Settings, run_id: str, version: str) -> dict[str, int]:
    counts = build_duckdb(settings, run_id, Path(version))
    get_run_logger().info("loaded %s: %s", settings.duckdb_path, counts)
    return counts


def run_pipeline(settings: Settings, sources: list[str], layout: str | None = None,
                 prune: bool = False, wait_seconds: float = 0.0,
                 run_id: str | None = None, include: str | None = None,
                 plan_file: str | None = None) -> dict:
    """The flow body; callable from a flow (Prefect) or directly (tests of the pieces).

    Order matters for crash safety: the new Parquet version is written aside, the DuckDB
    file is built over it and renamed into place, and only then does ``current`` swap; a
    run killed anywhere leaves the previous complete state. A run that finds nothing new,
    changed or vanished publishes nothing: it records itself and returns.
    """
    started, stages = now_utc(), {}
    with writer_lock(settings, wait_seconds):
        clock = time.perf_counter()
        known_files = ledger_files(settings)
        plan = usable_plan(settings, plan_file, sources, layout, prune, include)
        if plan is None:
            plan_path = plan_task(settings, sources, layout, prune, run_id or new_run_id(),
                                  include)
            plan = Plan.read(Path(plan_path))
        else:  # made by `cables run` a moment ago: its time is this run's plan stage
            plan_path = str(plan_file)
            clock -= plan.seconds
        stages["plan"] = time.perf_counter() - clock

        clock = time.perf_counter()
        batch_counts = _parse_batches(settings, plan, plan_path, layout)
        stages["parse"] = time.perf_counter() - clock

        if unchanged(settings, plan):
            table_rows = current_table_rows(settings)
        else:
            clock = time.perf_counter()
            table_rows = publish_task(settings, plan_path)
            stages["publish"] = time.perf_counter() - clock

            # The DuckDB file and the search index are built over the new version at once
            # (DuckDB and Tantivy work outside the GIL); `current` swaps when both are done.
            # "search_index" is the time the index took beyond the load. If the load fails,
            # the index still finishes (Tantivy cannot be stopped half way); the next run's
            # index build brings it back in line with `current`.
            clock = time.perf_counter()
            version = version_dir(settings, plan.run_id)
            with ThreadPoolExecutor(max_workers=1) as side:
                indexing = side.submit(build_search_index, settings, version)
                load_duckdb_task(settings, plan.run_id, str(version))
                stages["load"] = time.perf_counter() - clock
                clock = time.perf_counter()
                search_stats = indexing.result()
            swap_current(settings, version)
            stages["search_index"] = time.perf_counter() - clock
            get_run_logger().info("search index: %s", search_stats)

        summary = run_summary(settings, plan, sources, started, known_files, table_rows, stages)
        summary["batches_cached"] = sum(c.get("cached", 0) for c in batch_counts)
        append_load_run(settings, {k: v for k, v in summary.items() if k != "batches_cached"})
        Plan.remove(Path(plan_path))
    publish_run_artifacts(summary)
    return summary


def _parse_batches(settings: Settings, plan: Plan, plan_path: str,
                   layout: str | None) -> list[dict[str, int]]:
    """One task per batch; progress is reported here, in the flow's thread, as each ends."""
    progress = active_progress()
    progress.start(plan.files_to_parse(), len(plan.batches))
    try:
        futures = {parse_batch_task.submit(settings, plan_path, i, layout): i
                   for i in range(len(plan.batches))}
        counts: dict[int, dict[str, int]] = {}
        for future in as_completed(list(futures)):
            index = futures[future]
            counts[index] = future.result()
            batch = plan.batches[index]
            progress.advance(batch.file_count, _batch_cables(settings, batch.key, counts[index]))
    finally:
        progress.stop()
        close_parse_pool()
    return [counts[i] for i in sorted(counts)]


def _batch_cables(settings: Settings, key: str, counts: dict[str, int]) -> int:
    if "cables" in counts:
        return counts["cables"]
    # A batch staged by an earlier, interrupted run: its parts' footers hold the row counts
    # (`<key>.parquet`, or `<key>.<chunk>.parquet` when a batch is staged in chunks).
    import pyarrow.parquet as pq

    parts = (settings.parts_dir / "cables").glob(f"{key}.*parquet")
    return sum(pq.read_metadata(path).num_rows for path in parts)


@flow(name="cables_etl", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def cables_etl(sources: list[str] | None = None, warehouse: str | None = None,
               layout: str | None = None, prune: bool = False, wait_seconds: float = 0.0,
               include: str | None = None, plan_file: str | None = None) -> dict:
    """Extract raw cable files, parse them with Polars, publish Parquet, load DuckDB.

    ``plan_file``: a plan `cables run` made a moment before (used if still valid)."""
    overrides = {"warehouse": Path(warehouse)} if warehouse else {}
    settings = Settings(**overrides)
    return run_pipeline(settings, sources or list(settings.sources), layout, prune, wait_seconds,
                        include=include, plan_file=plan_file)
