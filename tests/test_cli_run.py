"""`cables run` through the CLI: the summary it prints and its exit code (3 when rejected)."""

from __future__ import annotations

import shutil

from flows.cli import main
from tests.conftest import SEED_CABLE


def test_run_exits_0_when_every_input_loads_and_3_when_some_are_rejected_and_a_noop_is_quick(
        prefect_harness, tmp_path, capsys, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    warehouse = tmp_path / "warehouse"
    assert main(["run", str(sources), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "inputs 1 = cables loaded 1 + duplicates 0 + rejects 0" in out
    assert f"DuckDB: {warehouse / 'cables.duckdb'}" in out

    (sources / "empty.txt").write_text("")
    assert main(["run", str(sources), "--warehouse", str(warehouse)]) == 3
    out = capsys.readouterr().out
    assert "1 parsed, 1 unchanged" in out
    assert "inputs 2 = cables loaded 1 + duplicates 0 + rejects 1" in out

    # Nothing new: answered without the flow (and without Prefect), recorded all the same.
    from flows import etl
    from flows.runs import last_runs
    from flows.settings import Settings

    def no_flow(**_):
        raise AssertionError("a run with nothing to do started the flow")

    monkeypatch.setattr(etl, "cables_etl", no_flow)
    assert main(["run", str(sources), "--warehouse", str(warehouse)]) == 3
    out = capsys.readouterr().out
    assert "0 parsed, 2 unchanged" in out
    assert "inputs 2 = cables loaded 1 + duplicates 0 + rejects 1" in out
    runs = last_runs(Settings(warehouse=warehouse))
    assert runs.height == 3 and runs["files_parsed"].to_list() == [0, 1, 1]

    # Something vanished: that is work, so the flow runs.
    (sources / "empty.txt").unlink()
    monkeypatch.undo()
    assert main(["run", str(sources), "--warehouse", str(warehouse), "--prune"]) == 0
    assert "inputs 1 = cables loaded 1" in capsys.readouterr().out


def test_a_source_that_is_not_there_fails_at_once_and_writes_nothing(tmp_path, capsys):
    warehouse = tmp_path / "warehouse"
    missing = tmp_path / "no" / "such" / "path"
    assert main(["run", str(missing), "--warehouse", str(warehouse)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"cables run: no file or folder matches {str(missing)!r}\n"
    assert not warehouse.exists()
    # Among good sources too: the run does not start.
    shutil.copy(SEED_CABLE, tmp_path / SEED_CABLE.name)
    assert main(["run", str(tmp_path / SEED_CABLE.name), str(tmp_path / "nope-*.txt"),
                 "--warehouse", str(warehouse)]) == 1
    assert "no file or folder matches" in capsys.readouterr().err
    assert not warehouse.exists()

