"""A cable's own id: its published id, unless that id is garbled.

The release named each cable after its banner, so a banner garbled in transmission gave a
garbled published id (``08SCTION02OF02SAOPAULO335``, ``09EFTOLONDON2187``, ``07SOIA828``). Such
an id is repaired by the canonicalizer (``transforms.fields.ids``) and, where the station
itself is lost or misspelt, from the routing header: the ``FM`` line names the post and the
``DE ... #0335/02`` line and the banner repeat the serial, which must agree with the id's.
"""

from __future__ import annotations

import re
from datetime import date

from transforms.dates import full_year
from transforms.fields.ids import (
    cable_id_from_parts,
    canonical_cable_id,
    resolve_station,
    split_cable_id,
    two_digit_year,
)
from transforms.fields.stations import KNOWN_STATIONS, SEPARATORS

# A published id that needs nothing: year, a listed station, a serial without leading zeros.
_CLEAN_ID = re.compile(r"(\d{2})([A-Z]{2,40})([1-9]\d{0,6})")
_DE_SERIAL = re.compile(r"(?m)^[ \t]*DE[ \t]+R[A-Z]{3,6}[ \t]+#[ \t]?(\d{1,7})\b")
_MAX_HEADER_CHARS = 4_000


def de_serial(header: str | None) -> int | None:
    """The serial of the ``DE RUEHTRO #0583/02 2011025`` line, or None."""
    if not header:
        return None
    match = _DE_SERIAL.search(header, 0, _MAX_HEADER_CHARS)
    return int(match[1]) if match else None


def own_cable_id(
    published: str | None,
    created: date | None = None,
    post_names: tuple[str | None, ...] = (),
    header_serials: tuple[int | None, ...] = (),
) -> str | None:
    """The cable's own id from its published id, repaired only when that id is garbled.

    - A published id with a listed station and a plain serial is the cable id as it is
      (``06KIEV3489`` stays, though ``KIEV`` in a 2008 reference means ``KYIV``).
    - Otherwise it is canonicalized (``canonical_cable_id``): banner, prefix and junk
      stripped, the station resolved or repaired as a typo.
    - When the station is not in the id as written (repaired, or lost) and the first of
      ``post_names`` naming a known post (the ``FM`` line's, else the banner's), and the first
      of ``header_serials`` present (the ``DE`` line's, else the banner's) is the id's serial,
      that post wins: ``09SECTION02OF03QRIPOLI583`` from
      ``FM AMEMBASSY TRIPOLI`` with ``#0583/02`` is ``09TRIPOLI583``. An id without serial
      (``06ASTANA``) takes the header's when the DE line and the banner agree.
    """
    if not published:
        return None
    text = published.strip()
    clean = _CLEAN_ID.fullmatch(text)
    if clean is not None and clean[2] in KNOWN_STATIONS:
        return text
    candidate = canonical_cable_id(text, created)
    from_header = _from_header(text, created, post_names, header_serials)
    if from_header is None:
        return candidate
    if candidate is not None and _known_and_written(candidate, text):
        return candidate
    return from_header


def _from_header(
    published: str,
    created: date | None,
    post_names: tuple[str | None, ...],
    serials: tuple[int | None, ...],
) -> str | None:
    pieces = split_cable_id(published)
    if pieces is None:
        return None
    year, _station, number = pieces
    short = two_digit_year(year)
    if short is None:
        return None
    post = next(
        (
            station
            for name in post_names
            if name and (station := _post(name, full_year(int(short)), created))
        ),
        None,
    )
    known = [serial for serial in serials if serial]
    if post is None or not known:
        return None
    if number is not None:
        if int(number) != known[0]:  # the DE line's serial when there is one, else the banner's
            return None
        serial = int(number)
    elif all(serial == known[0] for serial in known):
        serial = known[0]
    else:
        return None
    return cable_id_from_parts(short, post, serial, created, known_only=True)


def _post(name: str, year: int, created: date | None) -> str | None:
    """The known station a FM line or banner names (``AMEMBASSY TRIPOLI``, ``SAO PAULO``)."""
    return resolve_station(name.split("//")[0], year, created, repair=False)


def _known_and_written(cable_id: str, published: str) -> bool:
    """True when the canonical id's station is a known one spelt out in the published id."""
    station = cable_id[2:].rstrip("0123456789")
    return station in KNOWN_STATIONS and station in SEPARATORS.sub("", published.upper())
