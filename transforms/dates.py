"""Calendar facts the cables share: month abbreviations and two-digit years."""

from __future__ import annotations

MONTH_ABBREVIATIONS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                       "NOV", "DEC")
# JAN -> 1 (date-time groups write them in capitals) and Jan -> 1 (metadata lines, PlusD).
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_ABBREVIATIONS, 1)}
TITLE_MONTH_NUMBERS = {name.title(): number for name, number in MONTH_NUMBERS.items()}


def full_year(two_digits: int) -> int:
    """66-99 -> 19xx, 00-65 -> 20xx: the release spans 1966-2010."""
    return two_digits + (1900 if two_digits >= 66 else 2000)
