"""Month names as the cables and their layouts abbreviate them: one table for every parser."""

from __future__ import annotations

MONTH_ABBREVIATIONS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                       "NOV", "DEC")
# JAN -> 1 (date-time groups write them in capitals) and Jan -> 1 (metadata lines, PlusD).
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_ABBREVIATIONS, 1)}
TITLE_MONTH_NUMBERS = {name.title(): number for name, number in MONTH_NUMBERS.items()}
