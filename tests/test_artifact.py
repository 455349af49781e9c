"""Every run publishes its report to Prefect, and `load_runs` keeps what the report says.

Two runs over one folder: the first finds two new files (a cable and a note that is
rejected); the second finds the note changed. The artifacts are read back through the API.
"""

from __future__ import annotations

import json
import os
import shutil

import duckdb
import pytest

from tests.conftest import SEED_CABLE


def _artifacts(flow_run_id) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {a.key: a for a in found}


@pytest.fixture(scope="module")
def two_runs(prefect_harness, tmp_path_factory):
    from flows.etl import cables_etl

    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    note = sources / "notes.txt"
    note.write_text("shopping list: eggs, milk\n")
    warehouse = tmp_path_factory.mktemp("warehouse")
    runs = []
    for _ in range(2):
        state = cables_etl(sources=[str(sources)], warehouse=str(warehouse), return_state=True)
        runs.append((state.result(), state.state_details.flow_run_id))
        note.write_text("shopping list: eggs, milk, bread\n")
        os.utime(note, ns=(note.stat().st_atime_ns, note.stat().st_mtime_ns + 10**9))
    return warehouse, runs


def test_summary_counts_new_changed_files_and_rejects_by_reason(two_runs):
    _, [(first, _), (second, _)] = two_runs
    assert (first["files_new"], first["files_changed"], first["files_reused"]) == (2, 0, 0)
    assert (second["files_new"], second["files_changed"], second["files_reused"]) == (0, 1, 1)
    assert first["rejects_by_reason"] == {"bad-metadata": 1}
    assert second["rejects_by_reason"] == {"bad-metadata": 1}


def test_each_run_publishes_a_markdown_report_and_a_table(two_runs):
    _, runs = two_runs
    for summary, flow_run_id in runs:
        artifacts = _artifacts(flow_run_id)
        assert set(artifacts) == {"cables-run-report", "cables-run-counts"}
        report = artifacts["cables-run-report"]
        assert report.type == "markdown"
        assert summary["run_id"] in report.data
        assert "| bad-metadata | 1 |" in report.data
        assert f"Warehouse: `{summary['warehouse']}`" in report.data
        table = artifacts["cables-run-counts"]
        assert table.type == "table"
        rows = json.loads(table.data) if isinstance(table.data, str) else table.data
        assert rows[0]["run_id"] == summary["run_id"]
        assert rows[0]["cables"] == 1 and rows[0]["rejects"] == 1


def test_load_runs_keeps_the_new_counts(two_runs):
    warehouse, _ = two_runs
    con = duckdb.connect(str(warehouse / "cables.duckdb"), read_only=True)
    rows = con.execute("select files_new, files_changed, rejects_by_reason from load_runs "
                       "order by started_at").fetchall()
    assert [(r[0], r[1], json.loads(r[2])) for r in rows] == [
        (2, 0, {"bad-metadata": 1}), (0, 1, {"bad-metadata": 1})]
