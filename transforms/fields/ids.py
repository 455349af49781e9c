"""Canonical cable identifiers: one canonicalizer for a cable's own id and every referenced id.

The canonical form is ``08ISLAMABAD421``: two-digit year, station name in capitals without
spaces or hyphens (aliases applied), serial number without leading zeros. The published ids and
the ids written in REF lines carry known damage; the repairs are data (the station vocabulary in
``transforms.fields.stations``, the section banner below) rather than code paths.
"""

from __future__ import annotations

import re

# The station vocabulary lived here first; callers still import it from this module.
from transforms.fields.stations import (
    MULTIWORD_STATIONS,
    SEPARATORS,
    STATION_ALIASES,
    normalize_station,
)

__all__ = [
    "MULTIWORD_STATIONS",
    "STATION_ALIASES",
    "cable_id_from_parts",
    "canonical_cable_id",
    "normalize_station",
]

_MAX_ID_CHARS = 120
# Prefix letters, then a 2- or 4-digit year, station letters, serial digits, optional junk.
_ID = re.compile(
    r"(?P<prefix>[A-Z]{0,12}?)(?P<year>\d{4}|\d{2})(?P<station>[A-Z]{2,40})(?P<number>\d{1,9})"
    r"(?P<junk>[A-Z][A-Z0-9]{0,20})?"
)
# "08ECTION01OF02MANAMA492" / "09SECTION01OF03SANJOSE525": a section banner glued in.
_SECTION = re.compile(r"S?ECTION\d{1,2}OF\d{1,2}")
_MAX_SERIAL = 999_999


def _two_digit_year(year: str) -> str | None:
    if len(year) == 2:
        return year
    if year[:2] == year[2:]:  # "7575LIBREVILLE1895": the year typed twice
        return year[:2]
    if year[:2] in ("19", "20"):
        return year[2:]
    return None


def cable_id_from_parts(year: int | str | None, station: str, number: str | int) -> str | None:
    """Build the canonical id from its parts, e.g. ``(2008, "ISLAMABAD", "000421")``.

    ``year`` may be 2 or 4 digits (int or str); ``station`` is normalised by
    ``normalize_station``; ``number`` loses its leading zeros and must be 1..999999.
    ``None`` when any part is missing or malformed.
    """
    if year is None or not station:
        return None
    year_text = f"{year:02d}" if isinstance(year, int) else str(year).strip()
    if isinstance(year, int) and year >= 100:
        year_text = str(year)
    if not year_text.isdigit() or len(year_text) not in (2, 4):
        return None
    short_year = _two_digit_year(year_text)
    canonical_station = normalize_station(station)
    number_text = str(number).strip()
    if short_year is None or canonical_station is None or not number_text.isdigit():
        return None
    if len(number_text) > 9:
        return None
    serial = int(number_text)
    if not 0 < serial <= _MAX_SERIAL:
        return None
    return f"{short_year}{canonical_station}{serial}"


def canonical_cable_id(text: str) -> str | None:
    """Return the canonical form of a cable id, or ``None`` when ``text`` is not one.

    Accepts the published form (``08ISLAMABAD421``), spaced forms (``08 NEW DELHI 0421``),
    4-digit years (``1973STATE097844`` -> ``73STATE97844``), a year typed twice
    (``7575LIBREVILLE1895``), prefixes (``EFTO``, ``AMEMBASSY``), caveats glued to the station
    (``85NOFORNMOGADISHU1643``), section banners (``08ECTION01OF02MANAMA492`` ->
    ``08MANAMA492``) and trailing junk (``ZFR2585``, ``TOSEC140323``). Station aliases from
    ``STATION_ALIASES`` apply (``SECSTATE`` -> ``STATE``).
    """
    if not isinstance(text, str) or len(text) > _MAX_ID_CHARS:
        return None
    compact = SEPARATORS.sub("", text.upper())
    compact = _SECTION.sub("", compact)
    match = _ID.fullmatch(compact)
    if match is None:
        return None
    return cable_id_from_parts(match["year"], match["station"], match["number"])
