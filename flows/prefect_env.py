"""Prefect's environment, set before Prefect is imported: quiet, offline, project-local."""

from __future__ import annotations

import os

from flows.settings import Settings

DEFAULTS = {
    # A cold ephemeral server takes 20-24 s to start here; the default timeout is shorter.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Runs log at INFO to the Prefect API (the UI shows them); the console shows nothing from
    # Prefect: `cables run` prints its own summary, and a failure as one line, not a traceback.
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    "PREFECT_UI_ENABLED": "false",
}


def configure_prefect(settings: Settings) -> None:
    """Fill in Prefect's settings the user has not set; never override the user's own."""
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
