"""Where a cable's TAGS are written: the label, the text after it and its continuation lines.

Only the head of the body is read (before the first numbered paragraph). The label may be
misspelt, in any case or glued to the E.O. line; the text runs to a glued ``SUBJECT``/
``REF:``/``Classified By`` and over at most three continuation lines that look like tags.
Line ends a dump or a web page left (``\\``, ``<br>``) are dropped first.
"""

from __future__ import annotations

import re

from transforms.fields.tag_table import KNOWN_TAGS, PHRASE_WORDS, TAG_FIXES

_HEAD_LINES = 60
_MAX_LINE = 1500
_MAX_CONTINUATION = 3
# Strong label: TAGS: anywhere on a head line (glued after E.O. or addressee text), any case.
_STRONG_LABEL_RE = re.compile(r"(?<![A-Za-z])[Tt][Aa][Gg][Ss]\s*:\s*")  # '"TAGS:' too
# Weaker labels (misspelt, no colon) only at line start or after the E.O. / DECL text; the
# misspellings only in capitals ("Tas" and "ags" are words).
_WEAK_LABEL_RE = re.compile(
    r"(?:^\s*|(?<=N/A\s)|(?<=\d\s)|(?<=\d))"
    r"(?:[Tt][Aa][Gg][Ss]?|TAGE|TAS|TGS|AGS)\b\s*:?\s*(?=[A-Za-z])"
)
_LINE_DEBRIS = re.compile(r"(?:[ \t]*(?:\\|<br>))+[ \t]*$", re.IGNORECASE)
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
    ``TGS``/``AGS`` (``TAGS``/``TAG`` in any case, colon optional) at line start or after the
    E.O. text. A continuation line finishing a known phrase joins with a space (``COUNTRY`` /
    ``CLEARANCE``). A TAGS line cut short (``...``) gives way to a later one, the full copy.
    """
    lines = body[: _HEAD_LINES * 200].split("\n", _HEAD_LINES)[:_HEAD_LINES]
    truncated: str | None = None
    for index, raw in enumerate(lines):
        line = raw[:_MAX_LINE]
        if "\\" in line or "<" in line:
            line = _without_debris(line)
        if _PARAGRAPH_RE.match(line):
            break
        offset = _find_label(line)
        if offset is None:
            continue
        first, stopped = _until_stop(line[offset:])
        text = first
        if not stopped:
            following = lines[index + 1 : index + 1 + _MAX_CONTINUATION]
            for separator, part in _continuation(following, first):
                text += separator + part
        if "..." not in text:
            return text
        truncated = truncated or text.replace("...", " ")
    return truncated


def _without_debris(line: str) -> str:
    return _LINE_DEBRIS.sub("", line).replace("<br>", " ").replace("<BR>", " ")


def _find_label(line: str) -> int | None:
    # Every label holds "ag" of TAGS/TAG in some case, or a capital misspelling: most lines
    # hold none and need no regex scan (an "or" chain: cheaper than any() over a tuple).
    if not (
        "AG" in line or "ag" in line or "Ag" in line or "aG" in line or "TAS" in line
        or "TGS" in line
    ):
        return None
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


def _continuation(lines: list[str], first: str) -> list[tuple[str, str]]:
    """(separator, text) of each continuation line: a space inside a phrase, else `` , ``."""
    parts: list[tuple[str, str]] = []
    previous = first
    for raw in lines:
        line = _without_debris(raw[:_MAX_LINE])
        if not line.strip() or _STOP_LINE_RE.match(line):
            break
        text, stopped = _until_stop(line)
        if _ends_phrase(previous, text):
            parts.append((" ", text))
        elif _is_tag_line(text, previous.rstrip().endswith(",")):
            parts.append((" , ", text))
        else:
            break
        previous = text
        if stopped:
            break
    return parts


def _ends_phrase(previous: str, text: str) -> bool:
    """The line's first words finish a known phrase the previous line began (``COUNTRY`` /
    ``CLEARANCE``, 07KUWAIT624), and every word of it looks like a tag."""
    if not all(_TAG_TOKEN_RE.match(word.upper().strip(",()")) for word in text.split()):
        return False
    before = previous.upper().replace(",", " ").split()[-(PHRASE_WORDS - 1) :]
    after = text.upper().replace(",", " ").split()[: PHRASE_WORDS - 1]
    return any(
        " ".join(before[start:] + after[:end]) in TAG_FIXES
        for start in range(len(before))
        for end in range(1, len(after) + 1)
    )


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
