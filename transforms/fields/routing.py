"""Routing header of a telegram: where the header ends, and its routing fields.

A telegram is a routing header (``VZCZC`` transmission id, precedence line, ``DE`` station,
``ZNY``/``ZNR`` security line, precedence + date-time group, ``FM``, ``TO``/``INFO``/``XMT``
addressees) followed by the body, which opens with a classification banner. Many published
copies glue the first body line onto the last addressee (``...WASHDC PRIORITYC O N F I D E N T
I A L SECTION 01 OF 02``), some glue a press dateline (``...DCThursday, 31 January 2008, 19:52``)
or rows of a database dump (``...PRIORITYid: 90003``, ``...WASHDC235269``).

Everything here scans line by line with anchored or bounded patterns, so each call is linear in
the size of the header. Nothing raises: text that is not a header gives ``""``/``None``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

# Lines searched for the FM line before giving up; office lists and e-mail wrappers of State
# cables put up to ~30 lines before it, the body's own lines come after E.O./TAGS/SUBJECT.
_MAX_PREAMBLE_LINES = 150

_FM_LINE = re.compile(r"FM\s+(\S.*)")
_TO_LINE = re.compile(r"TO\s+\S")
# Lines that can only belong to a body: the FM search stops there.
_BODY_ONLY_LINE = re.compile(r"\s*(?:E\.?\s?[O0]\.?\s*1\d{4}|TAGS\b|SUBJECT\b|SUBJ:|SIPDIS\b|¶)")
_KEYWORD = re.compile(r"(TO|INFO|XMT)(?:\s+|$)")
_NON_BLANK = re.compile(r"\S")
_ROUTE_LINE = re.compile(r"(?:R[A-Z]{3,6}|ZEN)/")
_JUNK_LINE = re.compile(r"(?:PAGE\s+\d+\b.*|ZEN|ZFF\w*|BT|NNNN|ZZ\w*)\s*")

# Where a body starts inside an addressee line. Banners are matched leniently because the
# published copies drop or add letters and spaces (``HOACO N F I D``, ``GEO N F I D``,
# ``WASHDCC ONFIDENTIAL``, ``HOAE C R E T``, ``WASHDCNCLAS``); an unspaced banner must not be
# followed by a letter so that ``SECRETARIAT`` stays a name, and ``US SECRET SERVICE`` is one.
_BANNER = re.compile(
    r"(?:T ?O ?P\s+)?S? ?E ?C ?R ?E ?T(?![A-Z]|\s+SERVICE)|S ?E C R E T"
    r"|C? ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L(?![A-Z])|C? ?O N F I D E N T I A L"
    r"|U? ?N ?C ?L ?A ?S ?S ?I ?F ?I ?E ?D(?![A-Z])|U? ?N C L A S"
    r"|UNCLAS(?![A-Z])|NCLAS(?![A-Z])"
    r"|L ?I ?M ?I ?T ?E ?D\s+O ?F ?F ?I ?C ?I ?A ?L",
    re.IGNORECASE,
)
# Every banner form, spaces removed, contains one of these: a cheap test before the regex.
_BANNER_HINTS = ("ONFIDENTIAL", "ECRET", "NCLAS", "LIMITEDOFFICIAL")
_GLUED_TEXT = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s"  # press dateline
    r"|[Ii][Dd]: ?\d|Cable dated:"  # database dump record
    r"|SIPDIS|[\t\"<]"
)
# Every match of ``_GLUED_TEXT`` holds one of these: a cheap test before the regex.
_GLUED_TEXT_HINTS = ("day,", ":", "SIPDIS", "\t", '"', "<")
# Dump rows glued to an addressee. Every branch starts at the digit the leading ``[0-9]``
# consumes (so the regex engine skips to digits fast); lookbehinds check what precedes it.
_GLUED_DIGITS = re.compile(
    r"[0-9](?:"
    r"\d ?[A-Z]{4,} ?\d{1,6}\s*,"  # a reference id then a comma: 09STATE49854,
    r"|\d[A-Z]{4,}\d{1,6}(?![A-Z])"  # a reference id glued to a name: DC06THEHAGUE1510
    r"|(?<=[A-Z]\d)\d{4,}"  # a row id glued to a name (MCNs have 4 digits): DC235269
    r"|(?<= \d{5})\d*(?=[\s,]|$)"  # a row id glued to an MCN: MONTERREY 676697717
    r"|\d{3}-\d\d-\d\d|\d?/\d{1,2}/\d{4}|(?<=[A-Z]\d)\d?:\d\d"  # a date or time
    r")"
)
_LOWER = re.compile(r"[a-z]")
_DUMP_LINE = re.compile(
    r"\d{4}-\d\d-\d\d\b|\d+,\d+/\d+/\d{4}|\d{1,2}/\d{1,2}/\d{4}|(?:id|date|refid): "
)
_MAX_ADDRESSEE_CHARS = 90
# Glued body text starts within an addressee's length; looking no further keeps the lenient
# patterns cheap on long lines (a longer line is body anyway).
_GLUE_WINDOW = 160

_TRANSMISSION_ID = re.compile(r"VZCZC[A-Z]{2,4}\d{2,5}")
_DE_LINE = re.compile(r"DE\s+(R[A-Z]{3,6})\b(?:\s+#\s*\d+(?:/\d+)?)?\s+(\d{3})(\d{2})(\d{2})\b")
_TRANSMISSION_PRECEDENCE = re.compile(r"(ZZ|OO|PP|RR|Z|O|P|R)\s+R[A-Z]{3,6}\b")
# ``O 291336Z JAN 08``, ``P R 281848Z DEC 66``, ``061601Z MAY 78``, ``0 241208Z OCT 79`` (a zero
# typed for O)
_DTG = re.compile(
    r"\s*(?:([ZOPR0])\s+(?:[ZOPR]\s+)?)?(\d{2})(\d{2})(\d{2})Z\s*([A-Za-z]{3})\s+(\d{4}|\d{2})(?!\d)"
)
_PRESS_DATELINE = re.compile(
    r"\s*[A-Z][a-z]+day,\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4}),\s+(\d{1,2}):(\d{2})"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
PRECEDENCE_LETTERS = {
    "Z": "FLASH",
    "O": "IMMEDIATE",
    "0": "IMMEDIATE",  # a zero typed for the letter O in 1970s copies
    "P": "PRIORITY",
    "R": "ROUTINE",
}


@dataclass(frozen=True, slots=True)
class Routing:
    """The routing fields of a header; ``None`` where the header lacks one."""

    transmission_id: str | None  # VZCZCXRO3938
    origin_route: str | None  # routing indicator of the DE station, RUEHIL
    precedence: str | None  # action precedence as a word: FLASH, IMMEDIATE, PRIORITY, ROUTINE
    dtg: datetime | None  # naive UTC date-time group
    from_name: str | None  # the FM line: AMEMBASSY ISLAMABAD


# Addressee lines repeat: each is read twice per cable (split_telegram, then addressee_lines
# on the header) and the common ones ("RUEHC/SECSTATE WASHDC PRIORITY") in many cables.
@functools.lru_cache(maxsize=8192)
def glued_body_start(line: str) -> int | None:
    """Index in an addressee line where glued body text starts, or ``None``.

    Body text is a classification banner (lenient, see ``_BANNER``), a press dateline, a
    database-dump row, a tab or quote, or failing all those the first lowercase word (an
    addressee line is upper case).
    """
    line = line[:_GLUE_WINDOW]
    compact = line.replace(" ", "").upper()
    banner = _BANNER.search(line) if any(map(compact.__contains__, _BANNER_HINTS)) else None
    text = _GLUED_TEXT.search(line) if any(map(line.__contains__, _GLUED_TEXT_HINTS)) else None
    glued = (banner, text, _GLUED_DIGITS.search(line))
    found = [m.start() for m in glued if m]
    if found:
        return min(found)
    lower = _LOWER.search(line)
    if lower is None:
        return None
    start = lower.start()
    return start - 1 if start and line[start - 1].isupper() else start


def _is_addressee_like(line: str) -> bool:
    stripped = line.strip().rstrip("\\").rstrip()
    return bool(
        _KEYWORD.match(stripped) or _ROUTE_LINE.match(stripped) or _JUNK_LINE.fullmatch(stripped)
    )


def _find_fm(text: str) -> int | None:
    """Offset of the FM line among the first lines of ``text``, or ``None``."""
    # A body-only line ends the search, unless routing lines follow it (a VZCZC line): some
    # database printouts put a message summary with TAGS and SIPDIS before the telegram.
    stopped = False
    offset, size = 0, len(text)
    for _ in range(_MAX_PREAMBLE_LINES):  # line by line: the FM line comes early
        if offset > size:
            break
        end = text.find("\n", offset)
        end = size if end < 0 else end
        line = text[offset:end]
        if line.startswith("VZCZC"):
            stopped = False
        elif line.startswith("FM") and _FM_LINE.match(line) and not stopped:
            return offset
        elif _BODY_ONLY_LINE.match(line):
            stopped = True
        offset = end + 1
    return None


def _header_end(text: str) -> tuple[int, int]:
    """``(offset of the FM or opening TO line, offset where the body starts)`` in ``text``.

    ``(0, 0)`` when there is no routing header.
    """
    start = _find_fm(text)
    if start is None:
        first = _NON_BLANK.search(text)
        if first is None or not _TO_LINE.match(text, first.start()):
            return 0, 0
        start = text.rfind("\n", 0, first.start()) + 1
    return start, _block_end(text, start)


def _line_at(text: str, offset: int) -> tuple[str, int]:
    """The line starting at ``offset`` and the offset just past its newline."""
    newline = text.find("\n", offset)
    end = len(text) if newline == -1 else newline
    return text[offset:end], end + 1


def _block_end(text: str, start: int) -> int:
    """Offset of the body: the addressee block runs from the line at ``start`` (FM or TO)
    while lines look like addressees; blank lines are crossed only towards another block."""
    offset = start
    while offset <= len(text):
        line, next_offset = _line_at(text, offset)
        stripped = line.strip()
        if not stripped:
            following = _NON_BLANK.search(text, offset)
            if following is None:
                return offset
            line_start = text.rfind("\n", 0, following.start()) + 1
            next_line = _line_at(text, line_start)[0]
            if _is_addressee_like(next_line) and glued_body_start(next_line) != 0:
                offset = line_start  # jump over the blank run
                continue
            return offset
        keyword = _KEYWORD.match(stripped)
        if not _JUNK_LINE.fullmatch(stripped[keyword.end() :] if keyword else stripped):
            cut = glued_body_start(line)
            if cut is not None:
                return offset + cut
            if offset > start and (
                _BODY_ONLY_LINE.match(line)
                or _DUMP_LINE.match(stripped)
                or len(stripped) > _MAX_ADDRESSEE_CHARS
            ):
                return offset
        offset = next_offset
    return len(text)


def split_telegram(telegram: str) -> tuple[str, str]:
    """Split a telegram into ``(routing header, body)``.

    The header runs from the start of the telegram (including any preamble before the routing
    lines: office distribution lists, ``TED`` numbers, e-mail wrappers) to the end of the last
    addressee line after ``FM``; it is ``""`` when no ``FM`` line precedes the body (partial
    extracts that carry no header, press versions) unless the telegram opens with a ``TO``
    line. The body starts at the first line or glued text that cannot be an addressee: a
    classification banner, a press dateline, a dump row, lowercase prose, E.O./TAGS/SUBJECT.
    ``header + body == telegram``: whitespace after the last addressee goes to the body.
    """
    if not isinstance(telegram, str) or not telegram.strip():
        return "", telegram if isinstance(telegram, str) else ""
    try:
        _, end = _header_end(telegram)
    except Exception:  # never raise on odd input; treat it as headerless
        return "", telegram
    if end == 0:
        return "", telegram
    header = telegram[:end].rstrip()
    return header, telegram[len(header) :]


def addressee_lines(header: str) -> list[str]:
    """The lines after ``FM`` (or from an opening ``TO``) up to the body, glued text removed.

    Works on a header from ``split_telegram``, a header published apart (HTML, CSV) or a whole
    telegram; the ``FM`` line itself is not included.
    """
    if not isinstance(header, str) or not header.strip():
        return []
    try:
        start, end = _header_end(header)
    except Exception:  # never raise on odd input
        return []
    lines = header[start:end].split("\n")
    if lines and _FM_LINE.match(lines[0]):
        lines = lines[1:]
    return lines


def parse_dtg(text: str) -> datetime | None:
    """Parse a date-time group at the start of ``text`` into a naive UTC datetime.

    Accepts ``O 291336Z JAN 08``, ``P R 281848Z DEC 66``, ``291336Z Jan 08``, four-digit years,
    and the press dateline ``Thursday, 31 January 2008, 19:52``. Two-digit years 66-99 are
    19xx and 00-65 are 20xx (the release spans 1966-2010). Invalid values (Feb 30, hour 25,
    unknown month) give ``None``.
    """
    if not isinstance(text, str):
        return None
    m = _DTG.match(text)
    if m:
        day, hour, minute, month_name, year = m.group(2, 3, 4, 5, 6)
        return _build(year, month_name, day, hour, minute)
    m = _PRESS_DATELINE.match(text)
    if m:
        day, month_name, year, hour, minute = m.groups()
        return _build(year, month_name, day, hour, minute)
    return None


def _build(year: str, month_name: str, day: str, hour: str, minute: str) -> datetime | None:
    month = _MONTHS.get(month_name[:3].upper())
    full_year = int(year) if len(year) == 4 else int(year) + (1900 if int(year) >= 66 else 2000)
    if month is None:
        return None
    try:
        return datetime(full_year, month, int(day), int(hour), int(minute))
    except ValueError:
        return None


def _dtg_from_de(day_of_year: str, hour: str, minute: str, year: int) -> datetime | None:
    try:
        start = datetime(year, 1, 1, int(hour), int(minute))
        days = int(day_of_year)
    except ValueError:
        return None
    if not 1 <= days <= 366:
        return None
    value = start + timedelta(days=days - 1)
    return value if value.year == year else None


def parse_routing(header: str, year: int | None = None) -> Routing:
    """Parse the routing fields of a header (as ``split_telegram`` returns it).

    - ``transmission_id``: the ``VZCZC...`` token.
    - ``origin_route``: the station on the ``DE`` line.
    - ``precedence``/``dtg``: from the first precedence + date-time group line before ``FM``
      (the first letter is the action precedence: Z FLASH, O IMMEDIATE, P PRIORITY, R ROUTINE);
      without a precedence letter there, the first letter of the ``OO RUEH...`` line.
    - Without a DTG line the ``DE`` line's julian day and time (``0291336``) give the dtg, but
      only when ``year`` (e.g. from the reference id) is passed, as the DE line has no year.
    - ``from_name``: the ``FM`` line with glued body text removed.
    """
    empty = Routing(None, None, None, None, None)
    if not isinstance(header, str) or not header:
        return empty
    transmission_id = origin_route = precedence = from_name = None
    dtg: datetime | None = None
    de_parts: tuple[str, str, str] | None = None
    line_precedence = None
    for raw in header.split("\n", _MAX_PREAMBLE_LINES)[:_MAX_PREAMBLE_LINES]:
        line = raw.strip().rstrip("\\").rstrip()
        if transmission_id is None and "VZCZC" in line:
            m = _TRANSMISSION_ID.search(line)
            transmission_id = m.group(0) if m else None
            continue
        m = _DE_LINE.match(line)
        if m and origin_route is None:
            origin_route = m.group(1)
            de_parts = m.group(2, 3, 4)
            continue
        m = _TRANSMISSION_PRECEDENCE.match(line)
        if m and line_precedence is None and dtg is None:
            line_precedence = PRECEDENCE_LETTERS.get(m.group(1)[0])
            continue
        m = _DTG.match(line)
        if m and dtg is None:
            dtg = parse_dtg(line)
            precedence = PRECEDENCE_LETTERS.get(m.group(1) or "")
            continue
        m = _FM_LINE.match(line)
        if m:
            name = m.group(1)
            cut = glued_body_start(name)
            from_name = " ".join((name[:cut] if cut is not None else name).split()) or None
            break
    if dtg is None and de_parts is not None and year is not None:
        dtg = _dtg_from_de(*de_parts, year)
    return Routing(transmission_id, origin_route, precedence or line_precedence, dtg, from_name)
