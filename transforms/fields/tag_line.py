"""Where a cable's TAGS are written: the label, the text after it and its continuation lines.

Only the head of the body is read (before the first numbered paragraph). The label may be
misspelt or glued to the E.O. line; the text runs to a glued ``SUBJECT``/``REF:``/
``Classified By`` and over at most three continuation lines that look like tags.
"""

from __future__ import annotations

import re

from transforms.fields.tag_table import KNOWN_TAGS

_HEAD_LINES = 60
_MAX_LINE = 1500
_MAX_CONTINUATION = 3
# Strong label: TAGS: anywhere on a head line (glued after E.O. or addressee text).
_STRONG_LABEL_RE = re.compile(r"(?:^|(?<=[\s:]))(?:TAGS|Tags|tags)\s*:\s*")
# Weaker labels (misspelt, no colon) only at line start or after the E.O. / DECL text.
_WEAK_LABEL_RE = re.compile(
    r"(?:^\s*|(?<=N/A\s)|(?<=\d\s)|(?<=\d))"
    r"(?:TAGS|TAGE|TAG|TAS|TGS|AGS|Tags|tags)\b\s*:?\s*(?=[A-Za-z])"
)
# Every strong or weak label holds one of these.
_LABEL_HINTS = ("AG", "ags", "TAS", "TGS")
_STOP_RE = re.compile(
    r"(?:\b(?:SUBJECT|SUBJ|Subject|subject)\b\s*:?|\bREFS?\s*:|Classified\s+By|CLASSIFIED\s+BY)"
)
_STOP_LINE_RE = re.compile(
    r"^\s*(?:SUBJECT|SUBJ|UBJECT|Subject|REF|Classified|CLASSIFIED|E\.\s?O\.|\u00b6|\d{1,2}\s?\.)"
)
_PARAGRAPH_RE = re.compile(r"^\s*(?:\u00b6\s?\d|\d{1,2}\s?\.\s?\()")
_TAG_TOKEN_RE = re.compile(r"^[A-Z0-9][A-Z0-9&'/-]*$")


def tags_text(body: str) -> str | None:
    """The TAGS text of ``body``, its lines joined by `` , ``; None when there is no label.

    The label is ``TAGS:`` anywhere on a head line, or ``TAGS``/``TAG``/``TAGE``/``TAS``/
    ``TGS``/``AGS`` (any case, colon optional) at line start or after the E.O. text.
    """
    lines = body[: _HEAD_LINES * 200].split("\n", _HEAD_LINES)[:_HEAD_LINES]
    for index, raw in enumerate(lines):
        line = raw[:_MAX_LINE]
        if _PARAGRAPH_RE.match(line):
            return None
        offset = _find_label(line)
        if offset is None:
            continue
        first, stopped = _until_stop(line[offset:])
        parts = [first]
        if not stopped:
            parts.extend(_continuation(lines[index + 1 : index + 1 + _MAX_CONTINUATION], first))
        return " , ".join(part for part in parts if part.strip())
    return None


def _find_label(line: str) -> int | None:
    if not any(map(line.__contains__, _LABEL_HINTS)):
        return None  # no label form can match: no regex scan for most lines
    strong = _STRONG_LABEL_RE.search(line)
    if strong is not None:
        return strong.end()
    weak = _WEAK_LABEL_RE.search(line)
    if weak is None:
        return None
    before = line[: weak.start()]
    if before.strip() and not re.search(r"12958|13526|12356|DECL|N/A|\d", before):
        return None
    return weak.end()


def _until_stop(text: str) -> tuple[str, bool]:
    match = _STOP_RE.search(text)
    if match is None:
        return text, False
    return text[: match.start()], True


def _continuation(lines: list[str], first: str) -> list[str]:
    parts: list[str] = []
    previous = first
    for raw in lines:
        line = raw[:_MAX_LINE]
        if not line.strip() or _STOP_LINE_RE.match(line):
            break
        text, stopped = _until_stop(line)
        if not _is_tag_line(text, previous.rstrip().endswith(",")):
            break
        parts.append(text)
        previous = text
        if stopped:
            break
    return parts


def _is_tag_line(text: str, after_comma: bool) -> bool:
    """A continuation line holds only tag-like tokens, mostly known tags unless after a comma."""
    words = [word.strip(",;") for word in text.replace(",", " , ").split()]
    words = [word for word in words if word and word != ","]
    if not words or len(words) > 20 or text.rstrip().endswith("."):
        return False
    if not all(_TAG_TOKEN_RE.match(word.upper().strip("()")) for word in words):
        return False
    known = sum(1 for word in words if word.upper() in KNOWN_TAGS)
    return after_comma or known * 2 >= len(words)
