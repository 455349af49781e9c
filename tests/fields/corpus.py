"""The real cable bodies the field parsers' corpus tests run over (../shared, when present)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "cables"
# The body starts at the classification banner; the routing header before it is not ours.
BANNER = re.compile(
    r"C O N F I D E N T I A L|S E C R E T|UNCLAS|SECRET(?![A-Z])|CONFIDENTIAL|LIMITED OFFICIAL USE"
)


def corpus_bodies() -> Iterator[tuple[Path, str]]:
    """(file, body from the first banner on) of every txt/ and alx/ cable; skips when absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is not here")
    paths = sorted((CORPUS / "txt").glob("*.txt")) + sorted((CORPUS / "alx").glob("*.txt"))
    for path in paths:
        telegram = path.read_text(encoding="utf-8", errors="replace").split("\n", 5)[-1]
        banner = BANNER.search(telegram)
        if banner:
            yield path, telegram[banner.start():]
