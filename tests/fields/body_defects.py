"""Structural defects of a parsed cable's body, each class found by a rule of its own.

The rules read the published body and the parsed rows (as ``cables parse --json`` gives
them: the ``cables`` row with its ``paragraphs``, ``references``, ``tags``, ``recipients``);
they share no code with the parser, so a parser bug cannot hide itself. The corpus test
(``test_body_fidelity``) counts each class over ``../shared`` against recorded ceilings.
"""

from __future__ import annotations

import re
import unicodedata

DEFECT_CLASSES = (
    "header_debris",  # a head field (E.O., TAGS, SUBJECT, REF, Classified By) in a paragraph
    "banner_paragraph",  # a label, rule or title line that became a paragraph
    "summary_label",  # a summary opening with its label, a banner or a mark remnant
    "lost_lines",  # a body line of six words or more found in no paragraph, heading or field
    "zero_paragraphs",  # a body with text of its own and no paragraph
    "backslash",  # a backslash in paragraphs, headings, summary, subject, tags or signers
    "missing_number",  # a printed paragraph number (``¶3.``, ``3. (C)``) not in paragraphs
    "dump_flag",  # has_dump_rows disagreeing with the database rows really present
    "dump_in_field",  # a dump row's text in the summary, subject, signers or recipients
    "trailer_in_text",  # the post's website line, a signer's name or NNNN in paragraph text
    "glued_title",  # a section title left at the end of a paragraph's text (a rule after it)
    "text_in_field",  # paragraph text run on into a head field (subject, a reference)
)

_WORD = re.compile(r"[A-Za-z0-9]+")
_MARK = r"\((?:U|C|S|TS|SBU|LOU|FOUO|NF)(?:\s?/{1,2}[^)]{0,30})?\)"
_LEAD = re.compile(
    rf"^\s*(?:\u00b6\s?)?(?:(?:\d{{1,3}}[A-Za-z]?|[A-Za-z])\s?[.)](?=\s|\()\s*)?(?:{_MARK}\s*)?",
    re.IGNORECASE,
)
_MARKER_ANYWHERE = re.compile(rf"\u00b6\s?\d{{1,3}}\s?\.|\b\d{{1,3}}\s?\.\s{{0,3}}{_MARK}", re.I)
_HEAD_FIELD = re.compile(
    rf"^\s*(?:{_MARK}\s*)?(?:E\.\s?[O0]\.\s?1\d{{4}}|EO\s?1\d{{4}}|TAGS\s*:|SUBJECT\s*:|SUBJ\s*:"
    r"|REFS?\s*:|REFTELS?\s*:|CLASSIFIED\s+BY\b|DECL\s*:|DERIVED\s+FROM\b"
    r"|(?:FOR\s+)?REASONS?\s*:?\s*1\s?\.\s?[45]|1\s?\.\s?[45]\s?\(?[A-H]\)"
    r"|\(?[A-H]\)?\s*(?:AND|,|&)\s*\(?[A-H]\)?\s*\.?$)",
    re.IGNORECASE,
)
_HEAD_INSIDE = re.compile(
    r"E\.\s?O\.\s?1\d{4}\s*:?\s*DECL|TAGS\s*:\s*[A-Z]{2,5}[ ,]+[A-Z]{2,5}.{0,300}SUBJECT\s*:"
    r"|\bClassified\s+By\s*:.{0,120}\b(?:reasons?|1\s?\.\s?[45])",
    re.IGNORECASE,
)
# STATE cables print "1. Classified by ..." as their first paragraph: the author's own.
_CLASSIFIED_START = re.compile(r"^\s*(?:CLASSIFIED|Classified)\s+(?:BY|By|by)\b")
_REF_ITEMS_ONLY = re.compile(
    r"^(?:\(?[A-Z]\)?[.)]?\s+(?:\d{2,4}\s+)?[A-Z][A-Z .'-]{1,30}\s\d{1,6}(?:\s*\(\d{2,4}\))?"
    r"[\s,;.]*)+$"
)
_RULED = re.compile(r"^\s*[-=_*]{3,}|[-=_*]{3,}\s*$")
_LABEL_ONLY = re.compile(
    r"^\W*(?:(?:EXECUTIVE\s+|BEGIN\s+|I\.\s+)?SUMMARY(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST"
    r"|INTRODUCTION))?|COMMENT|END\s+SUMMARY|INTRODUCTION(?:\s+AND\s+SUMMARY)?|BACKGROUND"
    r"|ACTION\s+REQUEST|SUMMAY)\W*$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = (".", "!", "?", ":", ";", '"', "'", ")", "\u201d", "\u2019", ",")
