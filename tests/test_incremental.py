"""Incremental runs through the plain functions the flow calls (plan, parse, publish).

One warehouse lives through a story of runs: add a file, change it, remove it (kept, then
pruned), carry one cable in two files, and re-run over unchanged input. After each run the
exact rows are checked.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.publish import publish
from flows.settings import Settings
from flows.staging import parse_batch, plan_run
from tests.conftest import SEED_CABLE
from tests.fixture_cables import text_cable

TABLES = (
    "cables",
    "paragraphs",
    "recipients",
    "tags",
    "references",
    "duplicates",
    "rejects",
    "ledger",
)
VALLETTA = "09VALLETTA77"


def _run(settings: Settings, source: Path, run_id: str, prune: bool = False) -> list[str]:
    """plan, parse every batch, publish (as ``flows.etl.run_pipeline``); the files parsed."""
    plan = plan_run(settings, [str(source)], prune=prune, run_id=run_id)
    for batch in plan.batches:
        parse_batch(settings, batch)
    publish(settings, plan)
    return [Path(f.path).name for b in plan.batches for f in b.files]


def _table(settings: Settings, name: str) -> pl.DataFrame:
    files = sorted(settings.table_dir(name).rglob("*.parquet"))
    return pl.concat([pl.read_parquet(f, hive_partitioning=False) for f in files])


def _rows(settings: Settings, name: str, *columns: str) -> list[tuple]:
    return sorted(_table(settings, name).select(columns).iter_rows())


def _digests(settings: Settings) -> dict[str, str]:
    return {
        f"{name}/{p.relative_to(settings.table_dir(name).resolve())}": hashlib.sha256(
            p.read_bytes()
        ).hexdigest()
        for name in TABLES
        for p in sorted(settings.table_dir(name).resolve().rglob("*"))
        if p.is_file()
    }


def _write(path: Path, text: str, mtime: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(mtime, mtime))  # distinct mtimes: the ledger compares size and mtime


@pytest.fixture
def story(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SEED_CABLE, source / SEED_CABLE.name)
    settings = Settings(warehouse=tmp_path / "warehouse")
    assert _run(settings, source, "r1") == ["08ISLAMABAD421.txt"]
    return settings, source


def test_add_change_remove_prune(story):
    settings, source = story
    seed_rows = {t: _rows(settings, t, "cable_id", "position") for t in TABLES[1:5]}

    _write(source / f"{VALLETTA}.txt", text_cable(paragraph="First wording."), 10**18)
    assert _run(settings, source, "r2") == [f"{VALLETTA}.txt"]  # only the new file
    assert _rows(settings, "cables", "cable_id", "subject") == [
        ("08ISLAMABAD421", "MQM LOOKING FOR RESPECT"),
        (VALLETTA, "FERRY TALKS RESUME"),
    ]
    assert [
        r for r in _rows(settings, "paragraphs", "cable_id", "position", "text") if r[0] == VALLETTA
    ] == [(VALLETTA, 1, "First wording."), (VALLETTA, 2, "Second paragraph.")]
    for table, rows in seed_rows.items():  # the seed's rows untouched
        assert [
            r for r in _rows(settings, table, "cable_id", "position") if r[0] != VALLETTA
        ] == rows, table

    _write(
        source / f"{VALLETTA}.txt",
        text_cable(subject="FERRY TALKS FAIL", paragraph="Second wording, longer now."),
        10**18 + 1,
    )
    assert _run(settings, source, "r3") == [f"{VALLETTA}.txt"]
    assert _rows(settings, "cables", "cable_id", "subject") == [
        ("08ISLAMABAD421", "MQM LOOKING FOR RESPECT"),
        (VALLETTA, "FERRY TALKS FAIL"),
    ]
    assert [
        r for r in _rows(settings, "paragraphs", "cable_id", "position", "text") if r[0] == VALLETTA
    ] == [(VALLETTA, 1, "Second wording, longer now."), (VALLETTA, 2, "Second paragraph.")]
    assert _rows(settings, "tags", "cable_id", "tag").count((VALLETTA, "PREL")) == 1

    (source / f"{VALLETTA}.txt").unlink()
    assert _run(settings, source, "r4") == []
    assert [r[0] for r in _rows(settings, "cables", "cable_id")] == ["08ISLAMABAD421", VALLETTA]
    assert _rows(settings, "ledger", "source_file", "outcome") == [
        (str(source / "08ISLAMABAD421.txt"), "loaded"),
        (str(source / f"{VALLETTA}.txt"), "vanished"),
    ]

    assert _run(settings, source, "r5", prune=True) == []
    assert _rows(settings, "cables", "cable_id") == [("08ISLAMABAD421",)]
    for table in TABLES[1:5]:
        assert VALLETTA not in {r[0] for r in _rows(settings, table, "cable_id")}, table
    assert _rows(settings, "ledger", "source_file", "outcome") == [
        (str(source / "08ISLAMABAD421.txt"), "loaded")
    ]


def test_one_cable_in_two_files_is_one_row_and_one_duplicate(story):
    settings, source = story
    copy = source / "copy" / "08ISLAMABAD421.txt"
    _write(copy, SEED_CABLE.read_text(), 10**18)
    assert _run(settings, source, "r2") == ["08ISLAMABAD421.txt"]
    winner, loser = str(source / "08ISLAMABAD421.txt"), str(copy)  # same bytes: smaller path
    assert _rows(settings, "cables", "cable_id", "source_file") == [("08ISLAMABAD421", winner)]
    assert _rows(settings, "duplicates", "cable_id", "source_file", "winner_source_file") == [
        ("08ISLAMABAD421", loser, winner)
    ]
    assert _rows(settings, "ledger", "source_file", "cables", "duplicates", "outcome") == [
        (winner, 1, 0, "loaded"),
        (loser, 0, 1, "duplicate"),
    ]
    assert _table(settings, "paragraphs").height == 10  # the winner's children, once

    (source / "08ISLAMABAD421.txt").unlink()
    assert _run(settings, source, "r3") == []  # the vanished winner's rows stay...
    assert _rows(settings, "cables", "source_file") == [(winner,)]
    assert _run(settings, source, "r4", prune=True) == []  # ...until pruned: the copy wins
    assert _rows(settings, "cables", "cable_id", "source_file") == [("08ISLAMABAD421", loser)]
    assert _table(settings, "duplicates").height == 0
    assert _rows(settings, "ledger", "source_file", "outcome") == [(loser, "loaded")]
    assert _table(settings, "paragraphs").height == 10


def test_a_changed_file_of_a_shared_batch_replaces_only_its_rows(tmp_path):
    source = tmp_path / "in"
    _write(source / "08ISLAMABAD421.txt", SEED_CABLE.read_text(), 10**18)
    _write(source / f"{VALLETTA}.txt", text_cable(), 10**18)
    settings = Settings(warehouse=tmp_path / "warehouse")
    assert _run(settings, source, "r1") == ["08ISLAMABAD421.txt", f"{VALLETTA}.txt"]  # 1 batch
    before = {t: _rows(settings, t, "cable_id", "position") for t in TABLES[1:5]}
    _write(source / f"{VALLETTA}.txt", text_cable("09VALLETTA78"), 10**18 + 1)
    assert _run(settings, source, "r2") == [f"{VALLETTA}.txt"]
    assert _rows(settings, "cables", "cable_id") == [("08ISLAMABAD421",), ("09VALLETTA78",)]
    for table, rows in before.items():
        renamed = sorted((("09VALLETTA78" if c == VALLETTA else c), p) for c, p in rows)
        assert _rows(settings, table, "cable_id", "position") == renamed, table


def test_a_rerun_over_unchanged_input_parses_nothing_and_is_byte_identical(story):
    settings, source = story
    _write(source / f"{VALLETTA}.txt", text_cable(), 10**18)
    _run(settings, source, "r2")
    before = _digests(settings)
    assert _run(settings, source, "r3") == []
    assert _digests(settings) == before


def test_other_parsing_code_parses_unchanged_files_again(story, monkeypatch):
    settings, source = story
    assert _run(settings, source, "r2") == []
    monkeypatch.setattr("flows.staging.parser_fingerprint", lambda: "other-code")
    assert _run(settings, source, "r3") == ["08ISLAMABAD421.txt"]
    assert _rows(settings, "ledger", "source_file", "parser")[0][1] == "other-code"
    assert _run(settings, source, "r4") == []


def test_a_vanished_files_rows_from_older_code_read_new_columns_as_null(story, monkeypatch):
    settings, source = story
    valletta = "08VALLETTA77"  # the seed's year: its file is rewritten when the seed is
    _write(source / f"{valletta}.txt",
           text_cable(valletta, created="Mon Feb 04 00:00:00 +0100 2008"), 10**18)
    _run(settings, source, "r2")
    # What older code left: staged parts and published files without head_notes, ledgers
    # without parser.
    for path in [*settings.parts_dir.joinpath("cables").glob("*.parquet"),
                 *settings.table_dir("cables").resolve().glob("*.parquet")]:
        pl.read_parquet(path).drop("head_notes").write_parquet(path)
    for path in [*settings.parts_dir.joinpath("ledger").glob("*.parquet"),
                 *settings.table_dir("ledger").resolve().glob("*.parquet")]:
        pl.read_parquet(path).drop("parser").write_parquet(path)
    (source / f"{valletta}.txt").unlink()
    monkeypatch.setattr("flows.staging.parser_fingerprint", lambda: "other-code")
    assert _run(settings, source, "r3") == ["08ISLAMABAD421.txt"]
    cables = _table(settings, "cables").sort("cable_id")
    assert cables["cable_id"].to_list() == ["08ISLAMABAD421", valletta]
    assert cables["head_notes"].is_null().to_list() == [False, True]
    outcomes = _rows(settings, "ledger", "source_file", "outcome", "parser")
    assert [(o, p) for _, o, p in outcomes] == [("loaded", "other-code"), ("vanished", None)]
