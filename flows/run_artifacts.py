"""What a run publishes to the Prefect UI: the report as markdown, the headline counts as a table.

The markdown is ``flows.report.run_report_markdown`` plus what a person checking a run asks
next: which files were new or changed, and why inputs were rejected.
"""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.report import rejects_text, run_report_markdown

REPORT_KEY = "cables-run-report"
COUNTS_KEY = "cables-run-counts"
COUNT_COLUMNS = ("run_id", "files_seen", "files_new", "files_changed", "files_reused",
                 "files_vanished", "inputs", "cables", "duplicates", "rejects")


def run_details_markdown(summary: dict) -> str:
    reasons = summary.get("rejects_by_reason") or {}
    lines = [
        "",
        "| files new | changed | unchanged |",
        "|---:|---:|---:|",
        f"| {summary['files_new']} | {summary['files_changed']} | {summary['files_reused']} |",
        "",
    ]
    if reasons:
        lines += ["| reject reason | inputs |", "|---|---:|",
                  *[f"| {reason} | {n} |" for reason, n in sorted(reasons.items())],
                  "", "First inputs of each reason:", "", "```",
                  *[line.strip() for line in rejects_text(summary)[1:]], "```"]
    else:
        lines.append("No rejected inputs.")
    return "\n".join(lines)


def publish_run_artifacts(summary: dict) -> None:
    """Attach the run's report (markdown) and headline counts (table) to the flow run."""
    create_markdown_artifact(
        key=REPORT_KEY,
        markdown=run_report_markdown(summary) + "\n" + run_details_markdown(summary),
        description="What this run of cables_etl read and loaded")
    create_table_artifact(
        key=COUNTS_KEY, table=[{name: summary[name] for name in COUNT_COLUMNS}],
        description="Headline counts of this run of cables_etl")
