"""Retries where they pay, and staged parts as the cache that makes a re-run resume.

A source that fails twice with an I/O error, then reads, succeeds through the parse task's
retries; a parser-side error is not retried. A run that dies after some batches are staged
re-parses only the unfinished ones on the next run.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

import flows.staging
from flows.progress import showing_progress
from flows.settings import Settings
from tests.conftest import SEED_CABLE

NEVER_HANG = 60.0
REAL_READ_SOURCE = flows.staging.read_source


@pytest.fixture
def one_file_batches(monkeypatch, prefect_harness):
    """Each file its own batch, parsed in the flow's process (so a patched reader is seen),
    and the retry delays zeroed (the policy, retries and condition, stays the real one)."""
    import flows.etl

    monkeypatch.setenv("CABLES_BATCH_FILES", "1")
    monkeypatch.setenv("CABLES_WORKERS", "1")
    monkeypatch.setattr(flows.etl, "parse_batch_task",
                        flows.etl.parse_batch_task.with_options(retry_delay_seconds=0))


class RecordedProgress:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def start(self, files: int, batches: int) -> None:
        self.calls.append(("start", files, batches))

    def advance(self, files: int, cables: int) -> None:
        self.calls.append(("advance", files, cables))

    def stop(self) -> None:
        self.calls.append(("stop",))


def _sources(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SEED_CABLE, folder / name)
    return folder


def _reader_that(monkeypatch, before_read):
    """Patch the source reader: ``before_read(path)`` runs first; returns the paths read."""
    reads = []

    def read_source(source, layout=None, *rest):
        reads.append(Path(source.path).name)
        before_read(Path(source.path).name)
        return REAL_READ_SOURCE(source, layout, *rest)

    monkeypatch.setattr(flows.staging, "read_source", read_source)
    return reads


def test_a_source_failing_twice_then_reading_succeeds(one_file_batches, monkeypatch, tmp_path):
    from flows.etl import cables_etl

    sources = _sources(tmp_path / "sources", ["a.txt"])
    failures = iter([TimeoutError("share not answering"), ConnectionError("reset by peer")])

    def flaky(name):
        error = next(failures, None)
        if error is not None:
            raise error

    reads = _reader_that(monkeypatch, flaky)
    summary = cables_etl(sources=[str(sources)], warehouse=str(tmp_path / "w"))
    assert reads == ["a.txt"] * 3  # two failed attempts, then the retry that worked
    assert summary["cables"] == 1
    assert summary["rejects"] == 0


def test_a_rerun_after_a_crash_parses_only_unfinished_batches(one_file_batches, monkeypatch,
                                                              tmp_path):
    from flows.etl import cables_etl

    sources = _sources(tmp_path / "sources", ["a.txt", "b.txt", "c.txt"])
    warehouse = tmp_path / "w"
    settings = Settings(warehouse=warehouse)

    def crash_on_c(name):
        if name != "c.txt":
            return
        # Die only once a and b are staged, so the crash lands "after some batches".
        deadline = time.monotonic() + NEVER_HANG
        while len(list((settings.parts_dir / "ledger").glob("*.parquet"))) < 2:
            assert time.monotonic() < deadline, "batches a and b never finished"
            time.sleep(0.05)
        raise ValueError("parser bug")  # not an I/O error: retrying would fail the same way

    reads = _reader_that(monkeypatch, crash_on_c)
    with pytest.raises(ValueError, match="parser bug"):
        cables_etl(sources=[str(sources)], warehouse=str(warehouse))
    assert Counter(reads) == {"a.txt": 1, "b.txt": 1, "c.txt": 1}  # c was not retried
    assert not settings.duckdb_path.exists()

    reads = _reader_that(monkeypatch, lambda name: None)
    progress = RecordedProgress()
    with showing_progress(progress):
        summary = cables_etl(sources=[str(sources)], warehouse=str(warehouse))
    assert reads == ["c.txt"]
    # Progress counts every batch, the two staged earlier included (their cables from the
    # part), reported by the flow as each batch ends.
    assert progress.calls == [("start", 3, 3), *[("advance", 1, 1)] * 3, ("stop",)]
    assert summary["batches_cached"] == 2
    assert summary["inputs"] == 3
    assert summary["cables"] == 1 and summary["duplicates"] == 2
