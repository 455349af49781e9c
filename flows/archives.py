"""Archives read in place: every member of a zip, tar (plain, gz, bz2, xz), 7z, or a single
.gz/.bz2/.xz file becomes an input unit, without extracting anything to disk.

Members are checked before a byte of them is read: a path that would escape (``../``, an
absolute path, a drive letter), a symbolic or hard link, a device or fifo gives a
``Reject(reason="unsafe-member")``. Decompression is bounded while it happens, on the bytes
actually produced (declared sizes can lie): a member read whole past ``MAX_MEMBER_BYTES``, a
CSV member streamed past ``MAX_STREAMED_MEMBER_BYTES``, or output that outgrows its
compressed input more than ``BOMB_RATIO``:1 once past ``BOMB_MIN_BYTES`` gives
``too-large``. A corrupt archive gives ``bad-archive``; nothing here raises.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from flows import sevenzip
from flows.member_reader import Budget, TooLarge, read_member
from transforms.raw import RawCable, Reject
from transforms.readers.common import reject

_MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip: only the end-of-directory record
    (sevenzip.MAGIC, "7z"),
    (b"\x1f\x8b", "gz"),
    (b"\xfd7zXZ\x00", "xz"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_SUFFIXES = (".zip", ".7z", ".tar", ".tgz", ".tbz2", ".txz", ".gz", ".bz2", ".xz")
# Decompressing readers over the archive's stream; closed with the member they read.
_OPENERS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    "gz": lambda s: gzip.GzipFile(fileobj=s, mode="rb"),
    "bz2": lambda s: bz2.BZ2File(s, mode="rb"),
    "xz": lambda s: lzma.LZMAFile(s, mode="rb"),  # noqa: SIM115
}
_DRIVE = re.compile(r"[A-Za-z]:")


@dataclass
class Entry:
    """One member as an archive lists it; ``problem`` says why it must not be read."""

    name: str
    open: Callable[[], BinaryIO] | None
    compressed: int | None = None  # the member's own compressed size, when the format says
    start: int | None = None  # where the member starts in the archive, when the format says
    problem: str | None = None


def archive_kind(head: bytes, name: str) -> str | None:
    """``zip``, ``7z``, ``tar``, ``gz``, ``bz2``, ``xz`` from the first bytes (≥ 512 for a
    plain tar); ``bad`` when only the name says archive; ``None`` for anything else."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if _BZIP2.match(head):
        return "bz2"
    if is_tar_header(head):
        return "tar"
    return "bad" if name.lower().endswith(_SUFFIXES) else None


def is_tar_header(block: bytes) -> bool:
    """True when ``block`` starts with a tar header whose checksum holds."""
    if len(block) < tarfile.BLOCKSIZE:
        return False
    try:
        tarfile.TarInfo.frombuf(block[: tarfile.BLOCKSIZE], "utf-8", "surrogateescape")
    except tarfile.HeaderError:
        return False
    return True


def unsafe_name(name: str) -> str | None:
    """Why a member's path would land outside an extraction folder, or ``None``."""
    path = name.replace("\\", "/")
    if not path.strip("/"):
        return "the member has no name"
    if "\x00" in path:
        return "the member's name holds a NUL byte"
    if path.startswith("/") or _DRIVE.match(path):
        return f"absolute path {name!r}"
    if ".." in path.split("/"):
        return f"path {name!r} climbs out of the archive with '..'"
    return None


def _zip_problem(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):  # 3: made on Unix, mode bits valid
        return f"{info.filename!r} is a symbolic link"
    if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return f"{info.filename!r} is a device, fifo or socket"
    return unsafe_name(info.filename)


def _tar_problem(member: tarfile.TarInfo) -> str | None:
    if member.issym():
        return f"{member.name!r} is a symbolic link to {member.linkname!r}"
    if member.islnk():
        return f"{member.name!r} is a hard link to {member.linkname!r}"
    if not member.isreg():
        return f"{member.name!r} is a device, fifo or other special member"
    return unsafe_name(member.name)


