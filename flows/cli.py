"""The `cables` command: a thin CLI over the same functions the flow calls.

Exit codes: 0 success; 1 the command failed (one line on stderr says why); 2 bad usage;
3 `cables run` completed but some inputs were rejected (see the `rejects` table).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from flows.settings import Settings

EXIT_FAILED, EXIT_USAGE, EXIT_REJECTS = 1, 2, 3
LAYOUT_CHOICES = ("txt", "html", "csv", "pdf-text", "plusd")


class CliError(Exception):
    """A failure the user can act on: printed as one line, never a traceback."""


def _settings(args: argparse.Namespace) -> Settings:
    if getattr(args, "warehouse", None):
        return Settings(warehouse=Path(args.warehouse).resolve())
    return Settings()


def cmd_run(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect
    from flows.runs import WarehouseBusy, writer_lock

    settings = _settings(args)
    try:  # fail in a second, not after Prefect's start-up; the flow then takes the lock itself
        with writer_lock(settings, args.wait):
            pass
    except WarehouseBusy as error:
        raise CliError(str(error)) from None
    configure_prefect(settings)
    from flows.etl import cables_etl
    from flows.progress import console_progress, showing_progress
    from flows.report import run_summary_text

    sources = _absolute(args.sources)
    try:
        with showing_progress(console_progress()):
            if args.dask or args.dask_local:
                summary = _run_on_dask(args, settings, sources)
            else:
                summary = cables_etl(sources=sources or None, warehouse=str(settings.warehouse),
                                     layout=args.format, prune=args.prune,
                                     wait_seconds=args.wait, include=args.include)
    except WarehouseBusy as error:
        raise CliError(str(error)) from None
    print(run_summary_text(summary, str(settings.duckdb_path)))
    return EXIT_REJECTS if summary["rejects"] else 0


def _absolute(sources: list[str]) -> list[str]:
    return [str(Path(s).resolve()) if "://" not in s else s for s in sources]


def _run_on_dask(args: argparse.Namespace, settings: Settings, sources: list[str]) -> dict:
    from flows.distributed import DaskSetupError, run_on_dask

    if args.dask_local is not None and args.dask_local < 1:
        raise CliError("--dask-local needs at least 1 worker")
    try:
        return run_on_dask(settings, sources or list(settings.sources), address=args.dask,
                           n_workers=args.dask_local or 2, layout=args.format,
                           prune=args.prune, wait_seconds=args.wait, include=args.include)
    except DaskSetupError as error:
        raise CliError(str(error)) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect

    settings = _settings(args)
    configure_prefect(settings)
    from flows.serve import ServeError, serve_etl

    try:
        serve_etl(settings, _absolute(args.sources) or None, cron=args.cron, name=args.name)
    except ServeError as error:
        raise CliError(str(error)) from None
    return 0


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def cmd_parse(args: argparse.Namespace) -> int:
    from flows.sources import SourceFile, read_source
    from transforms.batch import reject_row
    from transforms.parse import parse_cable
    from transforms.raw import Reject

    status = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise CliError(f"no such file: {name}")
        for item in read_source(SourceFile(str(path), path.stat().st_size, 0), args.format):
            parsed = item if isinstance(item, Reject) else parse_cable(item)
            if isinstance(parsed, Reject):
                status = EXIT_REJECTS
                row = {"reject": reject_row(parsed)}
            else:
                row = {**parsed.cable, "paragraphs": parsed.paragraphs,
                       "recipients": parsed.recipients, "tags": parsed.tags,
                       "references": parsed.references}
            if args.json:
                print(json.dumps(row, default=_jsonable, ensure_ascii=False))
            elif "reject" in row:
                r = row["reject"]
                print(f"{name}: rejected ({r['reason']}): {r['message']}")
            else:
                print(f"{row['cable_id']}\t{row['created']}\t{row['classification']}\t"
                      f"{row['origin']}\t{row['subject']}")
    return status


def _connect_read_only(settings: Settings):
    import duckdb

    if not settings.duckdb_path.exists():
        raise CliError(f"no warehouse at {settings.warehouse}: run `cables run` first")
    try:
        return duckdb.connect(str(settings.duckdb_path), read_only=True)
    except duckdb.Error as error:
        raise CliError(f"cannot open {settings.duckdb_path}: {error}") from None


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    if bool(args.query) == bool(args.file):
        raise CliError("give either a QUERY or -f FILE.sql")
    query = args.query
    if args.file:
        try:
            query = Path(args.file).read_text()
        except OSError as error:
            raise CliError(f"cannot read {args.file}: {error.strerror}") from None
    con = _connect_read_only(_settings(args))
    try:
        relation = con.sql(query)
        if relation is None:
            return 0
        frame = relation.pl()
    except duckdb.Error as error:
        raise CliError(f"query failed: {str(error).splitlines()[0]}") from None
    if args.csv:
        sys.stdout.write(frame.write_csv())
    elif args.json:
        sys.stdout.write(frame.write_ndjson())
    else:
        import polars as pl

        with pl.Config(tbl_rows=args.max_rows, tbl_cols=-1, fmt_str_lengths=60,
                       tbl_width_chars=160, tbl_hide_dataframe_shape=True,
                       tbl_hide_column_data_types=True, tbl_hide_dtype_separator=True):
            print(frame)
        print(f"({frame.height:,} row{'' if frame.height == 1 else 's'})")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from flows.runs import last_runs

    settings = _settings(args)
    con = _connect_read_only(settings)
    counts = {}
    for (name,) in con.execute("select table_name from information_schema.tables "
                               "order by table_name").fetchall():
        counts[name] = con.execute(f'select count(*) from "{name}"').fetchall()[0][0]
    print(f"warehouse {settings.warehouse}")
    print("  " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    for row in last_runs(settings).iter_rows(named=True):
        print(f"  run {row['run_id']} finished {row['finished_at']:%Y-%m-%d %H:%M:%S} UTC: "
              f"{row['files_seen']} files ({row['files_new'] or 0} new, "
              f"{row['files_changed'] or 0} changed, {row['files_reused']} unchanged), "
              f"{row['cables']} cables, {row['duplicates']} duplicates, "
              f"{row['rejects']} rejects")
        reasons = json.loads(row["rejects_by_reason"] or "{}")
        if reasons:
            print("    rejects: " + ", ".join(f"{r} {n}" for r, n in reasons.items()))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from flows.search import hits_text, search

    try:
        hits = search(_settings(args), args.query, args.limit, args.year, args.origin)
    except ValueError as error:
        raise CliError(str(error)) from None
    if args.json:
        for hit in hits:
            print(json.dumps(asdict(hit), default=_jsonable, ensure_ascii=False))
    else:
        print(hits_text(hits))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from flows.report_html import write_report

    settings = _settings(args)
    out = Path(args.out) if args.out else settings.warehouse / "report.html"
    try:
        path = write_report(settings, out)
    except ValueError as error:
        raise CliError(str(error)) from None
    print(f"report written to {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from flows.export import export_dataset

    try:
        counts = export_dataset(_settings(args), Path(args.dir), args.tables or None, args.where)
    except ValueError as error:
        raise CliError(str(error)) from None
    print(f"exported to {args.dir}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    return 0


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
                            description="Export tables as Parquet partitioned by year (zstd) "
                            "with datapackage.json and a README data dictionary.")
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
