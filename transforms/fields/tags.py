"""The TAGS line of a cable body and the kind of each tag.

The State Department TAGS codes (subject, program, geographic and organization tags) are read
once at import from ``seeds/tags.csv``. Nothing here raises.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

TAGS_CSV = Path(__file__).resolve().parents[2] / "seeds" / "tags.csv"
TAG_KINDS: tuple[str, ...] = (
    "subject", "geographic", "organization", "person", "program", "unknown",
)


def _load_table(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["tag"].upper(): row["kind"] for row in csv.DictReader(handle)}
    except OSError:
        return {}


KNOWN_TAGS: dict[str, str] = _load_table(TAGS_CSV)
# Caveats and handling words that sometimes stray into the TAGS line.
_NOT_TAGS = frozenset({"SIPDIS", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "ORCON", "SENSITIVE"})
# Words that may join a multi-word tag without being tag words themselves.
_JOINERS = frozenset({"AND", "OF", "THE", "FOR", "WITH", "ON"})
# Pieces a glued run may be split into: subject/program codes, countries, a few orgs.
_PIECES = frozenset(
    tag for tag, kind in KNOWN_TAGS.items()
    if (kind in ("subject", "program") and len(tag) == 4)
    or (kind == "geographic" and len(tag) == 2)
    or (kind == "organization" and tag.isalpha() and 2 <= len(tag) <= 5)
)

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
_PERSON_RE = re.compile(r"^(?P<prefix>[A-Z]{2,5})?\s*\((?P<name>[^()]{2,60})\)$")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Tag:
    """One TAGS entry and its kind (subject, geographic, organization, person, program, ...)."""

    tag: str  # PREL, PK, "OVIP (STEINBERG, JAMES B.)", "HUMAN RIGHTS"
    kind: str  # one of TAG_KINDS


def tag_kind(tag: str) -> str:
    """Kind of a tag: the table's kind, ``person`` for names, ``program`` for K codes.

    ``OVIP (STEINBERG, JAMES B.)`` and ``STEINBERG, JAMES B.`` are persons; an unlisted
    four-letter code starting with K is a program tag; anything else unlisted is unknown.
    """
    if not tag or not isinstance(tag, str):
        return "unknown"
    upper = " ".join(tag.strip().upper().split())  # whitespace runs as one space
    kind = KNOWN_TAGS.get(upper)
    if kind is not None:
        return kind
    if "(" in upper and _PERSON_RE.match(upper):
        return "person"
    if "," in upper and upper.replace(",", "").replace(".", "").replace(" ", "").isalpha():
        return "person"
    if len(upper) == 4 and upper.isalpha() and upper.startswith("K"):
        return "program"
    return "unknown"


def parse_tags(body: str) -> list[Tag]:
    """The TAGS of a cable, in published order, duplicates and caveat words removed.

    The label is ``TAGS:`` anywhere on a head line, or ``TAGS``/``TAG``/``TAGE``/``TAS``/
    ``TGS``/``AGS`` (any case, colon optional) at line start or after the E.O. text; only the
    head of the body (before the first numbered paragraph) is read. The tags run to a glued
    ``SUBJECT``/``REF:``/``Classified By`` and over at most three continuation lines made of
    tag-like tokens (a line after a trailing comma, or one whose words are mostly known tags).
    Items are split at commas (not inside parentheses) and spaces. ``OVIP (NAME, GIVEN)``
    stays one person tag, and ``OVIP CLINTON HILLARY`` becomes ``OVIP (CLINTON, HILLARY)``.
    Unknown words written together (``HUMAN RIGHTS``, ``IRAQI FREEDOM``) stay one tag;
    a comma item whose words are all unknown stays whole. A glued run such as
    ``KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG`` is split into known codes when it splits fully.
    SIPDIS, NOFORN and similar words are dropped. Tags are upper-cased.
    """
    try:
        text = _tags_text(body) if body else None
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


def _tags_text(body: str) -> str | None:
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


def _split_commas(text: str) -> list[str]:
    """Split at commas outside parentheses: ``OVIP (STEINBERG, JAMES B.), PREL``."""
    items: list[str] = []
    depth = 0
    start = 0
    for position, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
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
        if len(words) > 1 and not any(_is_known(word) for word in words):
            out.append(" ".join(words))  # "HUMAN RIGHTS", "GOI EXTERNAL" written as one item
            continue
        out.extend(_walk(words))
    return out


def _is_known(word: str) -> bool:
    return word in KNOWN_TAGS or word in _NOT_TAGS or _split_glued(word) is not None


def _walk(words: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        while run and run[-1] in _JOINERS:
            run.pop()
        if run and out and out[-1] == "OVIP" and 2 <= len(run) <= 3:
            out[-1] = f"OVIP ({run[0]}, {' '.join(run[1:])})"
        elif run:
            out.append(" ".join(run))
        run.clear()

    for word in words:
        if word.startswith("("):
            flush()
            name = _SPACES_RE.sub(" ", word.strip("() "))
            if out and name:
                out[-1] = f"{out[-1]} ({name})"
            elif name:
                out.append(name)
            continue
        if word in KNOWN_TAGS or word in _NOT_TAGS:
            flush()
            out.append(word)
            continue
        pieces = _split_glued(word)
        if pieces is not None:
            flush()
            out.extend(pieces)
            continue
        after_ovip = not run and out and out[-1] == "OVIP" and word.isalpha()
        if after_ovip or _wordy(word) or (run and (word in _JOINERS or out[-1:] == ["OVIP"])):
            run.append(word)
            continue
        flush()
        out.append(word)
    flush()
    return out


def _wordy(word: str) -> bool:
    """A word of a multi-word tag (``IRAQI``, ``FREEDOM``), not a code-like token (``PGOF``)."""
    if len(word) < 5 or not word.isalpha():
        return False
    # PARMS, PRELP, PGOVE: a known code with a stray letter is a typo, not a word.
    return not (len(word) <= 6 and KNOWN_TAGS.get(word[:4]) in ("subject", "program"))


def _split_glued(word: str) -> list[str] | None:
    """Split a glued run (``ETRDEINVECINPGOVCS``) into known codes, or None.

    Only unlisted alphabetic runs of six or more letters are split, and only when the whole
    run splits into known pieces with at least one four-letter subject/program code; among
    splits the one with the fewest pieces wins.
    """
    if len(word) < 6 or not word.isalpha() or word in KNOWN_TAGS or len(word) > 60:
        return None
    size = len(word)
    best: list[list[str] | None] = [None] * (size + 1)
    best[0] = []
    for end in range(2, size + 1):
        for length in (5, 4, 3, 2):
            start = end - length
            if start < 0 or best[start] is None or word[start:end] not in _PIECES:
                continue
            candidate = [*best[start], word[start:end]]  # type: ignore[misc]
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    pieces = best[size]
    if not pieces or not any(len(piece) == 4 and KNOWN_TAGS.get(piece) in ("subject", "program")
                             for piece in pieces):
        return None
    return pieces
