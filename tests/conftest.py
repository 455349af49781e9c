"""Shared test set-up: Prefect in a temp home, one test harness per session, corpus paths."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest

from tests import system_tools
from tests.system_tools import require_tool

ROOT = Path(__file__).resolve().parents[1]
SHARED_CABLES = (ROOT / ".." / "shared" / "cables").resolve()
SEED_CABLE = ROOT / "seeds" / "cables" / "08ISLAMABAD421.txt"

# Prefect reads its settings at import: point its home and result storage at a temp dir
# before any test imports it, so caches never leak between runs or into the project.
_PREFECT_TMP = Path(tempfile.mkdtemp(prefix="cables-prefect-"))
atexit.register(shutil.rmtree, _PREFECT_TMP, ignore_errors=True)
os.environ["PREFECT_HOME"] = str(_PREFECT_TMP / "home")
os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(_PREFECT_TMP / "storage")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    system_tools.record_outcome(report)


def pytest_terminal_summary(terminalreporter) -> None:
    system_tools.summary(terminalreporter)


def shared_dir(name: str) -> Path:
    """A folder of real cables under ../shared/cables; skips the test when it is absent."""
    folder = SHARED_CABLES / name
    if not folder.is_dir():
        pytest.skip(f"../shared/cables/{name} is not here")
    return folder


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (it takes ~10-20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local Spark session for every test that reads with Spark (it takes ~7 s to
    start), on the loopback address only."""
    require_tool("java", "Spark runs on the JVM (Debian: default-jre-headless)")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master("local[1]").appName("cables-tests")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark"))))
    with warnings.catch_warnings():  # its pandas check frowns on pandas 3; no test uses it
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas",
                                FutureWarning)
        session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
