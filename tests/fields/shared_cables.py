"""Single real cables of ../shared parsed whole, for regression tests named after them."""

from __future__ import annotations

from functools import lru_cache

import pytest

from tests.conftest import SHARED_CABLES
from transforms.parse import ParsedCable, parse_cable
from transforms.readers import read_cables


def parsed_cable(cable_id: str) -> ParsedCable:
    """``txt/<cable_id>.txt`` read and parsed as the pipeline does; skips when it is absent."""
    path = SHARED_CABLES / "txt" / f"{cable_id}.txt"
    if not path.is_file():
        pytest.skip(f"../shared/cables/txt/{cable_id}.txt is not here")
    return _parsed(str(path))


@lru_cache(maxsize=256)
def _parsed(path: str) -> ParsedCable:
    with open(path, "rb") as handle:
        raw = next(iter(read_cables(handle.read(), path)))
    parsed = parse_cable(raw)
    assert isinstance(parsed, ParsedCable), parsed
    return parsed
