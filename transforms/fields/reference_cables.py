"""The cables one REF segment names: ``07 ROME 55``, ``STATE 123 AND 456``, ``85STATE38496``.

A cable is ``[year] STATION NUMBER``: the station is read from up to five words right before
a serial (multi-word names and aliases from ``transforms.fields.stations``), the year from the
number before the station, ``-05`` or ``(05)`` after the serial, else the cable's own year.
"""

from __future__ import annotations

import re

from transforms.fields.ids import cable_id_from_parts, canonical_cable_id
from transforms.fields.reference_kinds import KIND_KEYWORDS
from transforms.fields.reference_tokens import RefToken
from transforms.fields.stations import MULTIWORD_STATIONS, STATION_ALIASES


def _words(text: str) -> list[str]:
    return text.split()  # a word list written as text: ruff wants list literals otherwise


_MAX_STATION_WORDS = 5
_GLUED_STATION = re.compile(r"(?P<station>[A-Za-z]{3,30})(?P<number>\d{1,6})")
_CONNECTORS = frozenset({"AND", "&", ","})

# Words before a number that never name a station ("IIR 6 866", "PARA 4", "NOV 2").
_NOT_STATIONS: frozenset[str] = frozenset(
    _words(
        """
        AND OR OF THE TO FOR IN ON AT BY NO NR NUMBER NUMBERS PARA PARAS PARAGRAPH PARAGRAPHS
        PAGE PAGES SECTION SECTIONS ITEM ITEMS ARTICLE ARTICLES ANNEX CHAPTER TITLE RESOLUTION
        UNSCR UNSC IIR DTG MSG MESSAGE EMAIL MAIL TELCON TELECON MEMCON MEMO REPORT REPORTS
        LETTER NOTE DIPNOTE CASE FILE FLIGHT ROOM FY EO CIRCULAR REF REFS REFTEL REFTELS ALSO
        SEE PREVIOUS TOTAL ABOUT SOME LAW DECREE BILL ACT RULE RULES CODE EXT EXTENSION PHONE
        FAX TEL ZIP BOX JAN JANUARY FEB FEBRUARY MAR MARCH APR APRIL MAY JUN JUNE JUL JULY AUG
        AUGUST SEP SEPT SEPTEMBER OCT OCTOBER NOV NOVEMBER DEC DECEMBER MONDAY TUESDAY WEDNESDAY
        THURSDAY FRIDAY SATURDAY SUNDAY YEAR YEARS DAY DAYS WEEK WEEKS CONFIDENTIAL SECRET
        UNCLASSIFIED UNCLAS NOFORN SIPDIS NOTAL NODIS EXDIS LIMDIS ROGER POINTS TALKING DATED
        SENT VIA FROM
        """
    )
)
# A kind keyword ("EMAIL 55", "E-MAIL 3", "EMAIL3") never names a station either.
_NOT_STATION_WORDS = _NOT_STATIONS.union(
    *(keywords for _kind, keywords in KIND_KEYWORDS),
    (word.replace("-", "") for _kind, keywords in KIND_KEYWORDS for word in keywords),
)


def cables_in(tokens: list[RefToken], cable_year: int | None) -> list[tuple[str | None, int, int]]:
    """Return (cable id or None when the year is unknown, start, end) for each cable named."""
    found: list[tuple[str | None, int, int]] = []
    last_station: tuple[str, str | int | None, int] | None = None  # station, year, token index
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "glued":
            cable_id = canonical_cable_id(token.text)
            if cable_id is not None:
                found.append((cable_id, token.start, token.end))
        elif token.kind == "word" and (glued := _GLUED_STATION.fullmatch(token.text)):
            station = glued["station"].upper()
            after_word = index > 0 and tokens[index - 1].kind == "word"  # "Sao Paulo4 2"
            if station not in _NOT_STATION_WORDS and not after_word:
                year = _year_before(tokens, index) or cable_year
                cable_id = cable_id_from_parts(year, station, glued["number"])
                if cable_id is not None:
                    found.append((cable_id, token.start, token.end))
        elif token.kind == "num" and _is_serial(token.text):
            station, first = _station_before(tokens, index)
            year: str | int | None = None
            if station is not None:
                year = _year_before(tokens, first)
                first -= year is not None
            elif last_station is not None and _joined_to(tokens, index, last_station[2]):
                station, year, first = last_station[0], last_station[1], index
            if station is not None:
                suffix, consumed = _year_after(tokens, index)
                year = suffix or year or cable_year
                cable_id = cable_id_from_parts(year, station, token.text)
                if cable_id is not None or year is None:
                    found.append((cable_id, tokens[first].start, tokens[index + consumed].end))
                    last_station = (station, year, index + consumed)
                    index += consumed
        index += 1
    return found


def _is_serial(text: str) -> bool:
    return len(text) <= 8 and 0 < int(text) <= 999_999


def _station_before(tokens: list[RefToken], index: int) -> tuple[str | None, int]:
    """Return the station named by the words right before ``tokens[index]`` and its first token."""
    words: list[str] = []
    position = index - 1
    while position >= 0 and len(words) < _MAX_STATION_WORDS:
        token = tokens[position]
        if token.kind != "word" or token.text.endswith("."):
            break
        words.insert(0, token.text.upper().replace("-", "").replace("'", ""))
        position -= 1
    for size in range(len(words), 1, -1):
        joined = "".join(words[-size:])
        if joined in MULTIWORD_STATIONS or joined in STATION_ALIASES:
            return joined, index - size
    if words:
        last = words[-1]
        if last.isalpha() and len(last) >= 3 and last not in _NOT_STATION_WORDS:
            return last, index - 1
    return None, index


def _year_before(tokens: list[RefToken], first: int) -> str | None:
    if first == 0:
        return None
    token = tokens[first - 1]
    if token.kind == "num" and _is_year(token.text):
        return token.text
    return None


def _year_after(tokens: list[RefToken], index: int) -> tuple[str | None, int]:
    """``ROME 123-05`` and ``ROME 123 (05)``: a year written after the number."""
    token = tokens[index]
    if token.suffix is not None:
        return token.suffix, 0
    window = tokens[index + 1 : index + 4]
    if (
        len(window) == 3
        and window[0].text == "("
        and window[2].text == ")"
        and window[1].kind == "num"
        and len(window[1].text) == 2
    ):
        return window[1].text, 3
    return None, 0


def _is_year(text: str) -> bool:
    return len(text) == 2 or (len(text) == 4 and text[:2] in ("19", "20"))


def _joined_to(tokens: list[RefToken], index: int, previous_end: int) -> bool:
    """``STATE 123 AND 456``: the number follows a connector right after the last cable."""
    return (
        index >= 2 and index - 2 == previous_end and tokens[index - 1].text.upper() in _CONNECTORS
    )
