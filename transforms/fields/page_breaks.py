"""Page-break lines of multi-section and multi-page cables.

A telegram longer than one section is printed with a break line at every page or section:

* ``BAGHDAD 00000293 001.2 OF 002`` / ``TEL AVIV 00001005 002 OF 003`` (2005-2010 cables);
* ``PAGE 02 STATE 015113 182333Z`` / ``PAGE 03 HARARE 05461 01 OF 02 271458Z TEXT...``
  (older cables; some layouts glue the next page's text onto the break line), framed by the
  classification printed at the foot and head of every page (``LIMITED OFFICIAL USE``);
* the repeated banner of a later section
  (``C O N F I D E N T I A L SECTION 02 OF 02 ISLAMABAD 000421``), sometimes followed by the
  repeated ``SIPDIS`` / ``E.O.`` / ``TAGS`` lines of that section.

The neighbouring routing debris of an old section's first page (``ACTION AF-00``,
``INFO LOG-00 ...``, ``/006W``, ``------8A8E0D 271459Z /38``) goes too.
"""

from __future__ import annotations

import re

# Shared with the paragraph parser: the classification banner that opens a body or a section.
BANNER = re.compile(
    r"^\s{0,10}(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|T O P S E C R E T"
    r"|TOP SECRET|CONFIDENTIAL|SECRET|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)(?![A-Za-z])"
)
LATER_SECTION_BANNER = re.compile(
    BANNER.pattern + r"[^\n]{0,40}?SECTION\s{1,3}0{0,2}(?:[2-9]|[1-9]\d)\s{1,3}OF\s"
)
CLASSIFICATION_ONLY = re.compile(
    r"^\s{0,40}(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L"
    r"|S E C R E T|UNCLAS)(?:\s{1,10}[A-Z]{2,4}\d{3,5})?\s*$"
)
MARKER_START = re.compile(
    r"^\s{0,10}(?:[\u00b6\ufffd]\s?[0-9A-Za-z]{1,3}\.|\d{1,3}[.)]\s{0,3}[(A-Z])"
)
PREAMBLE_FIELD = re.compile(
    r"^\s{0,10}(?:E\.\s?O\.|EO\s\d|TAGS\b|SUBJECT\b|SUBJ:|REFS?\b|REFTELS?\b|CLASSIFIED\s{1,3}BY\b"
    r"|DERIVED\s{1,3}FROM\b)",
    re.IGNORECASE,
)
TERMINAL_CHARS = (".", "!", "?", ":", ";", '"', "'", ")", "]", "\u201d", "\u2019")

