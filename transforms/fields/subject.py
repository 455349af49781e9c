"""The SUBJECT line of a cable body.

``parse_subject`` reads the ``SUBJECT:`` label in the head of the body (before the first
numbered paragraph) and falls back to the title metadata line. Where the subject stops inside
a line and how its text is cleaned is ``subject_text``'s. Nothing here raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.fields.markings import parse_banner
from transforms.fields.subject_text import (
    clean,
    cut,
    line_text,
    split_mark,
    without_stamp,
    wrapper_subject,
)

_HEAD_LINES = 80  # the subject sits in the head of the body, before the first paragraph
_HEAD_CHARS = _HEAD_LINES * 200
_MAX_LINE = 2000  # a glued head can put TAGS, SUBJECT, REF and Classified By on one line
_MAX_CONTINUATION = 6  # subjects run to at most a few lines
_WINDOW_LINES = 1 + _MAX_CONTINUATION * 2  # the label line and the lines it may run over
_MAX_PREFIX = 40  # a label inside a line: after TAGS / E.O. text, or a wrapped tag or two

# The label opens a line (after blanks or a stray mark such as ``(C)``) or follows the TAGS
# text on the same line. Upper-case forms may omit the colon; ``Subject`` needs one.
_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s:,)]))(?:(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.;]?|(?:Subject|subject)\s*:)\s*"
)
_LINE_START_LABEL_RE = re.compile(
    r"^\s*(?:\(\w{1,4}(?:/{1,2}\w{1,4})?\)\s*)?(?:(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.;]?|Subject\s*:)"
)
_TAGS_OR_EO_RE = re.compile(r"\b(?:TAGS?|Tags|tags|E\.\s?O\.|12958|DECL)\b")
# Upper-case words before a ``SUBJECT:`` label inside a line: the wrapped end of the TAGS
# line (``TIP SUBJECT: BRAZIL'S ...``, 05BRASILIA2692).
_CAPS_PREFIX_RE = re.compile(r"^[A-Z][A-Z ,]{0,39}$")
# Lines that end a subject: labels, paragraphs, classification lines, section dividers, a
# lettered reference list under a damaged label (``Q: A) TRIPOLI 199``, 08TRIPOLI402).
_STOP_LINE_RE = re.compile(
    r"^\s*(?:REFS?\b|REFTEL\b|REFERENCES?\b|Ref\(s\)|Refs?\b|Reference\b|[A-Z]{1,4}:\s{0,3}\(?[A-Z][.)]\s"
    r"|\(\w{1,4}\)\s+Classified|Classi?fi?ed\s+[Bb]y|CLASSIFIED\s+BY|CLASSIFIED\s+By|DERIVED\s+FROM"
    r"|\u00b6(?!\s?\d{3})|\d{1,2}\s?[.)]\s|\d{1,2}\s?\.\s?\(|[A-Z]\.\s|[A-Z]\)\s?\w"
    r"|Sensitive\s+[Bb]ut|SENSI?TIVE\s+BUT|SUMMARY\b|Summary\b|E\.\s?O\.\s{0,3}(?:1\d{4})?\s{0,3}:"
    r"|TAGS\b|SIPDIS\b|NOFORN\b|-{3,}|\(U\)|\(C\)|\(S\)|\(SBU\)|(?i:this\s+is\s+an?\s+action)"
    r"|\d{1,2}:\d{2}\b|UNCLAS\b|C O N F|S E C R E T)"
)
# Page-break lines of multi-page cables: ``BAGHDAD 00000293 001.2 OF 002`` / ``PAGE 02 ...``;
# a page foot's classification alone on its line is part of the same frame.
_PAGE_BREAK_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{1,30}\s\d{6,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}|PAGE\s+\d{2,3}\b"
    r"|(?:CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|UNCLASSIFIED)\s*$)"
)
# Text that never continues a subject across a blank line: page numbers, head labels.
_NOT_SUBJECT_RE = re.compile(
    r"\d{5,}|\bOF\s+\d{2,3}\b|Classi?fi?ed\s+By|(?i:this\s+record)|E\.O\.|TAGS|SIPDIS"
)
_DASH_LINE_RE = re.compile(r"^\s*-{3,}")
_BYLINE_RE = re.compile(r"^\s*(?:BY|By|FROM|From)\b")
_CORRECTED_RE = re.compile(r"\(?\s*CORRECTED\s+COPY\s*\)?", re.IGNORECASE)
_PARAGRAPH_RE = re.compile(
    r"^\s*(?:\u00b6\s?\d{1,2}(?!\d)|\d{1,2}\s?\.\s+\(|\d{1,2}\s?\.\s?\([A-Z])"
)
_PARAGRAPH_LINE_RE = re.compile(_PARAGRAPH_RE.pattern, re.MULTILINE)
_YEAR_MARK_RE = re.compile(r"^\s*\u00b6(?=\s?\d{3})")  # ``¶2009.``: a wrapped year, not a ¶
_LOWER_WORD_RE = re.compile(r"\b[a-z]{2,}\b")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Subject:
    """A cable's subject and the classification mark that opened it."""

    text: str | None  # the subject, lines joined with single spaces, mark stripped
    mark: str | None  # a leading classification mark such as "C", "C/NF", "SBU", "S"


