"""The numbered paragraphs of a cable body, with their classification marks and headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.fields.corruption import strip_dump_rows
from transforms.fields.page_breaks import (
    BANNER,
    PREAMBLE_FIELD,
    TERMINAL_CHARS,
    page_break_free_lines,
    strip_page_breaks,
)
from transforms.fields.signers import split_signature


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a cable body."""

    number: str | None  # as printed: "1", "10", "A", "3a"; None for unnumbered blocks
    classification: str | None  # the mark without parens: "C", "SBU", "S//NF"
    heading: str | None  # the section heading in force
    text: str  # marker and mark removed, hard line breaks joined with single spaces


_MARKER = re.compile(
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
_DASHES = re.compile(r"^\s{0,20}[-=_]{3,}[-=_ ]{0,120}$")
_TRAILING_RULE = re.compile(r"\s[-=_]{5,}\s*$")
_LEADING_RULE = re.compile(r"^[-=_]{5,}\s")
_RULE_CHARS = ("-", "=", "_")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MARKER_SEPS = (".", ")")
_NON_DIGITS = re.compile(r"\D")
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
_MAX_HEADING_WORDS = 10
_MAX_HEADING_CHARS = 90
_MAX_UNDERLINED_HEADING = 120


def parse_paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of ``body`` (the text after the routing header), in order.

    Rules: dump rows and page breaks are removed first; the preamble (banner, caveats, E.O.,
    TAGS, SUBJECT, REF, Classified By with their continuation lines) and the signature are
    skipped. A paragraph starts at a marker (``¶1.``, ``1.(C)``, plain ``1.`` when it follows on
    from the previous number, ``1)`` in cables numbered so, ``¶A.``/``A.`` only in cables whose
    top level is lettered); its optional mark (``(C)``, ``(S//NF)``, ``(c)`` -> ``C``) is
    removed. Other marker styles (lettered sub-items, ``--`` bullets) stay in their paragraph.
    A heading is a line underlined with dashes, or a short title line (≤ 10 words, no final
    period or comma) standing alone between paragraphs; it applies to the paragraphs after it.
    A line block without marker continues the previous numbered paragraph; in a cable without
    numbering every blank-line block is one unnumbered paragraph. Never raises.
    """
    if not body:
        return []
    return parse_clean_paragraphs(strip_dump_rows(body))


def parse_clean_paragraphs(text: str) -> list[Paragraph]:
    """``parse_paragraphs`` of a non-empty body whose dump rows ``strip_dump_rows`` removed
    already (``parse_cable`` has done that for every field parser)."""
    if "\r" in text:
        text = strip_page_breaks(text).replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
    else:  # no line end to normalise: the lines as ``strip_page_breaks`` makes them
        lines = page_break_free_lines(text)
    lines = _split_glued(lines)
    start = _body_start(lines)
    content, _ = split_signature(lines[start:])
    return _Builder().run(content)


def _split_glued(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if ("¶" in line or "(" in line) and len(line) > 40 and _GLUED_HINT.search(line):
            out.extend(_GLUED_MARKER.split(line))
        else:
            out.append(line)
    return out


def _field_kind(line: str) -> str | None:
    """First letter of the preamble field ``line`` opens (E, T, S, R, C, D), or None."""
    match = PREAMBLE_FIELD.match(line)
    if not match:
        return None
    word = match.group(0).strip().upper()
    return "E" if word.startswith(("E.", "EO")) else word[0]


def _body_start(lines: list[str]) -> int:
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
    marker = _MARKER.match(line)
    return bool(marker and marker.group("num").isalpha() and not _mark_of(line))


def _starts_paragraph(line: str) -> bool:
    marker = _MARKER.match(line)
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
                and not _MARKER.match(line)
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
    marker = _MARKER.match(line)
    rest = line[marker.end() :] if marker else line.lstrip()
    return _parse_mark(rest)[0]


def _parse_mark(text: str) -> tuple[str | None, str]:
    """(the classification mark at the start of ``text``, the text after it)."""
    match = _MARK.match(text)
    if not match:
        return None, text
    mark = _SPACES.sub(" ", match.group(1).upper()).replace(" /", "/").replace("/ ", "/")
    if mark.split("/")[0].strip() not in _MARK_LEVELS:
        return None, text
    return mark, text[match.end() :]


def _heading_text(line: str) -> str:
    """A heading without the dash rules glued to it."""
    text = _LEADING_RULE.sub("", _TRAILING_RULE.sub("", line[-250:]))
    return text.strip()


def _collapse_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text).strip()``; str methods do it many times faster when the text
    has runs of plain spaces only (the common case)."""
    if "\t" in text or "\u00a0" in text:
        return _SPACES.sub(" ", text).strip()
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def _is_plain_symbol_line(line: str, stripped: str) -> bool:
    """For a line that opens with no letter: True when no marker can open it (no digit, no
    pilcrow), it is no dash rule and no rule is glued to either end (a heading's sign)."""
    first = stripped[0]
    if first.isdecimal() or first in _PILCROWS:
        return False
    if first in _RULE_CHARS or stripped[-1] in _RULE_CHARS:
        if _DASHES.match(line):
            return False
        ruled = _TRAILING_RULE.search(stripped[-130:]) or _LEADING_RULE.match(stripped)
        if ruled and len(stripped) <= _MAX_UNDERLINED_HEADING + 40:
            return False
    return True


def _is_terminal(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL_CHARS)


class _Builder:
    """Turns the content lines of a body into paragraphs, one line at a time."""

    __slots__ = ("blank_before", "block_start", "heading", "last_number", "paragraphs", "style")

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str | None, str | None, str | None, list[str]]] = []
        self.heading: str | None = None
        self.style: str | None = None  # "num", "paren" or "letter": the top-level markers
        self.last_number = 0
        self.blank_before = True
        self.block_start: tuple[int, int] | None = None  # a block's first line, if heading-like

    def run(self, lines: list[str]) -> list[Paragraph]:
        paragraphs = self.paragraphs
        for line, nxt in zip(lines, [*lines[1:], ""], strict=False):  # "": after the last
            if not line or line.isspace():
                self.blank_before = True
                continue
            if not self.blank_before and paragraphs:
                # Fast path for the common line, one more line of prose: it opens no paragraph
                # (a word, as a letter marker needs ``.``/``)`` right after it, or a symbol that
                # opens no marker), it is no dash rule, no rule is glued to it and the next line
                # is none (so it is no heading, no blank line coming before it either).
                # ``feed`` would append it to the current paragraph all the same.
                stripped = line.strip()
                if stripped[0].isalpha():
                    plain = stripped[1:2] not in _MARKER_SEPS and stripped[-1] not in _RULE_CHARS
                else:
                    plain = _is_plain_symbol_line(line, stripped)
                if plain and (
                    nxt[:1].isalpha()  # the common next line, to spare the test below
                    or not (nxt[:30].lstrip()[:1] in _RULE_CHARS and _DASHES.match(nxt))
                ):
                    paragraphs[-1][3].append(stripped)
                    self.block_start = None
                    continue
            self.feed(line, nxt)
        return [
            Paragraph(number, mark, heading, _collapse_spaces(" ".join(parts)))
            for number, mark, heading, parts in paragraphs
            if number is not None or "".join(parts).strip()
        ]

    def feed(self, line: str, nxt: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.blank_before = True
            return
        if stripped[0] in _RULE_CHARS and _DASHES.match(line):
            self._underline()
            self.blank_before = False
            return
        marker = _MARKER.match(line)
        if marker and self._accepts(marker, line):
            self._start(marker.group("num"), marker.group("sep"), line[marker.end() :])
        elif self._is_heading(stripped, nxt):
            self.heading = _heading_text(stripped)
            self.block_start = None
        else:
            self._text(stripped)
        self.blank_before = False

    def _accepts(self, marker: re.Match[str], line: str) -> bool:
        """True when ``marker`` opens a top-level paragraph (see ``parse_paragraphs``)."""
        num, sep, pil = marker.group("num"), marker.group("sep"), bool(marker.group("pil"))
        rest = line[marker.end() :]
        if num.isalpha():
            if num.islower() or self.style not in (None, "letter"):
                return False
            wanted = "A" if self.style is None else chr(ord(self.last_letter()) + 1)
            return num == wanted and (pil or bool(rest[:1].isupper() or _parse_mark(rest)[0]))
        kind = "paren" if sep == ")" else "num"
        explicit = pil or bool(_parse_mark(rest)[0])
        if kind == "num" and explicit:
            return True  # a marked number opens a paragraph even after lettered ones
        if self.style not in (None, kind):
            return False
        value = int(_NON_DIGITS.sub("", num))
        follows = value in (self.last_number + 1, self.last_number) or self.style is None
        prev_ok = self.blank_before or not self.paragraphs or self._prev_terminal()
        return follows and prev_ok and (rest[:1].isupper() or rest[:1] in "\"'“")

    def last_letter(self) -> str:
        for number, *_ in reversed(self.paragraphs):
            if number and number.isalpha():
                return number
        return "@"

    def _prev_terminal(self) -> bool:
        parts = self.paragraphs[-1][3] if self.paragraphs else []
        return bool(parts) and _is_terminal(parts[-1])

    def _start(self, num: str, sep: str, rest: str) -> None:
        mark, text = _parse_mark(rest.lstrip())
        if num.isalpha():
            self.style = "letter"
        else:
            kind = "paren" if sep == ")" else "num"
            self.style = kind if self.style in (None, "letter") else self.style
            self.last_number = int(_NON_DIGITS.sub("", num))
        parts = [text.strip()] if text.strip() else []
        self.paragraphs.append((num, mark, self.heading, parts))
        self.block_start = None

    def _text(self, stripped: str) -> None:
        current = self.paragraphs[-1] if self.paragraphs else None
        bullet = stripped.startswith(("-", "*", "o ", "\u2022"))
        if current is None or (current[0] is None and self.blank_before and not bullet):
            mark, text = _parse_mark(stripped)
            self.paragraphs.append((None, mark, self.heading, [text.strip()]))
        else:
            current[3].append(stripped)
        if self.blank_before:
            self.block_start = (len(self.paragraphs) - 1, len(self.paragraphs[-1][3]) - 1)
        else:
            self.block_start = None

    def _underline(self) -> None:
        """A dash line: the one-line block just above it becomes the heading."""
        if self.block_start is None:
            return
        index, part = self.block_start
        number, _, _, parts = self.paragraphs[index]
        if part != len(parts) - 1 or index != len(self.paragraphs) - 1:
            return
        title = parts.pop()
        if len(title) > _MAX_UNDERLINED_HEADING:
            parts.append(title)
            return
        if number is None and not parts:
            self.paragraphs.pop()
        self.heading = _heading_text(title)
        self.block_start = None

    def _is_heading(self, stripped: str, nxt: str) -> bool:
        nxt_ruled = nxt[:30].lstrip()[:1] in _RULE_CHARS and _DASHES.match(nxt)
        if nxt_ruled and (self.blank_before or self._prev_terminal()):
            return len(stripped) <= _MAX_UNDERLINED_HEADING
        if stripped[-1] in _RULE_CHARS or stripped[0] in _RULE_CHARS:
            ruled = _TRAILING_RULE.search(stripped[-130:]) or _LEADING_RULE.match(stripped)
            if ruled and len(stripped) <= _MAX_UNDERLINED_HEADING + 40:
                return self.blank_before or self._prev_terminal()
        if not self.blank_before and self.paragraphs:
            return False
        if len(stripped) > _MAX_HEADING_CHARS or len(stripped.split()) > _MAX_HEADING_WORDS:
            return False
        if stripped.endswith((".", ",", ";", ":")):
            return False
        if not (stripped[0].isupper() or stripped[0] in "\"'“"):
            return False
        nxt_ok = not nxt.strip() or bool(_MARKER.match(nxt))
        return nxt_ok and (not self.paragraphs or self._prev_terminal())
