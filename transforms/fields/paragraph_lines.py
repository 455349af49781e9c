"""How the paragraph parser reads one line of a body.

A line may open a paragraph (a marker such as ``¶1.``, ``1.(C)``, ``A.``), carry a
classification mark (``(C)``, ``(S//NF)``), be a dash rule, a section label or a heading. The
head before the first paragraph is ``head_block``'s; the state machine that turns lines into
paragraphs is ``paragraphs._Builder``.
"""

from __future__ import annotations

import functools
import re

from transforms.fields.page_breaks import TERMINAL_CHARS

MARKER = re.compile(
    r"^\s{0,12}(?P<pil>[\u00b6\ufffd]\s?)?(?P<num>\d{1,3}[A-Za-z]?|[A-Za-z])(?P<sep>[.)])"
    r"(?=[\s(]|$)[ \t]{0,12}"
)
# A number printed without its stop, before a mark: "8 (C) Suleiman said ..." (08CAIRO1416).
BARE_MARKER = re.compile(
    r"^\s{0,12}(?P<pil>)(?P<num>\d{1,3})(?P<sep>)\s{1,3}(?=\((?:U|C|S|TS|SBU|LOU)[/)])"
)
# A number glued to its text: "1.KEY POINTS -- (C) ...", "2.Summary:" (a letter never is).
TIGHT_MARKER = re.compile(
    r"^\s{0,12}(?P<pil>[\u00b6\ufffd]\s?)?(?P<num>\d{1,3})(?P<sep>\.)(?=[A-Z])"
)
_MARK = re.compile(r"^\(\s?(/?[A-Za-z][A-Za-z/, -]{0,50}?)\s?\)")
_MARK_LEVELS = frozenset({"U", "C", "S", "TS", "SBU", "LOU", "FOUO", "CUI", "NF"})
# Marks written out or run together: "(SECRET - ENTIRE TEXT)", "(SNF)" (1970s-80s, typos).
_MARK_WORDS = {"SECRET": "S", "CONFIDENTIAL": "C", "UNCLASSIFIED": "U", "UNCLAS": "U",
               "LIMITED OFFICIAL USE": "LOU", "SNF": "S/NF", "CNF": "C/NF"}