_NUMBERED_BREAK = re.compile(
    r"^\s*(?:-{5,}\s{1,4})?[A-Z][A-Za-z .'-]{1,30} \d{8}\s{1,4}\d{3}(?:\.\d{1,2})?\s{1,4}(?:OF|of)"
    r"\s{1,4}\d{3}\s*$"
)
_PAGE_BREAK = re.compile(
    r"^\s*PAGE\s{1,10}\d{2,3}\s{1,10}[A-Z][A-Z -]{0,30}?\s\d{3,6}"
    r"(?:\s{1,10}\d\d\s{1,4}OF\s{1,4}\d\d)?(?:\s{1,10}\d{6}Z)?(?=\s|$)"
)
# A numbered break printed inside a line of HTML-derived text (imitates 08BRASILIA43).
_INLINE_BREAK = re.compile(
    r"(?:\b[A-Z][A-Z.'-]{1,15}\s){1,3}\d{8}\s{1,3}\d{3}(?:\.\d{1,2})?\s{1,3}OF\s{1,3}\d{3}\b\s?"
)
# ``PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440`` (imitates 07PARIS2440)
_PAGE_ROUTED = re.compile(
    r"^\s*PAGE\s{1,10}\d{2,3}\s{1,10}R[A-Z]{4,7}\d{1,5}\s{1,4}(?=C O N F|S E C R|UNCLAS"
    r"|CONFIDENTIAL|SECRET|LIMITED)[A-Z ]{5,40}?\s[A-Z][A-Z ]{1,30}\s\d{3,6}\s*$"
)
_ROUTING_DEBRIS = re.compile(
    r"^\s*(?:(?:ACTION|INFO)\s{1,10}[A-Z]{1,6}-\d\d(?:\s|$)|/\d{3}\s?W\s*$|-{5,}[0-9A-F]{4,8}\s)"
)
_SECTION_REPEATS = re.compile(
    r"^\s*(?:SIPDIS|NOFORN|SENSITIVE|X{6,}|E\.?\s?O\.?\s{0,3}\d{5}|TAGS\b)", re.IGNORECASE
)
_DASHES = re.compile(r"^\s*-{3,}\s*$")
# A list of the cables a REF field names, its label lost before the break (07PARAMARIBO444):
# "2003 PARAMARIBO 00531, 2005 PARAMARIBO 00589" opens a line of its own, glued to nothing.
CITATION_START = re.compile(r"^(?:\d{2}|\d{4})\s[A-Z][A-Z .'-]{1,30}\s\d{3,7}(?:[,;]|\s+AND\b)")
_RULE = re.compile(r"^\s*[-=_]{3,}")  # a rule, or a ruled title ("----- Iran -----")
_MAX_SECTION_REPEATS = 8
_MAX_FRAME_LINES = 4
_TAIL_CLASSIFICATIONS = ("CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "LIMITED OFFICIAL USE")


_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_MAX_BANNER_LINE = 400
_MAX_NUMBERED_LINE = 80


def strip_page_breaks(text: str, station: str | None = None) -> str:
    """``text`` without page-break lines, losing and duplicating nothing else.

    Rules: a break line is removed with the blank lines, page-frame classification lines and
    routing debris around it; text glued after a ``PAGE NN ...Z`` stamp is kept. When the text
    before the break ends a sentence, blank lines surrounded the break and the text after starts
    a new sentence (capital, quote, paragraph marker), one blank line is kept; otherwise the two
    halves of the cut sentence are joined into one line with a single space. A later-section
    banner that is the first non-blank line (a body published from its second section) stays.
    An inline break (``... MEETING WITH AU LEADERSHIP TRIPOLI 00000562 001.2 OF 002 ...``)
    goes without the words before it that are not its station: given the cable's ``station``
    (``TRIPOLI``, as its reference id writes it), the words it is printed with there
    (``KUALA LUMP`` for ``KUALALUMPUR``, ``DUBAI`` for ``RPODUBAI``); without it, or when no
    word is, every capitalised word (up to three) before the serial. Never raises.
    """
    if not text:
        return ""
    positions = _candidate_positions(text)
    if positions is not None and not _may_change(text, positions):
        return text  # the common case: no line to look at, the text is not even split
    lines = text.split("\n")
    kept = _strip_lines(text, lines, positions, station)
    return text if kept is lines else "\n".join(kept)


def _may_change(text: str, positions: list[int]) -> bool:
    """False when no line of ``text`` is a break line nor holds an inline break: only the
    lines at ``positions`` (``_candidate_positions``) are read."""
    end = -1
    for position in positions:
        if position <= end:
            continue  # on the line read last: each line is read once (a 1 MB line holds many)
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = end if end >= 0 else len(text)
        line = text[start:end]
        if _may_break(line) and (
            _break_tail(line, True) is not None or (" OF 0" in line and _INLINE_BREAK.search(line))
        ):
            return True
    return False


def page_break_free_lines(text: str) -> tuple[list[str], str]:
    """The lines of ``strip_page_breaks(text)`` (not joined and split again) and that text."""
    lines = text.split("\n")
    kept = _strip_lines(text, lines, _candidate_positions(text)) if text else lines
    return kept, text if kept is lines else "\n".join(kept)


def _strip_lines(text: str, lines: list[str], positions: list[int] | None,
                 station: str | None = None) -> list[str]:
    """The lines of ``strip_page_breaks``; ``lines`` itself when no line is a break.
    ``positions`` is ``_candidate_positions(text)``."""
    count = len(lines)
    # Only these lines can be a break line or hold an inline break (see ``_break_tail``);
    # the runs of lines between them are copied as they are.
    candidates = _candidate_lines(text, lines, positions)
    if not candidates:
        return lines
    candidates.append(count)
    next_candidate = 0
    out: list[str] = []
    seen_text = False
    i = 0
    while i < count:
        while candidates[next_candidate] < i:
            next_candidate += 1
        plain_end = candidates[next_candidate]
        if plain_end > i:
            run = lines[i:plain_end]
            out.extend(run)
            seen_text = seen_text or any(line.strip() for line in run)
            i = plain_end
            continue
        line = lines[i]
        tail = _break_tail(line, seen_text)
        if tail is None:
            if " OF 0" in line:
                line = _INLINE_BREAK.sub(lambda found: _kept_words(found, station), line)
            out.append(line)
            seen_text = seen_text or bool(line.strip())
            i += 1
            continue
        had_blank = _pop_frame(out, is_page=line.lstrip().startswith("PAGE"))
        i += 1
        if tail.strip():
            nxt, after_next = tail.strip(), lines[i] if i < count else ""
        else:
            after_banner = bool(LATER_SECTION_BANNER.match(line))
            j, saw_blank = _skip_debris(lines, i, after_banner)
            had_blank = had_blank or saw_blank
            if j >= count or _break_tail(lines[j], True) is not None:
                i = j
                continue
            nxt, after_next = lines[j].strip(), lines[j + 1] if j + 1 < count else ""
            i = j + 1
        _rejoin(out, nxt, had_blank, after_next)
        seen_text = True
    return out


def _kept_words(found: re.Match[str], station: str | None) -> str:
    """What an inline break ``found`` leaves: the words before it that are not the station
    it names (the most words, up to three, that the squeezed ``station`` holds)."""
    words = found.group().split()[:-4]  # what remains: serial, page, OF, page count
    if station is None:
        return ""
    for count in range(len(words), 0, -1):
        if "".join(words[-count:]) in station:
            kept = words[:-count]
            return " ".join(kept) + " " if kept else ""
    return ""


def _candidate_lines(text: str, lines: list[str], positions: list[int] | None) -> list[int]:
    """Indices of the lines that may be break lines or hold an inline break, in order.

    Every break line holds "PAGE", "SECTION" or eight digits in a row (so does an inline
    break); in text of Latin-1 characters (where ``\\d`` is ``[0-9]``) those are found by
    substring scans of the whole text, and only their lines are looked at.
    """
    if positions is None:
        return [i for i, line in enumerate(lines) if _may_break(line)]
    if not positions:
        return []
    indices: list[int] = []
    index = previous = 0
    for position in positions:
        index += text.count("\n", previous, position)
        previous = position
        if (not indices or indices[-1] != index) and _may_break(lines[index]):
            indices.append(index)
    return indices


def _candidate_positions(text: str) -> list[int] | None:
    """Offsets of "PAGE", "SECTION" and eight digits in a row in ``text``, in order (what
    every break line holds); None when the text is not Latin-1 (``\\d`` is more there)."""
    try:
        digits = text.encode("latin-1").translate(_DIGITS_AS_ZERO)
    except UnicodeEncodeError:
        return None
    return sorted(
        [
            *_occurrences(text, "PAGE"),
            *_occurrences(text, "SECTION"),
            *_occurrences(digits, b"00000000"),
        ]
    )


def _occurrences(text, needle) -> list[int]:
    """Start offsets of ``needle`` in ``text`` (``str`` or ``bytes``), overlaps skipped."""
    found: list[int] = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def _may_break(line: str) -> bool:
    """False when ``line`` is surely no break line (the cheap test ``_break_tail`` opens with)."""
    return "PAGE" in line[:40] or " OF " in line or " of " in line


def _break_tail(line: str, seen_text: bool) -> str | None:
    """None when ``line`` is no break line, else the text glued after the break stamp."""
    if not _may_break(line):
        return None
    if line.lstrip().startswith("PAGE"):  # as both PAGE patterns start
        if _PAGE_ROUTED.match(line):
            return ""
        page = _PAGE_BREAK.match(line)
        if page:
            tail = line[page.end() :]
            return "" if _ROUTING_DEBRIS.match(tail) else tail
    if len(line) <= _MAX_NUMBERED_LINE and _NUMBERED_BREAK.match(line):
        return ""
    if (
        seen_text
        and len(line) <= _MAX_BANNER_LINE
        and "SECTION" in line
        and LATER_SECTION_BANNER.match(line)
    ):
        return ""
    return None


def _pop_frame(out: list[str], is_page: bool) -> bool:
    """Drop blank and page-frame lines at the end of ``out``; True when a blank was dropped."""
    had_blank = False
    dropped = 0
    while out and dropped < _MAX_FRAME_LINES * 2:
        last = out[-1]
        if not last.strip():
            had_blank = True
        elif not CLASSIFICATION_ONLY.match(last):
            break
        out.pop()
        dropped += 1
    if out and is_page:
        out[-1] = _strip_tail_classification(out[-1])
    return had_blank


def _strip_tail_classification(line: str) -> str:
    """``...SAID, IS  CONFIDENTIAL`` -> ``...SAID, IS``: an old page foot glued to its text."""
    stripped = line.rstrip()
    for word in _TAIL_CLASSIFICATIONS:
        glued = stripped.endswith(" " + word) and stripped.isupper()
        if glued or stripped.endswith("  " + word):
            return stripped[: -len(word)].rstrip()
    return line


def _skip_debris(lines: list[str], i: int, after_banner: bool) -> tuple[int, bool]:
    """The first index from ``i`` that is no blank, frame or debris line; whether a blank was."""
    repeats = 0
    saw_blank = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            saw_blank = True
        elif CLASSIFICATION_ONLY.match(line) or _ROUTING_DEBRIS.match(line):
            pass
        elif after_banner and repeats < _MAX_SECTION_REPEATS and _SECTION_REPEATS.match(line):
            repeats += 1
        else:
            break
        i += 1
    return i, saw_blank


def _rejoin(out: list[str], nxt: str, had_blank: bool, after_next: str) -> None:
    """Append ``nxt`` to ``out``: on its own line after a blank, or glued to the cut line."""
    prev = out[-1].rstrip() if out else ""
    is_marker = bool(MARKER_START.match(nxt) or PREAMBLE_FIELD.match(nxt)
                     or CITATION_START.match(nxt))
    opens = nxt[0].isupper() or nxt[0] in "\"'“("
    starts_new = is_marker or opens or bool(_DASHES.match(after_next))
    if not prev:
        out.append(nxt)
    elif _RULE.match(nxt):
        out.extend(["", nxt])  # a rule is never glued to prose: it opens a heading
    elif had_blank and (is_marker or (prev.endswith(TERMINAL_CHARS) and starts_new)):
        out.extend(["", nxt])
    elif is_marker:
        out.append(nxt)
    else:
        out[-1] = prev + " " + nxt
