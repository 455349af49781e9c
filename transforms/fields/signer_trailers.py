"""What follows a cable's signature: trailer lines, the end of transmission, dump rows.

``signers`` reads the signature from the last lines of a body; before it can, the lines after
the signature go: transmission trailers (``NNNN``, ``ZFR``, ``BT``), page feet and page-break
lines, archive and print stamps (``2005ROME01593 - Classification: SECRET``,
``Track impresión: ...``), the ``Visit ... Classified Web Site`` footer and its wrapped URL,
declassification stamps, and rows of a database dump glued after the text. All patterns are
anchored and bounded; the scans look at the last lines only.
"""

from __future__ import annotations

import functools
import re

from transforms.fields.page_breaks import CLASSIFICATION_ONLY, MARKER_START

# A whole line that is no text: transmission marks, stamps, footers, page breaks, debris.
_TRAILER = re.compile(
    r"^\s{0,40}(?:N{3,4}\b.{0,80}|ZFR|BT|#\d{1,6}|={3,}[A-Z ]{0,20}={0,80}|[<>\"\\./|,-]"
    r"|(?:</?[a-z]{1,8}>){1,4}|\*{3,}[* ]{0,80}|END CABLE TEXT|[.\s]{2,8}|-{2,80}"
    r"|\d{4}[A-Z]{3,12}\d{3,6}\s{0,3}-.{0,60}|.{0,57}\.\.\.|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\"?(?:Please )?Visit [A-Za-z .'’]{2,40}(?:Classified|SIPRNET|Intelink)[A-Za-z ]{0,20}"
    r"(?::|;|\sat:?)?"
    r"(?:\s{0,3}(?:X{4,}|\S{0,80}[./:]\S{0,80}))?(?:\s{1,3}\S{0,80}[./:]\S{0,80}){0,2}"
    r"(?:\s{1,3}(?-i:[a-z])[\w./:-]{0,40})?\"?"
    # a URL line: URL pieces only, a lower-case remnant of a broken one at most (``index.c
    # fm``), never a name after it (``...index.c fm Stapleton`` is a signature, 06PARIS2772)
    r"|\S{0,40}(?:https?://|www\.|\.gov/|sgov)\S{0,160}(?:\s{1,3}\S{0,80}[./:]\S{0,80}){0,2}"
    r"(?:\s{1,3}(?-i:[a-z])[\w./:-]{0,40})?\"?"
    r"|Track impresi.{0,160}|ID:\s{0,3}\d{1,9}|[A-Z]{2,8} @ EL P.{0,8}"
    r"|NOTE BY [A-Z/ ]{2,12}:.{0,160}|NOTE: NOT PASSED.{0,80}"
    r"|Declassified/Released.{0,160}|Review \d{1,2} [A-Z]{3} \d{4}"
    r"|PAGE\s{1,10}\d{2,3}\s.{0,80}"
    r"|[A-Z][A-Z .'-]{1,30} \d{8}\s{1,4}\d{3}(?:\.\d{1,2})?\s{1,4}OF\s{1,4}\d{3}"
    r"|SIPDIS|NOFORN|EXEMPT|X?GDS(?:[- ]\d)?|GP-\d)\s*$",
    re.IGNORECASE,
)
# The first line of a dump row glued after the text: everything from it on is another record
# (tab rows 05DUSHANBE1870, summary rows 09CAIRO325, CSV rows, key/value rows, CABLE ENDS).
_DUMP_START = re.compile(
    r"^(?:\d{1,9}\t[0-9/: -]{8,20}\t\d\d[A-Z]|\s?\d{1,2} \d\d/\d\d/\d{4} \d{1,6} [A-Z]{2,6},[A-Z]"
    r"|\"?\d{1,9}\"?,\"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d\"?,|id: ?\d{1,9}\s*$|={5,} ?CABLE ENDS)"
)
# Inside a line: the end of transmission, or a tab row glued after the signature
# (``HOAGLAND NNNN<TAB>2005-11-28<TAB>...``).
_LINE_END = re.compile(r"(?<![A-Za-z])NNNN(?![A-Za-z])|\t\d{4}-\d\d-\d\d\t")
# How far from the end trailers and dump rows are looked for, and how many trailers at most.
# No trailer form runs longer (the longest: a footer with its URL pieces).
_MAX_TRAILER_CHARS = 700
TAIL_LINES = 80
TAIL_CHARS = 4000  # as much of a body as ``parse_signers`` reads
MARK_LINES = 30  # a row after the signature starts within as many lines of the end
MAX_TRAILERS = 24


