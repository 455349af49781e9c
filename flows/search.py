"""Full-text search over the cables' subjects and paragraphs: BM25 ranking by Tantivy.

The query language is Tantivy's (Lucene-like): words (all must match unless ``OR`` says
otherwise), ``"a phrase"``, ``AND`` / ``OR`` / ``NOT``, ``+word`` / ``-word``, parentheses,
and ``subject:word`` to look in one field. Words are stemmed, so ``talks`` finds ``talk``.
The index is built by ``build_search_index`` (``flows.search_index``) from the load step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl
import tantivy

from flows.publish_files import year_files
from flows.search_index import build_search_index, cable_bodies, current_build
from flows.settings import Settings

__all__ = ["SearchError", "SearchHit", "build_search_index", "hits_text", "parse_years",
           "search"]

DEFAULT_FIELDS = ["subject", "body"]
SUBJECT_BOOST = 2.0  # a word in the subject says more about a cable than one in paragraph 12
SNIPPET_CHARS = 200
MARK_OPEN, MARK_CLOSE = "«", "»"

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")
# Tantivy reads `a AND NOT b` as `a AND (NOT b)`, and a group of only NOT terms matches
# nothing, so it would return no cable at all. `-b` means what the user meant.
_NOT = re.compile(r"(?<![\w\-+])NOT\s+(?=\S)")
_WHITESPACE = re.compile(r"\s+")


class SearchError(ValueError):
    """A query, a filter or the index state the user can fix; the message is one line."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    cable_id: str
    created: date | None
    origin: str | None
    subject: str | None
    score: float
    snippet: str  # matching text with each match marked «like this»


def parse_years(year: int | str | None) -> tuple[int, int] | None:
    """``2008`` or ``"2008"`` -> (2008, 2008); ``"2006-2008"`` -> (2006, 2008)."""
    if year is None:
        return None
    match = _YEARS.match(str(year))
    if not match:
        raise SearchError(f"bad year filter {year!r}: give a year (2008) or a range (2006-2008)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise SearchError(f"bad year filter {year!r}: the range ends before it starts")
    return first, last


def _rewrite_not(query: str) -> str:
    """``NOT word`` -> ``-word`` outside quoted phrases (see ``_NOT``)."""
    parts = query.split('"')
    parts[::2] = [_NOT.sub("-", part) for part in parts[::2]]
    return '"'.join(parts)


def _parse(index: tantivy.Index, query: str) -> tantivy.Query:
    text = query.strip()
    if not text:
        raise SearchError("empty search query: give at least one word")
    try:
        return index.parse_query(_rewrite_not(text), DEFAULT_FIELDS,
                                 field_boosts={"subject": SUBJECT_BOOST},
                                 conjunction_by_default=True)
    except ValueError as error:
        raise SearchError(_explain(query, str(error))) from None


def _explain(query: str, error: str) -> str:
    if "Only excluding terms" in error:
        return (f"bad search query {query!r}: it only excludes (NOT/-); "
                "add a word that must match")
    if "Field does not exist" in error:
        field = error.split(":", 1)[-1].strip()
        return (f"bad search query {query!r}: no field {field}; "
                f"searchable fields are subject, body, cable_id, origin, created, year")
    if "Syntax Error" in error:
        return (f"bad search query {query!r}: syntax error (check quotes, parentheses, "
                "and that AND/OR/NOT stand between words)")
    return f"bad search query {query!r}: {error.splitlines()[0]}"


def _filters(searcher: tantivy.Searcher, schema: tantivy.Schema, years: tuple[int, int] | None,
             origin: str | None) -> list[tantivy.Query] | None:
    """Filter queries (scored 0 so BM25 alone ranks); None when no cable can pass."""
    filters = []
    if years is not None:
        filters.append(tantivy.Query.range_query(schema, "year", tantivy.FieldType.Integer,
                                                 years[0], years[1]))
    if origin is not None and origin.strip():
        needle = origin.strip().lower()
        # Few distinct origins (a few hundred posts): match substrings against the terms.
        origins = [term for term, _ in searcher.terms_with_prefix("origin_key", "")
                   if needle in term]
        if not origins:
            return None
        filters.append(tantivy.Query.term_set_query(schema, "origin_key", origins))
    return [tantivy.Query.const_score_query(f, 0.0) for f in filters]


def _marked(snippet: tantivy.Snippet) -> str:
    """The fragment with every highlighted range wrapped in « »; ranges are UTF-8 offsets."""
    raw = snippet.fragment().encode()
    out, at = [], 0
    for span in sorted(snippet.highlighted(), key=lambda r: r.start):
        out += [raw[at:span.start].decode(errors="ignore"), MARK_OPEN,
                raw[span.start:span.end].decode(errors="ignore"), MARK_CLOSE]
        at = span.end
    out.append(raw[at:].decode(errors="ignore"))
    return _WHITESPACE.sub(" ", "".join(out)).strip()


def search(settings: Settings, query: str, limit: int = 10, year: int | str | None = None,
           origin: str | None = None) -> list[SearchHit]:
    """The ``limit`` best cables for ``query`` by BM25, best first.

    ``year`` keeps cables of one year or a range (``"2006-2008"``); ``origin`` keeps cables
    whose origin contains it, case-insensitively (``"islamabad"``). Raises ``SearchError``
    (a ``ValueError``) with a one-line message for a bad query or filter, or a missing index.
    """
    if limit < 1:
        raise SearchError(f"bad limit {limit}: give 1 or more")
    years = parse_years(year)
    build = current_build(settings)
    if build is None:
        raise SearchError(f"no search index under {settings.warehouse / 'search'}: "
                          "load the warehouse first (cables run)")
    index = tantivy.Index.open(str(build / "index"))
    searcher = index.searcher()
    parsed = _parse(index, query)
    filters = _filters(searcher, index.schema, years, origin)
    if filters is None:
        return []
    full = (tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in (parsed, *filters)])
            if filters else parsed)
    generators = {}
    for field in DEFAULT_FIELDS:
        generators[field] = tantivy.SnippetGenerator.create(searcher, parsed, index.schema,
                                                            field)
        generators[field].set_max_num_chars(SNIPPET_CHARS)
    found = [(score, searcher.doc(address)) for score, address in searcher.search(full, limit).hits]
    # The index stores no body (see index_schema): the hits' bodies come from Parquet.
    bodies = _bodies(settings, [(doc.get_first("cable_id"), doc.get_first("year"))
                                for _, doc in found])
    hits = []
    for score, doc in found:
        cable_id, subject = doc.get_first("cable_id"), doc.get_first("subject") or ""
        hits.append(SearchHit(
            cable_id=cable_id,
            created=_day(doc.get_first("created")),
            origin=doc.get_first("origin") or None,
            subject=subject or None,
            score=round(float(score), 4),
            snippet=_snippet(subject, bodies.get(cable_id, ""), generators),
        ))
    return hits


