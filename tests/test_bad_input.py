"""Bad input, one file at a time: each becomes one reject with the right reason, or a cable.

``read_source`` (the extract step) then ``parse_cable``: nothing raises, nothing hangs (a FIFO
is refused without being opened for a blocking read), and a 100 MB file is refused after
reading a bounded amount. The whole mixed folder through the pipeline is in test_accounting.
"""

from __future__ import annotations

import codecs
import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from flows.sources import MAX_FILE_BYTES, SourceFile, read_source
from tests.mixed_corpus import (
    BIG_FILE_BYTES,
    SEED_LINES,
    SEED_TEXT,
    seed_variant,
    write_mixed_corpus,
)
from transforms.parse import parse_cable
from transforms.raw import RawCable, Reject

HANG_SECONDS = 30  # never-hang bound for reading one file


def outcomes(path: Path) -> list[tuple]:
    """What reading then parsing ``path`` gives: ("cable", id, encoding) or ("reject", why)."""
    result: list[tuple] = []

    def read() -> None:
        stat = path.stat() if path.exists() else None
        source = SourceFile(
            str(path), stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1
        )
        for item in read_source(source):
            parsed = parse_cable(item) if isinstance(item, RawCable) else item
            if isinstance(parsed, Reject):
                assert parsed.message and parsed.source_file == str(path)
                result.append(("reject", parsed.reason))
            else:
                result.append(("cable", parsed.cable["cable_id"], parsed.cable["source_encoding"]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(HANG_SECONDS)
    assert not reader.is_alive(), f"reading {path.name} hangs"
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-input")
    return folder, write_mixed_corpus(folder, big_file=False)


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "whitespace.txt",
        "header-only.txt",
        "junk.txt",
        "truncated.txt",
        "bad-date.txt",
        "bad-id.txt",
        "page.html",
        "fifo.txt",
        "dangling.txt",
        "self-loop.txt",
    ],
)
def test_each_bad_file_is_one_reject_with_its_reason(corpus, name):
    folder, expected = corpus
    assert outcomes(folder / name) == [expected[name]]


@pytest.mark.parametrize(
    "name",
    [
        "08ISLAMABAD501.txt",
        "08ISLAMABAD502.txt",
        "08ISLAMABAD503.txt",
        "08ISLAMABAD504.txt",
    ],
)
def test_odd_encodings_still_give_the_cable(corpus, name):
    folder, expected = corpus
    assert outcomes(folder / name) == [("cable", name.removesuffix(".txt"), expected[name][1])]


def test_csv_keeps_good_rows_after_a_broken_one(corpus):
    folder, _ = corpus
    assert outcomes(folder / "rows.csv") == [
        ("cable", "85GABORONE9001", "utf-8"),
        ("reject", "unterminated-row"),
        ("cable", "85GABORONE9003", "utf-8"),
        ("cable", "85GABORONE9004", "utf-8"),
    ]


def test_a_file_gone_since_discovery(tmp_path):
    assert outcomes(tmp_path / "gone.txt") == [("reject", "unreadable")]


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (codecs.BOM_UTF8, ("reject", "empty-file")),
        (codecs.BOM_UTF16_LE, ("reject", "empty-file")),
        (b"\x1a", ("reject", "empty-file")),  # a DOS end-of-file mark and nothing else
        (b"\x00" * 5000, ("reject", "binary")),
        (b"08ISLAMABAD421\n", ("reject", "bad-metadata")),
        (("\n".join(SEED_LINES[:5]) + "\n   \n\n").encode(), ("reject", "no-telegram")),
        (seed_variant("08islamabad421").encode(), ("reject", "bad-metadata")),
        (SEED_TEXT.encode("utf-16-be"), ("cable", "08ISLAMABAD421", "utf-16")),  # no BOM
        (SEED_TEXT.replace("\n", "\r").encode(), ("cable", "08ISLAMABAD421", "utf-8")),
        (
            SEED_TEXT.encode()[:3000] + b"\x00" + SEED_TEXT.encode()[3000:],
            ("cable", "08ISLAMABAD421", "utf-8"),
        ),
    ],
    ids=[
        "bom",
        "utf16-bom",
        "sub",
        "nuls",
        "id-only",
        "blank-telegram",
        "lower-case-id",
        "utf16be-no-bom",
        "cr-line-ends",
        "one-nul",
    ],
)
def test_edge_files(tmp_path, data, outcome):
    path = tmp_path / "edge.txt"
    path.write_bytes(data)
    assert outcomes(path) == [outcome]


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (
            "<html><table class='cable'><tr><td>08ISLAMABAD421</td><td>garbage</td>"
            "<td>CONFIDENTIAL</td><td>Embassy Islamabad</td></tr></table><pre>x</pre></html>",
            "bad-metadata",
        ),
        (
            "<html><table class='cable'><tr><td>08ISLAMABAD421</td><td>2008-01-29 13:36</td>"
            "<td>CONFIDENTIAL</td><td>Embassy Islamabad</td></tr></table></html>",
            "no-telegram",
        ),
        (
            "<html><table class='cable'><tr><td>08ISLAMABAD421<td>2008-01-29 13:36"
            + "<td>" * 10000,
            "no-telegram",
        ),
    ],
)
def test_broken_cablegate_pages(tmp_path, page, reason):
    path = tmp_path / "page.html"
    path.write_text(page)
    assert outcomes(path) == [("reject", reason)]


def test_a_100_mb_file_is_refused_with_bounded_memory(tmp_path):
    """Only a cables.csv (streamed) may pass MAX_FILE_BYTES; anything else is refused, and
    refusing it reads at most about MAX_FILE_BYTES, never the whole file."""
    path = tmp_path / "huge.txt"
    path.write_text(SEED_TEXT)
    with open(path, "r+b") as stream:
        stream.truncate(BIG_FILE_BYTES)  # sparse: 100 MB without writing 100 MB
    tracemalloc.start()
    try:
        result = outcomes(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result == [("reject", "too-large")]
    print(f"\nreading a {BIG_FILE_BYTES >> 20} MB file: peak {peak / 2**20:.1f} MB traced")
    assert peak < MAX_FILE_BYTES + 8 * 2**20


def test_a_100_mb_csv_is_streamed_with_bounded_memory(tmp_path):
    """A cables.csv may be any size: it is read row by row. One 100 MB row whose quote never
    closes costs one `oversized-row` reject and the rows after it still load."""
    path = tmp_path / "dump.csv"
    line = b"X" * 1023 + b"\n"
    with open(path, "wb") as stream:
        stream.write(b'"1","1/9/1985 15:30","85X1","E","U","","h","UNCLAS\n')
        stream.write(line * (BIG_FILE_BYTES // len(line)))
        stream.write(
            b'"2","1/9/1985 15:30","85GABORONE9002","Embassy Gaborone","UNCLASSIFIED",'
            b'"","R 091530Z JAN 85","UNCLAS GABORONE 9002\n\nSUBJECT: AFTER\n"\n'
        )
    tracemalloc.start()
    try:
        result = outcomes(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result == [("reject", "oversized-row"), ("cable", "85GABORONE9002", "utf-8")]
    print(f"\nstreaming a {os.path.getsize(path) >> 20} MB CSV: peak {peak / 2**20:.1f} MB traced")
    assert peak < 32 * 2**20
