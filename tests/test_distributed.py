"""The flow with its parse tasks on a two-worker Dask cluster: the same tables, byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.settings import Settings
from tests.conftest import SEED_CABLE
from tests.fixture_cables import text_cable

# The seed (7 KB) is a batch of its own, the small cables share batches (three of them, which
# a single machine hands to its process pool): three batches in all.
BATCH_BYTES = 1_600


def _write_sources(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEED_CABLE, folder / SEED_CABLE.name)
    for serial in (77, 78, 79):
        cable_id = f"09VALLETTA{serial}"
        (folder / f"{cable_id}.txt").write_text(text_cable(cable_id, subject=f"TALKS {serial}"))
    # A second, longer copy of 09VALLETTA77 in another batch: the winner is chosen across
    # batches at publish time, whichever worker parsed each copy.
    longer = text_cable("09VALLETTA77", subject="TALKS 77", paragraph="Longer body. " * 20)
    (folder / "z-09VALLETTA77-copy.txt").write_text(longer)
    return folder


def _digest(current: Path) -> dict[str, str]:
    return {
        str(p.relative_to(current)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(current.rglob("*.parquet"))
    }


def _workers_own_prefect_servers() -> int:
    """Runs on each worker: how many temporary Prefect servers this process started."""
    import sys

    server = sys.modules.get("prefect.server.api.server")
    return 0 if server is None else len(server.SubprocessASGIServer._instances)


def _pretend_other_parsing_code() -> None:
    """Runs on each worker: as if it had installed another commit of the parsers."""
    import transforms.version

    transforms.version.parser_fingerprint = lambda: "0ther0ther0ther0"


def test_dask_run_publishes_the_same_tables_as_one_machine(prefect_harness, tmp_path, monkeypatch):
    import distributed
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.distributed import DaskSetupError, check_cluster, local_cluster, run_on_dask
    from flows.etl import cables_etl

    monkeypatch.setenv("CABLES_BATCH_BYTES", str(BATCH_BYTES))
    sources = [str(_write_sources(tmp_path / "sources"))]
    one_machine = cables_etl(sources=sources, warehouse=str(tmp_path / "one"))

    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        # As `cables run` has it: no PREFECT_API_URL, the flow's temporary server (the
        # harness's here) is found by the run and handed to the workers.
        with (
            temporary_settings(restore_defaults={PREFECT_API_URL}),
            distributed.get_task_stream(client=client) as task_stream,
        ):
            on_dask = run_on_dask(
                Settings(warehouse=tmp_path / "dask"), sources, address=cluster.scheduler_address
            )
        servers = client.run(_workers_own_prefect_servers)
        client.run(_pretend_other_parsing_code)
        with pytest.raises(DaskSetupError, match="2 of 2 Dask workers run other parsing code"):
            check_cluster(cluster.scheduler_address)

    assert on_dask["cables"] == one_machine["cables"] == 4
    assert on_dask["duplicates"] == 1
    assert on_dask["files_parsed"] == 5
    batches = pl.read_parquet(tmp_path / "dask" / "ledger" / "data.parquet")["part"].n_unique()
    parse_tasks = [t for t in task_stream.data if "parse_batch" in str(t["key"])]
    assert batches >= 3
    assert len(parse_tasks) == batches, task_stream.data  # each batch parsed on a Dask worker
    assert set(servers.values()) == {0}, servers  # no worker started a Prefect server
    one, dask = _digest(tmp_path / "one" / "current"), _digest(tmp_path / "dask" / "current")
    assert {name.split("/")[0] for name in one} >= {"cables", "paragraphs", "ledger"}
    assert dask == one


def test_settings_the_flow_would_not_rebuild_are_refused(tmp_path):
    from flows.distributed import DaskSetupError, run_on_dask

    settings = Settings(warehouse=tmp_path, batch_bytes=Settings().batch_bytes + 1)
    with pytest.raises(DaskSetupError, match="CABLES_BATCH_BYTES"):
        run_on_dask(settings, [str(SEED_CABLE)], address="tcp://127.0.0.1:1")


@pytest.mark.parametrize("api_url", [None, "http://127.0.0.1:4200/api"])
def test_a_remote_cluster_needs_a_prefect_server_it_can_reach(api_url):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.distributed import DaskSetupError, _prefect_api_for_workers

    if api_url is None:
        api = temporary_settings(restore_defaults={PREFECT_API_URL})
    else:
        api = temporary_settings(updates={PREFECT_API_URL: api_url})
    with api, pytest.raises(DaskSetupError, match="PREFECT_API_URL"):
        _prefect_api_for_workers(local=False).__enter__()


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("tcp://127.0.0.1:8786", True),
        ("tcp://localhost:8786", True),
        ("tcp://[::1]:8786", True),
        ("http://127.0.0.1:4200/api", True),
        ("tcp://10.0.0.5:8786", False),
        ("http://prefect.internal:4200/api", False),
    ],
)
def test_loopback_addresses(address, loopback):
    from flows.distributed import _is_loopback

    assert _is_loopback(address) is loopback


def test_an_address_with_no_scheduler_fails_in_seconds():
    from flows.distributed import DaskSetupError, check_cluster

    with pytest.raises(DaskSetupError, match="no Dask scheduler answers at tcp://"):
        check_cluster("tcp://127.0.0.1:9", timeout=1)
