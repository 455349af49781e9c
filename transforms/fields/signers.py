"""The signature of a cable body: the name(s) on its last line(s)."""

from __future__ import annotations

import re

from transforms.fields.page_breaks import CLASSIFICATION_ONLY, MARKER_START, TERMINAL_CHARS

_TRAILER = re.compile(
    r"^\s{0,40}(?:N{3,4}\b.{0,80}|ZFR|BT|#\d{1,6}|={3,}[A-Z ]{0,20}={0,80}|[<>\"\\./|]"
    r"|(?:</?[a-z]{1,8}>){1,4}|\*{3,}[* ]{0,80}|END CABLE TEXT"
    r"|\d{4}[A-Z]{3,12}\d{3,6}\s{0,3}-.{0,60}"
    r"|.{0,57}\.\.\.)\s*$",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(
    r"(?:\s{1,10}(?:N{3,4}|ZFR|BT)(?:\s{1,4}END CABLE TEXT)?|\s{0,10}[\"\\*>|]|\s{1,10}\."
    r"|\s{0,10}<br\s?/?>|(?:\s{1,4}\d{1,2})?\s{1,4}\d{1,4}[/-]\d{1,2}[/-]\d{2,4})\s*$",
    re.IGNORECASE,
)
# The longest junk ``_TRAILING_JUNK`` removes before the trailing whitespace: its first branch,
# 10 spaces, NNNN, 4 spaces and END CABLE TEXT.
_JUNK_CHARS = 32
_GLUED_DOT = re.compile(r"^(?P<text>.{0,40}[a-z)\"”]\.)(?P<name>[A-Z][A-Z'’-]{2,24})$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z'’-]{1,24}|[A-Z]\.|Mc[A-Z][A-Za-z'’-]{1,20})$")
_PARTICLES = frozenset(
    {"van", "von", "de", "del", "der", "da", "di", "du", "la", "le", "den", "ter"}
)
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV", "Jr", "Jr.", "Sr", "Sr."})
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "amb.", "col.", "lt.", "sen.", "rep.", "gov."}
)
# Words that end a body without being a signer (``END COMMENT``, ``MINIMIZE CONSIDERED``).
_STOPWORDS = frozenset(
    """
    END COMMENT COMMENTS TEXT SUMMARY NOTE QUOTE UNQUOTE SIPDIS NOFORN MINIMIZE CONSIDERED
    PLEASE ADVISE THANKS THANK REGARDS ACTION REQUEST INFO CONFIDENTIAL SECRET
    UNCLASSIFIED UNCLAS LIMITED OFFICIAL USE SENSITIVE CLASSIFIED BY DECL TAGS SUBJECT REF
    AND OR THE OF FOR TO IN ON AT NOT NO YES OK SEPTEL CABLE MESSAGE XXXXXXXXXXXX PRIORITY
    IMMEDIATE ROUTINE WASHDC WASHINGTON DC EMBASSY CONSULATE MISSION SECSTATE
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Titles printed before a signer's name (``CDA Griffiths``): not part of the name.
_TITLES = frozenset({"CDA", "AMB", "AMBASSADOR", "CHARGE", "DCM", "A/S"})
_GLUE_PREFIXES = ("END COMMENT", "END TEXT", "END SUMMARY", "END NOTE", "END QUOTE", "END UNQUOTE")
_MAX_NAME_TOKENS = 4
_MAX_TRAILERS = 12
_TAIL_CHARS = 200


def parse_signers(body: str) -> list[str]:
    """The signer names of ``body``, as printed, top to bottom.

    Rules: trailer lines at the end (``NNNN``, ``ZFR``, ``BT``, ``=== CABLE ENDS ===``, a page
    foot classification, ``*****``, a stray quote or ``\\``) are skipped; the last line is the
    signature when it is a name of one to four words (caps surname, ``JR``/``III``, particles
    such as ``van``), two names on one line are split at ``/``, and a second name-only line
    just above adds a second signer (a repeated name counts once). A name glued to the end of
    the last paragraph (``... End comment. CRETZ``) is taken when it follows a sentence end,
    ``END COMMENT`` or a redaction mark. Prose is never returned; a body without signature
    gives ``[]``. Never raises.
    """
    if not body:
        return []
    _, names = split_signature(body[-4000:].split("\n"))
    return names


def split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without the signature and trailers, and the signer names found."""
    end = len(lines)
    skipped = 0
    while end > 0 and skipped < _MAX_TRAILERS and _is_trailer(lines[end - 1]):
        end -= 1
        skipped += 1
    if end == 0:
        return lines[:end], []
    last = _clean(lines[end - 1])
    names = _names_of_line(last)
    if not names:
        _, glued = _glued_name(last)
        if glued:
            full = lines[end - 1].rstrip()
            rest = full[: full.rfind(glued[0].split()[0])].rstrip()
            return [*lines[: end - 1], rest], glued
        return lines[:end], []
    content_end = end - 1
    above = _previous_text(lines, content_end)
    if above is not None:
        extra = _names_of_line(lines[above].strip())
        before = _previous_text(lines, above)
        ends_text = before is None or lines[before].rstrip().endswith(TERMINAL_CHARS)
        if len(extra) == 1 and extra[0].isupper() and names[0].isupper() and ends_text:
            content_end = above
            names = [*extra, *(name for name in names if name not in extra)]
    return lines[:content_end], names


def _previous_text(lines: list[str], index: int) -> int | None:
    """Index of the last non-blank line before ``index``, or None."""
    index -= 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    return index if index >= 0 else None


def _is_trailer(line: str) -> bool:
    if MARKER_START.match(line):
        return False  # "¶1. ..." is a truncated paragraph, not a trailer
    return not line.strip() or bool(_TRAILER.match(line) or CLASSIFICATION_ONLY.match(line))


def _clean(line: str) -> str:
    text = line.strip()[-_TAIL_CHARS:]
    for _ in range(3):
        stripped = _without_trailing_junk(text)
        if stripped == text:
            break
        text = stripped
    return text.strip()


def _without_trailing_junk(text: str) -> str:
    """``_TRAILING_JUNK.sub("", text)``, the pattern tried near the end of ``text`` only.

    A match runs to the end: at most ``_JUNK_CHARS`` characters of junk (each branch ends in a
    non-space) and then the trailing whitespace. So no match starts before that many
    characters from the end, and the first one found from there is the one ``sub`` removes
    (nothing is left after it to match again).
    """
    trailing = len(text) - len(text.rstrip())
    match = _TRAILING_JUNK.search(text, max(0, len(text) - trailing - _JUNK_CHARS))
    return text[: match.start()] if match else text


def _names_of_line(text: str) -> list[str]:
    """The names ``text`` consists of, or ``[]`` when it is anything else."""
    if not text or len(text) > 60:
        return []
    parts = [part.strip() for part in text.split("/")] if "/" in text else [text]
    names = [_name(part) for part in parts]
    if not all(names):
        return []
    return list(dict.fromkeys(name for name in names if name))


def _name(text: str) -> str | None:
    """``text`` as a signer name (title dropped, a doubled name once), or None."""
    tokens = text.split()
    while tokens and tokens[0].upper() in _TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    half = len(tokens) // 2
    if half and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]
    if not 0 < len(tokens) <= _MAX_NAME_TOKENS:
        return None
    letters = 0
    for token in tokens:
        if token in _PARTICLES or token in _SUFFIXES:
            continue
        if token.upper() in _STOPWORDS or not _NAME_TOKEN.match(token):
            return None
        letters = max(letters, sum(ch.isalpha() for ch in token))
    return " ".join(tokens) if letters >= 2 else None


