"""A cable body as every field parser reads it: this cable's own text, in plain lines.

The published body may carry dump rows of other cables, a preview before the full copy, a
``\\`` or a ``<br>`` at every line end (tab-separated dumps, HTML copies), page-break lines in
mid-text, a blank line after every line (double-spaced renderings) or a head printed on one
line. ``own_text`` undoes all of that once, so no parser sees it: no row of another cable, no
preview, no backslash or tag, no page break, no line lost between blank lines, a line per
head field.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.fields.corruption import split_dump_rows
from transforms.fields.full_copy import split_full_copy
from transforms.fields.page_breaks import strip_page_breaks

# A piece of every label form (and of the handling note); "E.O" also in "E.O.12958".
_LABEL_CLUES = ("E.O", "EO 1", "TAGS", "SUBJ", "REF", "lassified", "LASSIFIED", "ENSITIVE BUT",
                "ensitive but", "ensitive But")
_BANNER_FIRST = frozenset("CSULcsul")
_FLAT_HEAD_CHARS = 6000
_PAGED_CHARS = 16_000  # as far as the subject parser reads (80 lines of 200 characters)
_HEAD_CHARS = 4_000  # a head is shorter: a break after it leaves the subject as it is
_FLAT_HEAD_LINES = 40
_FLAT_MIN_CHARS = 40
_LABEL_LEAD = 6  # a label this close to its line's start opens the line: "(C) SUBJECT:"
# The station of a reference id: "TRIPOLI" of 09TRIPOLI562, "KUALALUMPUR" of 07KUALALUMPUR1403.
_OWN_STATION = re.compile(r"\d\d([A-Z]+)\d+$")
# A field label inside a line; "TAGS" and the E.O. need their usual company to count. The
# handling note opens its own sentence: "THIS CABLE IS SENSITIVE BUT UNCLASSIFIED".
_LABEL_IN_LINE = re.compile(
    r"(?<=[\s:,.)])(?:EO\s1\d{4}\s|SUBJ\s?:|REFS?\s?:|REF\s[A-Z][.)]\s|Classified\s{1,3}By\b"
    r"|CLASSIFIED\s{1,3}BY\b"
    r"|(?<!\b[Ii][Ss]\s)(?i:(?:this\s{1,3}(?:cable|message|telegram)\s{1,3}is\s{1,3})?"
    r"sensitive\s{1,3}but\s{1,3}unclassified))"
    # the strong labels also glued to the text before them ("EKIMOFFE.O. 12958:", "2018TAGS:")
    r"|E\.\s?O\.\s?1\d{4}\s?:|(?<=[\s:,.)\dA-Z])(?:TAGS\s?:|SUBJECT\s?:)"
)
# A line that opens with a field label: one more label inside it is enough to cut it.
_LINE_LABEL = re.compile(
    r"^\s{0,10}(?:E\.\s?O\.|EO\s1\d{4}|TAGS\b|SUBJECT\b|SUBJ\b|REFS?\b|REFTELS?\b|Classified\s{1,3}By"
    r"|CLASSIFIED\s{1,3}BY)"
)
# A banner up to its serial: "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 003394".
_BANNER_SERIAL = re.compile(
    r"^\s{0,10}(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|UNCLAS(?:SIFIED)?"
    r"|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\s+SENSITIVE)?(?:\s+SECTION\s+\d{1,3}\s+OF"
    r"\s+\d{1,3})?\s+[A-Z][A-Z .'-]{1,40}?\s\d{3,7}(?!\d)",
    re.IGNORECASE,
)
_TRAILING_BLANKS = re.compile(r" +$", re.MULTILINE)
_LINE_END_BREAK_TAG = re.compile(r"[ \t]*(?:<br\s*/?>[ \t]*)+$", re.MULTILINE | re.IGNORECASE)
_BREAK_TAG = re.compile(r"[ \t]*<br\s*/?>[ \t]*", re.IGNORECASE)
_LINE_END_BACKSLASH = re.compile(r"[ \t]*\\+[ \t]*$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n(?:[ \t\u00a0]*\n)+")
_TERMINAL = (".", "!", "?", ":", ";", '"', "'", ")", "\u201d", "\u2019")
_SAMPLE_CHARS = 2500
_MIN_LINES = 8  # too few lines say nothing about a layout
_WRAP_CHARS = 100  # a wrapped line of a telegram is shorter; a paragraph on one line longer
_DOUBLE_SHARE = 0.7  # of the gaps between lines, those of exactly one blank line
_PROSE_CHARS = 40  # shorter lines are head lines, headings, signatures
_OPEN_SHARE = 0.4  # of the lines before such a gap, those that end mid-sentence


class OwnText(NamedTuple):
    """A body as the field parsers read it, and what else the published body held."""

    text: str  # ``own_text(body)``
    has_dump_rows: bool  # the published body carried database rows
    preview: str  # a partial-extract preview's whole lines before its full copy, else ""
    # ``text`` (its first 16,000 characters) with its page breaks still in: the subject parser
    # reads past them itself, where a break rejoined to the line above would glue what
    # follows onto the subject
    paged: str


def own_text(body: str, own_id: str | None = None) -> str:
    """``body`` without dump debris (``strip_dump_rows``), from its full copy on
    (``full_copy``), line ends as ``\\n``, line-end backslashes and page breaks
    (``strip_page_breaks``) removed, double spacing undone, a head flattened onto one line
    split into its field lines (``unflatten_head``)."""
    return own_text_of(body, own_id).text


def own_text_of(body: str, own_id: str | None = None) -> OwnText:
    """``own_text(body, own_id)``, whether the body carries dump rows and its preview."""
    dumped, text = split_dump_rows(body, own_id) if body else (False, "")
    preview, text = split_full_copy(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\\" in text:
        text = _LINE_END_BACKSLASH.sub("", text)
    # An HTML line break is a line break (09LAPAZ96). A one-character test first: it runs at
    # memory speed, a longer needle far slower.
    if "<" in text and ("<br" in text or "<BR" in text):
        text = _BREAK_TAG.sub("\n", _LINE_END_BREAK_TAG.sub("", text))
    if "\t" in text:  # tab-separated layouts: a tab is a space, trailing ones nothing
        text = _TRAILING_BLANKS.sub("", text.replace("\t", " "))
    station = _OWN_STATION.match(own_id) if own_id else None
    unbroken = strip_page_breaks(text, station[1] if station else None)
    own = unflatten_head(single_spaced(unbroken))
    # (only the head, and only when a break was taken out of it: the subject reads no further)
    same_head = unbroken is text or unbroken[:_HEAD_CHARS] == text[:_HEAD_CHARS]
    paged = own if same_head else unflatten_head(single_spaced(text[:_PAGED_CHARS]))
    return OwnText(own, dumped, preview, paged)


def unflatten_head(text: str) -> str:
    """``text`` with a head printed on one line split into a line per field.

    HTML-derived copies print the banner, caveats, office lines and the E.O., TAGS, SUBJECT,
    REF and Classified By fields on one line (``C O N F I D E N T I A L MOSCOW 001704 SIPDIS
    STATE FOR EUR/RUS E.O. 12958: DECL: 04/13/2017 TAGS: KIPR ...``). Among the first lines, a
    line that opens with a banner and holds a field label, or holds two labels, is cut before
    every label and after the banner's serial. Field text is never cut inside itself, as
    labels only open fields. Other lines are left as they are.
    """
    head = text[:_FLAT_HEAD_CHARS]
    # the head ends at the first paragraph: "¶1." or a line opening "1." (a label after it,
    # on that line, is still seen: its line is read whole)
    first = min((at for at in (head.find("\u00b6"), head.find("\n1.")) if at >= 0),
                default=len(head))
    starts = _inner_label_lines(head[:first])
    if not starts:
        return text
    pieces_of: dict[int, str] = {}
    for start in starts:
        end = head.find("\n", start)
        line = head[start : end if end >= 0 else len(head)]
        if len(line) < _FLAT_MIN_CHARS:
            continue
        found = [m.start() for m in _LABEL_IN_LINE.finditer(line)]
        labels = [at for at in found if at > 0]
        banner = _BANNER_SERIAL.match(line)
        # the handling note is cut off any head line ("...AND CHALLENGES SENSITIVE BUT ...")
        note = any(line[at : at + 1] in "SsTt" for at in labels)
        if not labels or (
            banner is None and len(found) < 2 and not note and not _LINE_LABEL.match(line)
        ):
            continue
        cuts = sorted({*labels, *([banner.end()] if banner else [])})
        pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        pieces_of[start] = "\n".join(piece for piece in pieces if piece)
    if not pieces_of:
        return text
    out, done = [], 0
    for start, pieces in sorted(pieces_of.items()):
        end = head.find("\n", start)
        out += [text[done:start], pieces]
        done = end if end >= 0 else len(head)
    out.append(text[done:])
    return "".join(out)


def _inner_label_lines(head: str) -> list[int]:
    """Where the lines of ``head`` start that hold a label clue after their first characters
    (most heads hold one label a line, at its start: substring scans say so, no regex)."""
    starts: set[int] = set()
    for clue in _LABEL_CLUES:
        at = head.find(clue)
        while at >= 0:
            line_start = head.rfind("\n", 0, at) + 1
            if at - line_start > _LABEL_LEAD and head[line_start:at].strip():
                starts.add(line_start)
            at = head.find(clue, at + len(clue))
    return sorted(starts)


def single_spaced(text: str) -> str:
    """``text`` with double spacing undone: one blank line between lines goes, two or more
    become one.

    A text is double-spaced when its prose lines (40 characters or more; head lines are
    shorter) are wrapped lines (median shorter than 100 characters), at least 70% of them are
    followed by exactly one blank line, and at least 40% of those end mid-sentence (no final
    stop): a text with one paragraph per line, blank lines between, stays as it is. The
    layout shows in the first 2,500 characters, which is all that is looked at.
    """
    # Half the lines of a double-spaced text are blank: a cheap count rules most texts out.
    sample = text[:_SAMPLE_CHARS]
    newlines = sample.count("\n")
    if newlines < _MIN_LINES * 2:
        return text
    blank = sample.count("\n\n") + sample.count("\n \n") + sample.count("\n  \n")
    if blank * 2 < newlines * _DOUBLE_SHARE * 0.9:
        return text
    lines = sample.split("\n")
    lengths: list[int] = []
    singles = open_before = 0
    for index, line in enumerate(lines[:-2]):
        stripped = line.strip()
        if len(stripped) < _PROSE_CHARS:
            continue
        lengths.append(len(stripped))
        if not lines[index + 1].strip() and lines[index + 2].strip():
            singles += 1
            open_before += not stripped.endswith(_TERMINAL)
    if len(lengths) < _MIN_LINES or singles < _DOUBLE_SHARE * len(lengths):
        return text
    lengths.sort()
    if lengths[len(lengths) // 2] >= _WRAP_CHARS or open_before < _OPEN_SHARE * singles:
        return text
    return _BLANK_RUNS.sub(_collapse, text)


def _collapse(run: re.Match[str]) -> str:
    return "\n" if run.group().count("\n") == 2 else "\n\n"
