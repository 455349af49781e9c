"""Titles, offices and posts that stand before (or after) a name on the ``Classified By`` line.

The vocabulary is data: the words as written, the office abbreviations that glue into one
token (``PolMinCons``, ``Mincouns``), and the long title words whose misspellings still count
(``Ambassadot``, ``Counselr``, ``Direcotr``, ``CIEF``). ``title_kind`` answers for one bare
word (lower-case, outer punctuation dropped), telling listed titles from words only like one;
it never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Compared with a word lower-cased, outer punctuation and backslashes dropped, 0 read as o.
TITLE_WORDS = _words(
    """
    amb ambassador ambassaor d'affaire affaire ambassador-at-large charge chargé charg
    d'affaires d'affairs d'afairs de'affairs de'affaires affaires affairs affiars a.i ai a.i.
    dcm adcm cda pdas das a/s acting deputy chief of mission political economic econ pol
    polcouns polchief poloff econoff polmiloff conoff mgmtoff pdoff ecoff econcouns ecmin
    polmin emin pmin polmil pol-mil counselor counsellor counselour counsel0r councilor
    counsel couns cons coun min minister minister-counselor mc mcounselor mincouns consul
    consulate general congen principal officer off director dir assistant secretary under
    section head team leader coordinator representative represenative permanent special
    envoy adviser advisor attache attaché legatt legat member unit defense military legal
    labor regional senior public diplomacy the for to by and u.s us usun useu usnato usoa
    usosce unvie ait prt isn io nea eur wha eap sca af drl inl pm mgmt rso arso tdy lt ltc
    col cdr capt gen adm maj officer-in-charge interagency provincial governance sub-national
    post embassy mission department state office in management program program/ rule law
    intern chief-of-mission assistant-secretary ambassador-designate designate ecpo e/p p/e
    dep dpo po cg ipo com spokesman internal external commercial agricultural consular trade
    finance financial science environment chairman delegate delegation usdel ecopol econpol
    polecon pole polec pao gso mso dao odc fso pmo hro pas usaid usda fas fcs dod doj nsc dhs
    fbi dea secstate exec dept dos
    """
)
# Pieces of a glued office abbreviation: "PolMinCons", "EconMinCouns", "ConGen", "Mincouns".
_OFFICE_PIECES = _words(
    "pol econ eco ec min mil couns cons coun con gen off mgmt pd pa dep dir chief mc dcm "
    "emin pmin pao rso cg dpo"
)
# Long title words and the misspellings they stand for (edit distance, same first letter).
_FUZZY_TITLES = _words(
    """
    ambassador counselor counsellor councilor minister director secretary officer political
    economic affairs affaires deputy principal representative coordinator attache adviser
    advisor chief acting assistant mission delegate chairman governance spokesman management
    commercial consular counsel charge
    """
)
_FUZZY_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _title in sorted(_FUZZY_TITLES):
    _FUZZY_BY_LETTER.setdefault(_title[0], ())
    _FUZZY_BY_LETTER[_title[0]] += (_title,)
_OFFICE_OPENINGS = frozenset(piece[:2] for piece in _OFFICE_PIECES)
_CAMEL_PIECE = re.compile(r"[A-Z][a-z]+")


def is_title_word(bare: str) -> bool:
    """True when ``bare`` (lower-case, punctuation dropped) is a title, office or post word."""
    return title_kind(bare) != NOT_A_TITLE


NOT_A_TITLE, LISTED_TITLE, LIKE_A_TITLE = range(3)


@lru_cache(maxsize=8192)
def title_kind(bare: str) -> int:
    """``LISTED_TITLE`` for listed words, slashed words (``A/DCM``) and hyphenated words made
    only of titles (``minister-counsellor``); ``LIKE_A_TITLE`` for glued office abbreviations
    (``mincouns``) and misspellings of the long title words (the first letter kept, one
    letter off for words up to eight letters, a short word only missing one: ``cief``, two off
    from nine letters on: ``ambasasdor``); else ``NOT_A_TITLE``.
    """
    if not bare:
        return NOT_A_TITLE
    if bare in TITLE_WORDS or "/" in bare:  # "A/DCM", "Pol/C", "U/S": offices, never a name
        return LISTED_TITLE
    if "-" in bare:
        parts = [part for part in bare.split("-") if part]
        if parts and all(is_title_word(part) for part in parts):
            return LISTED_TITLE
        return NOT_A_TITLE
    if bare.isalpha() and (_glued_offices(bare) or _misspelt_title(bare)):
        return LIKE_A_TITLE
    return NOT_A_TITLE


def is_camel_office(token: str) -> bool:
    """``PolMinCons``, ``EconMinCouns``, ``ConGen``: capitalised office pieces glued together."""
    pieces = _CAMEL_PIECE.findall(token)
    return (
        len(pieces) >= 2
        and "".join(pieces) == token
        and all(piece.lower() in _OFFICE_PIECES or piece.lower() in TITLE_WORDS for piece in pieces)
    )


def _glued_offices(bare: str) -> bool:
    """``mincouns``, ``polmincouns``: the word splits fully into office pieces."""
    if len(bare) < 5 or len(bare) > 14 or bare[:2] not in _OFFICE_OPENINGS:
        return False
    if not any(bare[-size:] in _OFFICE_PIECES for size in (2, 3, 4, 5)):
        return False  # it must end with a piece too: most names do not
    reachable = [True] + [False] * len(bare)
    for end in range(2, len(bare) + 1):
        reachable[end] = any(
            reachable[start] and bare[start:end] in _OFFICE_PIECES
            for start in range(max(0, end - 5), end - 1)
        )
    return reachable[-1]


def _misspelt_title(bare: str) -> bool:
    if len(bare) < 4:
        return False
    for title in _FUZZY_BY_LETTER.get(bare[0], ()):
        allowed = 2 if len(title) >= 9 else 1
        if abs(len(title) - len(bare)) > allowed or bare[1] not in title[1:3]:
            continue  # a typo keeps the first letter and one of the next two
        if len(bare) <= 5 and len(bare) >= len(title):
            continue  # a short word counts only with a letter missing ("cief")
        if _distance(bare, title, allowed) <= allowed:
            return True
    return False


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment), capped at limit + 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
