"""Readers: bytes of any published layout in, ``RawCable`` records (or ``Reject``s) out.

``read_cables`` detects the layout, decodes the bytes and dispatches to one reader module per
layout (``text``, ``html_page``, ``cables_csv``, ``pdf_text``, ``plusd``); each exposes
``read(text, source_file, member, sha256, encoding)``. ``read_cables_csv_stream`` reads the
1.7 GB ``cables.csv`` dump row by row without loading it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from transforms.raw import RawCable, Reject
from transforms.readers import cables_csv, html_page, pdf_text, plusd, text
from transforms.readers.common import reject, sha256_hex
from transforms.readers.decode import decode_text
from transforms.readers.detect import HEAD_BYTES, LAYOUTS, detect_layout

__all__ = ["LAYOUTS", "decode_text", "detect_layout", "read_cables", "read_cables_csv_stream"]

Reader = Callable[[str, str, "str | None", str, str], Iterator["RawCable | Reject"]]
READERS: dict[str, Reader] = {
    "txt": text.read,
    "html": html_page.read,
    "csv": cables_csv.read,
    "pdf-text": pdf_text.read,
    "plusd": plusd.read,
}


def read_cables(
    data: bytes,
    source_file: str,
    member: str | None = None,
    layout: str | None = None,
    sha: str | None = None,
) -> Iterator[RawCable | Reject]:
    """Yield the cables in one file (or archive member), or rejects; always at least one item.

    ``layout`` forces a reader, else ``detect_layout`` picks one from the content. Rejects of
    the file as a whole: ``empty-file`` (no bytes, or only whitespace, a BOM or end-of-file
    marks), ``binary`` (not text), ``unknown-layout`` (no reader fits, or an unknown forced
    ``layout``). A CSV layout is read as a stream so each row is hashed on its own bytes;
    never raises. ``sha`` is ``sha256_hex(data)`` when the caller has it already.
    """
    sha = sha or sha256_hex(data)
    name = member or source_file
    if not data.strip():
        yield reject(source_file, member, layout, "empty-file", "the file has no content", "", sha)
        return
    chosen = layout or detect_layout(data[:HEAD_BYTES], name)
    if chosen not in READERS:
        why = f"unknown layout {layout!r}" if layout else "no known layout fits the content"
        yield reject(
            source_file,
            member,
            None,
            "unknown-layout",
            f"{why} ({', '.join(LAYOUTS)})",
            data[:400].decode("utf-8", errors="replace"),
            sha,
        )
        return
    if chosen == "csv":
        yield from _guarded(
            read_cables_csv_stream(io.BytesIO(data), source_file), source_file, member, chosen, sha
        )
        return
    decoded = decode_text(data)
    if decoded is None:
        yield reject(
            source_file,
            member,
            chosen,
            "binary",
            "the bytes are not text (NULs or control characters)",
            data[:200].decode("latin-1"),
            sha,
        )
        return
    content, encoding = decoded
    if not content.strip("\ufeff\x1a \t\n\x0b\x0c"):  # a BOM or DOS end-of-file mark alone
        yield reject(source_file, member, chosen, "empty-file", "the file has no text", "", sha)
        return
    yield from _guarded(
        READERS[chosen](content, source_file, member, sha, encoding),
        source_file,
        member,
        chosen,
        sha,
    )


def read_cables_csv_stream(stream: BinaryIO, source_file: str) -> Iterator[RawCable | Reject]:
    """Yield the rows of a ``cables.csv`` stream as cables or rejects, one line at a time.

    Memory stays bounded by the largest row (8 MB cap); see ``cables_csv.read_lines``. An
    empty stream gives one ``empty-file`` reject.
    """
    produced = False
    for item in cables_csv.read_stream(stream, source_file):
        produced = True
        yield item
    if not produced:
        yield reject(source_file, None, "csv", "empty-file", "the CSV has no rows", "", None)


def _guarded(
    items: Iterator[RawCable | Reject],
    source_file: str,
    member: str | None,
    layout: str,
    sha: str,
) -> Iterator[RawCable | Reject]:
    """Pass items through; a reader bug becomes a ``reader-error`` reject, never a raise."""
    produced = False
    try:
        for item in items:
            produced = True
            yield item
    except Exception as error:  # a reader bug must not stop a 250,000-cable run
        yield reject(
            source_file, member, layout, "reader-error", f"{type(error).__name__}: {error}", "", sha
        )
        return
    if not produced:
        yield reject(source_file, member, layout, "no-cable", "the reader found no cable", "", sha)
