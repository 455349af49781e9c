"""The README's examples are real: each `$ cables sql` block's output is what the CLI prints."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
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
