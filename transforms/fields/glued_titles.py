"""Section titles (and the post's website line) glued to the end of a paragraph's line, split
off onto a line of their own.

Copies that print a paragraph a line (HTML-derived, most of 2009-2010) glue the next
section's title to the last sentence: ``... positive engagement. MAURITANIA: FOCUS ON JUNE
ELECTIONS`` (09TRIPOLI409), ``... see septel. Al Asala Political Society ----------``
(08MANAMA592), ``... [AsiaPulse, 1/26/2009]  CONSTRUCTION`` (09TRIPOLI151). Split off, the
title is a heading line as any other (``paragraphs._Builder`` decides).
"""

from __future__ import annotations

import re

from transforms.fields.paragraph_lines import is_label_line

_MIN_LINE = 80  # a line with a sentence and a title glued to it is longer
_TAIL_WINDOW = 140  # the title is in the line's last characters
_MAX_TITLE = 100
_MAX_TITLE_WORDS = 15
_MIN_CAPS_WORD = 5  # a one-word ALL-CAPS title is a real word ("CONSTRUCTION"), not "US"
# Where a sentence ends and what follows could be a title (every such place: the last wins).
_SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019)\]]\s+(?=[A-Z\"\u201c])")
_TRAILING_RULE = re.compile(r"\s[-=_]{5,}+[-=_ ]*+$")
_TERMINAL = (".", "!", "?", ",", ";", ":", '"', "'", ")", "\u201d", "\u2019")
_PROSE_LAST = frozenset(".!?,;:\"')\u201d\u2019")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on",
     "or", "the", "to", "vs", "with"]
)
# The post's website line glued after the last sentence of a paragraph (04CAIRO8456).
_GLUED_WEBSITE = re.compile(
    r"(?<=[.!?\"\u201d])\s+(?=[*\s]{0,80}(?:(?:Please\s+)?[Vv]isit\b[^\n]{0,80}?\b[Ww]eb\s?[Ss]ite\b"
    r"|For\s+more\s+reporting\s+from\b))"
)
# A label that closes a section: "END SUMMARY", "End Comment.", "END OF TEXT".
END_LABEL = re.compile(
    r"\W{0,3}END\s+(?:OF\s+)?(?:SUMMARY|COMMENTS?|NOTE|TEXT|FYI|QUOTE)(?:\s+AND\s+COMMENTS?)?\b\W*",
    re.IGNORECASE,
)
_PROSE_END = re.compile(r"[a-z0-9]{2}[.!?]\s")  # a word (or "on Dec 28.") ending a sentence
_RULE_LINE = re.compile(r"^\s{0,20}[-=_]{3,}+[-=_ ]*+$")
_MARKER = re.compile(r"^\s{0,12}(?:[\u00b6\ufffd]\s?)?\d{1,3}\s?[.)]|^\s{0,12}[-=_]{3,}")


def split_title_tails(lines: list[str]) -> list[str]:
    """``lines`` with a title glued after a line's last sentence on a line of its own (a
    blank line before it: the title stands alone, as a heading does).

    Rules: a line of 80 characters or more in mixed case whose end, after its last sentence,
    is a title (at most 15 words and 100 characters, ending in no stop or comma): ALL CAPS
    and followed (blank lines aside) by a paragraph marker or a rule, in Title Case right
    above a rule, or in any case when a rule is glued after it. Other lines are left as they
    are.
    """
    # A title ends in no stop (a rule may follow it): most long lines are prose that does.
    candidates = [index for index, line in enumerate(lines) if len(line) >= _MIN_LINE
                  and (line.rstrip()[-1:] not in _PROSE_LAST or "isit" in line
                       or "or more" in line)]
    if not candidates:
        return lines
    out: list[str] = []
    done = 0
    for index in candidates:
        line = lines[index]
        website = _GLUED_WEBSITE.search(line) if "isit" in line or "or more" in line else None
        if website is not None:  # "... minimize considered. Visit Embassy Cairo's Website: ..."
            out += lines[done:index]
            out += [line[: website.start()].rstrip(), line[website.end() :].strip()]
            done = index + 1
            continue
        cut = _title_at(line, _next_text(lines, index))
        if cut is None and index + 1 < len(lines) and _RULE_LINE.match(lines[index + 1]):
            cut = trailing_title(line)  # "... months. Cautious Optimism on Recovery" / "-----"
        if cut is None:
            continue
        out += lines[done:index]
        out += [line[:cut].rstrip(), "", line[cut:].strip()]  # the title a block of its own
        done = index + 1
    if not done:
        return lines
    out += lines[done:]
    return out


