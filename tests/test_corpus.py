"""Acceptance over the real cables in ../shared/cables (skips when the folder is absent)."""

from __future__ import annotations

import time
from datetime import datetime

from flows.sources import SourceFile, read_source
from tests.conftest import shared_dir
from tests.fields.id_corpus import GARBLED_PUBLISHED_IDS
from transforms.batch import parse_items


def _metadata(path) -> tuple[str, str, str, str, str]:
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n", 5)
    return tuple(line.strip() for line in lines[:5])


def test_every_txt_and_alx_cable_matches_its_metadata_lines():
    files = sorted(shared_dir("txt").glob("*.txt")) + sorted(shared_dir("alx").glob("*.txt"))
    assert len(files) >= 1900
    started = time.perf_counter()
    items = []
    for path in files:
        items.extend(read_source(SourceFile(str(path), path.stat().st_size, 0)))
    frames = parse_items(items)
    seconds = time.perf_counter() - started
    cables, rejects = frames["cables"], frames["rejects"]
    print(f"\nparsed {cables.height} cables + {rejects.height} rejects from {len(files)} files "
          f"in {seconds:.2f} s: {cables.height / seconds:,.0f} cables/s")
    assert set(rejects["reason"]) <= {"no-telegram"}, rejects.select("source_file", "reason")
    assert cables.height + rejects.height == len(files)
    by_file = {row["source_file"]: row for row in cables.iter_rows(named=True)}
    mismatches = []
    for path in files:
        row = by_file.get(str(path))
        if row is None:
            continue
        ref, _title, created, classification, origin = _metadata(path)
        day = datetime.strptime(created[:10] + created[-5:], "%a %b %d %Y").date()
        got = (row["cable_id"], row["created"], row["classification"], row["origin"])
        # A cable's own id is its published id (the file name) unless that id is garbled.
        want = (GARBLED_PUBLISHED_IDS.get(ref, ref), day, classification, origin)
        if got != want:
            mismatches.append((path.name, got, want))
    assert mismatches == []
