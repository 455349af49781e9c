"""Station names as cables write them: aliases, multi-word names and the noise around them.

A station is the sending post of a cable id (``ISLAMABAD`` in ``08ISLAMABAD421``). The repairs
for the ways ids and REF lines misspell it are data here, shared by the id canonicalizer
(``transforms.fields.ids``) and the REF reader (``transforms.fields.reference_cables``).
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()  # a word list written as text: ruff wants list literals otherwise


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

# Spaces, hyphens, underscores, dots, apostrophes and slashes: never part of a station or id.
SEPARATORS = re.compile(r"[\s\-_.'/]+")


def normalize_station(name: str) -> str | None:
    """Return the station as written in canonical ids (``"NEW DELHI"`` -> ``"NEWDELHI"``).

    Spaces, hyphens and dots are removed, letters upper-cased, noise prefixes such as
    ``AMEMBASSY`` or ``NOFORN`` stripped, then ``STATION_ALIASES`` applied. ``None`` when nothing
    alphabetic is left.
    """
    station = SEPARATORS.sub("", name.upper())
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
