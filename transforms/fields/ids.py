"""Canonical cable identifiers: one canonicalizer for a cable's own id and every referenced id.

The canonical form is ``08ISLAMABAD421``: two-digit year, the station as the published ids of
that time write it (spellings resolved by ``transforms.fields.stations``, typos repaired by
``transforms.fields.station_typos``), serial number without leading zeros. Damage seen in
published ids and REF lines is repaired by rules over data, not by a table of whole ids: a
section banner glued in (``08SCTION02OF02SAOPAULO335``), sender prefixes and caveats
(``09EFTOLONDON2187``), trailing routing junk (``06MADRID002583ZFR2585``), a year typed twice.
"""

from __future__ import annotations

import re
from datetime import date

from transforms.dates import full_year
from transforms.fields.station_typos import repair_garbled, repair_station, strip_noise_tail
from transforms.fields.stations import (
    SEPARATORS,
    STATION_ALIASES,
    compact_station,
    normalize_station,
    station_of,
    strip_noise,
)

__all__ = [
    "STATION_ALIASES",
    "cable_id_from_parts",
    "canonical_cable_id",
    "format_cable_id",
    "normalize_station",
    "resolve_station",
]

_MAX_ID_CHARS = 120
_MIN_REPAIR = 3  # "BAU" for BAKU: the shortest station word repaired as a typo
_MAX_SERIAL = 9_999_999  # seven digits: REF lines write "STATE 1531333"; real serials are shorter
# Prefix letters ("AMEMBASSY08ROME0012"), the year (2 digits, 19xx/20xx, or typed twice as
# in "7575LIBREVILLE1895"), then the rest of the id.
_ID = re.compile(
    r"(?P<prefix>[A-Z]{0,12}?)(?P<year>(?:19|20)\d\d|(?P<twice>\d\d)(?P=twice)|\d\d)(?P<rest>.+)"
)
# A section banner glued in after the year, its letters and its "OF" garbled in transmission:
# "SCTION02OF02", "SECTIOQ1OF06", "SECTION0QF05", "SECTION02F02", "SECTION01O02", "01OF02".
_SECTION = re.compile(r"[A-Z]{0,8}?[0-9Q]{1,2}(?:OF|GF|QF|F|O)\d{1,2}(?=[A-Z])")
# Station, serial and what routing glued after it: "ZFR2585", "ZDK164", "TOSEC140323"; the
# serial may be lost ("06ASTANA").
_BODY = re.compile(
    r"(?P<station>[A-Z]{2,40}?)(?:(?P<number>\d{1,9})(?P<junk>[A-Z][A-Z0-9]{0,30})?)?"
)
# Junk words that name the cable's real serial after them: "08ACCRA001382SUSPECTEDDUPLICATE1392".
_SERIAL_AFTER: tuple[str, ...] = ("SUSPECTEDDUPLICATE",)


def two_digit_year(year: str) -> str | None:
    """``08`` and ``2008`` -> ``08``; ``7575`` (typed twice) -> ``75``; else None."""
    if len(year) == 2:
        return year
    if year[:2] == year[2:]:  # "7575LIBREVILLE1895": the year typed twice
        return year[:2]
    if year[:2] in ("19", "20"):
        return year[2:]
    return None


def resolve_station(
    name: str,
    year: int | None = None,
    latest: date | None = None,
    *,
    repair: bool = True,
) -> str | None:
    """The known station ``name`` names for a cable of ``year``, or ``None`` when it names none.

    The spelling is looked up as written (``SAN JSE`` -> ``SANJOSE``), then without noise
    prefixes (``EMBASSY VIENNA``); with ``repair`` (for garbled ids, where the word is known
    to be a station) also without the tail of a cut-off noise word (``SIFIEDABUJA``), as a
    typo of one known station (``BRUSSLS``) or with ``Q`` for lost letters (``QXICO``).
    A REF line's words are never repaired: too many words are one letter from a station
    (``PARTY``, ``STATES``, ``BEGIN``).
    """
    station = compact_station(name)
    if not station:
        return None
    found = station_of(station, year, latest)
    if found is not None:
        return found
    stripped = strip_noise(station)
    found = station_of(stripped, year, latest) if stripped != station else None
    if found is None and repair:
        tail = strip_noise_tail(stripped)
        repaired = tail or repair_station(stripped, _MIN_REPAIR) or repair_garbled(stripped)
        found = station_of(repaired, year, latest) if repaired else None
    return found


