"""The ``Classified By`` line of a cable body: who classified it, for which reasons.

``Classified By: Ambassador Anne W. Patterson, for reasons 1.4 (b)(d)`` ->
``ClassifiedBy(["Anne W. Patterson"], ["b", "d"], "1.4")``. Only the line in the head of the
body counts (before paragraph 2, within the first 15,000 characters). The line is made
readable by ``transforms.fields.classified_line``, its persons are read by
``transforms.fields.classifier_names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.fields.classified_line import AUTHORITY, readable_line
from transforms.fields.classifier_names import names_of
from transforms.fields.hints import search_near_word

_HEAD_CHARS = 15_000
_SPAN_CHARS = 400
# Paragraph 2: "¶ 2" or a line opening "2. ". Two patterns, not one alternation: each opens
# with a literal the regex engine skips to, so the head is not tried at every character.
_PILCROW_TWO = re.compile(r"¶[ \t]*2\b")
_LINE_TWO = re.compile(r"\n[ \t]*2[ \t]?\.[ \t]")
# Searched with ``search_near_word``: every match opens with "cla".
# "BAHRAINClassified By:" (08MANAMA496) is glued to the subject before it, "Classified
# ByMinister" to the title after it; "CLASSIFIED" / blank line / "BY:" spans lines.
_CLASSIFIED_BY = re.compile(
    r"(?:(?<![A-Za-z])|(?<=[A-Z])(?=(?-i:Classified)))classifi?ed(?:[ \t]*\n){0,3}[ \t]*"
    r"by(?:\b|(?=(?-i:[A-Z])))[ \t]*:?",
    re.IGNORECASE,
)
# Paragraph 2 may open with the line itself: "¶2. (U) Classified by ..." (08STATE103511).
_OPENS_PARAGRAPH_TWO = re.compile(
    r"\n?[ \t]*(?:¶[ \t]*)?2[ \t]?\.?[ \t]*(?:\([A-Z/]{1,6}\)[ \t]*)?classifi?ed\s{1,8}by",
    re.IGNORECASE,
)
# A later "Classified By" counts only where it opens a line ("1. (U) Classified by ...").
_LINE_OPENING = re.compile(r"[ \t]*(?:\d{1,2}\.[ \t]*)?(?:\([A-Z/]{1,6}\)[ \t]*)?")
# "CLASSIFIED BY LINE ADDED": a corrected copy's note, not the line itself (00TELAVIV4462).
_NOTE = re.compile(r"[ \t\"']*line\b", re.IGNORECASE)
# Where the person ends and the reasons begin, searched in the folded line
# (``classified_line.readable_line``). Each branch opens with a literal so the engine skips
# to it; a branch opening with a letter counts only at the start of a word
# (``_reasons_start``).
_REASONS_START = re.compile(
    rb"f(?:or (?:the )?re ?a|or 1\.)"
    rb"|p(?:er (?:the )?re ?a|er (?:sections?\b|sec\b|para|e\.? ?o|\d))"
    rb"|b(?:y (?:the )?re ?a|ased (?:on|upon|0n)\b)"
    rb"|r(?:ea ?sons?|easns?|ea[o0]ns?|(?:ea|e|a)s[o0]ns?)\b|e\.? ?o\.? ?1\d{4}"
    rb"|1(?:[23]\d{3}\b| ?[.,] ?[2-6](?![0-9]))|under (?:sections?\b|sec\b|para|e\.? ?o|\d)"
    rb"|sections? \d|d(?:ue to|erived from)\b|;|\(\w\)|\.\.\."
)
# Transmission garbage ends the line where the token holding it starts (09HAVANA665).
_GARBLED = re.compile(rb"[#$@{}=~^|<>`]|[1-9](?<=[a-z][1-9])(?=[a-z])")  # in the folded line
_REASON_LETTER = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_REASON_STOP = re.compile(r"[A-Za-z]{3,}|\d\. ?\(")  # a word, or "1. (C)" glued after
_NOT_A_REASON = frozenset({"and", "reason", "reasons", "for", "per"})
_CUT_WORD = re.compile(r"\S+$")  # the word "..." cut short


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    """Who classified a cable and under which reasons of the executive order."""

    names: list[str] = field(default_factory=list)  # ["Anne W. Patterson"]; a title when no name
    reasons: list[str] = field(default_factory=list)  # ["b", "d"], lower-case
    authority: str | None = None  # "1.4" / "1.5" as printed ("1,4" -> "1.4")


def parse_classified_by(body: str) -> ClassifiedBy:
    """Return the classifying persons, reason letters and authority of ``body``.

    Rules: the first ``Classified By`` (any case, colon optional) before paragraph 2 is read
    up to the next blank line or numbered paragraph (400 chars at most; a ``Reasons:`` line
    after the blank line still counts), page-break lines and dump debris (``<br>``, ``\\``)
    dropped, words a line break or a stray space cut in two joined again (``FO R``, ``Hoyt
    Y`` / ``ee``), lines joined. The text before the reasons (``for reasons``, ``Reason:``,
    ``per 1.4``, ``under Section``, ``1.4``, ``E.O. 12958``, ``based on``, ``;``) names the
    persons (``classifier_names.names_of``). ``authority`` is the first ``1.N`` (``1,4`` ->
    ``1.4``), ``reasons`` the single letters a-h after it (``(b)(d)``, ``B AND D``, ``b, d``).
    A line cut short (``...``), or one naming nobody, gives way to a later ``Classified By``
    opening a line (the full copy after a truncated one, the line after a reference list).
    """
    if not isinstance(body, str):
        return ClassifiedBy()
    head = body[:_HEAD_CHARS]
    # The head ends at paragraph 2 (or after the line opening it). It is looked for only as
    # far as a line is read: most cables have their line long before it.
    end = len(head)
    scanned = 0
    fallback: ClassifiedBy | None = None
    truncated = False
    position = 0
    while True:
        match = search_near_word(_CLASSIFIED_BY, head, b"cla", pos=position, endpos=end)
        if match is None:
            return fallback or ClassifiedBy()
        position = match.end()
        if scanned < end:
            stop = min(end, match.end() + _SPAN_CHARS)
            start = max(0, scanned - 8)  # the newline before a "2." may precede the mark
            paragraph_two = _paragraph_two(head[start:stop])
            scanned = stop
            if paragraph_two is not None:
                opening = _OPENS_PARAGRAPH_TWO.match(head, start + paragraph_two)
                end = opening.end() + _SPAN_CHARS if opening else start + paragraph_two
                scanned = end
                if match.start() >= end:
                    return fallback or ClassifiedBy()
        if fallback is not None and not truncated and not _opens_line(head, match.start()):
            continue  # prose; only a truncated line's full copy may stand anywhere
        span = head[match.end() : min(match.end() + _SPAN_CHARS, end)]
        if _NOTE.match(span):
            continue
        result, complete = _read(span)
        if result.names and complete:
            return result
        truncated = truncated or not complete
        if fallback is None or (result.names and not fallback.names):
            fallback = result


def _opens_line(head: str, start: int) -> bool:
    line_start = head.rfind("\n", 0, start) + 1
    return _LINE_OPENING.fullmatch(head, line_start, start) is not None


def _read(span: str) -> tuple[ClassifiedBy, bool]:
    """The line's persons and reasons, and whether the line is whole (not cut at ``...``)."""
    span, folded = readable_line(span)
    cut = _reasons_start(folded)
    garbled = _GARBLED.search(folded)
    if garbled is not None and garbled.start() < cut:
        cut = span.rfind(" ", 0, garbled.start()) + 1  # where the garbled word starts
    person_text, reason_text = span[:cut], span[cut:]
    dots = span.find("...")
    if 0 <= dots <= cut:
        person_text = span[:dots]
        if person_text[-1:].isalnum():
            person_text = _CUT_WORD.sub("", person_text)  # "Ambassador Hea..." loses "Hea"
    names = names_of(person_text, keep_titles=not 0 <= dots <= cut)  # cut: titles a fragment
    authority, letters = _reasons(reason_text)
    return ClassifiedBy(names, letters, authority), dots < 0


