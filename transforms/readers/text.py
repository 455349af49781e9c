"""Reader of the per-cable text layout (the seed's): five metadata lines, then the telegram.

Line 1 reference id, line 2 title (first line of the subject, may be empty), line 3 created as
``Tue Jan 29 00:00:00 +0100 2008``, line 4 classification, line 5 origin; everything after
line 5 is the telegram (routing header and body, often glued on one line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from transforms.dates import TITLE_MONTH_NUMBERS
from transforms.raw import RawCable, Reject
from transforms.readers.common import reject
from transforms.readers.detect import TXT_ID

FORMAT = "txt"
METADATA_LINES = 5

_CREATED = re.compile(
    r"(?:[A-Z][a-z]{2}\s+)?(?P<month>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})\s+"
    r"\d{1,2}:\d{2}:\d{2}\s+[+-]\d{4}\s+(?P<year>\d{4})"
)
MONTHS = TITLE_MONTH_NUMBERS


def parse_reference_id(line: str) -> str | None:
    """Line 1: a reference id such as ``08ISLAMABAD421``, else ``None``.

    Two-digit year (four in the 1973-79 ids), a station starting with a letter, a serial
    number at the end; odd stations such as ``09SECTION02OF03QRIPOLI583`` are kept as published.
    """
    value = line.strip()
    return value if TXT_ID.fullmatch(value) else None


def parse_created(line: str) -> date | None:
    """Line 3: the day as written in ``Tue Jan 29 00:00:00 +0100 2008``, else ``None``.

    The time is local midnight in Central European time; the day is what counts and is never
    shifted to UTC (shifting would move every cable one day back). The weekday is not checked.
    """
    match = _CREATED.fullmatch(line.strip())
    if match is None:
        return None
    month = MONTHS.get(match["month"])
    if month is None:
        return None
    try:
        return date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def _optional(line: str) -> str | None:
    """A metadata value stripped, ``None`` when the line is empty."""
    return line.strip() or None


def read(
    text: str, source_file: str, member: str | None, sha256: str, encoding: str
) -> Iterator[RawCable | Reject]:
    """Yield one ``RawCable`` for a text-layout file, or one ``Reject``.

    Rejects: ``bad-metadata`` (fewer than five lines, no reference id on line 1, no date on
    line 3; the message names the line), ``no-telegram`` (metadata but nothing after line 5,
    as some mirrors published). Empty title and origin lines become ``None``. The telegram is
    the rest of the file exactly as written (line ends already ``\\n``).
    """

    def fail(reason: str, message: str) -> Reject:
        return reject(source_file, member, FORMAT, reason, message, text, sha256)

    lines = text.split("\n", METADATA_LINES)
    if len(lines) < METADATA_LINES:
        yield fail(
            "bad-metadata", f"only {len(lines)} line(s); the text layout needs 5 metadata lines"
        )
        return
    reference_id = parse_reference_id(lines[0])
    if reference_id is None:
        yield fail("bad-metadata", f"line 1 {lines[0][:60]!r} is not a reference id")
        return
    created = parse_created(lines[2])
    if created is None:
        yield fail(
            "bad-metadata",
            f"line 3 {lines[2][:60]!r} is not a created date like 'Tue Jan 29 00:00:00 +0100 2008'",
        )
        return
    telegram = lines[METADATA_LINES] if len(lines) > METADATA_LINES else ""
    if not telegram.strip():
        yield fail("no-telegram", f"{reference_id} has the 5 metadata lines but no telegram text")
        return
    yield RawCable(
        reference_id=reference_id,
        title=_optional(lines[1]),
        created=created,
        created_at=None,
        released=None,
        classification=_optional(lines[3]),
        origin=_optional(lines[4]),
        references=None,
        header=None,
        telegram=telegram,
        source_file=source_file,
        member=member,
        source_format=FORMAT,
        source_sha256=sha256,
        encoding=encoding,
    )
