"""The summary and the closing comment of a cable, taken from its paragraphs."""

from __future__ import annotations

import re

from transforms.fields.hints import may_contain_word, search_near_word
from transforms.fields.paragraphs import Paragraph

_MARK = r"(?:\(\s?[A-Za-z]{1,4}(?:\s?/{1,2}[A-Za-z ]{1,20})?\s?\)\s{0,3})"
# A numbered label: "I. Summary", "1) SUMMARY", "A. Summary".
_LABEL_NUMBER = r"(?:(?:[IVX]{1,4}|\d{1,2}|[A-Z])[.)]\s{1,3})?"
# The label and what separates it from the text: a stop, a colon, dashes, a mark, or nothing
# before a capitalised word of mixed-case text ("SUMMARY The Ministry ..."); SUMMAY/SUMARY are
# typos cables carry.
_SUMMARY_OPEN = re.compile(
    rf"{_MARK}?{_LABEL_NUMBER}(?:(?:EXECUTIVE|BEGIN|INTRODUCTION\s(?:AND|&))\s)?SUMM?AR?Y"
    r"(?:\s(?:AND|&)\s(?:COMMENTS?|ACTION\sREQUESTS?|INTRODUCTION|BACKGROUND|RECOMMENDATIONS?"
    r"|ANALYSIS|CONCLUSIONS?|OVERVIEW|OUTLOOK|[A-Z][A-Za-z]{2,20}(?=\s{0,3}[.:;-]))"
    r"|\s(?:FROM|OF)\s[^:.\n]{3,40}(?=:)|\s?/\s?COMMENTS?)?"
    rf"(?:\s{{0,3}}(?:--|[.:;-])|\s{{1,3}}(?={_MARK})|\s{{1,3}}(?=(?-i:[A-Z](?:[a-z]|[A-Z]{{1,5}}\s[A-Z][a-z]))))\s{{0,6}}{_MARK}?"
    r"[-=_*\s]{0,20}",
    re.IGNORECASE,
)
_SUMMARY_END = re.compile(
    r"\(?\s?END\s(?:OF\s)?SUMMARY\b\s{0,3}[.:;-]{0,3}\s{0,3}\)?", re.IGNORECASE
)
_COMMENT_OPEN = re.compile(
    _MARK + r"?(?:BEGIN\s)?COMMENTS?(?:\sAND\s[A-Z ]{3,30}?)?\s{0,3}(?:--|[.:;-])\s{0,6}",
    re.IGNORECASE,
)
_INLINE_COMMENT = re.compile(r"\(?\bCOMMENTS?\s{0,3}(?:--|:)\s{0,6}", re.IGNORECASE)
_COMMENT_END = re.compile(
    r"\(?\s?END\s(?:OF\s)?COMMENTS?\b\s{0,3}[.:;-]{0,3}\s{0,3}\)?", re.IGNORECASE
)
# A word every match of an end marker holds: a paragraph without it is not scanned.
_END_WORDS = {_SUMMARY_END: b"ummary", _COMMENT_END: b"comment"}
_END_LEAD = 2  # an end marker's "END" comes at most this far into it: "( END"
_SUMMARY_HEADING = re.compile(
    r"^\W{0,3}(?:(?:[IVX]{1,4}|\d{1,2}|[A-Z])[.)]\s{1,3})?(?:EXECUTIVE\s|BEGIN\s"
    r"|INTRODUCTION\s(?:AND|&)\s)?SUMM?AR?Y\b",
    re.IGNORECASE,
)
_COMMENT_HEADING = re.compile(r"^\W{0,3}COMMENTS?\b", re.IGNORECASE)
_OPENER_WINDOW = 400
_OPENER_SENTENCES = 4  # a label opens the text or one of its first sentences
_SENTENCE_END = re.compile(r"[.!?:]\s+")
_MAX_SPAN = 8  # paragraphs a summary or comment may run over before its end marker
_SEPARATOR = "\n\n"


def parse_summary(paragraphs: list[Paragraph]) -> str | None:
    """The summary: text after ``Summary.``/``Summary:``/``SUMMARY AND COMMENT:`` up to
    ``End Summary`` (which may close a later paragraph), else to the end of its paragraph.

    The first paragraph that opens with the word (after its mark, or after the first sentence,
    e.g. ``This is an action request. Summary: ...``) wins; a paragraph under a ``Summary``
    heading counts when none opens with the word. Paragraphs of a multi-paragraph summary
    are joined with a blank line. Failing all that, an ``End Summary`` in one of the first
    paragraphs closes a summary that starts the body. None when the cable has no summary.
    Never raises.
    """
    paragraphs = paragraphs or []
    for index, paragraph in enumerate(paragraphs):
        start = _opener_end(paragraph.text, _SUMMARY_OPEN)
        if start is not None:
            return _span(paragraphs, index, start, _SUMMARY_END)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading and _SUMMARY_HEADING.match(_innermost(paragraph.heading)):
            return _span(paragraphs, index, 0, _SUMMARY_END, paragraph.heading, section=False)
    # no opener: an ``End Summary`` in the first paragraphs closes a summary that starts the body
    for index, paragraph in enumerate(paragraphs[:_MAX_SPAN]):
        if _find_end(_SUMMARY_END, paragraph.text):
            return _span(paragraphs, 0, 0, _SUMMARY_END) if index < _MAX_SPAN else None
    return None


