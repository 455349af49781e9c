"""Shared paths for the reader tests: hand-written samples and the ../shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "cables"


@pytest.fixture
def corpus() -> Path:
    """The real cables beside the checkout; the test skips where they are absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus {CORPUS} absent")
    return CORPUS