# The web-site footer glued to the end of a text line: from ``Visit`` (or ``Please visit``)
# to the line's end. The pattern opens with a literal, so the search skips to it.
_FOOTER_CORE = re.compile(r"isit [A-Za-z .'’]{2,40}(?:Classified|SIPRNET|Intelink)")
_FOOTER_CHARS = 300  # the footer and the URL or redaction after it


# Nothing but a paragraph marker and mark: ``¶12.  (U)`` (the footer is that paragraph's text).
_MARKER_ONLY = re.compile(
    r"\s*(?:[\u00b6\ufffd]\s?\w{1,3}\.|\d{1,3}\s?[.)])?\s*(?:\([A-Za-z/ ]{1,16}\))?\s*"
)


# A line a footer may run over: the footer itself, a URL, a piece of a broken URL.
_FOOTER_START = re.compile(
    r"\W{0,2}(?:Please )?[Vv]isit [A-Za-z .'’]{2,40}(?:Classified|SIPRNET|Intelink)"
)
_URL_PIECE = re.compile(
    r"\W{0,2}(?:https?://|www\.)\S*(?:\s[a-z/][\w./:-]{0,40})?|[a-z0-9][\w./:-]{0,60}\"?"
    r"|\S{0,40}\.gov/\S*"
)


def split_footer(line: str) -> tuple[str, str | None]:
    """``(line before a glued footer, the footer)``, or ``(line, None)``; a footer that is a
    whole line or a whole numbered paragraph (``¶12. (U) Visit ...``) is no glued one."""
    found = _FOOTER_CORE.search(line, max(0, len(line) - _FOOTER_CHARS))
    if found is None or found.start() == 0 or line[found.start() - 1] not in "Vv":
        return line, None
    begin = found.start() - 1
    if line.endswith(("Please ", "please "), 0, begin):
        begin -= len("Please ")
    elif line[begin] == "v":
        return line, None  # a visit in prose: the footer says Visit, or please visit
    while begin > 0 and line[begin - 1] in ' "':
        begin -= 1
    if _MARKER_ONLY.fullmatch(line, 0, begin):
        return line, None
    return line[:begin].rstrip(), line[begin:].strip()


def without_footer(line: str) -> str:
    """``line`` without a ``Visit ... Classified Web Site ...`` footer glued to its end."""
    return split_footer(line)[0]


def keep_footers(content: list[str], trailers: list[str]) -> None:
    """Add to ``content`` the web-site footers and URL lines among ``trailers``: no text, but
    lines the paragraph parser keeps as head notes. A footer goes on a line of its own; a URL
    line, or a piece of a broken URL, is joined to the line before it when that one is a
    footer or ends ``at``, ``:`` or ``;``, and else goes on a line of its own when it opens
    with ``http`` or ``www``; every other trailer goes."""
    for line in trailers:
        stripped = line.strip()
        if not stripped:
            continue
        if _FOOTER_START.match(stripped):
            content.append(stripped)
        elif _URL_PIECE.fullmatch(stripped):
            before = content[-1].rstrip() if content else ""
            if before and (before.endswith(_URL_LEADS) or _FOOTER_START.match(before.lstrip())):
                content[-1] = f"{before} {stripped}"
            elif _URL_OPEN.match(stripped):
                content.append(stripped)


_URL_LEADS = (" at", " at:", ":", ";")
_URL_OPEN = re.compile(r"\W{0,2}(?:https?://|www\.)")