def _reasons_start(folded: bytes) -> int:
    """Where the reasons start in the folded line (its length when nowhere)."""
    position = 0
    while (match := _REASONS_START.search(folded, position)) is not None:
        start = match.start()
        if start == 0 or not (folded[start : start + 1].isalnum()
                              and folded[start - 1 : start].isalnum()):
            return start  # "1.4", "for reasons"; not the "for" of "therefor"
        position = start + 1
    return len(folded)


def _paragraph_two(head: str) -> int | None:
    """Where paragraph 2 starts in ``head`` (the earlier of the two forms), or None."""
    line = _LINE_TWO.search(head)
    pilcrow = _PILCROW_TWO.search(head) if "¶" in head else None
    if pilcrow is not None and (line is None or pilcrow.start() < line.start()):
        return pilcrow.start()
    return line.start() if line is not None else None


def _reasons(text: str) -> tuple[str | None, list[str]]:
    match = AUTHORITY.search(text)
    authority = f"1.{match[1]}" if match else None
    rest = text[match.end() : match.end() + 80] if match else text[:80]
    stop = next(
        (m for m in _REASON_STOP.finditer(rest) if m.group().lower() not in _NOT_A_REASON), None
    )
    if stop is not None:
        rest = rest[: stop.start()]
    letters: list[str] = []
    for letter in _REASON_LETTER.findall(rest):
        if letter.lower() not in letters:
            letters.append(letter.lower())
    return authority, letters
