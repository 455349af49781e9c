"""One decompressed member (or compressed file) in, cables out, with its size bounded.

The bound is checked on every chunk actually read, never on a declared size: an archive's
directory can claim 1 KB for a member that inflates to 10 GB.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from typing import BinaryIO

from transforms.raw import RawCable, Reject
from transforms.readers import read_cables, read_cables_csv_stream
from transforms.readers.detect import HEAD_BYTES, detect_layout

# A member read whole into memory (every layout but CSV): the largest real cable is ~1 MB.
MAX_MEMBER_BYTES = 256 * 2**20
# A CSV member is streamed row by row, so it may be larger: the whole dump is 1.7 GB.
MAX_STREAMED_MEMBER_BYTES = 8 * 2**30
# Text compresses 5-15:1; a bomb compresses 1000:1. Small members are let through whatever
# their ratio (a 1 KB cable of spaces), big ones must stay under the ratio.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 16 * 2**20
RATIO_FLOOR = 64 * 2**10  # decompressors read ahead: never judge on less input than this
READ_CHUNK = 2**20
# Output asked of a decompressor per call. Small, because a decompressor reads input ahead
# in proportion to what is asked (zipfile: as many compressed bytes as output requested).
INNER_READ = 64 * 2**10


class TooLarge(Exception):
    """Decompressed output passed a bound; ``whole_archive`` when the archive's total did."""

    def __init__(self, message: str, whole_archive: bool = False):
        super().__init__(message)
        self.whole_archive = whole_archive


class Budget:
    """What an archive may inflate to, measured against the compressed bytes consumed so far.

    ``archive`` is the archive's own (compressed) stream: its position says how much input
    the output came from, so a 1000:1 bomb is caught after ~16 MB of output, not after
    200 times its whole size. A stream that cannot tell falls back to ``archive_bytes``.
    """

    def __init__(self, archive_bytes: int, archive: BinaryIO | None = None):
        self.archive_bytes = max(archive_bytes, 1)
        self.archive = archive
        self.total = 0

    def position(self) -> int | None:
        try:
            return self.archive.tell() if self.archive is not None else None
        except (OSError, ValueError):
            return None

    def charge(self, size: int, member_total: int, cap: int, member_input: int | None):
        """Count ``size`` more output bytes; raise ``TooLarge`` past a bound.

        ``member_input``: compressed bytes of this member consumed so far, when known.
        """
        self.total += size
        if member_total > cap:
            raise TooLarge(f"the member passes {cap // 2**20} MB uncompressed")
        if (
            member_total > BOMB_MIN_BYTES
            and member_input is not None
            and (member_total > BOMB_RATIO * max(member_input, RATIO_FLOOR))
        ):
            raise TooLarge(
                f"the member expands more than {BOMB_RATIO}:1 "
                f"({member_input} compressed bytes read, {member_total} out)"
            )
        consumed = self.position() or self.archive_bytes
        if self.total > BOMB_MIN_BYTES and self.total > BOMB_RATIO * max(consumed, RATIO_FLOOR):
            raise TooLarge(
                f"the archive expands more than {BOMB_RATIO}:1 "
                f"({consumed} compressed bytes read, {self.total} out)",
                whole_archive=True,
            )


class _Bounded(io.RawIOBase):
    """A raw stream over ``inner`` that charges every chunk to the budget; ``replay`` bytes
    (the head already read for layout detection) are served first, uncharged.

    ``compressed`` and ``start``: the member's compressed size and offset in the archive,
    when the format says (zip), to measure the member's own ratio as it is read.
    """

    def __init__(self, inner: BinaryIO, budget: Budget, compressed: int | None, start: int | None):
        self.inner, self.budget = inner, budget
        self.compressed, self.start = compressed, start
        self.cap = MAX_MEMBER_BYTES
        self.size = 0
        self.replay = b""

    def readable(self) -> bool:
        return True

    def _member_input(self) -> int | None:
        position = self.budget.position()
        if self.start is None or position is None:
            return self.compressed
        return max(0, min(position - self.start, self.compressed or position))

    def readinto(self, buffer) -> int:
        if self.replay:
            count = min(len(buffer), len(self.replay))
            buffer[:count] = self.replay[:count]
            self.replay = self.replay[count:]
            return count
        data = self.inner.read(min(len(buffer), INNER_READ))
        count = len(data)
        buffer[:count] = data
        self.size += count
        self.budget.charge(count, self.size, self.cap, self._member_input())
        return count


def in_member(item: RawCable | Reject, name: str) -> RawCable | Reject:
    """An item of a CSV member, its row marked ``member:row`` so rows of two members differ."""
    return dataclasses.replace(item, member=f"{name}:{item.member}" if item.member else name)


def read_member(
    stream: BinaryIO,
    source_file: str,
    name: str,
    layout: str | None,
    budget: Budget,
    compressed: int | None = None,
    start: int | None = None,
) -> Iterator[RawCable | Reject]:
    """Cables (or rejects) of one member; raises ``TooLarge`` when a bound is passed.

    The layout is detected on the member's head and name; a CSV member is streamed through
    ``read_cables_csv_stream``, any other is read whole and given to ``read_cables``.
    """
    raw = _Bounded(stream, budget, compressed, start)
    head = b""
    while len(head) < HEAD_BYTES and (chunk := raw.read(HEAD_BYTES - len(head))):
        head += chunk
    raw.replay = head
    kind = layout or detect_layout(head, name)
    if kind == "csv":
        raw.cap = MAX_STREAMED_MEMBER_BYTES
        rows = read_cables_csv_stream(io.BufferedReader(raw, READ_CHUNK), source_file)
        for item in rows:
            yield in_member(item, name)
        return
    chunks = []
    while chunk := raw.read(READ_CHUNK):
        chunks.append(chunk)
    yield from read_cables(b"".join(chunks), source_file, name, kind)
