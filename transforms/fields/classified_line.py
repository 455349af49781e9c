"""One ``Classified By`` line made readable before its persons and reasons are read.

``readable_line`` takes the text after the label (at most 400 characters) and gives it back as
one line, with its folded twin: page-break lines and dump debris dropped, cut at the blank
line or numbered paragraph that ends it, words a line break or a stray space cut in two
joined again, whitespace collapsed, a repeated lead-in dropped. Never raises.
"""

from __future__ import annotations

import re

AUTHORITY = re.compile(r"\b1[ \t]?[.,][ \t]?([2-6])(?![0-9])")  # "1.4 (b)", "1.5a", "1,4"
# Lines a page break put into the line (00HARARE3759): a lone marking, a "PAGE 02" header.
_PAGE_LINE = re.compile(
    r"^[ \t]*(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*"
    r"|PAGE[ \t]+\d{2,3}\b[^\n]*)$",
    re.MULTILINE,
)
_MARKING_WORD = re.compile(r"\n[ \t]*(?:UNCLAS|CONFID|SECRET|LIMITED)")
_DEBRIS = re.compile(r"<br>|\\[ \t]*$", re.MULTILINE | re.IGNORECASE)  # dump line ends
_PARAGRAPH_LINE = re.compile(r"\n[ \t]*(?:¶|\d{1,2}\.[ \t(])")
# A paragraph glued onto the line: "¶1.", "... (d) 1. (C) Post shared" (08VILNIUS666).
_PILCROW_NUMBER = re.compile(
    r"¶[ \t]*\d|[1-9](?<![\d.][1-9])\.[ \t]?\((?:U|C|S|SBU|LOU|TS|[SC]//?NF|U//FOUO)\)"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WHITESPACE = re.compile(r"\s+")
_REASONS_LINE = re.compile(r"reasons?\b|1[ \t]?[.,][ \t]?[2-6]", re.IGNORECASE)
# Words repeating the lead-in: "Classified By: (U) Classified by DCM ..." (08ROME1541).
_LEAD_IN = re.compile(
    r"(?:\([A-Z/]{1,6}\)|\d\.|this[ \t]+message|classfied[ \t]+by:?|classified[ \t]+by:?|[:;,.])"
    r"[ \t]*",
    re.IGNORECASE,
)
# Words a line break or a stray space cut in two ("FO R REASONS", "Re asons", "a nd").
_BROKEN_WORDS = frozenset({"for", "reasons", "reason", "and", "section", "under", "affairs"})
# Whole words that open a continuation line in lower case and are no broken-off piece.
_LOWER_WORDS = frozenset(
    {"for", "and", "reasons", "reason", "per", "under", "of", "the", "on", "to", "in", "by",
     "with", "based", "upon", "due", "acting", "a.i.", "a.i", "ai", "as", "at", "because"}
)
# Each known word cut once by a space ("fo r", "Re asons", "a nd"), the left piece no word,
# searched in the folded line; the start of a word is checked in ``_join_broken_words``.
_SPLIT_WORD = re.compile(
    "|".join(
        f"{word[:cut]} {word[cut:]}"
        for word in sorted(_BROKEN_WORDS, key=len, reverse=True)
        for cut in range(1, len(word))
        if word[:cut] not in _BROKEN_WORDS
    ).encode()
    + rb"(?![a-z])"
)
_LINE_END_WORD = re.compile(r"([A-Za-z][A-Za-z'’]*)[ \t]*$")  # searched in a line's last 40
_LINE_START_WORD = re.compile(r"^[ \t]*([A-Za-z][A-Za-z.'’]*)")


def readable_line(span: str) -> tuple[str, bytes]:
    """``span`` as one readable line, and that line folded (``folded``)."""
    if "<" in span or "\\" in span:
        span = _DEBRIS.sub("", span)
    if "PAGE" in span or _MARKING_WORD.search(span):
        span = _PAGE_LINE.sub("", span)
    span = _first_paragraph(span)
    pilcrow = _PILCROW_NUMBER.search(span) if "¶" in span or "(" in span else None
    if pilcrow is not None:
        span = span[: pilcrow.start()]
    span = _WHITESPACE.sub(" ", _join_broken_lines(span)).strip()
    while lead := _LEAD_IN.match(span):
        if not lead.group():
            break
        span = span[lead.end() :]
    folded_span = folded(span)
    joined = _join_broken_words(span, folded_span)
    if joined is not span:
        span, folded_span = joined, folded(joined)
    return span, folded_span


def folded(text: str) -> bytes:
    """``text`` lower-cased, one byte a character (past U+00FF: ``?``): positions carry over,
    and a bytes pattern without IGNORECASE skips to its first letters quickly."""
    return text.encode("latin-1", "replace").lower()


def _first_paragraph(span: str) -> str:
    """Cut at the first blank line or numbered paragraph; "Reasons: 1.4 (B)(D)" after a blank
    line still counts (04BRASILIA991)."""
    opening = _PARAGRAPH_LINE.search(span)
    if opening is not None and span[: opening.start()].strip():
        span = span[: opening.start()]
    blank = _BLANK_LINE.search(span)
    if blank is None or not span[: blank.start()].strip():
        return span
    first = span[: blank.start()]
    following = span[blank.end() :].lstrip()
    if AUTHORITY.search(first) is None and _REASONS_LINE.match(following):
        second = _BLANK_LINE.search(following)
        return f"{first} {following[: second.start()] if second else following}"
    return first


def _join_broken_lines(span: str) -> str:
    """Join a word a line break cut in two: ``Hoyt Y`` / ``ee`` (a lower-case piece in a
    capitalised line), ``AFFAIR`` / ``S``, ``REA`` / ``SONS`` (the two make a known word)."""
    if "\n" not in span:
        return span
    lines = span.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        tail = max(0, len(out[-1]) - 40)
        left = _LINE_END_WORD.search(out[-1], tail)
        right = _LINE_START_WORD.match(line)
        if left and right and _broken(left[1], right[1]):
            out[-1] = out[-1][: left.end(1)] + line.lstrip(" \t")
        else:
            out.append(line)
    return "\n".join(out)


def _broken(left: str, right: str) -> bool:
    if (left + right.rstrip(".")).lower() in _BROKEN_WORDS:
        return left.lower() not in _BROKEN_WORDS
    piece = right.lower().rstrip(".,;:")
    return right[0].islower() and left[0].isupper() and piece not in _LOWER_WORDS


def _join_broken_words(span: str, folded: bytes) -> str:
    """Join two words a stray space cut apart when together they make a known word."""
    pieces: list[str] = []
    done = 0
    for match in _SPLIT_WORD.finditer(folded):
        start = match.start()
        if start and folded[start - 1 : start] not in (b" ", b"("):
            continue  # inside a word
        space = folded.index(b" ", start)
        pieces.append(span[done:space])
        done = space + 1
    return "".join(pieces) + span[done:] if pieces else span
