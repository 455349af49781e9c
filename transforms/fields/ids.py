"""Canonical cable identifiers: one canonicalizer for a cable's own id and every referenced id.

The canonical form is ``08ISLAMABAD421``: two-digit year, station name in capitals without
spaces or hyphens (aliases applied), serial number without leading zeros. The published ids and
the ids written in REF lines carry known damage; the repairs are data (``STATION_ALIASES``,
``_NOISE_PREFIXES``) rather than code paths.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


# Spellings seen in references and published ids -> the station name of the published id.
STATION_ALIASES: dict[str, str] = {
    "SECSTATE": "STATE",
    "SECSTATEWASHDC": "STATE",
    "SECSTATEWASH": "STATE",
    "WASHDC": "STATE",
    "SECTSTATE": "STATE",
    "SECTATE": "STATE",
    "STAT": "STATE",
    "STAE": "STATE",
    "TATE": "STATE",
    "DEPT": "STATE",
    "USEU": "USEUBRUSSELS",
    "USEUBRUSS": "USEUBRUSSELS",
    "USUN": "USUNNEWYORK",
    "USUNNY": "USUNNEWYORK",
    "USUNNEW": "USUNNEWYORK",
    "NEWYORK": "USUNNEWYORK",
    "UNVIE": "UNVIEVIENNA",
    "UNVIENNA": "UNVIEVIENNA",
    "USUNVIENNA": "UNVIEVIENNA",
    "TAIPEI": "AITTAIPEI",
    "RIO": "RIODEJANEIRO",
    "RIODEJAN": "RIODEJANEIRO",
    "RIODEJANIERO": "RIODEJANEIRO",
    "PORTOFSPAIN": "PORTOFSPAIN",
    "POS": "PORTOFSPAIN",
    "PAP": "PORTAUPRINCE",
    "HAGUE": "THEHAGUE",
    "DELHI": "NEWDELHI",
    "MEXICOCITY": "MEXICO",
    "PANAMACITY": "PANAMA",
    "GUATEMALACITY": "GUATEMALA",
    "QUEBECCITY": "QUEBEC",
    "KUWAITCITY": "KUWAIT",
    "HOCHIMINH": "HOCHIMINHCITY",
    "HCMC": "HOCHIMINHCITY",
    "ADDIS": "ADDISABABA",
    "DAR": "DARESSALAAM",
    "BANDAR": "BANDARSERIBEGAWAN",
    "SAINTPETERSBURG": "STPETERSBURG",
    "PETERSBURG": "STPETERSBURG",
    "KIEV": "KYIV",
    "USNATOBRUSSELS": "USNATO",
    "USOSCEVIENNA": "USOSCE",
    "BRASILA": "BRASILIA",
    "NDJAMENA": "NDJAMENA",
}

# Station names written as several words; longest match wins when reading a REF line.
MULTIWORD_STATIONS: frozenset[str] = frozenset(
    _words(
        """
        ABUDHABI ADDISABABA AITTAIPEI BANDARSERIBEGAWAN BUENOSAIRES CAPETOWN CHIANGMAI
        CIUDADJUAREZ DARESSALAAM GUATEMALACITY HOCHIMINHCITY HONGKONG KOTAKINABALU KUALALUMPUR
        KUWAITCITY LAPAZ MEXICOCITY NEWDELHI NEWYORK NUEVOLAREDO PANAMACITY PHNOMPENH
        PORTAUPRINCE PORTLOUIS PORTMORESBY PORTOFSPAIN QUEBECCITY RIODEJANEIRO RIODEJAN SANJOSE
        SANSALVADOR SANTODOMINGO SAOPAULO STPETERSBURG SAINTPETERSBURG TELAVIV THEHAGUE
        USUNNEWYORK UNVIEVIENNA USEUBRUSSELS USNATOBRUSSELS USUNROME USUNGENEVA USOSCEVIENNA
        SECSTATEWASHDC HOCHIMINH PORTOFPORTSPAIN
        """
    )
)

# Words that precede a station in damaged ids: section banners, caveats, sender prefixes.
_NOISE_PREFIXES: tuple[str, ...] = tuple(
    _words(
        """
        AMEMBASSY AMCONSUL USMISSION EMBASSY CONSULATE EFTO NOFORN NODIS
        EXDIS LIMDIS SIPDIS STADIS UNCLAS UNCLASSIFIED CONFIDENTIAL SECRET
        """
    )
)

_MAX_ID_CHARS = 120
_SEPARATORS = re.compile(r"[\s\-_.'/]+")
# Prefix letters, then a 2- or 4-digit year, station letters, serial digits, optional junk.
_ID = re.compile(
    r"(?P<prefix>[A-Z]{0,12}?)(?P<year>\d{4}|\d{2})(?P<station>[A-Z]{2,40})(?P<number>\d{1,9})"
    r"(?P<junk>[A-Z][A-Z0-9]{0,20})?"
)
# "08ECTION01OF02MANAMA492" / "09SECTION01OF03SANJOSE525": a section banner glued in.
_SECTION = re.compile(r"S?ECTION\d{1,2}OF\d{1,2}")
_MAX_SERIAL = 999_999


def normalize_station(name: str) -> str | None:
    """Return the station as written in canonical ids (``"NEW DELHI"`` -> ``"NEWDELHI"``).

    Spaces, hyphens and dots are removed, letters upper-cased, noise prefixes such as
    ``AMEMBASSY`` or ``NOFORN`` stripped, then ``STATION_ALIASES`` applied. ``None`` when nothing
    alphabetic is left.
    """
    station = _SEPARATORS.sub("", name.upper())
    if not station.isalpha() or len(station) > 40:
        return None
    station = _strip_noise(station)
    return STATION_ALIASES.get(station, station) if station else None


def _strip_noise(station: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _NOISE_PREFIXES:
            if station.startswith(prefix) and len(station) > len(prefix) + 1:
                station = station[len(prefix) :]
                changed = True
    return station


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
    compact = _SEPARATORS.sub("", text.upper())
    compact = _SECTION.sub("", compact)
    match = _ID.fullmatch(compact)
    if match is None:
        return None
    return cable_id_from_parts(match["year"], match["station"], match["number"])
