"""PDF text (bare telegram, id from the file name when confirmed), PlusD pages, dispatch."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from transforms.raw import RawCable, Reject
from transforms.readers import read_cables
from transforms.readers.common import sha256_hex
from transforms.readers.pdf_text import reference_id_from_name

SAMPLES = Path(__file__).parent / "samples"
PDF_TELEGRAM = (
    "VZCZCXYZ0015\nPP RUEHWEB\nDE RUEHKG #9382 0781558\nZNR UUUUU ZZH\nP 191558Z MAR 07\n"
    "FM AMEMBASSY KINGSTON\nTO SECSTATE WASHDC PRIORITY 5001\nUNCLAS KINGSTON 009382 \n \n"
    "SIPDIS \n \nE.O. 12958: N/A \nTAGS: SNAR JM \nSUBJECT: INVENTED PDF TEXT FOR A READER TEST "
    "\n \n¶1. Invented paragraph one. \n \n¶2. Invented paragraph two. \nJOHNSON\n"
)


def test_pdf_text_sample_exact_values() -> None:
    data = (SAMPLES / "07KINGSTON9382.txt").read_bytes()
    (cable,) = read_cables(data, "pdf/07KINGSTON9382.txt")
    assert cable == RawCable(
        reference_id="07KINGSTON9382",
        title=None,
        created=None,
        created_at=None,
        released=None,
        classification=None,
        origin=None,
        references=None,
        header=None,
        telegram=PDF_TELEGRAM,
        source_file="pdf/07KINGSTON9382.txt",
        member=None,
        source_format="pdf-text",
        source_sha256=sha256_hex(data),
        encoding="latin-1",
    )


@pytest.mark.parametrize(
    ("name", "telegram", "expected"),
    [
        ("07KINGSTON9382.txt", PDF_TELEGRAM, "07KINGSTON9382"),
        ("07KINGSTON9383.txt", PDF_TELEGRAM, None),  # another number
        ("08KINGSTON9382.txt", PDF_TELEGRAM, None),  # DTG says 07
        ("07LIMA9382.txt", PDF_TELEGRAM, None),  # another station
        ("cable-0001.txt", PDF_TELEGRAM, None),
        # 06NEWDELHI5135: the station is two words in the telegram
        (
            "06NEWDELHI5135.txt",
            "O 210722Z JUL 06\nCONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135 \n",
            "06NEWDELHI5135",
        ),
        # 09USEUBRUSSELS1177 starts with INFO LOG-00 lines, no VZCZC
        (
            "x/09USEUBRUSSELS1177.txt",
            "INFO  LOG-00\nR 251550Z AUG 09\nUNCLAS USEU BRUSSELS 001177",
            "09USEUBRUSSELS1177",
        ),
    ],
)
def test_reference_id_from_name(name: str, telegram: str, expected: str | None) -> None:
    assert reference_id_from_name(name, telegram) == expected


def test_plusd_sample_exact_values() -> None:
    data = (SAMPLES / "1974ATHENS09001_b.html").read_bytes()
    (cable,) = read_cables(data, "p.html")
    assert isinstance(cable, RawCable)
    assert (cable.reference_id, cable.title, cable.created, cable.created_at) == (
        "1974ATHENS09001",
        "INVENTED PLUSD CABLE & ITS TEST",
        date(1974, 5, 17),
        datetime(1974, 5, 17, 16, 0),
    )
    assert (cable.classification, cable.origin, cable.header) == (
        "LIMITED OFFICIAL USE",
        "Greece Athens",
        None,
    )
    assert cable.telegram.startswith("LIMITED OFFICIAL USE\n\nPAGE 01  ATHENS 09001  171944Z\n")
    assert 'ITS "DEVOTION" TO' in cable.telegram and cable.telegram.endswith("NNN")


@pytest.mark.parametrize(
    ("data", "layout", "reason"),
    [
        (b"", None, "empty-file"),
        (b"  \n\n", None, "empty-file"),
        (b"\x00\x01\x02\x03" * 64, "txt", "binary"),
        (b"just some words", None, "unknown-layout"),
        (b"x", "docx", "unknown-layout"),
        (b"<!DOCTYPE html><script src='/plusd/x.js'></script>", None, "bad-metadata"),
    ],
)
def test_whole_file_rejects(data: bytes, layout: str | None, reason: str) -> None:
    (item,) = read_cables(data, "f", layout=layout)
    assert isinstance(item, Reject) and item.reason == reason
    assert item.message.startswith("f: ")


def test_member_is_kept() -> None:
    data = (SAMPLES / "07REYKJAVIK901.txt").read_bytes()
    (cable,) = read_cables(data, "cables.zip", member="cables/07REYKJAVIK901.txt")
    assert (cable.source_file, cable.member) == ("cables.zip", "cables/07REYKJAVIK901.txt")


@pytest.mark.corpus
def test_corpus_pdf_text_and_plusd(corpus: Path) -> None:
    pdf = sorted((corpus / "pdf-text").iterdir())
    for path in pdf:
        (cable,) = read_cables(path.read_bytes(), str(path))
        assert isinstance(cable, RawCable) and cable.source_format == "pdf-text"
        assert cable.reference_id == path.stem  # every name here matches its telegram
        assert "\r" not in cable.telegram and cable.created is None
    assert len(pdf) == 24
    for path in sorted((corpus / "plusd").iterdir()):
        (cable,) = read_cables(path.read_bytes(), str(path))
        assert isinstance(cable, RawCable) and cable.source_format == "plusd"
        assert cable.reference_id == path.stem.removesuffix("_b")
        assert cable.created and cable.classification and cable.origin and cable.title
        assert "PAGE 01" in cable.telegram and "&quot;" not in cable.telegram
