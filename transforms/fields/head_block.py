"""The head of a cable body: where it ends, and its lines that are no field of their own.

The head is everything before the first paragraph: the banner, the partial-extract notice,
caveats (``SIPDIS``, ``SENSITIVE BUT UNCLASSIFIED``), office lines (``DEPT FOR EUR/WE``,
``PASS TO USTR``), archive stamps, and the field blocks (E.O., TAGS, SUBJECT, REF,
Classified By, DECL) with their continuation lines. Wrapped tails of a field
(``Classified By: Pol Chief J. Smith,`` / ``for reasons 1.4 (b) and (d).``, REF items after
blank lines, ``¶B. STATE 12345``) belong to their field, never to a paragraph.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from transforms.fields.page_breaks import BANNER, CITATION_START

_SCAN_LINES = 120  # the head of any real cable is shorter; a scan never reads further
_MARK = (
    r"\((?:TS|S|C|U|SBU|LOU|FOUO|CUI|NF)(?:\s?/{1,2}\s?[A-Z]{1,6}(?:\s[A-Z]{2,4}){0,3}){0,3}\s?\)"
)
_MARKED = re.compile(
    r"^\s{0,12}(?:[\u00b6\ufffd]\s?(?:\d{1,3}[A-Za-z]?|[A-Za-z])\s?[.)]"
    rf"|(?:\d{{1,3}}[A-Za-z]?|[A-Za-z])\s?[.)]\s{{0,6}}{_MARK}"
    rf"|{_MARK}\s)",
    re.IGNORECASE,
)
# Paragraph 1 numbered plainly, as 1960s-1980s cables and some later ones print it.
_PLAIN_ONE = re.compile(r"^\s{0,12}1\s?[.)]\s{1,6}[A-Z\"'(]")
# A lettered or unlettered REF item: "¶B. STATE 12345", "(B) 07 ROME 55", "C) EMAIL OF 3/4".
_REF_ITEM = re.compile(
    r"^\s{0,12}(?:[\u00b6\ufffd]\s?)?(?:\(?[A-Za-z]\)|[A-Za-z][.:]|\[[A-Za-z]\])\s{0,6}\S"
    r"|^\s{0,12}(?:\d{2}|\d{4})?\s?[A-Z][A-Z .'-]{1,30}\s\d{1,7}\b[^\n]{0,30}$"
)
# Labels are upper-case, or Title-case with their colon: "reftel resolution." opening a line
# of prose is no REF field (07SANJOSE1503); a lower-cased copy writes "tags:", "subject:".
_FIELD_LABEL = re.compile(
    r"^\s{0,10}(?:\(\w{1,4}(?:/{1,2}\w{1,4})?\)\s{0,3})?(?:"
    r"(?P<E>(?i:E\.?\s?[O0]\.?\s{0,3}1\d{4}|EO\s?1\d{4}|E\.\s?O\.))"
    r"|(?P<T>TAGS?\b|TAGE\b|Tags\b|(?i:tags?)\s{0,3}:)"
    r"|(?P<S>SUBJECT\b|SUBJ\b|(?i:subj(?:ect)?)\s{0,3}:)"
    r"|(?P<R>REF(?:S|TELS?|ERENCES?)?\b|REF\.|(?i:refs?|reftels?|references?|ref\(s\))\s{0,3}:)"
    r"|(?P<C>(?i:classifi?ed\s{1,3}by)|CLASSIFIED\s*$|BY\s{0,2}:)"
    r"|(?P<D>DECL(?:ASSIFY)?\b\s{0,3}(?:ON\b)?\s{0,3}:?|(?i:declassify\s{1,3}on)\s{0,3}:"
    r"|DERIVED\s{1,3}FROM\b|(?i:derived\s{1,3}from)\s{0,3}:|DNG\b))"
)
# A lettered REF item that names a cable: "(C) 2005 STATE 117165", "B) 07 BRASILIA 1868".
_REF_CITATION = re.compile(
    r"^\s{0,12}(?:[\u00b6\ufffd]\s?)?(?:\(?[A-Za-z]\)|[A-Za-z][.:])\s{0,6}(?:\(?[A-Za-z]\)\s{0,3})?"
    r"(?:\d{2}|\d{4})?\s?(?:[A-Z][A-Z .'-]{1,30}\s\d{1,7}\b"
    r"|[A-Z][A-Za-z .'-]{1,30}\s\d{1,7}[;,.]?\s*$)"  # "(C) Sao Paulo 319": a line of its own
)
_DOUBLED_LETTER = re.compile(r"^\s{0,12}[\u00b6\ufffd]?\s?\(?([A-Za-z])[.):]\s{0,6}\(\1\)")
_MARK_NEAR_START = re.compile(_MARK, re.IGNORECASE)
_LABEL_WORD = re.compile(
    r"^\W{0,3}(?:(?:EXECUTIVE\s|BEGIN\s)?SUMMARY|COMMENT|BACKGROUND|INTRODUCTION|ACTION\sREQUEST)\b",
    re.IGNORECASE,
)
# A field label glued inside a line of the head (HTML-derived copies flatten the head).
_GLUED_LABEL = re.compile(
    r"\s(?:(?P<C>Classified\s{1,3}By\b|CLASSIFIED\s{1,3}BY\b)|(?P<R>REFS?\s?:|REF\s[A-Z][.)]\s)"
    r"|(?P<T>TAGS\s?:)|(?P<S>SUBJECT\s?:)|(?P<E>E\.\s?O\.\s?1\d{4}\s?:?\s{0,3}(?:DECL|N/A)))"
)
# A paragraph run on after a field on the same line: "REF: STATE 12345 1. (SBU) Summary: ...",
# "Classified By: X, 1.4 (d). (C) The minister ..." (imitates 08BAKU761, 05DUSHANBE1870).
_RUN_ON = re.compile(
    rf"\s+(?=[\u00b6\ufffd]\s?\d{{1,3}}\s?[.)]|\d{{1,3}}\s?[.)]\s{{0,6}}{_MARK}|1\.[A-Z][a-z]"
    rf"|\d{{1,3}}\s?[.)]\s{{1,6}}(?:SUMMARY|Summary)\b)|(?<=[a-z0-9)\]]\.)\s+(?={_MARK}\s+[A-Z])"
    # a mark before a word of mixed-case prose: "REF: STATE 5535 (U) We delivered ..."
    rf"|\s+(?={_MARK}\s+(?-i:[A-Z][a-z]))",
    re.IGNORECASE,
)
# The reasons of a Classified By line, whole: "1.4 (b) and (d).", "1.4 b, d", "1.5 B & D".
_REASONS_TAIL = re.compile(
    r"1\s?[.,]\s?[2-6]\s?(?:\(\s?[a-hA-H]\s?\)|[a-hA-H](?![A-Za-z]))"
    r"(?:\s?(?:,|and|AND|&|/|or)?\s?(?:\(\s?[a-hA-H]\s?\)|[a-hA-H](?![A-Za-z])))*\s?\)?\.?"
)
# What opens a paragraph run on after whole reasons: a mark, or a sentence of mixed case.
_AFTER_REASONS = re.compile(rf"\s+(?={_MARK}\s+[A-Z]|(?-i:[A-Z][a-z]+\s+[a-z]))", re.IGNORECASE)
# A REF field inside a line, and a sentence of mixed-case prose after the number that ends
# its citation: the text run on after the field.
_REF_IN_LINE = re.compile(r"\bREF(?:TELS?|S)?\s?:\s")
_AFTER_REF = re.compile(r"(?<=\d)[.;]?\s+(?=[A-Z][a-z]+,?\s+[a-z]{2,}\s+[a-z])")
_PROSE_START = re.compile(r"^\s{0,10}[A-Z][a-z]+,?\s+[a-z]{2,}\s+[a-z]")
# A line that only says why the cable is classified, after (or wrapped from) Classified By.
_REASONS_LINE = re.compile(
    r"^\s{0,10}(?:\(?(?:for\s+)?reas?ons?\b|\(?[a-h]\)(?:\s|,|$|\s?and|\()|1\s?[.,]\s?[2-6]\b"
    r"|and\s\(?[a-h]\)|E\.?\s?O\.?\s?12958)",
    re.IGNORECASE,
)
# What a Classified By line can wrap onto a line of its own: "(d).", ")", ").", "d (d)", "/d)."
_REASONS_SCRAP = re.compile(r"^\s{0,10}(?:(?:and|AND|&|or)\s)?[a-hA-H()/.,;& ]{1,12}\s*$")
_REASONS_DONE = re.compile(
    r"1\s?[.,]\s?[2-6][^\n]{0,15}?(?<![A-Za-z])[a-hA-H](?![A-Za-z])|\([a-hA-H]\)\s*\.?\s*$"
)
_DECL_LINE = re.compile(r"^\s{0,10}(?:DECL|DNG|DECLASSIFY|X\d|OADR|N/A|\d{1,2}/\d{1,2}/\d{2,4})",
                        re.IGNORECASE)
_TAG_LINE = re.compile(r"^[A-Z0-9 ,;:/&().'\\-]{2,100}$")
_CAVEAT = re.compile(
    r"sensitive\s+but\s+unclassified|please\s+(?:protect|handle)\s+accordingly|not\s+for\s+"
    r"(?:internet|release|distribution)|^\(?(?:U|SBU)\)?\s{0,3}$"
    r"|^\W{0,3}(?:\(U\)\s)?(?:SBU|NOFORN|SIPDIS|SENSITIVE|EXDIS|NODIS|LIMDIS|STADIS|TERREP"
    r"|NOCONTRACT|ORCON|PROPIN|REL\s+TO|FOR\s+OFFICIAL\s+USE\s+ONLY|E\s?F\s?T\s?O|CXN?[A-Z]+"
    r"|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s{1,3}C\s?O\s?P\s?Y)\b",
    re.IGNORECASE,
)
# A banner of a copy the release lower-cased: "S e c r e t section 01 of 02 nairobi 002497".
# Banners damaged or lower-cased: "E C R E T SANAA 000473", "S e c r e t section 01 of 02".
_LOWER_BANNER = re.compile(
    r"^(?:C?\s?O N F I D E N T I A L|S?\s?E\s?C R E T|U? ?N C L A S|C O N F I D E N T I A"
    r"|S E C R E)\b",
    re.IGNORECASE,
)
# A banner without its classification (a repeated head): "TRIPOLI 000362 SIPDIS".
_STATION_SERIAL = re.compile(
    r"^[A-Z][A-Z .'-]{1,30}\s\d{6}(?:\s+(?:SIPDIS|NOFORN|SENSITIVE)\b.*)?$"
)
_DATELINE = re.compile(r"^\s{0,10}[A-Z][a-z]{2,8}day, \d{1,2} [A-Z][a-z]{2,8} \d{4}, \d\d:\d\d")
_NOTICE = re.compile(r"this record is a partial extract of the original cable", re.IGNORECASE)
_CLASSIFICATION_ONLY = re.compile(
    r"^\W{0,3}(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|TOP SECRET)"
    r"(?://[A-Z /]+)?\W{0,3}$"
)
_WRAPPED_CHARS = 100
_REF_ITEM_CHARS = 120
_NOTE_WORDS = 4
_HEAD_LINE_CHARS = 400
_LOOKAHEAD = 8  # lines after a field that a later field may still claim as head notes
# Caveat words a flattened head glues before an office line: "SIPDISDEPT FOR EUR/RUS".
_LEADING_CAVEATS = re.compile(
    r"^(?:(?:SIPDIS|NOFORN|SENSITIVE(?!\s+BUT\b)|EXDIS|NODIS|LIMDIS)[\s,]*)+(?=[A-Z]|$)"
)
# Routing lines, a dump record's fields and rules a body may repeat: debris, no note.
_NO_NOTE = re.compile(
    r"^(?:(?:TO|INFO|FM|XMT|DE)\s|R[A-Z]{3,6}/|ZEN/|VZCZC|ZNY\s|ZNR\s|(?:RR|PP|OO|ZZ)(?:\s|$)"
    r"|[ZOPR]\s+(?:R[A-Z]{4,6}\b|\d{6}Z)|\d{4}-\d\d-\d\d(?:\s|$)|\d{1,2}/\d{1,2}/\d{4}\s"
    r"|(?:Embassy|Consulate|Mission|US Delegation)\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?$"
    r"|(?:AMEMBASSY|AMCONSUL|USMISSION|SECSTATE|USDEL|USINT)\s[A-Z ]{2,40}\s(?:FLASH|IMMEDIATE"
    r"|PRIORITY|ROUTINE)\b|\d{3,9}$|\d\d[A-Z][A-Z0-9-]{2,40}\d$"  # an addressee, a row id, a refid
    r"|[-=_*\s]+$)"
)
# The rest of a REF list wrapped onto the next line: "AND 00131", "2007 LIMA 12".
_CITATION_TAIL = re.compile(
    r"^\s{0,10}(?:(?:AND|and|&)\s+)?(?:(?:\d{2}|\d{4})\s[A-Z][A-Z .'-]{1,30}\s)?"
    r"\d{3,7}\b[\s,;]*(?:$|AND\b)"
)
_HANDLING_NOTE = re.compile(
    r"^\W{0,3}(?:this\s+(?:cable|message)\s+is\s+)?sensitive\s+but\s+unclas", re.IGNORECASE
)
_BARE_SUBJECT = re.compile(r"\s{0,10}(?i:subj(?:ect)?)\s{0,3}:?\s*$")
_MARKER_FIRST = frozenset("\u00b6\ufffd(")
_SEPARATORS = frozenset(".)")
_CONTINUATIONS = {"E": 1, "T": 3, "S": 6, "R": 20, "C": 4, "D": 2}
_NOTE_JOINERS = (",", ";", " AND", " and", "-", "/", "(")


class Head(NamedTuple):
    """Where the content of a body starts, and the head's lines that are no field."""

    end: int  # index of the first line after the head
    notes: list[str]  # office lines, stamps, notes: as printed, a wrapped one joined


