"""Archives read in place: every type, unsafe members, bombs and corrupt files as rejects."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import stat
import tarfile
import threading
import zipfile
from pathlib import Path

import py7zr
import pytest

from flows import member_reader
from flows.sources import SourceFile, read_source
from tests.conftest import SEED_CABLE
from tests.fixture_cables import csv_row, text_cable
from transforms.raw import RawCable, Reject
from transforms.readers.common import sha256_hex

SEED = SEED_CABLE.read_bytes()
SMALL = text_cable().encode()
DUMP = (csv_row(1, "09VALLETTA78") + csv_row(2, "09VALLETTA79")).encode()
MEMBERS = {"08ISLAMABAD421.txt": SEED, "more/09VALLETTA77.txt": SMALL, "dump/cables.csv": DUMP}


def _read(path: Path, layout: str | None = None) -> list[RawCable | Reject]:
    return list(read_source(SourceFile(str(path), path.stat().st_size, 0), layout))


def _summary(items) -> list[tuple]:
    return [
        (i.reference_id, i.member) if isinstance(i, RawCable) else (i.reason, i.member)
        for i in items
    ]


def _tar(path: Path, mode: str, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _sevenzip(path: Path, members: dict[str, bytes]) -> Path:
    with py7zr.SevenZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(data, name)
    return path


BUILDERS = {
    "a.zip": _zip,
    "a.7z": _sevenzip,
    "a.tar": lambda p, m: _tar(p, "w", m),
    "a.tar.gz": lambda p, m: _tar(p, "w:gz", m),
    "a.tgz": lambda p, m: _tar(p, "w:gz", m),
    "a.tar.bz2": lambda p, m: _tar(p, "w:bz2", m),
    "a.tar.xz": lambda p, m: _tar(p, "w:xz", m),
}
EXPECTED = [
    ("08ISLAMABAD421", "08ISLAMABAD421.txt"),
    ("09VALLETTA77", "more/09VALLETTA77.txt"),
    ("09VALLETTA78", "dump/cables.csv:1"),
    ("09VALLETTA79", "dump/cables.csv:2"),
]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_member_of_an_archive_is_an_input_unit(tmp_path, name):
    path = BUILDERS[name](tmp_path / name, MEMBERS)
    items = _read(path)
    assert _summary(items) == EXPECTED
    assert {i.source_file for i in items} == {str(path)}
    by_member = {i.member: i for i in items}
    assert by_member["08ISLAMABAD421.txt"].source_sha256 == sha256_hex(SEED)
    assert by_member["more/09VALLETTA77.txt"].source_format == "txt"
    assert by_member["dump/cables.csv:1"].source_format == "csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing extracted


@pytest.mark.parametrize(
    ("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_a_single_compressed_file_is_its_inner_file(tmp_path, suffix, compress):
    path = tmp_path / f"08ISLAMABAD421.txt{suffix}"
    path.write_bytes(compress(SEED))
    (cable,) = _read(path)
    assert (cable.reference_id, cable.member, cable.source_file) == (
        "08ISLAMABAD421",
        "08ISLAMABAD421.txt",
        str(path),
    )
    assert cable.source_sha256 == sha256_hex(SEED)


def test_a_compressed_csv_is_streamed_row_by_row(tmp_path):
    path = tmp_path / "cables.csv.gz"
    path.write_bytes(gzip.compress(DUMP))
    assert _summary(_read(path)) == [
        ("09VALLETTA78", "cables.csv:1"),
        ("09VALLETTA79", "cables.csv:2"),
    ]


def _unsafe_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../evil.txt", SMALL)
        archive.writestr("/abs.txt", SMALL)
        link = zipfile.ZipInfo("link.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("ok/08ISLAMABAD421.txt", SEED)
    return path


def _unsafe_tar(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name in ("../evil.txt", "/abs.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(SMALL)
            archive.addfile(info, io.BytesIO(SMALL))
        for name, kind in (
            ("link.txt", tarfile.SYMTYPE),
            ("hard.txt", tarfile.LNKTYPE),
            ("dev.txt", tarfile.CHRTYPE),
        ):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "../../etc/passwd"
            archive.addfile(info)
        info = tarfile.TarInfo("ok/08ISLAMABAD421.txt")
        info.size = len(SEED)
        archive.addfile(info, io.BytesIO(SEED))
    return path


@pytest.mark.parametrize(
    ("builder", "unsafe"),
    [
        (_unsafe_zip, ["../evil.txt", "/abs.txt", "link.txt"]),
        (_unsafe_tar, ["../evil.txt", "/abs.txt", "link.txt", "hard.txt", "dev.txt"]),
    ],
)
def test_members_that_would_escape_are_rejected_and_never_written(
    tmp_path, monkeypatch, builder, unsafe
):
    inside = tmp_path / "deep" / "inside"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)  # a naive extractor would write ../evil.txt next to `inside`
    path = builder(inside / "unsafe.archive")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    items = _read(path)
    assert _summary(items) == [
        *[("unsafe-member", n) for n in unsafe],
        ("08ISLAMABAD421", "ok/08ISLAMABAD421.txt"),
    ]
    assert all(repr(n) in i.message for n, i in zip(unsafe, items, strict=False))
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert not Path("/abs.txt").exists()


def test_a_7z_symlink_member_is_rejected(tmp_path):
    target = tmp_path / "target.txt"
    target.write_bytes(SMALL)
    (tmp_path / "link.txt").symlink_to(target)
    path = tmp_path / "links.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.write(tmp_path / "link.txt", "link.txt")
        archive.writestr(SEED, "08ISLAMABAD421.txt")
    assert _summary(_read(path)) == [
        ("unsafe-member", "link.txt"),
        ("08ISLAMABAD421", "08ISLAMABAD421.txt"),
    ]


def _zeros(stream, megabytes: int) -> None:
    block = bytes(2**20)
    for _ in range(megabytes):
        stream.write(block)


def test_a_zip_bomb_is_refused_and_the_next_member_still_read(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.txt", "w", force_zip64=True) as member:
            _zeros(member, 300)  # 300 MB of zeros, streamed: ~300 KB on disk
        archive.writestr("08ISLAMABAD421.txt", SEED)
    assert path.stat().st_size < 2 * 2**20
    items = _read(path)
    assert _summary(items) == [("too-large", "zeros.txt"), ("08ISLAMABAD421", "08ISLAMABAD421.txt")]
    assert "200:1" in items[0].message


@pytest.mark.parametrize("name", ["bomb.tar.gz", "zeros.txt.gz"])
def test_a_gzip_bomb_stops_the_stream(tmp_path, name):
    path = tmp_path / name
    with gzip.open(path, "wb", compresslevel=6) as stream:
        if name.startswith("bomb"):
            with tarfile.open(fileobj=stream, mode="w|") as archive:
                info = tarfile.TarInfo("zeros.txt")
                info.size = 300 * 2**20
                archive.addfile(info, _ZeroReader(info.size))
        else:
            _zeros(stream, 300)
    (refused,) = _read(path)
    assert (refused.reason, refused.member) == ("too-large", "zeros.txt")
    assert "rest of the archive is not read" in refused.message


class _ZeroReader(io.RawIOBase):
    def __init__(self, size: int):
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


def test_a_member_past_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(member_reader, "MAX_MEMBER_BYTES", 4096)
    path = _zip(tmp_path / "big.zip", {"08ISLAMABAD421.txt": SEED, "small.txt": SMALL[:3000]})
    items = _read(path)
    assert _summary(items)[0] == ("too-large", "08ISLAMABAD421.txt")
    assert items[1].member == "small.txt"  # a zip goes on with the next member


@pytest.mark.parametrize("name", ["a.zip", "a.7z", "a.tar.gz", "a.tar.bz2", "a.txt.xz"])
def test_a_truncated_archive_is_a_bad_archive_reject(tmp_path, name):
    whole = tmp_path / ("whole-" + name)
    if name.endswith(".txt.xz"):
        whole.write_bytes(lzma.compress(SEED))
    else:
        BUILDERS[name](whole, MEMBERS)
    path = tmp_path / name
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    items = _read(path)
    assert items, name
    assert items[-1].reason == "bad-archive", _summary(items)


def test_bytes_that_are_not_the_archive_their_name_says(tmp_path):
    for name in ("fake.zip", "fake.7z", "fake.tgz", "fake.gz"):
        (tmp_path / name).write_bytes(b"just some text, no archive\n" * 30)
        (reject,) = _read(tmp_path / name)
        assert reject.reason == "bad-archive", name


def test_a_corrupt_member_is_rejected_and_the_zip_goes_on(tmp_path):
    path = _zip(tmp_path / "crc.zip", {"first.txt": SMALL, "08ISLAMABAD421.txt": SEED})
    data = bytearray(path.read_bytes())
    at = data.index(b"first.txt") + len(b"first.txt") + 10  # inside the deflated bytes
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    assert _summary(_read(path)) == [
        ("bad-archive", "first.txt"),
        ("08ISLAMABAD421", "08ISLAMABAD421.txt"),
    ]


def test_an_empty_archive_is_one_reject(tmp_path):
    path = _zip(tmp_path / "empty.zip", {})
    assert _summary(_read(path)) == [("empty-file", None)]


def test_a_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (reject,) = list(read_source(SourceFile(str(fifo), 0, 0)))
    assert reject.reason == "unreadable"


def test_a_7z_bomb_cancels_the_decompressing_thread(tmp_path):
    path = tmp_path / "bomb.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(bytes(40 * 2**20), "zeros.txt")  # ~6 KB of LZMA2 on disk
        archive.writestr(SEED, "08ISLAMABAD421.txt")
    (refused,) = _read(path)
    assert (refused.reason, refused.member) == ("too-large", "zeros.txt")
    assert not [t for t in threading.enumerate() if t.name == "7z-extract"]
