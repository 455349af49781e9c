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

from transforms.fields.hints import search_near_word
from transforms.fields.reference_cables import cables_in
from transforms.fields.reference_kinds import REFERENCE_KINDS, reference_kind
from transforms.fields.reference_tokens import RefToken, lettered_segments, ref_tokens

__all__ = ["REFERENCE_KINDS", "Reference", "parse_references"]

_HEAD_CHARS = 15_000  # routing header + banner + caveats + subject fit easily
_MAX_BLOCK_CHARS = 3_000

# "REF:", "REFS:", "Ref(s):", "REFTEL:", "REFERENCES:", "REF A:"; glued "...PRIMEREF:" too.
# Searched with ``search_near_word``: every match holds "ref" after a run of spaces and tabs.
_REF_START = re.compile(
    r"(?:(?<![A-Za-z])(?i:ref(?:erences?|tels?|s)?)|(?<=[A-Z])REFS?)"
    r"(?:[ \t]?\((?i:s)\))?[ \t]*:"
    r"|(?m:^)[ \t]*(?:REFS?|REFTELS?|Refs?)[ \t]+(?=[A-Z][.):][ \t]|\([A-Z]\)|\d)"
)
_PARAGRAPH_ONE = re.compile(
    r"¶[ \t]*1\b|(?m:^)[ \t]*1[ \t]?[.)]|\b1[ \t]?\.[ \t]?\((?:U|C|S|SBU|S/NF|C/NF|TS)\)"
)
# Inside one line: what follows the REF block when it is glued onto the same line.
_INLINE_END = re.compile(
    r"(?i:classified[ \t]+by\b|sensitive[ \t]+but[ \t]+unclassified)|¶[ \t]*\d"
    r"|\b1[ \t]?\.[ \t]?\((?:U|C|S|SBU|S/NF|C/NF|TS)\)|\bE\.[ \t]?O\.[ \t]?1|\bTAGS:|\bSUBJECT:"
)
# A line that starts paragraph 1 or a banner ends the block.
_LINE_END = re.compile(
    r"[ \t]*(?:1[ \t]?[.)]|SUMMARY\b|Summary:|BEGIN SUMMARY|E\.[ \t]?O\.|TAGS\b|_{5}|-{5})"
)
# After a blank line the block goes on only with another reference: "B. ...", "(B)", "REF",
# "05 ROME 123"; "(U)" opens an unnumbered paragraph (06REYKJAVIK421).
_CONTINUES = re.compile(
    r"[ \t]*(?:¶[ \t]*)?(?:[A-Za-z][.):][ \t]|\((?!U\))[A-Za-z]\)|\[[A-Za-z]\]|REF"
    r"|(?:\d{2}|\d{4})?[ \t]?[A-Z][A-Z ]{1,30}[ \t]\d{1,7}\b)"
)
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


def parse_references(body: str, cable_year: int | None) -> list[Reference]:
    """Return the references of the REF block in the head of ``body``, in written order.

    Rules: the block starts at ``REF:``/``REFS:``/``REFTEL:``/``Ref(s):``/``REF A)`` before
    paragraph 1 and ends at ``Classified By``, paragraph 1, ``SUMMARY`` or after 3,000 chars.
    Letters ``A.``, ``A)``, ``(A)``, ``[A]``, ``A:`` split it into lettered references; without
    letters it is split at ``;`` and at every cable named. A cable is ``[year] STATION NUMBER``
    with the year written ``05``/``2005`` before, ``-05`` or ``(05)`` after, else ``cable_year``;
    ``X AND 123`` reuses X's station. Everything else becomes a reference of the kind its
    keywords say (``EMAIL`` -> email, ``IIR`` -> report ...) with ``referenced_cable_id`` None.
    """
    if not isinstance(body, str):
        return []
    block = _ref_block(body)
    if not block:
        return []
    references: list[Reference] = []
    for letter, segment in lettered_segments(ref_tokens(block)):
        references.extend(_read_segment(block, letter, segment, cable_year))
    return _dedupe(references)


def _ref_block(body: str) -> str:
    head = body[:_HEAD_CHARS]
    # Every match holds "1", after at most "¶" and a run of spaces (see ``search_near_word``).
    paragraph_one = search_near_word(_PARAGRAPH_ONE, head, b"1", 1, " \t")
    limit = paragraph_one.start() if paragraph_one else len(head)
    start = search_near_word(_REF_START, head, b"ref", 0, " \t", 0, limit)
    if start is None:
        return ""
    block, truncated_at = _block_from(head, start.end())
    if truncated_at is not None:
        # A "partial extract" record shows a preview cut at "..." and then the full head.
        full = search_near_word(_REF_START, head, b"ref", 0, " \t", truncated_at)
        if full is not None:
            start = full
            block, truncated_at = _block_from(head, start.end())
    if block.strip().upper() == "NONE":
        return ""
    # Each pattern below needs a literal piece ("PAGE"; "00" and "OF"; "000"): a block without
    # it is not scanned, as these scans are slow on the long blocks.
    if "PAGE" in block:
        block = _PAGE_BREAK.sub(" ", block)
    if "00" in block and "OF" in block:
        block = _RUNNING_HEAD.sub(" ", block)
    if "000" not in block:
        return block
    own_serials = {int(serial) for serial in _BANNER_SERIAL.findall(head, 0, start.start())}
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
        if kept and (_LINE_END.match(line) or (after_blank and not _CONTINUES.match(line))):
            break
        if line.rstrip().endswith("..."):
            kept.append(line.rstrip()[:-3])
            return "\n".join(kept), line_start + len(line)
        end = _INLINE_END.search(line)
        kept.append(line[: end.start()] if end else line)
        if end is not None:
            break
        after_blank = False
    return "\n".join(kept), None


def _read_segment(
    block: str, letter: str | None, tokens: list[RefToken], cable_year: int | None
) -> list[Reference]:
    text = _segment_text(block, tokens)
    if not text:
        return []
    found = cables_in(tokens, cable_year)
    if not found:
        words = {token.text.upper().rstrip(".") for token in tokens if token.kind == "word"}
        return [Reference(letter, text, None, reference_kind(words))]
    if len(found) == 1:
        cable_id, _start, _end = found[0]
        return [Reference(letter, text, cable_id, "cable")]
    return [
        Reference(letter, _WHITESPACE.sub(" ", block[start:end]), cable_id, "cable")
        for cable_id, start, end in found
    ]


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
