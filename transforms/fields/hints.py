"""Cheap tests that rule a regex scan out before it runs.

Python's regex engine scans text slowly (tens of nanoseconds a character for a
case-insensitive pattern without a literal prefix); a substring test runs at memory speed. A
test here never says no when the scan would find something, so a caller may skip the scan
whenever it says no: the result is the same, only faster.
"""

from __future__ import annotations

import re

_FIRST_CHUNK = 1024


def may_contain_word(text: str, word: bytes) -> bool:
    """False only when ``text`` holds ``word`` in no letter case (``re.IGNORECASE`` sense).

    ``word`` is lower-case ASCII without ``i``, ``k`` and ``s``: under ``re.IGNORECASE`` those
    three also match non-ASCII letters (``ı``, ``K`` Kelvin, ``ſ``), which this test misses.
    """
    return word in _folded(text)


def _folded(text: str) -> bytes:
    """``text`` with ASCII letters lower-cased and every character past U+00FF as ``?``: one
    byte per character, so positions in it are positions in ``text``."""
    return text.encode("latin-1", "replace").lower()


def search_near_word(
    pattern: re.Pattern[str],
    text: str,
    word: bytes,
    lead: int = 0,
    pad: str = "",
    pos: int = 0,
    endpos: int | None = None,
) -> re.Match[str] | None:
    r"""``pattern.search(text, pos, endpos)``, trying the pattern only near ``word``.

    Every match of ``pattern`` must hold ``word`` (as ``may_contain_word`` finds it), after at
    most ``lead`` characters and then a run of ``pad`` characters (``pad=" 	"`` for a pattern
    opening ``^[ 	]*``); ``word`` must not start with a ``pad`` character. The pattern is
    tried at each such start, left to right, so the first match found is the one ``search``
    finds; the rest of the text is never scanned. Worth it for a word rarer than the
    characters the pattern can open with (a frequent word costs a match attempt each time).
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    tried = pos - 1
    # Fold the text a chunk at a time, a chunk twice the last: a word near the start (the
    # common case) costs no fold of the whole text.
    low, size = pos, _FIRST_CHUNK
    while low < end:
        high = min(end, low + size)
        folded = _folded(text[low : min(end, high + len(word) - 1)])
        found = folded.find(word)
        while 0 <= found < high - low:
            at = low + found
            first = at
            if pad:
                while first > tried + 1 and text[first - 1] in pad:
                    first -= 1
            for start in range(max(first - lead, tried + 1), at + 1):
                match = pattern.match(text, start, end)
                if match:
                    return match
            tried = at
            found = folded.find(word, found + 1)
        low, size = high, size * 2
    return None