def is_dump_row(line: str) -> bool:
    """True when ``line`` opens a database-dump row (tab, summary, CSV or key/value row)."""
    return line[:1] in _DUMP_FIRST and _DUMP_START.match(line) is not None


# The same last lines are read by the signer and the paragraph parser, twice each.
@functools.lru_cache(maxsize=4096)
def is_trailer(line: str) -> bool:
    """True when ``line`` is blank or a trailer line (never a ``¶1.`` paragraph start)."""
    if not line.strip():
        return True
    if len(line) > _MAX_TRAILER_CHARS:
        return False  # longer than any trailer form: a paragraph's text
    if MARKER_START.match(line):
        return False  # "¶1. ..." is a truncated paragraph, not a trailer
    return bool(_TRAILER.match(line) or CLASSIFICATION_ONLY.match(line))


def text_end(
    lines: list[str], tail: str | None = None, marked: bool = True
) -> tuple[int, str | None]:
    """``(end, last)``: ``lines[:end]`` is the text before any dump row or end of transmission
    in the last ``MARK_LINES`` lines; ``last`` replaces ``lines[end - 1]`` when the text ends
    inside that line (``... cable. HOAGLAND NNNN<TAB>...``), else None.

    The earliest such mark in the tail counts, when some text comes before it. A dump row
    after a truncated excerpt (its last line ends ``...``) holds the full text of the same
    cable (07THEHAGUE295): the full text wins, so its end is the text's end. ``tail``, when
    given, is the text the last lines were split from (it saves joining them again);
    ``marked=False`` says a caller found no mark in it already (``has_marks``).
    """
    if not marked:
        return len(lines), None
    start = max(0, len(lines) - MARK_LINES)
    if tail is None:
        tail = "\n".join(lines[start:])
    if not has_marks(tail):
        return len(lines), None  # the common case, decided by substring scans
    for index in range(start, len(lines)):
        line = lines[index]
        if index > 0 and is_dump_row(line):
            if not _after_excerpt(lines, index):
                return index, None
            continue
        if ("NNNN" in line or "\t" in line) and (found := _LINE_END.search(line)):
            before = line[: found.start()]
            if before.strip():
                return index + 1, before
            if index > 0:
                return index, None
    return len(lines), None


_DUMP_FIRST = frozenset('0123456789 "i=')
# Every mark ``text_end`` looks for holds one of these near the end of a body: a tab, NNNN
# (only short trailers follow it; a row glued after it holds a tab), or for a summary or CSV
# row a date, a space and a digit (``02/23/2009 7601``, ``2/16/2007 12:06``). Key/value rows
# and CABLE ENDS lines are gone before a body reaches the field parsers
# (``corruption.strip_dump_rows``); they end the text only when another mark already sent
# the scan through the lines.
_NNNN_CHARS = 400
_ROW_CHARS = 2000
_ROW_HINT = re.compile(r"/\d{4} \d")


def has_marks(tail: str) -> bool:
    """True when the end of ``tail`` may hold a mark ``text_end`` looks for."""
    end = len(tail)
    return (
        "\t" in tail
        or tail.find("NNNN", end - _NNNN_CHARS) >= 0
        or _ROW_HINT.search(tail, end - _ROW_CHARS) is not None
    )


def _after_excerpt(lines: list[str], index: int) -> bool:
    """True when the last non-blank line before ``index`` ends a truncated excerpt."""
    for line in reversed(lines[max(0, index - 8) : index]):
        if line.strip():
            return line.rstrip().endswith(("..", "\u2026"))
    return False


def skip_trailers(lines: list[str], end: int) -> int:
    """The end of ``lines[:end]`` once trailer lines (and blank lines) at its end are gone."""
    trailers = 0
    floor = max(0, end - TAIL_LINES)
    while end > floor and trailers < MAX_TRAILERS and is_trailer(lines[end - 1]):
        if lines[end - 1].strip():
            trailers += 1
        end -= 1
    return end
