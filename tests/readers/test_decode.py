"""decode_text: every encoding the releases use, binary junk refused, never a raise."""

from __future__ import annotations

import pytest

from transforms.readers.decode import decode_text


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(b"08ISLAMABAD421\nMQM", "08ISLAMABAD421\nMQM", "utf-8", id="plain-utf8"),
        pytest.param(b"\xef\xbb\xbfA\r\nB", "A\nB", "utf-8-sig", id="utf8-bom-crlf"),
        pytest.param("¶1. Ré\r\n".encode("utf-16"), "¶1. Ré\n", "utf-16", id="utf16-bom"),
        pytest.param("AB\nC".encode("utf-16-le"), "AB\nC", "utf-16", id="utf16-no-bom"),
        # 06NEWDELHI5135 (pdf-text): ¶ as the Latin-1 byte 0xB6, CRLF line ends.
        pytest.param(b"\r\n\xb61. (C)\r\n", "\n¶1. (C)\n", "latin-1", id="pdf-latin1-para"),
        pytest.param(b"\x93QUOTE\x94\rX", "\u201cQUOTE\u201d\nX", "cp1252", id="cp1252-cr"),
        pytest.param(b"\x81\xe9", "\x81é", "latin-1", id="cp1252-undefined-byte"),
        pytest.param(
            "MUGABE’S\n".encode() + b"\xb62.\n", "MUGABE’S\n¶2.\n", "mixed", id="mixed-lines"
        ),
        pytest.param(b"", "", "utf-8", id="empty"),
        pytest.param(b"A\x00B" + b"x" * 2000, "ABx" + "x" * 1999, "utf-8", id="one-stray-nul"),
    ],
)
def test_decode_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x00\x01\x02\x03" * 100, id="nuls"),
        pytest.param(bytes(range(1, 9)) * 50 + b"text", id="controls"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, id="png"),
    ],
)
def test_decode_text_refuses_binary(data: bytes) -> None:
    assert decode_text(data) is None


def test_decode_text_never_raises_on_any_byte() -> None:
    for first in range(256):
        data = bytes([first]) + bytes(range(256))[::7]
        result = decode_text(data)
        assert result is None or isinstance(result[0], str)
