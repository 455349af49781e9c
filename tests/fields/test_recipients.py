"""Addressees of the routing header: snippets imitating real quirks, the seed, the corpus."""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import pytest

from transforms.fields.recipients import (
    KINDS,
    PRECEDENCES,
    Recipient,
    parse_addressee,
    parse_recipients,
)
from transforms.fields.routing import split_telegram

REPO = Path(__file__).parents[2]
SEED = REPO / "../shared/cables/seed/000_271cbb6e049b91fc.txt"
CORPUS = REPO / "../shared/cables"


def telegram_of(path: Path) -> str:
    """The telegram of a per-cable text file: everything after the five metadata lines."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    return "\n".join(text.split("\n")[5:])


@lru_cache(maxsize=1)
def corpus_telegrams() -> tuple[tuple[str, str], ...]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is absent")
    files = sorted((CORPUS / "txt").glob("*.txt")) + sorted((CORPUS / "alx").glob("*.txt"))
    return tuple((path.stem, telegram_of(path)) for path in files)


def to(route: str | None, name: str, precedence: str | None = None, mcn: str | None = None):
    return Recipient("TO", route, name, precedence, mcn, False)


def info(route: str | None, name: str, precedence: str | None = None, mcn: str | None = None):
    return Recipient("INFO", route, name, precedence, mcn, False)


def xmt(name: str) -> Recipient:
    return Recipient("XMT", None, name, None, None, True)


# --- the seed (golden) -----------------------------------------------------------------------


def test_seed_recipients() -> None:
    if not SEED.is_file():
        pytest.skip("seed cable is absent")
    header, _ = split_telegram(telegram_of(SEED))
    p = "PRIORITY"
    assert parse_recipients(header) == [
        to("RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "4713"),
        info("RUEHBUL", "AMEMBASSY KABUL", p, "8097"),
        info("RUEHLO", "AMEMBASSY LONDON", p, "7139"),
        info("RUEHNE", "AMEMBASSY NEW DELHI", p, "2718"),
        info("RUEHOT", "AMEMBASSY OTTAWA", p, "1130"),
        info("RUEHKP", "AMCONSUL KARACHI", p, "8772"),
        info("RUEHLH", "AMCONSUL LAHORE", p, "4686"),
        info("RUEHPW", "AMCONSUL PESHAWAR", p, "3362"),
        info("RUEKJCS", "SECDEF WASHINGTON DC", p),
        info("RUMICEA", "USCENTCOM INTEL CEN MACDILL AFB FL", p),
        info("RHWSMRC", "USCINCCENT MACDILL AFB FL", p),
        info("RUEAIIA", "CIA WASHDC", p),
    ]


def test_seed_telegram_gives_the_same_recipients_as_its_header() -> None:
    if not SEED.is_file():
        pytest.skip("seed cable is absent")
    telegram = telegram_of(SEED)
    assert parse_recipients(telegram) == parse_recipients(split_telegram(telegram)[0])


# --- parse_recipients ------------------------------------------------------------------------

HEAD = "VZCZCXRO1111\nPP RUEHXX\nDE RUEHXX #0001/01 0011200\nZNY CCCCC ZZH\nP 011200Z JAN 09\n"
CASES = [
    pytest.param(
        "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n"
        "INFO USCINCSO\nCINCLANT\nAMEMBASSY RIO DE JANEIRO\n",
        [
            to(None, "SECSTATE WASHDC", "PRIORITY"),
            info(None, "USCINCSO"),
            info(None, "CINCLANT"),
            info(None, "AMEMBASSY RIO DE JANEIRO"),
        ],
        id="66BUENOSAIRES2481-no-routes",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PIORITY 1234\n",
        [to("RUEHC", "SECSTATE WASHDC", "PRIORITY", "1234")],
        id="09BAKU179-PIORITY",
    ),
    pytest.param(
        "O 270333Z SEP 08\nFM SECSTATE WASHDC\n"
        "TO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279\n"
        "RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884\n"
        "INFO ZEN/CNO WASHINGTON DC IMMEDIATE\nZEN/COMDT COGARD WASHINGTON DC IMMEDIATE 0745-0748"
        "S E C R E T STATE 103511\n",
        [
            to(None, "AMEMBASSY BELMOPAN", "NIACT IMMEDIATE", "2276-2279"),
            to("RUEHKV", "AMEMBASSY KYIV", "NIACT IMMEDIATE", "7881-7884"),
            info(None, "CNO WASHINGTON DC", "IMMEDIATE"),
            info(None, "COMDT COGARD WASHINGTON DC", "IMMEDIATE", "0745-0748"),
        ],
        id="08STATE103511-niact-ZEN-and-mcn-ranges",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY ANKARA\nTO RUEHC/SECSTATE WASHDC PRIORITY 1409\n"
        "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
        "RUEKJCS/JOINT STAFF WASHDC//J-3/J-5// PRIORITYC O N F I D E N T I A L X 1\n",
        [
            to("RUEHC", "SECSTATE WASHDC", "PRIORITY", "1409"),
            info("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE", "PRIORITY"),
            info("RUEKJCS", "JOINT STAFF WASHDC//J-3/J-5//", "PRIORITY"),
        ],
        id="07ANKARA648-collective-and-office-symbols",
    ),
    pytest.param(
        "P 031812Z NOV 08\nFM SECSTATE WASHDC\nTO SECURITY OFFICER COLLECTIVE PRIORITY\n"
        "AMEMBASSY TRIPOLI PRIORITY \nINFO AMCONSUL CASABLANCA PRIORITY \n"
        "XMT AMCONSUL JOHANNESBURG\nAMCONSUL DURBANS E C R E T STATE 116943\n",
        [
            to(None, "SECURITY OFFICER COLLECTIVE", "PRIORITY"),
            to(None, "AMEMBASSY TRIPOLI", "PRIORITY"),
            info(None, "AMCONSUL CASABLANCA", "PRIORITY"),
            xmt("AMCONSUL JOHANNESBURG"),
            xmt("AMCONSUL DURBAN"),
        ],
        id="08STATE116943-XMT-block",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC 5180\n"
        "XMT AMEMBASSY KHARTOUMUNCLAS TRIPOLI 000254 \n",
        [to("RUEHC", "SECSTATE WASHDC", None, "5180"), xmt("AMEMBASSY KHARTOUM")],
        id="09TRIPOLI254-XMT-line-glued",
    ),
    pytest.param(
        "R 081208Z MAR 85\nFM AMEMBASSY CAIRO\nTO SECSTATE WASHDC 4143\nINFO COMSIXTHFLT\n"
        "USINFO WASHDC\nUSMISSION USUN NEW YORK\n",
        [
            to(None, "SECSTATE WASHDC", None, "4143"),
            info(None, "COMSIXTHFLT"),
            info(None, "USINFO WASHDC"),
            info(None, "USMISSION USUN NEW YORK"),
        ],
        id="85CAIRO6360-USINFO-is-a-name",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001\nINFO RUEKJCS/USINFO WASHDC\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001"), info("RUEKJCS", "USINFO WASHDC")],
        id="routed-USINFO-is-a-name",
    ),
    pytest.param(
        "O 080900Z JAN 85\nFM AMEMBASSY TOKYO\nTO SECSTATE WASHDC IMMEDIATE 5749\n"
        "USDOC WASHDC IMMEDIATE\nINFO AMEMBASSY MOSCOW \n",
        [
            to(None, "SECSTATE WASHDC", "IMMEDIATE", "5749"),
            to(None, "USDOC WASHDC", "IMMEDIATE"),
            info(None, "AMEMBASSY MOSCOW"),
        ],
        id="85TOKYO364-TO-block-of-two",
    ),
    pytest.param(
        "R 182333Z JAN 09\nFM SECSTATE WASHDC\nTO AMEMBASSY ROME ROUTINE\n"
        "PAGE 02 STATE 015113 182333Z\nAMEMBASSY PARIS ROUTINE\nBT\nZFF4\nNNNN\n"
        "INFO AMEMBASSY BERN FLASH\n",
        [
            to(None, "AMEMBASSY ROME", "ROUTINE"),
            to(None, "AMEMBASSY PARIS", "ROUTINE"),
            info(None, "AMEMBASSY BERN", "FLASH"),
        ],
        id="09STATE15113-page-break-junk",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "RUEHLO/AMEMBASSY LONDON 8778 PRIORITY\n",
        [
            to("RUEHC", "SECSTATE WASHDC", None, "0001"),
            to("RUEHLO", "AMEMBASSY LONDON", "PRIORITY", "8778"),
        ],
        id="08TRIPOLI803-mcn-before-precedence",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY CAIRO\nTO RUEHC/SECSTATE WASHDC0000\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0000")],
        id="07CAIRO1417-mcn-glued-to-name",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY TUNIS\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "INFO RUCNMGH/MAGHREB COLLECTIVE PRIORITYSS E C R E T TUNIS 000679 \n",
        [
            to("RUEHC", "SECSTATE WASHDC", None, "0001"),
            info("RUCNMGH", "MAGHREB COLLECTIVE", "PRIORITY"),
        ],
        id="08TUNIS679-banner-doubled-its-S",
    ),
    pytest.param(
        "INFO  LOG-00   EEB-00   AID-00\n      SP-00    /001W\n \nP 151119Z DEC 09\n"
        "FM AMEMBASSY ASMARA\nTO SECSTATE WASHDC PRIORITY 0639\nINFO AFRICAN UNION COLLECTIVE\n"
        "COMUSNAVCENTTuesday, 15 December 2009, 11:19\nS E C R E T ASMARA 000429 \n",
        [
            to(None, "SECSTATE WASHDC", "PRIORITY", "0639"),
            info(None, "AFRICAN UNION COLLECTIVE"),
            info(None, "COMUSNAVCENT"),
        ],
        id="09ASMARA429-office-list-is-not-INFO",
    ),
    pytest.param(
        "AMEMBASSY TRIPOLI\nNSC WASHDC\n\nDistribution:\n\nTED1302\nACTION NEA-00\n\n"
        "P 240645Z OCT 08\nFM AMEMBASSY LONDON\nTO SECSTATE WASHDC PRIORITY 0179\n"
        "INFO AMEMBASSY TRIPOLI PRIORITY \nNSC WASHDC PRIORITYC O N F I D E N T I A L LONDON 2673",
        [
            to(None, "SECSTATE WASHDC", "PRIORITY", "0179"),
            info(None, "AMEMBASSY TRIPOLI", "PRIORITY"),
            info(None, "NSC WASHDC", "PRIORITY"),
        ],
        id="08LONDON2673-names-before-FM-are-not-addressees",
    ),
    pytest.param(
        "TO SECSTATE WASHDC PRIORITY\nINFO AMEMBASSY LIMA\nUNCLAS LIMA 0001\n",
        [to(None, "SECSTATE WASHDC", "PRIORITY"), info(None, "AMEMBASSY LIMA")],
        id="header-starting-with-TO",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY KABUL\nTO RUEHC/SECSTATE WASHDC 3268\n"
        "INFO RHMCSUU/FBI WASHINGTON DC235269\n2009-11-18\n09KABUL3712\nEmbassy Kabul\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "3268"), info("RHMCSUU", "FBI WASHINGTON DC")],
        id="09KABUL3712-dump-row-glued",
    ),
    pytest.param(
        "This record is a partial extract of the original cable. The full text of the original "
        "cable is not available.C O N F I D E N T I A L SECTION 01 OF 02 X 000001\n\n"
        "TO THE SECRETARY FROM AMBASSADOR SOBEL\n",
        [],
        id="05THEHAGUE406-partial-extract-TO-in-prose",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 7551\n"
        "INFO RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE\nUNCLAS MANAMA 000492\n",
        [
            to("RUEHC", "SECSTATE WASHDC", "PRIORITY", "7551"),
            info("RUEHZM", "GULF COOPERATION COUNCIL COLLECTIVE"),
        ],
        id="08MANAMA492-TO-glued-to-the-route",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY X\nTO UEHC/SECSTATE WASHDC PRIORITY 0001\n"
        "RUEHLO/AMEMBASSY LONDON 0002\nUNCLAS X 000001\n",
        [to("RUEHC", "SECSTATE WASHDC", "PRIORITY", "0001"), to("RUEHLO", "AMEMBASSY LONDON", None,
                                                              "0002")],
        id="damaged-indicator-lost-its-R",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY ISLAMABAD\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "INFO RUCNDT/USMISSION USUN NEW YORK PRIORITY 0159C O N F I D E N T I A L SECTION 01 "
        "OF 02 ISLAMABAD 000421\n",
        [
            to("RUEHC", "SECSTATE WASHDC", None, "0001"),
            info("RUCNDT", "USMISSION USUN NEW YORK", "PRIORITY", "0159"),
        ],
        id="08ISLAMABAD421-mcn-before-a-spaced-banner",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY HAVANA\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "INFO RUCOGCA/COMNAVBASE GUANTANAMO BAY CUCLASSIFICATION: UNCLASSIFIED\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001"), info("RUCOGCA",
                                                          "COMNAVBASE GUANTANAMO BAY CU")],
        id="09HAVANA341-classification-label-glued",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY CAIRO\nTO RUEHC/SECSTATE WASHDCROYAL COURT PRESS RELEASE\n",
        [to("RUEHC", "SECSTATE WASHDC")],
        id="09CAIRO262-text-glued-to-WASHDC",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY MANAGUA\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "INFO RHEHNSC/NSC WASHINGTON DCUUNCLAS MANAGUA 001002 \n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001"), info("RHEHNSC", "NSC WASHINGTON DC")],
        id="06MANAGUA1002-banner-doubled-a-letter",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY PANAMA\nTO RUEHC/SECSTATE WASHDC 0001\n"
        "INFO RUEKJCS/SECDEF WASHINGTON DC.C O N F I D E N T I A L PANAMA 000829 \n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001"), info("RUEKJCS", "SECDEF WASHINGTON DC")],
        id="09PANAMA829-stop-before-the-banner",
    ),
    pytest.param(
        "O 081208Z MAR 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC PRIORITY 1234\n"
        "INFO AMEMBASSY BUENOS AIRES PRIOITY \n",
        [to(None, "SECSTATE WASHDC", "PRIORITY", "1234"), info(None, "AMEMBASSY BUENOS AIRES",
                                                             "PRIORITY")],
        id="08BRASILIA93-PRIOITY",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY SARAJEVO\nTO RUEHC/SECSTATE WASHDC 1374\nINFO XMT AMCONSUL "
        "STRASBOURG\nS E C R E T SARAJEVO 000134\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "1374"), xmt("AMCONSUL STRASBOURG")],
        id="10SARAJEVO134-INFO-XMT",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY DUSHANBE\nTO RUEHC/SECSTATE WASHDC 0001\n46151\t11/28/2005 7:02\t"
        "05DUSHANBE1870\tEmbassy Dushanbe\tCONFIDENTIAL\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001")],
        id="05DUSHANBE1870-tab-row-is-no-addressee",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY THE HAGUE\nTO RUEHC/SECSTATE WASHDC 0001\n97040,2/16/2007 12:06,"
        "07THEHAGUE295,\"Embassy The Hague\",CONFIDENTIAL\n",
        [to("RUEHC", "SECSTATE WASHDC", None, "0001")],
        id="07THEHAGUE295-csv-row-is-no-addressee",
    ),
    pytest.param(
        "VZCZCXRO1111\nRR RUEHWEB\nDE RUEHC #5686 3320231\nZNR UUUUU ZZH\nR 270230Z NOV 08\n"
        "INFO AMEMBASSY PANAMA\nUNCLAS STATE 125686\n",
        [info(None, "AMEMBASSY PANAMA")],
        id="08STATE125686-INFO-block-without-FM",
    ),
    pytest.param(
        "INFO  LOG-00   EEB-00   AID-00\n      SP-00    /001W\nUNCLAS X 000001\n",
        [],
        id="09ASMARA429-office-list-opens-no-block",
    ),
    pytest.param(
        HEAD + "FM AMEMBASSY ISLAMABAD\nP 182318Z FEB 09\nFM SECSTATE WASHDC\n"
        "TO AMEMBASSY TRIPOLI PRIORITY\nUNCLAS STATE 015113\n",
        [to(None, "AMEMBASSY TRIPOLI", "PRIORITY")],
        id="09STATE15113-second-header-copy",
    ),
    pytest.param("", [], id="empty"),
    pytest.param("FM AMEMBASSY X\n", [], id="FM-only"),
]


@pytest.mark.parametrize(("header", "expected"), CASES)
def test_parse_recipients(header: str, expected: list[Recipient]) -> None:
    assert parse_recipients(header) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RUEHBUL/AMEMBASSY KABUL PRIORITY 8097",
            Recipient("TO", "RUEHBUL", "AMEMBASSY KABUL", "PRIORITY", "8097", False),
        ),
        (
            "RUEHMO/AMEMBASSY MOSCOW 0343",
            Recipient("TO", "RUEHMO", "AMEMBASSY MOSCOW", None, "0343", False),
        ),
        ("SECSTATE WASHDC 475", Recipient("TO", None, "SECSTATE WASHDC", None, "475", False)),
        ("PAGE 02 STATE 015113 182333Z", None),
        ("ZEN", None),
        ("BT", None),
        ("  ", None),
        ("RUEHC/", None),
        ("PRIORITY", Recipient("TO", None, "PRIORITY", None, None, False)),
    ],
)
def test_parse_addressee(text: str, expected: Recipient | None) -> None:
    assert parse_addressee(text) == expected


@pytest.mark.parametrize("text", ["\x00\n" * 100, "FM\nTO\nINFO\nXMT\n", "FM X\n" + "\n" * 5000])
def test_parse_recipients_never_raises(text: str) -> None:
    assert isinstance(parse_recipients(text), list)


def test_200_addressees_under_5_ms() -> None:
    header = "P 011200Z JAN 09\nFM SECSTATE WASHDC\nTO " + "AMEMBASSY X PRIORITY\n" * 200
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        recipients = parse_recipients(header)
        timings.append((time.perf_counter() - start) * 1000)
    assert len(recipients) == 200
    assert min(timings) < 5


# --- corpus ----------------------------------------------------------------------------------

_BANNER_IN_NAME = re.compile(
    r"C ?O N F|S E C R|N C L A|UNCLAS|CONFIDENTIAL|SECRET(?! SERVICE)|LIMITED OFFICIAL"
)
# Text glued onto a name that is not the name: letters after Washington, a classification
# label, a stop, a dump row's id or tab, a misspelt precedence left in the name.
_GLUED_IN_NAME = re.compile(
    r"WASHDC[A-Z]|\bDC[A-Z]\b|CLASSIFICATION|[.,;:]$|^[\d ,]+$|\t|\bPRIO(?!RITY)[A-Z]*$"
)
# Recorded on 1,918 cables: 0 (3 before the glued-letter, stop and PRIOITY rules; only lower).
_GLUED_IN_NAME_CEILING = 0


@pytest.mark.corpus
def test_corpus_recipients() -> None:
    """>= 98% of cables with an FM line get an addressee; names are clean upper-case text."""
    with_fm = filled = 0
    slowest = 0.0
    glued: list[tuple[str, str]] = []
    for cable_id, telegram in corpus_telegrams():
        start = time.perf_counter()
        header, _ = split_telegram(telegram)
        recipients = parse_recipients(header)
        elapsed = (time.perf_counter() - start) * 1000
        if elapsed > 5:  # re-time, best of three, so a scheduler hiccup does not fail the test
            elapsed = min(_time_ms(telegram) for _ in range(3))
        slowest = max(slowest, elapsed)
        if re.search(r"(?m)^FM ", telegram):
            with_fm += 1
            filled += bool(recipients)
        for recipient in recipients:
            assert recipient.kind in KINDS, cable_id
            assert recipient.precedence is None or recipient.precedence in PRECEDENCES, cable_id
            assert not re.search(r"[a-z]", recipient.name), (cable_id, recipient)
            assert not _BANNER_IN_NAME.search(recipient.name), (cable_id, recipient)
            if _GLUED_IN_NAME.search(recipient.name):
                glued.append((cable_id, recipient.name))
            assert recipient.route is None or re.fullmatch(r"R[A-Z]{3,6}", recipient.route)
            assert recipient.mcn is None or re.fullmatch(r"\d{3,4}(-\d{4})?", recipient.mcn), (
                cable_id,
                recipient,
            )
    print(f"{filled} of {with_fm} cables with an FM line have addressees; glued: {glued}")
    assert len(glued) <= _GLUED_IN_NAME_CEILING, glued[:10]
    assert with_fm > 1000
    assert filled >= 0.98 * with_fm  # measured: 1700 of 1702 (2 have "FM" in prose only)
    assert slowest < 5, f"slowest cable took {slowest:.2f} ms"


def _time_ms(telegram: str) -> float:
    start = time.perf_counter()
    parse_recipients(split_telegram(telegram)[0])
    return (time.perf_counter() - start) * 1000
