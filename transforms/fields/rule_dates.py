"""The date a declassification rule starts with: ``01/22/2018``, ``12-29-13``, ``08 OCTOBER 2019``.

``rule_date("CO 10/18/2029")`` -> ``date(2029, 10, 18)``. Month-first is the cables' order
(``/``, ``-`` or ``.`` between the numbers); a first number above 12 can only be the day
(``29/12/2013``). Eight digits read ``YYYYMMDD``, else ``MMDDYYYY``; a month may be named
(``31 DEC 2019``, ``31DEC2019``, ``October 8, 2019``). Two-digit years follow
``transforms.dates.full_year``. Never raises: an impossible date is None.
"""

from __future__ import annotations

import re
from datetime import date

from transforms.dates import full_year

# A short code may lead the date: "CO 12/31/1987" (downgrade to CONFIDENTIAL), "GDS 11/13/85".
_CODE = r"(?:[A-Z]{1,3}[ \t]+)?"
_YMD = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})\b")
_MDY = re.compile(_CODE + r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(_CODE + r"(\d{1,2})[ \t-]*([A-Za-z]{3,9})\.?[ \t,-]*(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(_CODE + r"([A-Za-z]{3,9})\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        1,
    )
    for name in names
}


def rule_date(rule: str) -> date | None:
    """The date ``rule`` opens with (after an optional short code), or None."""
    if match := _YMD.match(rule):
        return _date(match[1], match[2], match[3])
    if match := _MDY.match(rule):
        month, day = int(match[1]), int(match[3])
        if month > 12 >= day:
            month, day = day, month
        return _date(match[4], str(month), str(day))
    if match := _COMPACT.match(rule):
        digits = match.group()  # YYYYMMDD, else MMDDYYYY
        return _date(digits[:4], digits[4:6], digits[6:]) or _date(
            digits[4:], digits[:2], digits[2:4]
        )
    if match := _DAY_MONTH_YEAR.match(rule):
        return _named(match[3], match[2], match[1])
    if match := _MONTH_DAY_YEAR.match(rule):
        return _named(match[3], match[1], match[2])
    return None


def _named(year: str, month_name: str, day: str) -> date | None:
    month = _MONTHS.get(month_name.lower())
    return _date(year, str(month), day) if month else None


def _date(year: str, month: str, day: str) -> date | None:
    full = int(year) if len(year) == 4 else full_year(int(year))
    try:
        return date(full, int(month), int(day))
    except ValueError:
        return None
