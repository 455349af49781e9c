"""Addressees of a telegram: the ``TO``, ``INFO`` and ``XMT`` blocks after the ``FM`` line.

One addressee per line, ``[ROUTE/]NAME [PRECEDENCE] [MCN]``::

    TO RUEHC/SECSTATE WASHDC IMMEDIATE 4713
    INFO RUEHBUL/AMEMBASSY KABUL PRIORITY 8097
    RUEKJCS/SECDEF WASHINGTON DC PRIORITY
    AMEMBASSY TRIPOLI PRIORITY              (State and pre-1990 cables: no route)
    XMT AMCONSUL JOHANNESBURG               (excluded from a collective)
    ZEN/AMEMBASSY RIGA NIACT IMMEDIATE 0612-0615   (served by other means: no route)

Which block a line belongs to is set by the last ``TO``/``INFO``/``XMT`` keyword at the start
of a line (lines before any keyword are ``TO``; ``INFO XMT X`` is XMT; ``TORUEHC/`` is ``TO``
glued to its route); ``USINFO WASHDC`` is a name, not a keyword. Page-break and transmission
lines inside the block (``PAGE 02 STATE 015113 182333Z``, ``ZEN``, ``ZFF``, ``BT``, ``NNNN``, the
date-time group and ``FM`` line of a second header copy) are skipped. The header/body boundary
is ``routing.addressee_lines``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.fields.routing import addressee_lines

# ``TORUEHC/SECSTATE``: the keyword glued to a routing indicator (08MANAMA492).
_KEYWORD = re.compile(r"(TO|INFO|XMT)(?:\s+|$|(?=R[A-Z]{3,6}/))(.*)")
_KEYWORD_FIRST = frozenset("TIX")
# A routing indicator; one that lost its leading R (``UEHC/``) gets it back.
_ROUTE = re.compile(r"(R[A-Z]{3,6}|ZEN|(?:UE|UC|UM|HM|HE)[A-Z]{2,5})/\s*(.*)")
# Lines of the block that are no addressee: page breaks, transmission marks, and the date-time
# group and FM line of a second header copy.
_JUNK = re.compile(
    r"(?:PAGE\s+\d+\b.*|ZEN|ZFF\w*|BT|NNNN|ZZ\w*|\W*|FM\s.*"
    r"|(?:[ZOPR0]\s+(?:[ZOPR]\s+)?)?\d{6}Z\s+[A-Z]{3}\s+\d{2,4})"
)
_MCN = re.compile(r"\d{1,5}(?:-\d{1,5})?")
_GLUED_MCN = re.compile(r"([A-Z]{2,})(\d{4})")  # WASHDC0000 (07CAIRO1417)
_NAME_OK = re.compile(r"[A-Z][^A-Z]*[A-Z]")  # two letters: ``46151`` is a dump row's id
# A letter a glued banner doubled after Washington (``WASHINGTON DCUUNCLAS``, 06MANAGUA1002).
_STRAY_LETTER = re.compile(r"(?<=DC)[A-Z]$")

# Precedence words as written, to the vocabulary; the misspelling is in real cables (09BAKU179).
PRECEDENCE_WORDS = {
    "FLASH": "FLASH",
    "IMMEDIATE": "IMMEDIATE",
    "PRIORITY": "PRIORITY",
    "PIORITY": "PRIORITY",
    "PRIOITY": "PRIORITY",  # 08BRASILIA93
    "ROUTINE": "ROUTINE",
}
PRECEDENCES = frozenset(("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE"))
KINDS = frozenset(("TO", "INFO", "XMT"))


# A NamedTuple, not a frozen dataclass: as immutable, and built ~2.5x faster (tens of
# thousands per 5,000 cables).
class Recipient(NamedTuple):
    """One addressee line."""

    kind: str  # TO | INFO | XMT (XMT = addressee excluded from a collective)
    route: str | None  # routing indicator RUEHBUL; None without ROUTE/ (or ZEN/)
    name: str  # AMEMBASSY KABUL
    precedence: str | None  # FLASH | NIACT IMMEDIATE | IMMEDIATE | PRIORITY | ROUTINE
    mcn: str | None  # trailing message number "8097" (or range "2276-2279"), as text
    excluded: bool  # True for XMT lines


def _pop_precedence(tokens: list[str]) -> str | None:
    """Remove and return a trailing precedence; a stray glued letter is dropped
    (``PRIORITYS`` when a banner ``SS E C R E T`` doubled its S, 08TUNIS679)."""
    if len(tokens) < 2:
        return None
    word = tokens[-1]
    precedence = PRECEDENCE_WORDS.get(word) or PRECEDENCE_WORDS.get(word[:-1])
    if precedence is None:
        return None
    tokens.pop()
    if precedence == "IMMEDIATE" and len(tokens) > 1 and tokens[-1] == "NIACT":
        tokens.pop()
        precedence = "NIACT IMMEDIATE"
    return precedence


def parse_addressee(text: str, kind: str = "TO") -> Recipient | None:
    """Parse one addressee (keyword already removed); ``None`` for junk or an empty name.

    The route is ``R`` + 3-6 letters before ``/`` (one that lost its ``R``, ``UEHC/``, gets it
    back); from the end, a number (or range) is the MCN and a precedence word before it the
    precedence (``NIACT IMMEDIATE`` as one value; the misspellings of ``PRECEDENCE_WORDS``
    count). A stop after the name and a letter a glued banner doubled after ``DC`` go; a name
    needs two letters (a dump row's ``46151`` is none).
    """
    text = " ".join(text.replace("\\", " ").split())
    if _JUNK.fullmatch(text):
        return None
    route = None
    m = _ROUTE.match(text)
    if m:
        indicator = m.group(1)
        route = None if indicator == "ZEN" else indicator
        if route and not route.startswith("R"):
            route = "R" + route
        text = m.group(2)
    tokens = text.split()
    glued = _GLUED_MCN.fullmatch(tokens[-1]) if tokens else None
    if glued:
        tokens[-1:] = glued.groups()
    mcn = tokens.pop() if len(tokens) > 1 and _MCN.fullmatch(tokens[-1]) else None
    precedence = _pop_precedence(tokens)
    if precedence and mcn is None and len(tokens) > 1 and _MCN.fullmatch(tokens[-1]):
        mcn = tokens.pop()  # 08TRIPOLI803: the MCN before the precedence
    name = " ".join(tokens).rstrip(".,;:")  # ``SECDEF WASHINGTON DC.`` (09PANAMA829)
    if name[-3:-1] == "DC":
        name = _STRAY_LETTER.sub("", name)
    if not _NAME_OK.search(name):
        return None
    return Recipient(kind, route, name, precedence, mcn, kind == "XMT")


def parse_recipients(header: str) -> list[Recipient]:
    """All addressees of a header (or whole telegram), in order; ``[]`` when there are none.

    ``XMT`` lines (and the lines after them) are kept with ``kind="XMT"``, ``excluded=True``.
    """
    return recipients_of_lines(addressee_lines(header))


def recipients_of_lines(lines: list[str]) -> list[Recipient]:
    """``parse_recipients`` of a header whose ``addressee_lines`` are ``lines``."""
    recipients: list[Recipient] = []
    kind = "TO"
    for line in lines:
        text = line.strip()
        if not text:
            continue
        m = _KEYWORD.match(text)
        while m:  # ``INFO XMT AMCONSUL X``: the last keyword counts
            kind, text = m.group(1), m.group(2)
            m = _KEYWORD.match(text) if text[:1] in _KEYWORD_FIRST else None
        recipient = parse_addressee(text, kind)
        if recipient is not None:
            recipients.append(recipient)
    return recipients
