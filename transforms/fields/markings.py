"""Security markings of a cable body: banner, caveats, classification level and flags.

Every function takes the cable BODY (the text after the routing header, starting with the
classification banner such as ``C O N F I D E N T I A L SECTION 01 OF 02 ISLAMABAD 000421``)
and looks only where its field lives: the banner and caveat lines at the head of the body.
Nothing here raises; garbage in gives ``None`` / empty / ``False`` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.fields.hints import may_contain_word

# Ordered from least to most restrictive; the vocabulary of ``classification_level``.
CLASSIFICATION_LEVELS: tuple[str, ...] = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
)

# Handling caveats in the order ``parse_caveats`` reports them when several share a line.
CAVEATS: tuple[str, ...] = (
    "NOFORN",
    "SIPDIS",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "ORCON",
    "NOCONTRACT",
    "PROPIN",
    "STADIS",
    "FOUO",
)

_HEAD_LINES = 30  # the banner and caveat lines sit in the first lines of the body
_MAX_LINE = 300  # banner regexes only ever see a bounded slice of one line

# Spaced or plain classification words as they open a banner line. ``\s?`` between letters
# is a bounded optional, not a nested quantifier.
_BANNER_RE = re.compile(
    r"^\s*(?P<cls>"
    r"T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T"
    r"|S\s?E\s?C\s?R\s?E\s?T"
    r"|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L"
    r"|L\s?I\s?M\s?I\s?T\s?E\s?D\s+O\s?F\s?F\s?I\s?C\s?I\s?A\s?L\s+U\s?S\s?E"
    r"|U\s?N\s?C\s?L\s?A\s?S\s?S\s?I\s?F\s?I\s?E\s?D"
    r"|U\s?N\s?C\s?L\s?A\s?S"
    r")(?![A-Za-z])"
    r"(?P<suffix>//[A-Z][A-Z /]*)?"
)
_EFTO_RE = re.compile(r"^\s*(?:E\s?F\s?T\s?O|SENSITIVE)\b")
_SECTION_RE = re.compile(r"^\s*SECTION\s+(?P<sec>\d{1,3})\s+OF\s+(?P<count>\d{1,3})\b")
_STATION_NUMBER_RE = re.compile(r"^\s*(?P<station>[A-Z][A-Z .'-]{1,40}?)\s+(?P<number>\d{1,7})\b")
_CAVEAT_RE = re.compile(
    r"\b(NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|ORCON|NOCONTRACT|PROPIN|STADIS|FOUO)\b"
    r"|\b(REL(?:\s+TO)?\s+[A-Z]{2,}(?:\s*(?:,|AND)\s*[A-Z]{2,}){0,8})"
)
# Lines that end the banner/caveat block: the E.O. line, labels, numbered paragraphs.
_HEAD_END_RE = re.compile(
    r"^\s*(?:E\.?\s?O\.?\s?1\d{4}|EO\s?1\d{4}|TAGS?\b|SUBJECT\b|SUBJ\b|REF\b|Classified\s+By"
    r"|CLASSIFIED\s+BY|\u00b6|\d{1,2}\s*\.\s|\(\w{1,4}\)\s)",
    re.IGNORECASE,
)
_SENSITIVE_RE = re.compile(r"\bSENSITIVE\b")
_CORRECTED_RE = re.compile(r"C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y")
PARTIAL_HEAD_CHARS = 4000  # is_partial reads this many characters of the text, no more
_PARTIAL_PHRASE = "this record is a partial extract of the original cable"
_PARTIAL_HINT = b"extract of the or"  # a piece of it without i, k, s (see may_contain_word)
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Banner:
    """The classification banner that opens a cable body."""

    classification: str | None  # CONFIDENTIAL, SECRET//NOFORN, UNCLASSIFIED, ...
    section: int | None  # SECTION 01 OF 02 -> 1
    section_count: int | None  # -> 2; None without a SECTION marker (callers read it as 1)
    station: str | None  # ISLAMABAD
    number: str | None  # 000421, as printed


_EMPTY_BANNER = Banner(None, None, None, None, None)


def _normalise_classification(raw: str) -> str:
    """``C O N F I D E N T I A L`` -> CONFIDENTIAL, ``UNCLAS`` -> UNCLASSIFIED."""
    word = _SPACES_RE.sub(" ", raw.strip().upper())
    squeezed = word.replace(" ", "")
    if squeezed == "TOPSECRET":
        return "TOP SECRET"
    if squeezed == "LIMITEDOFFICIALUSE":
        return "LIMITED OFFICIAL USE"
    if squeezed in ("UNCLAS", "UNCLASSIFIED"):
        return "UNCLASSIFIED"
    return squeezed


def _head_lines(body: str, limit: int = _HEAD_LINES) -> list[str]:
    """The first ``limit`` lines of the body, each cut to a bounded length."""
    if not body:
        return []
    return [line[:_MAX_LINE] for line in body[: limit * _MAX_LINE].split("\n", limit)[:limit]]


def parse_banner(body: str) -> Banner:
    """Parse the banner line: classification, section x of y, station and cable number.

    The banner is the first of the head lines that opens with a classification word, spaced
    (``S E C R E T``) or plain (``SECRET//NOFORN``, ``UNCLAS``, ``LIMITED OFFICIAL USE``). An
    ``E F T O`` or ``SENSITIVE`` word after it is skipped. ``SECTION 01 OF 02`` gives section
    1 of 2; then come the station (letters, spaces) and the number as printed. The
    classification is given as the release labels it: a ``//`` suffix is kept, a NOFORN
    caveat line under a classified banner adds ``//NOFORN``, and ``UNCLAS`` with a SENSITIVE
    (or NOFORN) line becomes ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``. Press versions and
    bodies without a banner give all ``None``.
    """
    try:
        for line in _head_lines(body, 8):
            match = _BANNER_RE.match(line)
            if match is not None:
                return _with_caveat_lines(_banner_from_match(line, match), body)
    except (TypeError, ValueError):
        pass
    return _EMPTY_BANNER


def _with_caveat_lines(banner: Banner, body: str) -> Banner:
    """Fold the SENSITIVE / NOFORN caveat lines into the classification, as the release did."""
    classification = banner.classification
    if classification is None or "//" in classification:
        return banner
    words = " ".join(_caveat_block(body)).upper()
    if classification == "UNCLASSIFIED":
        if _SENSITIVE_RE.search(words) or "NOFORN" in words:
            classification = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    elif classification != "LIMITED OFFICIAL USE" and "NOFORN" in words:
        classification += "//NOFORN"
    if classification == banner.classification:
        return banner
    return Banner(classification, banner.section, banner.section_count, banner.station,
                  banner.number)


def _caveat_block(body: str) -> list[str]:
    """The banner line and the caveat lines under it, up to the E.O. line or a label."""
    global _last_block
    last = _last_block
    if last[0] is body:
        return last[1]
    block: list[str] = []
    for index, line in enumerate(_head_lines(body)):
        if index > 0 and _HEAD_END_RE.match(line):
            break
        block.append(line)
    _last_block = (body, block)
    return block


# ``parse_banner`` and ``parse_caveats`` both read the block of the same body, one after the
# other: the second gets the first's (held with its body, so ``is`` cannot mistake a new
# string for it; one pair replaces the other, so no two threads see a half-written entry).
_last_block: tuple[object, list[str]] = (None, [])


def _banner_from_match(line: str, match: re.Match[str]) -> Banner:
    classification = _normalise_classification(match.group("cls"))
    suffix = match.group("suffix")
    if suffix:
        classification += "//" + _SPACES_RE.sub(" ", suffix[2:]).strip()
    rest = line[match.end():]
    extra = _EFTO_RE.match(rest)
    if extra is not None:
        if classification == "UNCLASSIFIED" and "SENSITIVE" in extra.group(0):
            classification = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        rest = rest[extra.end():]
    section = count = None
    sec = _SECTION_RE.match(rest)
    if sec is not None:
        section, count = int(sec.group("sec")), int(sec.group("count"))
        rest = rest[sec.end():]
    station = number = None
    stn = _STATION_NUMBER_RE.match(rest)
    if stn is not None:
        station = _SPACES_RE.sub(" ", stn.group("station")).strip(" .'-") or None
        number = stn.group("number")
    return Banner(classification, section, count, station, number)


def parse_caveats(body: str, classification: str | None = None) -> list[str]:
    """Handling caveats from the banner and caveat lines, in order of appearance, unique.

    Looks at the banner line and the lines after it up to the E.O. line, a label (TAGS,
    SUBJECT, REF, Classified By) or the first numbered paragraph, never at paragraph prose.
    Recognised: NOFORN, SIPDIS, EXDIS, NODIS, LIMDIS, ORCON, NOCONTRACT, PROPIN, STADIS, FOUO and
    ``REL ...`` / ``REL TO ...`` release markings. Channel words (``CXNAIROBI``) and
    addressee lines are not caveats. The optional published ``classification`` adds NOFORN
    (``SECRET//NOFORN``) and FOUO (``UNCLASSIFIED//FOR OFFICIAL USE ONLY``).
    """
    found: list[str] = []
    try:
        for line in _caveat_block(body):
            for match in _CAVEAT_RE.finditer(line):
                word = match.group(1) or _SPACES_RE.sub(" ", match.group(2)).strip()
                if word not in found:
                    found.append(word)
        published = (classification or "").upper()
        if "NOFORN" in published and "NOFORN" not in found:
            found.append("NOFORN")
        if "FOR OFFICIAL USE ONLY" in published and "FOUO" not in found:
            found.append("FOUO")
    except (TypeError, AttributeError):
        return []
    return found


def is_partial(text: str) -> bool:
    """True when the release notes "This record is a partial extract of the original cable"."""
    if not text:
        return False
    try:
        head = text[:PARTIAL_HEAD_CHARS]
        # Lower-casing 4,000 characters costs more than a byte scan that rules most texts out.
        return may_contain_word(head, _PARTIAL_HINT) and _PARTIAL_PHRASE in head.lower()
    except AttributeError:
        return False


def is_corrected(title: str | None, body: str) -> bool:
    """True for a corrected copy: ``(CORRECTED COPY)`` in the title or near the banner.

    The head of the body (first 1,500 characters) is searched for ``CORRECTED COPY`` and its
    spaced form ``C O R R E C T E D C O P Y``.
    """
    try:
        if title and "CORRECTED COPY" in title.upper():
            return True
        return bool(body) and _CORRECTED_RE.search(body[:1500].upper()) is not None
    except (AttributeError, TypeError):
        return False


def has_redactions(body: str) -> bool:
    """True when the body carries a WikiLeaks redaction run (four or more X's, any position)."""
    try:
        return bool(body) and "XXXX" in body
    except TypeError:
        return False


def classification_level(classification: str | None) -> str | None:
    """Map a classification string to one of ``CLASSIFICATION_LEVELS`` or None.

    ``SECRET//NOFORN`` -> SECRET, ``CONFIDENTIAL//NOFORN`` -> CONFIDENTIAL, ``UNCLAS`` ->
    UNCLASSIFIED, ``UNCLASSIFIED//FOR OFFICIAL USE ONLY`` and ``UNCLAS SENSITIVE`` / ``SBU`` ->
    the FOUO level; spaced banners are accepted. Unknown words give None.
    """
    if not classification or not isinstance(classification, str):
        return None
    text = _SPACES_RE.sub(" ", classification.upper()).strip()
    head, _, tail = text.partition("//")
    squeezed = head.replace(" ", "")
    if squeezed.startswith("TOPSECRET"):
        return "TOP SECRET"
    if squeezed.startswith("SECRET"):
        return "SECRET"
    if squeezed.startswith("CONFIDENTIAL"):
        return "CONFIDENTIAL"
    if squeezed.startswith("LIMITEDOFFICIALUSE"):
        return "LIMITED OFFICIAL USE"
    if squeezed == "SBU" or squeezed.startswith("UNCLAS"):
        if "OFFICIAL USE" in tail or "FOUO" in tail or "SENSITIVE" in squeezed or squeezed == "SBU":
            return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        return "UNCLASSIFIED"
    return None
