"""Typos of known stations: one letter dropped, added, changed or two swapped.

Published ids and REF lines carry transmission damage (``07SOIA828``, ``08IHARTOUM1126``,
``COLOMOBO 2304``, ``06AITTAIPIE2654``). A word that is no listed spelling is repaired to the
one known station (``transforms.fields.stations.KNOWN_STATIONS``) within one such edit, and
only when exactly one station is that close. The stations are indexed by their one-letter
deletions at import, so a lookup costs a few dictionary probes, never a scan.
"""

from __future__ import annotations

import re

from transforms.fields.stations import KNOWN_STATIONS, NOISE_PREFIXES

# Station tails glued after a cut-off classification or section word: "09SIFIEDABUJA1673".
_NOISE_WORDS: tuple[str, ...] = (*NOISE_PREFIXES, "SECTION")
_MIN_TAIL = 3


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _index(stations: frozenset[str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for station in stations:
        for key in {station, *_deletions(station)}:
            index.setdefault(key, set()).add(station)
    return {key: frozenset(found) for key, found in index.items()}


_BY_DELETION = _index(KNOWN_STATIONS)


def _one_edit(word: str, station: str) -> bool:
    """True when ``word`` is ``station`` with one letter dropped, added, changed or swapped."""
    if abs(len(word) - len(station)) > 1 or word == station:
        return False
    if len(word) == len(station):
        diff = [index for index, (a, b) in enumerate(zip(word, station, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        first, second = diff[0], diff[-1]
        return len(diff) == 2 and second == first + 1 and word[first] == station[second] and (
            word[second] == station[first]
        )
    shorter, longer = (word, station) if len(word) < len(station) else (station, word)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


def repair_station(word: str, min_length: int = 5) -> str | None:
    """The one known station within one edit of ``word`` (both at least ``min_length`` long).

    ``BRUSSLS`` -> ``BRUSSELS``, ``TILISI`` -> ``TBILISI``; ``None`` when no station or more
    than one is that close, or the word is too short to tell (``ROM`` could be many).
    """
    if len(word) < min_length or not word.isalpha():
        return None
    candidates = set(_BY_DELETION.get(word, ()))
    for key in _deletions(word) | {word}:
        candidates.update(_BY_DELETION.get(key, ()))
    found = {
        station
        for station in candidates
        if len(station) >= min_length and _one_edit(word, station)
    }
    return found.pop() if len(found) == 1 else None


def repair_garbled(word: str) -> str | None:
    """``QRIPOLI`` -> ``TRIPOLI``, ``QXICO`` -> ``MEXICO``: a ``Q`` stands for 1-3 lost letters.

    The wire wrote ``Q`` where it lost characters (``SQCTION``, ``BRUSSQLS``, ``AQNA`` for
    ``ASTANA``); the word is read with each ``Q`` as a gap and kept only when exactly one
    known station fits. Words without ``Q`` or shorter than four letters are not tried.
    """
    if "Q" not in word or len(word) < 4 or not word.isalpha() or word.count("Q") > 2:
        return None
    if word in KNOWN_STATIONS:
        return None
    gaps = re.compile(".{1,3}".join(re.escape(part) for part in word.split("Q")))
    found = [station for station in KNOWN_STATIONS if gaps.fullmatch(station)]
    return found[0] if len(found) == 1 else None


def strip_noise_tail(word: str) -> str | None:
    """``SIFIEDABUJA`` -> ``ABUJA``: a known station after the tail of a noise word, else None."""
    for cut in range(_MIN_TAIL, len(word) - 3):
        head, station = word[:cut], word[cut:]
        if station in KNOWN_STATIONS and any(noise.endswith(head) for noise in _NOISE_WORDS):
            return station
    return None
