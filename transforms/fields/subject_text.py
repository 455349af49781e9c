"""The text of a subject once its lines are found: where it stops inside a line, its mark.

``subject`` finds the label and the lines a subject runs over; this module cuts a line where
glued text starts (``REF:``, ``Classified By``, a banner, a page-break marker, a caveat), cleans
the joined text and splits off a leading classification mark. Every pattern is bounded and
anchored or searched once per line; nothing here raises.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# A leading classification mark: a level, then caveats (``(C)``, ``(S/NF)``, ``(U//FOUO)``,
# ``(S/REL UK)``, ``(SBU)``); ``(MTCR)`` or ``(NPT)`` open no mark. Lower case in lower-case
# cables (``(s) further scheming``, 08STATE15220).
MARK_RE = re.compile(
    r"^\(\s*(?P<mark>(?:TS|S|C|U|SBU|LOU|FOUO)"
    r"(?:\s?/{1,2}\s?[A-Z]{1,6}(?:,?\s[A-Z]{2,4}){0,4}){0,3})\s*\)\s*",
    re.IGNORECASE,
)
# A leading or trailing copy annotation, not part of the subject (06BERN1593, 09LONDON2124).
_CORRECTED_RE = re.compile(
    r"^\(\s*CORRECTED\s+COPY[^)]{0,40}\)\s*|\s*\(\s*CORRECTED\s+COPY[^)]{0,40}\)$"
)
# Where a subject stops inside a line: glued REF / Classified By / caveat / paragraph text,
# a spaced banner, a run of dashes. Most forms may not follow a letter or digit (``PREF:``
# stays); ``EGYPTREF: CAIRO 493`` and ``BAHRAINClassified By`` are glued after one. Every
# branch opens with a literal character and checks what precedes it with a lookbehind after
# that character, so the search only stops at the characters that can open a branch.
_NOT_AFTER_WORD = "(?<![A-Za-z0-9(]{0})"
CUT_RE = re.compile(
    "|".join(
        (
            r"R" + _NOT_AFTER_WORD.format("R")
            + r"(?:EF(?:S?\s*:|TELS?\s*:|ERENCES?\s*:|\s+[A-Z]\s*[.):]|S\s+[A-Z]\s*:)"
            r"|ef(?:\(s\)\s*:|s?\s*:|s?\s+[A-Z]\s*:))",
            r"R(?<=[A-Z0-9]R)EFS?:\s",
            r"R(?<=[a-z]R)efs?:\s",
            r"C" + _NOT_AFTER_WORD.format("C") + r"(?:lassi?fi?ed\s+[Bb]y|LASSIFIED\s+BY)\b",
            # glued to a word: the case turns (``BAHRAINClassified By``) or a number ends
            # (``510CLASSIFIED BY``); ``DECLASSIFIED BY`` is a word of its own
            r"C(?<=[A-Z0-9]C)lassi?fi?ed\s+[Bb]y\b",
            r"C(?<=[0-9]C)LASSIFIED\s+BY\b",
            r"c" + _NOT_AFTER_WORD.format("c") + r"lassified\s+by\b",  # a lower-case cable
            r"\(" + _NOT_AFTER_WORD.format("\\(") + r"U\)\s+Classified\s+By",
            r"U" + _NOT_AFTER_WORD.format("U") + r"\)?\s+Classified\s+By",
            r"D" + _NOT_AFTER_WORD.format("D") + r"(?:ERIVED\s+FROM|erived\s+[Ff]rom)\b",
            r"1" + _NOT_AFTER_WORD.format("1") + r"\s?\.\s?(?:Summary\b|SUMMARY\b|\([A-Z/]{1,6}\))",
            r"T" + _NOT_AFTER_WORD.format("T") + r"(?:his\s+message\s+has\s+been\s+approved"
            r"|(?i:his\s+is\s+an?\s+action\s+request))",
            r"t" + _NOT_AFTER_WORD.format("t") + r"(?i:his\s+is\s+an?\s+action\s+request)",
            r"\u00b6" + _NOT_AFTER_WORD.format("\u00b6") + r"\s?\d{1,2}(?!\d)",
            r"S(?i:ensi?tive\s+but\s+unclas)",
            r"s(?i:ensi?tive\s+but\s+unclas)",
            r"\((?<=\S\s\()(?:SBU|U|C|S|C/NF|S/NF)\)\s+[A-Z][a-z]",
            r"C O N F I D E N T I A L",
            r"S E C R E T",
            r"U N C L A S",
            r"S(?<=\sS)(?:ummary|UMMARY)\s{0,3}-{3,}",
            r"-(?:(?<= -)-{2,}|-{3,})",
        )
    )
)
# A page-break marker glued into a subject line: ``TRIPOLI 00000476 001.2 OF 002``.
PAGE_NUMBER_RE = re.compile(r"\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
_SPACES_RE = re.compile(r"\s+")
# The stamp an e-mail wrapper's Subject line (and so the title taken from it) opens with:
# station, number, precedence and classification letters, date (09TRIPOLI63).
_WRAPPER_STAMP_RE = re.compile(
    r"^[A-Z][A-Z .'-]{1,30} \d{8} [A-Z]{1,2} [A-Z]{2} \d{2}-[A-Z]{3}-\d{2} +"
)
# ``Subject: ...`` of the e-mail wrapper some copies carry before the routing header.
_WRAPPER_SUBJECT_RE = re.compile(r"^Subject: +(?P<text>\S.*)$")
_WRAPPER_LINES = 30
_BR_RE = re.compile(r"<\s?br\s?/?\s?>", re.IGNORECASE)
_REPEATED_LABEL_RE = re.compile(r"^\s*(?:SUBJECT|SUBJ|Subject)\s*:\s*")


def line_text(line: str) -> str:
    """A head line as text: ``<br>`` tags and a line-end backslash (HTML renderings) dropped."""
    if "<" in line:
        line = _BR_RE.sub(" ", line)
    stripped = line.rstrip()
    if stripped.endswith("\\"):
        return stripped[:-1]
    return line


def cut(text: str, station: Callable[[], str | None]) -> tuple[str, bool]:
    """``(text without glued page markers, up to where glued body text starts, stopped)``.

    ``stopped`` is True when glued text (``REF:``, ``Classified By``, a banner, a paragraph)
    ended the subject inside ``text``. A glued page-break marker (``TRIPOLI 00000476 001.2 OF
    002``) is removed with the banner's station (``station()``, asked only then) printed
    before it, or the last word when there is no station, and the text goes on after it.
    """
    page = PAGE_NUMBER_RE.search(text) if "OF" in text else None
    if page is not None:
        before = text[: page.start()].rstrip()
        name = station()
        if name and before.upper().endswith(name.upper()):
            before = before[: len(before) - len(name)]
        else:
            before = before.rpartition(" ")[0]
        text = f"{before} {text[page.end():]}"
    lead = MARK_RE.match(text.lstrip())
    skip = lead.end() + len(text) - len(text.lstrip()) if lead else 0
    match = CUT_RE.search(text, skip)
    if match is None:
        return text, False
    return text[: match.start()], True


def clean(text: str) -> str:
    """Joined subject lines as one clean string: spaces collapsed, entities decoded, the
    backslash of a wrapped line, a repeated label and a copy annotation removed."""
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\\ ", " ")
    text = _SPACES_RE.sub(" ", text).strip().rstrip("\\").strip()
    # SUBJECT: (C) SUBJECT: ... repeats the label after the mark.
    repeated = MARK_RE.match(text)
    rest = text[repeated.end():] if repeated else text
    again = _REPEATED_LABEL_RE.match(rest)
    if again is not None:
        mark = text[: repeated.end()] if repeated else ""
        text = (mark + rest[again.end():]).strip()
    if "ORRECTED" in text.upper():
        text = _CORRECTED_RE.sub("", text).strip()
    return text


def without_stamp(text: str) -> str:
    """``text`` without the e-mail wrapper's ``TRIPOLI 00000063 P CO 28-JAN-09`` stamp."""
    return _WRAPPER_STAMP_RE.sub("", text, count=1) if text[:1].isupper() else text


def wrapper_subject(header: str | None) -> str | None:
    """The ``Subject:`` of an e-mail wrapper before the routing lines, stamp removed, with
    its continuation lines (up to a blank line); None when the header has no wrapper."""
    if not header or "Subject: " not in header[:3000]:
        return None
    lines = header[:3000].split("\n", _WRAPPER_LINES)[:_WRAPPER_LINES]
    for index, line in enumerate(lines):
        match = _WRAPPER_SUBJECT_RE.match(line.rstrip())
        if match is None:
            continue
        parts = [match.group("text")]
        for following in lines[index + 1 : index + 4]:
            if not following.strip() or following.rstrip().endswith(":"):
                break
            parts.append(following)
        text = without_stamp(clean(" ".join(parts)))
        return text or None
    return None


def split_mark(text: str) -> tuple[str, str | None]:
    """``(text, mark)``: a leading classification mark split off, upper-cased."""
    match = MARK_RE.match(text)
    if match is None:
        return text, None
    rest = text[match.end():].strip()
    if not rest:
        return text, None
    mark = _SPACES_RE.sub(" ", match.group("mark")).replace(" /", "/").replace("/ ", "/")
    return rest, mark.upper()
