"""The benchmark's cases, each a real `cables run` in a subprocess, and the figures table."""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from flows.bench.budget import budget_lines, cpu_budget
from flows.bench.corpus import build_corpus
from flows.bench.measure import measure
from flows.bench.server import running_prefect_server
from flows.settings import PROJECT_ROOT, Settings

CASES = ("full", "noop", "add", "double", "slowest", "queries", "budget")
FLOW_CASES = {"full", "noop", "add", "double", "queries"}
ADDED_CABLES = 2_500
FLOOR_SCRIPT = 'find "$1" -type f -name "*.txt" -print0 | xargs -0 cat | grep -c SUBJECT'


def _corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def floor(folder: Path) -> tuple[float, float]:
    """Seconds to read every input byte and run one regex over it (cat + grep): the first
    pass (cold page cache, as a freshly written corpus may be) and the second (warm, as the
    flow then reads it)."""
    cold = measure(["bash", "-c", FLOOR_SCRIPT, "floor", str(folder)]).seconds
    return cold, measure(["bash", "-c", FLOOR_SCRIPT, "floor", str(folder)]).seconds


def run_flow(folder: Path, warehouse: Path, env: dict[str, str] | None = None) -> dict:
    result = measure([sys.executable, "-m", "flows.cli", "run", str(folder),
                      "--warehouse", str(warehouse)], env)
    if result.returncode not in (0, 3):
        raise RuntimeError(f"cables run failed: {result.stderr.strip()[-2000:]}")
    last = (pl.read_parquet(warehouse / "load_runs" / "data.parquet")
            .sort("finished_at").row(-1, named=True))
    stages = json.loads(last["stage_seconds"])
    return {
        "input_mb": round(_corpus_bytes(folder) / 2**20, 1),
        "wall_s": result.seconds, "cpu_s": result.cpu_seconds,
        "peak_rss_mb": result.peak_rss_mb,
        "stages_s": stages, "overhead_s": result.seconds - sum(stages.values()),
        "cables": last["cables"], "rejects": last["rejects"],
        "files_parsed": last["files_parsed"], "files_seen": last["files_seen"],
    }


def output_sizes(warehouse: Path) -> dict[str, float]:
    sizes = {}
    for folder in sorted(p for p in (warehouse / "current").iterdir() if p.is_dir()):
        sizes[folder.name] = sum(p.stat().st_size for p in folder.rglob("*.parquet")) / 2**20
    sizes["cables.duckdb"] = (warehouse / "cables.duckdb").stat().st_size / 2**20
    return {k: round(v, 1) for k, v in sizes.items()}


def slowest_cables(limit: int = 10) -> list[dict]:
    """Parse every real cable under ../shared/cables, best of two timings; the slowest."""
    from flows.sources import discover, read_source
    from transforms.parse import parse_cable
    from transforms.raw import RawCable

    shared = PROJECT_ROOT.parent / "shared" / "cables"
    files, _ = discover([str(shared)])
    timings = []
    for source in files:
        for item in read_source(source):
            if not isinstance(item, RawCable):
                continue
            best = float("inf")
            for _ in range(2):
                started = time.perf_counter()
                parse_cable(item)
                best = min(best, time.perf_counter() - started)
            timings.append({"cable": item.reference_id or source.path, "ms": best * 1000,
                            "kb": len(item.telegram) / 1024})
    timings.sort(key=lambda t: -t["ms"])
    return [{**t, "ms": round(t["ms"], 2), "kb": round(t["kb"], 1)} for t in timings[:limit]]


SEARCHES = ("nuclear", '"prime minister"', "iran AND sanctions", "taliban -pakistan",
            "subject:elections")


def query_times(warehouse: Path) -> dict[str, float]:
    """Seconds per analysis query (`sql/analysis/`) and per full-text search, each run cold
    in a fresh connection, as an analyst's first query would be."""
    from flows.search import search

    times = {}
    for path in sorted((Settings().sql_dir / "analysis").glob("*.sql")):
        con = duckdb.connect(str(warehouse / "cables.duckdb"), read_only=True)
        started = time.perf_counter()
        con.execute(path.read_text()).fetchall()
        times[path.stem] = round(time.perf_counter() - started, 3)
        con.close()
    settings = Settings(warehouse=warehouse)
    for query in SEARCHES:
        started = time.perf_counter()
        search(settings, query, limit=10)
        times[f"search {query}"] = round(time.perf_counter() - started, 3)
    return times


def _add_case(corpus: Path, meta: dict, warehouse: Path, env: dict[str, str] | None) -> dict:
    """+1 %: new cables (new ids) beside the corpus's own, one run, then taken away again so
    the corpus stays N cables for the next benchmark."""
    txt = corpus / "txt"
    before = set(txt.rglob("*.txt"))
    build_corpus(Path(meta["source"]), corpus, ADDED_CABLES, meta["seed"], start=meta["n"])
    try:
        return run_flow(txt, warehouse, env)
    finally:
        added = set(txt.rglob("*.txt")) - before
        for path in added:
            path.unlink()
        for folder in {path.parent for path in added}:
            if not any(folder.iterdir()):
                folder.rmdir()


