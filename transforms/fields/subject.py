"""The SUBJECT line of a cable body.

``parse_subject`` reads the ``SUBJECT:`` label in the head of the body (before the first
numbered paragraph) and falls back to the title metadata line. Nothing here raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.fields.markings import parse_banner

_HEAD_LINES = 80  # the subject sits in the head of the body, before the first paragraph
_MAX_LINE = 2000  # a glued head can put TAGS, SUBJECT, REF and Classified By on one line
_MAX_CONTINUATION = 6  # subjects run to at most a few lines

# The label opens a line (after blanks or a stray mark such as ``(C)``) or follows the TAGS
# text on the same line. Upper-case forms may omit the colon; ``Subject`` needs one.
_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s:,)]))(?:(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.;]?|(?:Subject|subject)\s*:)\s*"
)
_LINE_START_LABEL_RE = re.compile(
    r"^\s*(?:\(\w{1,4}(?:/{1,2}\w{1,4})?\)\s*)?(?:(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.;]?|Subject\s*:)"
)
_TAGS_OR_EO_RE = re.compile(r"\b(?:TAGS?|Tags|tags|E\.\s?O\.|12958|DECL)\b")
# A leading classification mark such as (C), (S/NF), (SBU), (U//FOUO).
_MARK_RE = re.compile(r"^\(\s*(?P<mark>[A-Z]{1,4}(?:\s?/{1,2}\s?[A-Z]{1,6}){0,2})\s*\)\s*")
# Where a subject stops inside a line: glued REF / Classified By / paragraph text.
_CUT_RE = re.compile(
    r"(?<![A-Za-z0-9(])(?:REFS?\s*:|REFTEL\s*:|REFERENCES?\s*:|Ref\(s\)\s*:|Refs?\s*:|REF\s+[A-Z]\s*[.)]"
    r"|\(?U\)?\s+Classified\s+By|Classified\s+By\b|CLASSIFIED\s+BY\b|Classified\s+by\b"
    r"|(?i:sensitive\s+but\s+unclassified)|\d{1,2}\s?\.\s?(?:Summary|SUMMARY)\b"
    r"|(?<=\S\s)\((?:SBU|U|C|S|C/NF|S/NF)\)\s+[A-Z][a-z]"
    r"|Refs?\s+[A-Z]\s*:|REFS?\s+[A-Z]\s*:"
    r"|This\s+message\s+has\s+been\s+approved|\u00b6\s?\d|1\s?\.\s?\([A-Z/]{1,6}\))"
)
# A page-break marker glued into the subject line: ``TRIPOLI 00000476 001.2 OF 002``.
_PAGE_NUMBER_RE = re.compile(r"\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}")
# Lines that end a subject: labels, paragraphs, classification lines, section dividers.
_STOP_LINE_RE = re.compile(
    r"^\s*(?:REFS?\b|REFTEL\b|REFERENCES?\b|Ref\(s\)|Refs?\s*:|Reference\b"
    r"|\(\w{1,4}\)\s+Classified|Classified\s+[Bb]y|CLASSIFIED\s+BY|CLASSIFIED\s+By"
    r"|\u00b6|\d{1,2}\s?[.)]\s|\d{1,2}\s?\.\s?\(|[A-Z]\.\s|[A-Z]\)\s?\w"
    r"|Sensitive\s+[Bb]ut|SENSITIVE\s+BUT|SUMMARY\b|Summary\b|E\.\s?O\.|TAGS\b|SIPDIS\b"
    r"|NOFORN\b|-{3,}|\(U\)|\(C\)|\(S\)|\(SBU\)"
    r"|\d{1,2}:\d{2}\b|UNCLAS\b|C O N F|S E C R E T)"
)
# Page-break lines of multi-page cables: ``BAGHDAD 00000293 001.2 OF 002`` / ``PAGE 02 ...``.
_PAGE_BREAK_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{1,30}\s\d{6,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}|PAGE\s+\d{2,3}\b)"
)
# Text that never continues a subject across a blank line: page numbers, head labels.
_NOT_SUBJECT_RE = re.compile(
    r"\d{5,}|\bOF\s+\d{2,3}\b|Classi?fi?ed\s+By|(?i:this\s+record)|E\.O\.|TAGS|SIPDIS"
)
_CORRECTED_RE = re.compile(r"\(?\s*CORRECTED\s+COPY\s*\)?", re.IGNORECASE)
_PARAGRAPH_RE = re.compile(r"^\s*(?:\u00b6\s?\d{1,2}|\d{1,2}\s?\.\s+\(|\d{1,2}\s?\.\s?\([A-Z])")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Subject:
    """A cable's subject and the classification mark that opened it."""

    text: str | None  # the subject, lines joined with single spaces, mark stripped
    mark: str | None  # a leading classification mark such as "C", "C/NF", "SBU", "S"


