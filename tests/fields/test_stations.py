"""The station table (seeds/stations.csv): its rows, dated spellings and typo repair."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from transforms.fields.station_typos import repair_garbled, repair_station, strip_noise_tail
from transforms.fields.stations import (
    KNOWN_STATIONS,
    STATION_TABLE,
    STATIONS_CSV,
    normalize_station,
    station_of,
)

CORPUS = Path(__file__).parents[2] / "../shared/cables"
_ID = re.compile(r"(\d{2})([A-Z]+?)(\d+)")


def _rows() -> list[dict[str, str]]:
    with STATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_table_is_well_formed() -> None:
    rows = _rows()
    assert list(rows[0]) == ["spelling", "station", "valid_from", "valid_to", "source"]
    assert len(KNOWN_STATIONS) > 250  # the release's ~270 posts plus the Department's offices
    for row in rows:
        assert re.fullmatch(r"[A-Z0-9]+", row["spelling"]), row
        assert row["station"] in KNOWN_STATIONS, row  # no chains: an alias names a station
        assert row["source"], row
        for day in (row["valid_from"], row["valid_to"]):
            assert day == "" or date.fromisoformat(day), row
        if row["valid_from"] and row["valid_to"]:
            assert row["valid_from"] <= row["valid_to"], row
    keys = [(row["spelling"], row["station"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)


def test_dated_spellings_cover_every_day() -> None:
    """A spelling with dated rows resolves on every day of the release to some station."""
    for spelling, rows in STATION_TABLE.items():
        if all(row.valid_from is None and row.valid_to is None for row in rows):
            continue
        starts = sorted(row.valid_from or date.min for row in rows)
        ends = sorted(row.valid_to or date.max for row in rows)
        assert starts[0] == date.min and ends[-1] == date.max, spelling
        gaps = [(end, start) for start, end in zip(starts[1:], ends, strict=False)
                if start > end + timedelta(days=1)]
        assert gaps == [], spelling


@pytest.mark.parametrize(
    ("spelling", "year", "latest", "expected"),
    [
        pytest.param("SECSTATE", None, None, "STATE", id="alias"),
        pytest.param("SANJSE", 2007, None, "SANJOSE", id="07SANJSE-alias"),
        pytest.param("KIEV", 2005, None, "KIEV", id="kiev-2005"),
        pytest.param("KIEV", 2006, None, "KIEV", id="kiev-2006-as-written"),
        pytest.param("KYIV", 2006, None, "KYIV", id="kyiv-2006-as-written"),
        pytest.param("KIEV", 2006, date(2006, 5, 2), "KIEV", id="kiev-may-2006"),
        pytest.param("KYIV", 2006, date(2006, 5, 2), "KIEV", id="kyiv-may-2006-is-kiev"),
        pytest.param("KIEV", 2008, None, "KYIV", id="08KYIV955-kiev-2008-is-kyiv"),
        pytest.param("TAIPEI", 2005, None, "TAIPEI", id="05TAIPEI4433-taipei-2005"),
        pytest.param("AITTAIPEI", 2006, None, "TAIPEI", id="06TAIPEI2921-ait-2006"),
        pytest.param("TAIPEI", 2009, None, "AITTAIPEI", id="09AITTAIPEI275-taipei-2009"),
        pytest.param("PARISFR", 2008, None, "PARISFR", id="parisfr-2008"),
        pytest.param("PARISFR", 2010, None, "UNESCOPARISFR", id="parisfr-2010"),
        pytest.param("NOSUCHPLACE", 2008, None, None, id="unlisted"),
    ],
)
def test_station_of(spelling: str, year: int | None, latest: date | None, expected: str) -> None:
    assert station_of(spelling, year, latest) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("New Delhi", "NEWDELHI", id="spaced"),
        pytest.param("AMEMBASSY ROME", "ROME", id="prefix"),
        pytest.param("Blabla", "BLABLA", id="unlisted-kept"),
        pytest.param("12", None, id="digits"),
    ],
)
def test_normalize_station(name: str, expected: str | None) -> None:
    assert normalize_station(name) == expected


@pytest.mark.parametrize(
    ("word", "min_length", "expected"),
    [
        pytest.param("BRUSSLS", 5, "BRUSSELS", id="09BRUSSLS1332-dropped"),
        pytest.param("BRUSSQLS", 5, "BRUSSELS", id="09BRUSSQLS1235-changed"),
        pytest.param("EIJING", 5, "BEIJING", id="07BEIJING483-first-letter-lost"),
        pytest.param("AITTAIPIE", 5, "AITTAIPEI", id="06AITTAIPIE2654-swapped"),
        pytest.param("WELLLINGTON", 5, "WELLINGTON", id="letter-added"),
        pytest.param("BAU", 3, "BAKU", id="09BAU339-short"),
        pytest.param("BAU", 5, None, id="too-short-to-tell"),
        pytest.param("BRUSSELS", 5, None, id="a-station-is-no-typo"),
        pytest.param("POINTS", 5, None, id="a-word"),
    ],
)
def test_repair_station(word: str, min_length: int, expected: str | None) -> None:
    assert repair_station(word, min_length) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("QRIPOLI", "TRIPOLI", id="09TRIPOLI583-one-letter"),
        pytest.param("QXICO", "MEXICO", id="07QXICO3307-two-letters"),
        pytest.param("BUENOSQRES", "BUENOSAIRES", id="07BUENOSQRES633"),
        pytest.param("AQNA", None, id="10AQNA272-astana-or-adana"),
        pytest.param("QUITO", None, id="no-gap-in-a-station"),
        pytest.param("ROME", None, id="no-q"),
    ],
)
def test_repair_garbled(word: str, expected: str | None) -> None:
    assert repair_garbled(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("SIFIEDABUJA", "ABUJA", id="09SIFIEDABUJA1673"),
        pytest.param("TIONROME", "ROME", id="section-tail"),
        pytest.param("XYZROME", None, id="not-a-noise-tail"),
    ],
)
def test_strip_noise_tail(word: str, expected: str | None) -> None:
    assert strip_noise_tail(word) == expected


@pytest.mark.corpus
def test_every_published_station_is_known() -> None:
    """Every file name of ../shared is a published id: its station is in the table."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is absent")
    names = [path.stem for folder in ("txt", "html", "alx", "pdf-text")
             for path in sorted((CORPUS / folder).glob("*"))]
    garbled = re.compile(r"SECTION|EFTO|NOFORN")
    unknown = sorted(
        name for name in names
        if (match := _ID.fullmatch(name)) and not garbled.search(name)
        and match[2] not in KNOWN_STATIONS
    )
    print(f"\n{len(names)} published ids, stations unknown: {unknown}")
    assert unknown == []