def parse_comment(paragraphs: list[Paragraph]) -> str | None:
    """The closing comment: the last paragraph opening with ``Comment:``/``Comment.``/
    ``Comment --`` (or the paragraphs under the last ``Comment`` heading), up to
    ``End Comment`` or the end of the paragraph(s).

    When no paragraph opens a comment, the last inline ``(Comment: ... End Comment.)`` is
    taken. Only one comment block is returned (the last: a cable's own closing assessment);
    paragraphs of a multi-paragraph comment are joined with a blank line. None when the cable
    has no comment. Never raises.
    """
    paragraphs = paragraphs or []
    last_open: tuple[int, int] | None = None
    last_heading: int | None = None
    for index, paragraph in enumerate(paragraphs):
        start = _opener_end(paragraph.text, _COMMENT_OPEN, first_sentence=False)
        if start is not None:
            last_open = (index, start)
        heading = paragraph.heading
        if heading and _COMMENT_HEADING.match(_innermost(heading)):
            previous = paragraphs[index - 1].heading if index else None
            if previous != heading:
                last_heading = index
    if last_heading is not None and (last_open is None or last_heading > last_open[0]):
        heading = paragraphs[last_heading].heading
        return _span(paragraphs, last_heading, 0, _COMMENT_END, heading=heading)
    if last_open is not None:
        return _span(paragraphs, last_open[0], last_open[1], _COMMENT_END)
    return _inline_comment(paragraphs)


def _innermost(heading: str) -> str:
    """The subsection of a heading joined from a section and its subsection (``A / B``)."""
    return heading.rpartition(" / ")[2]


def _opener_end(text: str, opener: re.Pattern[str], first_sentence: bool = True) -> int | None:
    """Where the text after an opener starts in ``text`` (the opener at its start, or at the
    start of one of its first sentences), or None."""
    match = opener.match(text)
    if match:
        return match.end()
    if not first_sentence:
        return None
    for count, stop in enumerate(_SENTENCE_END.finditer(text, 0, _OPENER_WINDOW)):
        if count >= _OPENER_SENTENCES:
            break
        match = opener.match(text, stop.end())
        if match:
            return match.end()
    return None


def _span(
    paragraphs: list[Paragraph],
    index: int,
    start: int,
    end: re.Pattern[str],
    heading: str | None = None,
    section: bool = True,
) -> str | None:
    """Text from ``start`` in paragraph ``index`` to the ``end`` marker or the block's end.

    With ``heading`` the block runs over the paragraphs under that heading (with ``section``
    False only up to an end marker among them, else it is the first paragraph); without it,
    over one paragraph unless a later paragraph (within ``_MAX_SPAN``) carries the marker.
    """
    first = paragraphs[index].text[start:]
    closed = _find_end(end, first)
    if closed:
        return _clean(first[: closed.start()])
    parts = [first]
    stop = min(len(paragraphs), index + _MAX_SPAN)
    for later in paragraphs[index + 1 : stop]:
        if heading is not None and later.heading != heading:
            break
        closed = _find_end(end, later.text)
        if closed:
            parts.append(later.text[: closed.start()])
            return _clean(_SEPARATOR.join(parts))
        parts.append(later.text)
    if heading is not None and section:
        return _clean(_SEPARATOR.join(parts))
    return _clean(first)


def _find_end(end: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``end.search(text)``, without the scan when ``text`` lacks the marker's word."""
    if not may_contain_word(text, _END_WORDS[end]):
        return None
    return search_near_word(end, text, b"end", _END_LEAD)


def _inline_comment(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in reversed(paragraphs):
        text = paragraph.text
        if not may_contain_word(text, _END_WORDS[_COMMENT_END]):
            continue
        closed = _last(_COMMENT_END, text, b"end", _END_LEAD)
        if closed is None:
            continue
        opened = _last(_INLINE_COMMENT, text, b"comment", 1, closed.start())
        if opened is not None:
            return _clean(text[opened.end() : closed.start()])
    return None


def _last(
    pattern: re.Pattern[str], text: str, word: bytes, lead: int, endpos: int | None = None
) -> re.Match[str] | None:
    """The last match ``pattern.finditer(text, 0, endpos)`` yields (its matches are never empty);
    ``word`` and ``lead`` as ``search_near_word`` takes them."""
    found = None
    pos = 0
    while match := search_near_word(pattern, text, word, lead, "", pos, endpos):
        found, pos = match, match.end()
    return found


def _clean(text: str) -> str | None:
    text = text.strip().strip("(").strip()
    return text or None
