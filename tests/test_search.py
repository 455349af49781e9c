"""Full-text search: query language, filters, snippets, incremental and swapped-in builds.

The warehouse here is three hand-written cables written straight as Parquet tables (the
index reads only ``cables`` and ``paragraphs``), so no flow run is needed.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from flows.search import SearchError, build_search_index, parse_years, search
from flows.search_index import current_build
from flows.settings import Settings
from transforms.tables import CABLES, PARAGRAPHS

CABLE_ROWS = [
    # (cable_id, created, origin, subject, paragraphs)
    ("06KABUL100", date(2006, 3, 2), "Embassy Kabul", "TALIBAN ATTACKS IN THE SOUTH",
     ["Taliban fighters attacked a police post near Kandahar.",
      "The governor asked for more troops."]),
    ("08ISLAMABAD421", date(2008, 1, 29), "Embassy Islamabad", "PAKISTAN NUCLEAR SECURITY TALKS",
     ["The prime minister discussed nuclear security with the delegation.",
      "Taliban violence in the tribal areas was raised."]),
    ("09PARIS200", date(2009, 5, 4), "Embassy Paris", "FRENCH VIEWS ON IRAN",
     ["Paris favours new sanctions; the minister talked about nuclear energy in Iran."]),
]


def write_tables(settings: Settings, rows: list[tuple]) -> None:
    # As in the warehouse, a cable's content follows from its source bytes: an edited cable
    # has a new source hash (the index keys its documents on it).
    cables = CABLES.frame([
        {"cable_id": row[0], "year": row[1].year, "created": row[1], "origin": row[2],
         "subject": row[3], "source_file": f"{row[0]}.txt", "source_format": "txt",
         "source_sha256": hashlib.sha256(repr(row).encode()).hexdigest()} for row in rows])
    paragraphs = PARAGRAPHS.frame([
        {"cable_id": cid, "position": i, "text": text}
        for cid, *_, texts in rows for i, text in enumerate(texts, 1)])
    for table, frame in (("cables", cables), ("paragraphs", paragraphs)):
        folder = settings.table_dir(table)
        folder.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(folder / "data.parquet")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(warehouse=tmp_path / "warehouse")
    write_tables(settings, CABLE_ROWS)
    build_search_index(settings)
    return settings


def ids(hits) -> list[str]:
    return [h.cable_id for h in hits]


@pytest.mark.parametrize("query, expected", [
    ("taliban", {"06KABUL100", "08ISLAMABAD421"}),
    ("taliban nuclear", {"08ISLAMABAD421"}),  # words are ANDed by default
    ("taliban OR iran", {"06KABUL100", "08ISLAMABAD421", "09PARIS200"}),
    ("nuclear AND NOT taliban", {"09PARIS200"}),  # Tantivy alone would return nothing
    ("nuclear NOT taliban", {"09PARIS200"}),
    ("+nuclear -iran", {"08ISLAMABAD421"}),
    ('"prime minister"', {"08ISLAMABAD421"}),
    ('"minister prime"', set()),
    ("talks", {"08ISLAMABAD421", "09PARIS200"}),  # stemmed: "talked" and "TALKS"
    ("subject:iran", {"09PARIS200"}),
    ('"NOT taliban" OR kandahar', {"06KABUL100"}),  # NOT inside quotes stays a word
])
def test_query_language(settings, query, expected):
    assert set(ids(search(settings, query))) == expected


def test_subject_match_ranks_first_and_hit_fields(settings):
    hits = search(settings, "nuclear")
    assert ids(hits)[0] == "08ISLAMABAD421"  # in subject and body, vs body only
    assert hits[0].score > hits[1].score > 0
    hit = hits[0]
    assert (hit.created, hit.origin, hit.subject) == (
        date(2008, 1, 29), "Embassy Islamabad", "PAKISTAN NUCLEAR SECURITY TALKS")
    assert "«nuclear»" in hit.snippet


def test_snippet_falls_back_to_subject(settings):
    [hit] = search(settings, "french")
    assert hit.snippet == "«FRENCH» VIEWS ON IRAN"


@pytest.mark.parametrize("year, origin, expected", [
    (2008, None, ["08ISLAMABAD421"]),
    ("2006-2008", None, ["06KABUL100", "08ISLAMABAD421"]),
    (None, "kabul", ["06KABUL100"]),
    (None, "EMBASSY", ["06KABUL100", "08ISLAMABAD421"]),
    ("2007-2009", "embassy i", ["08ISLAMABAD421"]),
    (None, "nowhere", []),
])
def test_filters(settings, year, origin, expected):
    assert sorted(ids(search(settings, "taliban", year=year, origin=origin))) == expected


def test_filters_do_not_change_scores(settings):
    plain = {h.cable_id: h.score for h in search(settings, "taliban")}
    filtered = search(settings, "taliban", year="2000-2010", origin="embassy")
    assert {h.cable_id: h.score for h in filtered} == plain


def test_limit(settings):
    assert len(search(settings, "taliban OR iran", limit=2)) == 2


@pytest.mark.parametrize("query, message", [
    ('"unclosed phrase', "syntax error"),
    ("(nuclear", "syntax error"),
    ("nuclear AND", "syntax error"),
    ("NOT iran", "only excludes"),
    ("-iran", "only excludes"),
    ("nosuch:word", "no field 'nosuch'"),
    ("   ", "empty search query"),
])
def test_bad_query_is_one_readable_line(settings, query, message):
    with pytest.raises(ValueError, match=message) as caught:
        search(settings, query)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("year", ["20x8", "2009-2007", "2008-", "08"])
def test_bad_year(year):
    with pytest.raises(SearchError, match="bad year filter"):
        parse_years(year)


def test_year_forms():
    assert parse_years(2008) == (2008, 2008)
    assert parse_years(" 2006 - 2008 ") == (2006, 2008)
    assert parse_years(None) is None


def test_no_index_yet(tmp_path):
    with pytest.raises(SearchError, match="no search index"):
        search(Settings(warehouse=tmp_path), "nuclear")


def test_rebuild_is_incremental_and_swapped_in(settings):
    before = current_build(settings)
    assert build_search_index(settings)["unchanged"] is True
    assert current_build(settings) == before  # nothing changed: no new build

    changed = [
        CABLE_ROWS[0],
        (*CABLE_ROWS[1][:4], ["The prime minister discussed wheat prices."]),  # edited
        ("10ROME7", date(2010, 1, 7), "Embassy Rome", "ITALIAN NUCLEAR PLANS", ["New plants."]),
    ]  # 09PARIS200 vanished
    write_tables(settings, changed)
    stats = build_search_index(settings)
    assert {k: stats[k] for k in ("documents", "added", "replaced", "deleted", "fresh")} == {
        "documents": 3, "added": 1, "replaced": 1, "deleted": 1, "fresh": False}
    after = current_build(settings)
    assert after != before
    assert ids(search(settings, "nuclear")) == ["10ROME7", "08ISLAMABAD421"]  # subject, body
    assert ids(search(settings, "wheat")) == ["08ISLAMABAD421"]
    assert search(settings, "delegation OR paris") == []  # old paragraph, vanished cable

    # The previous build shares segment files with the new one by hard link, yet still holds
    # exactly the old content: a search that opened it during the rebuild keeps its answers.
    import tantivy

    old = tantivy.Index.open(str(before / "index"))
    old_ids = {old.searcher().doc(a).get_first("cable_id")
               for _, a in old.searcher().search(old.parse_query("nuclear", ["body"])).hits}
    assert old_ids == {"08ISLAMABAD421", "09PARIS200"}


def test_schema_change_rebuilds_from_scratch(settings, monkeypatch):
    import flows.search_index as search_index

    monkeypatch.setattr(search_index, "SCHEMA_VERSION", search_index.SCHEMA_VERSION + 1)
    stats = build_search_index(settings)
    assert stats["fresh"] is True and stats["added"] == 3
    assert set(ids(search(settings, "taliban"))) == {"06KABUL100", "08ISLAMABAD421"}


def test_old_builds_are_pruned(settings):
    for n in range(3):
        write_tables(settings, [*CABLE_ROWS, ("10X1", date(2010, 1, 1), "Embassy X",
                                              f"SUBJECT {n}", [f"text {n}"])])
        build_search_index(settings)
    builds = sorted(p.name for p in (settings.warehouse / "search" / "builds").iterdir())
    assert len(builds) == 2 and current_build(settings).name in builds


def test_empty_warehouse_builds_an_empty_index(tmp_path):
    settings = Settings(warehouse=tmp_path / "warehouse")
    assert build_search_index(settings)["documents"] == 0
    assert search(settings, "nuclear") == []


def test_most_cables_changed_builds_afresh(settings, monkeypatch):
    import flows.search_index as search_index

    monkeypatch.setattr(search_index, "SMALL_UPDATE_CABLES", 0)  # as if the index were big
    edited = [(*row[:4], [*row[4], "A closing paragraph on wheat."]) for row in CABLE_ROWS]
    write_tables(settings, edited[:2] + CABLE_ROWS[2:])  # two cables of three changed
    stats = build_search_index(settings)
    assert (stats["fresh"], stats["replaced"], stats["documents"]) == (True, 2, 3)
    assert sorted(ids(search(settings, "wheat"))) == ["06KABUL100", "08ISLAMABAD421"]
    assert set(ids(search(settings, "taliban OR iran"))) == {r[0] for r in CABLE_ROWS}


@pytest.mark.parametrize("wanted", [None, ["08ISLAMABAD421", "09PARIS200"]])
def test_documents_are_the_same_in_slices(settings, monkeypatch, wanted):
    # A cables file is indexed a slice of cable_ids at a time, each reading only the
    # paragraphs of its range: slicing must not lose, split or mix any cable's body.
    import polars as pl

    import flows.search_index as search_index

    wanted = None if wanted is None else pl.DataFrame({"cable_id": wanted})
    whole = pl.concat(search_index.cable_documents(settings, wanted))
    monkeypatch.setattr(search_index, "DOCUMENT_SLICE", 1)
    slices = list(search_index.cable_documents(settings, wanted))
    assert len(slices) == whole.height
    assert_frame_equal(pl.concat(slices), whole)
    assert whole.filter(pl.col("cable_id") == "08ISLAMABAD421")["body"].item() == (
        "The prime minister discussed nuclear security with the delegation.\n"
        "Taliban violence in the tribal areas was raised.")
