"""The REF block of a cable body: ``REF: A. STATE 1234 B. 07 ROME 55`` -> ``Reference`` rows.

The block is found in the head of the body (before paragraph 1) and cut at ``Classified By``,
paragraph 1 or a summary banner, at most ``_MAX_BLOCK_CHARS`` long. It is then read by a token
scanner, never by one regex over the body: cablemap's reference regex took seconds on some
cables. The pieces live beside this module: ``reference_tokens`` (scanner and letters),
``reference_cables`` (the cables a reference names), ``reference_kinds`` (what else it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.fields.hints import search_near_word
from transforms.fields.reference_cables import cables_in
from transforms.fields.reference_kinds import REFERENCE_KINDS, reference_kind
from transforms.fields.reference_tokens import RefToken, lettered_segments, ref_tokens
from transforms.fields.stations import STATION_SPELLINGS

__all__ = ["REFERENCE_KINDS", "Reference", "parse_references", "unknown_stations"]

_HEAD_CHARS = 15_000  # routing header + banner + caveats + subject fit easily
_MAX_BLOCK_CHARS = 3_000

# "REF:", "REFS:", "Ref(s):", "REFTEL:", "REFERENCES:", "REF.", "REF...", "REF A)"; glued
# "...PRIMEREF:" too; without punctuation "REF LONDON 01170", "REF A 09 CAIRO 074", "REF A
# WELLINGTON 721". Searched with ``search_near_word``: every match holds "ref" after a run of
# spaces and tabs.
_REF_START = re.compile(
    r"(?:(?<![A-Za-z])(?i:ref(?:erences?|tels?|s)?)|(?<=[A-Z])REFS?)"
    r"(?:[ \t]?\((?i:s)\))?[ \t]*:"
    r"|(?<![A-Za-z])REFS?\.{1,3}:?(?=[ \t])|(?m:^)[ \t]*Refs?\.{1,3}:?(?=[ \t])"
    r"|(?m:^)[ \t]*(?:REFS?|REFTELS?|Refs?)[ \t]+"
    r"(?=[A-Z][.):][ \t]|\([A-Z]\)|\d|[A-Z][ \t]+[A-Z][A-Za-z]{2,40}[ \t]+\d)"
    r"|(?<![A-Za-z])REFS?[ \t]+(?=(?:[A-Z][ \t]+)?(?:\d\d[ \t]+)?[A-Z]{3,20}[ \t]+\d)"
)
# The wire wrote "Q" for a lost "REF" (08TRIPOLI402: "Q: A) TRIPOLI 199, B) TRIPOLI 227").
_GARBLED_REF_START = re.compile(r"(?m:^)[ \t]*Q:[ \t]*(?=[A-Z][.)][ \t]|\([A-Z]\))")
_PARAGRAPH_ONE = re.compile(
    r"¶[ \t]*1\b|(?m:^)[ \t]*1[ \t]?[.)]|\b1[ \t]?\.[ \t]{0,3}\((?:U|C|S|SBU|S/NF|C/NF|TS)\)"
)
# Inside one line: what follows the REF block when it is glued onto the same line.
_INLINE_END = re.compile(
    r"(?i:classified[ \t]+by\b|sensitive[ \t]+but[ \t]+unclassified|derived[ \t]+from:)"
    r"|¶[ \t]*\d|\b1[ \t]?\.[ \t]?\((?:U|C|S|SBU|S/NF|C/NF|TS)\)|\bE\.[ \t]?O\.[ \t]?1|\bTAGS:"
    r"|\bSUBJECT:|\((?:U|SBU|S/NF|C/NF|TS)\)[ \t]+[A-Z][a-z]"
    # a sentence of mixed-case prose after the number ending a citation: the text run on
    # after the field ("REF: STATE 6970 As requested in reftel, ...", 09CAIRO189)
    r"|(?<=\d)[ \t]+(?=[A-Z][a-z]+,?[ \t]+[a-z]{2,}[ \t]+[a-z])"
)
# A line that starts paragraph 1 or a banner ends the block.
_LINE_END = re.compile(
    r"[ \t]*(?:1[ \t]?[.)]|SUMMARY\b|Summary:|BEGIN SUMMARY|E\.[ \t]?O\.|TAGS\b|_{5}|-{5})"
)
# After a blank line the block goes on only with another reference: "B. ...", "(B)", "REF",
# "05 ROME 123"; "(U)" opens an unnumbered paragraph (06REYKJAVIK421).
_CONTINUES = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:¶[ \t]*)?(?:[A-Za-z][.):][ \t]|\((?!U\))[A-Za-z]\)|\[[A-Za-z]\]|REF"
    r"|(?:\d{2}|\d{4})?[ \t]?[A-Z][A-Z ]{1,30}[ \t]\d{1,7}\b)"
)
# "Taipei 03196 E) Taipei ...": a station in mixed case and its serial (the words are checked).
_STATION_LINE = re.compile(r"[ \t]*(?:\d{2}|\d{4})?[ \t]?((?:[A-Za-z]{2,20}[ \t]{1,8}){1,4})\d")
# "(B) Rio de Janeiro" / blank / "00723 (C) ...": a serial whose station ended the last line.
_SERIAL_LINE = re.compile(r"[ \t]*\d{1,7}(?:[ \t]|$)")
_WORDS_AT_END = re.compile(r"[A-Z]+")
_STATION_TAIL_CHARS = 60
_MAX_STATION_WORDS = 5
_CUT_WORD = re.compile(r"(?<=\s)\S*\d\Z")
# Page breaks of the original print run, e.g. "PAGE 02 ROME 01196 01 OF 02 082030Z", and
# the running head of multi-section cables, "TRIPOLI 00000402 001.2 OF 003".
_PAGE_BREAK = re.compile(
    r"(?:\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s{1,8})?"
    r"\bPAGE[ \t]+\d{1,3}\b[^\n]{0,80}?\b\d{6}Z\b"
)
_RUNNING_HEAD = re.compile(
    r"(?:\b[A-Z]{2,20}(?:[ \t][A-Z]{2,20}){0,3}[ \t]{1,8})?"
    r"\b0{2,}\d{1,6}\s{1,8}\d{3}(?:\.\d)?\s{1,4}OF\s{1,4}\d{3}\b"
)
# "TRIPOLI 00000268" is the running head when 268 is this cable's own serial (09TRIPOLI268),
# a real reference otherwise ("REF: RECIFE 00000074" in 05RECIFE78).
_PADDED_SERIAL = re.compile(
    r"(?:\b[A-Z]{2,20}(?:[ \t][A-Z]{2,20}){0,3}[ \t]{1,8})?\b(?=\d{8}\b)0{3,}(\d{1,5})\b"
)
_BANNER_SERIAL = re.compile(r"\b0\d{5,7}\b")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a REF block."""

    letter: str | None  # "A" for "A. STATE 1234", "A)", "(A)", "[A]", "A:"; "1" for "1. ROME 1902"
    text: str  # the reference as written, whitespace collapsed
    referenced_cable_id: str | None  # canonical id when it names a cable, else None
    kind: str  # one of REFERENCE_KINDS: cable | email | telcon | memcon | ... | other


