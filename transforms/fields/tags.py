"""The TAGS line of a cable body and the kind of each tag.

``parse_tags`` reads the text ``transforms.fields.tag_line`` finds and splits it into tags;
the kinds come from the seed table in ``transforms.fields.tag_table``, glued runs are split
by ``transforms.fields.glued_tags``. Nothing here raises.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.fields.glued_tags import split_glued
from transforms.fields.markings import CAVEATS
from transforms.fields.tag_line import tags_text

# The table and the kinds lived here first; callers still import them from this module.
from transforms.fields.tag_table import (
    KNOWN_TAGS,
    PHRASE_WORDS,
    TAG_FIXES,
    TAG_KINDS,
    TAGS_CSV,
    tag_kind,
)

__all__ = ["KNOWN_TAGS", "TAGS_CSV", "TAG_KINDS", "Tag", "parse_tags", "tag_kind"]

# Caveats and handling words that sometimes stray into the TAGS line.
_NOT_TAGS = frozenset({*CAVEATS, "SENSITIVE"})
# Words that may join a multi-word tag without being tag words themselves.
_JOINERS = frozenset({"AND", "OF", "THE", "FOR", "WITH", "ON"})
_SPACES_RE = re.compile(r"\s+")
_PHRASE_OPENINGS = frozenset(written.split()[0] for written in TAG_FIXES if " " in written)


# A NamedTuple, not a frozen dataclass: as immutable, and built ~2.5x faster (tens of
# thousands per 5,000 cables).
class Tag(NamedTuple):
    """One TAGS entry and its kind (subject, geographic, organization, person, program, ...)."""

    tag: str  # PREL, PK, "OVIP (STEINBERG, JAMES B.)", "HUMAN RIGHTS"
    kind: str  # one of TAG_KINDS


def parse_tags(body: str) -> list[Tag]:
    """The TAGS of a cable, in published order, duplicates and caveat words removed.

    The label is ``TAGS:`` anywhere on a head line, or ``TAGS``/``TAG``/``TAGE``/``TAS``/
    ``TGS``/``AGS`` (``TAGS``/``TAG`` in any case, colon optional) at line start or after the
    E.O. text; only the head of the body (before the first numbered paragraph) is read. The
    tags run to a glued ``SUBJECT``/``REF:``/``Classified By`` and over at most three
    continuation lines of tag-like tokens (after a trailing comma, mostly known tags, or
    finishing a known phrase); line ends ``\\`` and ``<br>`` are dropped. Items are split at
    commas and semicolons (not inside parentheses) and spaces. A person is a tag of its own:
    ``OVIP (STEINBERG, JAMES B.)`` gives ``OVIP`` and ``STEINBERG, JAMES B.``, ``OVIP
    CLINTON HILLARY`` gives ``OVIP`` and ``CLINTON, HILLARY``. Free keywords: a known phrase
    of ``seeds/tag_fixes.csv`` is one tag (``GAZA DISENGAGEMENT``, ``TIP IN TURKEY``); other
    unknown words written together (``ECONOMY AND FINANCE``) stay one tag, and a comma item
    whose words are all unknown stays whole; a phrase glued to the codes after it splits from
    them (``HUMAN RIGHTSPOLMIL``). The fixes table also mends typos (``MOPPS`` -> ``MOPS``)
    and persons written without their comma. A glued run such as
    ``KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG`` is split into known codes when it splits fully.
    Caveats (SIPDIS, NOFORN, ...) are dropped. Tags are upper-cased.
    """
    try:
        text = tags_text(body) if body else None
    except (TypeError, ValueError):
        text = None
    if not text:
        return []
    seen: set[str] = set()
    tags: list[Tag] = []
    for tag in _split_items(text):
        if tag and tag not in seen and tag not in _NOT_TAGS:
            seen.add(tag)
            tags.append(Tag(tag, tag_kind(tag)))
    return tags


def _split_commas(text: str) -> list[str]:
    """Split at commas and semicolons outside parentheses: ``OVIP (STEINBERG, JAMES B.), PREL``."""
    items: list[str] = []
    depth = 0
    start = 0
    for position, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char in ",;" and depth == 0:
            items.append(text[start:position])
            start = position + 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def _tokens(item: str) -> list[str]:
    """Words of one comma item, a parenthesised name kept as one token."""
    tokens: list[str] = []
    rest = item
    while rest:
        rest = rest.lstrip()
        if not rest:
            break
        if rest.startswith("("):
            close = rest.find(")")
            close = len(rest) - 1 if close < 0 else close
            tokens.append(rest[: close + 1])
            rest = rest[close + 1 :]
            continue
        word, _, rest = rest.partition(" ")
        open_at = word.find("(")
        if open_at > 0:
            rest = word[open_at:] + " " + rest
            word = word[:open_at]
        tokens.append(word)
    return tokens


def _split_items(text: str) -> list[str]:
    out: list[str] = []
    for item in _split_commas(text.upper()):
        words = [word.strip(".;:") if not word.startswith("(") else word for word in _tokens(item)]
        words = [word for word in words if word and any(ch.isalnum() for ch in word)]
        if not words:
            continue
        joined = " ".join(words)
        if len(words) > 1 and not any(_is_known(word) for word in words) and not any(
            _phrase_at(words, index) for index in range(len(words))
        ):
            out.extend(TAG_FIXES.get(joined, (joined,)))  # "HUMAN RIGHTS" as one item
            continue
        out.extend(_walk(words))
    return out


def _is_known(word: str) -> bool:
    if word in KNOWN_TAGS or word in _NOT_TAGS or word in TAG_FIXES:
        return True
    return split_glued(word) is not None


def _phrase_at(words: list[str], index: int) -> int:
    """How many words from ``index`` make a known phrase (the longest), 0 when none."""
    if words[index] not in _PHRASE_OPENINGS:
        return 0
    for size in range(min(PHRASE_WORDS, len(words) - index), 1, -1):
        if " ".join(words[index : index + size]) in TAG_FIXES:
            return size
    return 0


def _person(words: list[str]) -> tuple[str, ...]:
    """``STEINBERG JAMES`` -> the table's ``STEINBERG, JAMES B.``, else ``SURNAME, GIVEN``."""
    written = " ".join(words)
    return TAG_FIXES.get(written, (f"{words[0]}, {' '.join(words[1:])}",))