def _zip_entries(stream: BinaryIO) -> Iterator[Entry]:
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            yield Entry(
                info.filename,
                lambda i=info: archive.open(i),
                compressed=info.compress_size,
                start=info.header_offset,
                problem=_zip_problem(info),
            )


def _tar_entries(stream: BinaryIO) -> Iterator[Entry]:
    # Stream mode ("r|"): one pass, no seeking back, so a compressed tar is decompressed once.
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if member.isdir():
                continue
            problem = _tar_problem(member)
            yield Entry(
                member.name,
                None if problem else (lambda m=member: archive.extractfile(m)),
                problem=problem,
            )


def _inner_name(name: str, kind: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = "." + kind
    if base.lower().endswith(suffix) and len(base) > len(suffix):
        return base[: -len(suffix)]
    return base


def _entries(stream: BinaryIO, kind: str, name: str) -> Iterator[Entry]:
    if kind == "zip":
        return _zip_entries(stream)
    if kind == "7z":
        return sevenzip.entries(stream, lambda info: _sevenzip_problem(info))
    if kind == "tar":
        return _tar_entries(stream)
    probe = _OPENERS[kind](stream).read(tarfile.BLOCKSIZE)  # a tar inside, or one file?
    stream.seek(0)
    if is_tar_header(probe):
        return _tar_entries(_OPENERS[kind](stream))
    return iter([Entry(_inner_name(name, kind), lambda: _OPENERS[kind](stream))])


def _sevenzip_problem(info) -> str | None:
    if info.is_symlink or info.is_junction:
        return f"{info.filename!r} is a symbolic link"
    if info.is_socket:
        return f"{info.filename!r} is a socket"
    return unsafe_name(info.filename)


def read_archive(
    stream: BinaryIO, source_file: str, kind: str, archive_bytes: int, layout: str | None = None
) -> Iterator[RawCable | Reject]:
    """Every cable (or reject) in every member of the archive in ``stream``; never raises.

    Members come in archive order; ``member`` on each item is the member's name (for a CSV
    member, ``name:row``). After a ``too-large`` member a zip goes on with the next member;
    a tar, 7z or compressed file stops there (reading on would mean decompressing the bomb).
    """
    if kind == "bad":
        yield reject(
            source_file,
            None,
            None,
            "bad-archive",
            "named as an archive but its bytes are not one",
            "",
            None,
        )
        return
    budget = Budget(archive_bytes, stream)
    produced = False
    try:
        for entry in _entries(stream, kind, source_file):
            produced = True
            if entry.problem is not None:
                yield reject(
                    source_file,
                    entry.name,
                    None,
                    "unsafe-member",
                    f"{entry.problem}: not read",
                    "",
                    None,
                )
                continue
            try:
                with entry.open() as member_stream:
                    yield from read_member(
                        member_stream,
                        source_file,
                        entry.name,
                        layout,
                        budget,
                        entry.compressed,
                        entry.start,
                    )
            except TooLarge as error:
                more = kind == "zip" and not error.whole_archive
                yield reject(
                    source_file,
                    entry.name,
                    None,
                    "too-large",
                    f"{error}" + ("" if more else "; the rest of the archive is not read"),
                    "",
                    None,
                )
                if not more:
                    return
            except Exception as error:  # corrupt data inside the member: CRC, truncated stream
                yield reject(
                    source_file,
                    entry.name,
                    None,
                    "bad-archive",
                    f"cannot read the member: {type(error).__name__}: {error}",
                    "",
                    None,
                )
                if kind != "zip":
                    return
    except Exception as error:  # a corrupt directory or header; the libraries raise many kinds
        yield reject(
            source_file,
            None,
            None,
            "bad-archive",
            f"corrupt {kind} archive: {type(error).__name__}: {error}",
            "",
            None,
        )
        return
    if not produced:
        yield reject(source_file, None, None, "empty-file", "the archive holds no files", "", None)