def cable_id_from_parts(
    year: int | str | None,
    station: str,
    number: str | int,
    latest: date | None = None,
    *,
    known_only: bool = False,
) -> str | None:
    """Build the canonical id from its parts, e.g. ``(2008, "ISLAMABAD", "000421")``.

    ``year`` may be 2 or 4 digits (int or str). The station is resolved for that year
    (``resolve_station``); an unlisted one is repaired as a typo and else kept as written,
    unless ``known_only`` (then it gives ``None``). ``number`` loses its leading zeros and
    must be 1..9999999. ``None`` when any part is missing or malformed.
    """
    if year is None or not station:
        return None
    year_text = f"{year:02d}" if isinstance(year, int) else str(year).strip()
    if isinstance(year, int) and year >= 100:
        year_text = str(year)
    if not year_text.isdigit() or len(year_text) not in (2, 4):
        return None
    short_year = two_digit_year(year_text)
    if short_year is None:
        return None
    full = full_year(int(short_year))
    canonical_station = resolve_station(station, full, latest, repair=not known_only)
    if canonical_station is None and not known_only:
        canonical_station = normalize_station(station)
    if canonical_station is None:
        return None
    return format_cable_id(full, canonical_station, str(number).strip())


def format_cable_id(year: int, station: str, number: str | int) -> str | None:
    """``(2008, "ISLAMABAD", "000421")`` -> ``08ISLAMABAD421`` for a station already resolved.

    ``None`` when the serial is not 1..9999999.
    """
    number_text = str(number)
    if not number_text.isdigit() or len(number_text) > 9:
        return None
    serial = int(number_text)
    if not 0 < serial <= _MAX_SERIAL:
        return None
    return f"{year % 100:02d}{station}{serial}"


def canonical_cable_id(
    text: str, latest: date | None = None, *, known_only: bool = False
) -> str | None:
    """Return the canonical form of a cable id, or ``None`` when ``text`` is not one.

    Accepts the published form (``08ISLAMABAD421``), spaced and hyphenated forms
    (``08 NEW DELHI 0421``, ``10-OTTAWA-57``), 4-digit years (``1973STATE097844`` ->
    ``73STATE97844``), a year typed twice (``7575LIBREVILLE1895``), prefixes (``EFTO``,
    ``AMEMBASSY``), caveats glued to the station (``85NOFORNMOGADISHU1643``), section banners
    however garbled (``08SCTION02OF02SAOPAULO335`` -> ``08SAOPAULO335``) and trailing junk
    (``ZFR2585``, ``TOSEC140323``). Stations resolve for the id's year (``05RIO123`` ->
    ``05RIODEJANEIRO123``, ``08KIEV1`` -> ``08KYIV1``); with ``known_only`` an unlisted
    station gives ``None`` instead of being kept.
    """
    pieces = split_cable_id(text)
    if pieces is None or pieces[2] is None:
        return None
    year, station, number = pieces
    return cable_id_from_parts(year, station, number, latest, known_only=known_only)


def split_cable_id(text: str) -> tuple[str, str, str | None] | None:
    """(year as written, station letters as written, serial or None) of a possibly damaged id.

    ``08SCTION02OF02SAOPAULO335`` -> ``("08", "SAOPAULO", "335")``, ``06ASTANA`` ->
    ``("06", "ASTANA", None)``; ``None`` when ``text`` has no year and station.
    """
    if not isinstance(text, str) or len(text) > _MAX_ID_CHARS:
        return None
    compact = SEPARATORS.sub("", text.upper())
    match = _ID.fullmatch(compact)
    if match is None:
        return None
    rest = match["rest"]
    section = _SECTION.match(rest)
    if section is not None:
        rest = rest[section.end() :]
    body = _BODY.fullmatch(rest)
    if body is None:
        return None
    number = body["number"]
    junk = body["junk"] or ""
    for marker in _SERIAL_AFTER:
        if junk.startswith(marker) and junk[len(marker) :].isdigit():
            number = junk[len(marker) :]
    return match["year"], body["station"], number
