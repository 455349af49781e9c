"""The E.O. line of a cable body: ``E.O. 12958: DECL: 01/22/2018`` -> ``Declassification``.

Only the E.O. line in the head of the body counts; a date anywhere else never becomes the
declassification deadline. A ``DNG:`` (downgrade) date is the day the classification drops a
level (``DNG: CO 10/18/2029``: to CONFIDENTIAL), never the declassification date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.fields.rule_dates import rule_date

_HEAD_CHARS = 15_000
_LINE_CHARS = 200

# "E.O. 12958", "EO 12958", "E.O.12958", "E. O. 12958", "E.o. 12958"; "AMBASSADORE.O. 12958"
# (06CAIRO493) is glued to the word before it.
# "E.0." (a zero) and "E.O.: 12958" (08RIODEJANEIRO19) are typos of it.
_EO = re.compile(r"(?:E\.[ \t]?[O0]\.?|\bEO):?[ \t]?(1\d{4})\b", re.IGNORECASE)
_AS_AMENDED = re.compile(r"[ \t,]*AS[ \t]+AMENDED\b[ \t,;]*", re.IGNORECASE)
# "DECL:", "DECLl:" (a typo), "DECL ON:", "DECLASSIFY 11/29/2027", "Declassify on 8/31/2034",
# "DNG:" (group "dng": a downgrade).
_LABEL = re.compile(
    r"\b(?:DECL(?:ASSIFY)?L?|(?P<dng>DNG))\b[ \t]*(?:ON\b)?[ \t]*:?[ \t]*", re.IGNORECASE
)
_ON = re.compile(r"ON[ \t]*:[ \t]*", re.IGNORECASE)  # "E.O. 12958: ON: 07/01/2019"
# What follows the rule on a glued line.
_RULE_END = re.compile(r"T?AGS:|TAGS\b|\bSUBJ(?:ECT)?\b|<br>|\\|\t", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Declassification:
    """What the E.O. line says about declassification."""

    eo: str | None  # "12958", "13526", "12356", "12065", "11652"
    declassify_on: date | None  # DECL: 01/22/2018 -> 2018-01-22; 08/24/05 -> 2005-08-24
    rule: str | None  # the text after DECL:/DNG: (or after the E.O. number), collapsed
    downgrade_on: date | None = None  # DNG: CO 10/18/2029 -> 2029-10-18


_EMPTY = Declassification(None, None, None)


def parse_declassification(body: str) -> Declassification:
    """Return the executive order, the declassification date and the raw rule of ``body``.

    Rules: the first ``E.O. NNNNN`` in the head gives ``eo``. ``rule`` is the rest of that
    line after ``DECL``/``DECLASSIFY (ON)``/``DNG`` (or, without either, after the order
    number: ``N/A``, ``GDS``), cut before a glued ``TAGS``, ``AS AMENDED`` dropped, whitespace
    collapsed, None when empty. The date of a ``DNG`` rule is ``downgrade_on`` (a line may
    carry both labels: ``DECL: 12/31/2009 DNG: CO 12/31/1999``); any other rule that starts
    with a date gives ``declassify_on`` (``transforms.fields.rule_dates``:
    ``MM/DD/YYYY``, ``M/D/YY``, ``12-29-13``, ``YYYY/MM/DD``, ``YYYYMMDD``, ``08 OCTOBER
    2019``, after an optional ``ON:`` or short code: ``GDS 11/13/85``). A line cut short
    (``E.O. 12958: DE...``) gives way to a later E.O. line, the full copy. Invalid dates give
    None; nothing raises.
    """
    if not isinstance(body, str):
        return _EMPTY
    head = body[:_HEAD_CHARS]
    first: Declassification | None = None
    for match in _EO.finditer(head):
        line = _eo_line(head, match.end())
        found = _declassification(match[1], line)
        if "..." not in line or found.declassify_on or found.downgrade_on:
            return found
        first = first or found
    return first or _EMPTY


def _eo_line(head: str, start: int) -> str:
    line, _newline, rest = head[start : start + _LINE_CHARS].partition("\n")
    if not _LABEL.search(line) and not line.strip(" \t:") and _LABEL.match(rest.lstrip()):
        return rest.lstrip().split("\n", 1)[0]  # "E.O. 12958:" / "DECL: 08/11/2015"
    return line


def _declassification(eo: str, line: str) -> Declassification:
    text = _AS_AMENDED.sub(" ", line)
    label = _LABEL.search(text)
    if label is not None:
        text = text[label.end() :]
    else:
        text = text.lstrip(" \t:;,")
        on = _ON.match(text)
        text = text[on.end() :] if on else text
    end = _RULE_END.search(text)
    if end is not None:
        text = text[: end.start()]
    rule = _WHITESPACE.sub(" ", text).strip(" :;,.") or None
    if rule is None:
        return Declassification(eo, None, None)
    dng = label is not None and label["dng"]
    deadline = rule_date(rule)
    # A second label on the line: "DECL: 12/31/2009 DNG: CO 12/31/1999" (either order).
    other = _LABEL.search(rule, 1)
    if other is not None and bool(other["dng"]) != dng:
        second = rule_date(rule[other.end() :])
        declassify_on, downgrade_on = (second, deadline) if dng else (deadline, second)
        return Declassification(eo, declassify_on, rule, downgrade_on)
    if dng:
        return Declassification(eo, None, rule, deadline)
    return Declassification(eo, deadline, rule)
