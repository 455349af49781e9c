"""Per-field fill rates over every real cable in ../shared/cables (skips when absent).

Prints how many cables have each field filled and fails when a field falls below the fill
recorded in ``fill_rates.json`` (raise the record when a parser improves:
``CABLES_RECORD_FILL=1 pytest tests/test_fill_rates.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl

from flows.sources import discover, read_source
from tests.conftest import shared_dir
from transforms.batch import parse_items
from transforms.tables import CABLES

RECORD = Path(__file__).with_name("fill_rates.json")
# Filled by construction or by the source, not by a parser: nothing to watch.
NOT_PARSED = {"source_file", "source_member", "source_format", "source_sha256",
              "source_encoding", "header", "body", "paragraph_count", "is_partial",
              "is_corrected", "has_redactions", "has_dump_rows", "cable_id", "year"}


def filled(frame: pl.DataFrame, column: str) -> int:
    series = frame[column]
    if series.dtype == pl.List(pl.String()):
        return int((series.list.len() > 0).sum())
    if series.dtype == pl.String():
        return int((series.str.strip_chars().str.len_chars() > 0).sum())
    return int(series.is_not_null().sum())


def test_fill_rates_hold_on_the_real_corpus():
    files, _ = discover([str(shared_dir("txt").parent)])
    items = [item for source in files for item in read_source(source)]
    frames = parse_items(items)
    cables, rejects = frames["cables"], frames["rejects"]
    assert "parser-error" not in set(rejects["reason"].to_list())
    fill = {c: filled(cables, c) for c in CABLES.column_names if c not in NOT_PARSED}
    for child in ("paragraphs", "recipients", "tags", "references"):
        fill[f"cables with {child}"] = frames[child]["cable_id"].n_unique()
    print(f"\n{cables.height} cables, {rejects.height} rejects")
    for name, count in fill.items():
        print(f"  {name:<28}{count:>6}  {100 * count / cables.height:5.1f}%")
    if os.environ.get("CABLES_RECORD_FILL"):
        RECORD.write_text(json.dumps({"cables": cables.height, "fill": fill}, indent=1) + "\n")
    recorded = json.loads(RECORD.read_text())
    assert cables.height >= recorded["cables"]
    fallen = {name: (fill.get(name, 0), floor) for name, floor in recorded["fill"].items()
              if fill.get(name, 0) < floor}
    assert fallen == {}, f"fields below their recorded fill (now, recorded): {fallen}"
