"""Cable-id canonicalizer: the damaged ids of the published metadata and of REF lines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from transforms.fields.ids import STATION_ALIASES, cable_id_from_parts, canonical_cable_id

CORPUS = Path(__file__).parents[2] / "../shared/cables"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("08ISLAMABAD421", "08ISLAMABAD421", id="seed"),
        pytest.param("08ECTION01OF02MANAMA492", "08MANAMA492", id="section-garbage"),
        pytest.param("09SECTION01OF03SANJOSE525", "09SANJOSE525", id="section-garbage-s"),
        pytest.param("08EFTOLONDON123", "08LONDON123", id="efto-prefix"),
        pytest.param("AMEMBASSY08ROME0012", "08ROME12", id="amembassy-prefix"),
        pytest.param("08STATE1234ZFR2585", "08STATE1234", id="trailing-zfr"),
        pytest.param("75STATE140323TOSEC140323", "75STATE140323", id="trailing-tosec"),
        pytest.param("7575LIBREVILLE1895", "75LIBREVILLE1895", id="75LIBREVILLE1895-dup-year"),
        pytest.param("85NOFORNMOGADISHU1643", "85MOGADISHU1643", id="85MOGADISHU1643-caveat"),
        pytest.param("08SECSTATE123", "08STATE123", id="secstate"),
        pytest.param("04USEU3226", "04USEUBRUSSELS3226", id="useu"),
        pytest.param("05TAIPEI2839", "05AITTAIPEI2839", id="taipei"),
        pytest.param("05RIO 128", "05RIODEJANEIRO128", id="rio"),
        pytest.param("06PORT-OF-SPAIN 45", "06PORTOFSPAIN45", id="port-of-spain"),
        pytest.param("04 NEW DELHI 006983", "04NEWDELHI6983", id="spaced-new-delhi"),
        pytest.param("1973STATE097844", "73STATE97844", id="1973STATE097844-4-digit-year"),
        pytest.param("08ISLAMABAD0000421", "08ISLAMABAD421", id="zero-padded"),
        pytest.param("hello", None, id="words"),
        pytest.param("08STATE0", None, id="serial-zero"),
        pytest.param("0812345", None, id="no-station"),
        pytest.param("", None, id="empty"),
        pytest.param("08STATE1234567890", None, id="serial-too-long"),
        pytest.param("9" * 100_000, None, id="100k-digits"),
    ],
)
def test_canonical_cable_id(text: str, expected: str | None) -> None:
    assert canonical_cable_id(text) == expected


@pytest.mark.parametrize(
    ("year", "station", "number", "expected"),
    [
        (2008, "ISLAMABAD", "000421", "08ISLAMABAD421"),
        ("08", "NEW DELHI", 6983, "08NEWDELHI6983"),
        (8, "SECSTATE", "1", "08STATE1"),
        (1966, "STATE", "106206", "66STATE106206"),
        ("2004", "Rio de Janeiro", "128", "04RIODEJANEIRO128"),
        (None, "STATE", "1", None),
        (2008, "", "1", None),
        (2008, "STATE", "12A", None),
        (2008, "STATE", "0", None),
        (-1, "STATE", "1", None),
        ("3000x", "STATE", "1", None),
    ],
)
def test_cable_id_from_parts(
    year: int | str | None, station: str, number: str | int, expected: str | None
) -> None:
    assert cable_id_from_parts(year, station, number) == expected


def test_aliases_are_canonical() -> None:
    """An alias target is never itself an alias to something else (no chains)."""
    assert all(STATION_ALIASES.get(target, target) == target for target in STATION_ALIASES.values())


def test_non_string_input_gives_none() -> None:
    assert canonical_cable_id(None) is None  # type: ignore[arg-type]


@pytest.mark.corpus
def test_corpus_ids_canonical_and_fast() -> None:
    """Every published id in the corpus file names canonicalizes to ``^\\d{2}[A-Z]+\\d+$``."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is absent")
    names = [path.stem for path in sorted((CORPUS / "txt").glob("*.txt"))]
    names += [path.stem for path in sorted((CORPUS / "alx").glob("*.txt"))]
    assert names
    canonical = 0
    worst = 0.0
    for name in names:
        started = time.perf_counter()
        cable_id = canonical_cable_id(name)
        elapsed = time.perf_counter() - started
        if elapsed >= 0.005:  # a garbage-collector pause is not the parser's cost: time again
            started = time.perf_counter()
            canonical_cable_id(name)
            elapsed = min(elapsed, time.perf_counter() - started)
        worst = max(worst, elapsed)
        canonical += cable_id is not None
        assert cable_id is None or cable_id[:2] == name[:2] or "SECTION" in name
    assert canonical / len(names) >= 0.995  # measured 100%
    assert worst < 0.25  # a never-hang bound; speed is the benchmark's (slowest ten)
