"""Dimensions (sql/dimensions, seeds/*.csv) and views (sql/views) on the fixture warehouse."""

from __future__ import annotations

import csv
import datetime as dt

import duckdb
import pytest

from tests.conftest import ROOT, shared_dir
from tests.warehouse_fixture import CABLE_IDS, build_fixture_warehouse
from transforms.fields.markings import CLASSIFICATION_LEVELS
from transforms.fields.routing import PRECEDENCE_LETTERS
from transforms.tables import CABLES

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    settings = build_fixture_warehouse(tmp_path_factory.mktemp("views"))
    connection = duckdb.connect(str(settings.duckdb_path), read_only=True)
    yield connection
    connection.close()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def columns(con, name: str) -> dict[str, str]:
    return {r[0]: r[1] for r in rows(con, f'describe "{name}"')}


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# Dimensions ------------------------------------------------------------------------------

def test_tag_dictionary_is_the_whole_seed_with_declared_types(con):
    assert columns(con, "tag_dictionary") == {"tag": "VARCHAR", "kind": "VARCHAR",
                                              "meaning": "VARCHAR"}
    assert rows(con, "select count(*) from tag_dictionary") == [(len(seed_rows("tags.csv")),)]
    assert rows(con, "select kind, meaning from tag_dictionary where tag = 'PREL'") == [
        ("subject", "External Political Relations")]
    assert rows(con, "select count(*) - count(distinct tag) from tag_dictionary") == [(0,)]


def test_classification_levels_follow_the_parser_vocabulary(con):
    assert columns(con, "classification_levels") == {"level": "VARCHAR", "rank": "SMALLINT",
                                                     "meaning": "VARCHAR"}
    ordered = rows(con, 'select level, "rank" from classification_levels order by "rank"')
    assert [level for level, _ in ordered] == list(CLASSIFICATION_LEVELS)
    assert [rank for _, rank in ordered] == list(range(1, len(CLASSIFICATION_LEVELS) + 1))


def test_precedences_cover_every_precedence_word(con):
    ordered = [r[0] for r in rows(con, 'select precedence from precedences order by "rank"')]
    assert ordered == ["ROUTINE", "PRIORITY", "IMMEDIATE", "NIACT IMMEDIATE", "FLASH"]
    assert set(PRECEDENCE_LETTERS.values()) <= set(ordered)
    letters = dict(rows(con, "select precedence, prosign from precedences"))
    for letter, word in PRECEDENCE_LETTERS.items():
        if letter.isalpha():
            assert letters[word] == letter


def test_every_loaded_level_and_precedence_is_in_a_dimension(con):
    assert rows(con, """select count(*) from cables c
                        anti join classification_levels l on l.level = c.classification_level
                        where c.classification_level is not null""") == [(0,)]
    assert rows(con, """select count(*) from recipients r
                        anti join precedences p using (precedence)
                        where r.precedence is not null""") == [(0,)]


def test_posts_seed_has_one_row_per_origin_and_a_country_for_embassies():
    posts = seed_rows("posts.csv")
    origins = [p["origin"] for p in posts]
    assert len(origins) == len(set(origins))
    for post in posts:
        assert post["post_type"] and post["origin"].strip() == post["origin"]
        if post["post_type"] == "embassy":
            assert post["city"] and post["country"], post


def test_posts_seed_covers_every_origin_of_the_real_cables():
    known = {p["origin"] for p in seed_rows("posts.csv")}
    origins = set()
    for path in sorted(shared_dir("txt").glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) > 4 and lines[4].strip():
            origins.add(lines[4].strip())
    assert origins, "no origins read from ../shared/cables/txt"
    assert sorted(origins - known) == []


# Views -----------------------------------------------------------------------------------

def test_routes_name_each_indicator_by_its_most_frequent_name(con):
    found = {r[0]: r[1:] for r in rows(con, "select route, name, uses, name_uses, names "
                                            "from routes")}
    # RUEHC is written SECSTATE WASHDC three times and SECSTATE WASHINGTON DC once.
    assert found["RUEHC"] == ("SECSTATE WASHDC", 4, 3, 2)
    # RUEHIL: the DE line of both Islamabad cables, and an INFO line of 09KABUL77.
    assert found["RUEHIL"] == ("AMEMBASSY ISLAMABAD", 3, 3, 1)
    assert found["RUEHBUL"][0] == "AMEMBASSY KABUL"


def test_unknown_tags_are_counted_not_dropped(con):
    assert rows(con, "select tag, kind, cables, example_cable_id from unknown_tags") == [
        ("XQZT", "unknown", 1, "08ISLAMABAD500")]


def test_cable_references_resolve_against_loaded_cables(con):
    found = rows(con, """select cable_id, "position", referenced_cable_id, referenced_subject,
                                referenced_created, resolved
                         from cable_references order by cable_id, "position" """)
    seed = ("MQM LOOKING FOR RESPECT", dt.date(2008, 1, 29), True)
    assert found == [
        ("08ISLAMABAD421", 1, "08ISLAMABAD405", None, None, False),
        ("08ISLAMABAD421", 2, "08ISLAMABAD281", None, None, False),
        ("08ISLAMABAD500", 1, "08ISLAMABAD421", *seed),
        ("08ISLAMABAD500", 2, "08STATE12345", None, None, False),
        ("09KABUL77", 1, "08ISLAMABAD421", *seed),
        ("09KABUL77", 2, "08ISLAMABAD500", "KARACHI CITY GOVERNMENT PLANS AHEAD",
         dt.date(2008, 2, 11), True),
    ]


def test_cables_enriched_adds_counts_and_lists(con):
    extra = ["tags", "recipient_count", "to_count", "info_count", "references_out",
             "references_out_resolved", "references_in", "classification_rank",
             "precedence_rank", "origin_country"]
    kept = [c for c in CABLES.column_names if c not in ("header", "body")]
    assert list(columns(con, "cables_enriched")) == kept + extra
    assert [r[0] for r in rows(con, "select cable_id from cables_enriched order by 1")] == \
        list(CABLE_IDS)
    seed = rows(con, f"""select {', '.join(extra)}, paragraph_count from cables_enriched
                         where cable_id = '08ISLAMABAD421'""")
    assert seed == [(["PREL", "PGOV", "PTER", "PK"], 12, 1, 11, 2, 0, 2, 4, 3, "Pakistan", 10)]
    kabul = rows(con, """select references_out, references_out_resolved, references_in,
                                classification_rank from cables_enriched
                         where cable_id = '09KABUL77'""")
    assert kabul == [(2, 2, 0, 5)]


def test_origin_posts_name_the_country(con):
    assert rows(con, "select * from origin_posts order by origin") == [
        ("Embassy Islamabad", "embassy", "Islamabad", "Pakistan", True, 2,
         dt.date(2008, 1, 29), dt.date(2008, 2, 11)),
        ("Embassy Kabul", "embassy", "Kabul", "Afghanistan", True, 1,
         dt.date(2009, 1, 15), dt.date(2009, 1, 15)),
    ]
