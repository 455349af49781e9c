"""`cables serve`: the `cables_etl` deployment on a cron schedule, served from this process.

A Prefect server must be running (``prefect server start``; ``PREFECT_API_URL`` names it,
default ``http://127.0.0.1:4200/api``): the ephemeral API of ``cables run`` lives only as long
as its run, so it cannot schedule anything. Serving
registers (or updates) the deployment ``cables_etl/<name>`` with its schedule and default
parameters, then polls for runs (scheduled or triggered by hand) and runs each one in a child
process.

Prefect pauses a served deployment's schedules when the server process stops (so no runs pile
up as *Late* while nobody serves them); the deployment is registered with ``paused=False``
at every start, so the next ``cables serve`` resumes the schedule.
"""

from __future__ import annotations

import os
from pathlib import Path

from flows.settings import Settings

DEPLOYMENT_NAME = "nightly"
# Where `prefect server start` listens by default; PREFECT_API_URL, when set, wins.
LOCAL_API = "http://127.0.0.1:4200/api"


class ServeError(RuntimeError):
    """Serving cannot start for a reason the user can fix (no server, bad cron)."""


def deployment_parameters(settings: Settings, sources: list[str] | None) -> dict:
    """The deployment's default run parameters: absolute sources and warehouse."""
    chosen = sources or list(settings.sources)
    return {
        "sources": [s if "://" in s else str(Path(s).resolve()) for s in chosen],
        "warehouse": str(Path(settings.warehouse).resolve()),
    }


def check_cron(cron: str) -> str:
    """The cron string if it is valid, else ``ServeError`` naming it."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError:  # pydantic's ValidationError is a ValueError
        raise ServeError(f"not a valid cron schedule: {cron!r} (e.g. '0 2 * * *')") from None
    return cron


def check_server(api_url: str | None, timeout: float = 5.0) -> str:
    """The API URL of a reachable Prefect server, else ``ServeError`` with what to do."""
    import httpx

    if not api_url:
        raise ServeError("no Prefect server configured: start one with `prefect server start` "
                         f"and set PREFECT_API_URL={LOCAL_API}")
    try:
        httpx.get(api_url.rstrip("/") + "/health", timeout=timeout).raise_for_status()
    except httpx.HTTPError as error:
        raise ServeError(f"the Prefect server at {api_url} does not answer ({error}); "
                         "start it with `prefect server start`") from None
    return api_url


def serve_etl(settings: Settings, sources: list[str] | None = None, cron: str | None = None,
              name: str = DEPLOYMENT_NAME) -> None:
    """Register `cables_etl/<name>` on ``cron`` (default ``settings.schedule``) and serve it.

    Blocks until interrupted (Ctrl-C or SIGTERM); on the way out Prefect pauses the schedule.
    """
    from flows.prefect_env import configure_prefect

    # Unlike `cables run`, a long-lived server should say on its console when runs start/end.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_API_URL", LOCAL_API)
    configure_prefect(settings)
    schedule = check_cron(cron or settings.schedule)
    from prefect.settings import PREFECT_API_URL

    check_server(PREFECT_API_URL.value())
    from prefect.deployments.runner import EntrypointType

    from flows.etl import cables_etl

    cables_etl.serve(
        name=name,
        cron=schedule,
        parameters=deployment_parameters(settings, sources),
        paused=False,  # resume a schedule the last serve paused on shutdown
        pause_on_shutdown=True,
        description=f"cables_etl on '{schedule}' into {settings.warehouse}",
        tags=["cables"],
        # Runs import `flows.etl` as a module: the project is installed in the venv.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
