"""What a run did, as one `load_runs` row; and the no-op check that needs no Prefect.

Prefect-free on purpose: `cables run` asks ``record_if_unchanged`` first, and when the
sources hold nothing new, changed or vanished it records the run and answers in about a
second, without importing Prefect or starting its temporary API server (~10 s here). Any run
with work to do, and every scheduled run (already inside Prefect), goes through the flow.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import polars as pl

from flows.publish import table_rows as table_rows_of
from flows.publish_files import in_current_layout
from flows.runs import append_load_run, now_utc, writer_lock
from flows.settings import Settings
from flows.staged_parts import parsed_files
from flows.staging import Plan, ledger_stamp, plan_request, plan_run, previous_ledger
from transforms.tables import TABLES

EXAMPLES_PER_REASON = 3


def unchanged(settings: Settings, plan: Plan) -> bool:
    """Nothing to parse, nothing newly vanished (or pruned), and a complete warehouse there,
    in the current file layout."""
    vanished_as_before = not plan.prune and plan.vanished_before == len(plan.vanished)
    return (not plan.batches and (not plan.vanished or vanished_as_before)
            and settings.current_link.exists() and settings.duckdb_path.exists()
            and in_current_layout(settings.current_link.resolve()))


def current_table_rows(settings: Settings) -> dict[str, int]:
    return {t.name: table_rows_of(settings.table_dir(t.name)) for t in TABLES}


def ledger_files(settings: Settings) -> pl.Series:
    """Source files an earlier run recorded: what this run parses is new, or else changed."""
    ledger = previous_ledger(settings, ["source_file"])
    return pl.Series("source_file", [] if ledger is None else ledger["source_file"],
                     dtype=pl.String())


def run_summary(settings: Settings, plan: Plan, sources: list[str], started: datetime,
                known_files: pl.Series, table_rows: dict[str, int],
                stages: dict[str, float]) -> dict:
    parsed = plan.files_to_parse()
    files_new = (parsed_files(settings, [b.key for b in plan.batches])
                 .filter(~pl.col("source_file").is_in(known_files.implode()))
                 .select(pl.len()).collect().item())
    return {
        "run_id": plan.run_id, "started_at": started, "sources": list(sources),
        "files_seen": plan.files_seen,
        "files_parsed": parsed,
        "files_new": files_new,
        "files_changed": parsed - files_new,
        "files_reused": plan.files_seen - parsed,
        "files_vanished": len(plan.vanished),
        "inputs": _inputs(settings),
        "cables": table_rows["cables"], "duplicates": table_rows["duplicates"],
        "rejects": table_rows["rejects"], "table_rows": table_rows,
        "rejects_by_reason": _rejects_by_reason(settings),
        "reject_examples": reject_examples(settings),
        "warehouse": str(settings.warehouse),
        "stage_seconds": stages,
        "finished_at": now_utc(),
    }


def record_if_unchanged(settings: Settings, sources: list[str], layout: str | None = None,
                        prune: bool = False, wait_seconds: float = 0.0,
                        include: str | None = None) -> tuple[dict | None, str | None]:
    """Plan the run. When it has nothing to do, record it in `load_runs` and return
    ``(summary, None)``; else ``(None, plan file)``, for the flow, which uses that plan if
    the ledger is still the one it was made against (``usable_plan``)."""
    if not settings.current_link.exists() or not settings.duckdb_path.exists():
        return None, None
    started = now_utc()
    with writer_lock(settings, wait_seconds):
        clock = time.perf_counter()
        plan = plan_run(settings, sources, layout, prune, new_run_id(), include)
        stages = {"plan": time.perf_counter() - clock}
        if not unchanged(settings, plan):
            plan.seconds = stages["plan"]
            return None, str(plan.write(settings.tmp_dir / f"plan-{plan.run_id}.json"))
        summary = run_summary(settings, plan, sources, started, pl.Series(dtype=pl.String()),
                              current_table_rows(settings), stages)
        append_load_run(settings, summary)
    return summary, None


def usable_plan(settings: Settings, plan_file: str | None, sources: list[str],
                layout: str | None, prune: bool, include: str | None) -> Plan | None:
    """The plan in ``plan_file`` if it answers this request against the ledger as it is
    now (the caller holds the writer lock, so it cannot change under us); else None."""
    if not plan_file or not Path(plan_file).exists():
        return None
    plan = Plan.read(Path(plan_file))
    if (plan.request != plan_request(sources, layout, prune, include)
            or plan.ledger_stamp != ledger_stamp(settings)):
        Plan.remove(Path(plan_file))
        return None
    return plan


def _inputs(settings: Settings) -> int:
    """Input units counted at the source (files, members, rows), not from the outcomes, so
    ``inputs = cables + duplicates + rejects`` is a check that can fail."""
    ledger = previous_ledger(settings, ["units"])
    return 0 if ledger is None else int(ledger["units"].fill_null(0).sum())


def _rejects_by_reason(settings: Settings) -> dict[str, int]:
    files = sorted((settings.current_link / "rejects").rglob("*.parquet"))
    if not files:
        return {}
    frame = pl.scan_parquet(files).group_by("reason").len().collect()
    return dict(sorted(frame.iter_rows()))


def reject_examples(settings: Settings, per_reason: int = EXAMPLES_PER_REASON) -> list[dict]:
    """The first few rejects of each reason (by file), with their member and message: what
    the run summary shows, so a user sees which file failed which rule, not a count."""
    files = sorted((settings.current_link / "rejects").rglob("*.parquet"))
    if not files:
        return []
    return (pl.scan_parquet(files)
            .select("reason", "source_file", "source_member", "message")
            .sort("reason", "source_file", "source_member", nulls_last=True)
            .group_by("reason", maintain_order=True).head(per_reason)
            .collect().to_dicts())


def new_run_id() -> str:
    return now_utc().strftime("%Y%m%dT%H%M%S") + "-" + __import__("uuid").uuid4().hex[:6]

