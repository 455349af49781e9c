"""A one-page static HTML report of the warehouse: charts as inline SVG, no network at all.

No script, no CDN, no web font, no external image: the page opens the same from a laptop
with no connection or from an e-mail attachment. Figures come from ``flows.report_data``
through a read-only DuckDB connection, so a report can be written while a load runs.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import duckdb

from flows import report_data as data
from flows.report_svg import hbars, legend, stacked_columns
from flows.settings import Settings
from flows.warehouse import open_read_only
from transforms.tables import TABLES

LEVEL_COLORS = {
    "UNCLASSIFIED": "#8cc084",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "#59a89c",
    "LIMITED OFFICIAL USE": "#a0cbe8",
    "CONFIDENTIAL": "#4e79a7",
    "SECRET": "#f28e2b",
    "TOP SECRET": "#e15759",
    data.OTHER_LEVEL: "#bab0ac",
}
EXTRA_COLORS = ("#b07aa1", "#9c755f", "#edc948", "#76b7b2")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1200px;
 color:#222;padding:0 12px}
h1{font-size:26px;margin:0 0 4px} h2{font-size:19px;margin:30px 0 8px;border-bottom:1px solid #ddd;
 padding-bottom:4px} p.meta{color:#666;margin:0 0 12px}
table{border-collapse:collapse;font-size:12px;margin:6px 0} td,th{padding:2px 8px;text-align:right;
 border-bottom:1px solid #eee} th{background:#f6f6f6} td.l,th.l{text-align:left}
.row{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
.legend{font-size:12px;margin:4px 0 2px 44px} .key{margin-right:14px;white-space:nowrap}
.key i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
.figures{display:flex;gap:10px;flex-wrap:wrap;margin:8px 0}
.figure{border:1px solid #ddd;border-radius:6px;padding:6px 12px;min-width:100px}
.figure b{display:block;font-size:22px} .figure span{font-size:12px;color:#666}
p.note,p.empty{color:#666;font-size:13px} details{margin:6px 0}
"""


class ReportError(ValueError):
    """The report cannot be written; the message is one line the user can act on."""


def _table(header: list[str], rows: list[list], left: int = 1) -> str:
    """A small HTML table; the first ``left`` columns are text (left-aligned)."""
    def cell(tag: str, i: int, value) -> str:
        cls = ' class="l"' if i < left else ""
        shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
        return f"<{tag}{cls}>{escape(str(shown))}</{tag}>"
    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def _figure(value: str, caption: str) -> str:
    return f'<div class="figure"><b>{escape(value)}</b><span>{escape(caption)}</span></div>'


def _level_colors(levels: list[str]) -> dict[str, str]:
    extra = iter(EXTRA_COLORS * 4)
    return {lv: LEVEL_COLORS.get(lv) or next(extra) for lv in levels}


def section_overview(over: data.Overview) -> str:
    span = f"{over.first_day} to {over.last_day}" if over.first_day else "no dated cables"
    figures = "".join(_figure(f"{n:,}", name) for name, n in over.table_rows.items())
    run = f" Last load: {escape(over.last_run)}." if over.last_run else ""
    return (f'<section id="overview"><h2>Overview</h2><p class="meta">{over.cables:,} cables, '
            f"created {escape(span)}.{run}</p><div class=\"figures\">{figures}</div></section>")


def section_months(con: duckdb.DuckDBPyConnection) -> str:
    months, per_level, before = data.months_by_level(con)
    colors = _level_colors(list(per_level))
    series = [(lv, colors[lv], counts) for lv, counts in per_level.items()]
    # Label each January with its year; a short span labels every quarter instead.
    step = ("-01",) if len(months) > 36 else ("-01", "-04", "-07", "-10")
    ticks = {i: m[:4] if m.endswith("-01") and len(months) > 36 else m
             for i, m in enumerate(months) if m.endswith(step)}
    chart = stacked_columns(months, series, label="Cables per month by classification",
                            ticks=ticks)
    note = (f'<p class="note">{before:,} cables dated before {months[0]} are left out of the '
            "chart so that it is not stretched over decades; the table counts every cable.</p>"
            if before and months else "")
    years = data.years_by_level(con)
    table = (_table(years.columns, years.rows()) if not years.is_empty()
             else '<p class="empty">no cables</p>')
    return ('<section id="months"><h2>Cables per month, by classification</h2>'
            f'{legend([(lv, c) for lv, c in colors.items()])}{chart}{note}'
            f"<details open><summary>Cables per year and classification</summary>{table}"
            "</details></section>")


