"""Writes that readers never see half done: a file renamed into place, a link swapped."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl


def write_parquet_atomic(frame: pl.DataFrame, path: Path, **write_options) -> None:
    """Write ``frame`` beside ``path`` and rename it over ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.write_parquet(tmp, **{"compression": "zstd", **write_options})
    os.replace(tmp, path)


def point_link(link: Path, target: Path) -> None:
    """Make ``link`` a relative symlink to ``target`` (in its folder) in one rename."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target.relative_to(link.parent))
    os.replace(tmp, link)
