"""The `cables` command: help for every subcommand, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from flows.cli import build_parser, main
from tests.conftest import ROOT, SEED_CABLE

SUBCOMMANDS = ("run", "parse", "sql", "status", "search", "report", "export", "serve")


def cables(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_every_subcommand_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) == set(SUBCOMMANDS)
    for name, sub in subparsers.choices.items():
        assert sub.description, name
        assert f"cables {name}" in readme, f"`cables {name}` is not documented in the README"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_help_exits_zero(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    assert "usage: cables " + name in capsys.readouterr().out


def test_bad_usage_is_one_line_and_exit_2():
    result = cables("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_sql_without_warehouse_says_so(tmp_path):
    result = cables("sql", "select 1", "--warehouse", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "run `cables run` first" in result.stderr


def test_parse_missing_file_is_one_line(tmp_path):
    result = cables("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_parse_json_nests_children():
    result = cables("parse", "--json", str(SEED_CABLE))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["cable_id"] == "08ISLAMABAD421"
    assert row["created"] == "2008-01-29"
    assert len(row["paragraphs"]) == 10
    assert len(row["recipients"]) == 12
    assert [t["tag"] for t in row["tags"]] == ["PREL", "PGOV", "PTER", "PK"]
    assert [r["referenced_cable_id"] for r in row["references"]] == [
        "08ISLAMABAD405", "08ISLAMABAD281"]
