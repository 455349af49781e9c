"""Tests that need a program a package manager installs (chromium, strace, java, ...).

``require_tool`` skips such a test where the program is missing, but fails it in CI (``CI``
set): `.ci/run` installs every such program, so a skip there would be a test not run. The
session's summary lists each of these tests with how it ended, so CI's log shows them run.
One module (not the conftest, which pytest loads under its own name) holds the record.
"""

from __future__ import annotations

import os
import shutil

import pytest

# test id -> (program, its path or None); test id -> outcome
_NEEDS: dict[str, tuple[str, str | None]] = {}
_OUTCOMES: dict[str, str] = {}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def require_tool(name: str, why: str) -> str:
    """The path of the program ``name``; skip (or, in CI, fail) the test without it."""
    path = shutil.which(name)
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
    _NEEDS[test] = (name, path)
    if path:
        return path
    message = f"{name} is not installed: {why}"
    if in_ci():
        pytest.fail(f"{message}; in CI, .ci/run installs it", pytrace=False)
    pytest.skip(message)


def record_outcome(report: pytest.TestReport) -> None:
    if report.nodeid in _NEEDS and (report.when == "call" or not report.passed):
        _OUTCOMES.setdefault(report.nodeid, report.outcome)


def summary(terminalreporter) -> None:
    if not _NEEDS:
        return
    terminalreporter.section("tests that need a system tool")
    for test, (tool, path) in sorted(_NEEDS.items()):
        outcome = _OUTCOMES.get(test, "not finished").upper()
        terminalreporter.write_line(f"{outcome:8} {test}  ({tool}: {path or 'missing'})")
