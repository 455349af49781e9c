"""Plan a run against the ledger, and parse one batch of input files into staged parts.

A batch's parts are named by a key derived from its files (path, size, mtime) and the parser
fingerprint, and written under temporary names then renamed: a batch is either wholly there
or not at all, and a re-run (or a run after a crash) re-parses only batches not there yet.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl

from flows.settings import Settings
from flows.sources import SourceFile, discover, file_sha256, read_source
from transforms.batch import parse_items
from transforms.raw import Reject
from transforms.tables import CABLE_TABLES, REJECTS
from transforms.version import parser_fingerprint

LEDGER_PART = "ledger"
STAGED_ROW_GROUP = 2_048
STAGED_TABLES = (*(t.name for t in CABLE_TABLES), REJECTS.name, LEDGER_PART)

FILE_SCHEMA = pl.Schema({
    "source_file": pl.String(), "size": pl.Int64(), "mtime_ns": pl.Int64(),
    "sha256": pl.String(), "layout": pl.String(), "units": pl.Int32(), "part": pl.String(),
})


@dataclass
class Batch:
    key: str
    files: list[SourceFile]


@dataclass
class Plan:
    run_id: str
    batches: list[Batch] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)  # part keys of unchanged files
    vanished: list[str] = field(default_factory=list)  # paths in the ledger, not found now
    missing_sources: list[dict] = field(default_factory=list)
    files_seen: int = 0
    prune: bool = False

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1))
        return path

    @classmethod
    def read(cls, path: Path) -> Plan:
        data = json.loads(Path(path).read_text())
        data["batches"] = [Batch(b["key"], [SourceFile(**f) for f in b["files"]])
                           for b in data["batches"]]
        return cls(**data)


def part_path(settings: Settings, table: str, key: str) -> Path:
    return settings.parts_dir / table / f"{key}.parquet"


def batch_done(settings: Settings, key: str) -> bool:
    # The ledger part is renamed into place last: its presence means the whole batch is there.
    return part_path(settings, LEDGER_PART, key).exists()


def previous_ledger(settings: Settings) -> pl.DataFrame | None:
    if not settings.ledger_path.exists():
        return None
    return pl.read_parquet(settings.ledger_path)


def _batch_key(files: list[SourceFile], layout: str | None) -> str:
    digest = hashlib.sha256(f"{parser_fingerprint()}|{layout}".encode())
    for f in files:
        digest.update(f"\n{f.path}\t{f.size}\t{f.mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _chunks(files: list[SourceFile], max_bytes: int, max_files: int) -> list[list[SourceFile]]:
    chunks: list[list[SourceFile]] = [[]]
    size = 0
    for f in files:
        if chunks[-1] and (size + max(f.size, 0) > max_bytes or len(chunks[-1]) >= max_files):
            chunks.append([])
            size = 0
        chunks[-1].append(f)
        size += max(f.size, 0)
    return [c for c in chunks if c]


def plan_run(settings: Settings, sources: list[str], layout: str | None = None,
             prune: bool = False, run_id: str | None = None,
             include: str | None = None) -> Plan:
    """Which files need parsing, which staged parts are reused, which files vanished."""
    files, missing = discover(sources, include)
    known: dict[str, tuple[int, int, str, str | None]] = {}
    ledger = previous_ledger(settings)
    if ledger is not None:
        for row in ledger.select("source_file", "size", "mtime_ns", "part", "sha256").iter_rows():
            if row[3] and batch_done(settings, row[3]):
                known[row[0]] = (row[1], row[2], row[3], row[4])
    to_parse, reused = [], set()
    for f in files:
        seen = known.get(f.path)
        # No sha256: the file could not be read (permissions, I/O): try it again, although
        # its size and mtime are unchanged (a chmod changes neither).
        if (seen and seen[3] is not None and seen[0] == f.size and seen[1] == f.mtime_ns
                and layout is None):
            reused.add(seen[2])
        else:
            to_parse.append(f)
    found = {f.path for f in files}
    vanished = sorted(p for p in known if p not in found)
    if not prune:
        reused.update(known[p][2] for p in vanished)
    batches = [Batch(_batch_key(chunk, layout), chunk)
               for chunk in _chunks(to_parse, settings.batch_bytes, settings.batch_files)]
    return Plan(
        run_id=run_id or uuid.uuid4().hex[:12],
        batches=batches,
        reused=sorted(reused),
        vanished=vanished,
        missing_sources=[_reject_dict(r) for r in missing],
        files_seen=len(files),
        prune=prune,
    )


def _reject_dict(reject: Reject) -> dict:
    return {"source_file": reject.source_file, "member": reject.member, "reason": reject.reason,
            "message": reject.message}


def _write_atomic(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Small row groups: `publish` reads one (year, cable_id) range at a time and skips the rest.
    frame.write_parquet(tmp, compression="zstd", statistics=True, row_group_size=STAGED_ROW_GROUP)
    os.replace(tmp, path)


def _has_unread_files(settings: Settings, key: str) -> bool:
    """A staged batch that failed to read a file is parsed again, not served from cache."""
    files = pl.read_parquet(part_path(settings, LEDGER_PART, key), columns=["sha256"])
    return files["sha256"].null_count() > 0


def parse_batch(settings: Settings, batch: Batch, layout: str | None = None) -> dict[str, int]:
    """Read and parse the batch's files; write one staged part per table. Returns row counts."""
    if batch_done(settings, batch.key) and not _has_unread_files(settings, batch.key):
        return {"cached": 1}
    items, file_rows = [], []
    for f in batch.files:
        before = len(items)
        items.extend(read_source(f, layout))
        file_rows.append({
            "source_file": f.path, "size": f.size, "mtime_ns": f.mtime_ns,
            "sha256": file_sha256(f.path), "layout": getattr(items[-1], "source_format", None)
            if len(items) > before else layout, "units": len(items) - before, "part": batch.key,
        })
    frames = parse_items(items)
    for name, frame in frames.items():
        _write_atomic(frame, part_path(settings, name, batch.key))
    _write_atomic(pl.DataFrame(file_rows, schema=FILE_SCHEMA),
                  part_path(settings, LEDGER_PART, batch.key))
    counts = {name: frame.height for name, frame in frames.items()}
    counts["files"] = len(batch.files)
    return counts
