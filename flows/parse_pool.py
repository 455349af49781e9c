"""The process pool that parse tasks hand their batches to (Prefect-free, so `cables run` can
start it early).

Parsing is CPU-bound Python: threads would share one core. Each parse task (in a thread of
the flow's task runner) hands its batch to a process of this pool. Prefect's own process
pool runner would start a temporary API server in every worker (10-20 s each here).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None


def parse_pool(workers: int) -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers,
                                    mp_context=multiprocessing.get_context("spawn"))
    return _pool


def warm_parse_pool(workers: int) -> None:
    """Start the workers now and have each import the parser, so their start-up (~0.4 s
    each: Python, Polars, the parser) overlaps the Prefect import and the flow's start."""
    pool = parse_pool(workers)
    for _ in range(workers):
        pool.submit(_import_parser)


def close_parse_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


def _import_parser() -> None:
    import flows.staging  # noqa: F401  (polars, the parser and the readers)
