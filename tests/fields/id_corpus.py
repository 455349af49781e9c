"""What the ids and REF lines of ../shared hold that the rules treat apart: recorded lists.

A list here grows only from evidence: a corpus check fails on a new entry until it is either
fixed in the rules or added with the reason it is accepted.
"""

from __future__ import annotations

# Published ids garbled in transmission (a section banner, EFTO or a caveat glued in, the
# year typed twice) -> the own id the cable gets; every other published id is its own id.
GARBLED_PUBLISHED_IDS: dict[str, str] = {
    "09SECTION02OF03QRIPOLI583": "09TRIPOLI583",
    "09EFTOLONDON2187": "09LONDON2187",
    "09EFTOLONDON2211": "09LONDON2211",
    "09EFTOLONDON2240": "09LONDON2240",
    "09EFTOLONDON2468": "09LONDON2468",
    "09EFTOLONDON2618": "09LONDON2618",
    "09EFTOLONDON2858": "09LONDON2858",
    "09EFTOLONDON2884": "09LONDON2884",
    "85NOFORNMOGADISHU1643": "85MOGADISHU1643",
    "7575LIBREVILLE1895": "75LIBREVILLE1895",
}

# Words in a station's place in the REF blocks of ../shared (right before a serial) that name
# no station of the published ids, with why no station is missing from seeds/stations.csv.
ACCEPTED_UNKNOWN_STATIONS: dict[str, str] = {
    "USDEL": "a delegation's telegram series (06ABUDHABI1725: USDEL 00007)",
    "SECTO": "the Secretary's telegram series (08REYKJAVIK115: SECTO 003 DTG ...)",
    "XXXXXXXXXXXX": "a redacted station (10SHENYANG4)",
    "POC": "a point of contact's number (08STATE15220: Mtcr poc 201/2006)",
    "STATISTICS": "a report's year (06SANJOSE327: CRIME STATISTICS 2005)",
    "REQUEST": "a request's number (09CAIRO124)",
    "ATTACHMENT": "an attachment's number (09CAIRO124: ATTACHMENT 1)",
    "LOR": "a letter of request (09CAIRO124: LOR 08)",
    "PART": "a part of a report (09CAIRO2351: Part 1)",
}
