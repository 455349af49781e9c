"""Routing header of a telegram: where the header ends, and its routing fields.

A telegram is a routing header (``VZCZC`` transmission id, precedence line, ``DE`` station,
``ZNY``/``ZNR`` security line, precedence + date-time group, ``FM``, ``TO``/``INFO``/``XMT``
addressees) followed by the body, which opens with a classification banner. Many published
copies glue the first body line onto the last addressee (``...WASHDC PRIORITYC O N F I D E N T
I A L SECTION 01 OF 02``), some glue a press dateline (``...DCThursday, 31 January 2008, 19:52``)
or rows of a database dump (``...PRIORITYid: 90003``, ``...WASHDC235269``), or other text
(``...WASHDCROYAL COURT``, ``...GUANTANAMO BAY CUCLASSIFICATION:``).

Everything here scans line by line with anchored or bounded patterns, so each call is linear in
the size of the header. Nothing raises: text that is not a header gives ``""``/``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from transforms.fields.dtg import DTG, dtg_from_de, dtg_of_match, parse_dtg
from transforms.fields.glued_body import glued_body_start

__all__ = [
    "PRECEDENCE_LETTERS",
    "Routing",
    "addressee_lines",
    "glued_body_start",
    "parse_dtg",
    "parse_routing",
    "split_addressed",
    "split_telegram",
]

# Lines searched for the FM line before giving up; office lists and e-mail wrappers of State
# cables put up to ~30 lines before it, the body's own lines come after E.O./TAGS/SUBJECT.
_MAX_PREAMBLE_LINES = 150

_FM_LINE = re.compile(r"FM\s+(\S.*)")
# An addressee block that opens without an FM line: ``TO``, or ``INFO`` that is no office
# distribution list (``INFO LOG-00 EEB-00``); ``TORUEHC/`` has lost its space.
_TO_LINE = re.compile(r"(?:TO|INFO(?!\s+[A-Z]{1,6}-\d))(?:\s+|(?=R[A-Z]{3,6}/))\S")
# Transmission lines that may come before such a block: VZCZC, precedence + stations, DE,
# the security line, the date-time group.
_TRANSMISSION_LINE = re.compile(
    r"\s*(?:VZCZC|[ZOPR]{1,2}\s+R[A-Z]{3,6}\b|DE\s+R[A-Z]{3,6}\b|ZN[YR]\b"
    r"|(?:[ZOPR0]\s+(?:[ZOPR]\s+)?)?\d{6}Z\s)"
)
_MAX_TRANSMISSION_LINES = 8
# Lines that can only belong to a body: the FM search stops there.
_BODY_ONLY_LINE = re.compile(r"\s*(?:E\.?\s?[O0]\.?\s*1\d{4}|TAGS\b|SUBJECT\b|SUBJ:|SIPDIS\b|¶)")
_KEYWORD = re.compile(r"(TO|INFO|XMT)(?:\s+|$|(?=R[A-Z]{3,6}/))")
_NON_BLANK = re.compile(r"\S")
# A routing indicator, also one that lost its leading R (``UEHC/SECSTATE``).
_ROUTE_LINE = re.compile(r"(?:R[A-Z]{3,6}|ZEN|(?:UE|UC|UM|HM|HE)[A-Z]{2,5})/")
_JUNK_LINE = re.compile(r"(?:PAGE\s+\d+\b.*|ZEN|ZFF\w*|BT|NNNN|ZZ\w*)\s*")

# Database-dump rows (a date, a CSV row, a tab row, a key/value field): body, never addressees.
_DUMP_LINE = re.compile(
    r"\d{4}-\d\d-\d\d\b|\d+,\"?\d+/\d+/\d{4}|\d{1,2}/\d{1,2}/\d{4}|(?:id|date|refid): |\d{1,9}\t"
)
_DUMP_FIRST = frozenset("0123456789idr")  # what a ``_DUMP_LINE`` line starts with
_MAX_ADDRESSEE_CHARS = 90

_TRANSMISSION_ID = re.compile(r"VZCZC[A-Z]{2,4}\d{2,5}")
_DE_LINE = re.compile(r"DE\s+(R[A-Z]{3,6})\b(?:\s+#\s*\d+(?:/\d+)?)?\s+(\d{3})(\d{2})(\d{2})\b")
_TRANSMISSION_PRECEDENCE = re.compile(r"(ZZ|OO|PP|RR|Z|O|P|R)\s+R[A-Z]{3,6}\b")
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
        start = _opening_block(text)
        if start is None:
            return 0, 0
    return start, _block_end(text, start)


def _opening_block(text: str) -> int | None:
    """Offset of a ``TO``/``INFO`` line that opens the telegram (after transmission lines
    only: ``VZCZC``, ``DE``, ``ZNY``, the date-time group), or None."""
    offset = 0
    for _ in range(_MAX_TRANSMISSION_LINES):
        first = _NON_BLANK.search(text, offset)
        if first is None:
            return None
        line_start = text.rfind("\n", 0, first.start()) + 1
        if _TO_LINE.match(text, first.start()):
            return line_start
        line, offset = _line_at(text, line_start)
        if not _TRANSMISSION_LINE.match(line):
            return None
    return None


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
            if offset > start and stripped[0] in _DUMP_FIRST and _DUMP_LINE.match(stripped):
                return offset  # a dump row is body as a whole, before any glued cut in it
            cut = glued_body_start(line)
            if cut is not None:
                return offset + cut
            if offset > start and (
                _BODY_ONLY_LINE.match(line) or len(stripped) > _MAX_ADDRESSEE_CHARS
            ):
                return offset
        offset = next_offset
    return len(text)


def split_telegram(telegram: str) -> tuple[str, str]:
    """Split a telegram into ``(routing header, body)``.

    The header runs from the start of the telegram (including any preamble before the routing
    lines: office distribution lists, ``TED`` numbers, e-mail wrappers) to the end of the last
    addressee line after ``FM``; it is ``""`` when no ``FM`` line precedes the body (partial
    extracts that carry no header, press versions) unless the telegram opens, after its
    transmission lines only (``VZCZC``, ``DE``, ``ZNY``, the date-time group), with a ``TO``
    or ``INFO`` line (not an ``INFO LOG-00`` office list). The body starts at the first line
    or glued text that cannot be an addressee: a classification banner, a press dateline, a
    dump row (a whole CSV or tab row line is body), lowercase prose, E.O./TAGS/SUBJECT.
    ``header + body == telegram``: whitespace after the last addressee goes to the body.
    """
    header, body, _ = _split(telegram)
    return header, body


def split_addressed(telegram: str) -> tuple[str, str, list[str]]:
    """``(*split_telegram(telegram), addressee_lines(header))``, the header located once."""
    header, body, start = _split(telegram)
    if start is None:
        return header, body, []
    # Every line of ``header`` but its last is a whole line the telegram's scan accepted; the
    # last may be a line cut where glued body text started, which the scan of ``header`` alone
    # (``addressee_lines``) reads anew. So that scan is redone from the last whole non-blank
    # line before it: up to there it goes as on the telegram, as it depends on nothing but
    # the lines it reads (and on the blank lines, the next line).
    last = header.rfind("\n") + 1
    if last <= start:  # the FM or TO line is the last: whether it still opens a header is new
        return header, body, addressee_lines(header)
    previous = header.rfind("\n", 0, len(header[:last].rstrip())) + 1
    return header, body, _addressees(header, start, _block_end(header, previous))


def _split(telegram: str) -> tuple[str, str, int | None]:
    """``split_telegram`` and the offset of the FM or TO line (None without a header)."""
    if not isinstance(telegram, str) or not telegram.strip():
        return "", telegram if isinstance(telegram, str) else "", None
    try:
        start, end = _header_end(telegram)
    except Exception:  # never raise on odd input; treat it as headerless
        return "", telegram, None
    if end == 0:
        return "", telegram, None
    header = telegram[:end].rstrip()
    return header, telegram[len(header) :], start


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
    return _addressees(header, start, end)


def _addressees(header: str, start: int, end: int) -> list[str]:
    lines = header[start:end].split("\n")
    if lines and _FM_LINE.match(lines[0]):
        lines = lines[1:]
    return lines


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
        m = DTG.match(line)
        if m and dtg is None:
            dtg = dtg_of_match(m)
            precedence = PRECEDENCE_LETTERS.get(m.group(1) or "")
            continue
        m = _FM_LINE.match(line)
        if m:
            name = m.group(1)
            cut = glued_body_start(name)
            from_name = " ".join((name[:cut] if cut is not None else name).split()) or None
            break
    if dtg is None and de_parts is not None and year is not None:
        dtg = dtg_from_de(*de_parts, year)
    return Routing(transmission_id, origin_route, precedence or line_precedence, dtg, from_name)
