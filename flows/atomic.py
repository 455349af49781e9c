"""Writes that readers never see half done: a file renamed into place, a link swapped."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from flows.table_files import write_table_file
from transforms.schema import Table


def write_parquet_atomic(frame: pl.DataFrame, path: Path, table: Table | None = None,
                         **write_options) -> None:
    """Write ``frame`` beside ``path`` and rename it over ``path`` in one step; a ``table``'s
    file as ``write_table_file`` writes it, for its readers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if table is not None:
        write_table_file(table, frame, tmp, **write_options)
    else:
        frame.write_parquet(tmp, **{"compression": "zstd", **write_options})
    os.replace(tmp, path)


def point_link(link: Path, target: Path) -> None:
    """Make ``link`` a relative symlink to ``target`` (in its folder) in one rename."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target.relative_to(link.parent))
    os.replace(tmp, link)
