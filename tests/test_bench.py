"""The benchmark's own pieces: a deterministic corpus with unique ids, the +1 % case leaving
the corpus as it found it, and the figures table."""

from __future__ import annotations

from pathlib import Path

from flows.bench import budget, cases
from flows.bench.corpus import build_corpus
from flows.sources import discover, read_source
from tests.conftest import SEED_CABLE


def _files(corpus: Path) -> dict[str, str]:
    return {p.relative_to(corpus).as_posix(): p.read_text()
            for p in sorted((corpus / "txt").rglob("*.txt"))}


def test_corpus_is_deterministic_with_unique_ids_and_parses(tmp_path):
    build_corpus(SEED_CABLE.parent, tmp_path / "a", 40, seed=7)
    build_corpus(SEED_CABLE.parent, tmp_path / "b", 40, seed=7)
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    assert len(first) == 40
    ids = {text.split("\n", 1)[0] for text in first.values()}
    assert len(ids) == 40
    files, missing = discover([str(tmp_path / "a" / "txt")])
    raws = [item for f in files for item in read_source(f)]
    assert not missing and sorted(r.reference_id for r in raws) == sorted(ids)

    build_corpus(SEED_CABLE.parent, tmp_path / "a", 10, seed=7, start=40)  # "+1 %"
    grown = _files(tmp_path / "a")
    assert len(grown) == 50 and len({t.split("\n", 1)[0] for t in grown.values()}) == 50


def test_add_case_runs_on_n_plus_added_then_restores_the_corpus(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    build_corpus(SEED_CABLE.parent, corpus, 30, seed=3)
    before = _files(corpus)
    seen = []

    def fake_run(folder, warehouse, env=None):
        seen.append(len(list(folder.rglob("*.txt"))))
        return {"wall_s": 1.0}

    monkeypatch.setattr(cases, "run_flow", fake_run)
    monkeypatch.setattr(cases, "ADDED_CABLES", 5)
    meta = {"source": str(SEED_CABLE.parent), "n": 30, "seed": 3}
    assert cases._add_case(corpus, meta, tmp_path / "wh", None) == {"wall_s": 1.0}
    assert seen == [35]
    assert _files(corpus) == before


def test_figures_table_shows_every_case_against_the_floor():
    row = {"wall_s": 20.0, "stages_s": {"plan": 1.0, "parse": 10.0, "publish": 4.0,
                                        "load": 1.0, "search_index": 2.0},
           "overhead_s": 2.0, "cables": 1000, "input_mb": 10.0, "peak_rss_mb": 500.0,
           "cpu_s": 36.0}
    text = cases.figures_table({"input_mb": 10.0, "floor_s": 4.0, "floor_cold_s": 8.0,
                                "prefect": "running prefect server", "cases": {"full": row}})
    assert "floor (cat | grep) 4.0 s" in text
    full = next(line for line in text.splitlines() if line.startswith("full"))
    assert full.split() == ["full", "20.0", "1.0", "10.0", "4.0", "1.0", "2.0", "2.0", "1,000",
                            "50", "0.5", "500", "5.0", "36.0", "1.80"]


def test_cpu_budget_times_every_step_on_the_corpus(tmp_path):
    build_corpus(SEED_CABLE.parent, tmp_path / "corpus", 30, seed=5)
    figures = budget.cpu_budget(tmp_path / "corpus" / "txt", sample=20)
    assert (figures["files"], figures["cables"]) == (20, 20)
    assert list(figures["ms_per_cable"]) == list(budget.STEPS)
    assert all(ms > 0 for ms in figures["ms_per_cable"].values())


def test_budget_lines_turn_ms_per_cable_into_a_floor_on_wall_time():
    figures = {"cables": 5000, "cores": 2,
               "ms_per_cable": {"read": 0.1, "parse": 0.6, "frames": 0.1, "write": 0.1,
                                "index": 0.4}}
    first, second = budget.budget_lines(figures, 250_000)
    assert first.endswith("sum 1.300")
    # 1.3 ms x 250,000 = 325 core-s; / 2 cores; 60 s x 2 cores / 250,000 = 0.48 ms
    assert "325 core-s" in second and ">= 162 s wall on 2 cores" in second
    assert second.endswith("60 s allows 0.480 ms per cable for everything")
