"""The pipeline without Prefect, for tests that kill it or race it from another process.

``run_plain`` does what ``flows.etl.run_pipeline`` does, in the same order and with the same
plain functions (lock, plan, parse, publish aside, DuckDB build, swap, load_runs row), minus
Prefect.

Run as ``python -m tests.plain_pipeline --warehouse DIR [--pause-at POINT --marker FILE
[--resume FILE]] SOURCE ...``: at ``POINT`` the process touches ``--marker`` and waits for
``--resume`` to exist (forever without one, until the test kills it). The points are reached
by wrapping library calls inside this process only; production code has no test hooks:

- ``locked``: the writer lock is held, nothing else done yet;
- ``parse-write``: the second staged part of a batch is about to be written;
- ``publish-write``: the second Parquet file of the new version is about to be written;
- ``duckdb-load``: the aside DuckDB file holds some tables, the third is about to load;
- ``duckdb-swap``: the aside DuckDB file is complete, not yet renamed over the live one;
- ``publish-swap``: the new DuckDB file is in place, ``current`` not yet swapped (last step).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from flows.publish import publish, swap_current, version_dir  # noqa: E402
from flows.runs import WarehouseBusy, append_load_run, now_utc, writer_lock  # noqa: E402
from flows.settings import Settings  # noqa: E402
from flows.staging import parse_batch, plan_run  # noqa: E402
from flows.warehouse import build_duckdb  # noqa: E402

PAUSE_POINTS = (
    "locked",
    "parse-write",
    "publish-write",
    "publish-swap",
    "duckdb-load",
    "duckdb-swap",
)


def run_plain(
    settings: Settings, sources: list[str], run_id: str | None = None, pause=lambda point: None
) -> dict[str, int]:
    """One run of the pipeline in this process; returns rows per table."""
    started = now_utc()
    with writer_lock(settings):
        pause("locked")
        plan = plan_run(settings, sources, run_id=run_id or uuid.uuid4().hex[:12])
        for batch in plan.batches:
            parse_batch(settings, batch)
        table_rows = publish(settings, plan, make_current=False)
        version = version_dir(settings, plan.run_id)
        build_duckdb(settings, plan.run_id, version)
        swap_current(settings, version)
        append_load_run(
            settings,
            {
                "run_id": plan.run_id,
                "started_at": started,
                "finished_at": now_utc(),
                "sources": list(sources),
                "files_seen": plan.files_seen,
                "files_parsed": sum(len(b.files) for b in plan.batches),
                "files_reused": plan.files_seen - sum(len(b.files) for b in plan.batches),
                "files_vanished": len(plan.vanished),
                "inputs": table_rows["cables"] + table_rows["duplicates"] + table_rows["rejects"],
                "cables": table_rows["cables"],
                "duplicates": table_rows["duplicates"],
                "rejects": table_rows["rejects"],
                "table_rows": table_rows,
                "stage_seconds": {},
                "warehouse": str(settings.warehouse),
            },
        )
    return table_rows


def _pauser(marker: Path, resume: Path | None):
    def pause(point: str) -> None:
        marker.write_text(point)
        while resume is None or not resume.exists():
            time.sleep(0.02)

    return pause


def install_pause(settings: Settings, point: str, pause) -> None:
    """Wrap the library call that marks ``point`` so that it calls ``pause`` first."""
    import polars as pl

    import flows.warehouse

    if point in ("parse-write", "publish-write"):
        folder = str(settings.parts_dir if point == "parse-write" else settings.versions_dir)
        seen = []
        for owner, name in ((pl.DataFrame, "write_parquet"), (pl.LazyFrame, "sink_parquet")):
            original = getattr(owner, name)

            def wrapped(self, path, *args, _original=original, **kwargs):
                if str(path).startswith(folder):
                    seen.append(path)
                    if len(seen) == 2:
                        pause(point)
                return _original(self, path, *args, **kwargs)

            setattr(owner, name, wrapped)
    elif point in ("publish-swap", "duckdb-swap"):
        target = settings.current_link if point == "publish-swap" else settings.duckdb_path
        original_replace = os.replace

        def replace(src, dst, *args, **kwargs):
            if Path(dst) == target:
                pause(point)
            return original_replace(src, dst, *args, **kwargs)

        os.replace = replace
    elif point == "duckdb-load":
        original_load_sql = flows.warehouse.load_sql
        calls = []

        def load_sql(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                pause(point)
            return original_load_sql(*args, **kwargs)

        flows.warehouse.load_sql = load_sql


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--run-id")
    parser.add_argument("--pause-at", choices=PAUSE_POINTS)
    parser.add_argument("--marker")
    parser.add_argument("--resume")
    args = parser.parse_args(argv)
    settings = Settings(warehouse=Path(args.warehouse))
    pause = lambda point: None  # noqa: E731
    if args.pause_at:
        pause_now = _pauser(Path(args.marker), Path(args.resume) if args.resume else None)
        install_pause(settings, args.pause_at, pause_now)
        if args.pause_at == "locked":
            pause = lambda point: pause_now(point) if point == "locked" else None  # noqa: E731
    try:
        run_plain(settings, args.sources, args.run_id, pause)
    except WarehouseBusy as error:
        print(f"cables run: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