def _glued_name(line: str) -> tuple[str, list[str]]:
    """(line without the name, [name]) for ``... End comment. CRETZ``; else (line, [])."""
    tokens = line.split()
    if not tokens:
        return line, []
    dotted = _GLUED_DOT.match(tokens[-1][-70:])
    if dotted and _name(dotted.group("name")):
        return line[: len(line) - len(dotted.group("name"))], [dotted.group("name")]
    for size in range(min(_MAX_NAME_TOKENS, len(tokens) - 1), 0, -1):
        name = _name(" ".join(tokens[-size:]))
        if name is None or not _separates(tokens[-size - 1], tokens[-size:], tokens):
            continue
        rest = line[: line.rstrip().rfind(tokens[-size])].rstrip()
        return rest, [name]
    return line, []


def _separates(before: str, name_tokens: list[str], tokens: list[str]) -> bool:
    """True when ``before`` (the token ahead of a name) closes the paragraph text."""
    is_caps = all(token.isupper() or token in _PARTICLES for token in name_tokens)
    head = " ".join(tokens[-len(name_tokens) - 3 : -len(name_tokens)]).upper()
    if head.endswith(_GLUE_PREFIXES) or before.startswith("XXXX") or not before.strip("*"):
        return True
    in_url = any(mark in " ".join(tokens[-4:]) for mark in ("http", "www.", "sgov", ".cfm"))
    if in_url or before == "cfm":
        return True
    if before.lower() in _ABBREVIATIONS:
        return False
    if before.endswith((".", "!", "?", ")", '"', "”")) and len(before) > 2:
        return is_caps or before[-2:-1].islower() or before.endswith(('."', ".”"))
    # a caps surname after mixed-case text that ends without a stop (a wrapped URL line)
    letters = sum(ch.isalpha() for token in name_tokens for ch in token)
    return is_caps and letters >= 4 and any(ch.islower() for ch in " ".join(tokens[-8:-1]))
