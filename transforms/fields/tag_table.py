"""The State Department TAGS codes, the known fixes of written tags, and the kind of a tag.

The codes (subject, program, geographic and organization tags) are read once at import from
``seeds/tags.csv``; the fixes from ``seeds/tag_fixes.csv``: a typo (``MOPPS`` -> ``MOPS``), a
person written without its comma (``STEINBERG JAMES`` -> ``STEINBERG, JAMES B.``), or a
known free-keyword phrase of the older cables kept whole (``GAZA DISENGAGEMENT``). A missing
file leaves its table empty rather than raising.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

TAGS_CSV = Path(__file__).resolve().parents[2] / "seeds" / "tags.csv"
TAG_FIXES_CSV = TAGS_CSV.with_name("tag_fixes.csv")
TAG_KINDS: tuple[str, ...] = (
    "subject",
    "geographic",
    "organization",
    "person",
    "program",
    "unknown",
)
_PERSON_RE = re.compile(r"^(?P<prefix>[A-Z]{2,5})?\s*\((?P<name>[^()]{2,60})\)$")


def _load_table(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["tag"].upper(): row["kind"] for row in csv.DictReader(handle)}
    except OSError:
        return {}


def _load_fixes(path: Path) -> dict[str, tuple[str, ...]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {
                " ".join(row["written"].upper().split()): tuple(
                    tag.strip() for tag in row["tags"].upper().split("|") if tag.strip()
                )
                for row in csv.DictReader(handle)
            }
    except OSError:
        return {}


KNOWN_TAGS: dict[str, str] = _load_table(TAGS_CSV)
# Written form (upper-case, single spaces) -> the tags it stands for.
TAG_FIXES: dict[str, tuple[str, ...]] = _load_fixes(TAG_FIXES_CSV)
PHRASE_WORDS = max((len(written.split()) for written in TAG_FIXES), default=1)


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
