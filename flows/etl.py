"""The `cables_etl` Prefect flow: thin wiring of coarse steps that pass paths, not frames.

extract + transform: one ``parse_batch`` task per batch of input files (never per cable),
writing staged Parquet parts; then ``publish`` (one complete versioned set of tables) and
``load_duckdb`` (the DuckDB file built aside and swapped in). Everything the tasks do lives
in plain functions (``flows.staging``, ``flows.publish``, ``flows.warehouse``) that the CLI
and the tests call too.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from flows.publish import publish
from flows.report import run_report_markdown
from flows.runs import append_load_run, now_utc, writer_lock
from flows.settings import Settings
from flows.staging import Plan, parse_batch, plan_run
from flows.warehouse import build_duckdb


@task(name="plan", retries=2, retry_delay_seconds=[1, 5])
def plan_task(settings: Settings, sources: list[str], layout: str | None, prune: bool,
              run_id: str) -> str:
    plan = plan_run(settings, sources, layout, prune, run_id)
    get_run_logger().info(
        "discovered %d files: %d to parse in %d batches, %d staged parts reused, %d vanished",
        plan.files_seen, sum(len(b.files) for b in plan.batches), len(plan.batches),
        len(plan.reused), len(plan.vanished))
    return str(plan.write(settings.tmp_dir / f"plan-{plan.run_id}.json"))


# Parsing is CPU-bound Python: threads would share one core. Each parse task (in a thread of
# the flow's task runner) hands its batch to a process of this pool. Prefect's own process
# pool runner would start a temporary API server in every worker (10-20 s each here).
_pool: ProcessPoolExecutor | None = None


def _parse_pool(workers: int) -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers,
                                    mp_context=multiprocessing.get_context("spawn"))
    return _pool


def _close_parse_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


@task(name="parse_batch", retries=2, retry_delay_seconds=[1, 5])
def parse_batch_task(settings: Settings, plan_path: str, index: int,
                     layout: str | None) -> dict[str, int]:
    batch = Plan.read(Path(plan_path)).batches[index]
    if settings.workers > 1 and len(batch.files) > 1:
        counts = _parse_pool(settings.workers).submit(parse_batch, settings, batch,
                                                      layout).result()
    else:
        counts = parse_batch(settings, batch, layout)
    get_run_logger().info("batch %d (%s): %s", index, batch.key, counts)
    return counts


@task(name="publish")
def publish_task(settings: Settings, plan_path: str) -> dict[str, int]:
    counts = publish(settings, Plan.read(Path(plan_path)))
    get_run_logger().info("published tables: %s", counts)
    return counts


@task(name="load_duckdb")
def load_duckdb_task(settings: Settings, run_id: str) -> dict[str, int]:
    counts = build_duckdb(settings, run_id)
    get_run_logger().info("loaded %s: %s", settings.duckdb_path, counts)
    return counts


def run_pipeline(settings: Settings, sources: list[str], layout: str | None = None,
                 prune: bool = False, wait_seconds: float = 0.0,
                 run_id: str | None = None) -> dict:
    """The flow body; callable from a flow (Prefect) or directly (tests of the pieces)."""
    started, stages = now_utc(), {}
    with writer_lock(settings, wait_seconds):
        clock = time.perf_counter()
        plan_path = plan_task(settings, sources, layout, prune, run_id or _new_run_id())
        plan = Plan.read(Path(plan_path))
        stages["plan"] = time.perf_counter() - clock

        clock = time.perf_counter()
        try:
            futures = [parse_batch_task.submit(settings, plan_path, i, layout)
                       for i in range(len(plan.batches))]
            batch_counts = [f.result() for f in futures]
        finally:
            _close_parse_pool()
        stages["parse"] = time.perf_counter() - clock

        clock = time.perf_counter()
        table_rows = publish_task(settings, plan_path)
        stages["publish"] = time.perf_counter() - clock

        clock = time.perf_counter()
        summary = {
            "run_id": plan.run_id, "started_at": started, "sources": list(sources),
            "files_seen": plan.files_seen,
            "files_parsed": sum(len(b.files) for b in plan.batches),
            "files_reused": plan.files_seen - sum(len(b.files) for b in plan.batches),
            "files_vanished": len(plan.vanished),
            "inputs": table_rows["cables"] + table_rows["duplicates"] + table_rows["rejects"],
            "cables": table_rows["cables"], "duplicates": table_rows["duplicates"],
            "rejects": table_rows["rejects"], "table_rows": table_rows,
            "warehouse": str(settings.warehouse),
            "batches_cached": sum(c.get("cached", 0) for c in batch_counts),
        }
        summary["stage_seconds"] = stages
        summary["finished_at"] = now_utc()
        append_load_run(settings, {k: v for k, v in summary.items() if k != "batches_cached"})
        load_duckdb_task(settings, plan.run_id)
        stages["load"] = time.perf_counter() - clock
        Path(plan_path).unlink(missing_ok=True)
    create_markdown_artifact(key="cables-run-report", markdown=run_report_markdown(summary),
                             description="What this run of cables_etl read and loaded")
    return summary


def _new_run_id() -> str:
    return now_utc().strftime("%Y%m%dT%H%M%S") + "-" + __import__("uuid").uuid4().hex[:6]


@flow(name="cables_etl", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def cables_etl(sources: list[str] | None = None, warehouse: str | None = None,
               layout: str | None = None, prune: bool = False, wait_seconds: float = 0.0) -> dict:
    """Extract raw cable files, parse them with Polars, publish Parquet, load DuckDB."""
    overrides = {"warehouse": Path(warehouse)} if warehouse else {}
    settings = Settings(**overrides)
    return run_pipeline(settings, sources or list(settings.sources), layout, prune, wait_seconds)
