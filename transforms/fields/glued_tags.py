"""Glued TAGS runs: ``KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG`` -> ``KFRD, KIRF, CVIS, ...``.

Some cables lost the separators of their TAGS line. A run is split back into known codes by
a shortest-split search over the pieces the tag table allows, never by guessing.
"""

from __future__ import annotations

from transforms.fields.tag_table import KNOWN_TAGS

# Pieces a glued run may be split into: subject/program codes, countries, a few orgs.
_PIECES = frozenset(
    tag
    for tag, kind in KNOWN_TAGS.items()
    if (kind in ("subject", "program") and len(tag) == 4)
    or (kind == "geographic" and len(tag) == 2)
    or (kind == "organization" and tag.isalpha() and 2 <= len(tag) <= 5)
)


def split_glued(word: str) -> list[str] | None:
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
    if not pieces or not any(
        len(piece) == 4 and KNOWN_TAGS.get(piece) in ("subject", "program") for piece in pieces
    ):
        return None
    return pieces
