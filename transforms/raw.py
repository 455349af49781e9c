"""The raw-cable record every reader yields and every parser takes.

Readers (one per published layout, in ``transforms/readers``) turn bytes into ``RawCable``
records; ``transforms.parse.parse_cable`` turns one ``RawCable`` into table rows. Nothing here
does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RawCable:
    """One cable as a layout published it, before any field parsing.

    ``telegram`` is everything after the metadata: routing header and body, with line ends
    normalised to ``\\n``. Metadata a layout lacks is ``None`` (the PDF text has no metadata
    lines; the parser then takes id, date, classification and origin from the telegram).
    """

    reference_id: str | None  # as published on the metadata line / column
    title: str | None  # line 2 of the text layout: first line of the subject, may be empty
    created: date | None  # the day on the metadata line, never shifted by a time zone
    created_at: datetime | None  # minute precision where a layout has it (cables.csv)
    released: date | None  # the web release's "Released" column, when present
    classification: str | None  # as published, e.g. "SECRET//NOFORN"
    origin: str | None  # e.g. "Embassy Islamabad"
    references: tuple[str, ...] | None  # cables.csv's |-separated column, when present
    header: str | None  # the routing header when the layout publishes it apart (HTML, CSV)
    telegram: str  # header + body as one text when ``header`` is None, else the body only
    source_file: str  # path or URL of the file the cable came from
    member: str | None  # archive member or CSV row number inside ``source_file``
    source_format: str  # txt | html | csv | pdf-text | plusd
    source_sha256: str  # of the bytes of the file (or archive member) the cable came from
    encoding: str = "utf-8"  # the encoding the bytes were decoded with


@dataclass(frozen=True, slots=True)
class Reject:
    """An input unit that yielded no cable, with the reason."""

    source_file: str
    member: str | None
    source_format: str | None
    reason: str  # a short code: empty-file, no-telegram, binary, bad-metadata, ...
    message: str  # one readable sentence
    excerpt: str  # the first 200 characters of the input
    source_sha256: str | None = None
