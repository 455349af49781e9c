"""Reader of the PlusD library pages (WikiLeaks, 2013): 1973-79 telegrams and later ones.

A page has a ``<table id="synopsis">`` (subject, Date, Canonical ID, Original Classification,
From, ...) and panes "Content", "Raw content" (the whole telegram: ``PAGE 01``, ``ACTION``
office lines, routing, body, ``NNN``) and "Metadata" (``Document Number: 1973STATE097844``).
Unlike the cablegate pages, PlusD escapes its text properly (``&quot;``, ``&amp;``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from transforms.raw import RawCable, Reject
from transforms.readers.common import reject, unescape_entities
from transforms.readers.text import MONTHS

FORMAT = "plusd"

_SYNOPSIS = re.compile(r"<table\s+id=['\"]synopsis['\"]", re.IGNORECASE)
_SUBJECT = re.compile(r"<td\s+colspan=\"2\"[^>]*>([^<]*)</td>")
# `<a class="i" title="Date">Date:</a></div><div class="s_val" title="...">value</div>`
_FIELD = re.compile(
    r"<a class=\"i\" title=\"([A-Za-z ]{1,40})\"[^>]*>[^<]{0,60}</a></div>\s{0,20}"
    r"<div class=\"s_val\"[^>]*>(.*?)</div>",
    re.DOTALL,
)
_TAG = re.compile(r"<[^<>]*>")
_DATE = re.compile(r"(\d{4}) ([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{1,2}):(\d{2}))?")
_DOCUMENT_NUMBER = re.compile(r"^Document Number: (\S+)\s*$", re.MULTILINE)
_CANONICAL_SUFFIX = re.compile(r"_[a-z]$")
_RAW_PANE = 'pane-header">Raw content</div>'
_TEXT_OPEN = '<div class="text-content">'


def _clean(fragment: str) -> str:
    """Tags dropped, entities unescaped, outer whitespace stripped."""
    return unescape_entities(_TAG.sub("", fragment)).strip()


def synopsis_fields(page: str) -> dict[str, str]:
    """The synopsis table as {field name: value text}, plus ``Subject`` from its title row."""
    start = _SYNOPSIS.search(page)
    if start is None:
        return {}
    end = page.find("</table>", start.end())
    table = page[start.end() : end if end >= 0 else start.end() + 50000]
    fields = {name: _clean(value) for name, value in _FIELD.findall(table)}
    subject = _SUBJECT.search(table)
    if subject is not None:
        fields["Subject"] = _clean(subject.group(1))
    return fields


def parse_plusd_date(value: str) -> tuple[date | None, datetime | None]:
    """``1973 May 22, 18:28 (Tuesday)`` -> (day, minute datetime); garbage -> (None, None)."""
    match = _DATE.match(value)
    if match is None or match.group(2) not in MONTHS:
        return None, None
    year, month, day = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    try:
        if match.group(4) is None:
            return date(year, month, day), None
        moment = datetime(year, month, day, int(match.group(4)), int(match.group(5)))
        return moment.date(), moment
    except ValueError:
        return None, None


def raw_content(page: str) -> str | None:
    """The "Raw content" pane's text (header and body together), unescaped, or ``None``."""
    pane = page.find(_RAW_PANE)
    if pane < 0:
        return None
    start = page.find(_TEXT_OPEN, pane)
    if start < 0:
        return None
    start += len(_TEXT_OPEN)
    end = page.find("</div>", start)
    body = page[start : end if end >= 0 else len(page)]
    return unescape_entities(_TAG.sub("", body)).strip("\n")


def reference_id(page: str, fields: dict[str, str]) -> str | None:
    """The metadata pane's ``Document Number``, else the Canonical ID without its ``_b``."""
    number = _DOCUMENT_NUMBER.search(page)
    if number is not None:
        return number.group(1)
    canonical = fields.get("Canonical ID")
    return _CANONICAL_SUFFIX.sub("", canonical) if canonical else None


def read(
    text: str, source_file: str, member: str | None, sha256: str, encoding: str
) -> Iterator[RawCable | Reject]:
    """Yield one ``RawCable`` for a PlusD page, or one ``Reject``.

    ``reference_id`` is the document number as PlusD writes it (four-digit year, zero-padded
    serial: ``1974ATHENS02959``); ``title`` the synopsis subject (the full subject, not only
    its first line); ``created``/``created_at`` the synopsis Date; ``classification`` the
    Original Classification; ``origin`` the From value in PlusD's words (``Greece Athens``,
    ``Department of State``), not cablegate's ``Embassy Athens``. ``telegram`` is the Raw
    content pane; ``header`` None. Rejects: ``bad-metadata`` (no synopsis, id or date),
    ``no-telegram`` (no Raw content pane).
    """

    def fail(reason: str, message: str) -> Reject:
        return reject(source_file, member, FORMAT, reason, message, text, sha256)

    fields = synopsis_fields(text)
    cable_id = reference_id(text, fields)
    created, created_at = parse_plusd_date(fields.get("Date", ""))
    if cable_id is None or created is None:
        yield fail(
            "bad-metadata", "PlusD page lacks a synopsis Date or a Canonical ID / Document Number"
        )
        return
    telegram = raw_content(text)
    if not telegram or not telegram.strip():
        yield fail("no-telegram", f"{cable_id} page has no Raw content text")
        return
    yield RawCable(
        reference_id=cable_id,
        title=fields.get("Subject") or None,
        created=created,
        created_at=created_at,
        released=None,
        classification=fields.get("Original Classification") or None,
        origin=fields.get("From") or None,
        references=None,
        header=None,
        telegram=telegram,
        source_file=source_file,
        member=member,
        source_format=FORMAT,
        source_sha256=sha256,
        encoding=encoding,
    )
