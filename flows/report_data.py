"""The figures of the static report, read from the warehouse's DuckDB file (read-only).

One function per section; each returns plain Python values the page renders as-is. Every
result is fetched whole (``fetchall``/``.pl()``): DuckDB 2 refuses new work on a connection
that still holds a half-read result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from flows.warehouse import quoted
from transforms.tables import CABLES

# Classification levels, lowest first: the stacking order of the monthly chart.
LEVELS = ("UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "LIMITED OFFICIAL USE",
          "CONFIDENTIAL", "SECRET", "TOP SECRET")
OTHER_LEVEL = "(none)"
# The monthly chart starts with the first year from which every year holds at least this share
# of the dated cables: a handful of 1960s-1990s cables would otherwise stretch it over decades
# of empty months. The yearly table beside it counts every cable.
DENSE_YEAR_SHARE = 0.01


@dataclass(frozen=True)
class Overview:
    cables: int
    first_day: str | None
    last_day: str | None
    table_rows: dict[str, int]
    last_run: str | None  # "run_id finished at ..." of the newest load_runs row


def overview(con: duckdb.DuckDBPyConnection, tables: list[str]) -> Overview:
    rows = {t: con.execute(f"select count(*) from {quoted(t)}").fetchall()[0][0] for t in tables}
    first, last = con.execute("select min(created)::varchar, max(created)::varchar "
                              "from cables").fetchall()[0]
    runs = con.execute("select run_id, strftime(finished_at, '%Y-%m-%d %H:%M UTC') "
                       "from load_runs order by finished_at desc nulls last limit 1").fetchall()
    run = runs[0] if runs else None
    return Overview(rows.get("cables", 0), first, last, rows,
                    f"{run[0]} (finished {run[1]})" if run else None)


def months_by_level(con: duckdb.DuckDBPyConnection
                    ) -> tuple[list[str], dict[str, list[int]], int]:
    """Every month from the chart's start to the last cable, with cables per level.

    Returns (months 'YYYY-MM', {level: counts per month}, cables dated before the start).
    """
    per_year = con.execute("select year(created) as y, count(*) from cables "
                           "where created is not null group by y order by y").fetchall()
    if not per_year:
        return [], {}, 0
    dated = sum(n for _, n in per_year)
    first = per_year[-1][0]  # the last year is always drawn, however few its cables
    for y, n in reversed(per_year[:-1]):  # walk back while each year is dense enough
        if n < DENSE_YEAR_SHARE * dated or y < first - 1:
            break
        first = y
    start = date(first, 1, 1)
    counts = con.sql("""
        with months as (
            select strftime(m, '%Y-%m') as month
            from range($start::date, (select max(created) from cables) + interval 1 day,
                       interval 1 month) as t(m)
        )
        select month, coalesce(classification_level, $other) as level, count(cable_id) as n
        from months left join cables
          on strftime(created, '%Y-%m') = month
        group by all order by month
    """, params={"start": start, "other": OTHER_LEVEL}).pl()
    months = counts.get_column("month").unique(maintain_order=True).to_list()
    levels = [lv for lv in (*LEVELS, OTHER_LEVEL)
              if lv in set(counts.get_column("level").to_list())]
    levels += sorted(set(counts.get_column("level").to_list()) - set(levels))
    wide = counts.pivot(on="level", index="month", values="n").fill_null(0)
    per_level = {lv: [int(v) for v in wide.get_column(lv)] for lv in levels
                 if wide.get_column(lv).sum() > 0}
    before = con.execute("select count(*) from cables where created < $start",
                         {"start": start}).fetchall()[0][0]
    return months, per_level, before


def years_by_level(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Cables per year (rows) and level (columns), every cable counted."""
    frame = con.sql("""
        select coalesce(year::varchar, '(no date)') as year,
               coalesce(classification_level, $other) as level, count(*) as n
        from cables group by all order by year
    """, params={"other": OTHER_LEVEL}).pl()
    if frame.is_empty():
        return frame
    wide = frame.pivot(on="level", index="year", values="n").fill_null(0)
    ordered = [lv for lv in (*LEVELS, OTHER_LEVEL) if lv in wide.columns]
    ordered += sorted(c for c in wide.columns if c not in ordered and c != "year")
    return wide.select("year", *ordered).with_columns(total=pl.sum_horizontal(ordered))


def top_origins(con: duckdb.DuckDBPyConnection, limit: int = 15) -> list[tuple[str, int]]:
    return con.execute("""
        select coalesce(origin, '(none)'), count(*) as n from cables
        group by all order by n desc, 1 limit $limit
    """, {"limit": limit}).fetchall()


def top_tags(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[tuple[str, str, int]]:
    """(tag, kind, cables carrying it), most frequent first."""
    return con.execute("""
        select tag, any_value(kind), count(distinct cable_id) as n from tags
        group by tag order by n desc, tag limit $limit
    """, {"limit": limit}).fetchall()


@dataclass(frozen=True)
class ReferenceGraph:
    cables: int  # nodes: cables in the warehouse
    citing_cables: int  # cables with at least one reference
    references: int  # rows of `references`
    cable_references: int  # references to a cable (kind = 'cable')
    resolved: int  # cable references whose cited cable is in the warehouse
    cited_cables: int  # distinct cables cited

    @property
    def resolved_share(self) -> float:
        return self.resolved / self.cable_references if self.cable_references else 0.0


def reference_graph(con: duckdb.DuckDBPyConnection) -> ReferenceGraph:
    row = con.execute("""
        select (select count(*) from cables),
               count(distinct r.cable_id),
               count(*),
               count(*) filter (where r.referenced_cable_id is not null),
               count(c.cable_id),
               count(distinct r.referenced_cable_id)
        from "references" r left join cables c on c.cable_id = r.referenced_cable_id
    """).fetchall()[0]
    return ReferenceGraph(*row)


def most_cited(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple]:
    """(cited cable id, citing cables, in warehouse?, its subject), most cited first."""
    return con.execute("""
        select r.referenced_cable_id, count(distinct r.cable_id) as n,
               c.cable_id is not null, c.subject
        from "references" r left join cables c on c.cable_id = r.referenced_cable_id
        where r.referenced_cable_id is not null
        group by all order by n desc, 1 limit $limit
    """, {"limit": limit}).fetchall()


def fill_rates(con: duckdb.DuckDBPyConnection) -> list[tuple[str, float]]:
    """Share of `cables` rows with a value in each column, in declaration order.

    Empty strings and empty lists count as missing: they carry no more than a null.
    """
    tests = []
    for column in CABLES.columns:
        name = quoted(column.name)
        if column.dtype == pl.String():
            tests.append(f"count(*) filter (where trim({name}) <> '')")
        elif isinstance(column.dtype, pl.List):
            tests.append(f"count(*) filter (where len({name}) > 0)")
        else:
            tests.append(f"count({name})")
    row = con.execute(f"select count(*), {', '.join(tests)} from cables").fetchall()[0]
    total = row[0] or 1
    return [(c.name, 100.0 * n / total) for c, n in zip(CABLES.columns, row[1:], strict=True)]


def rejects_by_reason(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return con.execute("select reason, count(*) as n from rejects "
                       "group by all order by n desc, reason").fetchall()
