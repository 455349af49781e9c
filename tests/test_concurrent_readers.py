"""Readers during a load, and a second writer: real processes against one warehouse.

- An analyst process holding ``cables.duckdb`` open read-only keeps querying its snapshot,
  without an error, while a load builds and swaps in a new file; the load completes.
- ``cables sql`` run while a load is paused mid-way answers from the last complete state.
- A second ``cables run`` while a run holds the writer lock fails at once (before Prefect
  starts) with WarehouseBusy's one line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from flows.settings import Settings
from tests.conftest import ROOT
from tests.plain_pipeline import run_plain
from tests.test_crash_safety import WAIT_SECONDS, start_paused, write_cable

pytestmark = pytest.mark.slow

ANALYST = textwrap.dedent("""
    import json, sys, time, duckdb
    database, ready, stop = sys.argv[1:4]
    con = duckdb.connect(database, read_only=True)
    seen, errors, queries = set(), [], 0
    while True:
        try:
            seen.add(con.execute(
                "select count(*) from cables c join paragraphs p using (cable_id)"
                " where p.position = 1").fetchall()[0][0])
            seen.add(con.execute("select count(*) from cables").fetchall()[0][0])
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        queries += 1
        if queries == 1:
            open(ready, "w").close()
        try:
            open(stop).close()
            break
        except FileNotFoundError:
            time.sleep(0.01)
    print(json.dumps({"seen": sorted(seen), "errors": errors[:3], "queries": queries}))
""")


@pytest.fixture
def warehouse(tmp_path):
    """A warehouse of 2 cables (run 1), and a folder whose 2 more cables a load adds."""
    first, more = tmp_path / "first", tmp_path / "more"
    for cable_id in ("08ISLAMABAD421", "08ISLAMABAD422"):
        write_cable(first, cable_id)
    for cable_id in ("08ISLAMABAD423", "08ISLAMABAD424"):
        write_cable(more, cable_id)
    settings = Settings(warehouse=tmp_path / "warehouse")
    run_plain(settings, [str(first)])
    return settings, [first, more]


def wait_for(path, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"{what} exited early: {process.communicate()[1][-2000:]}")
        assert time.monotonic() < deadline, f"{what} never got ready"
        time.sleep(0.02)


def cables_sql(settings: Settings, query: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "sql",
            query,
            "--warehouse",
            str(settings.warehouse),
            "--csv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )


def test_open_analyst_session_keeps_its_snapshot_while_a_load_runs(warehouse, tmp_path):
    settings, sources = warehouse
    ready, stop = tmp_path / "analyst-ready", tmp_path / "analyst-stop"
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(settings.duckdb_path), str(ready), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(ready, analyst, "the analyst")
        counts = run_plain(settings, [str(s) for s in sources])  # the load, meanwhile
        assert counts["cables"] == 4
    finally:
        stop.touch()
        out, err = analyst.communicate(timeout=WAIT_SECONDS)
    assert analyst.returncode == 0, err
    report = json.loads(out)
    assert report["errors"] == []
    assert report["seen"] == [2], "the open session saw the new load, or a mix"
    fresh = cables_sql(settings, "select count(*) as n from cables")
    assert fresh.stdout.split() == ["n", "4"]


@pytest.mark.parametrize("point", ["publish-write", "duckdb-load"])
def test_cables_sql_during_a_load_answers_from_the_last_complete_state(warehouse, tmp_path, point):
    settings, sources = warehouse
    resume = tmp_path / "resume"
    loader = start_paused(settings.warehouse, sources, point, tmp_path / "paused", resume)
    try:
        during = cables_sql(settings, "select count(*) as n from cables")
        assert during.returncode == 0, during.stderr
        assert during.stdout.split() == ["n", "2"]
    finally:
        resume.touch()
        _, err = loader.communicate(timeout=WAIT_SECONDS)
    assert loader.returncode == 0, err
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        assert con.execute("select count(*) from cables").fetchall() == [(4,)]


def test_a_second_writer_fails_fast_with_one_line(warehouse, tmp_path):
    settings, sources = warehouse
    resume = tmp_path / "resume"
    holder = start_paused(settings.warehouse, sources, "locked", tmp_path / "paused", resume)
    try:
        clock = time.monotonic()
        second = subprocess.run(  # the user's way: `cables run`
            [
                sys.executable,
                "-m",
                "flows.cli",
                "run",
                "--warehouse",
                str(settings.warehouse),
                *map(str, sources),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT_SECONDS,
        )
        waited = time.monotonic() - clock
    finally:
        resume.touch()
        _, err = holder.communicate(timeout=WAIT_SECONDS)
    assert holder.returncode == 0, err
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert lines[0].startswith("cables run: ")
    assert f"is being written by pid {holder.pid}" in lines[0]
    assert "--wait" in lines[0]
    print(f"\nsecond writer refused after {waited:.2f} s (process start included)")