def head_block(lines: list[str]) -> Head:
    """The head of the body ``lines`` (see the module docstring for what it holds).

    Rules: the head ends after the last field block found before the first paragraph (a
    marked one, ``¶1.``/``1. (C)``/``(C) Text``, or a plain ``1.`` once a field was seen);
    a field block is a label line and its continuation lines (REF items also after blank
    lines; a reasons line also after a blank line or a full stop; at most a few lines a
    field). Caveat lines after it are head too. Without any field the head is the banner,
    caveat and dateline lines at the top. Every other non-blank head line is a note.
    """
    limit = min(len(lines), _SCAN_LINES)
    field_lines: set[int] = set()
    last_field = -1
    kind: str | None = None
    gap = False  # a blank line since the field's last line
    budget = 0
    block = ""  # the Classified By text so far: its reasons may still be coming
    pending: int | None = None  # a line after a field that is none: content, unless a field
    glued_notes: dict[int, str] = {}  # field lines that open with a note
    wrapped: set[int] = set()  # the first line of a caveat note wrapped over two lines
    for i in range(limit):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            gap = kind is not None
            continue
        label = _FIELD_LABEL.match(line)
        glued = None
        if label is None and _has_glued_clue(line):
            glued = _GLUED_LABEL.search(line)
        bare_subject = kind == "S" and _BARE_SUBJECT.match(lines[last_field])
        if label is None and not bare_subject and _opens_paragraph(line, last_field >= 0) and not (
            kind == "R" and _is_ref_item(line[: glued.start()] if glued else line, gap)
        ):
            break
        if bare_subject and label is None:  # "SUBJECT:" alone, then "(U) Ortega and the U.S."
            kind, budget, gap, last_field, pending = "S", _CONTINUATIONS["S"], False, i, None
            field_lines.add(i)
            continue
        new_kind = label.lastgroup if label else None
        if new_kind is None and glued:  # "...COUNTERPARTS Classified By: Ambassador X"
            new_kind = glued.lastgroup
            if kind is None and _is_note(line[: glued.start()].strip()):
                glued_notes[i] = line[: glued.start()].strip()  # "DEPT FOR WHA E.O. 12958: ..."
        if new_kind is None and kind == "S" and gap and _bridges(lines, i, lines[last_field]):
            new_kind = "S"  # a subject wrapped over one blank line (imitates 09STATE30049)
        if new_kind == "C" or (kind == "C" and _REASONS_LINE.match(line) and not _done(block)):
            block = f"{block} {stripped}" if kind == "C" and new_kind != "C" else stripped
            kind, budget = "C", _CONTINUATIONS["C"]
        elif new_kind and not (new_kind == "R" and kind == "R" and not gap and budget > 0):
            kind, budget = new_kind, _CONTINUATIONS[new_kind]
        elif kind is not None and budget > 0 and _continues(
            kind, gap, lines[last_field], line, block
        ):
            budget -= 1
            if kind == "C":
                block = f"{block} {stripped}"
        else:
            kind = None
            if last_field >= 0 and pending is None and not _is_head_line(stripped):
                pending = i
            if pending is not None and i - pending > _LOOKAHEAD:
                break
            continue
        gap, last_field, pending = False, i, None
        field_lines.add(i)
    if last_field < 0:
        end = _top_lines_end(lines, limit)
    else:
        end = last_field + 1
        while end < len(lines):
            if not lines[end].strip():
                end += 1
            elif _opens_paragraph(lines[end], True):
                break
            elif _is_head_line(lines[end].strip()):
                end += 1
            elif CITATION_START.match(lines[end]):  # a REF list without its label: a note
                end += 1
                while end < len(lines) and _CITATION_TAIL.match(lines[end]):
                    end += 1
            elif _wrapped_caveat(lines, end):
                wrapped.add(end)
                end += 2  # "... not for" / "internet distribution." (08BUENOSAIRES568)
            else:
                break
    notes = [
        glued_notes.get(index) or line.strip()
        for index, line in enumerate(lines[:end])
        if index in glued_notes
        or (line.strip() and index not in field_lines and (index in wrapped or index - 1 in wrapped
                                                           or _is_note(line.strip())))
    ]
    return Head(end, _joined([n for n in (_LEADING_CAVEATS.sub("", note) for note in notes) if n]))


