"""The `cables` command: a thin CLI over the same functions the flow calls.

Exit codes: 0 success; 1 the command failed (one line on stderr says why); 2 bad usage;
3 `cables run` completed but some inputs were rejected (see the `rejects` table).
"""

from __future__ import annotations

import argparse
import sys

from flows.commands import (
    EXIT_FAILED,
    LAYOUT_CHOICES,
    CliError,
    cmd_export,
    cmd_parse,
    cmd_report,
    cmd_run,
    cmd_search,
    cmd_serve,
    cmd_sql,
    cmd_status,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cables", description="ETL of the US diplomatic cables into Parquet and DuckDB.",
        epilog="Exit codes: 0 ok, 1 failed, 2 bad usage, 3 run done with rejected inputs.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the ETL flow: sources -> Parquet -> DuckDB",
                         description="Run the cables_etl flow over SOURCE files, folders, "
                         "archives or URLs (default: the bundled sample in seeds/cables).")
    run.add_argument("sources", nargs="*", metavar="SOURCE", help="file, folder, glob or URL")
    run.add_argument("--warehouse", metavar="DIR", help="output folder (default: warehouse/)")
    run.add_argument("--format", choices=LAYOUT_CHOICES, help="force a layout, skip detection")
    run.add_argument("--prune", action="store_true",
                     help="drop the rows of files that vanished from the sources")
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="wait this long for another run's writer lock (default: fail)")
    run.add_argument("--include", metavar="GLOB",
                     help="only files matching GLOB inside folders and URLs, e.g. '*.txt'")
    dask = run.add_mutually_exclusive_group()
    dask.add_argument("--dask", metavar="ADDRESS",
                      help="parse on the Dask scheduler at ADDRESS (tcp://host:8786); the "
                      "warehouse and sources must be on storage every worker shares")
    dask.add_argument("--dask-local", metavar="N", type=int,
                      help="parse on a Dask cluster of N worker processes on this machine")
    run.set_defaults(handler=cmd_run)

    serve = sub.add_parser(
        "serve", help="serve the cables_etl deployment on a cron schedule",
        description="Register the deployment cables_etl/NAME with a cron schedule and SOURCEs "
        "and --warehouse as its run parameters, then run its scheduled and hand-triggered runs "
        "until stopped (Ctrl-C). Needs a Prefect server (`prefect server start`); "
        "PREFECT_API_URL names it (default http://127.0.0.1:4200/api).")
    serve.add_argument("sources", nargs="*", metavar="SOURCE",
                       help="file, folder, glob or URL (default: seeds/cables)")
    serve.add_argument("--warehouse", metavar="DIR", help="output folder (default: warehouse/)")
    serve.add_argument("--cron", metavar="CRON",
                       help="schedule, e.g. '0 2 * * *' (default: CABLES_SCHEDULE or 02:00 daily)")
    serve.add_argument("--name", default="nightly", help="deployment name (default: nightly)")
    serve.set_defaults(handler=cmd_serve)

    parse = sub.add_parser("parse", help="parse cable files without loading them",
                           description="Parse FILEs and print one line (or with --json one "
                           "object with nested paragraphs, recipients, tags, references) "
                           "per cable.")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="one JSON object per cable per line")
    parse.add_argument("--format", choices=LAYOUT_CHOICES, help="force a layout")
    parse.set_defaults(handler=cmd_parse)

    sql = sub.add_parser("sql", help="run read-only SQL on the warehouse",
                         description="Run a read-only query on warehouse/cables.duckdb.")
    sql.add_argument("query", nargs="?", metavar="QUERY")
    sql.add_argument("-f", "--file", metavar="FILE.sql", help="read the query from a file")
    sql.add_argument("--warehouse", metavar="DIR")
    out = sql.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help="print CSV")
    out.add_argument("--json", action="store_true", help="print one JSON object per row")
    sql.add_argument("--max-rows", type=int, default=40, help="rows shown as a table")
    sql.set_defaults(handler=cmd_sql)

    status = sub.add_parser("status", help="what the warehouse holds, how the last runs went",
                            description="Rows per table and the last runs from load_runs.")
    status.add_argument("--warehouse", metavar="DIR")
    status.set_defaults(handler=cmd_status)
    search = sub.add_parser("search", help="full-text search (BM25) over subjects and paragraphs",
                            description="Search the warehouse's full-text index. Words are "
                            'ANDed; use OR, NOT, -word, +word, "a phrase", subject:word.')
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")
    search.add_argument("--year", help="a year or a range, e.g. 2008 or 2006-2008")
    search.add_argument("--origin", help="part of the origin, e.g. Islamabad")
    search.add_argument("--json", action="store_true", help="one JSON object per hit")
    search.add_argument("--warehouse", metavar="DIR")
    search.set_defaults(handler=cmd_search)

    export = sub.add_parser("export", help="write a self-describing Parquet dataset",
                            description="Export tables as one Parquet file each (zstd, sorted "
                            "by year) with datapackage.json and a README data dictionary.")
    export.add_argument("dir", metavar="DIR", help="new or empty folder (or an earlier export)")
    export.add_argument("--tables", nargs="+", metavar="TABLE",
                        help="cables paragraphs recipients tags references (default: all)")
    export.add_argument("--where", metavar="SQL",
                        help="predicate on cables, e.g. \"year = 2008\"; children follow")
    export.add_argument("--warehouse", metavar="DIR")
    export.set_defaults(handler=cmd_export)

    report = sub.add_parser("report", help="write a static HTML report of the warehouse",
                            description="Write one self-contained HTML page (no network): "
                            "volume, origins, tags, references, data quality.")
    report.add_argument("out", nargs="?", metavar="OUT.html",
                        help="default: warehouse/report.html")
    report.add_argument("--warehouse", metavar="DIR")
    report.set_defaults(handler=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CliError as error:
        print(f"cables {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"cables {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
