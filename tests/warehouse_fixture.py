"""A small warehouse built from the seed cable and the cables in ``tests/fixtures/warehouse``.

The fixture cables are hand-written so every view and analysis query has rows:

- ``08ISLAMABAD500``: CONFIDENTIAL//NOFORN with an ``(S/NF)`` paragraph (imitating
  08BERLIN1387, a CONFIDENTIAL cable carrying an S/NF paragraph); cites the seed (resolved)
  and ``08 STATE 12345`` (dangling); carries the unlisted tag ``XQZT``; DECL date past.
- ``09KABUL77``: SECRET, 2009 (a second year for the export's year filter); cites the seed
  and 08ISLAMABAD500, so the seed is cited twice.

It calls the plain pipeline functions (no Prefect): plan, parse, publish, the run
log, load.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.publish import publish
from flows.runs import append_load_run
from flows.settings import Settings
from flows.staging import parse_batch, plan_run
from flows.warehouse import build_duckdb
from tests.conftest import SEED_CABLE

FIXTURE_CABLES = Path(__file__).resolve().parent / "fixtures" / "warehouse"
CABLE_IDS = ("08ISLAMABAD421", "08ISLAMABAD500", "09KABUL77")


def build_fixture_warehouse(folder: Path, extra: dict[str, bytes] | None = None) -> Settings:
    """Build the fixture warehouse under ``folder``; returns its settings. ``extra`` files
    (name: bytes) join the sources, e.g. a copy of a cable or an empty file."""
    sources = folder / "sources"
    sources.mkdir(parents=True)
    for cable in (SEED_CABLE, *sorted(FIXTURE_CABLES.glob("*.txt"))):
        shutil.copy(cable, sources / cable.name)
    for name, data in (extra or {}).items():
        (sources / name).write_bytes(data)
    settings = Settings(warehouse=folder / "warehouse", workers=1)
    plan = plan_run(settings, [str(sources)], run_id="fixture")
    for batch in plan.batches:
        parse_batch(settings, batch)
    publish(settings, plan)
    append_load_run(settings, {"run_id": plan.run_id, "sources": [str(sources)]})
    build_duckdb(settings, plan.run_id)
    return settings
