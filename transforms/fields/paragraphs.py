"""The numbered paragraphs of a cable body, with their classification marks and headings."""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.fields.corruption import strip_dump_rows
from transforms.fields.page_breaks import page_break_free_lines, strip_page_breaks
from transforms.fields.paragraph_lines import (
    DASHES,
    LEADING_RULE,
    MARKER,
    MARKER_SEPS,
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    MAX_UNDERLINED_HEADING,
    RULE_CHARS,
    TRAILING_RULE,
    body_start,
    collapse_spaces,
    heading_text,
    is_plain_symbol_line,
    is_terminal,
    number_value,
    parse_mark,
    split_glued,
)
from transforms.fields.signers import split_signature


# A NamedTuple, not a frozen dataclass: as immutable, and built ~2.5x faster (tens of
# thousands per 5,000 cables).
class Paragraph(NamedTuple):
    """One paragraph of a cable body."""

    number: str | None  # as printed: "1", "10", "A", "3a"; None for unnumbered blocks
    classification: str | None  # the mark without parens: "C", "SBU", "S//NF"
    heading: str | None  # the section heading in force
    text: str  # marker and mark removed, hard line breaks joined with single spaces


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
        lines, text = page_break_free_lines(text)
    lines = split_glued(lines, text)
    start = body_start(lines)
    content, _ = split_signature(lines[start:])
    return _Builder().run(content)


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
        # Locals for what every line reads: ``blank_before`` mirrors ``self.blank_before``
        # (``feed`` leaves it False), ``parts`` is the last paragraph's (None before one).
        seps, rules, dashes = MARKER_SEPS, RULE_CHARS, DASHES
        blank_before = True
        parts: list[str] | None = None
        for line, nxt in zip(lines, [*lines[1:], ""], strict=False):  # "": after the last
            stripped = line.strip()
            if not stripped:
                blank_before = self.blank_before = True
                continue
            if not blank_before and parts is not None:
                # Fast path for the common line, one more line of prose: it opens no paragraph
                # (a word, as a letter marker needs ``.``/``)`` right after it, or a symbol that
                # opens no marker), it is no dash rule, no rule is glued to it and the next line
                # is none (so it is no heading, no blank line coming before it either).
                # ``feed`` would append it to the current paragraph all the same.
                if stripped[0].isalpha():
                    plain = stripped[1:2] not in seps and stripped[-1] not in rules
                else:
                    plain = is_plain_symbol_line(line, stripped)
                if plain and (
                    nxt[:1].isalpha()  # the common next line, to spare the test below
                    or not (nxt[:30].lstrip()[:1] in rules and dashes.match(nxt))
                ):
                    parts.append(stripped)
                    self.block_start = None
                    continue
            self.feed(line, stripped, nxt)
            blank_before = False
            parts = paragraphs[-1][3] if paragraphs else None
        return [
            Paragraph(number, mark, heading, collapse_spaces(" ".join(parts)))
            for number, mark, heading, parts in paragraphs
            if number is not None or "".join(parts).strip()
        ]

    def feed(self, line: str, stripped: str, nxt: str) -> None:
        """Take one non-blank ``line`` (``stripped`` is ``line.strip()``), ``nxt`` after it."""
        if stripped[0] in RULE_CHARS and DASHES.match(line):
            self._underline()
            self.blank_before = False
            return
        marker = MARKER.match(line)
        rest = line[marker.end() :] if marker else ""
        mark = parse_mark(rest) if marker else (None, "")
        if marker and self._accepts(marker, rest, mark[0]):
            self._start(marker.group("num"), marker.group("sep"), rest, mark)
        elif self._is_heading(stripped, nxt):
            self.heading = heading_text(stripped)
            self.block_start = None
        else:
            self._text(stripped)
        self.blank_before = False

    def _accepts(self, marker: re.Match[str], rest: str, mark: str | None) -> bool:
        """True when ``marker`` opens a top-level paragraph (see ``parse_paragraphs``); ``rest``
        is the line after it, ``mark`` the classification mark ``rest`` opens with."""
        num, sep, pil = marker.group("num"), marker.group("sep"), bool(marker.group("pil"))
        if num.isalpha():
            if num.islower() or self.style not in (None, "letter"):
                return False
            wanted = "A" if self.style is None else chr(ord(self.last_letter()) + 1)
            return num == wanted and (pil or bool(rest[:1].isupper() or mark))
        kind = "paren" if sep == ")" else "num"
        explicit = pil or bool(mark)
        if kind == "num" and explicit:
            return True  # a marked number opens a paragraph even after lettered ones
        if self.style not in (None, kind):
            return False
        value = number_value(num)
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
        return bool(parts) and is_terminal(parts[-1])

    def _start(self, num: str, sep: str, rest: str, marked: tuple[str | None, str]) -> None:
        """Open paragraph ``num``; ``marked`` is ``parse_mark(rest)``."""
        mark, text = parse_mark(rest.lstrip()) if rest[:1].isspace() else marked
        if num.isalpha():
            self.style = "letter"
        else:
            kind = "paren" if sep == ")" else "num"
            self.style = kind if self.style in (None, "letter") else self.style
            self.last_number = number_value(num)
        parts = [text.strip()] if text.strip() else []
        self.paragraphs.append((num, mark, self.heading, parts))
        self.block_start = None

    def _text(self, stripped: str) -> None:
        current = self.paragraphs[-1] if self.paragraphs else None
        bullet = stripped.startswith(("-", "*", "o ", "\u2022"))
        if current is None or (current[0] is None and self.blank_before and not bullet):
            mark, text = parse_mark(stripped)
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
        if len(title) > MAX_UNDERLINED_HEADING:
            parts.append(title)
            return
        if number is None and not parts:
            self.paragraphs.pop()
        self.heading = heading_text(title)
        self.block_start = None

    def _is_heading(self, stripped: str, nxt: str) -> bool:
        nxt_ruled = nxt[:30].lstrip()[:1] in RULE_CHARS and DASHES.match(nxt)
        if nxt_ruled and (self.blank_before or self._prev_terminal()):
            return len(stripped) <= MAX_UNDERLINED_HEADING
        if stripped[-1] in RULE_CHARS or stripped[0] in RULE_CHARS:
            ruled = TRAILING_RULE.search(stripped[-130:]) or LEADING_RULE.match(stripped)
            if ruled and len(stripped) <= MAX_UNDERLINED_HEADING + 40:
                return self.blank_before or self._prev_terminal()
        if not self.blank_before and self.paragraphs:
            return False
        if len(stripped) > MAX_HEADING_CHARS or len(stripped.split()) > MAX_HEADING_WORDS:
            return False
        if stripped.endswith((".", ",", ";", ":")):
            return False
        if not (stripped[0].isupper() or stripped[0] in "\"'“"):
            return False
        nxt_ok = not nxt.strip() or bool(MARKER.match(nxt))
        return nxt_ok and (not self.paragraphs or self._prev_terminal())
