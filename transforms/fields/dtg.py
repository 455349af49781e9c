"""Date-time groups of a routing header: ``O 291336Z JAN 08`` and the DE line's julian stamp."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from transforms.dates import MONTH_NUMBERS, full_year

# ``O 291336Z JAN 08``, ``P R 281848Z DEC 66``, ``061601Z MAY 78``, ``0 241208Z OCT 79`` (a zero
# typed for O)
DTG = re.compile(
    r"\s*(?:([ZOPR0])\s+(?:[ZOPR]\s+)?)?(\d{2})(\d{2})(\d{2})Z\s*([A-Za-z]{3})\s+(\d{4}|\d{2})(?!\d)"
)
_PRESS_DATELINE = re.compile(
    r"\s*[A-Z][a-z]+day,\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4}),\s+(\d{1,2}):(\d{2})"
)


def parse_dtg(text: str) -> datetime | None:
    """Parse a date-time group at the start of ``text`` into a naive UTC datetime.

    Accepts ``O 291336Z JAN 08``, ``P R 281848Z DEC 66``, ``291336Z Jan 08``, four-digit years,
    and the press dateline ``Thursday, 31 January 2008, 19:52``. Two-digit years 66-99 are
    19xx and 00-65 are 20xx (the release spans 1966-2010). Invalid values (Feb 30, hour 25,
    unknown month) give ``None``.
    """
    if not isinstance(text, str):
        return None
    m = DTG.match(text)
    if m:
        return dtg_of_match(m)
    m = _PRESS_DATELINE.match(text)
    if m:
        day, month_name, year, hour, minute = m.groups()
        return _build(year, month_name, day, hour, minute)
    return None


def dtg_of_match(match: re.Match[str]) -> datetime | None:
    """``parse_dtg`` of the text ``DTG`` matched: what a caller that matched it already needs."""
    day, hour, minute, month_name, year = match.group(2, 3, 4, 5, 6)
    return _build(year, month_name, day, hour, minute)


def _build(year: str, month_name: str, day: str, hour: str, minute: str) -> datetime | None:
    month = MONTH_NUMBERS.get(month_name[:3].upper())
    year_number = int(year) if len(year) == 4 else full_year(int(year))
    if month is None:
        return None
    try:
        return datetime(year_number, month, int(day), int(hour), int(minute))
    except ValueError:
        return None


def dtg_from_de(day_of_year: str, hour: str, minute: str, year: int) -> datetime | None:
    """The DE line's julian day and time (``0291336``) in ``year``; None when invalid."""
    try:
        start = datetime(year, 1, 1, int(hour), int(minute))
        days = int(day_of_year)
    except ValueError:
        return None
    if not 1 <= days <= 366:
        return None
    value = start + timedelta(days=days - 1)
    return value if value.year == year else None
