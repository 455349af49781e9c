"""Human summaries of a run: the terminal summary and the Prefect artifact's markdown."""

from __future__ import annotations


def _rows(summary: dict) -> list[tuple[str, int]]:
    return sorted(summary["table_rows"].items())


def run_report_markdown(summary: dict) -> str:
    lines = [
        f"# cables_etl run {summary['run_id']}",
        "",
        "| files seen | parsed | reused (unchanged) | vanished | inputs | cables | duplicates "
        "| rejects |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {summary['files_seen']} | {summary['files_parsed']} | {summary['files_reused']} "
        f"| {summary['files_vanished']} | {summary['inputs']} | {summary['cables']} "
        f"| {summary['duplicates']} | {summary['rejects']} |",
        "",
        "| table | rows |",
        "|---|---:|",
        *[f"| {name} | {n} |" for name, n in _rows(summary)],
        "",
        "| stage | seconds |",
        "|---|---:|",
        *[f"| {name} | {s:.2f} |" for name, s in summary["stage_seconds"].items()],
        "",
        f"Warehouse: `{summary['warehouse']}`",
    ]
    return "\n".join(lines)


def run_summary_text(summary: dict, duckdb_path: str) -> str:
    tables = ", ".join(f"{name} {n:,}" for name, n in _rows(summary))
    seconds = sum(summary["stage_seconds"].values())
    return "\n".join([
        f"cables run {summary['run_id']}: {summary['files_seen']:,} files read "
        f"({summary['files_parsed']:,} parsed, {summary['files_reused']:,} unchanged) "
        f"in {seconds:.1f} s",
        f"  inputs {summary['inputs']:,} = cables loaded {summary['cables']:,} "
        f"+ duplicates {summary['duplicates']:,} + rejects {summary['rejects']:,}",
        f"  rows per table: {tables}",
        f"  Parquet tables: {summary['warehouse']}/<table>/   DuckDB: {duckdb_path}",
        '  try: cables sql "select origin, count(*) as cables from cables '
        'group by origin order by cables desc limit 5"',
    ])
