"""Reader of the text extracted from the PDF edition: a bare telegram, no metadata lines.

CRLF line ends and ``¶`` as the Latin-1 byte 0xB6 are dealt with by ``decode_text``; this
reader only decides whether the file name may stand for the reference id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from transforms.raw import RawCable, Reject
from transforms.readers.common import reject

FORMAT = "pdf-text"
HEAD_LINES = 120

# `06NEWDELHI5135.txt`: year, station letters, serial number.
_NAME_ID = re.compile(r"(\d{2})([A-Z]+)(\d{1,7})")
# Date-time group of the routing header, `O 210722Z JUL 06`: its year must agree with the name's.
_DTG_YEAR = re.compile(r"\b\d{6}Z\s?[A-Z]{3}\s(\d{2})\b")


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def reference_id_from_name(name: str, telegram: str) -> str | None:
    """The file name's stem as reference id, only when the telegram confirms it.

    ``06NEWDELHI5135.txt`` is accepted when a line among the first 120 ends with the serial
    number (leading zeros allowed) right after the station written with spaces (``NEW DELHI
    005135``, ``UNVIE VIENNA 000279``, the classification line of the body), and the first
    date-time group, if any, is of the same year (``210722Z JUL 06``). Anything else, a
    renamed or numbered file, gives ``None``: the parser then reads the id from the telegram.
    """
    match = _NAME_ID.fullmatch(_stem(name))
    if match is None:
        return None
    year, station, number = match.groups()
    head = telegram.split("\n", HEAD_LINES)[:HEAD_LINES]
    dtg = next((m for line in head if (m := _DTG_YEAR.search(line))), None)
    if dtg is not None and dtg.group(1) != year:
        return None
    for line in head:
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or not parts[1].isascii() or not parts[1].isdigit():
            continue
        if int(parts[1]) == int(number) and parts[0].replace(" ", "").endswith(station):
            return match.group(0)
    return None


def read(
    text: str, source_file: str, member: str | None, sha256: str, encoding: str
) -> Iterator[RawCable | Reject]:
    """Yield one ``RawCable`` whose telegram is the whole text (leading blank lines dropped).

    Id, created day, classification and origin are ``None`` (the layout has none), except the
    reference id confirmed from the file name (see ``reference_id_from_name``). Reject:
    ``no-telegram`` for a file with no text.
    """

    def fail(reason: str, message: str) -> Reject:
        return reject(source_file, member, FORMAT, reason, message, text, sha256)

    telegram = text.lstrip("\n")
    if not telegram.strip():
        yield fail("no-telegram", "the PDF text is blank")
        return
    yield RawCable(
        reference_id=reference_id_from_name(member or source_file, telegram),
        title=None,
        created=None,
        created_at=None,
        released=None,
        classification=None,
        origin=None,
        references=None,
        header=None,
        telegram=telegram,
        source_file=source_file,
        member=member,
        source_format=FORMAT,
        source_sha256=sha256,
        encoding=encoding,
    )
