"""Line helpers of the paragraph parser: the glued-marker split, the mark reader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.fields.paragraph_lines import (
    _GLUED_HINT,
    _GLUED_MARKER,
    number_value,
    parse_mark,
    split_glued,
)


def split_each_line(lines: list[str]) -> list[str]:
    """The definition ``split_glued`` keeps: every line tested with the regex on its own."""
    out: list[str] = []
    for line in lines:
        if ("¶" in line or "(" in line) and len(line) > 40 and _GLUED_HINT.search(line):
            out.extend(_GLUED_MARKER.split(line))
        else:
            out.append(line)
    return out


def test_glued_marker_gets_its_own_line() -> None:
    # imitates the press versions: the next paragraph glued after the previous one's sentence
    text = "1. (C) The minister said so. 2. (C) He added more, at length here.\n3. (U) Last."
    lines = text.split("\n")
    assert split_glued(lines, text) == [
        "1. (C) The minister said so.",
        "2. (C) He added more, at length here.",
        "3. (U) Last.",
    ]


def test_marker_after_a_line_end_is_no_glued_one() -> None:
    # the sentence ends the line before: only a marker on the same line is glued
    text = "The minister said it all and much more at length, in the end.\n2. (C) He added more."
    lines = text.split("\n")
    assert split_glued(lines, text) == lines


def test_glued_marker_near_the_start_of_a_line_after_another() -> None:
    # both lines hold a glued marker, the second one close to its start: neither hides the other
    text = (
        "The minister said it all and much more at length, in the end. ¶2. \n"
        "a. 3. (C) He added more, at length, and then some more again."
    )
    lines = text.split("\n")
    assert split_glued(lines, text) == split_each_line(lines)
    assert len(split_glued(lines, text)) == 4


PIECES = st.sampled_from([
    ". ", ".  ", "\t", " ", "\n", "1. (C) ", "12.(S//NF) ", "¶3. ", "\ufffd 4. ", "(U) ",
    "(TS/", "(SBU)", ") ", '"', "’", "] ", "!", "?", "999. ", "1.", "word", "x" * 30, "(C)",
    "\x0c", "\u2028",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_split_glued_matches_the_line_by_line_definition(pieces: list[str]) -> None:
    text = "".join(pieces)
    lines = text.split("\n")
    assert split_glued(lines, text) == split_each_line(lines)


def test_parse_mark() -> None:
    assert parse_mark("(C) Text") == ("C", " Text")
    assert parse_mark("(s // nf) Text") == ("S//NF", " Text")
    assert parse_mark("(Note) Text") == (None, "(Note) Text")
    assert parse_mark("C) Text") == (None, "C) Text")
    assert parse_mark("") == (None, "")


def test_number_value() -> None:
    assert [number_value(n) for n in ("3", "10", "3a", "123B")] == [3, 10, 3, 123]
