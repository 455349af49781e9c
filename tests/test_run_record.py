"""The no-op check `cables run` makes before starting Prefect, and the plan it hands on."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.run_record import record_if_unchanged, usable_plan
from flows.runs import last_runs
from flows.settings import Settings
from flows.staging import Batch, batch_path
from tests.conftest import SEED_CABLE
from tests.fixture_cables import text_cable
from tests.plain_pipeline import run_plain


def test_nothing_new_is_recorded_and_work_gets_a_plan_the_flow_can_use(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    settings = Settings(warehouse=tmp_path / "warehouse")
    request = [str(sources)]
    assert record_if_unchanged(settings, request) == (None, None)  # no warehouse yet
    run_plain(settings, request)

    summary, plan_file = record_if_unchanged(settings, request)
    assert plan_file is None
    assert (summary["files_seen"], summary["files_parsed"], summary["cables"]) == (1, 0, 1)
    assert last_runs(settings).height == 2

    (sources / "09VALLETTA77.txt").write_text(text_cable())
    summary, plan_file = record_if_unchanged(settings, request)
    assert summary is None and plan_file
    plan = usable_plan(settings, plan_file, request, None, False, None)
    assert [b.file_count for b in plan.batches] == [1]  # the flow holds no file lists
    batch = Batch.read(batch_path(Path(plan_file), 0))
    assert [f.path.rsplit("/", 1)[1] for f in batch.files] == ["09VALLETTA77.txt"]
    assert batch.key == plan.batches[0].key
    assert usable_plan(settings, plan_file, request, "txt", False, None) is None  # other ask

    _, plan_file = record_if_unchanged(settings, request)
    run_plain(settings, request)  # the ledger moved on: that plan is stale
    assert usable_plan(settings, plan_file, request, None, False, None) is None


def test_files_already_recorded_as_vanished_are_not_work_again(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    (sources / "09VALLETTA77.txt").write_text(text_cable())
    settings = Settings(warehouse=tmp_path / "warehouse")
    run_plain(settings, [str(sources)])
    (sources / "09VALLETTA77.txt").unlink()
    summary, plan_file = record_if_unchanged(settings, [str(sources)])
    assert summary is None and plan_file  # newly vanished: the ledger must say so
    run_plain(settings, [str(sources)])
    summary, plan_file = record_if_unchanged(settings, [str(sources)])
    assert plan_file is None and summary["files_vanished"] == 1 and summary["cables"] == 2
    summary, plan_file = record_if_unchanged(settings, [str(sources)], prune=True)
    assert summary is None and plan_file  # pruning them is work
