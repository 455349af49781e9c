"""The ``Classified By`` line of a cable body: who classified it, for which reasons.

``Classified By: Ambassador Anne W. Patterson, for reasons 1.4 (b)(d)`` ->
``ClassifiedBy(["Anne W. Patterson"], ["b", "d"], "1.4")``. Only the line in the head of the
body counts (before paragraph 2, within the first 15,000 characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.fields.hints import search_near_word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HEAD_CHARS = 15_000
_SPAN_CHARS = 400
# Paragraph 2: "¶ 2" or a line opening "2. ". Two patterns, not one alternation: each opens
# with a literal the regex engine skips to, so the head is not tried at every character.
_PILCROW_TWO = re.compile(r"¶[ \t]*2\b")
_LINE_TWO = re.compile(r"\n[ \t]*2[ \t]?\.[ \t]")
# Searched with ``search_near_word``: every match opens with "cla".
_CLASSIFIED_BY = re.compile(r"(?<![A-Za-z])classifi?ed[ \t]+by\b[ \t]*:?", re.IGNORECASE)
# Words that repeat the lead-in: "Classified By: (U) Classified by DCM ..." (08ROME1541).
_LEAD_IN = re.compile(
    r"(?:\([A-Z/]{1,6}\)|\d\.|this[ \t]+message|classfied[ \t]+by:?|classified[ \t]+by:?|[:;,.])"
    r"[ \t]*",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Where the person ends and the reasons begin.
_REASONS_START = re.compile(
    r"\b(?:for|per)[ \t]+(?:the[ \t]+)?re[ \t]?a|\brea[ \t]?sons?\b|\breaons\b|\bREA[ \t]?\n"
    r"|\bE\.?[ \t]?O\.?[ \t]?12958|\b1[ \t]?[.,][ \t]?[2-6](?![0-9])|\bfor[ \t]+1\.|;|\(\w\)",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(r"\b1[ \t]?[.,][ \t]?([2-6])(?![0-9])")  # "1.4 (b)", "1.5a", "1,4"
_REASONS_LINE = re.compile(r"reasons?\b|1[ \t]?[.,][ \t]?[2-6]", re.IGNORECASE)
_REASON_LETTER = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_REASON_STOP = re.compile(r"[A-Za-z]{3,}")
_NOT_A_REASON = _words("and reason reasons for per")
_PERSON_SEPARATOR = re.compile(r"[ \t]+(?:and|&)[ \t]+", re.IGNORECASE)
_PIECE_SEPARATOR = re.compile(r"[,:]|[ \t]-[ \t]")
_WHITESPACE = re.compile(r"\s+")

# Titles, offices and posts that precede or follow a name (compared lower-case, dots dropped).
_TITLE_WORDS = _words(
    """
    amb ambassador ambassaor d'affaire affaire ambassador-at-large charge chargé charg
    d'affaires d'affairs
    d'afairs de'affairs affaires affairs affiars a.i ai (ai) dcm cda pdas das a/s acting
    deputy chief of mission political economic econ pol polcouns polchief poloff econoff
    econcouns ecmin polmin polmil pol-mil counselor counsellor counselour counsel0r couns
    coun min minister minister-counselor mc mcounselor consul consulate general principal
    officer director dir assistant secretary under section head team leader coordinator
    representative represenative permanent special envoy adviser advisor attache attaché
    member unit defense military legal labor regional senior public diplomacy affairs
    the for to u.s us usun useu usnato usoa usosce unvie ait prt isn io nea eur wha eap
    sca af drl inl pm mgmt rso lt ltc col cdr capt gen adm maj officer-in-charge interagency
    provincial governance sub-national post embassy mission department state office in
    management program program/ rule law intern chief-of-mission assistant-secretary
    ambassador-designate designate ecpo e/p p/e dep dpo po cg spokesman internal external
    commercial agricultural consular trade finance financial science environment
    """
)
_INITIAL = re.compile(r"[A-Z]\.")
_NAME_SUFFIXES = _words("jr jr. sr sr. ii iii iv")
_NAME_PARTICLES = _words("van von der den de da del della la le al el bin ibn du dos")


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    """Who classified a cable and under which reasons of the executive order."""

    names: list[str] = field(default_factory=list)  # ["Anne W. Patterson"]; a title when no name
    reasons: list[str] = field(default_factory=list)  # ["b", "d"], lower-case
    authority: str | None = None  # "1.4" / "1.5" as printed ("1,4" -> "1.4")


def parse_classified_by(body: str) -> ClassifiedBy:
    """Return the classifying persons, reason letters and authority of ``body``.

    Rules: the first ``Classified By`` (any case, colon optional) before paragraph 2 is read
    up to the next blank line (400 chars at most), lines joined. The text before the reasons
    (``for reasons``, ``Reason:``, ``1.4``, ``E.O. 12958``, ``;``) names the persons: split at
    ``and``/``&`` when each side holds a full name, each part split at commas; titles
    (``Ambassador``, ``Pol Chief``, ``A/DCM``, ``Charge d'Affaires`` ...) are dropped, and a
    title stays only when no name is left. ``authority`` is the first ``1.N`` (``1,4`` ->
    ``1.4``), ``reasons`` the single letters a-h after it (``(b)(d)``, ``B AND D``, ``b, d``).
    """
    if not isinstance(body, str):
        return ClassifiedBy()
    head = body[:_HEAD_CHARS]
    paragraph_two = _paragraph_two(head)
    if paragraph_two is not None:
        head = head[:paragraph_two]
    match = search_near_word(_CLASSIFIED_BY, head, b"cla")
    if match is None:
        return ClassifiedBy()
    span = head[match.end() : match.end() + _SPAN_CHARS]
    span = _first_paragraph(span)
    span = _WHITESPACE.sub(" ", span).strip()
    while lead := _LEAD_IN.match(span):
        if not lead.group():
            break
        span = span[lead.end() :]
    reasons_at = _REASONS_START.search(span)
    person_text = span[: reasons_at.start()] if reasons_at else span
    reason_text = span[reasons_at.start() :] if reasons_at else ""
    authority, letters = _reasons(reason_text)
    return ClassifiedBy(_names(person_text), letters, authority)


def _paragraph_two(head: str) -> int | None:
    """Where paragraph 2 starts in ``head`` (the earlier of the two forms), or None."""
    line = _LINE_TWO.search(head)
    pilcrow = _PILCROW_TWO.search(head) if "¶" in head else None
    if pilcrow is not None and (line is None or pilcrow.start() < line.start()):
        return pilcrow.start()
    return line.start() if line is not None else None


def _first_paragraph(span: str) -> str:
    """Cut at the first blank line; "Reasons: 1.4 (B)(D)" after it still counts (04BRASILIA991)."""
    blank = _BLANK_LINE.search(span)
    if blank is None or not span[: blank.start()].strip():
        return span
    first = span[: blank.start()]
    following = span[blank.end() :].lstrip()
    if _AUTHORITY.search(first) is None and _REASONS_LINE.match(following):
        second = _BLANK_LINE.search(following)
        return f"{first} {following[: second.start()] if second else following}"
    return first


def _reasons(text: str) -> tuple[str | None, list[str]]:
    match = _AUTHORITY.search(text)
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


def _names(text: str) -> list[str]:
    text = text.strip(" .,;:-")
    if not text:
        return []
    parts = _PERSON_SEPARATOR.split(text)
    if len(parts) > 1:
        names = [_name_of(part) for part in parts]
        if all(name and len(name.split()) >= 2 for name in names):
            return [name for name in names if name]
    name = _name_of(text)
    return [name] if name else [text]


def _name_of(text: str) -> str | None:
    """Return the person named in ``text`` without titles, or None when only titles remain."""
    pieces = [piece.strip() for piece in _PIECE_SEPARATOR.split(text)]
    mixed_case = any(
        any(char.islower() for char in token)
        for token in text.split()
        if _bare(token) not in _TITLE_WORDS and _bare(token) not in _NAME_PARTICLES
    )
    for index, piece in enumerate(pieces):
        name = _name_in_piece(piece, mixed_case)
        if name is None:
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if following.lower() in _NAME_SUFFIXES:  # "THOMAS W. SIMONS, JR., AMBASSADOR"
            return f"{name}, {following}"
        given = _name_in_piece(following, mixed_case) if " " not in name else None
        if given is not None and given == following:  # "Weitzenkorn, Laurie, A/DCM"
            return f"{given} {name}"
        return name
    return None


def _name_in_piece(piece: str, mixed_case: bool) -> str | None:
    """The trailing run of words in ``piece`` that are no title: the name follows the title."""
    tokens = piece.split()
    kept: list[str] = []
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        after_initial = not kept and position > 0 and _INITIAL.fullmatch(tokens[position - 1])
        if _is_title(token, mixed_case) and not after_initial:  # "CDA Damian R. Leader"
            break
        kept.append(token)
    if not kept:
        return None
    name = " ".join(reversed(kept)).strip(" .,;:-")
    return name or None


def _bare(token: str) -> str:
    return token.lower().replace("’", "'").strip(".,;:()'")


def _is_title(token: str, mixed_case: bool) -> bool:
    bare = _bare(token)
    if "/" in token or bare in _TITLE_WORDS or not bare:
        return True
    if mixed_case and token.isupper() and len(token.strip(".")) >= 2 and token.isalpha():
        return True  # "USEU", "AIT", "PRT", "ISN" in a mixed-case line
    return mixed_case and token[0].islower() and bare not in _NAME_PARTICLES
