"""Bytes to text for every layout: detect the encoding, never raise.

The releases mix encodings: the per-cable text files are UTF-8 (some with a BOM), the PDF text
writes ``¶`` as the Latin-1 byte 0xB6 with CRLF line ends, older dumps carry CP1252 smart quotes,
and a concatenated file can switch encoding from one line to the next. ``decode_text`` keeps
every line it can read and only gives up (``None``) on bytes that are not text at all.
"""

from __future__ import annotations

import codecs

# A text file has no NULs and almost no C0 controls; past these shares it is binary junk.
_MAX_NUL_SHARE = 0.001
_MAX_CONTROL_SHARE = 0.05
# Controls a text file may legitimately hold: tab, LF, VT, FF, CR, and SUB (old DOS end of file).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
# CP1252 leaves these five bytes undefined; a line holding one can only be Latin-1.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_SAMPLE_BYTES = 65536


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR line ends written as ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_binary(data: bytes) -> bool:
    """True when the first 64 KB of ``data`` hold NULs or too many control bytes.

    Rule: more than 0.1 % NUL bytes, or more than 5 % C0 control bytes other than tab, line
    ends, form feed and SUB. UTF-16 must be decoded before this test (it is full of NULs).
    """
    sample = data[:_SAMPLE_BYTES]
    if not sample:
        return False
    nuls = sample.count(0)
    if nuls > len(sample) * _MAX_NUL_SHARE:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _utf16_codec(data: bytes) -> str | None:
    """The UTF-16 codec when ``data`` starts with its BOM or has a NUL in every other byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:400]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        if sample[1::2].count(0) == len(sample) // 2 and sample[0::2].count(0) == 0:
            return "utf-16-le"
        if sample[0::2].count(0) == len(sample) // 2 and sample[1::2].count(0) == 0:
            return "utf-16-be"
    return None


def _decode_line(line: bytes) -> tuple[str, str]:
    """Decode one line as UTF-8, else CP1252, else Latin-1 (which takes any byte)."""
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if any(b in _CP1252_UNDEFINED for b in line):
        return line.decode("latin-1"), "latin-1"
    if any(0x80 <= b <= 0x9F for b in line):
        return line.decode("cp1252"), "cp1252"
    # 0xA0-0xFF mean the same in CP1252 and Latin-1: call it Latin-1 (the PDF text's ¶ byte).
    return line.decode("latin-1"), "latin-1"


def _decode_lines(data: bytes) -> tuple[str, str]:
    """Decode line by line; name the single fallback encoding used, or ``mixed``."""
    parts: list[str] = []
    used: set[str] = set()
    for line in data.split(b"\n"):
        text, codec = _decode_line(line)
        parts.append(text)
        if codec != "utf-8" or not line.isascii():
            used.add(codec)
    if len(used) == 1:
        return "\n".join(parts), used.pop()
    if used == {"cp1252", "latin-1"}:
        return "\n".join(parts), "cp1252"
    return "\n".join(parts), "mixed"


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding_name)`` for ``data``, or ``None`` when it is binary junk.

    Order: UTF-16 (BOM, or NUL-interleaved ASCII) -> binary test -> strict UTF-8 (a UTF-8 BOM
    is dropped, name ``utf-8-sig``) -> line by line, each line UTF-8, else CP1252 (smart
    quotes in 0x80-0x9F), else Latin-1. The name is ``utf-8``, ``utf-8-sig``, ``utf-16``,
    ``cp1252``, ``latin-1`` or ``mixed`` (UTF-8 lines beside CP1252/Latin-1 lines). Line ends
    come back as ``\\n``; stray NUL characters are dropped. Never raises.
    """
    if not data:
        return "", "utf-8"
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace").lstrip("\ufeff")
        return normalise_newlines(text).replace("\x00", ""), "utf-16"
    if is_binary(data):
        return None
    name = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, name = _decode_lines(data)
    return normalise_newlines(text).replace("\x00", ""), name
