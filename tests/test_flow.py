"""The flow end to end in one Prefect test harness: tables, DuckDB, re-runs, determinism."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.settings import Settings
from tests.conftest import SEED_CABLE
from transforms.tables import TABLES

CABLE_TABLE_NAMES = ("cables", "paragraphs", "recipients", "tags", "references")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def first_run(prefect_harness, tmp_path_factory):
    from flows.etl import cables_etl

    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    warehouse = tmp_path_factory.mktemp("warehouse")
    summary = cables_etl(sources=[str(sources)], warehouse=str(warehouse))
    return sources, warehouse, summary


def test_flow_builds_every_table(first_run):
    _, warehouse, summary = first_run
    assert summary["cables"] == 1
    assert summary["rejects"] == 0
    assert summary["inputs"] == summary["cables"] + summary["duplicates"] + summary["rejects"]
    for table in TABLES:
        assert (warehouse / table.name).is_dir(), table.name
    assert summary["table_rows"]["paragraphs"] == 10
    assert summary["table_rows"]["recipients"] == 12
    assert summary["table_rows"]["tags"] == 4
    assert summary["table_rows"]["references"] == 2


def test_parquet_has_declared_schemas(first_run):
    _, warehouse, _ = first_run
    for table in TABLES:
        frame = pl.read_parquet(warehouse / table.name / "**" / "*.parquet",
                                hive_partitioning=False)
        declared = dict(table.schema)
        assert {k: v for k, v in frame.schema.items() if k in declared} == declared, table.name


def test_duckdb_holds_the_tables_and_checks_pass(first_run):
    _, warehouse, _ = first_run
    con = duckdb.connect(str(warehouse / "cables.duckdb"), read_only=True)
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchall()[0][0]
              for t in CABLE_TABLE_NAMES}
    assert counts == {"cables": 1, "paragraphs": 10, "recipients": 12, "tags": 4,
                      "references": 2}
    dtg = con.execute("select strftime(dtg at time zone 'UTC', '%Y-%m-%d %H:%M'), created "
                      "from cables").fetchall()[0]
    assert dtg[0] == "2008-01-29 13:36"
    assert str(dtg[1]) == "2008-01-29"
    assert con.execute("select count(*) from load_runs").fetchall()[0][0] == 1
    for check in sorted((Settings().sql_dir / "checks").glob("*.sql")):
        assert con.execute(check.read_text()).fetchall() == [], check.name


def test_duckdb_types_match_the_declarations(first_run):
    from flows.warehouse import duckdb_type

    _, warehouse, _ = first_run
    con = duckdb.connect(str(warehouse / "cables.duckdb"), read_only=True)
    for table in TABLES:
        described = con.execute(f'describe "{table.name}"').fetchall()
        assert [(row[0], row[1]) for row in described] == [
            (c.name, duckdb_type(c)) for c in table.columns], table.name


def test_rerun_is_a_no_op_and_byte_identical(first_run):
    from flows.etl import cables_etl

    sources, warehouse, _ = first_run
    before = {t: _digest(warehouse / t) for t in CABLE_TABLE_NAMES}
    summary = cables_etl(sources=[str(sources)], warehouse=str(warehouse))
    assert summary["files_parsed"] == 0
    assert summary["files_reused"] == 1
    assert {t: _digest(warehouse / t) for t in CABLE_TABLE_NAMES} == before


def test_same_input_elsewhere_gives_identical_bytes(first_run, tmp_path):
    from flows.etl import cables_etl

    sources, warehouse, _ = first_run
    cables_etl(sources=[str(sources)], warehouse=str(tmp_path / "w2"))
    for table in CABLE_TABLE_NAMES:
        assert _digest(tmp_path / "w2" / table) == _digest(warehouse / table), table
