"""Database-dump rows inside published cable bodies: found, and the cable's own text kept.

Some published bodies carry records of the database the cables were exported from, in the
shapes the export printed them (every shape imitates real cables of ``../shared``):

* a key/value record (``id: 54459`` / ``date: ...`` / ``refid: 06LIMA748`` / ... /
  ``header:`` / routing lines / ``----- header ends -----``) then a cable text and a
  ``=====CABLE ENDS=====`` line (06LIMA748, 05QUITO1978, 04BOGOTA2313);
* a tab-separated row (``46151<TAB>11/28/2005 7:02<TAB>05DUSHANBE1870<TAB>...``, the row id
  sometimes lost: ``2009-07-06 07:31:00<TAB>09BERN279<TAB>...``) whose seventh tab ends the
  routing header and starts a cable text, every line ending `` \\`` (05DUSHANBE1870, 09BERN279);
* a CSV row (``198269,3/23/2009 10:38,09THEHAGUE196,"Embassy The Hague",SECRET,,"<header>",
  "<text>"``) with ``""`` for a quote and real newlines inside its fields (09THEHAGUE196);
* a record printed a field per line (``18800`` / ``2004-07-16`` / ``04THEHAGUE1793`` / origin /
  classification / references) or on one line (``23064 11/19/2004 15:41 04BRUSSELS4944``),
  then the text (04THEHAGUE1793, 04BRUSSELS4944);
* a summary row (``0 02/23/2009 7601 PGOV,PHUM,KDEM,EG``: count, day, serial, tags), then a
  subject and a summary (09CAIRO325, 09CAIRO189).

Often the published text is a truncated excerpt (ending ``...``) and a row holds the full text
of the same cable; then that full text is the cable's. A row of another cable is dropped.
Debris that is no row is cut too: an export stamp ``ID:190812 Cable dated:2009-02-06T13:05:00``
(09LONDON333), ``SELECT * FROM cable`` lines, and what follows a ``CABLE ENDS`` line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_KV_FIELD = re.compile(r"^(?:date|refid|origin|classification|destination|header):")
_HEADER_ENDS = re.compile(r"^-{5,} ?header ends ?-{5,}\s*$")
_CABLE_ENDS = re.compile(r"^={5,} ?CABLE ENDS ?={5,}\s*$")
_SQL = re.compile(r"^SELECT \* FROM `?cable")
_DATED = re.compile(r"(?:ID: ?\d{1,9} ?)?Cable dated: ?\d{4}-\d\d-\d\dT[0-9:]{5,8}")
_REF_ID = r"\d\d[A-Z][A-Z0-9-]{2,40}\d"
_DAY_TIME = r"(?:\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d|\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?)"
# One pattern per row shape, each opening with a literal the regex engine skips to fast (most
# bodies have no row, and every body is searched); the group is the row's refid.
_TAB_ROW = re.compile(rf"\t({_REF_ID})\t")  # after a date: checked with _DAY_TIME_BEFORE
_DAY_TIME_BEFORE = re.compile(rf"(?<!\d)(?:\d{{1,9}}\t)?{_DAY_TIME}$")
_CSV_ROW = re.compile(rf",{_DAY_TIME},({_REF_ID}),")  # after the row id: checked in code
_CSV_HINT = re.compile(r":\d\d,\d\d[A-Z]")
_KV_ROW = re.compile(r"^id: ?\d{1,9}(?:[ \t][^\n]{0,40})?$", re.MULTILINE)
# A record a field per line (row id, day, refid, ...) or on one line (row id, day, time, refid).
# A summary row: count, day, serial and the tags (``0 02/23/2009 7601 PGOV,PHUM,EG``), then
# a subject line and a summary of some cable (09CAIRO325, 09CAIRO189), also glued after the
# signature (07TRIPOLI1039): it names no refid.
_LINE_ROW = re.compile(
    rf"\n\d{{3,9}}(?:\n\n?\d{{4}}-\d\d-\d\d\n\n?(?P<lines>{_REF_ID})\n"
    rf"| {_DAY_TIME} (?P<spaced>{_REF_ID}) )"
    r"|[\n ]\d{1,9} \d{1,2}/\d{1,2}/\d{4} \d{1,7} (?P<summary>[A-Z]{2,6}(?:,[A-Z0-9]{2,6}){2,})"
)
_ROW_ID_BEFORE = re.compile(r"(?<!\d)\d{1,9}$")
_RECORD_FIELDS_AFTER_REFID = 2  # origin, classification; the references may be empty
_REFERENCES_FIELD = re.compile(rf"{_REF_ID}(?:\|{_REF_ID})*")
_REFID_LINE = re.compile(r"^refid: ?(\S+)", re.MULTILINE)


class _Row(NamedTuple):
    start: int  # where the row starts in the body
    shape: str  # kv | tab | csv | lines | spaced | summary
    refid: str | None  # the cable the row is of, as the row writes it
    text_at: int  # where the row's fields start that _row_text reads


_SPACE = re.compile(r"\s+")
_COMPARE_CHARS = 40
_OWN_CHARS = 40
_CONTINUED = re.compile(r" ?\\$", re.MULTILINE)


def has_dump_rows(body: str) -> bool:
    """True when ``body`` carries a record of the cables database (any shape above), of another
    cable or a copy of its own; an export stamp or a ``CABLE ENDS`` line alone is no row."""
    return bool(body) and _first_row(body) is not None


def _first_row(body: str, pos: int = 0) -> _Row | None:
    """The first row of ``body`` from ``pos``, of whichever shape starts first."""
    found: list[_Row] = []
    if "\t" in body:
        for match in _TAB_ROW.finditer(body, pos):
            day = _DAY_TIME_BEFORE.search(body, max(pos, match.start() - 30), match.start())
            if day:
                found.append(_Row(day.start(), "tab", match[1], day.start()))
                break
    # a CSV row holds ":MM,<refid>": that literal ":" is rarer than the row's commas
    csv_rows = _CSV_ROW.finditer(body, pos) if _CSV_HINT.search(body, pos) else ()
    for match in csv_rows:
        row_id = _ROW_ID_BEFORE.search(body, max(pos, match.start() - 9), match.start())
        if row_id:
            found.append(_Row(row_id.start(), "csv", match[1], row_id.start()))
            break
    if "\nid:" in body or body.startswith("id:"):  # "id:" alone is in every "said:"
        match = _KV_ROW.search(body, pos)
        if match:
            refid = _REFID_LINE.search(body, match.start(), match.start() + 400)
            found.append(_Row(match.start(), "kv", refid[1] if refid else None, match.start()))
    # the pattern opens with a line end: a row at the very start is matched after one put there
    at_start = body[pos : pos + 1].isdigit()
    match = _LINE_ROW.match("\n" + body[pos : pos + 200]) if at_start else None
    if match:
        found.append(_Row(pos, match.lastgroup or "", _line_row_refid(match),
                          pos + match.end() - 1))
    elif match := _LINE_ROW.search(body, pos):
        found.append(_Row(match.start() + 1, match.lastgroup or "", _line_row_refid(match),
                          match.end()))
    return min(found) if found else None


def _line_row_refid(match: re.Match[str]) -> str | None:
    return None if match.lastgroup == "summary" else match[match.lastgroup or 0]


def strip_dump_rows(body: str, own_id: str | None = None) -> str:
    """The body without dump debris, so no field parser takes another cable's text
    (``split_dump_rows`` without the flag)."""
    return split_dump_rows(body, own_id)[1]


def split_dump_rows(body: str, own_id: str | None = None) -> tuple[bool, str]:
    """(``has_dump_rows(body)``, the body without dump debris), the rows found once.

    Rules: export stamps (``Cable dated:...``) are cut out of their line; the text before the
    first row is the body, unless it is empty (or only the partial-extract notice and a
    stamp), or the row holds this cable (its refid is ``own_id``, compared without
    separators, or without ``own_id`` its text opens as the text before does) and its text is
    the longer: then the row's text is the body (the text before was an excerpt);
    everything after a ``CABLE ENDS`` line, every later row and ``SELECT * FROM cable`` lines
    are removed, and so are the `` \\`` line continuations of a tab-separated dump. A body
    without debris is returned unchanged. Never raises.
    """
    if not body:
        return False, body or ""
    dated = "Cable dated:" in body
    if dated:
        body = _DATED.sub("", body)
    row = _first_row(body)
    if row is None:
        debris = "CABLE ENDS" in body or ("*" in body and "SELECT * FROM" in body) or dated
        return False, _drop_cable_ends(body) if debris else body
    first = body[: row.start]
    text = _row_text(body, row)
    # The row's own text ends where a later row starts: only that is compared and kept.
    later = _first_row(text) if text else None
    if later is not None:
        text = text[: later.start]
    kept = first
    if row.refid is not None and own_id is not None:
        same = _squeeze(row.refid) == _squeeze(own_id)
    else:
        same = _same_start(first, text)
    # A copy of this cable in a row is its full text (the excerpt before it was cut), unless
    # the excerpt is the longer of the two; a row of another cable never is.
    if text and (not _own_words(first) or (same and len(text) >= len(first.rstrip(" .\n")))):
        kept = text
    return True, _drop_cable_ends(kept)


def _row_text(body: str, row: _Row) -> str:
    """The cable text the row carries (after its header)."""
    rest = body[row.text_at :]
    if row.shape == "csv":
        fields = _csv_fields(rest, 8)
        return _unescape_csv(fields[7]) if len(fields) == 8 else ""
    if row.shape == "tab":  # from the date: refid, origin, classification, refs, header
        return _uncontinue(_after_tabs(rest, 6))
    if row.shape == "lines":
        return _after_record_lines(rest)
    if row.shape in ("spaced", "summary"):
        return rest
    ends = rest.find("header ends")
    if ends >= 0:
        line_end = rest.find("\n", ends)
        line_end = len(rest) if line_end < 0 else line_end
        if _HEADER_ENDS.match(rest[rest.rfind("\n", 0, ends) + 1 : line_end]):
            return rest[line_end + 1 :]
    lines = rest.split("\n")
    i = 1
    while i < len(lines) and _KV_FIELD.match(lines[i]):
        i += 1
    return "\n".join(lines[i:])


def _after_record_lines(text: str) -> str:
    """The text after the rest of a record printed a field per line: origin, classification
    and (when it has any) the references (``04STATE153876|04THEHAGUE1737``)."""
    lines = text.split("\n")
    i, fields = 0, 0
    while i < len(lines) and fields < _RECORD_FIELDS_AFTER_REFID:
        if lines[i].strip():
            fields += 1
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _REFERENCES_FIELD.fullmatch(lines[i].strip()):
        i += 1
    return "\n".join(lines[i:])


def _after_tabs(text: str, count: int) -> str:
    """``text`` after its ``count``-th tab (the row's cable text), or "" with fewer tabs."""
    at = -1
    for _ in range(count):
        at = text.find("\t", at + 1)
        if at < 0:
            return ""
    return text[at + 1 :]


def _csv_fields(text: str, count: int) -> list[str]:
    """The first ``count`` fields of the CSV row ``text`` opens with.

    A quoted field runs to a ``"`` that is not doubled (newlines inside); a bare one to the
    next comma, the line ends the dump wrapped it at removed (``"Embassy X",`` / ``SECRET,``)."""
    fields: list[str] = []
    at, size = 0, len(text)
    while len(fields) < count and at < size:
        while at < size and text[at] in "\n\r":
            at += 1
        if text.startswith('"', at):
            end = at + 1
            while True:
                end = text.find('"', end)
                if end < 0:
                    fields.append(text[at + 1 :])
                    return fields
                if not text.startswith('""', end):
                    break
                end += 2
            fields.append(text[at + 1 : end])
            at = end + 1
        else:
            end = text.find(",", at)
            end = size if end < 0 else end
            if '"' in text[at:end]:
                break
            fields.append(text[at:end].strip())
            at = end
        if not text.startswith(",", at):
            break
        at += 1
    return fields


def _unescape_csv(field: str) -> str:
    """A CSV field's text: ``""`` is a quote; ``\\"`` and ``\\'`` (the dump's own escapes) too."""
    field = field.replace('""', '"')
    return field.replace('\\"', '"').replace("\\'", "'") if "\\" in field else field


def _uncontinue(text: str) -> str:
    return _CONTINUED.sub("", text)


def _drop_cable_ends(text: str) -> str:
    """``text`` up to the first ``CABLE ENDS`` line (after it: a stray excerpt), SQL lines out."""
    at = text.find("CABLE ENDS")
    if at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if _CABLE_ENDS.match(text[start : end if end >= 0 else len(text)]):
            text = text[:start]
    if "SELECT * FROM" in text:
        text = "\n".join(line for line in text.split("\n") if not _SQL.match(line))
    return text


_NOTICE = re.compile(r"this record is a partial extract of the original cable\.[^\n]{0,80}?"
                     r"not available\.", re.IGNORECASE)


def _own_words(text: str) -> bool:
    """True when ``text`` holds more than the partial-extract notice and a stray stamp (a date
    line, a row id): 40 characters of its own at least."""
    return len(_SPACE.sub("", _NOTICE.sub("", text[-4000:]))) >= _OWN_CHARS


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text).upper()


def _same_start(excerpt: str, row_text: str) -> bool:
    head = _SPACE.sub("", _NOTICE.sub("", row_text[: _COMPARE_CHARS * 8]))[:_COMPARE_CHARS]
    if not head:
        return False
    return head in _SPACE.sub("", excerpt[: _COMPARE_CHARS * 40])
