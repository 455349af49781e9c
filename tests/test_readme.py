"""The README's examples are real: each `$ cables sql` block's output is what the CLI prints."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from flows.export import export_dataset
from flows.settings import Settings
from tests.conftest import ROOT
from tests.plain_pipeline import run_plain
from tests.system_tools import require_tool

EXAMPLE = re.compile(r"```console\n\$ (cables sql .+?)\n(.*?)```", re.S)


def readme_examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall((ROOT / "README.md").read_text())


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("readme") / "warehouse"
    run_plain(Settings(warehouse=warehouse), [str(ROOT / "seeds" / "cables")])
    return warehouse


def test_the_readme_has_five_examples():
    assert len(readme_examples()) >= 5


@pytest.mark.parametrize("command,output", readme_examples(), ids=lambda v: v[:40])
def test_readme_example_prints_what_the_readme_shows(command, output, sample_warehouse,
                                                      capsys):
    argv = shlex.split(command)[1:]
    assert main([*argv, "--warehouse", str(sample_warehouse)]) == 0
    assert capsys.readouterr().out == output


def test_the_official_duckdb_shell_opens_the_warehouse(sample_warehouse):
    shell = Path(sys.executable).with_name("duckdb")
    if not shell.exists():
        shell = require_tool("duckdb", "the official shell (duckdb-cli, a dev dependency)")
    result = subprocess.run(
        [str(shell), "-readonly", str(sample_warehouse / "cables.duckdb"), "-csv", "-c",
         "select cable_id, created, (select count(*) from paragraphs) as paragraphs "
         "from cables"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["08ISLAMABAD421,2008-01-29,10"]


def readme_block(marker: str) -> list[str]:
    """The lines of the README's Python block under ``<!-- marker: ... -->``."""
    found = re.search(rf"<!-- {marker}: [^\n]*-->\n```python\n(.*?)```",
                      (ROOT / "README.md").read_text(), re.S)
    assert found, marker
    return found.group(1).splitlines()


def rows_of(result) -> int:
    """Rows of whatever a reader returned: a pandas or Polars frame, an Arrow table, a DuckDB
    relation, a Spark DataFrame."""
    if hasattr(result, "num_rows"):
        return result.num_rows
    if hasattr(result, "height"):
        return result.height
    if hasattr(result, "fetchall"):
        return len(result.fetchall())
    if hasattr(result, "toArrow"):
        return result.count()
    return len(result)


@pytest.fixture(scope="module")
def sample_export(sample_warehouse) -> Path:
    export = sample_warehouse.parent / "export"
    export_dataset(Settings(warehouse=sample_warehouse), export)
    return export


def test_the_readme_shows_one_line_per_reader():
    lines = readme_block("readers")
    for call in ("pandas.read_parquet(", "pyarrow.parquet.read_table(",
                 "pyarrow.dataset.dataset(", "polars.scan_parquet(",
                 "hive_partitioning = true)", "spark.read.parquet("):
        assert sum(call in line for line in lines) == 1, call


@pytest.mark.parametrize("folder", ["warehouse", "export"])
def test_each_reader_line_of_the_readme_reads_the_cables(sample_warehouse, sample_export, spark,
                                                         folder, monkeypatch):
    imports, *lines = readme_block("readers")
    namespace = {"spark": spark}
    exec(imports, namespace)
    for line in lines:
        # Absolute: Spark's JVM resolves a relative path against its own start folder.
        code = at(line.split("  #")[0], sample_warehouse.parent / folder)
        assert rows_of(eval(code, namespace)) == 1, line  # the seed cable


def at(line: str, folder: Path) -> str:
    """``line`` with its ``warehouse/`` paths under ``folder`` instead."""
    return line.replace('"warehouse/', f'"{folder}/').replace("'warehouse/", f"'{folder}/")


def test_each_pruning_line_of_the_readme_reads_that_year(sample_warehouse):
    import duckdb

    namespace: dict = {}
    exec("import duckdb, polars", namespace)
    for line in readme_block("pruning"):
        code = at(line, sample_warehouse)
        assert rows_of(eval(code, namespace)) > 0, line  # the seed cable is of 2008
        try:
            other_year = rows_of(eval(code.replace("2008", "2009"), namespace))
        except duckdb.IOException as error:  # a glob of that year's files finds none
            assert "No files found" in str(error)
            other_year = 0
        assert other_year == 0, line
