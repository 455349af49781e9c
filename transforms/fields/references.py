"""The REF block of a cable body: ``REF: A. STATE 1234 B. 07 ROME 55`` -> ``Reference`` rows.

The block is found in the head of the body (before paragraph 1) and cut at ``Classified By``,
paragraph 1 or a summary banner, at most ``_MAX_BLOCK_CHARS`` long. It is then read by a token
scanner, never by one regex over the body: cablemap's reference regex took seconds on some
cables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.fields.hints import search_near_word
from transforms.fields.ids import (
    MULTIWORD_STATIONS,
    STATION_ALIASES,
    cable_id_from_parts,
    canonical_cable_id,
)


def _words(text: str) -> list[str]:
    return text.split()


_HEAD_CHARS = 15_000  # routing header + banner + caveats + subject fit easily
_MAX_BLOCK_CHARS = 3_000
_MAX_STATION_WORDS = 5

# "REF:", "REFS:", "Ref(s):", "REFTEL:", "REFERENCES:", "REF A:"; glued "...PRIMEREF:" too.
# Searched with ``search_near_word``: every match holds "ref" after a run of spaces and tabs.
_REF_START = re.compile(
    r"(?:(?<![A-Za-z])(?i:ref(?:erences?|tels?|s)?)|(?<=[A-Z])REFS?)"
    r"(?:[ \t]?\((?i:s)\))?[ \t]*:"
    r"|(?m:^)[ \t]*(?:REFS?|REFTELS?|Refs?)[ \t]+(?=[A-Z][.):][ \t]|\([A-Z]\)|\d)"
)
_PARAGRAPH_ONE = re.compile(
    r"¶[ \t]*1\b|(?m:^)[ \t]*1[ \t]?[.)]|\b1[ \t]?\.[ \t]?\((?:U|C|S|SBU|S/NF|C/NF|TS)\)"
)
# Inside one line: what follows the REF block when it is glued onto the same line.
_INLINE_END = re.compile(
    r"(?i:classified[ \t]+by\b|sensitive[ \t]+but[ \t]+unclassified)|¶[ \t]*\d"
    r"|\b1[ \t]?\.[ \t]?\((?:U|C|S|SBU|S/NF|C/NF|TS)\)|\bE\.[ \t]?O\.[ \t]?1|\bTAGS:|\bSUBJECT:"
)
# A line that starts paragraph 1 or a banner ends the block.
_LINE_END = re.compile(
    r"[ \t]*(?:1[ \t]?[.)]|SUMMARY\b|Summary:|BEGIN SUMMARY|E\.[ \t]?O\.|TAGS\b|_{5}|-{5})"
)
# After a blank line the block goes on only with another reference: "B. ...", "(B)", "REF",
# "05 ROME 123"; "(U)" opens an unnumbered paragraph (06REYKJAVIK421).
_CONTINUES = re.compile(
    r"[ \t]*(?:¶[ \t]*)?(?:[A-Za-z][.):][ \t]|\((?!U\))[A-Za-z]\)|\[[A-Za-z]\]|REF"
    r"|(?:\d{2}|\d{4})?[ \t]?[A-Z][A-Z ]{1,30}[ \t]\d{1,7}\b)"
)
# Page breaks of the original print run, e.g. "PAGE 02 ROME 01196 01 OF 02 082030Z", and
# the running head of multi-section cables, "TRIPOLI 00000402 001.2 OF 003".
_PAGE_BREAK = re.compile(
    r"(?:\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s{1,8})?"
    r"\bPAGE[ \t]+\d{1,3}\b[^\n]{0,80}?\b\d{6}Z\b"
)
_RUNNING_HEAD = re.compile(
    r"(?:\b[A-Z]{2,20}(?:[ \t][A-Z]{2,20}){0,3}[ \t]{1,8})?"
    r"\b0{2,}\d{1,6}\s{1,8}\d{3}(?:\.\d)?\s{1,4}OF\s{1,4}\d{3}\b"
)
# "TRIPOLI 00000268" is the running head when 268 is this cable's own serial (09TRIPOLI268),
# a real reference otherwise ("REF: RECIFE 00000074" in 05RECIFE78).
_PADDED_SERIAL = re.compile(
    r"(?:\b[A-Z]{2,20}(?:[ \t][A-Z]{2,20}){0,3}[ \t]{1,8})?\b(?=\d{8}\b)0{3,}(\d{1,5})\b"
)
_BANNER_SERIAL = re.compile(r"\b0\d{5,7}\b")
_GLUED_STATION = re.compile(r"(?P<station>[A-Za-z]{3,30})(?P<number>\d{1,6})")

_TOKEN = re.compile(
    r"(?P<glued>\d{2,4}[A-Za-z]{3,30}\d{1,7})(?![A-Za-z0-9])"
    r"|(?P<date>\d{1,4}(?:[/.]\d{1,4}){1,2})(?!\d)"
    r"|(?P<num>\d{1,12})(?:-(?P<suffix>\d{2}))?(?![A-Za-z0-9]|-[A-Za-z])"
    r"|(?P<junk>\d[A-Za-z0-9]{0,40})"
    r"|(?P<word>[A-Za-z][A-Za-z0-9']{0,40}(?:-[A-Za-z][A-Za-z0-9']{0,40}){0,4}\.?)"
    r"|(?P<punct>\S)"
)
_WHITESPACE = re.compile(r"\s+")

# Words before a number that never name a station ("IIR 6 866", "PARA 4", "NOV 2").
_NOT_STATIONS: frozenset[str] = frozenset(
    _words(
        """
        AND OR OF THE TO FOR IN ON AT BY NO NR NUMBER NUMBERS PARA PARAS PARAGRAPH PARAGRAPHS
        PAGE PAGES SECTION SECTIONS ITEM ITEMS ARTICLE ARTICLES ANNEX CHAPTER TITLE RESOLUTION
        UNSCR UNSC IIR DTG MSG MESSAGE EMAIL MAIL TELCON TELECON MEMCON MEMO REPORT REPORTS
        LETTER NOTE DIPNOTE CASE FILE FLIGHT ROOM FY EO CIRCULAR REF REFS REFTEL REFTELS ALSO
        SEE PREVIOUS TOTAL ABOUT SOME LAW DECREE BILL ACT RULE RULES CODE EXT EXTENSION PHONE
        FAX TEL ZIP BOX JAN JANUARY FEB FEBRUARY MAR MARCH APR APRIL MAY JUN JUNE JUL JULY AUG
        AUGUST SEP SEPT SEPTEMBER OCT OCTOBER NOV NOVEMBER DEC DECEMBER MONDAY TUESDAY WEDNESDAY
        THURSDAY FRIDAY SATURDAY SUNDAY YEAR YEARS DAY DAYS WEEK WEEKS CONFIDENTIAL SECRET
        UNCLASSIFIED UNCLAS NOFORN SIPDIS NOTAL NODIS EXDIS LIMDIS ROGER POINTS TALKING DATED
        SENT VIA FROM
        """
    )
)
_CONNECTORS = frozenset({"AND", "&", ","})

# Keyword -> kind for references that name no cable; first hit in this order wins.
_KIND_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("email", frozenset({"EMAIL", "E-MAIL", "EMAILS", "E-MAILS", "MAIL"})),
    (
        "telcon",
        frozenset(
            {
                "TELCON",
                "TELCONS",
                "TELECON",
                "TELECONS",
                "PHONE",
                "TELEPHONE",
                "CALL",
                "VTC",
                "TELECONFERENCE",
            }
        ),
    ),
    ("memcon", frozenset({"MEMCON", "MEMCONS", "MEMORANDUM", "MEMO", "MEMOS"})),
    (
        "report",
        frozenset(
            {
                "REPORT",
                "REPORTS",
                "IIR",
                "DAO",
                "USDAO",
                "OSC",
                "FBIS",
                "INTSUM",
                "SITREP",
                "STUDY",
                "ASSESSMENT",
            }
        ),
    ),
    ("meeting", frozenset({"MEETING", "MEETINGS", "MTG", "DISCUSSION", "CONVERSATION"})),
    ("letter", frozenset({"LETTER", "LETTERS", "LTR", "NOTE", "DIPNOTE", "FAX"})),
)


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a REF block."""

    letter: str | None  # "A" for "A. STATE 1234", "A)", "(A)", "[A]", "A:"; "1" for "1. ROME 1902"
    text: str  # the reference as written, whitespace collapsed
    referenced_cable_id: str | None  # canonical id when it names a cable, else None
    kind: str  # cable | email | telcon | memcon | report | meeting | letter | other


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int
    suffix: str | None = None


