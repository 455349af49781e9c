"""detect_layout: content first, the file name only as a tie-break."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.readers.detect import LAYOUTS, detect_layout

SAMPLES = Path(__file__).parent / "samples"

TXT_HEAD = b"08ISLAMABAD421\nMQM\nTue Jan 29 00:00:00 +0100 2008\nCONFIDENTIAL\nEmbassy X\nVZCZC"


@pytest.mark.parametrize(
    ("head", "name", "layout"),
    [
        pytest.param(TXT_HEAD, "x.bin", "txt", id="txt-by-content"),
        pytest.param(TXT_HEAD, "x.html", "txt", id="content-beats-extension"),
        pytest.param(b'"\n"1","12/28/1966 18:48","66X1","E"', "a.txt", "csv", id="csv-stray"),
        pytest.param(b'"2","2/25/1972 9:30","72TEHRAN1164"', "a", "csv", id="csv-row"),
        pytest.param(b"\r\nVZCZCXRO7165\r\nOO RUEHBI\r\n", "a.txt", "pdf-text", id="pdf-vzczc"),
        pytest.param(b"\r\nINFO  LOG-00   AF-00\r\n", "a.txt", "pdf-text", id="pdf-info-log"),
        pytest.param(b"UNCLAS KINGSTON 000382\n", "a", "pdf-text", id="bare-unclas"),
        pytest.param(b"\r\nX\r\n\xb61. text", "a", "pdf-text", id="crlf-para-byte"),
        pytest.param(b"<?xml version='1.0'?>\n<title>Cable Viewer</title>", "a", "html"),
        pytest.param(b"<!DOCTYPE html>\n<script src='/plusd/js/x.js'>", "a.html", "plusd"),
        pytest.param(b"08X1\n\nyesterday\nSECRET\nEmbassy X\n", "a", "txt", id="bad-date-txt"),
        pytest.param(b"hello world", "notes.csv", "csv", id="extension-tie-break"),
        pytest.param(b"hello world", "notes", None, id="nothing-fits"),
        pytest.param(b"", "", None, id="empty"),
    ],
)
def test_detect_layout(head: bytes, name: str, layout: str | None) -> None:
    assert detect_layout(head, name) == layout


@pytest.mark.parametrize(
    ("sample", "layout"),
    [
        ("07REYKJAVIK901.txt", "txt"),
        ("06KABUL9999.txt", "txt"),
        ("09BRASILIA1999.html", "html"),
        ("09BRASILIA1998.html", "html"),
        ("cables.csv", "csv"),
        ("07KINGSTON9382.txt", "pdf-text"),
        ("1974ATHENS09001_b.html", "plusd"),
    ],
)
def test_detect_layout_of_samples(sample: str, layout: str) -> None:
    assert layout in LAYOUTS
    assert detect_layout((SAMPLES / sample).read_bytes()[:4096], "anonymous") == layout


@pytest.mark.corpus
def test_detect_layout_of_every_corpus_file(corpus) -> None:
    expected = {"txt": "txt", "alx": "txt", "seed": "txt", "html": "html", "csv": "csv"}
    expected |= {"pdf-text": "pdf-text", "plusd": "plusd"}
    for folder, layout in expected.items():
        for path in (corpus / folder).iterdir():
            # the name is hidden so only content decides
            assert detect_layout(path.read_bytes()[:4096], "x") == layout, path