def run_benchmark(corpus: Path, warehouse: Path, cases: list[str],
                  temporary_server: bool = False) -> dict:
    """Run the cases; with ``temporary_server`` each run starts Prefect's own temporary
    server, else they all talk to one running `prefect server` (started first, timed apart)."""
    txt = corpus / "txt"
    meta = json.loads((corpus / "corpus.json").read_text())
    figures: dict = {"started": datetime.now(UTC).strftime("%Y%m%dT%H%M%S"),
                     "corpus": str(corpus), "cables_in_corpus": meta["n"], "cases": {}}
    input_bytes = _corpus_bytes(txt)
    figures["input_mb"] = round(input_bytes / 2**20, 1)
    cold, warm = floor(txt)
    figures["floor_cold_s"], figures["floor_s"] = round(cold, 2), round(warm, 2)
    with contextlib.ExitStack() as stack:
        env = None
        if not set(cases) & FLOW_CASES:
            figures["prefect"] = "not used"
        elif temporary_server:
            figures["prefect"] = "temporary server per run"
        else:
            env, seconds = stack.enter_context(running_prefect_server())
            figures["prefect"] = f"running prefect server (started in {seconds:.1f} s, apart)"
        _run_cases(figures, corpus, meta, warehouse, cases, env)
    if "slowest" in cases:
        figures["slowest"] = slowest_cables()
    print(figures_table(figures))
    return figures


def _run_cases(figures: dict, corpus: Path, meta: dict, warehouse: Path, cases: list[str],
               env: dict[str, str] | None) -> None:
    txt, rows = corpus / "txt", figures["cases"]
    if {"full", "noop", "add", "queries"} & set(cases):
        shutil.rmtree(warehouse, ignore_errors=True)
        rows["full"] = run_flow(txt, warehouse, env)
        figures["output_mb"] = output_sizes(warehouse)
    if "noop" in cases:
        rows["noop"] = run_flow(txt, warehouse, env)
    if "add" in cases:
        rows["add"] = _add_case(corpus, meta, warehouse, env)
    if "queries" in cases:
        figures["query_s"] = query_times(warehouse)
    if "double" in cases:
        double = corpus.parent / f"{corpus.name}-x2"
        if not (double / "corpus.json").exists():
            build_corpus(Path(meta["source"]), double, 2 * meta["n"], meta["seed"])
        shutil.rmtree(warehouse, ignore_errors=True)
        rows["double"] = run_flow(double / "txt", warehouse, env)
    if "budget" in cases:
        figures["budget"] = cpu_budget(txt)


def figures_table(figures: dict) -> str:
    head = (f"{'case':<8}{'wall s':>8}{'plan':>7}{'parse':>7}{'publish':>8}{'load':>7}"
            f"{'index':>7}{'other':>7}{'cables':>9}{'cables/s':>10}{'MB/s':>7}"
            f"{'peak RSS MB':>12}{'x floor':>8}{'cpu s':>8}{'busy':>6}")
    lines = [f"input {figures['input_mb']} MB, floor (cat | grep) {figures['floor_s']} s "
             f"(first, cold pass: {figures['floor_cold_s']} s); Prefect: {figures['prefect']}",
             *([head] if figures["cases"] else [])]
    for name, row in figures["cases"].items():
        s = row["stages_s"]
        lines.append(
            f"{name:<8}{row['wall_s']:>8.1f}{s.get('plan', 0):>7.1f}{s.get('parse', 0):>7.1f}"
            f"{s.get('publish', 0):>8.1f}{s.get('load', 0):>7.1f}"
            f"{s.get('search_index', 0):>7.1f}{row['overhead_s']:>7.1f}"
            f"{row['cables']:>9,}{row['cables'] / row['wall_s']:>10,.0f}"
            f"{row['input_mb'] / row['wall_s']:>7.1f}{row['peak_rss_mb']:>12,.0f}"
            f"{row['wall_s'] / max(figures['floor_s'], 1e-3):>8.1f}"
            f"{row['cpu_s']:>8.1f}{row['cpu_s'] / row['wall_s']:>6.2f}")
    if "output_mb" in figures:
        lines.append("output MB: " + ", ".join(f"{k} {v}" for k, v in
                                               figures["output_mb"].items()))
    for name, seconds in figures.get("query_s", {}).items():
        lines.append(f"query {name}: {seconds:.3f} s")
    if "budget" in figures:
        lines += budget_lines(figures["budget"], figures["cables_in_corpus"])
    for row in figures.get("slowest", []):
        lines.append(f"slow cable {row['cable']}: {row['ms']} ms ({row['kb']} KB)")
    return "\n".join(lines)