def _walk(words: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while run and run[-1] in _JOINERS:
            run.pop()
        if run and out and out[-1] == "OVIP" and 2 <= len(run) <= 3:
            out.extend(_person(run))
        elif run:
            joined = " ".join(run)
            out.extend(TAG_FIXES.get(joined, (joined,)))
        run.clear()

    index = 0
    while index < len(words):
        word = words[index]
        size = _phrase_at(words, index) if word in _PHRASE_OPENINGS else 0
        if size:
            flush()
            out.extend(TAG_FIXES[" ".join(words[index : index + size])])
            index += size
            continue
        index += 1
        if word.startswith("("):
            flush()
            name = _SPACES_RE.sub(" ", word.strip("() "))
            if name:  # "OVIP (STEINBERG, JAMES B.)": the person is a tag of its own
                out.extend(TAG_FIXES.get(name.replace(",", ""), (name,)))
            continue
        if word in KNOWN_TAGS or word in _NOT_TAGS or word in TAG_FIXES:
            if run:
                flush()
            fix = TAG_FIXES.get(word)
            if fix is None:
                out.append(word)
            else:
                out.extend(fix)
            continue
        pieces = split_glued(word)
        if pieces is not None:
            flush()
            out.extend(pieces)
            continue
        glued = _glued_to_phrase(run, word) if run and len(word) >= 6 else None
        if glued is not None:  # "HUMAN RIGHTSPOLMIL": a phrase, then codes, no space
            size, phrase_tags, codes = glued
            del run[-size:]
            flush()
            out.extend(phrase_tags)
            out.extend(codes)
            continue
        after_ovip = not run and out and out[-1] == "OVIP" and word.isalpha()
        if after_ovip or _wordy(word) or (run and (word in _JOINERS or out[-1:] == ["OVIP"])):
            run.append(word)
            continue
        flush()
        out.append(word)
    flush()
    return out


def _glued_to_phrase(
    run: list[str], word: str
) -> tuple[int, tuple[str, ...], list[str]] | None:
    """(words of ``run`` the phrase takes, its tags, the codes) when ``word`` ends a known
    phrase begun in ``run`` and known codes follow unspaced (04PANAMA586)."""
    for cut in range(len(word) - 2, 1, -1):
        codes = _codes(word[cut:])
        if codes is None:
            continue
        for size in range(1, min(len(run), PHRASE_WORDS - 1) + 1):
            phrase = " ".join([*run[-size:], word[:cut]])
            if phrase in TAG_FIXES:
                return size, TAG_FIXES[phrase], codes
    return None


def _codes(text: str) -> list[str] | None:
    """``text`` as known codes: listed, mended by the fixes table, or a glued run."""
    if text in TAG_FIXES:
        return list(TAG_FIXES[text])
    if text in KNOWN_TAGS:
        return [text]
    return split_glued(text)


def _wordy(word: str) -> bool:
    """A word of a multi-word tag (``IRAQI``, ``FREEDOM``), not a code-like token (``PGOF``)."""
    if len(word) < 5 or not word.isalpha():
        return False
    # PARMS, PRELP, PGOVE: a known code with a stray letter is a typo, not a word.
    return not (len(word) <= 6 and KNOWN_TAGS.get(word[:4]) in ("subject", "program"))
