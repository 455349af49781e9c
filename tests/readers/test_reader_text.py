"""The per-cable text layout (the seed's): five metadata lines, then the telegram."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from transforms.raw import RawCable, Reject
from transforms.readers import read_cables
from transforms.readers.common import sha256_hex
from transforms.readers.text import parse_created, parse_reference_id

SAMPLES = Path(__file__).parent / "samples"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "cables" / "08ISLAMABAD421.txt"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tue Jan 29 00:00:00 +0100 2008", date(2008, 1, 29)),
        # 00HARARE5461: +0200 summer time; the day as written, never shifted to UTC
        ("Wed Sep 27 00:00:00 +0200 2000", date(2000, 9, 27)),
        ("Sun Sep 03 00:00:00 +0200 2006 ", date(2006, 9, 3)),
        ("Jan 29 00:00:00 +0100 2008", date(2008, 1, 29)),
        ("Fri Feb 30 00:00:00 +0100 2008", None),
        ("Tue Foo 29 00:00:00 +0100 2008", None),
        ("2008-01-29", None),
        ("", None),
    ],
)
def test_parse_created(line: str, expected: date | None) -> None:
    assert parse_created(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("08ISLAMABAD421", "08ISLAMABAD421"),
        ("09SECTION02OF03QRIPOLI583 ", "09SECTION02OF03QRIPOLI583"),  # a real odd id
        ("1973STATE097844", "1973STATE097844"),
        ("MQM LOOKING FOR RESPECT", None),
        ("08ISLAMABAD", None),
        ("", None),
    ],
)
def test_parse_reference_id(line: str, expected: str | None) -> None:
    assert parse_reference_id(line) == expected


def test_sample_cable_exact_values() -> None:
    data = (SAMPLES / "07REYKJAVIK901.txt").read_bytes()
    (cable,) = read_cables(data, "samples/07REYKJAVIK901.txt")
    telegram = data.decode().split("\n", 5)[5]
    assert cable == RawCable(
        reference_id="07REYKJAVIK901",
        title="FISHERIES TALKS STALL OVER QUOTA FORMULA",
        created=date(2007, 12, 3),
        created_at=None,
        released=None,
        classification="CONFIDENTIAL//NOFORN",
        origin="Embassy Reykjavik",
        references=None,
        header=None,
        telegram=telegram,
        source_file="samples/07REYKJAVIK901.txt",
        member=None,
        source_format="txt",
        source_sha256=sha256_hex(data),
        encoding="utf-8",
    )
    assert cable.telegram.startswith("VZCZCXRO1111\n")
    assert "0202C O N F I D E N T I A L SECTION 01 OF 02" in cable.telegram


def test_seed_cable() -> None:
    (cable,) = read_cables(SEED.read_bytes(), str(SEED))
    assert isinstance(cable, RawCable)
    assert (cable.reference_id, cable.created, cable.classification, cable.origin) == (
        "08ISLAMABAD421",
        date(2008, 1, 29),
        "CONFIDENTIAL",
        "Embassy Islamabad",
    )
    assert cable.title == "MQM LOOKING FOR RESPECT"
    assert cable.telegram.startswith("VZCZCXRO3938\nOO RUEHLH RUEHPW\n")


@pytest.mark.parametrize(
    ("data", "reason", "names"),
    [
        # alx/06KABUL3934: header-only file, empty title line
        pytest.param((SAMPLES / "06KABUL9999.txt").read_bytes(), "no-telegram", "06KABUL9999"),
        pytest.param(
            b"08X1\nT\nTue Jan 32 00:00:00 +0100 2008\nSECRET\nE\nBODY", "bad-metadata", "line 3"
        ),
        pytest.param(
            b"NOT AN ID\nT\nTue Jan 29 00:00:00 +0100 2008\nS\nE\nBODY", "bad-metadata", "line 1"
        ),
        pytest.param(b"08X1\nT\n", "bad-metadata", "5 metadata lines"),
    ],
)
def test_text_rejects(data: bytes, reason: str, names: str) -> None:
    (item,) = read_cables(data, "f.txt", layout="txt")
    assert isinstance(item, Reject)
    assert (item.reason, item.source_format, item.source_sha256) == (
        reason,
        "txt",
        sha256_hex(data),
    )
    assert names in item.message and "f.txt" in item.message


@pytest.mark.corpus
def test_corpus_txt_and_alx(corpus: Path) -> None:
    """Every txt/alx file gives a cable or a no-telegram reject; measure MB/s on txt/."""
    outcomes: dict[str, int] = {}
    size, started = 0, time.perf_counter()
    for folder in ("txt", "alx"):
        for path in sorted((corpus / folder).iterdir()):
            data = path.read_bytes()
            size += len(data)
            items = list(read_cables(data, str(path)))
            assert len(items) == 1, path
            (item,) = items
            key = "cable" if isinstance(item, RawCable) else item.reason
            outcomes[key] = outcomes.get(key, 0) + 1
            if isinstance(item, RawCable):
                assert item.reference_id == path.stem, path
                assert item.created is not None and item.classification and item.origin
    elapsed = time.perf_counter() - started
    assert outcomes == {"cable": 1913 + 3, "no-telegram": 2}
    assert size / elapsed > 10e6, f"{size / elapsed / 1e6:.1f} MB/s"  # measured ~100 MB/s
