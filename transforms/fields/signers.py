"""The signature of a cable body: the name(s) on its last line(s)."""

from __future__ import annotations

import re

from transforms.fields.page_breaks import TERMINAL_CHARS
from transforms.fields.signer_trailers import (
    TAIL_CHARS,
    has_marks,
    keep_footers,
    skip_trailers,
    split_footer,
    text_end,
)

_TRAILING_JUNK = re.compile(
    r"(?:\s{1,10}(?:N{3,4}|ZFR|BT)(?:\s{1,4}END CABLE TEXT)?|\s{0,10}[\"\\*>|,#]|\s{1,10}\."
    r"|\s{0,10}<br\s?/?>|(?:\s{1,4}\d{1,2})?\s{1,4}\d{1,4}[/-]\d{1,2}[/-]\d{2,4})\s*$",
    re.IGNORECASE,
)
# The longest junk ``_TRAILING_JUNK`` removes before the trailing whitespace: its first branch,
# 10 spaces, NNNN, 4 spaces and END CABLE TEXT.
_JUNK_CHARS = 32
# A name glued to a sentence's stop: ``table.ROONEY``, ``August 16.POLASCHIK``.
_GLUED_DOT = re.compile(r"^(?P<text>.{0,40}[a-z0-9)\"”]\.)(?P<name>[A-Z][A-Z'’-]{2,24})$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z'’-]{1,24}|[A-Z]\.|Mc[A-Z][A-Za-z'’-]{1,20})$")
_REDACTION = re.compile(r"^[Xx]{3,}$")
# A paragraph's classification mark (``(C)``, ``(S/Rel UK)``) closes no text before a name.
_MARK = re.compile(r"[A-Z]{1,4}(?:\s?/{1,2}\s?[A-Za-z]{1,6}(?:,?\s[A-Z]{2,4}){0,4}){0,3}")
# A page-break marker just before a glued name: ``CAIRO 00002129 003 OF 003 Scobey``.
_PAGE_MARKER_END = re.compile(r"\d{8}\s\d{3}(?:\.\d)?\sOF\s\d{3}$")
_PARTICLES = frozenset(
    {"van", "von", "de", "del", "der", "da", "di", "du", "la", "le", "den", "ter"}
)
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV", "Jr", "Jr.", "Sr", "Sr."})
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "amb.", "col.", "lt.", "sen.", "rep.", "gov.",
     "vs.", "ref.", "para.", "e.g.", "i.e.", "a.m.", "p.m."}
)
# Words that end a body without being a signer (``END COMMENT``, ``MINIMIZE CONSIDERED``).
_STOPWORDS = frozenset(
    """
    END COMMENT COMMENTS TEXT SUMMARY NOTE QUOTE UNQUOTE SIPDIS NOFORN MINIMIZE CONSIDERED
    PLEASE ADVISE THANKS THANK REGARDS CHEERS BEST ACTION REQUEST INFO CONFIDENTIAL SECRET
    UNCLASSIFIED UNCLAS LIMITED OFFICIAL USE SENSITIVE CLASSIFIED BY DECL TAGS SUBJECT REF
    AND OR THE OF FOR TO IN ON AT NOT NO YES OK SEPTEL CABLE MESSAGE XXXXXXXXXXXX PRIORITY
    IMMEDIATE ROUTINE WASHDC WASHINGTON DC EMBASSY CONSULATE MISSION SECSTATE EXEMPT GDS
    XGDS DIRECTOR MINISTER
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Titles printed before a signer's name (``CDA Griffiths``): not part of the name.
_TITLES = frozenset({"CDA", "AMB", "AMBASSADOR", "CHARGE", "DCM", "A/S"})
# Text a signer's name is glued after (``... END COMMENT. CRETZ``, ``MINIMIZE CONSIDERED
# SHANNON``, ``CLINTON UNQUOTE CLINTON``).
_GLUE_PREFIXES = (
    "END COMMENT", "END TEXT", "END SUMMARY", "END NOTE", "END QUOTE", "END UNQUOTE",
    "MINIMIZE CONSIDERED", "UNQUOTE", "END OF TEXT", "END FYI",
)
# Marks of a URL or a web-site footer just before a glued name: no sentence stop there.
_URL_MARKS = ("http", "www.", "sgov", ".cfm", "Website", "Web Site", "Portal:")
_MAX_NAME_TOKENS = 4
_TAIL_CHARS = 200
_BODY_TAIL_CHARS = TAIL_CHARS
_SHORT_TAIL_CHARS = 1200


def parse_signers(body: str) -> list[str]:
    """The signer names of ``body``, as printed, top to bottom.

    Rules: the text ends at the end of transmission (``NNNN``) or at a database-dump row glued
    after it; trailer lines at the end (``ZFR``, ``BT``, ``=== CABLE ENDS ===``, a page foot
    classification or page-break line, ``*****``, dots, a stray quote or ``\\``, archive and
    print stamps, the ``Visit ... Classified Web Site`` footer and its URL, declassification
    stamps, ``NOTE BY OC/T``) are skipped; the last line is the signature when it is a name of
    one to four words (caps surname, ``JR``/``III``, particles such as ``van``; trailing dots
    and ``#`` dropped), two names on one line are split at ``/``, and a second name-only line
    just above adds a second signer (a repeated name counts once). A name glued to the end of
    the last paragraph (``... End comment. CRETZ``, ``(reftel C). Scobey``, ``OLSON..``) is
    taken when it follows a sentence end or closing parenthesis, ``END COMMENT``, ``MINIMIZE
    CONSIDERED``, ``UNQUOTE``, a page-break marker, a redaction mark or a web-site footer; a
    glued name of several words must be in capitals. A redaction is never a name, prose is
    never returned; a body without signature gives ``[]``. Never raises.
    """
    if not body:
        return []
    tail = body[-_BODY_TAIL_CHARS:]
    if len(tail) > _SHORT_TAIL_CHARS and not has_marks(tail):
        # Without a dump row or NNNN to find, the signature sits in the last lines: split
        # only those, and the whole tail when they hold none.
        short = tail[-_SHORT_TAIL_CHARS:]
        _, names = _split_signature(short.split("\n"), short, content=False, marked=False)
        if names:
            return names
    _, names = _split_signature(tail.split("\n"), tail, content=False)
    return names


def split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without the signature and what follows it, and the signer names found.

    What follows it (trailer lines, the end of transmission and anything after it, dump
    rows) is never content; when there is no signature the content still ends before it.
    """
    return _split_signature(lines, None, content=True)


def _split_signature(
    lines: list[str], tail: str | None, content: bool, marked: bool = True
) -> tuple[list[str], list[str]]:
    """``split_signature``; ``tail`` is the text ``lines`` were split from, when at hand;
    without ``content`` only the names are worked out (the content comes back empty);
    ``marked=False``: the tail holds no dump row or NNNN (``has_marks``)."""
    stop, last = text_end(lines, tail, marked)
    if last is not None:
        lines = [*lines[: stop - 1], last]
    end = skip_trailers(lines, stop)
    # A web-site footer after the signature is no text either, but a note: kept, at the end.
    after = lines[end:stop] if content else []
    if end == 0:
        notes: list[str] = []
        keep_footers(notes, after)
        return notes, []
    raw_last = lines[end - 1]
    last = _clean(raw_last)
    names = _names_of_line(last)
    if not names:
        _, glued = _glued_name(last)
        if glued:
            full = raw_last.rstrip()
            rest = full[: full.rfind(glued[0].split()[0])].rstrip().rstrip("#*\"").rstrip()
            return (_content([*lines[: end - 1], rest], after) if content else []), glued
        return (_content(lines[:end], after) if content else []), []
    content_end = end - 1
    above = _previous_text(lines, content_end)
    if above is not None:
        extra = _names_of_line(lines[above].strip(), dots=False)
        before = _previous_text(lines, above)
        ends_text = before is None or lines[before].rstrip().endswith(TERMINAL_CHARS)
        if len(extra) == 1 and extra[0].isupper() and names[0].isupper() and ends_text:
            content_end = above
            names = [*extra, *(name for name in names if name not in extra)]
    return (_content(lines[:content_end], after) if content else []), names


def _content(content: list[str], after: list[str]) -> list[str]:
    """``content`` (a list of its own) without the trailer lines between its text and the
    signature (a page break, a stamp, dots), a web-site footer glued to its last text line
    (``... he stressed.  Visit London's Classified Website: XXXXXXXXXXXX``) put on a line of
    its own, and the footers and URL lines of its trailers and of ``after`` (the lines after
    the signature) kept at its end (``keep_footers``)."""
    end = skip_trailers(content, len(content))
    dropped = content[end:]
    del content[end:]
    if content:
        text, footer = split_footer(content[-1])
        if footer is not None:
            content[-1] = text
            content.append(footer)
    keep_footers(content, dropped)
    keep_footers(content, after)
    return content


def _previous_text(lines: list[str], index: int) -> int | None:
    """Index of the last non-blank line before ``index``, or None."""
    index -= 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    return index if index >= 0 else None


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


def _names_of_line(text: str, dots: bool = True) -> list[str]:
    """The names ``text`` consists of, or ``[]`` when it is anything else.

    With ``dots``, dots after the name are dropped (``MCNAMARA.``, ``Susman..``) when the
    name is in capitals or one word: ``Minister Downer.`` is a sentence.
    """
    if not text or len(text) > 60:
        return []
    if text.endswith("."):
        if not dots:
            return []
        bare = text.rstrip(".").rstrip()
        if bare and (bare.isupper() or " " not in bare):
            names = _names_of_line(bare)
            return names if all(name.isupper() or " " not in name for name in names) else []
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
        if token.upper() in _STOPWORDS or not _NAME_TOKEN.match(token) or _REDACTION.match(token):
            return None
        letters = max(letters, sum(ch.isalpha() for ch in token))
    return " ".join(tokens) if letters >= 2 else None


def _glued_name(line: str) -> tuple[str, list[str]]:
    """(line without the name, [name]) for ``... End comment. CRETZ``; else (line, [])."""
    tokens = line.split()
    if not tokens:
        return line, []
    # ``#ERELI``, ``""CLINTON``, ``OLSON..``: marks around the last word are not the name;
    # a name that ends a sentence needs a stop before it too (``... Ambassador SMITH.``).
    dotted_end = tokens[-1].endswith(".")
    tokens[-1] = tokens[-1].lstrip("#\"*").rstrip(".") or tokens[-1]
    dotted = _GLUED_DOT.match(tokens[-1][-70:])
    if dotted and _name(dotted.group("name")):
        return line[: line.rfind(dotted.group("name"))], [dotted.group("name")]
    in_url = any(map(" ".join(tokens[-6:]).__contains__, _URL_MARKS))
    for size in range(min(_MAX_NAME_TOKENS, len(tokens) - 1), 0, -1):
        name = _name(" ".join(tokens[-size:]))
        if name is None:
            continue
        if not (in_url or _separates(tokens[-size - 1], tokens[-size:], tokens, dotted_end)):
            continue
        if size > 1 and not all(token.isupper() or token in _PARTICLES for token in tokens[-size:]):
            continue  # ``... Website: XXXXXXXXXXXX Kingdom LeBaron``: one mixed-case word
        rest = line[: line.rstrip().rfind(tokens[-size])].rstrip()
        return rest, [name]
    return line, []


def _separates(before: str, name_tokens: list[str], tokens: list[str], strict: bool) -> bool:
    """True when ``before`` (the token ahead of a name) closes the paragraph text; ``strict``
    asks for a stop or a prefix (no caps name after unstopped prose). A web-site footer
    before the name is its caller's test."""
    is_caps = all(token.isupper() or token in _PARTICLES for token in name_tokens)
    head = " ".join(tokens[-len(name_tokens) - 3 : -len(name_tokens)]).upper().rstrip(".:;, ")
    redacted = before.startswith(("XXXX", "xxxx"))
    if head.endswith(_GLUE_PREFIXES) or redacted or not before.strip("*"):
        return True
    if before.isdigit() and _PAGE_MARKER_END.search(
        " ".join(tokens[-len(name_tokens) - 4 : -len(name_tokens)])
    ):
        return True
    if before == "cfm":
        return True
    if before.lower() in _ABBREVIATIONS:
        return False
    if before.endswith(")"):
        # ``(Al Ahram, 7/30/2009) Scobey``, ``(reftel E) Scobey``; not a mark: ``(C) Next``
        head_text = " ".join(tokens[-len(name_tokens) - 6 : -len(name_tokens)])
        return not _MARK.fullmatch(head_text[head_text.rfind("(") + 1 : -1])
    stop = before.rstrip(")\"”'’")
    if stop.endswith((".", "!", "?")) and len(stop) > 2:
        ahead = stop[-2]
        if is_caps or not (ahead.isupper() or ahead == "."):
            return True  # ``... 2008. Scobey``, ``(ref. C). Scobey``, ``66%. Scobey``
        word = stop.rstrip(".!?")
        return word.isalpha() and word.isupper() and len(word) >= 3  # ``END COMMENT. McEldowney``
    if strict:
        return False
    # a caps surname after mixed-case text that ends without a stop (a wrapped URL line)
    letters = sum(ch.isalpha() for token in name_tokens for ch in token)
    return is_caps and letters >= 4 and any(ch.islower() for ch in " ".join(tokens[-8:-1]))