def parse_references(body: str, cable_year: int | None) -> list[Reference]:
    """Return the references of the REF block in the head of ``body``, in written order.

    Rules: the block starts at ``REF:``/``REFS:``/``REFTEL:``/``Ref(s):``/``REF A)`` before
    paragraph 1 and ends at ``Classified By``, paragraph 1, ``SUMMARY`` or after 3,000 chars.
    Letters ``A.``, ``A)``, ``(A)``, ``[A]``, ``A:`` split it into lettered references; without
    letters it is split at ``;`` and at every cable named. A cable is ``[year] STATION NUMBER``
    with the year written ``05``/``2005`` before, ``-05`` or ``(05)`` after, else ``cable_year``;
    ``X AND 123`` reuses X's station. Everything else becomes a reference of the kind its
    keywords say (``EMAIL`` -> email, ``IIR`` -> report ...) with ``referenced_cable_id`` None.
    """
    if not isinstance(body, str):
        return []
    block = _ref_block(body)
    if not block:
        return []
    tokens = [_token(match) for match in _TOKEN.finditer(block) if match.group() != "¶"]
    references: list[Reference] = []
    for letter, segment in _segments(tokens):
        references.extend(_read_segment(block, letter, segment, cable_year))
    return _dedupe(references)


def _ref_block(body: str) -> str:
    head = body[:_HEAD_CHARS]
    paragraph_one = _PARAGRAPH_ONE.search(head)
    limit = paragraph_one.start() if paragraph_one else len(head)
    start = search_near_word(_REF_START, head, b"ref", 0, " \t", 0, limit)
    block = ""
    for _attempt in range(2):
        if start is None:
            return block
        block, truncated_at = _block_from(head, start.end())
        if truncated_at is None:
            break
        # A "partial extract" record shows a preview cut at "..." and then the full head.
        start = search_near_word(_REF_START, head, b"ref", 0, " \t", truncated_at)
    if block.strip().upper() == "NONE":
        return ""
    # Each pattern below needs a literal piece ("PAGE"; "00" and "OF"; "000"): a block without
    # it is not scanned, as these scans are slow on the long blocks.
    if "PAGE" in block:
        block = _PAGE_BREAK.sub(" ", block)
    if "00" in block and "OF" in block:
        block = _RUNNING_HEAD.sub(" ", block)
    if "000" not in block:
        return block
    own_serials = {int(serial) for serial in _BANNER_SERIAL.findall(head, 0, start.start())}
    return _PADDED_SERIAL.sub(
        lambda match: " " if int(match[1]) in own_serials else match.group(), block
    )


