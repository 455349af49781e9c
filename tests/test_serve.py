"""`cables serve` against a real Prefect server: register, trigger, run, stop, resume.

Starts ``prefect server start`` (temp home and database) and the serve function as two
process groups, triggers a run of the deployment through the REST API, waits for it to
complete, checks the warehouse, then stops both with SIGTERM and checks that no process of
either group is left. Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.serve import ServeError, check_cron, check_server, deployment_parameters
from flows.settings import Settings
from tests.conftest import ROOT, SEED_CABLE

NEVER_HANG = 120.0
DEPLOYMENT = "test"

SERVE = f"""
import sys
from pathlib import Path
from flows.serve import serve_etl
from flows.settings import Settings

serve_etl(Settings(warehouse=Path(sys.argv[1])), [sys.argv[2]], name={DEPLOYMENT!r})
"""


def test_deployment_parameters_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    params = deployment_parameters(Settings(warehouse=Path("w")), ["src", "s3://bucket/x"])
    assert params == {"sources": [str(tmp_path / "src"), "s3://bucket/x"],
                      "warehouse": str(tmp_path / "w")}


def test_a_bad_cron_is_refused_with_its_text():
    assert check_cron("0 2 * * *") == "0 2 * * *"
    with pytest.raises(ServeError, match="'every night'"):
        check_cron("every night")


def test_no_server_says_how_to_start_one():
    with pytest.raises(ServeError, match=r"does not answer.*start it with `prefect server start`"):
        check_server(f"http://127.0.0.1:{_free_port()}/api", timeout=2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(what: str, ready, timeout: float = NEVER_HANG, *processes):
    deadline = time.monotonic() + timeout
    while True:
        for process in processes:
            assert process.poll() is None, f"{process.args[:3]} exited while waiting for {what}"
        value = ready()
        if value:
            return value
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.5)


def _get(url: str):
    try:
        response = httpx.get(url, timeout=5)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    # A new session: the process and everything it starts share one group we can signal.
    with open(log, "wb") as out:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group; wait until the group is empty (SIGKILL only as a last resort)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    process.wait(timeout=NEVER_HANG)
    deadline = time.monotonic() + 30
    while _group_alive(process.pid):
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError(f"processes of group {process.pid} outlived SIGTERM")
        time.sleep(0.2)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def prefect_server(tmp_path):
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_API_DATABASE_CONNECTION_URL":
               f"sqlite+aiosqlite:///{tmp_path / 'prefect.db'}",
           "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_UI_ENABLED": "false"}
    prefect = str(Path(sys.executable).with_name("prefect"))
    server = _start([prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                    env, tmp_path / "server.log")
    try:
        _wait_for("the server's /api/health", lambda: _get(env["PREFECT_API_URL"] + "/health"),
                  NEVER_HANG, server)
        yield env
    finally:
        _stop(server)
    assert not _group_alive(server.pid)


@pytest.mark.slow
def test_serve_registers_runs_and_stops_cleanly(prefect_server, tmp_path):
    api = prefect_server["PREFECT_API_URL"]
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources)
    warehouse = tmp_path / "warehouse"

    def serve() -> subprocess.Popen:
        process = _start([sys.executable, "-c", SERVE, str(warehouse), str(sources)],
                         prefect_server, tmp_path / "serve.log")
        _wait_for("the deployment to be served", lambda: (
            (d := _get(f"{api}/deployments/name/cables_etl/{DEPLOYMENT}")) and not d["paused"]
            and _runner_polling(tmp_path / "serve.log")), NEVER_HANG, process)
        return process

    server = serve()
    try:
        deployment = _get(f"{api}/deployments/name/cables_etl/{DEPLOYMENT}")
        assert [s["schedule"]["cron"] for s in deployment["schedules"]] == ["0 2 * * *"]
        assert deployment["parameters"] == {"sources": [str(sources)],
                                            "warehouse": str(warehouse)}
        run = httpx.post(f"{api}/deployments/{deployment['id']}/create_flow_run", json={},
                         timeout=10).json()
        state = _wait_for("the run to finish", lambda: (
            (r := _get(f"{api}/flow_runs/{run['id']}")) and r["state"]["type"] in (
                "COMPLETED", "FAILED", "CRASHED", "CANCELLED") and r["state"]["type"]),
            NEVER_HANG, server)
        assert state == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        _stop(server)
    assert not _group_alive(server.pid)

    con = duckdb.connect(str(warehouse / "cables.duckdb"), read_only=True)
    assert con.execute("select cable_id from cables").fetchall() == [("08ISLAMABAD421",)]
    # Prefect pauses a served schedule on shutdown; the next serve must resume it.
    assert _get(f"{api}/deployments/{deployment['id']}")["paused"] is True
    server = serve()  # waits until the deployment is served and unpaused
    _stop(server)
    assert not _group_alive(server.pid)


def _runner_polling(log: Path) -> bool:
    return "is being served and polling" in log.read_text(errors="replace")
