"""The `cables_etl` flow past one machine: its parse tasks on a Dask cluster.

The flow is the same one `cables run` runs; only its task runner changes. Plan, publish and
the DuckDB load stay in this process (they are called, not submitted); each ``parse_batch``
task (one per batch of files, never per cable: Dask costs ~0.2 s a task) runs in a Dask
worker process and parses there, in-process (``flows.etl`` starts no pool on a Dask worker).

What every worker must share with this process, at the same paths:

- the warehouse folder: workers read the run's plan from ``<warehouse>/.tmp`` and write
  staged parts to ``<warehouse>/.parts`` (NFS, Lustre, a mounted bucket);
- the source files (or fsspec URLs every worker can read, with the store's credentials);
- the Prefect API: each task reports its state to the flow's API. Without
  ``PREFECT_API_URL`` this process starts its temporary server and hands its address to
  local workers; a remote cluster cannot reach that server, so it needs a Prefect server
  (``prefect server start --host 0.0.0.0``) and ``PREFECT_API_URL`` set to it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from flows.settings import Settings

LOOPBACK_HOSTS = ("localhost", "::1")


class DaskSetupError(Exception):
    """A cluster or Prefect set-up the run cannot work with; the message says what to change."""


def run_on_dask(
    settings: Settings,
    sources: list[str],
    address: str | None = None,
    n_workers: int = 2,
    **flow_kwargs,
) -> dict:
    """Run `cables_etl` with its parse tasks on Dask; returns the flow's run summary.

    ``address`` is a running scheduler (``tcp://host:8786``); without it a LocalCluster of
    ``n_workers`` single-threaded worker processes on 127.0.0.1 lives for this run.
    ``flow_kwargs`` go to the flow (``layout``, ``prune``, ``wait_seconds``).
    """
    _check_flow_settings(settings)
    from prefect_dask import DaskTaskRunner

    from flows.etl import cables_etl

    with contextlib.ExitStack() as stack:
        if address is None:
            address = stack.enter_context(local_cluster(n_workers)).scheduler_address
        else:
            check_cluster(address)
        stack.enter_context(_prefect_api_for_workers(_is_loopback(address)))
        flow = cables_etl.with_options(task_runner=DaskTaskRunner(address=address))
        return flow(
            sources=list(sources) or list(settings.sources),
            warehouse=str(settings.warehouse),
            **flow_kwargs,
        )


def local_cluster(n_workers: int):
    """A Dask cluster on this machine: one single-threaded worker process per core given."""
    import distributed

    return distributed.LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )


def check_cluster(address: str, timeout: float = 10.0) -> int:
    """Fail in seconds, with a clear message, on a cluster the run cannot use; returns its
    number of workers. A wrong address would otherwise time out inside the flow, a scheduler
    without workers would wait forever, and a worker with other parsing code would stage
    parts under this code's cache key."""
    import distributed

    from transforms.version import parser_fingerprint

    def _parser_fingerprint_here() -> str:  # nested: shipped by value, runs on each worker
        try:
            from transforms.version import parser_fingerprint
        except ImportError:
            return "no cables checkout"
        return parser_fingerprint()

    try:
        with distributed.Client(address, timeout=timeout, set_as_default=False) as client:
            workers = len(client.scheduler_info().get("workers", {}))
            if not workers:
                raise DaskSetupError(f"the Dask scheduler at {address} has no workers")
            fingerprints = client.run(_parser_fingerprint_here)
    except OSError as error:
        raise DaskSetupError(f"no Dask scheduler answers at {address}: {error}") from None
    other = sorted(w for w, found in fingerprints.items() if found != parser_fingerprint())
    if other:
        raise DaskSetupError(
            f"{len(other)} of {len(fingerprints)} Dask workers run other parsing code than "
            f"this checkout (e.g. {other[0]}: {fingerprints[other[0]]}): install the same "
            "commit and lock there"
        )
    return workers


def _check_flow_settings(settings: Settings) -> None:
    """The flow builds its Settings from the warehouse it is given and CABLES_* variables:
    refuse a Settings object it would not rebuild, rather than run with other values."""
    rebuilt = Settings(warehouse=Path(settings.warehouse))
    # ``workers`` is moot on Dask (a worker parses in-process); ``sources`` is passed apart.
    differing = [
        name
        for name in Settings.model_fields
        if name not in ("workers", "sources") and getattr(settings, name) != getattr(rebuilt, name)
    ]
    if differing:
        names = ", ".join(f"CABLES_{name.upper()}" for name in differing)
        raise DaskSetupError(f"the flow reads its settings from the environment: set {names}")


def _is_loopback(address: str) -> bool:
    """Whether a scheduler (``tcp://host:port``) or API (``http://host:port/api``) address
    names this machine only."""
    host = urlsplit(address).hostname or ""
    return host.startswith("127.") or host in LOOPBACK_HOSTS


@contextlib.contextmanager
def _prefect_api_for_workers(local: bool) -> Iterator[None]:
    """Make the API a worker reports task runs to the flow's own, not one it starts itself.

    Workers get the flow's Prefect settings with each task. With no ``PREFECT_API_URL``
    those name no server, and every worker would start a temporary server of its own (10-20 s
    each, and task runs the flow's server never sees). So start the temporary server here
    (the same one the flow would start) and set its address for the run.
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        temporary_settings,
    )

    api_url = PREFECT_API_URL.value()
    if not local and (api_url is None or _is_loopback(api_url)):
        raise DaskSetupError(
            "a remote Dask cluster needs a Prefect server its workers can reach: start one "
            "(prefect server start --host 0.0.0.0) and set PREFECT_API_URL to it"
        )
    if api_url or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield  # a real server (or none allowed): workers are told its address as it is
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the process-wide temporary server the flow would use
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield
