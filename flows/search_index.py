"""The full-text index of the cables: built aside, swapped in, updated incrementally.

Layout under ``warehouse/search/``::

    current -> builds/<build>     one rename swaps a new build in
    builds/<build>/index/         the Tantivy index (one document per cable, keyed by cable_id)
    builds/<build>/manifest.parquet   cable_id -> content hash of what was indexed
    builds/<build>/build.json     schema version and counts of the build

A build starts from a hard-linked copy of the current index (Tantivy never rewrites a segment
file, and writes ``meta.json`` by rename, so the copy shares bytes without sharing changes),
deletes the cables that changed or vanished, adds the changed and new ones, commits, and then
swaps ``current``. A search that opened the previous build keeps reading it; the next search
opens the new one. Only the load step calls this (it holds the warehouse's writer lock).

The index holds the words, not the text: it stores cable_id, subject, origin, created and
year for the hit list, and the search makes a hit's snippet from its paragraphs in Parquet.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import tantivy

from flows.atomic import point_link
from flows.settings import Settings
from transforms.version import parser_fingerprint

# Bump when the schema or what goes into a document changes: the next build starts afresh.
SCHEMA_VERSION = 3
KEEP_BUILDS = 2
# Split between the writer's threads; each thread's share makes one segment (~75,000 cables).
# Tantivy merges 8 segments of a size into one, which at 128 MB re-wrote the index a few
# times over; at 600 MB a full build of 251,287 cables leaves 4 segments, 507,574 cables 8
# of two sizes, and nothing is merged. Later small segments sit in a lower merge level, so
# they are merged among themselves, cheaply. The writer's peak RSS stays ~1.4 GB.
WRITER_HEAP_BYTES = 600_000_000
WRITER_THREADS = 2  # this machine's cores: the writer indexes while Python feeds it
# Fewer changed cables than this are indexed by one thread into one segment: two threads
# would halve little work and double the small segments that later need merging.
SMALL_UPDATE_CABLES = 20_000
FEED_SLICE_ROWS = 1_000
# Cables whose documents are built at once: ~20,000 paragraphs, one or two row groups of
# text, where a whole file (10,000 cables) raised the index's peak RSS by ~200 MB.
DOCUMENT_SLICE = 2_000
CLEANER_HEAP_BYTES = 15_000_000  # Tantivy's least: that writer only deletes files
DOCUMENT_CABLE_COLUMNS = ["cable_id", "subject", "origin", "created", "year"]
_LOCK_FILES = {".tantivy-writer.lock", ".tantivy-meta.lock"}


def index_schema() -> tantivy.Schema:
    """One document per cable. ``en_stem`` lowercases and stems: "talks" finds "talk"."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("cable_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("subject", stored=True, tokenizer_name="en_stem")
    # Not stored: snippets are made from the hits' paragraphs in Parquet. A stored body
    # tripled the index (1.6 GB instead of 0.5 GB for 250,000 cables).
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("origin", stored=True, tokenizer_name="raw")
    # Lowercased whole origin: the origin filter matches substrings against these terms.
    builder.add_text_field("origin_key", stored=False, tokenizer_name="raw")
    builder.add_text_field("created", stored=True, tokenizer_name="raw")
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    return builder.build()


def search_dir(settings: Settings) -> Path:
    return settings.warehouse / "search"


def current_build(settings: Settings) -> Path | None:
    """The build ``current`` points at now, resolved once so one search sees one build."""
    link = search_dir(settings) / "current"
    if not link.is_symlink() and not link.exists():
        return None
    build = link.resolve()
    return build if (build / "index" / "meta.json").exists() else None


def _table_dir(settings: Settings, table: str, version: Path | None) -> Path:
    """A table's folder in ``version``, or the current one (resolved once)."""
    return (version / table if version else settings.table_dir(table)).resolve()


def current_keys(settings: Settings, version: Path | None = None) -> pl.DataFrame:
    """cable_id -> content key of every cable in the current tables (or ``version``'s).

    A cable's indexed content (subject, origin, dates, paragraphs) is a function of its
    source bytes and the parser, so the key is the source hash plus the parser fingerprint:
    deciding what changed reads two short columns, never the text.
    """
    files = sorted(_table_dir(settings, "cables", version).rglob("*.parquet"))
    if not files:
        return pl.DataFrame(schema={"cable_id": pl.String(), "content_hash": pl.String()})
    return (pl.scan_parquet(files).select(
        "cable_id", content_hash=pl.col("source_sha256") + ":" + parser_fingerprint())
        .sort("cable_id").collect())


def cable_bodies(paragraphs: pl.LazyFrame) -> pl.LazyFrame:
    """cable_id -> body: the paragraphs' text in order, one per line.

    The one rule for what a cable's body is, shared by the indexer and by the snippets the
    search makes (from Parquet, as the index does not store the body).
    """
    return (paragraphs.select("cable_id", "position", "text")
            .group_by("cable_id", maintain_order=True)
            .agg(pl.col("text").sort_by("position").str.join("\n").alias("body")))


def cable_documents(settings: Settings, wanted: pl.DataFrame | None,
                    version: Path | None = None) -> Iterator[pl.DataFrame]:
    """The documents of the ``wanted`` cable_ids (None: every cable), a slice at a time.

    `cables` and `paragraphs` are written in matching files (``<year>-<hash>``), sorted by
    cable_id: each slice of a file's cables reads only the paragraph row groups of its
    cable_id range, so memory holds ``DOCUMENT_SLICE`` cables' text, whatever N. A cable
    without paragraphs is still indexed by its subject. Columns are those of
    ``add_documents``, in its order.
    """
    cables_dir = _table_dir(settings, "cables", version)
    paragraphs_dir = _table_dir(settings, "paragraphs", version)
    for cables_file in sorted(cables_dir.rglob("*.parquet")):
        cables = pl.scan_parquet(cables_file).select(DOCUMENT_CABLE_COLUMNS)
        if wanted is not None:
            cables = cables.join(wanted.lazy(), on="cable_id", how="semi")
        cables = cables.collect().sort("cable_id")
        paragraphs_file = paragraphs_dir / cables_file.relative_to(cables_dir)
        for chunk in cables.iter_slices(DOCUMENT_SLICE):
            yield documents_of(chunk, paragraphs_file if paragraphs_file.exists() else None)


def documents_of(cables: pl.DataFrame, paragraphs_file: Path | None) -> pl.DataFrame:
    """The documents of ``cables`` (a slice sorted by cable_id), bodies from the file."""
    bodies = pl.DataFrame(schema={"cable_id": pl.String(), "body": pl.String()})
    if paragraphs_file is not None:
        ids = cables["cable_id"]
        first, last = pl.lit(ids.min()), pl.lit(ids.max())
        paragraphs = pl.scan_parquet(paragraphs_file).filter(
            pl.col("cable_id").is_between(first, last),  # the other row groups are skipped
            pl.col("cable_id").is_in(ids.implode()))
        bodies = cable_bodies(paragraphs).collect()
    origin = pl.col("origin").fill_null("")
    return cables.join(bodies, on="cable_id", how="left").select(
        "cable_id", pl.col("subject").fill_null(""), pl.col("body").fill_null(""), origin,
        origin_key=origin.str.to_lowercase(), created=pl.col("created").cast(pl.String),
        year="year")


def add_documents(writer: tantivy.IndexWriter, documents: pl.DataFrame) -> None:
    """One Tantivy document per row; plain lists and zip keep Python's share per cable small.

    Rows go over in slices so that only a slice's bodies exist as Python strings at once.
    """
    for rows in documents.iter_slices(FEED_SLICE_ROWS):
        for cable_id, subject, body, origin, origin_key, created, year in zip(
                *(column.to_list() for column in rows.iter_columns()), strict=True):
            document = tantivy.Document(cable_id=cable_id, subject=subject, body=body,
                                        origin=origin, origin_key=origin_key)
            if created is not None:
                document.add_text("created", created)
            if year is not None:
                document.add_integer("year", year)
            writer.add_document(document)


