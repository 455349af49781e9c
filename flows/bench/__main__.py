"""The benchmark: ``python -m flows.bench build|run`` (also ``cables bench``).

    python -m flows.bench build OUT [--source ../shared/cables/txt] [--n 251287] [--csv]
    python -m flows.bench run CORPUS [--warehouse DIR] [--json FILE] [--cases ...]

``run`` runs the real flow (`cables run`, Prefect included) on the corpus in a subprocess
per case and prints one table: wall time per stage, cables/s, MB/s, peak RSS of the process
tree, output sizes, and the floor (cat every input byte into one grep) measured in the same
run. The figures are also written as JSON (default: ``<warehouse>/bench/<time>.json``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flows.bench.cases import CASES, run_benchmark
from flows.bench.corpus import CABLEGATE_SIZE, build_corpus
from flows.settings import PROJECT_ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="write a Cablegate-size corpus from real cables")
    build.add_argument("out", type=Path)
    build.add_argument("--source", type=Path,
                       default=PROJECT_ROOT.parent / "shared" / "cables" / "txt")
    build.add_argument("--n", type=int, default=CABLEGATE_SIZE)
    build.add_argument("--seed", type=int, default=2010)
    build.add_argument("--csv", action="store_true", help="also write one cables.csv")
    run = sub.add_parser("run", help="run the flow on a corpus and print the figures")
    run.add_argument("corpus", type=Path, help="a folder made by `build`")
    run.add_argument("--warehouse", type=Path, help="default: a folder beside the corpus")
    run.add_argument("--json", type=Path, help="where to write the figures")
    run.add_argument("--cases", default=",".join(CASES),
                     help=f"comma-separated subset of {','.join(CASES)}")
    run.add_argument("--temporary-server", action="store_true",
                     help="let each run start Prefect's temporary server (default: one "
                          "running `prefect server`, as a served deployment has)")
    args = parser.parse_args(argv)
    if args.command == "build":
        n = build_corpus(args.source, args.out, args.n, args.seed, args.csv)
        print(f"wrote {n:,} cables under {args.out}")
        return 0
    cases = [c for c in args.cases.split(",") if c]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    warehouse = args.warehouse or args.corpus.parent / f"{args.corpus.name}-warehouse"
    figures = run_benchmark(args.corpus, warehouse, cases, args.temporary_server)
    out = args.json or warehouse / "bench" / f"{figures['started']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1, default=str))
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
