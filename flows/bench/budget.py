"""The CPU budget: what each per-cable step of a build costs, measured alone on a sample.

A build can be no faster than its CPU seconds over the machine's cores, and on this machine
the flow keeps both cores busy (the full case's ``cores busy`` column). So a wall-time target
is a CPU budget: 60 s on 2 cores is 120 core-seconds, 0.48 ms per cable of the release. This
case runs the flow's own steps one after another in this process on the first
``SAMPLE_FILES`` files of the corpus and times each with the process's CPU clock, which
counts every thread (Polars' and Tantivy's): read (read, decode, hash), parse (the field
parsers), frames (rows to Polars), write (staged Parquet parts) and index (the stemmed
full-text index, its two writer threads).
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from flows.search_index import (
    DOCUMENT_CABLE_COLUMNS,
    WRITER_HEAP_BYTES,
    WRITER_THREADS,
    add_documents,
    documents_of,
    index_schema,
)
from flows.sources import discover, read_source
from flows.staging import write_staged
from transforms.batch import parse_rows, staged_frames

SAMPLE_FILES = 5_000
STEPS = ("read", "parse", "frames", "write", "index")


@contextmanager
def _cpu(spent: dict[str, float], step: str) -> Iterator[None]:
    started = time.process_time()
    yield
    spent[step] = time.process_time() - started


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cpu_budget(txt: Path, sample: int = SAMPLE_FILES) -> dict:
    """CPU ms per cable of each step on the corpus's first ``sample`` files (sorted)."""
    files, _ = discover([str(txt)])
    files = sorted(files, key=lambda f: f.path)[:sample]
    spent: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cables-budget-") as scratch:
        folder = Path(scratch)
        with _cpu(spent, "read"):
            items = [item for f in files for item in read_source(f)]
        gc.disable()  # as the flow's parse does
        try:
            with _cpu(spent, "parse"):
                rows = parse_rows(items)
            with _cpu(spent, "frames"):
                frames = staged_frames(rows)
        finally:
            gc.enable()
        cables = len(rows.cables)
        del rows, items
        with _cpu(spent, "write"):
            for name, frame in frames.items():
                write_staged(frame, folder / f"{name}.parquet")
        (folder / "index").mkdir()
        with _cpu(spent, "index"):
            index = tantivy.Index(index_schema(), path=str(folder / "index"))
            writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
            documents = frames["cables"].select(DOCUMENT_CABLE_COLUMNS).sort("cable_id")
            add_documents(writer, documents_of(documents, folder / "paragraphs.parquet"))
            writer.commit()
            writer.wait_merging_threads()
    return {"files": len(files), "cables": cables, "cores": cores(),
            "ms_per_cable": {step: round(1000 * spent[step] / max(cables, 1), 4)
                             for step in STEPS}}


def budget_lines(budget: dict, n: int, target_s: float = 60.0) -> list[str]:
    """The budget as text: each step's CPU per cable, and what it means at ``n`` cables."""
    per_cable = budget["ms_per_cable"]
    total = sum(per_cable.values())
    core_seconds = total * n / 1000
    allowed = target_s * budget["cores"] * 1000 / n
    steps = ", ".join(f"{step} {ms:.3f}" for step, ms in per_cable.items())
    return [
        f"cpu budget ({budget['cables']:,} cables of the corpus): ms per cable: {steps}; "
        f"sum {total:.3f}",
        f"cpu budget at {n:,} cables: {core_seconds:,.0f} core-s for these steps alone, so "
        f">= {core_seconds / budget['cores']:,.0f} s wall on {budget['cores']} cores; "
        f"{target_s:.0f} s allows {allowed:.3f} ms per cable for everything",
    ]
