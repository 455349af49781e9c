"""The persons named before the reasons on a ``Classified By`` line, titles dropped.

``names_of("Ambassador to Sudan Timothy Carney")`` -> ``["Timothy Carney"]``. The name is
the run of words after the last title; titles are ``classifier_titles`` words, acronyms in a
mixed-case line (``USEU``, ``AIT``) and lower-case words there (``polmil officer``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.fields.classifier_titles import (
    LISTED_TITLE,
    NOT_A_TITLE,
    is_camel_office,
    is_title_word,
    title_kind,
)

_PERSON_SEPARATOR = re.compile(r"[ \t]+(?:and|&)[ \t]+", re.IGNORECASE)
_PIECE_SEPARATOR = re.compile(r"[,:]|[ \t]-[ \t]")
_PARENTHESES = re.compile(r"\([^()]{0,40}\)")
# "Charge d'Affaires a. i." / "A. I." / "(AI)": the a.i. of an acting charge, not initials.
_AD_INTERIM = re.compile(r"(?i)\b(affaires?|affairs|charge)([ ,]+)a\.[ ]?i\.(?![a-z])")
_TITLE_SLASH_NAME = re.compile(r"^([A-Za-z]{2,6})/([A-Z][a-z]+)$")  # "DCM/Ted"
_INITIAL = re.compile(r"[A-Z0]\.?|[A-Z]\.[A-Z]\.")
_NUMBER = re.compile(r"\d\d")
_ALNUM = re.compile(r"[^\W_]")
_ROMAN = frozenset({"ii", "iii", "iv"})
_NAME_SUFFIXES = frozenset({"jr", "sr", *_ROMAN})
_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "del", "della", "la", "le", "al", "el", "bin",
     "ibn", "du", "dos"}
)
# A title phrase "Ambassador to Sudan", "for Central Asia" runs on after these words.
_PREPOSITIONS = frozenset({"for", "to", "of", "and", "in", "at", "on"})
# Words a name run never ends with: what led into the reasons ("Scobey per", "Wood for").
_JOINERS = frozenset(
    {"for", "fr", "f0r", "fo", "f", "per", "by", "under", "based", "on", "upon", "0n", "due",
     "to", "with", "and", "&", "-", "e.o.", "eo", "classified", "this"}
)
_MAX_NAME_WORDS = 3
# Title words that are surnames too: the last word after a given name ("Marie Post").
_SURNAME_TITLES = frozenset({"leader", "post", "law", "head", "rule", "senior", "member"})


def names_of(text: str, keep_titles: bool = True) -> list[str]:
    """The persons of ``text`` (the part of the line before the reasons), titles dropped.

    Rules: ``and``/``&`` split persons when each side holds a name of two words or more; a
    person's text splits at commas and colons, the first part holding a name wins
    (``Weitzenkorn, Laurie`` reads surname first, ``, Jr.``/``, III`` stay with the name).
    The name is the run of words after the last title: at most three words besides initials
    and particles, two when a preposition led the title on (``Ambassador to Sudan Timothy
    Carney``). Only titles left: the titles (``DCM``) unless ``keep_titles`` is false; a
    number in the text (``ADANA 222``, ``DSCG 05-01``): nothing.
    """
    return list(_names(text, keep_titles))


@lru_cache(maxsize=4096)  # the same line recurs in every cable of a post and month
def _names(text: str, keep_titles: bool) -> tuple[str, ...]:
    text = _clean(text)
    if not text or _NUMBER.search(text):
        return ()  # "ADANA 222 ADANA 216", "Derived from DSCG 05-01": references, no person
    parts = _PERSON_SEPARATOR.split(text)
    if len(parts) > 1:
        names = [_name_of(part) for part in parts]
        if all(name and len(name.split()) >= 2 for name in names):
            return tuple(name for name in names if name)
    name = _name_of(text)
    if name:
        return (name,)
    if not keep_titles or not any(char.isalpha() for char in text):
        return ()
    return (text,)


def _clean(text: str) -> str:
    if "(" in text:
        text = _PARENTHESES.sub(" ", text)
    if "i." in text or "I." in text:
        text = _AD_INTERIM.sub(r"\1\2a.i.", text)
    tokens = []
    for token in text.split():
        if token.isalpha():
            tokens.append(token)  # the common case: a plain word
        elif _ALNUM.search(token) is None:
            if token in {"-", "&", ",", ":"}:
                tokens.append(token)
            # else "?", "*": a garbled dash
        elif "/" in token and (slashed := _TITLE_SLASH_NAME.match(token)) and is_title_word(
            slashed[1].lower()
        ):
            tokens.extend((slashed[1] + "/", slashed[2]))
        else:
            tokens.append(token)
    while tokens and _bare(tokens[-1]) in _JOINERS:
        tokens.pop()
    return " ".join(tokens).strip(" ,;:-")


def _name_of(text: str) -> str | None:
    """The person named in ``text`` without titles, or None when only titles remain."""
    pieces = [piece.strip() for piece in _PIECE_SEPARATOR.split(text)]
    mixed_case = _is_mixed_case(text)
    for index, piece in enumerate(pieces):
        name = _name_in_piece(piece, mixed_case)
        if name is None:
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if _bare(following) in _NAME_SUFFIXES and " " not in following:
            return f"{name}, {_suffix(following)}"  # "THOMAS W. SIMONS, JR., AMBASSADOR"
        given = _name_in_piece(following, mixed_case) if " " not in name else None
        if given is not None and given == following:  # "Weitzenkorn, Laurie, A/DCM"
            return f"{given} {name}"
        return name
    return None


def _is_mixed_case(text: str) -> bool:
    """Lower-case letters outside title words: then all-caps words are acronyms."""
    return any(
        token != token.upper() and _word(token)[1] in (_NAME, _LIKE_TITLE)
        for token in text.split()
    )


def _name_in_piece(piece: str, mixed_case: bool) -> str | None:
    """The run of words after the last title in ``piece`` (titles after the name skipped)."""
    tokens = piece.split()
    capitalised = any(token[:1].isupper() for token in tokens)
    lower_rule = mixed_case and capitalised
    end = len(tokens)
    while end > 0 and _is_title(tokens[end - 1], lower_rule, tokens, end - 1, True):
        end -= 1  # "Roberto Powers a.y.", "Rose E. Gottemoeller Assistant Secretary"
    start = end
    while start > 0 and not _is_title(
        tokens[start - 1], lower_rule, tokens, start - 1, start == end
    ):
        start -= 1
    run = tokens[start:end]
    if not run or all(_INITIAL.fullmatch(token) or len(token) < 2 for token in run):
        return None  # "d", "J": a lone letter is no name
    limit = 2 if start > 0 and _bare(tokens[start - 1]) in _PREPOSITIONS else _MAX_NAME_WORDS
    run = _last_words(run, limit)
    name = " ".join(run)
    if _bare(run[-1]) not in {"jr", "sr"}:
        name = name.rstrip(".")
    name = name.strip(" ,;:-")
    return name if any(char.isalpha() for char in name) else None


def _last_words(run: list[str], limit: int) -> list[str]:
    """The last ``limit`` name words of ``run`` with the initials and particles among them."""
    words = 0
    for position in range(len(run) - 1, -1, -1):
        bare = _bare(run[position])
        if _INITIAL.fullmatch(run[position]) or bare in _NAME_PARTICLES or bare in _NAME_SUFFIXES:
            continue
        words += 1
        if words > limit:
            run = run[position + 1 :]
            break
    return run


def _suffix(token: str) -> str:
    bare = token.strip(" .,")
    return bare + "." if bare.lower() in {"jr", "sr"} and token.rstrip(" ,").endswith(".") else bare


def _bare(token: str) -> str:
    return _word(token)[0]


# What a token is on its own: a listed title, a word like a title (misspelt, glued offices),
# a part of names (suffix, particle), a separator, or a word whose part depends on its
# neighbours.
_TITLE, _LIKE_TITLE, _NAME_PART, _SEPARATOR, _NAME = range(5)


@lru_cache(maxsize=8192)
def _word(token: str) -> tuple[str, int]:
    bare = token.lower().replace("’", "'").replace("\\", "").replace("0", "o").strip(".,;:()'")
    if not any(char.isalpha() for char in bare):
        return bare, _SEPARATOR  # "-", "&", a number: never part of a name
    if bare in _NAME_SUFFIXES or bare in _NAME_PARTICLES:
        return bare, _NAME_PART
    kind = title_kind(bare)
    if kind == LISTED_TITLE or is_camel_office(token.strip(".,;:")):
        return bare, _TITLE
    return bare, _NAME if kind == NOT_A_TITLE else _LIKE_TITLE


def _is_title(
    token: str, lower_rule: bool, tokens: list[str], position: int, last: bool
) -> bool:
    """Whether ``token`` is a title here; ``last``: it would end the name (its surname)."""
    kind = _word(token)[1]
    if kind == _LIKE_TITLE:
        return not last  # "Ambassadot John", but "Jane DePuy", "John Minster"
    if kind == _TITLE:
        if not last or position == 0:
            return True
        before = tokens[position - 1]
        if _INITIAL.fullmatch(before) and token[:1].isupper():
            return False  # "CDA Damian R. Leader"
        return not (_word(token)[0] in _SURNAME_TITLES and _word(before)[1] == _NAME
                    and before[:1].isupper())  # "Ambassador Marie Post"
    if kind != _NAME:
        return kind == _SEPARATOR
    if lower_rule and token.isupper() and len(token.strip(".")) >= 2 and token.isalpha():
        return True  # "USEU", "AIT", "PRT", "ISN" in a mixed-case line
    return lower_rule and token[0].islower()
