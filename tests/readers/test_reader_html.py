"""The cablegate web pages: the cable table, two <pre> blocks, careful unescaping."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from transforms.raw import RawCable, Reject
from transforms.readers import read_cables
from transforms.readers.common import sha256_hex, unescape_entities

SAMPLES = Path(__file__).parent / "samples"
BODY = (
    "C O N F I D E N T I A L BRASILIA 001999 \n\nSIPDIS <br>\n\nE.O. 12958: DECL: 03/31/2019 \n"
    "TAGS: PREL BR\nSUBJECT: INVENTED CABLE FOR A READER TEST \n\n"
    "¶1. (C) More R&D money, a &strong reaction8 and AT&T's &nothing8 stay as typed.\n"
)
HEADER = (
    "VZCZCXRO2222\nPP RUEHRG\nDE RUEHBR #1999 0902340\nZNY CCCCC ZZH\nP 312340Z MAR 09\n"
    "FM AMEMBASSY BRASILIA\nTO RUEHC/SECSTATE WASHDC PRIORITY 4001"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A&#x000A;B", "A\nB"),
        ("AT&amp;T", "AT&T"),
        ("R&D", "R&D"),  # 04MADRID961
        ("J&P law", "J&P law"),  # 06BOGOTA10294
        ("&strong reaction8", "&strong reaction8"),  # 08BRASILIA1265 garbled quotes
        ("&nothing8", "&nothing8"),  # html.unescape would give '¬hing8'
        ("&toughen up;8", "&toughen up;8"),
        ("&para;1 &#182;2", "¶1 ¶2"),
        ("&#xD800; &#99999999;", "&#xD800; &#99999999;"),
    ],
)
def test_unescape_entities(text: str, expected: str) -> None:
    assert unescape_entities(text) == expected


def test_sample_page_exact_values() -> None:
    data = (SAMPLES / "09BRASILIA1999.html").read_bytes()
    (cable,) = read_cables(data, "p.html")
    assert cable == RawCable(
        reference_id="09BRASILIA1999",
        title=None,
        created=date(2009, 3, 31),
        created_at=datetime(2009, 3, 31, 23, 40),
        released=date(2011, 2, 8),
        classification="CONFIDENTIAL",
        origin="Embassy Brasilia",
        references=None,
        header=HEADER,
        telegram=BODY,
        source_file="p.html",
        member=None,
        source_format="html",
        source_sha256=sha256_hex(data),
        encoding="utf-8",
    )


def test_four_column_page_has_no_released() -> None:
    (cable,) = read_cables((SAMPLES / "09BRASILIA1998.html").read_bytes(), "p.html")
    assert isinstance(cable, RawCable)
    assert (cable.reference_id, cable.created, cable.released) == (
        "09BRASILIA1998",
        date(2009, 3, 31),
        None,
    )
    assert (cable.classification, cable.origin) == ("CONFIDENTIAL", "Embassy Brasilia")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("<html><title>Cable Viewer</title><p>nothing</p></html>", "no-cable-table"),
        ("<table class='cable'><tr><td>x</td></tr></table>", "bad-metadata"),
        (
            "<table class='cable'><tr><td>08X1</td><td>2008-01-02 10:00</td><td>S</td>"
            "<td>E</td></tr></table>",
            "no-telegram",
        ),
    ],
)
def test_html_rejects(page: str, reason: str) -> None:
    (item,) = read_cables(page.encode(), "p.html", layout="html")
    assert isinstance(item, Reject) and item.reason == reason


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.corpus
def test_every_page_matches_its_txt_twin(corpus: Path) -> None:
    """160 pairs: same metadata; header + body is the txt telegram, byte for byte.

    The txt layout glues the header to the body with no newline (``...COMMUNITYC O N F``), so
    ``header + "\\n" + telegram`` only matches after whitespace normalisation when the
    joint is removed too; the exact glued comparison below is the stronger check.
    """
    pages = sorted((corpus / "html").iterdir())
    assert len(pages) == 160
    for page in pages:
        (html,) = read_cables(page.read_bytes(), str(page))
        (text,) = read_cables((corpus / "txt" / f"{page.stem}.txt").read_bytes(), "t")
        assert isinstance(html, RawCable) and isinstance(text, RawCable), page
        for field in ("reference_id", "created", "classification", "origin"):
            assert getattr(html, field) == getattr(text, field), (page, field)
        assert html.released is not None and html.created_at is not None
        assert html.header is not None
        assert html.header + html.telegram == text.telegram, page
        assert _squash(html.header + " " + html.telegram).replace(" ", "") == _squash(
            text.telegram
        ).replace(" ", "")
