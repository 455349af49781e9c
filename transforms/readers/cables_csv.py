"""Reader of the WikiLeaks ``cables.csv`` dump (1.7 GB): a state machine over lines.

No header row; eight quoted columns: row id, ``M/D/YYYY H:MM``, reference id, origin,
classification, ``|``-separated references, routing header, content. Quotes inside fields are
escaped MySQL-style (``\\"``, ``\\'``), never doubled; fields hold real newlines. The dump is
streamed line by line and never held whole; each row is bounded so broken quoting costs one
row, not the rest of the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from transforms.raw import RawCable, Reject
from transforms.readers.common import reject, sha256_hex
from transforms.readers.decode import _decode_line

FORMAT = "csv"
FIELDS = 8
MAX_ROW_BYTES = 8 * 1024 * 1024  # the longest cable is ~1 MB; past 8 MB a row's quoting broke
READ_CHUNK = 1024 * 1024

ROW_START = re.compile(r'"(\d{1,9})","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
_CREATED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})")
_SPECIAL = re.compile(r'["\\]')
_ESCAPES = {'"': '"', "'": "'", "\\": "\\"}


@dataclass
class _Row:
    """A row being read: its raw bytes, finished fields and the open field's pieces."""

    first_line: int
    raw: list[bytes] = field(default_factory=list)
    size: int = 0
    fields: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    in_quote: bool = False
    closing: bool = False  # the last field closed at a line end; the next line confirms it
    codecs: set[str] = field(default_factory=set)
    broken: str | None = None  # why the row cannot be a cable


def _scan(row: _Row, line: str) -> None:
    """Advance ``row`` over one line (without its newline) of field text."""
    pos = 0
    while pos <= len(line):
        if not row.in_quote:
            if line.startswith('"', pos):
                row.in_quote, pos = True, pos + 1
            elif pos < len(line) or row.fields:
                row.broken = row.broken or f"unquoted text in column {len(row.fields) + 1}"
                return
            else:
                return
        hit = _SPECIAL.search(line, pos)
        if hit is None:
            row.pieces.append(line[pos:])
            row.pieces.append("\n")
            return
        at = hit.start()
        row.pieces.append(line[pos:at])
        if line[at] == "\\":
            nxt = line[at + 1 : at + 2]
            row.pieces.append(_ESCAPES.get(nxt, "\\" + nxt))
            pos = at + 2
            if not nxt:
                row.pieces.append("\n")
                return
            continue
        last = len(row.fields) == FIELDS - 1
        if not last and line.startswith(',"', at + 1):
            row.fields.append("".join(row.pieces))
            row.pieces, row.in_quote, pos = [], False, at + 2
        elif last and at + 1 == len(line):
            row.closing = True
            return
        else:  # an unescaped quote inside a field: keep it, the dump's quoting slipped
            row.pieces.append('"')
            pos = at + 1
    row.pieces.append("\n")


def _reopen(row: _Row) -> None:
    """The quote that seemed to end the row was followed by more text: it was literal."""
    row.closing = False
    row.pieces.append('"\n')


def _cable(row: _Row, source_file: str) -> RawCable | Reject:
    """Turn a closed row into a cable, or a ``bad-metadata`` / ``bad-row`` reject."""
    data = b"".join(row.raw)
    text = data[:800].decode("utf-8", errors="replace")
    sha = sha256_hex(data)
    fields = [*row.fields, "".join(row.pieces)]
    if row.broken is not None or len(fields) != FIELDS:
        why = row.broken or f"{len(fields)} columns instead of {FIELDS}"
        return reject(
            source_file,
            f"line {row.first_line}",
            FORMAT,
            "bad-row",
            f"row at line {row.first_line}: {why}",
            text,
            sha,
        )
    row_id, created_text, reference_id, origin, classification, refs, header, content = fields
    match = _CREATED.fullmatch(created_text.strip())
    created_at = None
    if match is not None:
        month, day, year, hour, minute = (int(g) for g in match.groups())
        try:
            created_at = datetime(year, month, day, hour, minute)
        except ValueError:
            created_at = None
    if created_at is None or not reference_id.strip():
        return reject(
            source_file,
            row_id,
            FORMAT,
            "bad-metadata",
            f"row {row_id}: date {created_text[:30]!r} or reference id "
            f"{reference_id[:30]!r} invalid",
            text,
            sha,
        )
    codec = "utf-8" if not row.codecs else row.codecs.pop() if len(row.codecs) == 1 else "mixed"
    return RawCable(
        reference_id=reference_id.strip(),
        title=None,
        created=created_at.date(),
        created_at=created_at,
        released=None,
        classification=classification.strip() or None,
        origin=origin.strip() or None,
        references=tuple(r.strip() for r in refs.split("|") if r.strip()),
        header=header,
        telegram=content,
        source_file=source_file,
        member=row_id,
        source_format=FORMAT,
        source_sha256=sha,
        encoding=codec,
    )


