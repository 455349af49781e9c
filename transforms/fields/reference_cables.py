"""The cables one REF segment names: ``07 ROME 55``, ``STATE 123 AND 456``, ``85STATE38496``.

A cable is ``[year] STATION NUMBER``. The station is the longest run of up to five words right
before the serial that is a listed spelling (``USUN NEW YORK``, ``SAO PAUO``, ``BKK``); a word
that names no station names no cable (``9-22 THRU 10-7``), and no REF word is repaired as a
typo (``PARTY 3`` is no ``PARTO``; posts' own misspellings are listed spellings). The year is
the number before the station (``05``, ``2005``, ``'08``, ``(99)``), else ``-05``, ``(05)``,
``(2005)`` or ``/05`` after the serial, else the cable's own.
The station is resolved for that year (``transforms.fields.stations``: ``KIEV 12`` in 2008 is
``08KYIV12``). A number joined by ``AND``, ``&``, ``,`` or ``/`` reuses the station before it.
"""

from __future__ import annotations

import re
from datetime import date

from transforms.dates import full_year
from transforms.fields.ids import canonical_cable_id, format_cable_id, resolve_station
from transforms.fields.reference_kinds import KIND_KEYWORDS
from transforms.fields.reference_tokens import RefToken
from transforms.fields.stations import STATION_SPELLINGS, compact_station


def _words(text: str) -> list[str]:
    return text.split()  # a word list written as text: ruff wants list literals otherwise


_MAX_STATION_WORDS = 5
_GLUED_STATION = re.compile(r"(?P<station>[A-Za-z]{2,30})(?P<number>\d{1,7})")
_YEAR_WORD = re.compile(r"(?P<year>\d{2}|\d{4})(?P<station>[A-Za-z]{2,30})")
_CONNECTORS = frozenset({"AND", "&", ","})
_BETWEEN = frozenset({":", "#"})  # "STATE: 73097", "BAGHDAD #3565"
_FILLERS = frozenset({"CABLE", "CABLES", "TEL", "TELS"})
_ITEM_ENDS = frozenset({",", ";", ")", "."})

