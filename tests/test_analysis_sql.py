"""The SQL library in sql/analysis: each file documents its question and columns, and runs.

The warehouse is built once per module from the seed cable and the fixture cables of
``tests/fixtures/warehouse`` (see ``tests/warehouse_fixture.py``), written so that every
query has rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT
from tests.warehouse_fixture import build_fixture_warehouse

ANALYSIS = sorted((ROOT / "sql" / "analysis").glob("*.sql"))
_COLUMN_LINE = re.compile(r"^--\s{2,}(?P<name>[a-z_][a-z0-9_]*)\s{2,}\S")


def documented(sql: str) -> tuple[str, list[str]]:
    """(the question, the documented column names) from a file's header comment."""
    header = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header.append(line)
    asked = [i for i, line in enumerate(header) if line.startswith("-- Question:")]
    if not asked or "-- Columns:" not in header:
        return "", []
    start = header.index("-- Columns:")
    # The question may wrap over several comment lines, up to the Columns line.
    question = " ".join(line[2:].strip() for line in header[asked[0]:start])
    columns = []
    for line in header[start + 1:]:
        match = _COLUMN_LINE.match(line)
        if match:
            columns.append(match.group("name"))
        elif not line.startswith("--" + " " * 20):  # a wrapped meaning continues a column
            break
    return question.removeprefix("Question:").strip(), columns


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    settings = build_fixture_warehouse(tmp_path_factory.mktemp("analysis"))
    connection = duckdb.connect(str(settings.duckdb_path), read_only=True)
    yield connection
    connection.close()


def run(con, name: str) -> list[tuple]:
    return con.execute((ROOT / "sql" / "analysis" / f"{name}.sql").read_text()).fetchall()


def test_the_library_answers_the_questions_asked():
    assert {p.stem for p in ANALYSIS} >= {
        "volume_by_month", "top_origins_per_year", "tag_cooccurrence", "most_cited_cables",
        "dangling_references", "who_classifies", "signers_per_post", "distribution_width",
        "past_declassification", "secret_paragraphs_in_confidential",
    }


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: p.stem)
def test_query_returns_rows_with_the_documented_columns(con, path: Path):
    question, columns = documented(path.read_text())
    assert question.endswith("?"), f"{path.name}: header needs '-- Question: ...?'"
    assert columns, f"{path.name}: header needs '-- Columns:' and one '--   name  meaning' each"
    result = con.execute(path.read_text())
    assert [d[0] for d in result.description] == columns
    assert len(result.fetchall()) >= 1


def test_documented_reads_the_header_format():
    sql = ("-- Question: what, over\n-- two lines?\n-- Columns:\n--   month   first day\n"
           "--   cables  how many,\n--                          wrapped\n-- trailing note\n"
           "select 1")
    assert documented(sql) == ("what, over two lines?", ["month", "cables"])


def test_most_cited_counts_resolved_citations_only(con):
    rows = run(con, "most_cited_cables")
    assert [(r[0], r[-1]) for r in rows] == [("08ISLAMABAD421", 2), ("08ISLAMABAD500", 1)]


def test_dangling_references_are_the_unloaded_cables(con):
    rows = run(con, "dangling_references")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("08ISLAMABAD281", 1, "08ISLAMABAD421"),
        ("08ISLAMABAD405", 1, "08ISLAMABAD421"),
        ("08STATE12345", 1, "08ISLAMABAD500"),
    ]


def test_secret_share_inside_confidential_cables(con):
    rows = run(con, "secret_paragraphs_in_confidential")
    # Two CONFIDENTIAL cables of 2008 (10 + 3 paragraphs), one (S/NF) paragraph among them.
    assert rows == [(2008, 2, 1, 13, 1, round(1 / 13, 4)), (None, 2, 1, 13, 1, round(1 / 13, 4))]


def test_past_declassification_leaves_out_future_dates(con):
    ids = [r[0] for r in run(con, "past_declassification")]
    assert ids == ["08ISLAMABAD421", "08ISLAMABAD500"]  # 09KABUL77 declassifies in 2034


def test_volume_by_month_ranks_levels(con):
    assert [(str(r[0]), r[1], r[2], r[3]) for r in run(con, "volume_by_month")] == [
        ("2008-01-01", "CONFIDENTIAL", 4, 1),
        ("2008-02-01", "CONFIDENTIAL", 4, 1),
        ("2009-01-01", "SECRET", 5, 1),
    ]


def test_who_classifies_and_who_signs(con):
    assert [(r[0], r[1], r[2]) for r in run(con, "who_classifies")] == [
        ("Embassy Islamabad", "Anne W. Patterson", 2), ("Embassy Kabul", "William B. Wood", 1)]
    assert run(con, "signers_per_post") == [
        ("Embassy Islamabad", 2008, "PATTERSON", 2), ("Embassy Kabul", 2009, "WOOD", 1)]


def test_distribution_width_counts_info_addressees(con):
    # The seed has 11 INFO lines, 08ISLAMABAD500 has 5; 09KABUL77 has 3.
    assert run(con, "distribution_width") == [
        ("Embassy Islamabad", 2, 1.0, 8.0, 8.0, 11), ("Embassy Kabul", 1, 1.0, 3.0, 3.0, 3)]


def test_tag_cooccurrence_counts_cables_per_pair(con):
    rows = run(con, "tag_cooccurrence")
    assert rows[0][:3] == ("PGOV", "PK", 3)
    assert ("AF", "PK", 1, "Afghanistan", "Pakistan") in rows
    assert all(a < b for a, b, *_ in rows)
