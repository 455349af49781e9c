"""Database-dump debris inside published cable bodies.

Some published bodies carry rows of the database the cables were exported from:

* a key/value record (``id: 54459`` / ``date: ...`` / ``refid: 06LIMA748`` / ... /
  ``header:`` / routing lines / ``----- header ends -----``) followed by a cable text and a
  ``=====CABLE ENDS=====`` line (imitates 06LIMA748, 05QUITO1978, 04BOGOTA2313);
* a tab-separated row (``46151<TAB>11/28/2005 7:02<TAB>05DUSHANBE1870<TAB>...``) whose seventh
  tab ends the routing header and starts a cable text (imitates 05DUSHANBE1870, 09BERN279,
  where the row is another cable and every line of the dump ends with `` \\``);
* an export stamp ``ID:190812 Cable dated:2009-02-06T13:05:00`` glued before the banner
  (imitates 09LONDON333, 06CAIRO493).

Often the published text is a truncated excerpt ending ``...`` and the dump row that follows
holds the full text of the same cable; then that full text is the body. Every other row's text
belongs to some other cable and is dropped.
"""

from __future__ import annotations

import re

_KV_ROW = re.compile(r"^id: ?\d{1,9}(?:\s[^\n]{0,40})?$")  # 09LIMA1667: "id: 236843 DROGAS 1"
_KV_FIELD = re.compile(r"^(?:date|refid|origin|classification|destination|header):")
_HEADER_ENDS = re.compile(r"^-{5,} ?header ends ?-{5,}\s*$")
_CABLE_ENDS = re.compile(r"^={5,} ?CABLE ENDS ?={5,}\s*$")
_TAB_ROW = re.compile(r"^\d{1,9}\t[0-9/: -]{8,20}\t\d\d[A-Z][A-Z0-9-]{2,40}\t")
_SQL = re.compile(r"^SELECT \* FROM `?cable")
_DATED = re.compile(r"(?:ID: ?\d{1,9} ?)?Cable dated: ?\d{4}-\d\d-\d\dT[0-9:]{5,8}")
# One scan of the whole body: the line starts of every kind of row above.
_ANY_DEBRIS = re.compile(
    r"^(?:id: ?\d{1,9}(?:\s[^\n]{0,40})?$|\d{1,9}\t[0-9/: -]{8,20}\t\d\d[A-Z]"
    r"|={5,} ?CABLE ENDS|SELECT \* FROM `?cable)",
    re.MULTILINE,
)
# What each kind of row above holds (a kv row opens its line with "id:", hence "\nid:"; "id:"
# alone is in every "said:"): a body without any of them has no rows.
_CLUES = ("\nid:", "\t", "CABLE ENDS", "SELECT * FROM")
_ROW_FIRST = frozenset("i0123456789")
_NON_SPACE = re.compile(r"\S")
_SPACE = re.compile(r"\s+")

# Lines of a CSV dump end with a backslash line continuation.
_CONTINUATION = " \\"
_COMPARE_CHARS = 40


def has_dump_rows(body: str) -> bool:
    """True when ``body`` carries database-dump rows, export stamps or ``CABLE ENDS`` lines."""
    if not body:
        return False
    if "Cable dated:" in body:
        return True
    return _has_rows(body)


def _has_rows(body: str) -> bool:
    if not (body.startswith("id:") or any(clue in body for clue in _CLUES)):
        return False  # the common case, decided by fast substring scans
    return _ANY_DEBRIS.search(body) is not None


def strip_dump_rows(body: str) -> str:
    """The body without dump rows, so no field parser takes another cable's text.

    Rules: export stamps (``Cable dated:...``) are cut out of their line; the text before the
    first dump row is the body, unless it is empty or a truncated excerpt (ends ``..``) whose
    start the first row's text repeats, in which case the row's text (the full cable) is the
    body; everything after a ``CABLE ENDS`` line, every later row, ``SELECT * FROM cable``
    lines and the `` \\`` continuations of a CSV dump are removed. A body without dump rows is
    returned unchanged. Never raises.
    """
    if not body or not has_dump_rows(body):
        return body or ""
    if "Cable dated:" in body:
        body = _DATED.sub("", body)
        if not _has_rows(body):
            return body
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] in _ROW_FIRST and _is_row_start(line)]
    if not starts:
        return _drop_cable_ends(lines)
    first = lines[: starts[0]]
    end = starts[1] if len(starts) > 1 else len(lines)
    row_text = _row_text(lines[starts[0] : end])
    kept = first
    if (_is_truncated(first) and _same_start(first, row_text)) or not "".join(first).strip():
        kept = row_text
    return _drop_cable_ends(kept)


def _is_row_start(line: str) -> bool:
    return bool(_KV_ROW.match(line) or _TAB_ROW.match(line))


def _row_text(row_lines: list[str]) -> list[str]:
    """The cable text a dump row carries (after its header), as lines."""
    if not row_lines:
        return []
    if _KV_ROW.match(row_lines[0]):
        for i, line in enumerate(row_lines):
            if _HEADER_ENDS.match(line):
                return row_lines[i + 1 :]
        # no header terminator: skip the key/value fields only
        i = 1
        while i < len(row_lines) and _KV_FIELD.match(row_lines[i]):
            i += 1
        return row_lines[i:]
    tabs = 0
    for i, line in enumerate(row_lines):
        start = 0
        while True:
            found = line.find("\t", start)
            if found < 0:
                break
            tabs += 1
            start = found + 1
            if tabs == 7:
                return [line[start:], *row_lines[i + 1 :]]
    return []


def _drop_cable_ends(lines: list[str]) -> str:
    """The lines up to the first ``CABLE ENDS`` (after it: a stray excerpt), SQL lines dropped."""
    for i, line in enumerate(lines):
        if line.startswith("=") and _CABLE_ENDS.match(line):
            lines = lines[:i]
            break
    kept = [line for line in lines if not (line.startswith("SELECT") and _SQL.match(line))]
    continued = sum(line.endswith("\\") for line in kept)
    if continued and continued * 2 >= sum(bool(line.strip()) for line in kept):
        kept = [_uncontinue(line) for line in kept]
    return "\n".join(kept)


def _uncontinue(line: str) -> str:
    if line.endswith(_CONTINUATION):
        return line[: -len(_CONTINUATION)]
    return line[:-1] if line.endswith("\\") else line


def _is_truncated(lines: list[str]) -> bool:
    for line in reversed(lines):
        if line.strip():
            return line.rstrip().endswith(("..", "\u2026"))
    return False


def _squeeze(lines: list[str], limit: int) -> str:
    """The first ``limit`` non-space characters of ``lines``."""
    out: list[str] = []
    size = 0
    for line in lines:
        chunk = _SPACE.sub("", line[: limit * 4])
        out.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return "".join(out)[:limit]


def _same_start(excerpt: list[str], row_text: list[str]) -> bool:
    head = _squeeze(row_text, _COMPARE_CHARS)
    if not _NON_SPACE.search(head):
        return False
    return head in _squeeze(excerpt, _COMPARE_CHARS * 20)
