"""Which published layout a file is in, from its first bytes (the name only breaks ties)."""

from __future__ import annotations

import codecs
import re

LAYOUTS = ("txt", "html", "csv", "pdf-text", "plusd")
HEAD_BYTES = 4096

# A cables.csv row starts a line: "row id","M/D/YYYY H:MM","...
CSV_ROW_START = re.compile(r'"\d{1,9}","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
# Line 1 of the text layout: 2-digit year (4 in the Kissinger ids), station, serial number.
TXT_ID = re.compile(r"\d{2}(?:\d{2})?[A-Z][A-Za-z0-9_/.-]{0,60}\d")
# Line 3 of the text layout: `Tue Jan 29 00:00:00 +0100 2008`.
TXT_CREATED = re.compile(
    r"(?:[A-Z][a-z]{2}\s+)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+[+-]\d{4}\s+\d{4}"
)
# First non-blank line of a telegram with no metadata in front (the PDF text edition).
_TELEGRAM_START = re.compile(
    r"VZCZC|INFO\s+LOG-|PAGE\s+01\b|ACTION\s+[A-Z]+-\d|R?UNCLAS\b|(?:UNCLASSIFIED|CONFIDENTIAL"
    r"|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T)\b|[OPRZ]{1,2} \d{6}Z "
)
_HTML_START = re.compile(r"\s*(?:<\?xml|<!DOCTYPE\s+html|<html)", re.IGNORECASE)
_CABLEGATE_MARKERS = ("<table class='cable'", '<table class="cable"', "Cable Viewer", "/cable/")
_PLUSD_MARKERS = ("/plusd/", "PlusD", 'id="synopsis"')
_EXTENSIONS = {".csv": "csv", ".html": "html", ".htm": "html", ".txt": "txt"}


def _head_text(head: bytes) -> str:
    """Decode the head loosely: detection must not fail on a cut multi-byte character."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def looks_like_txt(lines: list[str]) -> bool:
    """True when line 1 is a reference id and line 3 the created date of the text layout."""
    return (
        len(lines) >= 3
        and TXT_ID.fullmatch(lines[0].strip()) is not None
        and TXT_CREATED.fullmatch(lines[2].strip()) is not None
    )


def looks_like_csv(lines: list[str]) -> bool:
    """True when one of the first lines starts a cables.csv row (a stray line may come first)."""
    return any(CSV_ROW_START.match(line) for line in lines[:20])


def looks_like_telegram(lines: list[str]) -> bool:
    """True when the first non-blank line opens a bare telegram (routing line or class)."""
    for line in lines[:20]:
        if line.strip():
            return _TELEGRAM_START.match(line.strip()) is not None
    return False


def detect_layout(head: bytes, name: str) -> str | None:
    """Return the layout of a file from its first ~4 KB, or ``None`` when nothing fits.

    Content decides, in this order: an HTML page is ``plusd`` when it carries PlusD markers
    (``/plusd/`` links, the synopsis table) else ``html`` (the cablegate viewer page: its
    ``<table class='cable'>`` sits ~60 KB down, past the head, so the page frame decides);
    five metadata lines (id-like line 1, date line 3) make ``txt``; a ``"digits","M/D/YYYY``
    row start in the first lines makes ``csv``; a bare telegram start (``VZCZC``, ``UNCLAS``,
    a classification, ``INFO LOG-``) or CRLF with the Latin-1 ``¶`` byte make ``pdf-text``;
    an id-like line 1 over at least five lines still makes ``txt`` (its reader then names the
    bad line). Only when content is silent does the extension decide (.csv, .html/.htm, .txt).
    """
    head = head[:HEAD_BYTES]
    text = _head_text(head)
    if _HTML_START.match(text) or "<table class=" in text:
        if any(marker in text for marker in _PLUSD_MARKERS):
            return "plusd"
        return "html"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if looks_like_txt(lines):
        return "txt"
    if looks_like_csv(lines):
        return "csv"
    if looks_like_telegram(lines) or (b"\r\n" in head and b"\xb6" in head):
        return "pdf-text"
    if len(lines) >= 5 and TXT_ID.fullmatch(lines[0].strip()):
        return "txt"  # metadata lines with a broken date: the text reader says which line
    dot = name.rfind(".")
    return _EXTENSIONS.get(name[dot:].lower()) if dot >= 0 else None