_ENTIRE_TEXT = re.compile(r"\s?-\s?ENTIRE\s+TEXT\s*$")
# A paragraph marker glued after the previous sentence (press and HTML versions).
# (or after a heading glued before it: "MIDDLE EAST ----- 2. (C) ...", "ARTICLE 98: 5. (C) ...")
_GLUED_MARKER = re.compile(
    r"(?<=[.!?\"”’)\]:=_-])\s{1,6}(?=[\u00b6\ufffd]\s?\d{1,3}\.\s|\d{1,3}\.\s{0,3}\((?:U|C|S|TS|SBU)[/)])"
)
# A ruled title glued after a sentence: "... proposals. ------- SUMMARY -------".
_GLUED_TITLE = re.compile(
    r"(?<=[.!?\"”’)\]])\s{1,6}"
    r"(?=[-=_]{3,}+[-=_ ]*+[\"“'A-Z0-9][^\n]{1,120}?[-=_]{3,}+[-=_ ]*+\s*(?:$|\d))"
    r"|\s{1,6}(?=-{3,}\s?(?i:(?:executive\s|begin\s)?summary|comments?|background)\s?-{3,}\s*$)"
)
# What every match of ``_GLUED_TITLE`` holds, found in one scan of a text (no line end in it).
_MIN_GLUED_LINE = 40  # a line with a sentence and a ruled title glued to it is longer
_SENTENCE_ENDS = frozenset('.!?")\u201d\u2019')
_GLUED_LABELS = ("SUMMARY", "EXECUTIV", "BEGIN SU", "COMMENT", "BACKGROU")
# ``_GLUED_MARKER`` without its lookarounds: the same lines match it, but the regex engine
# scans for the leading character class fast, so it tests a line before splitting it.
_GLUED_HINT = re.compile(
    r"[.!?\"”’)\]:=_-]\s{1,6}(?:[\u00b6\ufffd]\s?\d{1,3}\.\s|\d{1,3}\.\s{0,3}\((?:U|C|S|TS|SBU)[/)])"
)
# ``_GLUED_HINT`` on a whole text: a match never crosses a line end, as on one line.
_GLUED_HINT_IN_TEXT = re.compile(_GLUED_HINT.pattern.replace(r"\s", r"[^\S\n]"))
_HINT_BEFORE, _HINT_AFTER = 14, 8  # see ``_glued_lines``
_GLUED_MARK_TAILS = ("U/", "U)", "C/", "C)", "S/", "S)", "TS/", "TS)", "SBU/", "SBU)")
# Rules are printed with "-", "=", "_" and, in some copies, Unicode hyphens and dashes.
DASHES = re.compile(
    r"^\s{0,20}(?:[-=_\u2010-\u2015]{3,}|[-=_] [-=_] [-=_])[-=_ \u2010-\u2015]{0,120}$"
)
# A rule glued to a title, also spaced: "- - - Lula Popular, But What Comes Next? - - -".
TRAILING_RULE = re.compile(r"\s(?:[-=_\u2010-\u2015]{4,}+|(?:[-=_] ){2,}+[-=_])[-=_ ]*+\s*$")
LEADING_RULE = re.compile(r"^(?:[-=_\u2010-\u2015]{4,}+|(?:[-=_] ){2,}+[-=_])[-=_ ]*\s")
RULE_CHARS = frozenset("-=_\u2010\u2011\u2012\u2013\u2014\u2015")
_SPACES = re.compile(r"[ \t\u00a0]+")
MARKER_SEPS = (".", ")")
_PILCROWS = ("\u00b6", "\ufffd")
_MAX_LABEL_LINE = 80
# A line that is a section label only; its words in the order cables print them.
_LABEL_LINE = re.compile(
    r"^[-=_*\s\u00b6]{0,40}(?:(?:[IVX]{1,4}|\d{1,2}|[A-Z])[.)]\s{1,3})?"
    r"(?:EXECUTIVE\s+|BEGIN\s+)?(?:SUMMARY|SUMMAY|COMMENTS?|BACKGROUND|INTRODUCTION|OVERVIEW"
    r"|ACTION\s+REQUESTS?|RECOMMENDATIONS?|CONCLUSIONS?|ANALYSIS|DISCUSSION)"
    r"(?:\s+(?:AND|&)\s+(?:COMMENTS?|INTRODUCTION|SUMMARY|ACTION\s+REQUESTS?|BACKGROUND"
    r"|RECOMMENDATIONS?|ANALYSIS|CONCLUSIONS?))?[\s:.]{0,3}[-=_*\s]{0,40}$",
    re.IGNORECASE,
)
# The post's footer: "Visit Embassy Madrid's Classified Website: http://...", "Please visit
# us at", "For more reporting from Embassy Lisbon ..., please see our Intelink site:" and a
# line of the classified intranet's URL (wrapped once: "...portal:port ugal"); a URL the
# text cites (www.state.gov, a newspaper's) is text.
_WEBSITE = re.compile(
    r"^[\W_]{0,80}(?:(?:please\s+)?visit\b[^\n]{0,80}?\bweb\s?site\b|please\s+visit\s+us\s+at\b"
    r"|for\s+more\s+reporting\s+from\b|https?://\S*(?:sgov|intelink)\S*(?:\s\S+)?\s*$)",
    re.IGNORECASE,
)
_HEADING_FRAME = re.compile(
    r"^[\u00b6\s*=_/\u2010-\u2015-]+|[\s:*=_/\u2010-\u2015-]+$|^\)\)|\)\)$"
    r"|^\((?:U|C|S|TS|SBU|LOU|FOUO)(?:/{1,2}[A-Z ]{1,20})?\)\s+"  # "(C) Eton Park ..."
)
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 90
MAX_CAPS_HEADING_WORDS = 20
MAX_CAPS_HEADING_CHARS = 160
MAX_UNDERLINED_HEADING = 120


def split_glued(lines: list[str], text: str) -> list[str]:
    """``lines`` (those of ``text``) with a paragraph marker glued after a sentence (``... it.
    2. (C) Next``) split off onto a line of its own, and so a ruled heading glued after one
    (``... policy proposals. ------- SUMMARY -------``, imitates 08MANAMA301)."""
    out: list[str] = []
    done = 0
    glued = _glued_lines(text)
    titled = _ruled_title_lines(text)
    if titled:
        glued = sorted({*glued, *titled})
    for i in glued:
        line = lines[i]
        if ("¶" in line or "(" in line or "---" in line) and len(line) > 40:
            out += lines[done:i]
            for piece in _GLUED_MARKER.split(line):
                out += _GLUED_TITLE.split(piece) if "---" in piece else [piece]
            done = i + 1
    if not done:
        return lines
    out += lines[done:]
    return out


def _ruled_title_lines(text: str) -> list[int]:
    """Indices of the lines of ``text`` on which a sentence ends and a ruled title follows.

    Only lines holding "---" can: each is found by a substring scan and tried once (most
    texts have a few rules, each a line of its own, too short to be tried)."""
    indices: list[int] = []
    at = text.find("---")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        before = text[max(start, at - 7) : at].rstrip(" ")
        after = text[at : at + 120].lstrip("- ")[:8].upper()
        maybe = (before[-1:] in _SENTENCE_ENDS and len(before) < at - start + 1) or (
            before and after.startswith(_GLUED_LABELS))
        if end - start > _MIN_GLUED_LINE and maybe and _GLUED_TITLE.search(text, start, end):
            indices.append(text.count("\n", 0, start))
        at = text.find("---", end)
    return indices


