"""The scan short-cuts in ``transforms.fields.hints`` give exactly what the plain regex gives.

Each pattern a parser searches through ``search_near_word`` is checked against its own
``search`` on generated text built from the characters that matter to it (letters of its
words in both cases, the non-ASCII letters that ``re.IGNORECASE`` folds, spaces, tabs,
newlines, pilcrows, punctuation).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.fields import classified_by, references, summary
from transforms.fields.hints import may_contain_word, search_near_word

# (pattern, word, lead, pad) exactly as the parsers call search_near_word
USES = [
    (summary._SUMMARY_END, b"end", summary._END_LEAD, ""),
    (summary._COMMENT_END, b"end", summary._END_LEAD, ""),
    (summary._INLINE_COMMENT, b"comment", 1, ""),
    (references._REF_START, b"ref", 0, " \t"),
    (classified_by._CLASSIFIED_BY, b"cla", 0, ""),
]
_PIECES = [
    "END",
    "end",
    "End",
    " OF ",
    "SUMMARY",
    "summary",
    "Summary",
    "COMMENT",
    "comment",
    "Comments",
    "REF",
    "Ref",
    "ref",
    "REFTEL",
    "REFS",
    "erences",
    "(s)",
    "CLASSIFIED",
    "classifed",
    "Classified",
    " BY",
    " by",
    "1",
    "2",
    "1.",
    "2.",
    "(C)",
    "(U)",
    "(S/NF)",
    "A.",
    "B)",
    "¶",
    "\ufffd",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    ":",
    ".",
    ";",
    "-",
    "--",
    "(",
    ")",
    "PRIME",
    "x",
    "ſ",
    "ı",
    "İ",
    "K",
    "é",
    "“",
    "\u2019",
    "\u00a0",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _same(left: re.Match[str] | None, right: re.Match[str] | None) -> bool:
    if left is None or right is None:
        return left is right
    return left.span() == right.span() and left.groups() == right.groups()


@pytest.mark.parametrize(("pattern", "word", "lead", "pad"), USES)
@settings(max_examples=300, deadline=None)
@given(text=_TEXT, pos=st.integers(0, 12), cut=st.integers(0, 12))
def test_search_near_word_is_search(pattern, word, lead, pad, text, pos, cut) -> None:
    end = max(len(text) - cut, 0)
    expected = pattern.search(text, pos, end)
    assert _same(search_near_word(pattern, text, word, lead, pad, pos, end), expected)
    assert _same(search_near_word(pattern, text, word, lead, pad), pattern.search(text))
    if expected is not None and expected.group():
        assert may_contain_word(text, word)


def test_search_near_word_crosses_chunks() -> None:
    # The text is folded a chunk at a time: a word cut by a chunk's end is still found.
    pattern = re.compile(r"(?i)END\s(?:OF\s)?COMMENT")
    for offset in range(1015, 1030):
        text = "x" * offset + "end comment" + "y" * 3000
        assert _same(search_near_word(pattern, text, b"end"), pattern.search(text))
    text = "x" * 5000 + "End Comment"
    assert search_near_word(pattern, text, b"end").start() == 5000


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Begin COMMENT here", b"comment", True),
        ("CoMmEnT", b"comment", True),
        ("com\u2019ment", b"comment", False),  # a character past U+00FF never joins two halves
        ("no such word", b"comment", False),
        ("", b"end", False),
    ],
)
def test_may_contain_word(text: str, word: bytes, expected: bool) -> None:
    assert may_contain_word(text, word) is expected