def split_run_on(lines: list[str]) -> list[str]:
    """``lines`` with a paragraph run on after a head field line split off onto its own line."""
    out: list[str] = []
    done = 0
    for index, line in enumerate(lines[:_SCAN_LINES]):
        # a run-on paragraph opens with "¶", a mark's "(" or "1.", or follows the reasons
        # (the cheap test first)
        if len(line) < 12 or not ("(" in line or "\u00b6" in line or "1." in line
                                  or "REF" in line):
            continue
        label = _FIELD_LABEL.match(line)
        # a handling note can carry the text run on too: "Sensitive but Unclassified. Please
        # handle accordingly. (SBU) On February 8, ..." (09CAIRO226)
        note = label is None and _HANDLING_NOTE.match(line)
        if label is None and not note:
            if _opens_paragraph(line, True):
                break  # the head is over: no field line comes after paragraph 1
            continue
        cut = _run_on_at(line, label.lastgroup if label else None)
        if cut is not None:
            out += lines[done:index]
            out += [line[:cut].rstrip(), line[cut:].lstrip()]
            done = index + 1
    if not done:
        return lines
    out += lines[done:]
    return out


def _run_on_at(line: str, kind: str | None) -> int | None:
    """Where a paragraph run on after the field line ``line`` starts, or None: a marker, a
    mark before prose, or (after a Classified By line's whole reasons) a mark or a sentence
    ("...1.4 b, d (C) Embassy London passed ...", "...1.4 B & D  This message contains")."""
    run_on = _RUN_ON.search(line, 8)
    cut = run_on.start() if run_on else None
    ref = _REF_IN_LINE.search(line) if "REF" in line else None
    after = _AFTER_REF.search(line, ref.end()) if ref else None
    if after is not None and (cut is None or after.start() < cut):
        cut = after.start()  # "REF: STATE 6970 As requested in reftel, ..." (09CAIRO189)
    if kind == "C":
        reasons = _REASONS_TAIL.search(line)
        after = _AFTER_REASONS.match(line, reasons.end()) if reasons else None
        if after is not None and (cut is None or after.start() < cut):
            cut = after.start()
    return cut


