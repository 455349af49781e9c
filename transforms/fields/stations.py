"""Station names as cables write them, resolved to the station of the published ids.

A station is the sending post of a cable id (``ISLAMABAD`` in ``08ISLAMABAD421``). The known
stations, the spellings and abbreviations posts used for them (``SAN JSE``, ``BKK``, ``PAUP``)
and the spellings whose station changed during the release (``KIEV`` until the ids switch to
``KYIV`` late in 2006) are data: ``seeds/stations.csv``, one row per spelling and station with
the dates the row holds and the evidence for it. A row whose spelling is its station names a
known station. One resolver serves the id canonicalizer (``transforms.fields.ids``) and the REF
reader (``transforms.fields.reference_cables``), so a reference resolves to the cable it names.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

STATIONS_CSV = Path(__file__).resolve().parents[2] / "seeds" / "stations.csv"

# Spaces, hyphens, underscores, dots, apostrophes and slashes: never part of a station or id.
SEPARATORS = re.compile(r"[\s\-_.'/]+")
_MAX_STATION_CHARS = 40

# Words that precede a station in damaged ids: sender prefixes, caveats, classifications.
NOISE_PREFIXES: tuple[str, ...] = (
    "AMEMBASSY", "AMCONSUL", "USMISSION", "USOFFICE", "AMINTERESTSSECTION", "EMBASSY",
    "CONSULATE", "FSC", "EFTO", "NOFORN", "NODIS",
    "EXDIS", "LIMDIS", "SIPDIS", "STADIS", "UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET",
)


class _Row(NamedTuple):
    station: str
    valid_from: date | None
    valid_to: date | None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _load(path: Path) -> dict[str, tuple[_Row, ...]]:
    table: dict[str, list[_Row]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                spelling = SEPARATORS.sub("", row["spelling"].upper())
                station = row["station"].strip().upper()
                if spelling and station:
                    entry = _Row(station, _day(row["valid_from"]), _day(row["valid_to"]))
                    table.setdefault(spelling, []).append(entry)
    except (OSError, KeyError):
        return {}
    # The row naming the spelling's own station first: "as written" wins where both hold.
    return {
        spelling: tuple(sorted(rows, key=lambda row: row.station != spelling))
        for spelling, rows in table.items()
    }


STATION_TABLE: dict[str, tuple[_Row, ...]] = _load(STATIONS_CSV)
# Every station a published id uses (the rows whose spelling is their station).
KNOWN_STATIONS: frozenset[str] = frozenset(
    spelling for spelling, rows in STATION_TABLE.items() if rows[0].station == spelling
)
# Every spelling resolved, ignoring dates: what the REF reader looks words up in.
STATION_SPELLINGS: frozenset[str] = frozenset(STATION_TABLE)
STATION_ALIASES: dict[str, str] = {
    spelling: rows[0].station
    for spelling, rows in STATION_TABLE.items()
    if rows[0].station != spelling
}


def station_of(spelling: str, year: int | None = None, latest: date | None = None) -> str | None:
    """The station a joined upper-case spelling names, for a cable of ``year``; None if unlisted.

    ``latest`` (the citing cable's day) narrows ``year`` to the days before it. Of the rows
    holding then, the spelling's own station wins (``KIEV`` in 2006 stays ``KIEV``), else the
    row's station (``KIEV`` in 2008 is ``KYIV``, ``SECSTATE`` is ``STATE``). Without ``year``
    every row holds.
    """
    rows = STATION_TABLE.get(spelling)
    if rows is None:
        return None
    if year is None or (len(rows) == 1 and rows[0].valid_from is rows[0].valid_to is None):
        return rows[0].station
    first, last = date(year, 1, 1), date(year, 12, 31)
    if latest is not None and first <= latest < last:
        last = latest
    for row in rows:
        if (row.valid_from is None or row.valid_from <= last) and (
            row.valid_to is None or row.valid_to >= first
        ):
            return row.station
    return rows[0].station


def compact_station(name: str) -> str:
    """``"New Delhi"`` -> ``"NEWDELHI"``: upper case, separators removed ("" when not letters)."""
    station = SEPARATORS.sub("", name.upper())
    if not station.isalpha() or len(station) > _MAX_STATION_CHARS:
        return ""
    return station


def strip_noise(station: str) -> str:
    """``EFTOLONDON`` -> ``LONDON``: sender prefixes and caveats glued before a station."""
    changed = True
    while changed:
        changed = False
        for prefix in NOISE_PREFIXES:
            if station.startswith(prefix) and len(station) > len(prefix) + 1:
                station = station[len(prefix) :]
                changed = True
    return station


def normalize_station(name: str, year: int | None = None, latest: date | None = None) -> str | None:
    """Return the station as written in canonical ids (``"NEW DELHI"`` -> ``"NEWDELHI"``).

    Separators go, letters are upper-cased, noise prefixes such as ``AMEMBASSY`` or ``NOFORN``
    are stripped and the spelling is looked up (``station_of``). A spelling the table lacks is
    kept as written: an unlisted station is still a station. ``None`` when no letters are left.
    """
    station = compact_station(name)
    if not station:
        return None
    resolved = station_of(station, year, latest)
    if resolved is not None:
        return resolved
    station = strip_noise(station)
    return station_of(station, year, latest) or station
