"""Snippets come from the paragraphs table: the index keeps no body of its own.

Tables are written straight as Parquet, in the warehouse's ``<year>-<hash>.parquet`` layout or
as one file, as ``tests/test_search.py`` does.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import tantivy

from flows.search import build_search_index, search
from flows.search_index import cable_bodies, current_build
from flows.settings import Settings
from tests.test_search import CABLE_ROWS, write_tables
from transforms.tables import CABLES, PARAGRAPHS

LATE_CABLE = (
    "09PARIS201",
    date(2009, 6, 1),
    "Embassy Paris",
    "SANCTIONS FOLLOW-UP",
    ["A second cable on sanctions and the Iran talks."],
)


def write_by_year(settings: Settings, rows: list[tuple]) -> None:
    """The publish's layout: cables and paragraphs in matching ``<year>-<hash>`` files.

    A year with several cables gets two part files, as a publish of several chunks leaves;
    a cable's paragraphs are in the file of the same name as its own.
    """
    for table in (CABLES, PARAGRAPHS):
        shutil.rmtree(settings.table_dir(table.name), ignore_errors=True)
    write_tables(settings, rows)
    years = [row[1].year for row in rows]
    parts = {
        row[0]: f"{row[1].year}-{int(row[1].year in years[:i]):016x}.parquet"
        for i, row in enumerate(rows)
    }
    for table in (CABLES, PARAGRAPHS):
        folder = settings.table_dir(table.name)
        frame = pl.read_parquet(folder / "data.parquet")
        (folder / "data.parquet").unlink()
        frame = frame.with_columns(_part=pl.col("cable_id").replace_strict(parts))
        for (part,), rows_of_part in frame.group_by("_part"):
            (folder / part).parent.mkdir(parents=True, exist_ok=True)
            rows_of_part.drop("_part").write_parquet(folder / part)


@pytest.fixture
def by_year(tmp_path: Path) -> Settings:
    settings = Settings(warehouse=tmp_path / "warehouse")
    write_by_year(settings, [*CABLE_ROWS, LATE_CABLE])
    build_search_index(settings)
    return settings


def test_the_index_stores_no_body(by_year):
    index = tantivy.Index.open(str(current_build(by_year) / "index"))
    searcher = index.searcher()
    [(_, address)] = searcher.search(index.parse_query("kandahar", ["body"])).hits
    document = searcher.doc(address)
    assert document.get_first("cable_id") == "06KABUL100"
    assert document.get_first("body") is None


def test_snippets_from_year_partitioned_tables(by_year):
    # Tantivy's fragment ends at the last word: the final full stop is not in it.
    hits = search(by_year, "sanctions")
    assert {h.cable_id: h.snippet for h in hits} == {
        "09PARIS200": "Paris favours new «sanctions»; the minister talked about nuclear energy "
        "in Iran",
        "09PARIS201": "A second cable on «sanctions» and the Iran talks",
    }
    [hit] = search(by_year, "police", year=2006)
    assert (
        hit.snippet == "Taliban fighters attacked a «police» post near Kandahar. The governor "
        "asked for more troops"
    )


def test_snippets_across_years_and_phrases(by_year):
    hits = {h.cable_id: h.snippet for h in search(by_year, '"prime minister" OR governor')}
    assert hits == {
        "08ISLAMABAD421": "The «prime» «minister» discussed nuclear security with the "
        "delegation. Taliban violence in the tribal areas was raised",
        "06KABUL100": "Taliban fighters attacked a police post near Kandahar. The «governor» "
        "asked for more troops",
    }


def test_without_paragraphs_the_snippet_is_the_subject(by_year):
    # The tables changed under an index not rebuilt yet: the search still answers.
    shutil.rmtree(by_year.table_dir("paragraphs"))
    [hit] = search(by_year, "kandahar")
    assert (hit.cable_id, hit.snippet) == ("06KABUL100", "TALIBAN ATTACKS IN THE SOUTH")


def test_incremental_build_over_year_partitioned_tables(by_year):
    write_by_year(
        by_year,
        [
            *CABLE_ROWS[1:],
            LATE_CABLE,
            (
                "10ROME7",
                date(2010, 1, 7),
                "Embassy Rome",
                "GRAIN",
                ["Italian wheat and the police budget."],
            ),
        ],
    )
    stats = build_search_index(by_year)
    assert (stats["added"], stats["deleted"], stats["replaced"]) == (1, 1, 0)
    [hit] = search(by_year, "police")
    assert (hit.cable_id, hit.snippet) == ("10ROME7", "Italian wheat and the «police» budget")


def test_body_is_the_paragraphs_in_position_order():
    paragraphs = pl.LazyFrame(
        {
            "cable_id": ["B", "A", "A", "A"],
            "position": [1, 3, 1, 2],
            "text": ["only", "third", "first", "second"],
        }
    )
    bodies = cable_bodies(paragraphs).collect().sort("cable_id")
    assert bodies.rows() == [("A", "first\nsecond\nthird"), ("B", "only")]
