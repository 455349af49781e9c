"""An incremental publish gives exactly the rows of a from-scratch publish of the same plan.

Tiny file sizes (a few cables a file, one staged part a group) make a handful of fixture
cables exercise what a million do: files reused by hard link, files rewritten without the
rows they lost, new files per year, small files merged, rows waiting for a later group.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import flows.publish
import flows.publish_files
from flows.publish import publish, version_dir
from flows.publish_files import MANIFEST
from flows.run_record import unchanged
from flows.settings import Settings
from flows.staging import Plan, parse_batch, plan_run
from flows.warehouse import build_duckdb
from tests.fixture_cables import text_cable
from transforms.tables import CABLE_TABLES, TABLES

KEYS = {
    "cables": ["cable_id"],
    "duplicates": ["cable_id", "source_file", "source_member"],
    "rejects": ["source_file", "source_member", "reason"],
    "ledger": ["source_file"],
}


@pytest.fixture
def small_files(monkeypatch):
    monkeypatch.setattr(flows.publish_files, "FILE_CABLES", 4)
    monkeypatch.setattr(flows.publish_files, "SMALL_FILE_CABLES", 2)
    monkeypatch.setattr(flows.publish_files, "MAX_SMALL_FILES", 2)
    monkeypatch.setattr(flows.publish_files, "GROUP_CABLES", 1)


def _cable(
    folder: Path,
    serial: int,
    year: int,
    paragraph: str = "Text.",
    mtime: int = 1,
    name: str | None = None,
) -> None:
    cable_id = f"{year % 100:02d}VALLETTA{serial}"
    path = folder / (name or f"{cable_id}.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    created = f"Mon Feb 02 00:00:00 +0100 {year}"
    path.write_text(
        text_cable(cable_id, subject=f"TALKS {serial}", paragraph=paragraph, created=created)
    )
    os.utime(path, ns=(mtime * 10**18 // 10, mtime * 10**18 // 10))


def _run(settings: Settings, source: Path, run_id: str, prune: bool = False) -> Plan:
    # One file a batch: each is its own staged part, so groups and parts are many.
    settings = settings.model_copy(update={"batch_files": 1})
    plan = plan_run(settings, [str(source)], prune=prune, run_id=run_id)
    for batch in plan.batches:
        parse_batch(settings, batch)
    publish(settings, plan)
    return plan


def _version_tables(version: Path) -> dict[str, pl.DataFrame]:
    frames = {}
    for table in TABLES:
        files = sorted((version / table.name).rglob("*.parquet"))
        frame = pl.concat([pl.read_parquet(f, hive_partitioning=False) for f in files])
        frames[table.name] = frame.sort(
            KEYS.get(table.name, ["cable_id", "position"]), nulls_last=True
        )
    return frames


def _assert_as_from_scratch(settings: Settings, plan: Plan, monkeypatch) -> None:
    """The current version equals a publish of the same plan with no previous version."""
    with monkeypatch.context() as patch:
        patch.setattr(flows.publish, "previous_manifest", lambda *_: None)
        scratch = Plan(**{**plan.__dict__, "run_id": plan.run_id + "-scratch"})
        publish(settings, scratch, make_current=False)
    incremental = _version_tables(settings.current_link.resolve())
    from_scratch = _version_tables(version_dir(settings, scratch.run_id))
    for name, frame in incremental.items():
        assert_frame_equal(frame, from_scratch[name], check_row_order=True), name


def _cable_files(version: Path) -> dict[str, set[str]]:
    return {
        t.name: {
            str(p.relative_to(version / t.name)) for p in (version / t.name).rglob("*.parquet")
        }
        for t in CABLE_TABLES
    }


def test_add_change_remove_prune_equals_from_scratch(tmp_path, small_files, monkeypatch):
    source, settings = tmp_path / "in", Settings(warehouse=tmp_path / "warehouse")
    for serial in range(1, 11):  # (serial 0 is no valid reference number)
        _cable(source, serial, 2008 + serial % 2)
    _cable(source, 50, 1999)
    _assert_as_from_scratch(settings, _run(settings, source, "r1"), monkeypatch)
    first = settings.current_link.resolve()

    _cable(source, 20, 2009)  # a new cable
    _cable(source, 3, 2009, paragraph="Changed text.", mtime=2)  # a changed cable
    plan = _run(settings, source, "r2")
    _assert_as_from_scratch(settings, plan, monkeypatch)
    second = settings.current_link.resolve()
    # The 2008 files lost nothing: the same bytes, shared by hard link, in every table.
    linked = {
        p.relative_to(first)
        for p in first.rglob("2008-*.parquet")
        if (second / p.relative_to(first)).exists()
        and (second / p.relative_to(first)).stat().st_ino == p.stat().st_ino
    }
    assert {p.parts[0] for p in linked} == {t.name for t in CABLE_TABLES}

    # A longer copy of a cable in another file wins over the copy published before.
    _cable(source, 4, 2008, paragraph="Longer body. " * 20, mtime=3, name="z-copy.txt")
    (source / "09VALLETTA1.txt").unlink()  # vanished, kept without --prune
    _assert_as_from_scratch(settings, _run(settings, source, "r3"), monkeypatch)
    assert "09VALLETTA1" in _version_tables(settings.current_link.resolve())["cables"]["cable_id"]

    plan = _run(settings, source, "r4", prune=True)
    _assert_as_from_scratch(settings, plan, monkeypatch)
    tables = _version_tables(settings.current_link.resolve())
    assert "09VALLETTA1" not in tables["cables"]["cable_id"]
    assert tables["cables"].height == 11
    assert tables["duplicates"]["cable_id"].to_list() == ["08VALLETTA4"]


def test_a_version_keeps_its_layout_invariants_after_many_small_runs(tmp_path, small_files):
    source, settings = tmp_path / "in", Settings(warehouse=tmp_path / "warehouse")
    for run in range(6):
        for serial in range(run * 2 + 1, run * 2 + 3):
            _cable(source, serial, 2009, mtime=1)
        _run(settings, source, f"r{run}")
        version = settings.current_link.resolve()
        files = _cable_files(version)
        # The search index pairs cables/Y-X.parquet with paragraphs/Y-X.parquet; files lie
        # flat in each table's folder (no year=Y folders: see flows.publish_files).
        assert all(paths == files["cables"] for paths in files.values())
        assert all(re.fullmatch(r"2009-[0-9a-f]{16}\.parquet", path) for path in files["cables"])
        small = [
            p
            for p in (version / "cables").rglob("*.parquet")
            if pl.scan_parquet(p).select(pl.len()).collect().item() < 2
        ]
        assert len(small) <= flows.publish_files.MAX_SMALL_FILES  # merged as they gather
        for path in (version / "cables").rglob("*.parquet"):
            origins = pl.read_parquet(path, hive_partitioning=False)["origin"]
            assert origins.is_sorted(nulls_last=True)
    manifest = pl.read_parquet(version / MANIFEST)
    assert sorted(manifest["cable_id"]) == sorted(f"09VALLETTA{s}" for s in range(1, 13))


def test_a_republish_of_unchanged_input_links_every_cable_file(tmp_path):
    source, settings = tmp_path / "in", Settings(warehouse=tmp_path / "warehouse")
    for serial in range(1, 4):
        _cable(source, serial, 2009)
    _run(settings, source, "r1")
    first = settings.current_link.resolve()
    _run(settings, source, "r2")
    second = settings.current_link.resolve()
    assert second != first
    for table in CABLE_TABLES:
        for path in (first / table.name).rglob("*.parquet"):
            assert (second / path.relative_to(first)).stat().st_ino == path.stat().st_ino


def test_a_version_in_the_year_folder_layout_is_published_again_flat(tmp_path):
    """A warehouse written before the flat layout (``year=Y/part-<hash>.parquet``) is no
    no-op: the next run publishes it whole again (its staged parts are all kept), flat."""
    source, settings = tmp_path / "in", Settings(warehouse=tmp_path / "warehouse")
    for serial, year in ((1, 2008), (2, 2009)):
        _cable(source, serial, year)
    _run(settings, source, "r1")
    build_duckdb(settings, "r1")
    old = settings.current_link.resolve()
    before = _version_tables(old)
    for table in CABLE_TABLES:  # what an earlier publish wrote
        for path in sorted((old / table.name).glob("*.parquet")):
            year, digest = path.stem.split("-")
            (old / table.name / f"year={year}").mkdir(exist_ok=True)
            path.rename(old / table.name / f"year={year}" / f"part-{digest}.parquet")
    manifest = pl.read_parquet(old / MANIFEST)
    manifest.with_columns(file=pl.col("file").str.replace(
        r"^(\d+)-(.*)$", "year=$1/part-$2")).write_parquet(old / MANIFEST)

    assert not unchanged(settings, plan_run(settings, [str(source)]))
    _run(settings, source, "r2")
    new = settings.current_link.resolve()
    assert new != old and not [p for p in new.rglob("*") if p.name.startswith("year=")]
    for name, frame in _version_tables(new).items():
        assert_frame_equal(frame, before[name]), name
    assert unchanged(settings, plan_run(settings, [str(source)]))