def _title_at(line: str, following: str) -> int | None:
    """Where a title glued at the end of ``line`` starts, or None."""
    last = _title_start(line)
    start = _after_end_label(line, last.end()) if last else None
    if start is None:
        return None
    tail = line[start:].strip()
    rule = _TRAILING_RULE.search(tail)
    title = tail[: rule.start()].strip() if rule else tail
    words = title.split()
    if not words or len(title) > _MAX_TITLE or len(words) > _MAX_TITLE_WORDS:
        return None
    before = line[:start]
    # (a title may end in an acronym's parenthesis when a rule follows it: "COUNCIL (TEC) ---")
    ends = title.endswith(_TERMINAL) and not (rule is not None and title.endswith(")"))
    if ends or before.upper() == before:  # no lower-case letter before
        return None
    if rule is not None:
        return start
    caps = title.isupper() and (len(words) > 1 or len(title) >= _MIN_CAPS_WORD)
    # a section label in any case ("... support of Bahrain. Comment" / "¶5. ...", 09MANAMA91)
    label = caps or is_label_line(title)
    return start if label and _MARKER.match(following) else None


def _after_end_label(line: str, start: int) -> int | None:
    """``start``, or past an end label there (``END SUMMARY``, ``End Comment``): a label that
    closes a section is never a title nor part of one; None when nothing follows it."""
    label = END_LABEL.match(line, start)
    if label is None:
        return start
    return label.end() if line[label.end() :].strip() else None


def trailing_title(line: str) -> int | None:
    """Where the start of a heading glued at the end of ``line`` begins, when the rest of the
    heading is on the next line (``... End Summary. Recovery is Fragile and Banker Bonuses`` /
    ``Radioactive`` / a rule, 09LONDON2225): the words after the last sentence, in Title Case
    or ALL CAPS, ending in no stop. None otherwise."""
    if len(line) < _MIN_LINE or line.rstrip().endswith(_TERMINAL):
        return None
    last = _title_start(line)
    start = _after_end_label(line, last.end()) if last else None
    if start is None:
        return None
    words = line[start:].split()
    if not 1 < len(words) <= _MAX_TITLE_WORDS:
        return None
    return start if is_title_case(words) else None


def is_title_case(words: list[str]) -> bool:
    """True when every word but the small ones (``of``, ``and``, ``the`` ...) is capitalised."""
    capitals = sum(word[:1].isupper() for word in words if word.lower() not in _SMALL_WORDS)
    content = sum(1 for word in words if word.lower() not in _SMALL_WORDS)
    return bool(content) and capitals == content


def _title_start(line: str) -> re.Match[str] | None:
    """The sentence end after which a title may start: the earliest in the line's last
    characters with no sentence of prose after it (``U.S.`` in ``... spend. U.S. Committed to
    Address Climate Change`` ends none; ``Summary.`` in ``End Summary. Recovery is ...`` does)."""
    for match in _SENTENCE_END.finditer(line, max(0, len(line) - _TAIL_WINDOW)):
        if not _PROSE_END.search(line, match.end()):
            return match
    return None


def _next_text(lines: list[str], index: int) -> str:
    """The first non-blank line after ``lines[index]``, or ""."""
    for line in lines[index + 1 : index + 4]:
        if line.strip():
            return line
    return ""
