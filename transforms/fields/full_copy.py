"""A partial-extract record's full copy: the text after the preview the release cut at "...".

Many partial-extract records of the release open with a preview of the cable's head, cut at
``...`` (``SUBJECT: RUSSIAN SCIEN...``, ``Classified...``), and then hold the whole cable
again from its banner on, often with the head flattened onto one line
(``C O N F I D E N T I A L MOSCOW 001704 SIPDIS ... E.O. 12958: DECL: ... TAGS: ...``) and,
between the two, the remains of a database record (a row id, a date). The full copy is the
cable: every field is read from it (imitates 07MOSCOW1704, 08BAKU761, 05MINSK851).
"""

from __future__ import annotations

import re

# The banner of the first copy: classification, an optional first section, station, serial.
_BANNER = re.compile(
    r"(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|UNCLAS(?:SIFIED)?"
    r"|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\s+SENSITIVE)?"
    r"(?:\s+SECTION\s+0{0,2}1\s+OF\s+\d{1,3})?\s+[A-Z][A-Z .'-]{1,40}?\s(?P<serial>\d{3,7})\b"
)
_CLASSIFICATION = re.compile(
    r"(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|UNCLAS|CONFIDENTIAL"
    r"|SECRET|LIMITED OFFICIAL USE)",
    re.IGNORECASE,  # a copy may come lower-cased: "C o n f i d e n t i a l section 01 ..."
)
_LATER_SECTION = re.compile(r"SECTION\s+0{0,2}(?:[2-9]|[1-9]\d)\s+OF")
_PREVIEW_CHARS = 6000  # a preview is a head: its "..." comes early
_BANNER_LEAD = 80  # the second banner's classification word stands this close to its serial
_HEAD_LINES = 12


def full_copy(body: str) -> str:
    """``body`` from its full copy's banner on (``split_full_copy``'s text)."""
    return split_full_copy(body)[1]


def split_full_copy(body: str) -> tuple[str, str]:
    """(the preview's whole lines, the text from the full copy's banner on) when ``body``
    opens with a preview cut at ``...``; else ``("", body)``.

    Rules: the first banner (in the first lines) names a serial (``MOSCOW 001704``); a ``...``
    after it within the first 6,000 characters cuts the preview; the full copy starts at the
    next banner of the same serial after that cut (a classification word at most 80
    characters before the serial, on its line, and no later ``SECTION 2 OF ...``) and must be
    longer than the preview. Without all of that the body is returned unchanged. The preview
    is kept up to the line the cut is on: its fields before the cut are whole, for a field
    the full copy lost (a flattened copy drops lines). Never raises.
    """
    if not body or "..." not in body[:_PREVIEW_CHARS]:
        return "", body or ""
    lines_end = _nth_line_end(body, _HEAD_LINES)
    banner = _BANNER.search(body, 0, lines_end)
    if banner is None:
        return "", body
    cut = body.find("...", banner.end(), _PREVIEW_CHARS)
    if cut < 0:
        return "", body
    serial = banner["serial"]
    at = body.find(serial, cut)
    while at >= 0:
        after = at + len(serial)
        if not body[at - 1 : at].isdigit() and not body[after : after + 1].isdigit():
            start = _banner_start(body, at)
            # the copy after the cut is the cable when it is the fuller one (some "copies"
            # are a flattened head line and nothing more: 08ROME1046)
            if start is not None and len(body) - start > cut - banner.start():
                return body[: body.rfind("\n", 0, cut) + 1], body[start:]
        at = body.find(serial, at + len(serial))
    return "", body


def _banner_start(body: str, serial_at: int) -> int | None:
    """Where the banner that ends with the serial at ``serial_at`` starts, or None."""
    line_start = body.rfind("\n", 0, serial_at) + 1
    lead_start = max(line_start, serial_at - _BANNER_LEAD)
    lead = body[lead_start:serial_at]
    word = _CLASSIFICATION.search(lead)
    if word is None or _LATER_SECTION.search(lead):
        return None
    return lead_start + word.start()


def _nth_line_end(text: str, count: int) -> int:
    at = -1
    for _ in range(count):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at
