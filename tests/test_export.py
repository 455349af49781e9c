"""The Parquet hand-off: files, data dictionary and datapackage agree; readers agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows.dictionary import exported_columns, type_name
from flows.export import EXPORTABLE, ExportError, export_dataset
from flows.settings import Settings
from tests.warehouse_fixture import CABLE_IDS, build_fixture_warehouse

TABLE_NAMES = list(EXPORTABLE)


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return build_fixture_warehouse(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def full(settings, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("full") / "dataset"
    return out, export_dataset(settings, out)


def readme_columns(readme: str) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, type), ...]} from the data dictionary's per-table sections."""
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in readme.splitlines():
        if line.startswith("### "):
            current = tables.setdefault(line[4:].strip(), [])
        elif current is not None and (m := re.match(r"^\| `([a-z0-9_]+)` \| ([^|]+) \|", line)):
            current.append((m.group(1), m.group(2).strip()))
    return tables


def test_export_writes_every_cable_table_as_one_file_sorted_by_year(settings, full):
    out, counts = full
    assert list(counts) == TABLE_NAMES
    assert counts == {"cables": 3, "paragraphs": 15, "recipients": 22, "tags": 12,
                      "references": 6}
    for table in TABLE_NAMES:
        assert [p.name for p in (out / table).iterdir()] == [f"{table}.parquet"], table
        frame = pl.read_parquet(out / table / f"{table}.parquet")
        assert frame["year"].unique().sort().to_list() == [2008, 2009], table
        assert frame.select("year", *EXPORTABLE[table].key).equals(
            frame.select("year", *EXPORTABLE[table].key).sort(pl.all())), table
    assert (out / "datapackage.json").is_file() and (out / "README.md").is_file()


def test_a_year_filter_reads_only_that_years_row_groups(tmp_path, settings):
    """Pruning by year in an export: its files are sorted by year, so row-group statistics
    let a reader skip the other years (one cable and its paragraphs per row group here)."""
    out = tmp_path / "pruned"
    export_dataset(settings, out, tables=["paragraphs"])
    small = tmp_path / "small.parquet"
    pl.read_parquet(out / "paragraphs").write_parquet(small, row_group_size=2)
    plan = "\n".join(row[1] for row in duckdb.sql(
        f"explain analyze select count(*) from read_parquet('{small}') where year = 2009"
    ).fetchall())
    read, total = map(int, re.search(r"Row Groups Scanned: (\d+) / (\d+)", plan).groups())
    assert read < total


def test_dictionary_datapackage_and_files_agree(full):
    out, counts = full
    package = json.loads((out / "datapackage.json").read_text())
    documented = readme_columns((out / "README.md").read_text())
    assert [r["name"] for r in package["resources"]] == TABLE_NAMES == list(documented)
    for resource in package["resources"]:
        name = resource["name"]
        fields = [(f["name"], f["dtype"]) for f in resource["schema"]["fields"]]
        assert fields == documented[name], name
        declared = [(c.name, type_name(c.dtype)) for c in exported_columns(EXPORTABLE[name])]
        assert fields == declared, name
        assert [resource["path"]] == [p.relative_to(out).as_posix()
                                      for p in (out / name).rglob("*.parquet")]
        schema = pl.read_parquet_schema(out / resource["path"])
        assert [(n, type_name(t)) for n, t in schema.items()] == fields, name
        assert pq.read_metadata(out / resource["path"]).row_group(0).column(0).compression \
            == "ZSTD"
        assert resource["schema"]["primaryKey"] == list(EXPORTABLE[name].key)
        if name != "cables":
            assert resource["schema"]["foreignKeys"][0]["reference"] == {
                "resource": "cables", "fields": ["cable_id"]}
        assert f"| [`{name}`](#{name}) | {counts[name]} |" in (out / "README.md").read_text()


def test_readme_shows_an_example_of_each_column(full):
    out, _ = full
    readme = (out / "README.md").read_text()
    assert "| `cable_id` | string | no | Canonical reference id" in readme
    assert "`08ISLAMABAD421` |" in readme
    assert '| `caveats` | list<string> | yes |' in readme and '`["SIPDIS"]`' in readme


def test_where_keeps_the_matching_cables_and_their_children(settings, tmp_path):
    counts = export_dataset(settings, tmp_path / "y2008", where="year = 2008")
    assert counts == {"cables": 2, "paragraphs": 13, "recipients": 18, "tags": 8,
                      "references": 4}
    for table in TABLE_NAMES:
        frame = pl.read_parquet(tmp_path / "y2008" / table)
        assert set(frame["cable_id"]) == {"08ISLAMABAD421", "08ISLAMABAD500"}, table
        assert set(frame["year"]) == {2008}, table
    assert "year = 2008" in (tmp_path / "y2008" / "README.md").read_text()


def test_where_may_use_other_tables(settings, tmp_path):
    counts = export_dataset(settings, tmp_path / "af", tables=["cables", "tags"],
                            where="cable_id in (select cable_id from tags where tag = 'AF')")
    assert counts == {"cables": 1, "tags": 4}
    assert sorted(p.name for p in (tmp_path / "af").iterdir()) == [
        "README.md", "cables", "datapackage.json", "tags"]


def test_a_where_matching_nothing_writes_readable_empty_tables(settings, tmp_path):
    counts = export_dataset(settings, tmp_path / "none", where="year = 1900")
    assert set(counts.values()) == {0}
    frame = pl.read_parquet(tmp_path / "none" / "tags" / "**" / "*.parquet")
    assert frame.height == 0 and frame.columns == ["year", "cable_id", "position", "tag", "kind"]


@pytest.mark.parametrize("where, says", [
    ("no_such_column = 1", "Binder Error"),
    ("year = ", "Parser Error"),
    ("1 = 1); drop table cables; select (1", "must be one SQL condition"),
    ("(select count(*) from read_text('/etc/hostname')) > 0", "Permission Error"),
    ("   ", "empty --where"),
])
def test_a_bad_predicate_is_a_clear_error_and_touches_nothing(settings, full, where, says):
    out, _ = full
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ExportError, match="--where") as raised:
        export_dataset(settings, out, where=where)
    assert says in str(raised.value)
    assert "\n" not in str(raised.value)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_re_export_replaces_an_earlier_export(settings, full):
    out, _ = full
    (out / "notes.txt").write_text("mine")
    assert export_dataset(settings, out, tables=["cables"]) == {"cables": 3}
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md", "cables", "datapackage.json", "notes.txt"]
    export_dataset(settings, out)  # leave the module's export whole for the other tests
    assert pl.read_parquet(out / "cables" / "**" / "*.parquet")["cable_id"].sort().to_list() \
        == list(CABLE_IDS)


def test_refuses_a_folder_that_holds_something_else(settings, tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        export_dataset(settings, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_unknown_table_and_missing_warehouse_are_clear_errors(settings, tmp_path):
    with pytest.raises(ExportError, match="cannot export ledger"):
        export_dataset(settings, tmp_path / "x", tables=["ledger"])
    with pytest.raises(ExportError, match="no warehouse"):
        export_dataset(Settings(warehouse=tmp_path / "nothing"), tmp_path / "y")