def parse_subject(body: str, title: str | None) -> Subject:
    """Return the cable subject from the head of ``body``, else from ``title``.

    Rules: the label is ``SUBJECT:``, ``SUBJ:``, ``UBJECT:``, ``SUBJECT`` without a colon or
    ``Subject:``, at the start of a line (after an optional ``(C)``) or glued after the TAGS /
    E.O. text of the same line; only the head of the body (before the first numbered
    paragraph) is searched. The subject runs over continuation lines until a blank line,
    a label (REF, Classified By, E.O., TAGS), a numbered paragraph or a caveat line; page-break
    lines (``BAGHDAD 00000293 001.2 OF 002``, ``PAGE 02``) inside it are dropped. Text glued
    after it on the same line (``REF:``, ``Classified By``, ``¶1.``) is cut off. A repeated
    label (``SUBJECT: (C) SUBJECT:``) is skipped. A leading mark such as ``(C/NF)`` goes to
    ``mark``; trailing parenthesised acronyms such as ``(MTCR)`` stay. Whitespace collapses
    to single spaces. With no label the title is used, minus a ``(CORRECTED COPY)`` suffix;
    both missing gives ``Subject(None, None)``.
    """
    try:
        found = _subject_from_body(body) if body else None
    except (TypeError, ValueError):
        found = None
    if found is not None:
        return found
    return _subject_from_title(title)


def _subject_from_title(title: str | None) -> Subject:
    if not title or not isinstance(title, str):
        return Subject(None, None)
    text = _SPACES_RE.sub(" ", _CORRECTED_RE.sub(" ", title)).strip()
    return _split_mark(text) if text else Subject(None, None)


def _find_label(line: str) -> int | None:
    """Offset just after the subject label on ``line``, or None when the line has none."""
    if "UBJ" not in line and "ubject" not in line:
        return None  # every label form holds one of the two: no regex for most lines
    start = _LINE_START_LABEL_RE.match(line)
    if start is not None:
        return start.end()
    for match in _LABEL_RE.finditer(line):
        before = line[: match.start()]
        # A label inside the line counts only after TAGS / E.O. text (glued head lines).
        if _TAGS_OR_EO_RE.search(before):
            return match.end()
    return None


def _subject_from_body(body: str) -> Subject | None:
    lines = body[: _HEAD_LINES * 200].split("\n", _HEAD_LINES)[:_HEAD_LINES]
    for index, raw in enumerate(lines):
        line = raw[:_MAX_LINE]
        if _PARAGRAPH_RE.match(line):
            return None
        offset = _find_label(line)
        if offset is None:
            continue
        banner = _BannerStation(body)
        parts = [line[offset:]]
        cut = _cut(parts[0], banner)
        if cut is None:
            following = lines[index + 1 : index + 1 + _MAX_CONTINUATION * 2]
            if not parts[0].strip():
                # ``SUBJECT:`` alone on its line, the text after a blank line or two.
                while following[:1] and not following[0].strip() and len(following) > 1:
                    following = following[1:]
            parts.extend(_continuation(following, banner, parts[0]))
        else:
            parts[0] = cut
        text = _clean(" ".join(parts))
        if text:
            return _split_mark(text)
        return None
    return None


