"""A run killed with SIGKILL leaves the last complete state, and the next run finishes it.

A real process runs the plain pipeline (``tests/plain_pipeline.py``), pauses at a named point
(while staged parts are written, while the new Parquet version is written, just before
``current`` is swapped, while the aside DuckDB file loads, just before it is renamed into
place) and is killed there.

The commit points are two renames: ``current`` for the Parquet tables, the DuckDB file for
DuckDB. A kill before the first leaves both exactly as they were; a kill between them (during
the DuckDB load) leaves the DuckDB file exactly as it was and ``current`` already on the new,
complete version. Either way the next run ends where an uninterrupted run ends.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.settings import Settings
from tests.conftest import ROOT, SEED_CABLE
from tests.plain_pipeline import run_plain
from transforms.tables import TABLES

pytestmark = pytest.mark.slow

WAIT_SECONDS = 60  # never-hang bound for a subprocess to reach its pause point


def write_cable(folder: Path, cable_id: str, subject: str = "MQM LOOKING FOR RESPECT") -> Path:
    """The seed cable under another id (and subject): a distinct, valid text-layout cable."""
    lines = SEED_CABLE.read_text().split("\n")
    lines[0], lines[1] = cable_id, subject
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{cable_id}.txt"
    path.write_text("\n".join(lines))
    return path


def tables_digest(warehouse: Path) -> dict[str, str]:
    """sha256 of every Parquet file the current version holds, by path inside it."""
    current = (warehouse / "current").resolve()
    return {
        str(p.relative_to(current)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(current.rglob("*.parquet"))
    }


def duckdb_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every data table (not `load_runs`: it has wall-clock times)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t.name: con.execute(f'select * from "{t.name}" order by all').fetchall() for t in TABLES
        }
    finally:
        con.close()


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_paused(
    warehouse: Path, sources: list[Path], point: str, marker: Path, resume: Path | None = None
) -> subprocess.Popen:
    """Start the plain pipeline in a new process and wait until it pauses at ``point``."""
    command = [
        sys.executable,
        "-m",
        "tests.plain_pipeline",
        "--warehouse",
        str(warehouse),
        "--pause-at",
        point,
        "--marker",
        str(marker),
    ]
    if resume is not None:
        command += ["--resume", str(resume)]
    process = subprocess.Popen(
        [*command, *map(str, sources)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while not marker.exists():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"runner exited ({process.returncode}) before {point}: {err[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"runner never reached {point}")
        time.sleep(0.02)
    return process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Sources of run 1 (``first``) and the extra files run 2 adds (``more``)."""
    root = tmp_path_factory.mktemp("crash-sources")
    first, more = root / "first", root / "more"
    first.mkdir()
    shutil.copy(SEED_CABLE, first / SEED_CABLE.name)
    write_cable(first, "08ISLAMABAD422", "A SECOND CABLE")
    write_cable(more, "08ISLAMABAD423", "A THIRD CABLE")
    write_cable(more, "08ISLAMABAD424", "A FOURTH CABLE")
    return first, more


@pytest.fixture(scope="module")
def after_first_run(corpus, tmp_path_factory):
    """A warehouse after run 1, to copy: the 'previous complete state' of every test."""
    warehouse = tmp_path_factory.mktemp("crash-base") / "warehouse"
    run_plain(Settings(warehouse=warehouse), [str(corpus[0])])
    return warehouse


@pytest.fixture(scope="module")
def uninterrupted(corpus, after_first_run, tmp_path_factory):
    """Run 1 then run 2 with no kill: what a resumed run must end as."""
    warehouse = tmp_path_factory.mktemp("crash-reference") / "warehouse"
    shutil.copytree(after_first_run, warehouse, symlinks=True)
    run_plain(Settings(warehouse=warehouse), [str(corpus[0]), str(corpus[1])])
    return warehouse


@pytest.mark.parametrize(
    "point", ["parse-write", "publish-write", "publish-swap", "duckdb-load", "duckdb-swap"]
)
def test_kill_leaves_last_complete_state_and_next_run_finishes(
    point, corpus, after_first_run, uninterrupted, tmp_path
):
    warehouse = tmp_path / "warehouse"
    shutil.copytree(after_first_run, warehouse, symlinks=True)
    before_tables, before_db = tables_digest(warehouse), file_sha(warehouse / "cables.duckdb")
    before_rows = duckdb_rows(warehouse / "cables.duckdb")
    before_current = os.readlink(warehouse / "current")

    process = start_paused(warehouse, list(corpus), point, tmp_path / "paused")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_SECONDS)
    process.communicate()

    # The Parquet set: exactly the last complete one (`current` swaps last of all).
    assert os.readlink(warehouse / "current") == before_current
    assert tables_digest(warehouse) == before_tables
    if point != "publish-swap":
        # DuckDB: byte for byte the file of the last complete run, and it opens and answers.
        assert file_sha(warehouse / "cables.duckdb") == before_db
        assert duckdb_rows(warehouse / "cables.duckdb") == before_rows
    else:  # killed between the two renames: DuckDB is already the new, complete version
        assert duckdb_rows(warehouse / "cables.duckdb") == duckdb_rows(
            uninterrupted / "cables.duckdb")
    for table in TABLES:  # the fixed table links read a complete set either way
        assert pl.scan_parquet(warehouse / table.name / "**" / "*.parquet").collect() is not None

    run_plain(Settings(warehouse=warehouse), [str(corpus[0]), str(corpus[1])])
    assert tables_digest(warehouse) == tables_digest(uninterrupted)
    assert duckdb_rows(warehouse / "cables.duckdb") == duckdb_rows(uninterrupted / "cables.duckdb")
    assert len(duckdb_rows(warehouse / "cables.duckdb")["cables"]) == 4
    assert not list((warehouse / ".tmp").glob("cables.duckdb.*")), "a killed load's file is left"