def parse_references(
    body: str,
    cable_year: int | None,
    cable_id: str | None = None,
    created: date | None = None,
) -> list[Reference]:
    """Return the references of the REF block in the head of ``body``, in written order.

    Rules: the block starts at ``REF:``/``REFS:``/``REFTEL:``/``Ref(s):``/``REF A)`` before
    paragraph 1 and ends at ``Classified By``, paragraph 1, ``SUMMARY`` or after 3,000 chars.
    Letters ``A.``, ``A)``, ``(A)``, ``[A]``, ``A:`` split it into lettered references; without
    letters it is split at ``;`` and at every cable named. A cable is ``[year] STATION NUMBER``
    with the year written ``05``/``2005`` before, ``-05`` or ``(05)`` after, else ``cable_year``;
    ``X AND 123`` reuses X's station. Everything else becomes a reference of the kind its
    keywords say (``EMAIL`` -> email, ``IIR`` -> report ...) with ``referenced_cable_id`` None.
    ``cable_id`` (the citing cable's) tells its own serial in running heads; ``created`` (its
    day) resolves stations renamed that year (``transforms.fields.stations``).
    """
    if not isinstance(body, str):
        return []
    block = _ref_block(body, _own_serial(cable_id))
    if not block:
        return []
    references: list[Reference] = []
    for letter, segment in lettered_segments(ref_tokens(block)):
        references.extend(_read_segment(block, letter, segment, cable_year, created))
    # A cable never cites itself: its own banner read as a reference ("nairobi 001938").
    return _dedupe([r for r in references if r.referenced_cable_id != cable_id or not cable_id])


def unknown_stations(body: str, cable_year: int | None) -> list[str]:
    """Words in a station's place in the REF block of ``body`` that name no known station."""
    if not isinstance(body, str):
        return []
    block = _ref_block(body, None)
    unknown: list[str] = []
    for _letter, segment in lettered_segments(ref_tokens(block)) if block else ():
        cables_in(segment, cable_year, None, unknown)
    return unknown


def _own_serial(cable_id: str | None) -> int | None:
    digits = cable_id[len(cable_id.rstrip("0123456789")) :] if cable_id else ""
    return int(digits) if digits else None


