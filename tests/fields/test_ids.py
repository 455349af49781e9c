"""Cable ids: the damaged ids of the published metadata and REF lines, and a cable's own id."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from transforms.fields.ids import cable_id_from_parts, canonical_cable_id, resolve_station
from transforms.fields.own_ids import de_serial, own_cable_id

CORPUS = Path(__file__).parents[2] / "../shared/cables"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("08ISLAMABAD421", "08ISLAMABAD421", id="seed"),
        pytest.param("08EFTOLONDON123", "08LONDON123", id="efto-prefix"),
        pytest.param("09EFTOLONDON2187", "09LONDON2187", id="09EFTOLONDON2187-efto"),
        pytest.param("AMEMBASSY08ROME0012", "08ROME12", id="amembassy-prefix"),
        pytest.param("05EMBASSYVIENNA1", "05VIENNA1", id="embassy-prefix"),
        pytest.param("08FSCCHARLESTON1712", "08CHARLESTON1712", id="fsc-prefix"),
        pytest.param("08STATE1234ZFR2585", "08STATE1234", id="trailing-zfr"),
        pytest.param("07OSLO000160ZDK164", "07OSLO160", id="trailing-zdk"),
        pytest.param("75STATE140323TOSEC140323", "75STATE140323", id="trailing-tosec"),
        pytest.param("08ACCRA001382SUSPECTEDDUPLICATE1392", "08ACCRA1392", id="duplicate-marker"),
        pytest.param("7575LIBREVILLE1895", "75LIBREVILLE1895", id="75LIBREVILLE1895-dup-year"),
        pytest.param("85NOFORNMOGADISHU1643", "85MOGADISHU1643", id="85MOGADISHU1643-caveat"),
        pytest.param("09SIFIEDABUJA1673", "09ABUJA1673", id="cut-classification-word"),
        pytest.param("1973STATE097844", "73STATE97844", id="1973STATE097844-4-digit-year"),
        pytest.param("08ISLAMABAD0000421", "08ISLAMABAD421", id="zero-padded"),
        pytest.param("04 NEW DELHI 006983", "04NEWDELHI6983", id="spaced-new-delhi"),
        pytest.param("10-OTTAWA-57", "10OTTAWA57", id="hyphenated"),
        pytest.param("06PORT-OF-SPAIN 45", "06PORTOFSPAIN45", id="port-of-spain"),
        # a section banner glued in, its letters and its OF garbled in transmission
        pytest.param("08ECTION01OF02MANAMA492", "08MANAMA492", id="section-garbage"),
        pytest.param("09SECTION01OF03SANJOSE525", "09SANJOSE525", id="section-garbage-s"),
        pytest.param("08SCTION02OF02SAOPAULO335", "08SAOPAULO335", id="sction"),
        pytest.param("09SECTIOQ1OF06HARARE876", "09HARARE876", id="q-in-section"),
        pytest.param("09SECTION0QF05HANOI297", "09HANOI297", id="q-in-of"),
        pytest.param("09SECTION02F02BRUSSELS1639", "09BRUSSELS1639", id="of-without-o"),
        pytest.param("06SECTION01O02HONGKONG2311", "06HONGKONG2311", id="of-without-f"),
        pytest.param("0901OF02RPODUBAI288", "09RPODUBAI288", id="section-word-lost"),
        pytest.param("09SECTION02OF03QRIPOLI583", "09TRIPOLI583", id="09TRIPOLI583-q-for-t"),
        # aliases, abbreviations and typos of the stations
        pytest.param("08SECSTATE123", "08STATE123", id="secstate"),
        pytest.param("04USEU3226", "04USEUBRUSSELS3226", id="useu"),
        pytest.param("05RIO 128", "05RIODEJANEIRO128", id="rio"),
        pytest.param("07PAUP12", "07PORTAUPRINCE12", id="paup"),
        pytest.param("08BKK23", "08BANGKOK23", id="bkk"),
        pytest.param("07SANJSE12", "07SANJOSE12", id="san-jse"),
        pytest.param("09MEXICOCITY12", "09MEXICO12", id="mexico-city"),
        pytest.param("01PANANA12", "01PANAMA12", id="panana"),
        pytest.param("07SOIA828", "07SOFIA828", id="letter-dropped"),
        pytest.param("08IHARTOUM1126", "08KHARTOUM1126", id="letter-changed"),
        pytest.param("06AITTAIPIE2654", "06TAIPEI2654", id="letters-swapped-2006"),
        pytest.param("08AITTAIPIE1698", "08AITTAIPEI1698", id="letters-swapped-2008"),
        pytest.param("09BAU339", "09BAKU339", id="short-station"),
        pytest.param("07QXICO3307", "07MEXICO3307", id="q-for-two-letters"),
        pytest.param("07BUENOSQRES633", "07BUENOSAIRES633", id="q-in-two-words"),
        pytest.param("05BLABLA1", "05BLABLA1", id="unlisted-station-kept"),
        # stations renamed during the release: the form of the id's year
        pytest.param("06KIEV3489", "06KIEV3489", id="kiev-2006"),
        pytest.param("08KIEV12", "08KYIV12", id="kiev-2008-is-kyiv"),
        pytest.param("05KYIV12", "05KIEV12", id="kyiv-2005-is-kiev"),
        pytest.param("05TAIPEI2839", "05TAIPEI2839", id="taipei-2005"),
        pytest.param("08TAIPEI12", "08AITTAIPEI12", id="taipei-2008-is-ait"),
        pytest.param("10USUNESCOPARISFR1", "10UNESCOPARISFR1", id="usunesco-2010"),
        pytest.param("08USUNESCOPARISFR1", "08PARISFR1", id="usunesco-2008-is-parisfr"),
        # not ids
        pytest.param("hello", None, id="words"),
        pytest.param("08STATE0", None, id="serial-zero"),
        pytest.param("0812345", None, id="no-station"),
        pytest.param("06ASTANA", None, id="no-serial"),
        pytest.param("", None, id="empty"),
        pytest.param("08STATE1234567890", None, id="serial-too-long"),
        pytest.param("9" * 100_000, None, id="100k-digits"),
    ],
)
def test_canonical_cable_id(text: str, expected: str | None) -> None:
    assert canonical_cable_id(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("09BLABLA12", None, id="unlisted-station"),
        pytest.param("09BRUSSLS1332", None, id="no-typo-repair-for-references"),
        pytest.param("09BRASIIA12", "09BRASILIA12", id="a-listed-misspelling"),
        pytest.param("09CAIRO0561", "09CAIRO561", id="10CAIRO195-glued"),
    ],
)
def test_known_only(text: str, expected: str | None) -> None:
    assert canonical_cable_id(text, known_only=True) == expected


@pytest.mark.parametrize(
    ("year", "station", "number", "expected"),
    [
        (2008, "ISLAMABAD", "000421", "08ISLAMABAD421"),
        ("08", "NEW DELHI", 6983, "08NEWDELHI6983"),
        (8, "SECSTATE", "1", "08STATE1"),
        (1966, "STATE", "106206", "66STATE106206"),
        ("2004", "Rio de Janeiro", "128", "04RIODEJANEIRO128"),
        (2005, "STATE", "1531333", "05STATE1531333"),
        (None, "STATE", "1", None),
        (2008, "", "1", None),
        (2008, "STATE", "12A", None),
        (2008, "STATE", "0", None),
        (2008, "STATE", "12345678", None),
        (-1, "STATE", "1", None),
        ("3000x", "STATE", "1", None),
    ],
)
def test_cable_id_from_parts(
    year: int | str | None, station: str, number: str | int, expected: str | None
) -> None:
    assert cable_id_from_parts(year, station, number) == expected


@pytest.mark.parametrize(
    ("name", "year", "latest", "expected"),
    [
        pytest.param("AMEMBASSY TRIPOLI", 2009, None, "TRIPOLI", id="fm-line-embassy"),
        pytest.param("USMISSION USUN NEW YORK", 2009, None, "USUNNEWYORK", id="fm-line-mission"),
        pytest.param("SECSTATE WASHDC", 2009, None, "STATE", id="fm-line-secstate"),
        pytest.param("AIT TAIPEI", 2006, None, "TAIPEI", id="06TAIPEI2921-ait-2006"),
        pytest.param("AIT TAIPEI", 2009, None, "AITTAIPEI", id="09AITTAIPEI275-ait-2009"),
        pytest.param("KIEV", 2006, None, "KIEV", id="kiev-in-2006"),
        pytest.param("KIEV", 2006, date(2006, 3, 1), "KIEV", id="kiev-before-the-switch"),
        pytest.param("KYIV", 2006, date(2006, 3, 1), "KIEV", id="kyiv-before-the-switch"),
        pytest.param("KYIV", 2006, date(2006, 12, 1), "KYIV", id="kyiv-after-the-switch"),
        pytest.param("COLOMOBO", 2002, None, "COLOMBO", id="typo"),
        pytest.param("THRU", 2003, None, None, id="03THEHAGUE2597-a-word"),
        pytest.param("XXXXXXXXXXXX", 2009, None, None, id="10SHENYANG4-redacted"),
        pytest.param("", 2009, None, None, id="empty"),
    ],
)
def test_resolve_station(name: str, year: int, latest: date | None, expected: str | None) -> None:
    assert resolve_station(name, year, latest) == expected


@pytest.mark.parametrize("word", ["PARTY", "STATES", "BEGIN", "PARAS", "QUITE", "COLOMOBO"])
def test_words_of_ref_lines_are_never_repaired(word: str) -> None:
    assert resolve_station(word, 2008, repair=False) is None


# (published id, created, posts (FM line, banner), serials (DE line, banner), expected own id)
_OWN_IDS = [
    pytest.param("08ISLAMABAD421", date(2008, 1, 29), ("AMEMBASSY ISLAMABAD",), (421, 421),
                 "08ISLAMABAD421", id="08ISLAMABAD421-seed"),
    pytest.param("06TAIPEI2921", date(2006, 8, 23), ("AIT TAIPEI",), (2921, 2921), "06TAIPEI2921",
                 id="06TAIPEI2921-published-as-is"),
    pytest.param("06KIEV3489", date(2006, 9, 11), ("AMEMBASSY KIEV",), (3489,), "06KIEV3489",
                 id="kiev-as-published"),
    pytest.param("09BRUSSELS1580", date(2009, 12, 1), ("USEU BRUSSELS",), (1580,), "09BRUSSELS1580",
                 id="09BRUSSELS1580-useu-published-as-brussels"),
    pytest.param("09EFTOLONDON2187", date(2009, 9, 21), ("AMEMBASSY LONDON",), (2187, 2187),
                 "09LONDON2187", id="09EFTOLONDON2187-garbled"),
    pytest.param("09SECTION02OF03QRIPOLI583", date(2009, 7, 20), ("AMEMBASSY TRIPOLI",), (583, 583),
                 "09TRIPOLI583", id="09TRIPOLI583-section-and-q"),
    pytest.param("10AQNA272", date(2010, 3, 1), ("AMEMBASSY ASTANA",), (272, 272), "10ASTANA272",
                 id="station-from-fm-line"),
    pytest.param("10AQNA272", date(2010, 3, 1), ("AMEMBASSY ISLAMABAD",), (421, 421), "10AQNA272",
                 id="fm-line-of-another-serial-ignored"),
    pytest.param("06ASTANA", date(2006, 2, 1), ("AMEMBASSY ASTANA",), (204, 204), "06ASTANA204",
                 id="serial-from-header"),
    pytest.param("06ASTANA", date(2006, 2, 1), ("AMEMBASSY ASTANA",), (204, 205), None,
                 id="header-serials-disagree"),
    pytest.param("09SECTION01OF03BRUSSELS1234", date(2009, 3, 1), ("USEU BRUSSELS",), (1234,),
                 "09BRUSSELS1234", id="station-as-written-wins"),
    pytest.param("10AQNA272", date(2010, 3, 1), (None, "ASTANA"), (None, 272), "10ASTANA272",
                 id="no-fm-line-the-banner-tells"),
    pytest.param(None, None, (), (), None, id="no-published-id"),
]


@pytest.mark.parametrize(("published", "created", "posts", "serials", "expected"), _OWN_IDS)
def test_own_cable_id(
    published: str | None,
    created: date | None,
    posts: tuple[str | None, ...],
    serials: tuple[int | None, ...],
    expected: str | None,
) -> None:
    assert own_cable_id(published, created, posts, serials) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("VZCZCXRO1456\nOO RUEHBC\nDE RUEHTRO #0583/02 2011025\n", 583,
                     id="09TRIPOLI583-de-line"),
        pytest.param("DE RUEHLO #2187 2641322\n", 2187, id="09EFTOLONDON2187-single-section"),
        pytest.param("FM AMEMBASSY ROME\n", None, id="no-de-line"),
        pytest.param(None, None, id="no-header"),
    ],
)
def test_de_serial(header: str | None, expected: int | None) -> None:
    assert de_serial(header) == expected


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
