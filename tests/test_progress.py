"""Progress: a bar on a terminal, plain periodic lines elsewhere, silence for short runs."""

from __future__ import annotations

import io

from flows.progress import (
    BarProgress,
    LineProgress,
    NoProgress,
    active_progress,
    console_progress,
    showing_progress,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_lines_come_every_interval_with_counts_rate_and_eta():
    stream, clock = io.StringIO(), FakeClock()
    progress = LineProgress(stream, interval=10, clock=clock)
    progress.start(files=100, batches=4)
    clock.now += 5
    progress.advance(files=25, cables=30)
    assert stream.getvalue() == ""  # not yet an interval: a short run prints nothing
    clock.now += 5
    progress.advance(files=25, cables=20)
    clock.now += 1
    progress.advance(files=25, cables=25)  # within the interval after a line: no new line
    progress.stop()
    assert stream.getvalue() == (
        "parsed 50/100 files (50%), 50 cables, 5.0 files/s, elapsed 10s, ETA 10s\n")


def test_eta_reads_in_minutes_and_hours():
    clock = FakeClock()
    progress = LineProgress(io.StringIO(), interval=10, clock=clock)
    progress.start(files=100_000, batches=10)
    clock.now += 100
    progress.files = 1000
    assert progress.line(clock.now).endswith("elapsed 1m 40s, ETA 2h 45m")


def test_a_terminal_gets_a_bar_and_a_pipe_gets_lines():
    assert isinstance(console_progress(Terminal()), BarProgress)
    assert isinstance(console_progress(io.StringIO()), LineProgress)


def test_the_bar_counts_files_and_cables():
    bar = BarProgress(Terminal())
    bar.start(files=10, batches=2)
    bar.advance(files=4, cables=7)
    bar.advance(files=6, cables=5)
    task = bar.bar.tasks[0]
    assert (task.completed, task.total, task.fields["cables"]) == (10, 10, 12)
    bar.stop()
    assert bar.bar is None


def test_showing_progress_sets_and_restores_the_active_one():
    lines = LineProgress(io.StringIO())
    assert isinstance(active_progress(), NoProgress)
    with showing_progress(lines):
        assert active_progress() is lines
    assert isinstance(active_progress(), NoProgress)