def _ref_block(body: str, own_serial: int | None) -> str:
    head = body[:_HEAD_CHARS]
    # Every match holds "1", after at most "¶" and a run of spaces (see ``search_near_word``).
    paragraph_one = search_near_word(_PARAGRAPH_ONE, head, b"1", 1, " \t")
    limit = paragraph_one.start() if paragraph_one else len(head)
    start = search_near_word(_REF_START, head, b"ref", 0, " \t", 0, limit)
    if start is None:
        start = search_near_word(_GARBLED_REF_START, head, b"q:", 0, " \t", 0, limit)
    if start is None:
        return ""
    block, truncated_at = _block_from(head, start.end())
    if truncated_at is not None:
        # A "partial extract" record shows a preview cut at "..." and then the full head,
        # whose REF block, if it has one, comes before its own paragraph 1.
        if limit <= truncated_at:
            again = search_near_word(_PARAGRAPH_ONE, head, b"1", 1, " \t", truncated_at)
            limit = again.start() if again else len(head)
        full = search_near_word(_REF_START, head, b"ref", 0, " \t", truncated_at, limit)
        if full is not None:
            start = full
            block, truncated_at = _block_from(head, start.end())
    if block.strip().upper() == "NONE":
        return ""
    if "\\n" in block:  # a line break written out as backslash-n: "CONFIDENTIAL\\nPAGE 02"
        block = block.replace("\\n", "\n")
    # Each pattern below needs a literal piece ("PAGE"; "00" and "OF"; "000"): a block without
    # it is not scanned, as these scans are slow on the long blocks.
    if "PAGE" in block:
        block = _PAGE_BREAK.sub(" ", block)
    if "00" in block and "OF" in block:
        block = _RUNNING_HEAD.sub(" ", block)
    if "000" not in block:
        return block
    own_serials = {int(serial) for serial in _BANNER_SERIAL.findall(head, 0, start.start())}
    if own_serial is not None:
        own_serials.add(own_serial)
    return _PADDED_SERIAL.sub(
        lambda match: " " if int(match[1]) in own_serials else match.group(), block
    )


def _block_from(head: str, position: int) -> tuple[str, int | None]:
    """Return the block text from ``position`` and where a "..." preview cut it, if it did."""
    kept: list[str] = []
    after_blank = False
    offset = position
    for line in head[position : position + _MAX_BLOCK_CHARS].split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            after_blank = bool(kept)
            continue
        if kept and (_LINE_END.match(line) or (after_blank and not _continues(line, kept[-1]))):
            break
        if line.rstrip().endswith("..."):
            # "REF: DUSHANBE 16...": digits cut by the preview may be half a serial.
            kept.append(_CUT_WORD.sub("", line.rstrip()[:-3]))
            return "\n".join(kept), line_start + len(line)
        end = _INLINE_END.search(line)
        kept.append(line[: end.start()] if end else line)
        if end is not None:
            break
        after_blank = False
    return "\n".join(kept), None


def _continues(line: str, last_kept: str) -> bool:
    """After a blank line: another reference, or the serial of a station ending the last line."""
    if _CONTINUES.match(line):
        return True
    station_line = _STATION_LINE.match(line)
    if station_line is not None and _ends_with_station(station_line[1]):
        return True
    return _SERIAL_LINE.match(line) is not None and _ends_with_station(last_kept)


def _ends_with_station(text: str) -> bool:
    """True when the last words of ``text`` spell a station (``... (B) Rio de Janeiro``)."""
    if not text.rstrip()[-1:].isalpha():
        return False
    words = _WORDS_AT_END.findall(text[-_STATION_TAIL_CHARS:].upper())[-_MAX_STATION_WORDS:]
    return any("".join(words[start:]) in STATION_SPELLINGS for start in range(len(words)))


def _read_segment(
    block: str,
    letter: str | None,
    tokens: list[RefToken],
    cable_year: int | None,
    created: date | None,
) -> list[Reference]:
    text = _segment_text(block, tokens)
    if not text:
        return []
    found = cables_in(tokens, cable_year, created)
    if not found:
        return [Reference(letter, text, None, reference_kind(_words_of(tokens)))]
    # "EMB CAIRO EMAILS 2/16-17 TO NNSA / STATE 12231": a mail written before the cable.
    before = [token for token in tokens if token.end <= found[0][1]]
    kind = reference_kind(_words_of(before))
    first = [Reference(letter, _segment_text(block, before), None, kind)] if kind != "other" else []
    if len(found) == 1 and not first:
        cable_id, _start, _end = found[0]
        return [Reference(letter, text, cable_id, "cable")]
    return first + [
        Reference(letter, _WHITESPACE.sub(" ", block[start:end]), cable_id, "cable")
        for cable_id, start, end in found
    ]


def _words_of(tokens: list[RefToken]) -> set[str]:
    return {token.text.upper().rstrip(".") for token in tokens if token.kind == "word"}


def _segment_text(block: str, tokens: list[RefToken]) -> str:
    if not tokens:
        return ""
    raw = block[tokens[0].start : tokens[-1].end]
    return _WHITESPACE.sub(" ", raw).strip(" ;,.:-")


def _dedupe(references: list[Reference]) -> list[Reference]:
    seen: set[tuple[str | None, str | None, str]] = set()
    unique: list[Reference] = []
    for reference in references:
        key = (reference.letter, reference.referenced_cable_id, reference.text)
        if key not in seen:
            seen.add(key)
            unique.append(reference)
    return unique