# Words before a number that never name a station ("IIR 6 866", "PARA 4", "NOV 2").
NOT_STATIONS: frozenset[str] = frozenset(
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
        SENT VIA FROM THRU THROUGH CABLE CABLES TELEGRAM TELEGRAMS NOTICE
        """
    )
)
# A kind keyword ("EMAIL 55", "E-MAIL 3", "EMAIL3") never names a station either.
_KIND_WORDS = frozenset(
    word.replace("-", "") for _kind, keywords in KIND_KEYWORDS for word in keywords
).union(*(keywords for _kind, keywords in KIND_KEYWORDS))
_NOT_STATION_WORDS = NOT_STATIONS | _KIND_WORDS


def cables_in(
    tokens: list[RefToken],
    cable_year: int | None,
    latest: date | None = None,
    unknown: list[str] | None = None,
) -> list[tuple[str | None, int, int]]:
    """Return (cable id or None when the year is unknown, start, end) for each cable named.

    ``latest`` is the citing cable's day (a cable of its own year was sent before it);
    words in a station's place that name no station are appended to ``unknown`` when given.
    """
    found: list[tuple[str | None, int, int]] = []
    last: tuple[str, int | None, int] | None = None  # station, full year, token index
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "glued":
            cable_id = canonical_cable_id(token.text, latest, known_only=True)
            if cable_id is not None:
                found.append((cable_id, token.start, token.end))
        elif token.kind == "word" and (glued := _GLUED_STATION.fullmatch(token.text)):
            after_word = index > 0 and tokens[index - 1].kind == "word"  # "Sao Paulo4 2"
            station = glued["station"].upper()
            if station not in _NOT_STATION_WORDS and not after_word:
                year = _year_before(tokens, index)[0] or cable_year
                cable_id = _cable_id(year, station, glued["number"], cable_year, latest)
                if cable_id is not None:
                    found.append((cable_id, token.start, token.end))
        elif token.kind in ("num", "date") and (serials := _serials(token)):
            spelling, first, year = _station_before(tokens, index, unknown)
            if spelling is not None:
                if year is None:
                    year, first = _year_before(tokens, first)
            elif last is not None and _joined_to(tokens, index, last[2]):
                spelling, year, first = last[0], last[1], index
            elif (after := _station_after(tokens, index)) is not None:
                cable_id = _cable_id(cable_year, after, serials[0], cable_year, latest)
                if cable_id is not None:
                    found.append((cable_id, token.start, tokens[index + 1].end))
                index += 2
                continue
            if spelling is not None:
                suffix, consumed = _year_after(tokens, index, len(serials) > 1)
                if suffix is not None:
                    serials = serials[:1]
                year = suffix or year or cable_year
                end = tokens[index + consumed].end
                for serial in serials:
                    cable_id = _cable_id(year, spelling, serial, cable_year, latest)
                    if cable_id is not None or year is None:
                        found.append((cable_id, tokens[first].start, end))
                last = (spelling, year, index + consumed)
                index += consumed
        index += 1
    return found


def _cable_id(
    year: int | None, spelling: str, serial: str, cable_year: int | None, latest: date | None
) -> str | None:
    if year is None:
        return None
    station = resolve_station(spelling, year, latest if year == cable_year else None, repair=False)
    return format_cable_id(year, station, serial) if station is not None else None


def _serials(token: RefToken) -> list[str]:
    """The serials a number token holds: ``0553``; ``936/935``, ``692/317/274`` (a list)."""
    if token.kind == "num":
        return [token.text] if _is_serial(token.text) else []
    parts = token.text.split("/")
    if "." in token.text or not all(len(part) >= 3 or part is parts[-1] for part in parts):
        return []
    if len(parts[-1]) < 3:  # "00789/08": the year after a slash
        return [parts[0]] if _is_serial(parts[0]) and len(parts) == 2 else []
    return [part for part in parts if _is_serial(part)]


def _is_serial(text: str) -> bool:
    return text.isdigit() and len(text) <= 8 and 0 < int(text) <= 9_999_999


def _station_before(
    tokens: list[RefToken], index: int, unknown: list[str] | None
) -> tuple[str | None, int, int | None]:
    """The station spelling right before ``tokens[index]``, its first token index and a year
    written between the two (``STATE (01) 201265``), if any.

    Between station and serial may stand ``:`` or ``#`` (``STATE: 73097``, ``BAGHDAD #3565``),
    a comma before a serial that is no year (``PRAGUE, 1228``), or ``CABLE(S)``.
    """
    end = index
    between_year = None
    before = tokens[end - 1].text if end > 0 else ""
    if before in _BETWEEN or (before == "," and not _is_year_like(tokens[index].text)):
        end -= 1
    elif end > 2 and before == ")" and tokens[end - 3].text == "(":
        between_year = _full(tokens[end - 2].text) if tokens[end - 2].kind == "num" else None
        end -= 3
    if end > 0 and tokens[end - 1].text.upper() in _FILLERS:
        end -= 1  # "COLOMBO CABLES 0266"
    words: list[str] = []
    position = end - 1
    while position >= 0 and len(words) < _MAX_STATION_WORDS:
        token = tokens[position]
        text = token.text
        if token.kind == "yearword":
            words.insert(0, _YEAR_WORD.fullmatch(text)["station"].upper())  # type: ignore[index]
            position -= 1
            break
        if token.kind != "word" or (text.endswith(".") and len(text) <= 2):
            break
        words.insert(0, text.upper().replace("-", "").replace("'", "").rstrip("."))
        position -= 1
    for size in range(len(words), 0, -1):
        joined = "".join(words[-size:])
        if joined in STATION_SPELLINGS:
            spelling, first = _unless_kind_before(tokens, end - size, joined)
            return spelling, first, between_year
    if words and unknown is not None:
        last = compact_station(words[-1])
        if len(last) >= 3 and last not in _NOT_STATION_WORDS:
            unknown.append(last)
    return None, index, None


def _station_after(tokens: list[RefToken], index: int) -> str | None:
    """``A) 377 KATHMANDU,``: a serial of three digits or more, then a station ending the item."""
    text = tokens[index].text
    if len(text) < 3 or _is_year_like(text) or index + 1 >= len(tokens):
        return None  # "MARCH 12, 2009 ROME." is a date and a place
    station = tokens[index + 1]
    following = tokens[index + 2] if index + 2 < len(tokens) else None
    if station.kind != "word" or (following is not None and following.text not in _ITEM_ENDS):
        return None
    spelling = station.text.upper().rstrip(".")
    return spelling if spelling in STATION_SPELLINGS else None


def _is_year_like(text: str) -> bool:
    return len(text) == 4 and text[:2] in ("19", "20")


def _unless_kind_before(
    tokens: list[RefToken], first: int, spelling: str
) -> tuple[str | None, int]:
    """``INCSR BRAZIL 2008``: a station after a report or mail keyword names a document."""
    before = tokens[first - 1] if first > 0 else None
    if before is not None and before.kind == "word" and before.text.upper() in _KIND_WORDS:
        return None, first
    return spelling, first


def _year_before(tokens: list[RefToken], first: int) -> tuple[int | None, int]:
    """The year written before the station at ``first`` and where the cable's text starts.

    ``05 ROME``, ``2005 ROME``, ``'08 ROME``, ``(99) ROME``, ``094 QUITO``, ``09RIYADH 1302``.
    """
    token = tokens[first]
    if token.kind == "yearword":
        return _full(_YEAR_WORD.fullmatch(token.text)["year"]), first  # type: ignore[index]
    if first == 0:
        return None, first
    if tokens[first - 1].text == ")" and first >= 3 and tokens[first - 3].text == "(":
        year = _full(tokens[first - 2].text) if tokens[first - 2].kind == "num" else None
        return (year, first - 3) if year is not None else (None, first)
    if tokens[first - 1].kind == "num":
        year = _full(tokens[first - 1].text)
        return (year, first - 1) if year is not None else (None, first)
    return None, first


def _full(text: str) -> int | None:
    if len(text) == 3 and text[0] == "0":  # "094 QUITO 841": a year padded to three digits
        text = text[1:]
    if len(text) == 2:
        return full_year(int(text))
    if len(text) == 4 and text[:2] in ("19", "20"):
        return int(text)
    return None


def _year_after(tokens: list[RefToken], index: int, listed: bool) -> tuple[int | None, int]:
    """``ROME 123-05``, ``ROME 123 (05)``, ``ROME 1484 (2008)``, ``PANAMA 00930/08``."""
    token = tokens[index]
    if token.suffix is not None:
        return full_year(int(token.suffix)), 0
    if token.kind == "date" and not listed and "/" in token.text:
        return _full(token.text.rsplit("/", 1)[1]), 0
    window = tokens[index + 1 : index + 4]
    if (
        len(window) == 3
        and window[0].text == "("
        and window[2].text == ")"
        and window[1].kind == "num"
        and len(window[1].text) in (2, 4)
    ):
        year = _full(window[1].text)
        if year is not None:
            return year, 3
    return None, 0


def _joined_to(tokens: list[RefToken], index: int, previous_end: int) -> bool:
    """``STATE 123 AND 456``: the number follows a connector right after the last cable.

    A year-like number followed by a word starts the next cable instead (``ROME 2543, 03 VAT
    4859``).
    """
    if not (index >= 2 and index - 2 == previous_end):
        return False
    if tokens[index - 1].text.upper() not in _CONNECTORS:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    year_like = len(tokens[index].text) in (2, 4)
    return not (year_like and following is not None and following.kind in ("word", "yearword"))
