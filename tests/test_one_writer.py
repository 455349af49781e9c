"""One writer: while one process holds a warehouse, a `cables run` on it fails at once with a
clear line, or with --wait waits for it and then succeeds.

Both sides are real processes: the holder takes the same ``writer_lock`` a run takes, and
the second is the `cables` CLI (pointed at the session's Prefect test server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.settings import Settings
from tests.conftest import ROOT, SEED_CABLE

pytestmark = pytest.mark.slow
NEVER_HANG = 120

HOLDER = """
import sys
from pathlib import Path
from flows.runs import writer_lock
from flows.settings import Settings

with writer_lock(Settings(warehouse=Path(sys.argv[1]))):
    print("locked", flush=True)
    sys.stdin.read()  # hold until the test closes our stdin
"""


@pytest.fixture
def cli_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


@pytest.fixture
def holder(tmp_path):
    warehouse = tmp_path / "w"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(warehouse)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "locked"
        yield warehouse, process
    finally:
        process.kill()
        process.wait(timeout=NEVER_HANG)


def _sources(tmp_path: Path) -> str:
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(SEED_CABLE, folder)
    return str(folder)


def _cables_run(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _holds_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has ``path`` open: a run waiting for the lock has."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path) for fd in fd_dir.iterdir())
    except OSError:
        return False


def test_a_second_run_fails_at_once_with_one_clear_line(holder, cli_env, tmp_path):
    warehouse, locker = holder
    run = _cables_run(_sources(tmp_path), "--warehouse", str(warehouse), env=cli_env)
    _, err = run.communicate(timeout=NEVER_HANG)
    assert run.returncode == 1
    assert err.strip().splitlines() == [
        f"cables run: {warehouse} is being written by pid {locker.pid}; try again when it "
        "finishes (or pass --wait SECONDS)"]
    assert not (warehouse / "cables.duckdb").exists()


def test_with_wait_a_second_run_waits_then_succeeds(holder, cli_env, tmp_path):
    warehouse, locker = holder
    lock = Settings(warehouse=warehouse).lock_path
    run = _cables_run(_sources(tmp_path), "--warehouse", str(warehouse), "--wait",
                      str(NEVER_HANG), env=cli_env)
    try:
        deadline = time.monotonic() + NEVER_HANG
        while not _holds_open(run.pid, lock):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "the run never reached the lock"
            time.sleep(0.1)
        time.sleep(0.5)  # it is polling for the lock now: it must not have written
        assert not (warehouse / "cables.duckdb").exists()
        locker.stdin.close()  # release
        out, err = run.communicate(timeout=NEVER_HANG)
    finally:
        run.kill()
    assert run.returncode == 0, err
    assert "cables loaded 1" in out
    assert (warehouse / "cables.duckdb").exists()