def _has_glued_clue(line: str) -> bool:
    # A chain of ``in`` tests, not ``any()`` over a generator: this runs on every head line.
    return ("lassified" in line or "LASSIFIED" in line or "REF" in line or "TAGS" in line
            or "SUBJECT" in line or "E.O" in line or "E. O" in line)


def _opens_paragraph(line: str, after_field: bool) -> bool:
    # every marker opens with a pilcrow, a digit, "(", or a letter with "." or ")" after it
    head = line.lstrip()[:3]
    if not (head[:1] in _MARKER_FIRST or head[:1].isdigit() or head[1:2] in _SEPARATORS
            or head[2:3] in _SEPARATORS):
        return False
    if _MARKED.match(line):
        return True
    return after_field and bool(_PLAIN_ONE.match(line))


def _is_ref_item(line: str, after_blank: bool = True) -> bool:
    """A REF item (``¶B. STATE 123``, ``(C) 2005 STATE 117165``, ``¶C. (C) LIMA 12`` with its
    letter written twice); after a blank line it is a short line that names a number or date.
    Not a lettered paragraph (``B. (C) The minister ...``, ``a. COUNTRY CONDITIONS: ...``)."""
    stripped = line.strip()
    if len(stripped) > _REF_ITEM_CHARS or not _REF_ITEM.match(line):
        return False
    if _REF_CITATION.match(line):
        return True  # a letter, then a cable: "(C)" here is the letter, no mark
    if after_blank and not any(char.isdigit() for char in stripped):
        return False
    return bool(_DOUBLED_LETTER.match(line)) or not _MARK_NEAR_START.search(line[:40])


