"""`cables run` is quiet and offline: its output is the summary, it connects only to localhost."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED_CABLE
from tests.system_tools import require_tool

# strace's rendering of an inet connect: family, port, address.
_INET_CONNECT = re.compile(r'connect\(\d+, \{sa_family=AF_INET6?,[^}]*?"([^"]+)"')
LOCAL = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


@pytest.mark.slow
def test_cables_run_prints_the_summary_and_connects_only_to_localhost(prefect_harness, tmp_path):
    from prefect.settings import PREFECT_API_URL

    strace = require_tool("strace", "it watches every connect() of the run")

    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED",
                        "PREFECT_LOGGING_LEVEL")}  # the CLI must set these itself
    env["PREFECT_API_URL"] = PREFECT_API_URL.value()
    trace = tmp_path / "trace"
    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(trace), sys.executable, "-m",
         "flows.cli", "run", str(sources), "--warehouse", str(tmp_path / "w")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("cables run ")
    assert len(result.stdout.splitlines()) == 5
    addresses = set(_INET_CONNECT.findall(trace.read_text()))
    assert addresses, "no connection to the Prefect API was traced: is the pattern stale?"
    assert addresses <= LOCAL
