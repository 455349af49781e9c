"""A Prefect server for the benchmark's runs, as a scheduled deployment has one running.

Without ``PREFECT_API_URL`` every `cables run` starts Prefect's temporary server (~10 s here,
20-24 s on a fresh home); a deployment served by `cables serve` talks to a running
`prefect server start` instead. The benchmark measures the flow that way by default and
reports the server's own start-up apart (``--temporary-server`` measures the other way).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running_prefect_server() -> Iterator[tuple[dict[str, str], float]]:
    """Start `prefect server start` on 127.0.0.1 (its own home and database in a temp dir);
    yield the environment that points a run at it, and the seconds it took to answer."""
    with tempfile.TemporaryDirectory(prefix="cables-bench-prefect-") as home:
        port = _free_port()
        env = {**os.environ, "PREFECT_HOME": home,
               "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/prefect.db",
               "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
               "PREFECT_UI_ENABLED": "false"}
        prefect = str(Path(sys.executable).with_name("prefect"))
        started = time.perf_counter()
        with open(Path(home) / "server.log", "wb") as log:
            server = subprocess.Popen(
                [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while not _healthy(env["PREFECT_API_URL"] + "/health"):
                if server.poll() is not None or time.perf_counter() - started > STARTUP_SECONDS:
                    log_text = (Path(home) / "server.log").read_text(errors="replace")
                    raise RuntimeError(f"prefect server did not start: {log_text[-2000:]}")
                time.sleep(0.2)
            yield env, time.perf_counter() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