def _stray(lines: list[bytes], first_line: int, source_file: str) -> Reject:
    data = b"".join(lines)
    last = first_line + len(lines) - 1
    return reject(
        source_file,
        f"line {first_line}",
        FORMAT,
        "stray-text",
        f"lines {first_line}-{last} are outside any row (a row cut off before them "
        "or text after a closed row)",
        data.decode("utf-8", errors="replace"),
        sha256_hex(data),
    )


def _chunked_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of ``stream``; a line past ``MAX_ROW_BYTES`` is cut there (its row is broken)."""
    pending: list[bytes] = []
    size = 0
    while chunk := stream.readline(READ_CHUNK):
        if size <= MAX_ROW_BYTES:
            pending.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def read_lines(lines: Iterable[bytes], source_file: str) -> Iterator[RawCable | Reject]:
    """Yield a cable per complete row, a reject per broken row or run of stray lines.

    State machine: a row opens on a line starting ``"<digits>","M/D/YYYY H:MM","``; fields
    close on ``","``; the eighth closes on a quote at a line end, confirmed only when the
    next line opens a row or the input ends (otherwise that quote was literal). Inside a
    field, a line that opens a row ends the current row as ``unterminated-row``; a row past
    8 MB is ``oversized-row`` and skipped up to the next row start; an input ending inside a
    row gives ``truncated-row`` after every complete row; lines outside rows (the stray line
    a split dump starts with) give one ``stray-text`` reject per run. ``member`` is the row
    id; ``source_sha256`` the hash of the row's raw bytes.
    """
    row: _Row | None = None
    stray: list[bytes] = []
    stray_start = 0
    skipping = False  # after an oversized row, up to the next row start
    for number, raw in enumerate(lines, 1):
        text, codec = _decode_line(raw)
        text = text[:-1] if text.endswith("\n") else text
        text = text[:-1] if text.endswith("\r") else text
        starts_row = ROW_START.match(text) is not None
        if row is not None and starts_row:
            if row.closing:
                yield _cable(row, source_file)
            else:
                yield reject(
                    source_file,
                    row.fields[0] if row.fields else None,
                    FORMAT,
                    "unterminated-row",
                    f"row at line {row.first_line} never closed "
                    f"before line {number} opened a new row",
                    b"".join(row.raw).decode("utf-8", errors="replace"),
                    sha256_hex(b"".join(row.raw)),
                )
            row = None
        elif row is not None and row.closing:
            _reopen(row)
        if row is None:
            if skipping and not starts_row:
                continue
            skipping = False
            if not starts_row:
                stray_start = stray_start if stray else number
                if len(stray) < 1000:
                    stray.append(raw)
                continue
            if stray:
                yield _stray(stray, stray_start, source_file)
                stray = []
            row = _Row(first_line=number)
        row.raw.append(raw)
        row.size += len(raw)
        if codec != "utf-8":
            row.codecs.add(codec)
        if row.size > MAX_ROW_BYTES:
            yield reject(
                source_file,
                row.fields[0] if row.fields else None,
                FORMAT,
                "oversized-row",
                f"row at line {row.first_line} passes "
                f"{MAX_ROW_BYTES // 2**20} MB without closing: skipped to the next row",
                b"".join(row.raw[:1]).decode("utf-8", errors="replace"),
                None,
            )
            row, skipping = None, True
            continue
        _scan(row, text)
    if row is not None:
        if row.closing:
            yield _cable(row, source_file)
        else:
            data = b"".join(row.raw)
            row_id = row.fields[0] if row.fields else None
            yield reject(
                source_file,
                row_id,
                FORMAT,
                "truncated-row",
                f"input ends inside row {row_id} (line {row.first_line}, column "
                f"{len(row.fields) + 1} of {FIELDS} open): a cut-off download",
                data.decode("utf-8", errors="replace"),
                sha256_hex(data),
            )
    if stray:
        yield _stray(stray, stray_start, source_file)


def read_stream(stream: BinaryIO, source_file: str) -> Iterator[RawCable | Reject]:
    """``read_lines`` over a binary stream, one line at a time (the 1.7 GB dump fits)."""
    yield from read_lines(_chunked_lines(stream), source_file)


def read(
    text: str, source_file: str, member: str | None, sha256: str, encoding: str
) -> Iterator[RawCable | Reject]:
    """``read_lines`` over already decoded text (re-encoded as UTF-8 to hash the rows)."""
    yield from read_stream(io.BytesIO(text.encode("utf-8")), source_file)