def parse_subject(body: str, title: str | None, header: str | None = None) -> Subject:
    """Return the cable subject from the head of ``body``, else from ``title``.

    Rules: the label is ``SUBJECT:``, ``SUBJ:``, ``UBJECT:``, ``SUBJECT`` without a colon or
    ``Subject:``, at the start of a line (after an optional ``(C)``), glued after the TAGS /
    E.O. text of the same line (also after a literal ``\\n``) or after the wrapped end of the
    TAGS line (``TIP SUBJECT:``); only the head of the body (before the first numbered
    paragraph) is searched; ``<br>`` tags and line-end backslashes are not text.

    The subject runs over continuation lines until a blank line, a label (REF, Classified
    By, DERIVED FROM, an E.O. label, TAGS), a numbered paragraph, a caveat or banner line, a
    lettered reference list or, under an upper-case subject, a line of lower-case prose.
    Page-break lines and a page foot's classification line (``BAGHDAD 00000293 001.2 OF
    002``, ``PAGE 02``, ``CONFIDENTIAL``) inside it are dropped, and so is a ``¶`` the release
    put before a wrapped year (``¶2009.``). A lone blank line is crossed when the next short
    line continues it (same case, no label or byline, not a heading underlined with dashes).
    Text glued after it on a line (``REF:``, ``EGYPTREF:``, ``Classified By``, a spaced
    banner, ``Summary ----``, ``¶1.``) is cut off; a glued page-break marker is removed and
    the line goes on.

    A repeated label (``SUBJECT: (C) SUBJECT:``) and a ``(CORRECTED COPY)`` annotation are
    dropped, HTML entities decoded. A leading mark such as ``(C/NF)`` goes to ``mark``;
    trailing parenthesised acronyms such as ``(MTCR)`` stay. Whitespace collapses to single
    spaces. With no label the ``Subject:`` line of an e-mail wrapper in ``header`` (before
    the routing lines) is used, else the title, minus a ``(CORRECTED COPY)`` suffix and the
    wrapper's ``TRIPOLI 00000063 P CO 28-JAN-09`` stamp; all missing gives
    ``Subject(None, None)``.
    """
    try:
        found = _subject_from_body(body) if body else None
    except (TypeError, ValueError):
        found = None
    if found is not None:
        return found
    wrapped = wrapper_subject(header) if isinstance(header, str) else None
    return _subject_from_title(wrapped or title)


def _subject_from_title(title: str | None) -> Subject:
    if not title or not isinstance(title, str):
        return Subject(None, None)
    text = without_stamp(_SPACES_RE.sub(" ", _CORRECTED_RE.sub(" ", title)).strip())
    return Subject(*split_mark(text)) if text else Subject(None, None)


def _find_label(line: str) -> int | None:
    """Offset just after the subject label on ``line``, or None when the line has none."""
    if "UBJ" not in line and "ubject" not in line:
        return None  # every label form holds one of the two
    start = _LINE_START_LABEL_RE.match(line)
    if start is not None:
        return start.end()
    for match in _LABEL_RE.finditer(line):
        before = line[: match.start()]
        # A label inside the line counts only after TAGS / E.O. text (glued head lines) or
        # the wrapped end of the TAGS line before an upper-case ``SUBJECT:``.
        if _TAGS_OR_EO_RE.search(before):
            return match.end()
        if (
            match.group().rstrip().endswith(":")
            and line[match.start()].isupper()
            and _CAPS_PREFIX_RE.match(before.strip())
        ):
            return match.end()
    return None


def _label_hint(head: str, start: int) -> int:
    """Offset of the next ``UBJ`` or ``ubject`` (every label form holds one) from ``start``,
    or -1; the rarer lower-case form is looked for only before the upper-case one."""
    upper = head.find("UBJ", start)
    lower = head.find("ubject", start, upper if upper >= 0 else len(head))
    return lower if lower >= 0 else upper