def _glued_lines(text: str) -> list[int]:
    """Indices of the lines of ``text`` that ``_GLUED_HINT`` matches, in order.

    Every match holds a pilcrow, or a mark after a "(", at most ``_HINT_BEFORE`` characters
    after its start and ``_HINT_AFTER`` before its end: the pattern is tried around those
    only (with ``\\s`` never matching a line end), never over the whole text.
    """
    positions = [at for pilcrow in _PILCROWS for at in _occurrences(text, pilcrow)]
    at = text.find("(")
    while at >= 0:
        # the mark comes after ``\d{1,3}\.\s{0,3}``: a dot among the four characters before
        if text.startswith(_GLUED_MARK_TAILS, at + 1) and "." in text[max(0, at - 4) : at]:
            positions.append(at)
        at = text.find("(", at + 1)
    starts = set()
    line_start = previous = 0
    for at in sorted(positions):
        # from the start of the line of ``at`` at the earliest: a match there on a line before
        # would hide one on this line (the line start found since the previous ``at`` only, so
        # a long line full of marks costs no rescan)
        line_start = max(line_start, text.rfind("\n", previous, at) + 1)
        previous = at
        match = _GLUED_HINT_IN_TEXT.search(
            text, max(line_start, at - _HINT_BEFORE), at + _HINT_AFTER
        )
        if match:
            starts.add(match.start())
    indices: list[int] = []
    index = previous = 0
    for position in sorted(starts):
        index += text.count("\n", previous, position)
        previous = position
        if not indices or indices[-1] != index:
            indices.append(index)
    return indices


def _occurrences(text: str, char: str) -> list[int]:
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def parse_mark(text: str) -> tuple[str | None, str]:
    """(the classification mark at the start of ``text``, the text after it)."""
    if text[:1] != "(":  # as ``_MARK`` opens: most lines are ruled out without a regex call
        return None, text
    match = _MARK.match(text)
    if not match:
        return None, text
    mark = _mark_word(match.group(1))
    if mark is None:
        return None, text
    return mark, text[match.end() :]


# A handful of marks (C, SBU, S//NF, ...) make up nearly every paragraph's: each is read once.
@functools.lru_cache(maxsize=1024)
def _mark_word(text: str) -> str | None:
    """The mark ``text`` (what the parentheses hold) normalises to; None when it is no mark."""
    mark = _SPACES.sub(" ", text.upper()).replace(" /", "/").replace("/ ", "/")
    mark = _ENTIRE_TEXT.sub("", mark)
    mark = _MARK_WORDS.get(mark, mark)
    level = mark.split("/")[0].strip()
    if level in _MARK_LEVELS:
        return mark
    # "(/Rel UK)": the level lost, a release marking left (10KABUL104)
    return mark if not level and mark[1:4] in ("REL", "NF") else None


def number_value(number: str) -> int:
    """``3`` for a numeric marker ``3`` or ``3a`` (``int`` of its digits, as ``\\D`` removes)."""
    # A numeric marker is one to three digits and at most one ASCII letter after them.
    return int(number if number[-1].isdecimal() else number[:-1])


def heading_text(line: str) -> str:
    """A heading without the dash rules glued to it, nor a pilcrow or final colon."""
    text = LEADING_RULE.sub("", TRAILING_RULE.sub("", line[-250:]))
    text = _HEADING_FRAME.sub("", text)
    return text.strip()


def is_website_line(stripped: str) -> bool:
    """True for the post's website line that many cables print before the signature
    (``Visit Embassy Madrid's Classified Website: http://...``, ``Please visit us at http://``)."""
    # Every such line names "visit", "http" or "for more", in some case: substring scans rule
    # most out.
    return ("isit" in stripped or "ttp" in stripped or "ISIT" in stripped or "TTP" in stripped
            or "or more" in stripped or "OR MORE" in stripped) and bool(_WEBSITE.match(stripped))


def is_label_line(stripped: str) -> bool:
    """True for a line that is only a section label (``Summary``, ``------- SUMMARY -------``,
    ``I. Summary``, ``Summary and Comment:``, ``BACKGROUND``): a heading wherever it stands."""
    return len(stripped) <= _MAX_LABEL_LINE and bool(_LABEL_LINE.match(stripped))


def collapse_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text).strip()``; str methods do it many times faster when the text
    has runs of plain spaces only (the common case)."""
    if "\t" in text or (not text.isascii() and "\u00a0" in text):  # isascii: no scan
        return _SPACES.sub(" ", text).strip()
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def is_plain_symbol_line(line: str, stripped: str) -> bool:
    """For a line that opens with no letter: True when no marker can open it (no digit, no
    pilcrow), it is no dash rule and no rule is glued to either end (a heading's sign)."""
    first = stripped[0]
    if first.isdecimal() or first in _PILCROWS:
        return False
    if first in RULE_CHARS or stripped[-1] in RULE_CHARS:
        if DASHES.match(line):
            return False
        ruled = TRAILING_RULE.search(stripped[-130:]) or LEADING_RULE.match(stripped)
        if ruled and len(heading_text(stripped)) <= MAX_UNDERLINED_HEADING:
            return False
    return True


def is_terminal(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL_CHARS)
