"""The numbered paragraphs of a cable body, with their classification marks and headings."""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.fields.glued_titles import (
    END_LABEL,
    is_title_case,
    split_title_tails,
    trailing_title,
)
from transforms.fields.head_block import head_block, split_run_on
from transforms.fields.own_text import own_text
from transforms.fields.page_breaks import TERMINAL_CHARS
from transforms.fields.paragraph_lines import (
    BARE_MARKER,
    DASHES,
    LEADING_RULE,
    MARKER,
    MARKER_SEPS,
    MAX_CAPS_HEADING_CHARS,
    MAX_CAPS_HEADING_WORDS,
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    MAX_UNDERLINED_HEADING,
    RULE_CHARS,
    TIGHT_MARKER,
    TRAILING_RULE,
    collapse_spaces,
    heading_text,
    is_label_line,
    is_plain_symbol_line,
    is_terminal,
    is_website_line,
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
    return parse_clean_paragraphs(own_text(body))


class Body(NamedTuple):
    """What the body parser finds: the paragraphs, and the head's lines that are no field."""

    paragraphs: list[Paragraph]
    head_notes: list[str]  # office lines, handling notes, stamps (see ``head_block``)
    signers: list[str]  # the signature's names, as ``split_signature`` finds them


def parse_clean_paragraphs(text: str) -> list[Paragraph]:
    """``parse_paragraphs`` of a non-empty body that ``own_text`` made already
    (``parse_cable`` does that once for every field parser)."""
    return parse_body(text).paragraphs


def parse_body(text: str) -> Body:
    """The paragraphs and head notes of a non-empty body that ``own_text`` made already."""
    lines = text.split("\n")
    lines = split_run_on(split_title_tails(split_glued(lines, text)))
    head = head_block(lines)
    content, signers = split_signature(lines[head.end :])
    if signers and content:
        content = _without_signature_copy(content, signers)
    builder = _Builder()
    paragraphs = builder.run(content)
    return Body(paragraphs, head.notes + builder.notes, signers)


def _without_signature_copy(content: list[str], signers: list[str]) -> list[str]:
    """``content`` without a signer's name printed again at the end of its last line (``...
    Department of Homeland Security PEKALA`` / ``PEKALA``, ``... let me know. Bassett``): in
    capitals after text in mixed case, or after a sentence end. Other lines are left as they
    are."""
    last = len(content) - 1
    # (above the footer the signature split leaves at the end: from its first website line)
    for index in range(max(0, len(content) - _FOOTER_LINES), len(content)):
        if is_website_line(content[index].strip()):
            last = index - 1
            break
    while last >= 0 and (not content[last].strip() or DASHES.match(content[last])):
        last -= 1
    if last < 0:
        return content
    line = content[last].rstrip()
    for name in signers:
        if len(name) < 3 or not line.upper().endswith(" " + name.upper()):
            continue
        before, glued = line[: -len(name)].rstrip(), line[-len(name) :]
        if (glued.isupper() and not before.isupper()) or before.endswith((".", "!", "?", ")")):
            return [*content[:last], before, *content[last + 1 :]]
    return content


# A block that opens with a section label opens a paragraph, even below a numbered one.
_LABEL_OPENER = re.compile(r"(?:COMMENT|Comment|SUMMARY|Summary)\s?(?::|--)\s")
_GLUED_NUMBER = re.compile(r"[a-z\")\]][.!?]\s{1,3}(\d{1,2})\.\s{1,3}(?=[A-Z\"(])")
_DAMAGED_MARK = re.compile(r"(U|C|S|TS|SBU)\)\s+(?=[A-Z])")
_WEBSITE_FIRST = frozenset("VvPphFf*\"")
_AFTER_MARK = re.compile(r"^[:;,.)\]-]+(?=\s|$)")
_LONE_CAVEATS = frozenset(("SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "NODIS", "LIMDIS"))
_PILCROW_FIRST = frozenset("\u00b6\ufffd")
_TITLE_FRAMES = frozenset(("//", "))", "--", "**", "=="))
_ANY_CASE_FRAMES = frozenset(("//", "))"))
_BOXED_LINES = 2
_FOOTER_LINES = 8
_BOXED_LINE_CHARS = 60


def _may_title_marker(stripped: str, nxt: str) -> bool:
    """The cheap half of "``stripped`` is a title above the marker line ``nxt``": short, no
    stop at its end, and ``nxt`` opens with a pilcrow or a digit."""
    first = nxt.lstrip()[:1]
    return (
        (first in _PILCROW_FIRST or first.isdigit())
        and len(stripped) <= MAX_HEADING_CHARS
        and not stripped.endswith(TERMINAL_CHARS)
        and (stripped[0].isupper() or stripped[0] in "\"'\u201c")
        and bool(stripped.replace("X", "").strip(" .-"))  # a redaction is no title
    )


def _is_bare_label(parts: list[str]) -> bool:
    """True for a paragraph whose whole text is a section label (``Summary.``)."""
    return len(parts) == 1 and is_label_line(parts[0])


class _Builder:
    """Turns the content lines of a body into paragraphs, one line at a time."""

    __slots__ = (
        "after_website",
        "blank_before",
        "blank_seen",
        "block_start",
        "heading",
        "heading_new",
        "in_website",
        "last_number",
        "notes",
        "opened_after_heading",
        "paragraphs",
        "style",
    )

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str | None, str | None, str | None, list[str]]] = []
        self.heading: str | None = None
        self.heading_new = False  # a heading came since the last paragraph opened
        self.blank_seen = False  # a blank line came since the last heading
        self.opened_after_heading = False  # the last unnumbered block opened under a heading
        self.notes: list[str] = []  # lines that are no paragraph text: the post's website line
        self.in_website = False  # the lines of a website note run on to a blank line
        self.after_website = False  # a website note came, and no paragraph opened since
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
        # the next paragraph's number glued after a sentence ("... Ivai. 3. The CODEL ...")
        needle = ". 1. "
        for line, nxt in zip(lines, [*lines[1:], ""], strict=False):  # "": after the last
            stripped = line.strip()
            if not stripped or stripped == "-":  # old cables part paragraphs with a lone "-"
                blank_before = self.blank_before = True
                self.block_start = None  # a rule under a blank line underlines nothing
                self.blank_seen = True
                self.in_website = False
                continue
            if self.in_website:  # the website line's own continuation: "State Department's
                self.notes[-1] = f"{self.notes[-1]} {stripped}"  # Classified SIPRNET website."
                continue
            if not blank_before and parts is not None:
                # Fast path for the common line, one more line of prose: it opens no paragraph
                # (a word, as a letter marker needs ``.``/``)`` right after it, or a symbol that
                # opens no marker), it is no dash rule, no rule is glued to it and the next line
                # is none (so it is no heading, no blank line coming before it either).
                # ``feed`` would append it to the current paragraph all the same.
                if stripped[0].isalpha():
                    plain = stripped[1:2] not in seps and stripped[-1] not in rules
                    plain = plain and stripped not in _LONE_CAVEATS
                else:
                    plain = is_plain_symbol_line(line, stripped)
                if plain and stripped[0] in _WEBSITE_FIRST and is_website_line(stripped):
                    self._website(stripped)  # "Visit ... Classified Website: http..."
                    continue
                if plain and (
                    nxt[:1].isalpha()  # the common next line, to spare the tests below
                    or not ((nxt[:30].lstrip()[:1] in rules and dashes.match(nxt))
                            or _may_title_marker(stripped, nxt))
                ):
                    if needle in stripped and self._glued_next(parts, stripped, nxt):
                        parts = paragraphs[-1][3]
                        needle = f". {self.last_number + 1}. "
                        continue
                    parts.append(stripped)
                    self.block_start = None
                    continue
            self.feed(line, stripped, nxt)
            blank_before = self.blank_before
            parts = paragraphs[-1][3] if paragraphs else None
            needle = f". {self.last_number + 1}. "
        if self.heading_new and self.heading:
            self.notes.append(self.heading)  # a title line after the last paragraph
        return [
            Paragraph(number, mark, heading, collapse_spaces(" ".join(parts)))
            for number, mark, heading, parts in paragraphs
            if number is not None or "".join(parts).strip()
        ]

    def feed(self, line: str, stripped: str, nxt: str) -> None:
        """Take one non-blank ``line`` (``stripped`` is ``line.strip()``), ``nxt`` after it."""
        if stripped[0] in RULE_CHARS and DASHES.match(line):
            self._underline()
            self.blank_before = True  # a rule parts blocks as a blank line does
            return
        marker = MARKER.match(line) or TIGHT_MARKER.match(line)
        if marker is None and stripped[0].isdecimal():
            bare = BARE_MARKER.match(line)  # only the next number, as nothing else says it
            marker = bare if bare and number_value(bare["num"]) == self.last_number + 1 else None
        rest = line[marker.end() :] if marker else ""
        mark = parse_mark(rest) if marker else (None, "")
        if marker and self._accepts(marker, rest, mark[0]):
            self._start(marker.group("num"), marker.group("sep"), rest, mark)
        elif is_label_line(stripped) or self._is_heading(stripped, nxt):
            if is_website_line(stripped):
                self._website(stripped)
                return
            title = stripped
            if nxt[:30].lstrip()[:1] in RULE_CHARS and DASHES.match(nxt):
                title = self._title_begun_above(title)  # an underlined title begun above
            self._set_heading(heading_text(title))
            return
        else:
            self._text(stripped)
        self.blank_before = False

    def _set_heading(self, heading: str) -> None:
        """A heading line: it applies from the next paragraph on, and parts blocks. Heading
        lines with no paragraph between join: a wrapped one with a space, a section heading
        and the subsection heading under it with `` / ``."""
        if self.heading_new and self.heading and heading:
            heading = f"{self.heading}{' / ' if self.blank_seen else ' '}{heading}"
        self.heading = heading or self.heading
        self.heading_new = True
        self.blank_seen = False
        self.block_start = None
        self.blank_before = True

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

    def _prev_redacted(self) -> bool:
        parts = self.paragraphs[-1][3] if self.paragraphs else []
        return bool(parts) and parts[-1].endswith("XXXX")

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
        if mark is None and not num.isalpha():
            damaged = _DAMAGED_MARK.match(text.lstrip())  # "¶1.  C)  Summary" (08MEXICO714)
            if damaged:
                mark, text = damaged.group(1).upper(), text.lstrip()[damaged.end() :]
        if mark:  # "(C):  Text", "(C//NF)) Text", "(C). Text"
            text = _AFTER_MARK.sub("", text.strip())
        text = text.strip()
        parts: list[str] = []
        previous = self.paragraphs[-1] if self.paragraphs else None
        if previous and previous[0] == num and _is_bare_label(previous[3]):
            self.paragraphs.pop()  # "1. (C) Summary. 1. (C) Summary. The ...": printed twice
        self.paragraphs.append((num, mark, self.heading, parts))
        self.block_start = None
        self.heading_new = False
        self.after_website = False
        if text and not (num.isdecimal() and self._glued_next(parts, text, "")):
            parts.append(text)

    def _glued_next(self, parts: list[str], stripped: str, nxt: str) -> bool:
        """When the next paragraph's number is glued after a sentence of ``stripped`` (``...
        Ivai. 3. The CODEL took ...``, 06SAOPAULO352): its text up to there joins ``parts``,
        the rest opens that paragraph; False (and nothing done) otherwise."""
        if self.style != "num":
            return False
        glued = _GLUED_NUMBER.search(stripped)
        while glued is not None and number_value(glued[1]) != self.last_number + 1:
            glued = _GLUED_NUMBER.search(stripped, glued.end())
        if glued is None:
            return False
        parts.append(stripped[: glued.start(1)].rstrip())
        self.blank_before = False
        self.feed(stripped[glued.start(1) :], stripped[glued.start(1) :], nxt)
        return True

    def _website(self, stripped: str) -> None:
        """The post's website footer: a note, its lines up to a blank line with it, and the
        rule of stars framing it off the paragraph above."""
        parts = self.paragraphs[-1][3] if self.paragraphs else []
        while parts and not parts[-1].strip("* "):
            parts.pop()
        self.notes.append(stripped)
        self.in_website = True
        self.after_website = True

    def _text(self, stripped: str) -> None:
        website = is_website_line(stripped) or (
            self.after_website and self.blank_before and "site" in stripped.lower())
        if website:  # (a block after the footer that names the site is the footer's too)
            self._website(stripped)
            return
        if not stripped.strip("* ") and self.after_website:
            return  # the footer's closing rule of stars
        if stripped in _LONE_CAVEATS:
            return  # "SIPDIS" the system printed amid a paragraph: a caveat, in ``caveats``
        current = self.paragraphs[-1] if self.paragraphs else None
        bullet = stripped.startswith(("-", "*", "o ", "\u2022"))
        # A block without marker opens a paragraph of its own at the start, after a heading,
        # or in a run of unnumbered blocks; else it continues the numbered paragraph above. A
        # label that closes a section ("END TEXT") closes the paragraph above: it opens none.
        opens = current is None or (self.blank_before and (
            self.heading_new or (current[0] is None and not bullet)
            or bool(_LABEL_OPENER.match(stripped)))  # "COMMENT: We consider ..." (72TEHRAN5055)
            and not END_LABEL.fullmatch(stripped))
        if opens:
            mark, text = parse_mark(stripped)
            self.paragraphs.append((None, mark, self.heading, [text.strip()]))
            # a block right after a heading may still turn out to be a (sub)heading itself
            self.opened_after_heading = self.heading_new
            self.heading_new = False
            self.after_website = False
        else:
            current[3].append(stripped)
        if self.blank_before:
            self.block_start = (len(self.paragraphs) - 1, len(self.paragraphs[-1][3]) - 1)
        elif self.block_start is not None and len(stripped) > _BOXED_LINE_CHARS:
            self.block_start = None  # a second short line may still box a heading: kept

    def _underline(self) -> None:
        """A dash line: the block just above it (one line, or two short ones boxed between
        rules: a name and a title) becomes the heading."""
        if self.block_start is None:
            return
        index, part = self.block_start
        number, _, _, parts = self.paragraphs[index]
        lines = parts[part:]
        if index != len(self.paragraphs) - 1 or not 0 < len(lines) <= _BOXED_LINES:
            return
        if len(lines) > 1 and any(
            len(line) > _BOXED_LINE_CHARS or is_terminal(line) for line in lines
        ):
            return
        title = " ".join(lines)
        if len(title) > MAX_UNDERLINED_HEADING:
            return
        del parts[part:]
        if number is None and not parts:
            self.paragraphs.pop()
            # the section heading above this one still stands: the two join
            self.heading_new = self.opened_after_heading or self.heading_new
        if len(lines) == 1:
            title = self._title_begun_above(title)
        self._set_heading(heading_text(title))

    def _title_begun_above(self, title: str) -> str:
        """``title`` with the start of it glued to the end of the text above, if any (that
        text loses it)."""
        if not self.paragraphs or not self.paragraphs[-1][3]:
            return title
        above = self.paragraphs[-1][3]
        cut = trailing_title(above[-1])
        if cut is None:
            return title
        start, above[-1] = above[-1][cut:].strip(), above[-1][:cut].rstrip()
        return f"{start} {title}"

    def _is_heading(self, stripped: str, nxt: str) -> bool:
        nxt_ruled = nxt[:30].lstrip()[:1] in RULE_CHARS and DASHES.match(nxt)
        if nxt_ruled and (self.blank_before or self._prev_terminal()):
            return len(stripped) <= MAX_UNDERLINED_HEADING
        if stripped[-1] in RULE_CHARS or stripped[0] in RULE_CHARS:
            trailing = TRAILING_RULE.search(stripped[-130:])
            leading = LEADING_RULE.match(stripped)
            if (trailing or leading) and len(heading_text(stripped)) <= MAX_UNDERLINED_HEADING:
                # framed by rules on both sides ("------ Health ------"): a title wherever
                return bool(trailing and leading) or self.blank_before or self._prev_terminal()
        frame = stripped[:2]
        if frame in _TITLE_FRAMES and stripped[-2:] == frame and len(stripped) > 4:
            # "//BACKGROUND ON THE CASE//" (09MADRID392), "))COMMENT: ...))"; dashes frame an
            # aside in prose too ("-- Consequently, the Diyanet is ... --"): capitals only
            return frame in _ANY_CASE_FRAMES or stripped.isupper()
        if END_LABEL.fullmatch(stripped):
            return False  # "END SUMMARY" closes a section: never a title
        if not self.blank_before and self.paragraphs:
            # a title on a line of its own right above a paragraph marker, after a sentence
            # (or a redaction) ended: in Title Case or capitals, short, with no stop
            return (
                _may_title_marker(stripped, nxt)
                and (self._prev_terminal() or self._prev_redacted())
                and len(stripped.split()) <= MAX_HEADING_WORDS
                and (stripped.isupper() or is_title_case(stripped.split()))
                and bool(MARKER.match(nxt))
            )
        # an ALL-CAPS line alone between blank lines may be a long section title
        caps = stripped.isupper() and not nxt.strip()
        words = len(stripped.split())
        if len(stripped) > (MAX_CAPS_HEADING_CHARS if caps else MAX_HEADING_CHARS) or words > (
            MAX_CAPS_HEADING_WORDS if caps else MAX_HEADING_WORDS
        ):
            return False
        if stripped.endswith((".", ",", ";", ":")):
            return False
        if not (stripped[0].isupper() or stripped[0] in "\"'“"):
            return False
        nxt_ok = not nxt.strip() or bool(MARKER.match(nxt))
        return nxt_ok and (not self.paragraphs or self._prev_terminal())