def _done(block: str) -> bool:
    """True when a Classified By text holds its reasons (``1.4 (b)``, ``(b) and (d)``)."""
    return bool(_REASONS_DONE.search(block))


def _continues(kind: str, gap: bool, previous: str, line: str, block: str) -> bool:
    """True when ``line`` continues the field block of ``kind``; ``previous`` is its last
    line, ``gap`` whether a blank line came between, ``block`` the Classified By text."""
    if kind == "R":  # a line of mixed-case prose after a REF line is the text, run on
        return _is_ref_item(line, gap) or (
            not gap and not _MARKED.match(line) and not _is_head_line(line.strip())
            and not _PROSE_START.match(line))
    if gap:
        return kind == "C" and not _done(block) and bool(_REASONS_LINE.match(line))
    if kind == "C":
        # "...1.4 (b) and" / "(d).": a wrapped scrap of the reasons is the field's too
        return not _done(block) or bool(_REASONS_LINE.match(line) or _REASONS_SCRAP.match(line))
    if kind == "E":
        return bool(_DECL_LINE.match(line))
    if kind == "D":
        return not previous.rstrip().endswith(".") and len(line) < 100
    if kind == "T":
        return bool(_TAG_LINE.match(line.strip()))
    # SUBJECT: wrapped lines up to a blank line, a label, a paragraph or a caveat line, in the
    # case it opened
    stripped = line.strip()
    return (
        len(stripped) < _WRAPPED_CHARS
        and stripped.isupper() == previous.strip().isupper()
        and not _is_head_line(stripped)
    )


