"""The signature line's trailing junk is cut as ``_TRAILING_JUNK.sub`` cuts it, the pattern
tried near the end of the line only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.fields.signers import _TRAILING_JUNK, _clean, _without_trailing_junk

PIECES = st.sampled_from([
    " ", "  ", "\t", " " * 12, " " * 40, "NNNN", "nnn", "ZFR", "BT", " END CABLE TEXT", '"',
    "\\", "*", ">", "|", ".", ",", "#", "##", "<br/>", "<BR >", "12/31/2008", " 3 1/2/08", "-",
    "CRETZ", "Smith", "x" * 25,
])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=14))
def test_same_cut_as_the_whole_line_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _without_trailing_junk(text) == _TRAILING_JUNK.sub("", text)


def test_junk_after_a_long_space_run() -> None:
    # the second round meets a dot behind 40 spaces: far from the end, still junk
    line = "CRETZ ." + " " * 40 + "  BT"
    assert _without_trailing_junk(line.strip()) == _TRAILING_JUNK.sub("", line.strip())
    assert _clean(line) == "CRETZ"