class _BannerStation:
    """The station of the body's banner, read only when a glued page break needs it."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.parsed = False
        self.value: str | None = None

    def station(self) -> str | None:
        if not self.parsed:
            self.value, self.parsed = parse_banner(self.body).station, True
        return self.value


def _bridges_blank(lines: list[str], index: int, parts: list[str]) -> bool:
    """True when a lone blank line splits the subject (``...MARCH 24, 2009`` / blank / rest).

    The line after the blank continues the subject when it is short, is no label or
    paragraph, is followed by a blank or a label, and matches the case of the subject so far.
    """
    if index + 1 >= len(lines) or not "".join(parts).strip():
        return False
    nxt = lines[index + 1][:_MAX_LINE]
    after = lines[index + 2][:_MAX_LINE] if index + 2 < len(lines) else ""
    if not nxt.strip() or len(nxt.strip()) > 120 or _STOP_LINE_RE.match(nxt):
        return False
    if _PAGE_BREAK_RE.match(nxt) or nxt.rstrip().endswith(":") or _NOT_SUBJECT_RE.search(nxt):
        return False
    if after.strip() and not _STOP_LINE_RE.match(after):
        return False
    so_far = " ".join(parts)
    return so_far.isupper() == nxt.isupper() and so_far.rstrip()[-1:] not in ".!?"


def _continuation(lines: list[str], banner: _BannerStation, first: str) -> list[str]:
    parts: list[str] = []
    bridged = False
    for index, raw in enumerate(lines):
        line = raw[:_MAX_LINE]
        if not line.strip() and not bridged and _bridges_blank(lines, index, [first, *parts]):
            bridged = True
            continue
        if not line.strip() or _STOP_LINE_RE.match(line):
            break
        if _PAGE_BREAK_RE.match(line):
            continue
        cut = _cut(line, banner)
        if cut is not None:
            parts.append(cut)
            break
        parts.append(line)
        if len(parts) >= _MAX_CONTINUATION:
            break
    return parts


def _cut(text: str, banner: _BannerStation) -> str | None:
    """``text`` up to a glued REF / Classified By / paragraph / page break, else None.

    A glued page break repeats the banner's station before the page number; the station is
    removed with it (the last word when the banner gave none).
    """
    ends = []
    lead = _MARK_RE.match(text.lstrip())
    skip = lead.end() + len(text) - len(text.lstrip()) if lead else 0
    match = _CUT_RE.search(text, skip)
    if match is not None:
        ends.append(match.start())
    page = _PAGE_NUMBER_RE.search(text)
    if page is not None:
        before = text[: page.start()].rstrip()
        station = banner.station()
        if station and before.upper().endswith(station.upper()):
            before = before[: len(before) - len(station)]
        else:
            before = before.rpartition(" ")[0]
        ends.append(len(before))
    return text[: min(ends)] if ends else None


def _clean(text: str) -> str:
    # A trailing backslash marks a wrapped line in some renderings of the release.
    text = text.replace("\\ ", " ")
    text = _SPACES_RE.sub(" ", text).strip().rstrip("\\").strip()
    # SUBJECT: (C) SUBJECT: ... repeats the label after the mark.
    repeated = _MARK_RE.match(text)
    rest = text[repeated.end():] if repeated else text
    again = _LINE_START_LABEL_RE.match(rest)
    if again is not None:
        mark = text[: repeated.end()] if repeated else ""
        text = (mark + rest[again.end():]).strip()
    return text


def _split_mark(text: str) -> Subject:
    match = _MARK_RE.match(text)
    if match is None:
        return Subject(text, None)
    rest = text[match.end():].strip()
    if not rest:
        return Subject(text, None)
    mark = match.group("mark").replace(" ", "")
    return Subject(rest, mark)