def _bridges(lines: list[str], index: int, subject_line: str) -> bool:
    """True when ``lines[index]``, after one blank line, still continues the subject line: a
    short line, no label or heading word, in the subject's case, before a blank line or a
    paragraph, after a subject line that ends no sentence."""
    line = lines[index].strip()
    if index < 2 or lines[index - 2].strip() != subject_line.strip():
        return False
    after = lines[index + 1] if index + 1 < len(lines) else ""
    subject = subject_line.strip()
    return (
        len(line) < _WRAPPED_CHARS
        and not subject.endswith((".", "!", "?"))
        and line.isupper() == subject.isupper()
        and not line.startswith(("-", "=", "_", "*"))
        and not _LABEL_WORD.match(line)
        and (not after.strip() or bool(_MARKED.match(after)) or bool(_FIELD_LABEL.match(after)))
    )


def _wrapped_caveat(lines: list[str], index: int) -> bool:
    """True when ``lines[index]`` and the next line are a caveat note wrapped over the two."""
    if index + 1 >= len(lines) or not lines[index + 1].strip():
        return False
    first, second = lines[index].strip(), lines[index + 1].strip()
    if len(first) + len(second) > _HEAD_LINE_CHARS or first.endswith((".", "!", "?")):
        return False
    return bool(_CAVEAT.search(f"{first} {second}"[:200]))