_SUMMARY_OPENS_BADLY = re.compile(
    r"^\s*(?:[-=_*]{3,}|\(?(?:U|C|S|TS|SBU|S/NF|C/NF|SBU/NF)\)|[.:;,)-]"
    r"|(?:EXECUTIVE\s+|BEGIN\s+)?SUMMARY\b|SUMMAY\b|AND\s+COMMENT\b|END\s+SUMMARY"
    r"|this\s+record\s+is\s+a\s+partial)",
    re.IGNORECASE,
)
# "... your kind cooperation. END TEXT": a label closing a quoted text ends a sentence too.
_END_LABEL_AT_END = re.compile(
    r"\s+\(?END\s+(?:OF\s+)?(?:TEXT|SUMMARY|COMMENT|NOTE|QUOTE)\)?\W*$", re.IGNORECASE
)
_SUMMARY_LABEL_LATER = re.compile(r"\bSUMMARY\s*(?::|--|\.\s)", re.IGNORECASE)
# A row of the cables database, in each shape the release printed one.
_DUMP_ROW = re.compile(
    r"(?<!\d)\d{1,7},\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d,\d\d[A-Z]"  # CSV
    r"|(?:\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d|\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?)\t"
    r"\d\d[A-Z][A-Z0-9-]+\d\t"  # tab-separated
    r"|^id: ?\d{1,9}\b"  # key/value record
    r"|^\d{3,9}\n\n?\d{4}-\d\d-\d\d\n\n?\d\d[A-Z][A-Z0-9-]+\d\n"  # a field per line
    r"|^\d{3,9} \d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d \d\d[A-Z][A-Z0-9-]+\d "  # on one line
    r"|(?:^| )\d{1,9} \d{1,2}/\d{1,2}/\d{4} \d{1,7} [A-Z]{2,6}(?:,[A-Z0-9]{2,6}){2,}",  # summary
    re.MULTILINE,
)
_ROW_REFID = re.compile(r"\d\d[A-Z][A-Z0-9-]{2,40}\d")
_PRINTED_NUMBER = re.compile(
    r"^\s{0,8}(?:\u00b6\s?(\d{1,2})\s?\.|(\d{1,2})\s?\.\s?\((?:U|C|S|TS|SBU|S/NF|C/NF|SBU/NF"
    r"|S//NF|C//NF)\))"
)
_BANNER = re.compile(
    r"^\s*(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|UNCLAS\b|CONFIDENTIAL\b"
    r"|SECRET\b|UNCLASSIFIED\b|LIMITED OFFICIAL USE|TOP SECRET"
    r"|(?i:C?\s?O N F I D E N T I A L|S?\s?E\s?C R E T))"
    r"|C O N F I D E N T I A L|S E C R E T"
    r"|(?:UNCLAS|CONFIDENTIAL|SECRET)\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?[A-Z][A-Z .'-]+"
    r"\s\d{3,7}\s*$"
)
_PAGE_BREAK = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,30} \d{8}\s+\d{3}(?:\.\d{1,2})?\s+OF\s+\d{3}\s*$"
    r"|PAGE\s+\d{2,3}\s)",
    re.IGNORECASE,
)
_PAGE_BREAK_INSIDE = re.compile(
    r"^\s*[A-Za-z][A-Za-z .'-]{1,30} \d{8}\s+\d{3}(?:\.\d{1,2})?\s+OF\s+\d{3}\b"
    r"|\b[A-Z][A-Z.'-]{1,15}(?:\s[A-Z][A-Z.'-]{1,15}){0,2}\s{1,3}\d{8}\s+\d{3}(?:\.\d{1,2})?\s+OF"
    r"\s+\d{3}\b",
    re.IGNORECASE,
)
# Routing lines and database fields a dump prints in a body: no text of the cable.
_ROUTING = re.compile(
    r"^(?:.{0,40}\bZNY\s|.{0,80}\bFM\s+AMEMBASSY|(?:TO|INFO|FM|DE|XMT)\s+\S|R[A-Z]{3,6}/|ZEN/"
    r"|VZCZC|(?:RR|PP|OO|ZZ|R|P|O|Z)\s+R[A-Z]{4,6}\b|[ZOPR]\s+\d{6}Z\s+[A-Z]{3}\s+\d{2}"
    r"|(?:date|refid|origin|classification|destination|header):|\d{4}-\d\d-\d\d \d\d:\d\d"
    r"|\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d\s)"
)
_DATELINE = re.compile(r"^[A-Z][a-z]{2,8}day, \d{1,2} [A-Z][a-z]{2,8} \d{4}, \d\d:\d\d")
# Export and print stamps: a newspaper's print trail (09SAOPAULO487).
_DEBRIS = re.compile(r"^(?:SELECT \* FROM|={5,}|-{5,} ?header ends|Track impresi\u00f3n:)")
_NOTICE = re.compile(r"this record is a partial extract", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*(?:E\.\s?[O0]\.|EO\s?1\d{4}|TAGS|SUBJECT|REF|Classified)", re.I)
_LABEL_IN_LINE = re.compile(
    r"\s(?:E\.\s?O\.\s?1\d{4}|TAGS\s?:|SUBJECT\s?:|REFS?\s?:|Classified\s+By\b|CLASSIFIED\s+BY\b)"
)
_CAVEAT_WORD = re.compile(r"\b(?:SIPDIS|NOFORN|SENSITIVE(?!\s+BUT)|EXDIS|NODIS|LIMDIS)\b")
_CABLE_ENDS = re.compile(r"^={5,} ?CABLE ENDS")
_MIN_WORDS = 6


def defects(row: dict) -> dict[str, list[str]]:
    """Defect class -> evidence (a short excerpt each) for one parsed cable."""
    found: dict[str, list[str]] = {}

    def hit(kind: str, evidence: str) -> None:
        found.setdefault(kind, []).append(evidence[:160])

    paragraphs = row.get("paragraphs") or []
    body = row.get("body") or ""
    own = _own_text(body, row.get("reference_id"))
    for kind, evidence in _paragraph_defects(paragraphs) + _trailer_defects(row, paragraphs):
        hit(kind, evidence)
    summary = row.get("summary")
    if summary and _SUMMARY_OPENS_BADLY.match(summary):
        hit("summary_label", repr(summary[:80]))
    elif summary and _SUMMARY_LABEL_LATER.search(summary[:400]):
        hit("summary_label", f"label inside {summary[:120]!r}")
    notes = list(row.get("head_notes") or [])
    kept = [" ".join(filter(None, (p["heading"], p["text"]))) for p in paragraphs]
    kept += [row.get("subject") or "", " ".join(row.get("classified_by") or [])]
    kept += [r["text"] for r in row.get("references") or []]
    kept += [" ".join(row.get("signers") or []), *notes]
    for line in lost_lines(own, kept):
        hit("lost_lines", repr(line[:120]))
    if not paragraphs and lost_lines(own, notes):
        hit("zero_paragraphs", "the body has lines of its own")
    values = [summary, row.get("comment"), row.get("subject"), *(row.get("signers") or [])]
    values += [p["text"] for p in paragraphs] + [p["heading"] for p in paragraphs]
    values += [t["tag"] for t in row.get("tags") or []]
    if any(value and "\\" in value for value in values):
        hit("backslash", next(repr(v[:80]) for v in values if v and "\\" in v))
    numbers = {p["number"].lstrip("0") for p in paragraphs if p["number"]}
    for line in _lines(own):
        printed = _PRINTED_NUMBER.match(line)
        if printed and (printed.group(1) or printed.group(2)).lstrip("0") not in numbers:
            hit("missing_number", repr(line[:80]))
    present = bool(_DUMP_ROW.search(body))
    if present != bool(row.get("has_dump_rows")):
        hit("dump_flag", f"rows present {present}, has_dump_rows {row.get('has_dump_rows')}")
    fields = [summary or "", row.get("subject") or "", *(row.get("signers") or [])]
    fields += [r["name"] for r in row.get("recipients") or []]
    if any(_DUMP_ROW.search(value) or "\t" in value for value in fields):
        hit("dump_in_field", "a dump row's text in a field")
    return found


# The post's footer: "Visit Embassy X's Classified Website: http...", or its URL ending a text.
_WEBSITE_IN_TEXT = re.compile(
    r"(?:^|[.!?*]\s*)(?:please\s+)?visit\b[^\n]{0,80}?\bweb\s?site\b"
    r"|\bclassified\s+web\s?site\b\s*(?:at)?\s*:|https?://\S*sgov\S*(?:\s\S+)?\s*$",
    re.IGNORECASE,
)
_END_OF_TEXT = re.compile(r"(?:^|\s)NNNN\s*$")
_TITLE_AT_END = re.compile(r"[.!?\"\u201d)]\s+[^.!?]{3,100}?\s[-=_]{4,}[-=_ ]*$")
# Paragraph text in a head field: a paragraph marker with a mark, or a mark before prose.
_TEXT_IN_FIELD = re.compile(
    rf"(?:\u00b6\s?\d{{1,2}}\s?\.|\b\d{{1,2}}\s?\.\s{{0,3}}{_MARK})\s+[A-Z][a-z]+\s+[a-z]"
    rf"|(?<![A-Za-z]){_MARK}\s+(?:[A-Z][a-z]+\s+){{1,3}}[a-z]+\s+[a-z]+\s+[a-z]"
)
_FIELD_WORDS = 60  # a subject or a reference this long has text run on into it


def _trailer_defects(row: dict, paragraphs: list[dict]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    texts = [p["text"] or "" for p in paragraphs]
    for p, text in zip(paragraphs, texts, strict=True):
        # a post that numbered its website line (``¶10. (U) Visit ...``) printed a paragraph
        whole = p["number"] is not None and _WEBSITE_IN_TEXT.match(text)
        if _WEBSITE_IN_TEXT.search(text) and not whole:
            out.append(("trailer_in_text", f"website {text[-100:]!r}"))
        if _END_OF_TEXT.search(text):
            out.append(("trailer_in_text", f"NNNN {text[-60:]!r}"))
        if _TITLE_AT_END.search(text[-200:]):
            out.append(("glued_title", repr(text[-100:])))
    last = texts[-1].rstrip(" .") if texts else ""
    for name in row.get("signers") or []:
        if len(name) > 3 and last.upper().endswith(" " + name.upper()):
            out.append(("trailer_in_text", f"signer {name!r} ends {last[-60:]!r}"))
    fields = [("subject", row.get("subject") or "")]
    fields += [("reference", r["text"] or "") for r in row.get("references") or []]
    for name, value in fields:
        if _TEXT_IN_FIELD.search(value) or len(value.split()) > _FIELD_WORDS:
            out.append(("text_in_field", f"{name} {value[:120]!r}"))
    return out


def _paragraph_defects(paragraphs: list[dict]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, p in enumerate(paragraphs):
        text, heading = (p["text"] or "").strip(), p["heading"] or ""
        if heading and _HEAD_FIELD.match(heading):
            out.append(("header_debris", f"heading {heading!r}"))
        own_first = p["number"] is not None and _CLASSIFIED_START.match(text)
        if (_HEAD_FIELD.match(text) and not own_first) or _HEAD_INSIDE.search(text):
            out.append(("header_debris", f"text {text[:120]!r}"))
        elif p["number"] is None and _REF_ITEMS_ONLY.match(text):
            out.append(("header_debris", f"REF items {text[:120]!r}"))
        words = text.split()
        if p["number"] is not None:
            if _LABEL_ONLY.match(text) or (text and _RULED.match(text) and len(words) < 8):
                out.append(("banner_paragraph", f"numbered {p['number']} {text[:80]!r}"))
        elif _LABEL_ONLY.match(text) or (_RULED.search(text) and len(words) <= 12):
            out.append(("banner_paragraph", repr(text[:80])))
        elif (
            i + 1 < len(paragraphs)
            and 0 < len(words) <= 8
            and not _END_LABEL_AT_END.sub("", text).endswith(_ENDS_SENTENCE)
            and not text.startswith(("-", "*", "o ", "\u2022"))
            and text[:1].isupper()
        ):
            out.append(("banner_paragraph", f"title {text[:80]!r}"))
    return out


def _own_text(body: str, own_id: str | None) -> str:
    """The body without the rows of other cables' text and what follows CABLE ENDS."""
    out, at = [], 0
    rows = list(_DUMP_ROW.finditer(body))
    for i, row in enumerate(rows):
        refid = _ROW_REFID.search(body, row.start(), row.start() + 400)
        end = rows[i + 1].start() if i + 1 < len(rows) else len(body)
        out.append(body[at : row.start()])
        if refid and own_id and refid.group() == own_id:
            out.append(body[row.start() : end])
        at = end
    out.append(body[at:])
    return "".join(out)


def _lines(text: str) -> list[str]:
    lines = []
    for line in text.split("\n"):
        if _CABLE_ENDS.match(line):
            break
        lines.append(line.rstrip().removesuffix("\\").rstrip())
    return lines


def content_lines(text: str) -> list[str]:
    """Lines of six words or more that are no head field, banner, break, row or routing."""
    out = []
    in_field = False
    for line in _lines(text):
        stripped = line.strip()
        if not stripped:
            in_field = False
            continue
        if _HEAD_FIELD.match(stripped) or _FIELD_LINE.match(stripped):
            in_field = True
        if in_field or _BANNER.search(stripped) or _NOTICE.search(stripped):
            continue
        stripped = _PAGE_BREAK_INSIDE.sub(" ", stripped).strip()
        if not stripped or _PAGE_BREAK.match(stripped) or _DUMP_ROW.search(stripped):
            continue
        if '","' in stripped or '",' in stripped[:60] or "\t" in stripped:
            continue  # a CSV or tab row's remains
        if _ROUTING.match(stripped) or _DATELINE.match(stripped) or _DEBRIS.match(stripped):
            continue
        if len(_words(stripped)) >= _MIN_WORDS:
            out.append(stripped)
    return out


def lost_lines(text: str, kept: list[str]) -> list[str]:
    """The content lines of ``text`` whose words are in none of ``kept``.

    A line lands when six of its words in a row (from its start or its end, or one word in
    from either: a wrap or a glued name changes the words at a line's ends) are found in the
    kept texts, markers, marks and caveat words left out on both sides.
    """
    kept_text = _joined(_words(_MARKER_ANYWHERE.sub(" ", " ".join(kept))))
    lost = []
    for line in content_lines(text):
        label = _LABEL_IN_LINE.search(line)
        probe_line = line[: label.start()] if label else line
        probe_line = _CAVEAT_WORD.sub(" ", probe_line)
        words = _words(_MARKER_ANYWHERE.sub(" ", _LEAD.sub("", probe_line)))
        if line.rstrip().endswith(".."):
            words = words[:-1]  # a preview cut its last word
        if len(words) < 3:
            continue
        probes = [words[:6], words[1:7], words[-6:], words[-7:-1]]
        if not any(len(probe) >= 3 and _joined(probe) in kept_text for probe in probes):
            lost.append(line)
    return lost


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(unicodedata.normalize("NFKC", text))]


def _joined(words: list[str]) -> str:
    return " " + " ".join(words) + " "
