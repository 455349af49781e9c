"""The parse pool `cables run` starts before Prefect is imported."""

from __future__ import annotations

import sys

from flows import parse_pool


def test_warm_pool_is_the_pool_the_parse_tasks_use():
    parse_pool.warm_parse_pool(2)
    try:
        pool = parse_pool.parse_pool(2)
        processes = list(pool._processes.values())  # spawned at once, importing the parser
        assert len(processes) == 2 and all(p.is_alive() for p in processes)
        assert pool.submit(_imported, "flows.staging").result(timeout=120)
    finally:
        parse_pool.close_parse_pool()
    assert parse_pool._pool is None
    assert all(not p.is_alive() for p in processes)


def _imported(module: str) -> bool:
    return module in sys.modules