# Head lines repeat (a cable's are tested more than once; "SIPDIS", "NOFORN" and the banner
# words open thousands of cables): each is read once.
@functools.lru_cache(maxsize=8192)
def _is_head_line(stripped: str) -> bool:
    """A banner, notice, dateline, caveat or classification line: head wherever it stands."""
    if len(stripped) > _HEAD_LINE_CHARS and "artial" not in stripped[:120]:
        return False  # a line of prose (the notice may run on into a banner)
    return bool(
        BANNER.match(stripped)
        or _LOWER_BANNER.match(stripped)
        or _STATION_SERIAL.match(stripped)
        or _NOTICE.search(stripped[:120])
        or _DATELINE.match(stripped)
        or (len(stripped) < 200 and _CAVEAT.search(stripped[:120]))
        or _CLASSIFICATION_ONLY.match(stripped)
    )


@functools.lru_cache(maxsize=8192)
def _is_note(stripped: str) -> bool:
    """A head line that no field holds: not a banner, notice, dateline or classification line,
    nor a caveat word; a caveat sentence (``Sensitive but unclassified, please protect
    accordingly``) is a note, and so is an office line after caveat words (``SIPDIS FOR
    EUR/WE``)."""
    stripped = _LEADING_CAVEATS.sub("", stripped)
    if not stripped or _NO_NOTE.match(stripped):
        return False
    if not _is_head_line(stripped):
        return True
    caveat = len(stripped) < 200 and _CAVEAT.search(stripped[:120])
    return bool(caveat) and len(stripped.split()) >= _NOTE_WORDS and not (
        BANNER.match(stripped) or _NOTICE.search(stripped[:120]) or _DATELINE.match(stripped))


def _top_lines_end(lines: list[str], limit: int) -> int:
    """After the banner, notice, caveat and dateline lines of a body without fields."""
    i = 0
    while i < limit:
        stripped = lines[i].strip()
        if stripped and (_MARKED.match(lines[i]) or not _is_head_line(stripped)):
            break
        i += 1
    return i


def _joined(notes: list[str]) -> list[str]:
    """Head notes with a wrapped line (after ``,``, ``AND``, ``/`` ...) joined to the last."""
    joined: list[str] = []
    for note in notes:
        if joined and (joined[-1].endswith(_NOTE_JOINERS) or note[:1].islower()
                       or note.startswith(("AND ", "& "))):
            joined[-1] = f"{joined[-1]} {note}"
        else:
            joined.append(note)
    return joined
