"""What each `cables` subcommand does: thin handlers over the plain functions.

The parser (`flows.cli`) maps arguments here; each handler returns the exit code and raises
``CliError`` for anything the user can cause, which the CLI prints as one line.
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
    from flows.sources import SourceError, check_sources

    settings = _settings(args)
    sources = _absolute(args.sources)
    try:  # a source that names nothing stops the run before anything is written
        check_sources(sources or list(settings.sources))
    except SourceError as error:
        raise CliError(str(error)) from None
    try:  # fail in a second, not after Prefect's start-up; the flow then takes the lock itself
        with writer_lock(settings, args.wait):
            pass
    except WarehouseBusy as error:
        raise CliError(str(error)) from None
    from flows.report import run_summary_text
    from flows.run_record import record_if_unchanged

    plan_file = None
    if not (args.dask or args.dask_local):
        try:  # nothing new, changed or vanished: recorded in a second, without Prefect
            summary, plan_file = record_if_unchanged(
                settings, sources or list(settings.sources), args.format, args.prune,
                args.wait, args.include)
        except (WarehouseBusy, SourceError) as error:
            raise CliError(str(error)) from None
        if summary is not None:
            print(run_summary_text(summary, str(settings.duckdb_path)))
            return EXIT_REJECTS if summary["rejects"] else 0
        if settings.workers > 1:
            from flows.parse_pool import warm_parse_pool

            warm_parse_pool(settings.workers)
    configure_prefect(settings)
    from flows.etl import cables_etl
    from flows.progress import console_progress, showing_progress

    try:
        with showing_progress(console_progress()):
            if args.dask or args.dask_local:
                summary = _run_on_dask(args, settings, sources)
            else:
                summary = cables_etl(sources=sources or None, warehouse=str(settings.warehouse),
                                     layout=args.format, prune=args.prune,
                                     wait_seconds=args.wait, include=args.include,
                                     plan_file=plan_file)
    except (WarehouseBusy, SourceError) as error:  # a source gone since the check
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
    from flows.warehouse import open_read_only

    return open_read_only(settings, CliError)


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


