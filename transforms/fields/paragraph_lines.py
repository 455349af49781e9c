"""How the paragraph parser reads one line of a body, and where the body's preamble ends.

A line may open a paragraph (a marker such as ``¶1.``, ``1.(C)``, ``A.``), carry a
classification mark (``(C)``, ``(S//NF)``), be a dash rule or a heading; the preamble (banner,
caveats, E.O., TAGS, SUBJECT, REF, Classified By) comes before the first paragraph. The state
machine that turns lines into paragraphs is ``paragraphs._Builder``.
"""

from __future__ import annotations

import functools
import re

from transforms.fields.page_breaks import BANNER, PREAMBLE_FIELD, TERMINAL_CHARS

MARKER = re.compile(
    r"^\s{0,12}(?P<pil>[\u00b6\ufffd]\s?)?(?P<num>\d{1,3}[A-Za-z]?|[A-Za-z])(?P<sep>[.)])"
    r"(?=[\s(]|$)[ \t]{0,12}"
)
_MARK = re.compile(r"^\(\s?([A-Za-z][A-Za-z/ ]{0,38}?)\s?\)")
_MARK_LEVELS = frozenset({"U", "C", "S", "TS", "SBU", "LOU", "FOUO", "CUI", "NF"})
# A paragraph marker glued after the previous sentence (press and HTML versions).
_GLUED_MARKER = re.compile(
    r"(?<=[.!?\"”’)\]])\s{1,6}(?=[\u00b6\ufffd]\s?\d{1,3}\.\s|\d{1,3}\.\s{0,3}\((?:U|C|S|TS|SBU)[/)])"
)
# ``_GLUED_MARKER`` without its lookarounds: the same lines match it, but the regex engine
# scans for the leading character class fast, so it tests a line before splitting it.
_GLUED_HINT = re.compile(
    r"[.!?\"”’)\]]\s{1,6}(?:[\u00b6\ufffd]\s?\d{1,3}\.\s|\d{1,3}\.\s{0,3}\((?:U|C|S|TS|SBU)[/)])"
)
# ``_GLUED_HINT`` on a whole text: a match never crosses a line end, as on one line.
_GLUED_HINT_IN_TEXT = re.compile(_GLUED_HINT.pattern.replace(r"\s", r"[^\S\n]"))
_HINT_BEFORE, _HINT_AFTER = 14, 8  # see ``_glued_lines``
_GLUED_MARK_TAILS = ("U/", "U)", "C/", "C)", "S/", "S)", "TS/", "TS)", "SBU/", "SBU)")
DASHES = re.compile(r"^\s{0,20}[-=_]{3,}[-=_ ]{0,120}$")
TRAILING_RULE = re.compile(r"\s[-=_]{5,}\s*$")
LEADING_RULE = re.compile(r"^[-=_]{5,}\s")
RULE_CHARS = ("-", "=", "_")
_SPACES = re.compile(r"[ \t\u00a0]+")
MARKER_SEPS = (".", ")")
_PILCROWS = ("\u00b6", "\ufffd")
_FIELD_CONTINUATION = {"E": 2, "T": 3, "S": 4, "R": 15, "C": 4, "D": 3}
_REF_ITEM = re.compile(
    r"^\s{0,12}[\u00b6]?\s?\(?[A-Z]\)?[.)]?\s{1,6}(?:\d\d\s)?[A-Z][A-Z .'/-]{1,30}\s\d"
)
_CAVEAT = re.compile(
    r"(?:sensitive but unclassified|please (?:protect|handle) accordingly|not for internet"
    r"|^\s{0,10}(?:\(U\)\s)?(?:SBU|NOFORN|SIPDIS|SENSITIVE|EXDIS|NODIS|LIMDIS)\b)",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\s{0,10}[A-Z][a-z]{2,8}day, \d{1,2} [A-Z][a-z]{2,8} \d{4}, \d\d:\d\d")
_CAPS_LINE = re.compile(r"^[A-Z0-9 ,;:/&().'-]{2,100}$")
_PREAMBLE_SCAN = 80
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 90
MAX_UNDERLINED_HEADING = 120


def split_glued(lines: list[str], text: str) -> list[str]:
    """``lines`` (those of ``text``) with a paragraph marker glued after a sentence (``... it.
    2. (C) Next``) split off onto a line of its own."""
    out: list[str] = []
    done = 0
    for i in _glued_lines(text):
        line = lines[i]
        if ("¶" in line or "(" in line) and len(line) > 40:
            out += lines[done:i]
            out += _GLUED_MARKER.split(line)
            done = i + 1
    if not done:
        return lines
    out += lines[done:]
    return out


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


def _field_kind(line: str) -> str | None:
    """First letter of the preamble field ``line`` opens (E, T, S, R, C, D), or None."""
    match = PREAMBLE_FIELD.match(line)
    if not match:
        return None
    word = match.group(0).strip().upper()
    return "E" if word.startswith(("E.", "EO")) else word[0]


def body_start(lines: list[str]) -> int:
    """Index of the first line after the preamble.

    The preamble ends after the last field block (a field line and up to a few continuation
    lines, REF items after blank lines) found before the first marked paragraph; once a field
    was seen, any other line but a caveat (``Sensitive but unclassified ...``) ends it.
    """
    limit = min(len(lines), _PREAMBLE_SCAN)
    last_field_end = -1
    kind: str | None = None
    budget = 0
    for i in range(limit):
        line = lines[i]
        if not line.strip():
            kind = "r" if kind in ("R", "r") else None
            continue
        if _starts_paragraph(line) and not (kind == "R" and budget > 0 and _is_ref_item(line)):
            break
        new_kind = _field_kind(line)
        if new_kind:
            kind, budget, last_field_end = new_kind, _FIELD_CONTINUATION[new_kind], i
        elif kind in _FIELD_CONTINUATION and budget > 0 and _continues(kind, lines[i - 1], line):
            budget -= 1
            last_field_end = i
        elif kind == "r" and _REF_ITEM.match(line):
            last_field_end = i
        elif last_field_end >= 0:
            if not (len(line) < 200 and _CAVEAT.search(line[:120])):
                break
            kind, last_field_end = None, i
    if last_field_end < 0:
        return _skip_banner(lines, 0)
    return _skip_caveats(lines, last_field_end + 1)


def _continues(kind: str, previous: str, line: str) -> bool:
    """True when ``line`` continues the field block of ``kind`` whose last line is ``previous``."""
    if kind in ("C", "E", "D") and previous.rstrip().endswith("."):
        return False
    return kind != "T" or bool(_CAPS_LINE.match(line.strip()))


def _is_ref_item(line: str) -> bool:
    """``¶B. LIMA 248`` inside a REF block: a lettered item without a classification mark."""
    marker = MARKER.match(line)
    return bool(marker and marker.group("num").isalpha() and not _mark_of(line))


def _starts_paragraph(line: str) -> bool:
    marker = MARKER.match(line)
    return bool(marker and (marker.group("pil") or _mark_of(line)))


def _skip_banner(lines: list[str], i: int) -> int:
    """After the banner, caps caveat lines and press dateline of a body without fields."""
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped and not (
            BANNER.match(line)
            or _DATELINE.match(line)
            or _CAVEAT.match(stripped)
            or (
                _CAPS_LINE.match(stripped)
                and len(stripped.split()) <= 6
                and not MARKER.match(line)
                and i + 1 < len(lines)
                and not lines[i + 1].strip()
                and BANNER.match(lines[0] if lines[0].strip() else "x")
            )
        ):
            break
        i += 1
    return i


def _skip_caveats(lines: list[str], i: int) -> int:
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not (len(stripped) < 200 and _CAVEAT.search(stripped[:120])):
            break
        i += 1
    return i


def _mark_of(line: str) -> str | None:
    marker = MARKER.match(line)
    rest = line[marker.end() :] if marker else line.lstrip()
    return parse_mark(rest)[0]


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
    return mark if mark.split("/")[0].strip() in _MARK_LEVELS else None


def number_value(number: str) -> int:
    """``3`` for a numeric marker ``3`` or ``3a`` (``int`` of its digits, as ``\\D`` removes)."""
    # A numeric marker is one to three digits and at most one ASCII letter after them.
    return int(number if number[-1].isdecimal() else number[:-1])


def heading_text(line: str) -> str:
    """A heading without the dash rules glued to it."""
    text = LEADING_RULE.sub("", TRAILING_RULE.sub("", line[-250:]))
    return text.strip()


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
        if ruled and len(stripped) <= MAX_UNDERLINED_HEADING + 40:
            return False
    return True


def is_terminal(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL_CHARS)