def _link_or_copy(src: str, dst: str) -> None:
    """Segment files are write-once: share them. Copy the small JSON files Tantivy rewrites."""
    if src.endswith(".json"):
        shutil.copy2(src, dst)
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _previous(settings: Settings) -> tuple[Path | None, pl.DataFrame | None]:
    """The current build and its manifest, or (None, None) when a fresh build is needed."""
    build = current_build(settings)
    if build is None:
        return None, None
    try:
        info = json.loads((build / "build.json").read_text())
        manifest = pl.read_parquet(build / "manifest.parquet")
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None, None
    if info.get("schema_version") != SCHEMA_VERSION:
        return None, None
    return build, manifest


def build_search_index(settings: Settings, version: Path | None = None) -> dict:
    """Bring the search index up to date with the current Parquet tables (or with those of
    ``version``, about to become current); swap it in.

    Returns ``documents`` (cables in the index now), ``added`` (new cables), ``replaced``
    (cables whose content changed), ``deleted`` (cables gone from the tables), ``fresh``
    (built from nothing), ``unchanged`` (nothing to do: no new build) and ``seconds``.
    """
    clock = time.perf_counter()
    keys = current_keys(settings, version)
    build, manifest = _previous(settings)
    if manifest is None:
        changed, replaced, vanished = keys, [], []
    else:
        changed = keys.join(manifest, on=["cable_id", "content_hash"], how="anti")
        replaced = changed.join(manifest, on="cable_id", how="semi").get_column("cable_id")
        vanished = manifest.join(keys, on="cable_id", how="anti").get_column("cable_id")
        replaced, vanished = replaced.to_list(), vanished.to_list()
    if manifest is not None and len(replaced) + len(vanished) > max(manifest.height // 2,
                                                                  SMALL_UPDATE_CABLES):
        # Most of a big index is to go (a new parser changes every key): indexing afresh is
        # cheaper than deleting and re-adding nearly all of it.
        build = None
    stats = {"documents": keys.height, "added": changed.height - len(replaced),
             "replaced": len(replaced), "deleted": len(vanished), "fresh": build is None,
             "unchanged": False}
    if build is not None and changed.is_empty() and not vanished:
        stats.update(unchanged=True, seconds=time.perf_counter() - clock)
        return stats

    root = search_dir(settings)
    target = root / "builds" / uuid.uuid4().hex[:12]
    target.mkdir(parents=True)
    try:
        if build is None:
            (target / "index").mkdir()
            index = tantivy.Index(index_schema(), path=str(target / "index"), reuse=False)
        else:
            shutil.copytree(build / "index", target / "index", copy_function=_link_or_copy,
                            ignore=lambda _dir, names: [n for n in names if n in _LOCK_FILES])
            index = tantivy.Index.open(str(target / "index"))
        threads = 1 if changed.height < SMALL_UPDATE_CABLES else WRITER_THREADS
        writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=threads)
        if replaced or vanished:
            writer.delete_documents_by_query(
                tantivy.Query.term_set_query(index.schema, "cable_id", [*replaced, *vanished]))
        wanted = None if build is None else changed.select("cable_id")
        for documents in cable_documents(settings, wanted, version):
            add_documents(writer, documents)
        writer.commit()
        writer.wait_merging_threads()
        # Merges leave superseded segment files behind; a fresh writer's GC removes them.
        cleaner = index.writer(heap_size=CLEANER_HEAP_BYTES, num_threads=1)
        cleaner.garbage_collect_files()
        del cleaner
        keys.write_parquet(target / "manifest.parquet")
        (target / "build.json").write_text(json.dumps(
            {"schema_version": SCHEMA_VERSION, "documents": keys.height}, indent=1))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _make_current(root, target)
    stats["seconds"] = time.perf_counter() - clock
    return stats


def _make_current(root: Path, target: Path) -> None:
    """Point ``search/current`` at ``target`` in one rename; keep the newest few builds."""
    point_link(root / "current", target)
    builds = sorted((root / "builds").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    for old in builds[:-KEEP_BUILDS]:
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
