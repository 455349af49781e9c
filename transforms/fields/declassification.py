"""The E.O. line of a cable body: ``E.O. 12958: DECL: 01/22/2018`` -> ``Declassification``.

Only the E.O. line in the head of the body counts; a date anywhere else never becomes the
declassification deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_HEAD_CHARS = 15_000
_LINE_CHARS = 200

# "E.O. 12958", "EO 12958", "E.O.12958", "E. O. 12958", "E.o. 12958"; "AMBASSADORE.O. 12958"
# (06CAIRO493) is glued to the word before it.
_EO = re.compile(r"(?:E\.[ \t]?O\.?|\bEO)[ \t]?(1\d{4})\b", re.IGNORECASE)
_AS_AMENDED = re.compile(r"[ \t,]*AS[ \t]+AMENDED\b[ \t,;]*", re.IGNORECASE)
_DECL = re.compile(r"\b(?:DECL|DNG)L?\b[ \t]*:?[ \t]*", re.IGNORECASE)  # "DECLl:" typo too
# What follows the rule on a glued line.
_RULE_END = re.compile(r"T?AGS:|TAGS\b|\bSUBJ(?:ECT)?\b|<br>|\\|\t", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# A date, optionally after a short downgrade code ("DNG: CO 12/31/1987").
_MDY = re.compile(r"(?:[A-Z]{1,3}[ \t]+)?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_YMD = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})\b")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})\b")


@dataclass(frozen=True, slots=True)
class Declassification:
    """What the E.O. line says about declassification."""

    eo: str | None  # "12958", "13526", "12356", "12065", "11652"
    declassify_on: date | None  # DECL: 01/22/2018 -> 2018-01-22; 08/24/05 -> 2005-08-24
    rule: str | None  # the text after DECL:/DNG: (or after the E.O. number), collapsed


_EMPTY = Declassification(None, None, None)


def parse_declassification(body: str) -> Declassification:
    """Return the executive order, the declassification date and the raw rule of ``body``.

    Rules: the first ``E.O. NNNNN`` in the head gives ``eo``. ``rule`` is the rest of that
    line after ``DECL``/``DNG`` (or, without either, after the order number: ``N/A``,
    ``GDS``), cut before a glued ``TAGS``, ``AS AMENDED`` dropped, whitespace collapsed, None
    when empty. ``declassify_on`` is read from a rule that starts with a date:
    ``MM/DD/YYYY``, ``M/D/YY`` (YY <= 50 -> 20YY), ``YYYY/MM/DD``, ``YYYYMMDD``, or a short
    code then a date (``CO 12/31/1987``). Invalid dates give None; nothing raises.
    """
    if not isinstance(body, str):
        return _EMPTY
    head = body[:_HEAD_CHARS]
    match = _EO.search(head)
    if match is None:
        return _EMPTY
    line, _newline, rest = head[match.end() : match.end() + _LINE_CHARS].partition("\n")
    if not _DECL.search(line) and not line.strip(" \t:") and _DECL.match(rest.lstrip()):
        line = rest.lstrip().split("\n", 1)[
            0
        ]  # "E.O. 12958:" / "DECL: 08/11/2015" (05BRASILIA2146)
    rule = _rule(line)
    return Declassification(match[1], _deadline(rule), rule)


def _rule(line: str) -> str | None:
    text = _AS_AMENDED.sub(" ", line)
    decl = _DECL.search(text)
    text = text[decl.end() :] if decl else text.lstrip(" \t:;,")
    end = _RULE_END.search(text)
    if end is not None:
        text = text[: end.start()]
    text = _WHITESPACE.sub(" ", text).strip(" :;,.")
    return text or None


def _deadline(rule: str | None) -> date | None:
    if rule is None:
        return None
    if match := _YMD.match(rule):
        return _date(match[1], match[2], match[3])
    if match := _MDY.match(rule):
        return _date(match[3], match[1], match[2])
    if match := _COMPACT.match(rule):
        return _date(match[1], match[2], match[3])
    return None


def _date(year: str, month: str, day: str) -> date | None:
    full_year = int(year)
    if len(year) == 2:
        full_year += 2000 if full_year <= 50 else 1900
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        return None