def _block_from(head: str, position: int) -> tuple[str, int | None]:
    """Return the block text from ``position`` and where a "..." preview cut it, if it did."""
    kept: list[str] = []
    after_blank = False
    offset = position
    for line in head[position : position + _MAX_BLOCK_CHARS].split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            after_blank = bool(kept)
            continue
        if kept and (_LINE_END.match(line) or (after_blank and not _CONTINUES.match(line))):
            break
        if line.rstrip().endswith("..."):
            kept.append(line.rstrip()[:-3])
            return "\n".join(kept), line_start + len(line)
        end = _INLINE_END.search(line)
        kept.append(line[: end.start()] if end else line)
        if end is not None:
            break
        after_blank = False
    return "\n".join(kept), None


def _token(match: re.Match[str]) -> _Token:
    kind = match.lastgroup or "punct"
    if kind == "suffix":
        kind = "num"
    text = match.group(kind) if kind != "num" else match["num"]
    return _Token(kind, text, match.start(), match.end(), match["suffix"])


def _marker_letter(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """Return (letter, tokens consumed) when a reference letter starts at ``index``."""
    token = tokens[index]
    if token.kind == "word" and len(token.text) == 2 and token.text[1] == ".":
        return token.text[0].upper(), 1
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return None
    adjacent = following.start == token.end
    if token.kind == "word" and len(token.text) == 1 and following.text in ").:" and adjacent:
        return token.text.upper(), 2
    if token.kind == "num" and len(token.text) <= 2 and following.text in ".)" and adjacent:
        return str(int(token.text)), 2
    closing = tokens[index + 2] if index + 2 < len(tokens) else None
    if (
        token.text in "(["
        and closing is not None
        and following.kind == "word"
        and len(following.text) == 1
        and closing.text in ")]"
    ):
        return following.text.upper(), 3
    return None


def _segments(tokens: list[_Token]) -> list[tuple[str | None, list[_Token]]]:
    """Split tokens at reference letters (A, B, C ... never going back), else at ``;``."""
    segments: list[tuple[str | None, list[_Token]]] = [(None, [])]
    current: str | None = None
    index = 0
    while index < len(tokens):
        marker = _marker_letter(tokens, index)
        if marker is not None and _letter_follows(current, marker[0]):
            letter, consumed = marker
            if current == letter and not segments[-1][1]:
                index += consumed  # "A. A) SECSTATE 54183": one letter written twice
                continue
            segments.append((letter, []))
            current = letter
            index += consumed
            continue
        if current is None and tokens[index].text == ";":
            segments.append((None, []))
        else:
            segments[-1][1].append(tokens[index])
        index += 1
    return [(letter, part) for letter, part in segments if part or letter]


def _letter_follows(current: str | None, letter: str) -> bool:
    # Letters never go back; "B) ... B)" happens, gaps (A, B, D) too. Numbers ("1. ROME 1902,
    # 2. STATE 31565", 85STATE38496) must count up by one, or they would eat serials.
    if letter.isdigit():
        if current is None:
            return letter == "1"
        return current.isdigit() and int(letter) == int(current) + 1
    if current is None:
        return letter in "AB"
    return current.isalpha() and current <= letter


def _read_segment(
    block: str, letter: str | None, tokens: list[_Token], cable_year: int | None
) -> list[Reference]:
    text = _segment_text(block, tokens)
    if not text:
        return []
    found = _cables_in(tokens, cable_year)
    if not found:
        return [Reference(letter, text, None, _kind_of(tokens))]
    if len(found) == 1:
        cable_id, _start, _end = found[0]
        return [Reference(letter, text, cable_id, "cable")]
    return [
        Reference(letter, _WHITESPACE.sub(" ", block[start:end]), cable_id, "cable")
        for cable_id, start, end in found
    ]


def _segment_text(block: str, tokens: list[_Token]) -> str:
    if not tokens:
        return ""
    raw = block[tokens[0].start : tokens[-1].end]
    return _WHITESPACE.sub(" ", raw).strip(" ;,.:-")


def _cables_in(tokens: list[_Token], cable_year: int | None) -> list[tuple[str | None, int, int]]:
    """Return (cable id or None when the year is unknown, start, end) for each cable named."""
    found: list[tuple[str | None, int, int]] = []
    last_station: tuple[str, str | int | None, int] | None = None  # station, year, token index
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "glued":
            cable_id = canonical_cable_id(token.text)
            if cable_id is not None:
                found.append((cable_id, token.start, token.end))
        elif token.kind == "word" and (glued := _GLUED_STATION.fullmatch(token.text)):
            station = glued["station"].upper()
            after_word = index > 0 and tokens[index - 1].kind == "word"  # "Sao Paulo4 2"
            if station not in _NOT_STATION_WORDS and not after_word:
                year = _year_before(tokens, index) or cable_year
                cable_id = cable_id_from_parts(year, station, glued["number"])
                if cable_id is not None:
                    found.append((cable_id, token.start, token.end))
        elif token.kind == "num" and _is_serial(token.text):
            station, first = _station_before(tokens, index)
            year: str | int | None = None
            if station is not None:
                year = _year_before(tokens, first)
                first -= year is not None
            elif last_station is not None and _joined_to(tokens, index, last_station[2]):
                station, year, first = last_station[0], last_station[1], index
            if station is not None:
                suffix, consumed = _year_after(tokens, index)
                year = suffix or year or cable_year
                cable_id = cable_id_from_parts(year, station, token.text)
                if cable_id is not None or year is None:
                    found.append((cable_id, tokens[first].start, tokens[index + consumed].end))
                    last_station = (station, year, index + consumed)
                    index += consumed
        index += 1
    return found


def _is_serial(text: str) -> bool:
    return len(text) <= 8 and 0 < int(text) <= 999_999


_NOT_STATION_WORDS = _NOT_STATIONS.union(
    *(keywords for _kind, keywords in _KIND_KEYWORDS),
    (word.replace("-", "") for _kind, keywords in _KIND_KEYWORDS for word in keywords),
)


def _station_before(tokens: list[_Token], index: int) -> tuple[str | None, int]:
    """Return the station named by the words right before ``tokens[index]`` and its first token."""
    words: list[str] = []
    position = index - 1
    while position >= 0 and len(words) < _MAX_STATION_WORDS:
        token = tokens[position]
        if token.kind != "word" or token.text.endswith("."):
            break
        words.insert(0, token.text.upper().replace("-", "").replace("'", ""))
        position -= 1
    for size in range(len(words), 1, -1):
        joined = "".join(words[-size:])
        if joined in MULTIWORD_STATIONS or joined in STATION_ALIASES:
            return joined, index - size
    if words:
        last = words[-1]
        if last.isalpha() and len(last) >= 3 and last not in _NOT_STATION_WORDS:
            return last, index - 1
    return None, index


def _year_before(tokens: list[_Token], first: int) -> str | None:
    if first == 0:
        return None
    token = tokens[first - 1]
    if token.kind == "num" and _is_year(token.text):
        return token.text
    return None


def _year_after(tokens: list[_Token], index: int) -> tuple[str | None, int]:
    """``ROME 123-05`` and ``ROME 123 (05)``: a year written after the number."""
    token = tokens[index]
    if token.suffix is not None:
        return token.suffix, 0
    window = tokens[index + 1 : index + 4]
    if (
        len(window) == 3
        and window[0].text == "("
        and window[2].text == ")"
        and window[1].kind == "num"
        and len(window[1].text) == 2
    ):
        return window[1].text, 3
    return None, 0


def _is_year(text: str) -> bool:
    return len(text) == 2 or (len(text) == 4 and text[:2] in ("19", "20"))


def _joined_to(tokens: list[_Token], index: int, previous_end: int) -> bool:
    """``STATE 123 AND 456``: the number follows a connector right after the last cable."""
    return (
        index >= 2 and index - 2 == previous_end and tokens[index - 1].text.upper() in (_CONNECTORS)
    )


def _kind_of(tokens: list[_Token]) -> str:
    words = {token.text.upper().rstrip(".") for token in tokens if token.kind == "word"}
    for kind, keywords in _KIND_KEYWORDS:
        if words & keywords:
            return kind
    return "other"


def _dedupe(references: list[Reference]) -> list[Reference]:
    seen: set[tuple[str | None, str | None, str]] = set()
    unique: list[Reference] = []
    for reference in references:
        key = (reference.letter, reference.referenced_cable_id, reference.text)
        if key not in seen:
            seen.add(key)
            unique.append(reference)
    return unique
