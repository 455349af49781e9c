"""Progress of a run: a bar on a terminal, plain periodic lines otherwise.

Batches are parsed in worker processes, but each one finishes in a task the flow's main thread
waits on; the flow reports every finished batch (its files and cables) to the active progress
here, so no progress state crosses a process boundary. The CLI chooses the display with
``showing_progress(console_progress())``; a flow run with none (a served deployment) shows
nothing beyond its Prefect logs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO


class NoProgress:
    """Shows nothing: the default outside `cables run`."""

    def start(self, files: int, batches: int) -> None:
        pass

    def advance(self, files: int, cables: int) -> None:
        pass

    def stop(self) -> None:
        pass


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m {seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class LineProgress:
    """One plain line every ``interval`` seconds: for logs, pipes and CI, where bars garble.

    Runs shorter than ``interval`` print nothing, so a quick run's output is its summary alone.
    """

    def __init__(self, stream: TextIO, interval: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.interval, self.clock = stream, interval, clock
        self.files_total = self.files = self.cables = 0
        self.started = self.last_line = 0.0

    def start(self, files: int, batches: int) -> None:
        self.files_total, self.files, self.cables = files, 0, 0
        self.started = self.last_line = self.clock()

    def advance(self, files: int, cables: int) -> None:
        self.files += files
        self.cables += cables
        now = self.clock()
        if now - self.last_line >= self.interval:
            self.last_line = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.files / elapsed
        share = self.files / self.files_total if self.files_total else 1.0
        eta = (self.files_total - self.files) / rate if rate else 0.0
        return (f"parsed {self.files:,}/{self.files_total:,} files ({share:.0%}), "
                f"{self.cables:,} cables, {rate:,.1f} files/s, "
                f"elapsed {_duration(elapsed)}, ETA {_duration(eta)}")

    def stop(self) -> None:
        pass


class BarProgress:
    """A `rich` bar on a terminal: files done of total, cables so far, rate, ETA."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console

        self.console = Console(file=stream)
        self.bar = None
        self.task_id = None

    def start(self, files: int, batches: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[cables]:,} cables"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console, transient=True)  # leaves the terminal to the summary
        self.task_id = self.bar.add_task("parse", total=files, cables=0, rate="")
        self.bar.start()

    def advance(self, files: int, cables: int) -> None:
        if self.bar is None:
            return
        self.bar.advance(self.task_id, files)
        task = self.bar.tasks[0]
        rate = f"{task.speed:,.1f} files/s" if task.speed else ""
        self.bar.update(self.task_id, cables=task.fields["cables"] + cables, rate=rate)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def console_progress(stream: TextIO | None = None,
                     interval: float = 10.0) -> BarProgress | LineProgress:
    """A bar when ``stream`` (default stderr) is a terminal, else periodic plain lines."""
    stream = stream or sys.stderr
    if stream.isatty():
        return BarProgress(stream)
    return LineProgress(stream, interval)


_active: NoProgress | LineProgress | BarProgress = NoProgress()


@contextmanager
def showing_progress(progress) -> Iterator[None]:
    """Make ``progress`` the one runs in this process report to, for the block's length."""
    global _active
    previous, _active = _active, progress
    try:
        yield
    finally:
        _active = previous


def active_progress():
    return _active
