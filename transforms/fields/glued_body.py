"""Where body text glued onto an addressee line starts (``...WASHDC PRIORITYC O N F I D``).

The routing scan (``routing``) asks this of every addressee line: the first index where a
banner, a press dateline, a dump row or lowercase prose begins.
"""

from __future__ import annotations

import functools
import re

# Where a body starts inside an addressee line. Banners are matched leniently because the
# published copies drop or add letters and spaces (``HOACO N F I D``, ``GEO N F I D``,
# ``WASHDCC ONFIDENTIAL``, ``HOAE C R E T``, ``WASHDCNCLAS``); an unspaced banner must not be
# followed by a letter so that ``SECRETARIAT`` stays a name, and ``US SECRET SERVICE`` is one.
_BANNER = re.compile(
    r"(?:T ?O ?P\s+)?S? ?E ?C ?R ?E ?T(?![A-Z]|\s+SERVICE)|S ?E C R E T"
    r"|C? ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L(?![A-Z])|C? ?O N F I D E N T I A L"
    r"|U? ?N ?C ?L ?A ?S ?S ?I ?F ?I ?E ?D(?![A-Z])|U? ?N C L A S"
    r"|UNCLAS(?![A-Z])|NCLAS(?![A-Z])"
    r"|L ?I ?M ?I ?T ?E ?D\s+O ?F ?F ?I ?C ?I ?A ?L",
    re.IGNORECASE,
)
# Every banner form, spaces removed, contains one of these: a cheap test before the regex.
_BANNER_HINTS = ("ONFIDENTIAL", "ECRET", "NCLAS", "LIMITEDOFFICIAL")
_GLUED_TEXT = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s"  # press dateline
    r"|[Ii][Dd]: ?\d|Cable dated:"  # database dump record
    r"|CLASSIFICATION:"  # a classification label glued to a country code: ``BAY CUCLASSIFICATION:``
    r"|SIPDIS|[\t\"<]"
)
# Letters glued to Washington, the place name that ends most addressee lines
# (``WASHDCROYAL COURT``): the body starts after ``DC``. A glued precedence is the line's own,
# and a letter a banner after it doubled (``WASHINGTON DCUUNCLAS``) leaves the body at the
# banner.
_GLUED_TO_WASHINGTON = re.compile(
    r"WASH(?:DC|INGTON DC)(?!PRIORITY|IMMEDIATE|ROUTINE|FLASH|NIACT)"
    r"(?!.(?:UNCLAS|C ?O ?N ?F|S ?E ?C ?R|LIMITED))(?=[A-Z]{2})"
)
# Every match of ``_GLUED_TEXT`` holds one of these: a cheap test before the regex.
_GLUED_TEXT_HINTS = ("day,", ":", "SIPDIS", "\t", '"', "<")
# Dump rows glued to an addressee. Every branch starts at the digit the leading ``[0-9]``
# consumes (so the regex engine skips to digits fast); lookbehinds check what precedes it.
_GLUED_DIGITS = re.compile(
    r"[0-9](?:"
    r"\d ?[A-Z]{4,} ?\d{1,6}\s*,"  # a reference id then a comma: 09STATE49854,
    r"|\d[A-Z]{4,}\d{1,6}(?![A-Z])"  # a reference id glued to a name: DC06THEHAGUE1510
    r"|(?<=[A-Z]\d)\d{4,}"  # a row id glued to a name (MCNs have 4 digits): DC235269
    r"|(?<= \d{5})\d*(?=[\s,]|$)"  # a row id glued to an MCN: MONTERREY 676697717
    r"|\d{3}-\d\d-\d\d|\d?/\d{1,2}/\d{4}|(?<=[A-Z]\d)\d?:\d\d"  # a date or time
    r")"
)
_LOWER = re.compile(r"[a-z]")
# Glued body text starts within an addressee's length; looking no further keeps the lenient
# patterns cheap on long lines (a longer line is body anyway).
_GLUE_WINDOW = 160


# Addressee lines repeat: the common ones ("RUEHC/SECSTATE WASHDC PRIORITY") in many cables,
# and ``split_addressed`` reads the header's last lines twice.
@functools.lru_cache(maxsize=8192)
def glued_body_start(line: str) -> int | None:
    """Index in an addressee line where glued body text starts, or ``None``.

    Body text is a classification banner (lenient, see ``_BANNER``), a press dateline, a
    database-dump row, a ``CLASSIFICATION:`` label, letters glued to ``WASHDC`` / ``WASHINGTON
    DC`` (not a precedence), a tab or quote, or failing all those the first lowercase word
    (an addressee line is upper case).
    """
    line = line[:_GLUE_WINDOW]
    compact = line.replace(" ", "").upper()
    banner = _BANNER.search(line) if any(map(compact.__contains__, _BANNER_HINTS)) else None
    text = _GLUED_TEXT.search(line) if any(map(line.__contains__, _GLUED_TEXT_HINTS)) else None
    glued = (banner, text, _GLUED_DIGITS.search(line))
    found = [m.start() for m in glued if m]
    washington = _GLUED_TO_WASHINGTON.search(line) if "WASH" in line else None
    if washington is not None:
        found.append(washington.end())
    if found:
        return min(found)
    lower = _LOWER.search(line)
    if lower is None:
        return None
    start = lower.start()
    return start - 1 if start and line[start - 1].isupper() else start
