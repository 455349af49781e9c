"""Extract: find the input files and turn each into raw cables (or rejects).

A *source* is what the user names: a file, a folder (searched recursively), a glob, an
archive or a URL. Discovery lists the files with their size and mtime, cheaply, so a re-run
can skip files the ledger already holds; reading a file yields ``RawCable`` or ``Reject``
items through the layout readers in ``transforms.readers``.
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flows import remote
from flows.archives import archive_kind, read_archive
from transforms.raw import RawCable, Reject
from transforms.readers import read_cables, read_cables_csv_stream
from transforms.readers.common import sha256_hex
from transforms.readers.detect import detect_layout

# Files that are never cables: docs and notes that sit beside a collection.
SKIPPED_NAMES = {"README.md", "README", ".gitkeep", ".DS_Store"}
HASH_CHUNK = 4 * 2**20
ARCHIVE_HEAD = 4096  # enough for layout detection and a tar header (512 bytes)
# A file of any layout but the streamed cables.csv is read whole: past this size it is refused
# (`too-large`) after reading only its head. The longest cable is ~1 MB and a cablegate page
# ~100 KB, so 32 MB is far beyond any real single-cable file yet keeps memory bounded.
MAX_FILE_BYTES = 32 * 2**20


class SourceError(ValueError):
    """A source that names nothing, or a store that cannot be listed: the run stops before
    it writes anything (one line naming the source), rather than recording it as a reject
    and treating the files under it as vanished."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    size: int
    mtime_ns: int


def _wanted(path: Path, root: Path, include: str | None) -> bool:
    """``include`` matches the file's name, or its path under ``root`` when it has a ``/``."""
    if include is None:
        return True
    if "/" in include:
        return fnmatch.fnmatch(path.relative_to(root).as_posix(), include)
    return fnmatch.fnmatch(path.name, include)


