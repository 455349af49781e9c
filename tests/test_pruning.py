"""Parquet layout: a filter on year or origin skips row groups by their statistics."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.warehouse_fixture import build_fixture_warehouse


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return build_fixture_warehouse(tmp_path_factory.mktemp("pruning") / "w")


@pytest.fixture(scope="module")
def con(settings):
    return duckdb.connect(str(settings.duckdb_path), read_only=True)


def scanned(con, where: str, source: str = "cables") -> tuple[int, int]:
    plan = "\n".join(row[1] for row in con.execute(
        f"explain analyze select count(*) from {source} where {where}").fetchall())
    match = re.search(r"Row Groups Scanned: (\d+) / (\d+)", plan)
    assert match, plan
    return int(match.group(1)), int(match.group(2))


def test_a_year_filter_reads_only_that_year(con):
    read, total = scanned(con, "year = 2009")
    assert total >= 2 and read == 1


def test_an_origin_filter_prunes_row_groups(con):
    origins = [row[0] for row in con.execute("select distinct origin from cables").fetchall()]
    read, total = scanned(con, f"origin = '{origins[0]}'")
    assert read < total


def test_a_year_filter_on_the_table_folder_reads_only_that_year(settings):
    """As an analyst reads the folder (the README's line): the files hold one year each,
    so their statistics skip the other years; no year=Y folders are needed for it."""
    folder = settings.table_dir("cables")
    read, total = scanned(duckdb.connect(), "year = 2009",
                          f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)")
    assert total >= 2 and read == 1
