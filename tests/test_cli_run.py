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
    # The rejects by reason, each with the file and the rule it failed, not only a count.
    assert f"  rejects by reason:\n    empty-file 1:\n      {sources / 'empty.txt'}: " in out
    assert 'try: cables sql "select reason, source_file' in out

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
    assert f"    empty-file 1:\n      {sources / 'empty.txt'}: " in out
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


def test_the_summary_shows_a_few_rejects_per_reason():
    from flows.report import rejects_text

    examples = [{"reason": "binary", "source_file": f"/in/{n}.bin", "source_member": None,
                 "message": f"/in/{n}.bin: binary content (NUL bytes) " + "x" * 200}
                for n in range(3)]
    examples.append({"reason": "truncated-row", "source_file": "/in/cables.csv",
                     "source_member": "row 7", "message": "the row ends early"})
    lines = rejects_text({"rejects_by_reason": {"binary": 40, "truncated-row": 1},
                          "reject_examples": examples})
    assert lines[:2] == ["  rejects by reason:", "    binary 40 (37 more):"]
    assert lines[2].startswith("      /in/0.bin: binary content (NUL bytes) xxx")
    assert len(lines[2]) == len("      /in/0.bin: ") + 100 and lines[2].endswith("…")
    assert lines[5:] == ["    truncated-row 1:", "      /in/cables.csv [row 7]: the row ends early"]
    assert rejects_text({"rejects_by_reason": {}, "reject_examples": []}) == []
