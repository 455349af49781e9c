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


# A reject's message is one sentence; past this it is cut in the summary (the table has it).
MESSAGE_CHARS = 100


def run_summary_text(summary: dict, duckdb_path: str) -> str:
    tables = ", ".join(f"{name} {n:,}" for name, n in _rows(summary))
    seconds = sum(summary["stage_seconds"].values())
    try_query = ('"select reason, source_file, source_member, message from rejects '
                 'order by reason, source_file"' if summary["rejects"] else
                 '"select origin, count(*) as cables from cables group by origin '
                 'order by cables desc limit 5"')
    return "\n".join([
        f"cables run {summary['run_id']}: {summary['files_seen']:,} files read "
        f"({summary['files_parsed']:,} parsed, {summary['files_reused']:,} unchanged) "
        f"in {seconds:.1f} s",
        f"  inputs {summary['inputs']:,} = cables loaded {summary['cables']:,} "
        f"+ duplicates {summary['duplicates']:,} + rejects {summary['rejects']:,}",
        *rejects_text(summary),
        f"  rows per table: {tables}",
        f"  Parquet tables: {summary['warehouse']}/<table>/   DuckDB: {duckdb_path}",
        f"  try: cables sql {try_query}",
    ])


def rejects_text(summary: dict) -> list[str]:
    """The rejects by reason, each with its first few inputs: file [member]: message."""
    reasons = summary.get("rejects_by_reason") or {}
    if not reasons:
        return []
    examples: dict[str, list[dict]] = {}
    for example in summary.get("reject_examples") or []:
        examples.setdefault(example["reason"], []).append(example)
    lines = ["  rejects by reason:"]
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        shown = examples.get(reason, [])
        more = f" ({count - len(shown):,} more)" if count > len(shown) else ""
        lines.append(f"    {reason} {count:,}{more}:")
        for example in shown:
            member = f" [{example['source_member']}]" if example["source_member"] else ""
            message = " ".join((example["message"] or "").split())
            message = message.removeprefix(f"{example['source_file']}: ")  # said just before
            if len(message) > MESSAGE_CHARS:
                message = message[: MESSAGE_CHARS - 1] + "…"
            lines.append(f"      {example['source_file']}{member}: {message}")
    return lines