def section_origins_tags(con: duckdb.DuckDBPyConnection) -> str:
    origins = data.top_origins(con)
    tags = data.top_tags(con)
    origin_chart = hbars(origins, label="Top origins by cables", label_width=190, width=470)
    tag_chart = hbars([(f"{tag} ({kind})", n) for tag, kind, n in tags],
                      label="Top tags by cables", label_width=230, width=520, color="#59a89c")
    return ('<section id="origins-tags"><div class="row">'
            f'<div id="origins"><h2>Top origins</h2>{origin_chart}</div>'
            f'<div id="tags"><h2>Top tags</h2>{tag_chart}</div></div></section>')


def section_references(con: duckdb.DuckDBPyConnection) -> str:
    graph = data.reference_graph(con)
    figures = "".join([
        _figure(f"{graph.cables:,}", "cables (nodes)"),
        _figure(f"{graph.citing_cables:,}", "cables citing others"),
        _figure(f"{graph.references:,}", "references (all kinds)"),
        _figure(f"{graph.cable_references:,}", "references to a cable (edges)"),
        _figure(f"{graph.cited_cables:,}", "distinct cables cited"),
        _figure(f"{graph.resolved_share:.1%}", "cited cable is in the warehouse"),
    ])
    cited = data.most_cited(con)
    table = _table(["subject", "cable", "cited by", "in warehouse"],
                   [[_short(subject or "(not in the warehouse)", 90), cid, n,
                     "yes" if here else "no"] for cid, n, here, subject in cited], left=2)
    return ('<section id="references"><h2>Reference graph</h2>'
            f'<div class="figures">{figures}</div>'
            '<h3>Most-cited cables</h3><p class="note">Cited by: how many cables in the '
            f"warehouse list it in their REF block.</p>{table}</section>")


def section_quality(con: duckdb.DuckDBPyConnection) -> str:
    fills = data.fill_rates(con)
    chart = hbars(fills, label="Fill rate per column of cables (% of rows)", unit="%",
                  max_value=100, label_width=190, width=560, color="#76b7b2")
    rejects = data.rejects_by_reason(con)
    reject_chart = (hbars(rejects, label="Rejects by reason", label_width=160, width=460,
                          color="#e15759")
                    if rejects else '<p class="empty">No rejects: every input unit gave a '
                    "cable or a duplicate.</p>")
    return ('<section id="quality"><h2>Data quality</h2><div class="row">'
            '<div id="fill-rates"><h3>Fill rate of <code>cables</code></h3>'
            '<p class="note">Share of rows with a value; empty text and empty lists count as '
            f"missing.</p>{chart}</div>"
            f'<div id="rejects"><h3>Rejects by reason</h3>{reject_chart}</div></div></section>')


def render_report(con: duckdb.DuckDBPyConnection) -> str:
    """The whole page from an open connection to the warehouse."""
    tables = [t.name for t in TABLES]
    sections = [section_overview(data.overview(con, tables)), section_months(con),
                section_origins_tags(con), section_references(con), section_quality(con)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>cables: warehouse report</title>"
            f"<style>{CSS}</style></head><body><h1>cables: warehouse report</h1>"
            + "".join(sections) + "</body></html>\n")


def write_report(settings: Settings, out_path: Path) -> Path:
    """Write the report of ``settings``' warehouse to ``out_path`` (one self-contained file)."""
    con = open_read_only(settings, ReportError)
    try:
        page = render_report(con)
    finally:
        con.close()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out_path)
    return out_path


__all__ = ["ReportError", "render_report", "write_report"]
