"""7z members as streams, without extracting to disk.

py7zr decompresses a solid archive in one pass and hands each member's bytes to writer
objects. That pass runs in a thread whose writers put chunks on a small queue; the caller
reads each member as a stream from the queue. Memory stays at a few chunks whatever the
archive's size, and a caller that stops early (a bomb refused) cancels the pass.
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

import py7zr
from py7zr.io import Py7zIO, WriterFactory

MAGIC = b"7z\xbc\xaf\x27\x1c"
PIECE = 2**20  # py7zr may write chunks of up to 128 MB; the reader sees 1 MB pieces
QUEUE_PIECES = 4


class _Cancelled(Exception):
    pass


class _Writer(Py7zIO):
    def __init__(self, events: queue.Queue, cancelled: threading.Event):
        self.events, self.cancelled, self.written = events, cancelled, 0

    def write(self, data) -> int:
        view = memoryview(data)
        for start in range(0, len(view), PIECE):
            if self.cancelled.is_set():
                raise _Cancelled
            self.events.put(("data", bytes(view[start : start + PIECE])))
        self.written += len(view)
        return len(view)

    def close(self) -> None:  # py7zr calls it when the member is complete (CRC not yet bad)
        self.events.put(("end", None))

    def read(self, size=None) -> bytes:
        return b""

    def seek(self, offset, whence=0) -> int:
        return 0

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self.written


class _Factory(WriterFactory):
    def __init__(self, events: queue.Queue, cancelled: threading.Event):
        self.events, self.cancelled = events, cancelled

    def create(self, filename: str) -> Py7zIO:
        if self.cancelled.is_set():
            raise _Cancelled
        self.events.put(("start", filename))
        return _Writer(self.events, self.cancelled)


class _MemberStream(io.RawIOBase):
    """The bytes of the current member, pulled from the queue up to its ``end`` event."""

    def __init__(self, events: queue.Queue):
        self.events, self.pending, self.ended = events, b"", False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending and not self.ended:
            kind, payload = self.events.get()
            if kind == "data":
                self.pending = payload
            elif kind == "end":
                self.ended = True
            else:  # "error" (a CRC mismatch, truncated data) or an unexpected "start"
                self.ended = True
                raise payload if isinstance(payload, Exception) else OSError("7z stream broke")
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count

    def skip_rest(self) -> None:
        while self.readinto(bytearray(PIECE)):
            pass


def _extract(
    archive: py7zr.SevenZipFile, targets: list[str], events: queue.Queue, cancelled: threading.Event
) -> None:
    try:
        archive.extract(targets=targets, factory=_Factory(events, cancelled))
        events.put(("done", None))
    except BaseException as error:  # handed to the reading side, which reports it
        events.put(("error", error))


def entries(stream: BinaryIO, problem_of: Callable) -> Iterator:
    """Entries (see ``flows.archives.Entry``) of the 7z archive in ``stream``; the unsafe
    ones (by ``problem_of(file_info)``) first, never decompressed, then the rest in order."""
    from flows.archives import Entry

    with py7zr.SevenZipFile(stream, mode="r") as archive:
        safe = []
        for info in archive.files:
            if info.is_directory:
                continue
            problem = problem_of(info)
            if problem is not None:
                yield Entry(info.filename, None, problem=problem)
            else:
                safe.append(info.filename)
        if not safe:
            return
        events: queue.Queue = queue.Queue(maxsize=QUEUE_PIECES)
        cancelled = threading.Event()
        worker = threading.Thread(
            target=_extract, args=(archive, safe, events, cancelled), name="7z-extract", daemon=True
        )
        worker.start()
        try:
            while True:
                kind, payload = events.get()
                if kind == "done":
                    return
                if kind == "error":
                    raise payload
                if kind != "start":
                    continue
                member = _MemberStream(events)
                yield Entry(payload, lambda m=member: m)
                if not member.ended:
                    member.skip_rest()  # the caller stopped early without closing us
        finally:
            cancelled.set()
            while worker.is_alive():  # unblock the writer so the thread can end
                with contextlib.suppress(queue.Empty):
                    events.get(timeout=0.05)
            worker.join()