def _subject_from_body(body: str) -> Subject | None:
    """The subject of the first label line of the head, None when a paragraph comes first.

    Only lines holding a label hint are read; the text before them is searched once for a
    paragraph start.
    """
    head = body[:_HEAD_CHARS]
    # An escaped dump: a literal backslash-n ends a line (a lone backslash is a cheap test).
    escaped = "\\" in head and "\\n" in head
    checked = search = 0
    while (hint := _label_hint(head, search)) >= 0:
        line_start = head.rfind("\n", 0, hint) + 1
        if _PARAGRAPH_LINE_RE.search(head, checked, line_start):
            return None
        if head.count("\n", 0, line_start) >= _HEAD_LINES:
            return None
        checked = line_start
        window = head[line_start:].split("\n", _WINDOW_LINES)[:_WINDOW_LINES]
        if escaped:
            window = "\n".join(window).replace("\\n", "\n").split("\n")[:_WINDOW_LINES]
        for index, raw in enumerate(window if escaped else window[:1]):
            line = line_text(raw[:_MAX_LINE])
            if _PARAGRAPH_RE.match(line):
                return None
            offset = _find_label(line)
            if offset is not None:
                return _subject_at(body, window, index, line[offset:])
        end = head.find("\n", hint)
        search = len(head) if end < 0 else end + 1
    return None


def _subject_at(body: str, lines: list[str], index: int, rest: str) -> Subject | None:
    """The subject whose label ends ``lines[index]`` before ``rest``, continued below it."""
    banner = _BannerStation(body)
    first, stopped = cut(rest, banner.station)
    parts = [first]
    if not stopped:
        following = lines[index + 1 : index + 1 + _MAX_CONTINUATION * 2]
        if not first.strip():
            # ``SUBJECT:`` alone on its line, the text after a blank line or two.
            while len(following) > 1 and not line_text(following[0]).strip():
                following = following[1:]
        parts.extend(_continuation(following, banner, first))
    text = clean(" ".join(parts))
    return Subject(*split_mark(text)) if text else None


class _BannerStation:
    """The station of the body's banner, read only when a glued page break needs it."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.parsed = False
        self.value: str | None = None

    def station(self) -> str | None:
        """The banner's station, read on the first call."""
        if not self.parsed:
            self.value, self.parsed = parse_banner(self.body).station, True
        return self.value


def _bridges_blank(lines: list[str], index: int, parts: list[str]) -> bool:
    """True when a lone blank line splits the subject (``...MARCH 24, 2009`` / blank / rest).

    The line after the blank continues the subject when it is short, is no label, paragraph
    or byline (``By ...``), is followed by a blank or a label (not by a line of dashes: a
    heading), and matches the case of the subject so far.
    """
    if index + 1 >= len(lines) or not "".join(parts).strip():
        return False
    nxt = line_text(lines[index + 1][:_MAX_LINE])
    after = line_text(lines[index + 2][:_MAX_LINE]) if index + 2 < len(lines) else ""
    if not nxt.strip() or len(nxt.strip()) > 120 or _STOP_LINE_RE.match(nxt):
        return False
    if _PAGE_BREAK_RE.match(nxt) or nxt.rstrip().endswith(":") or _NOT_SUBJECT_RE.search(nxt):
        return False
    if _BYLINE_RE.match(nxt):
        return False  # ``By Ambassador ...`` after the blank is a byline
    if after.strip() and (not _STOP_LINE_RE.match(after) or _DASH_LINE_RE.match(after)):
        return False
    so_far = " ".join(parts)
    return so_far.isupper() == nxt.isupper() and so_far.rstrip()[-1:] not in ".!?"


def _is_prose_after_caps(line: str, parts: list[str]) -> bool:
    """True for a mixed-case line of prose under an upper-case subject (``This is ...``)."""
    so_far = " ".join(parts)
    return so_far.isupper() and len(_LOWER_WORD_RE.findall(line)) >= 3


def _continuation(lines: list[str], banner: _BannerStation, first: str) -> list[str]:
    parts: list[str] = []
    bridged = False
    for index, raw in enumerate(lines):
        line = line_text(raw[:_MAX_LINE])
        if not line.strip() and not bridged and _bridges_blank(lines, index, [first, *parts]):
            bridged = True
            continue
        if _YEAR_MARK_RE.match(line):
            line = _YEAR_MARK_RE.sub("", line)
        if not line.strip() or _STOP_LINE_RE.match(line):
            break
        if _PAGE_BREAK_RE.match(line):
            continue
        text, stopped = cut(line, banner.station)
        if _is_prose_after_caps(text, [first, *parts]):
            break
        parts.append(text)
        if stopped or len(parts) >= _MAX_CONTINUATION:
            break
    return parts