def _walk(root: str, seen: set[tuple[int, int]], out: list[SourceFile]) -> None:
    """Append the files under ``root`` to ``out`` in sorted order; symlinked folders are
    followed once (no loops).

    Plain strings and ``os.scandir`` entries, not ``Path``, and one list, not nested
    generators: a 250,000-file collection is walked (and stat-ed once per file) in ~1 s.
    """
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
                if (stat.st_dev, stat.st_ino) not in seen:
                    seen.add((stat.st_dev, stat.st_ino))
                    _walk(entry.path, seen, out)
                continue
            # Not only regular files: a dangling link, a FIFO or a socket is listed too, and
            # reading it records why it gave nothing (no name in a folder is lost).
            stat = entry.stat(follow_symlinks=True)
            out.append(SourceFile(entry.path, stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append(SourceFile(entry.path, -1, -1))  # unreadable: reading records why


def _source_file(path: Path) -> SourceFile:
    try:
        stat = path.stat()
        return SourceFile(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return SourceFile(str(path), -1, -1)


def _remote_files(url: str, include: str | None) -> tuple[list[SourceFile], Reject | None]:
    try:
        found = remote.list_objects(url, include, frozenset(SKIPPED_NAMES))
    except FileNotFoundError:
        return [], Reject(
            url, None, None, "source-not-found", f"no object or prefix matches {url!r}", ""
        )
    except Exception as error:  # no credentials, no network, a bad URL: one reject, no raise
        return [], Reject(
            url,
            None,
            None,
            "source-unreachable",
            f"cannot list {url!r}: {type(error).__name__}: {error}"[:300],
            "",
        )
    return [SourceFile(path, size, tag) for path, size, tag in found], None


def discover(
    sources: Iterable[str], include: str | None = None
) -> tuple[list[SourceFile], list[Reject]]:
    """Every input file the sources name, sorted and unique; a Reject for a source not found.

    A source is a file (an archive is one file), a folder (searched recursively), a glob, or
    an fsspec URL (``s3://bucket/prefix``: every object under it; see ``flows.remote``).
    ``include`` (a glob such as ``*.txt``) filters the files found inside folders and URL
    prefixes; files named directly or by the source's own glob are always taken. A remote
    object's ``mtime_ns`` is its version tag (``flows.remote.version_tag``).
    """
    files: dict[str, SourceFile] = {}
    missing: list[Reject] = []
    for source in sources:
        if remote.is_url(source):
            found, problem = _remote_files(source, include)
            missing.extend([problem] if problem else [])
            for f in found:
                files.setdefault(f.path, f)
            continue
        path = Path(source)
        if path.is_dir():
            root = path.resolve()
            seen = {(root.stat().st_dev, root.stat().st_ino)}
            walked: list[SourceFile] = []
            _walk(str(root), seen, walked)
            for found in walked:
                if include is None or _wanted(Path(found.path), root, include):
                    files.setdefault(found.path, found)
            continue
        if path.exists():
            matches = [path.resolve()]
        else:
            matches = [
                Path(p).resolve()
                for p in sorted(glob.glob(source, recursive=True))
                if Path(p).is_file()
            ]
            if not matches:
                missing.append(
                    Reject(
                        source,
                        None,
                        None,
                        "source-not-found",
                        _no_match(source),
                        "",
                    )
                )
        for match in matches:
            files.setdefault(str(match), _source_file(match))
    return sorted(files.values(), key=lambda f: f.path), missing


def source_error(missing: list[Reject]) -> SourceError:
    """One line naming every source that ``discover`` found nothing for."""
    return SourceError("; ".join(r.message for r in missing))


def check_sources(sources: Iterable[str]) -> None:
    """Raise ``SourceError`` for the first source that names nothing: a path that is not
    there, a glob matching no file, a URL naming no object or prefix (or whose store cannot
    be reached). Cheap: one ``stat`` a path, the first glob match, one call a URL; what
    ``discover`` would refuse, said before anything is written."""
    for source in sources:
        if remote.is_url(source):
            problem = remote.missing_object(source)
            if problem:
                raise SourceError(problem)
        elif not Path(source).exists() and not any(
                Path(p).is_file() for p in glob.iglob(source, recursive=True)):
            raise SourceError(_no_match(source))


def _no_match(source: str) -> str:
    return f"no file or folder matches {source!r}"


def file_sha256(path: str) -> str | None:
    """SHA-256 of a file's (or remote object's) bytes; ``None`` when it cannot be read."""
    if remote.is_url(path):
        return remote.object_sha256(path)
    digest = hashlib.sha256()
    try:
        with _open(SourceFile(path, -1, -1)) as stream:  # never blocks on a fifo
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _open(source: SourceFile) -> BinaryIO:
    if remote.is_url(source.path):
        return remote.open_object(source.path)
    # O_NONBLOCK: opening a fifo must not wait for a writer; it is then refused below.
    fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{source.path} is not a regular file (a fifo, device or socket)")
    return os.fdopen(fd, "rb")


def _read_at_most(stream: BinaryIO, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes of ``stream``; ``expected`` (the listed size, -1 when unknown)
    sizes the first read: ``read(n)`` allocates ``n`` bytes up front, and asking for
    ``limit`` (32 MB) for every 8 KB file cost a fifth of the read time."""
    first_size = limit if expected < 0 else min(limit, expected + 1)
    data = stream.read(first_size)
    if len(data) < first_size or len(data) >= limit:  # at the end, or at the limit
        return data
    return data + stream.read(limit - len(data))  # the file grew since it was listed


def read_source(
    source: SourceFile,
    layout: str | None = None,
    on_file_sha256: Callable[[str], None] | None = None,
) -> Iterator[RawCable | Reject]:
    """Every cable (or reject) in one input file, archive or remote object; never raises.

    An archive (by its first bytes; see ``flows.archives``) yields its members' cables, each
    with ``member`` set; a CSV is streamed row by row; any other file is read whole, up to
    ``MAX_FILE_BYTES`` (counted on the bytes read, not the size the listing claimed).
    ``on_file_sha256`` is called with ``file_sha256`` of the file when it was read whole (not
    an archive, a CSV or a refused file), before its items: the caller needs no second read.
    """
    try:
        with _open(source) as stream:
            head = stream.read(ARCHIVE_HEAD)
            archive = archive_kind(head, source.path)
            if archive is not None:
                stream.seek(0)
                yield from read_archive(stream, source.path, archive, source.size, layout)
                return
            kind = layout or detect_layout(head, source.path)
            if kind == "csv":
                stream.seek(0)
                yield from read_cables_csv_stream(stream, source.path)
                return
            rest = _read_at_most(stream, MAX_FILE_BYTES + 1 - len(head), source.size)
            # Joined only when under the limit: a refused file costs one bounded read.
            too_large = len(head) + len(rest) > MAX_FILE_BYTES
            data = head if too_large else head + rest
            del rest
    except Exception as error:  # OSError locally; a remote store raises its own kinds too
        why = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"
        yield Reject(source.path, None, layout, "unreadable", f"cannot read the file: {why}", "")
        return
    if too_large:
        yield Reject(
            source.path,
            None,
            kind,
            "too-large",
            f"{source.path}: passes {MAX_FILE_BYTES // 2**20} MB; only a cables.csv "
            "or an archive may be larger",
            data[:200].decode("utf-8", "replace"),
        )
        return
    sha = sha256_hex(data)
    if on_file_sha256 is not None:
        on_file_sha256(sha)
    yield from read_cables(data, source.path, None, kind, sha)