def _bodies(settings: Settings, cables: list[tuple[str, int | None]]) -> dict[str, str]:
    """cable_id -> body of these (cable_id, year) cables, read from the paragraphs table.

    The index does not store bodies, so the hits' paragraphs are read back: from the
    files of the hits' years when every hit has a year, and within the files only the row
    groups whose cable_id range holds a hit (~10 ms each at Cablegate scale).
    """
    folder = settings.table_dir("paragraphs").resolve()  # one version, even during a swap
    if not cables or not folder.is_dir():
        return {}
    years = {year for _, year in cables}
    files = ([] if None in years else
             [file for year in sorted(years) for file in year_files(folder, year)])
    if not files:
        files = sorted(folder.rglob("*.parquet"))
    if not files:
        return {}
    wanted = [cable_id for cable_id, _ in cables]
    try:
        frame = cable_bodies(pl.scan_parquet(files, hive_partitioning=False)
                             .filter(pl.col("cable_id").is_in(wanted))).collect()
    except FileNotFoundError:
        return {}  # that version was pruned under us: snippets fall back to the subjects
    return dict(zip(frame["cable_id"].to_list(), frame["body"].to_list(), strict=True))


def _snippet(subject: str, body: str, generators: dict) -> str:
    """The best body passage; else the subject, when only the subject matched."""
    document = tantivy.Document(subject=subject, body=body)
    for field in ("body", "subject"):
        snippet = generators[field].snippet_from_doc(document)
        if snippet.highlighted():
            return _marked(snippet)
    return _WHITESPACE.sub(" ", (body or subject)[:SNIPPET_CHARS]).strip()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def hits_text(hits: list[SearchHit]) -> str:
    """Hits as the terminal shows them: id, day, origin, score; subject; snippet."""
    if not hits:
        return "no cable matches"
    blocks = []
    for rank, hit in enumerate(hits, 1):
        day = hit.created.isoformat() if hit.created else "----------"
        blocks.append(f"{rank:>2}. {hit.cable_id}  {day}  {hit.origin or '?'}  "
                      f"(score {hit.score:.2f})\n    {hit.subject or '(no subject)'}\n"
                      f"    {hit.snippet}")
    return "\n".join(blocks)
