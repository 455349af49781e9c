"""Extract: find the input files and turn each into raw cables (or rejects).

A *source* is what the user names: a file, a folder (searched recursively), a glob, an
archive or a URL. Discovery lists the files with their size and mtime, cheaply, so a re-run
can skip files the ledger already holds; reading a file yields ``RawCable`` or ``Reject``
items through the layout readers in ``transforms.readers``.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from transforms.raw import RawCable, Reject
from transforms.readers import read_cables, read_cables_csv_stream
from transforms.readers.detect import detect_layout

# Files that are never cables: docs and notes that sit beside a collection.
SKIPPED_NAMES = {"README.md", "README", ".gitkeep", ".DS_Store"}
HASH_CHUNK = 4 * 2**20


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    size: int
    mtime_ns: int


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Files under ``root`` in sorted order; symlinked folders followed once (no loops)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED_NAMES:
            continue
        try:
            if entry.is_dir(follow_symlinks=True):
                stat = entry.stat(follow_symlinks=True)
                if (stat.st_dev, stat.st_ino) in seen:
                    continue
                seen.add((stat.st_dev, stat.st_ino))
                yield from _walk(Path(entry.path), seen)
            elif entry.is_file(follow_symlinks=True):
                yield Path(entry.path)
        except OSError:
            yield Path(entry.path)  # unreadable: reading it will record the reason


def _source_file(path: Path) -> SourceFile:
    try:
        stat = path.stat()
        return SourceFile(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return SourceFile(str(path), -1, -1)


def discover(sources: Iterable[str]) -> tuple[list[SourceFile], list[Reject]]:
    """Every input file the sources name, sorted and unique; a Reject for a source not found."""
    files: dict[str, SourceFile] = {}
    missing: list[Reject] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            root = path.resolve()
            seen = {(root.stat().st_dev, root.stat().st_ino)}
            matches = list(_walk(root, seen))
        elif path.exists():
            matches = [path.resolve()]
        else:
            matches = [Path(p).resolve() for p in sorted(glob.glob(source, recursive=True))
                       if Path(p).is_file()]
            if not matches:
                missing.append(Reject(source, None, None, "source-not-found",
                                      f"no file or folder matches {source!r}", ""))
        for match in matches:
            files.setdefault(str(match), _source_file(match))
    return sorted(files.values(), key=lambda f: f.path), missing


def file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def read_source(source: SourceFile, layout: str | None = None) -> Iterator[RawCable | Reject]:
    """Every cable (or reject) in one input file; never raises for anything in the file."""
    try:
        with open(source.path, "rb") as stream:
            head = stream.read(4096)
            kind = layout or detect_layout(head, source.path)
            if kind == "csv":
                stream.seek(0)
                yield from read_cables_csv_stream(stream, source.path)
                return
            data = head + stream.read()
    except OSError as error:
        yield Reject(source.path, None, layout, "unreadable",
                     f"cannot read the file: {error.strerror or error}", "")
        return
    yield from read_cables(data, source.path, None, kind)
