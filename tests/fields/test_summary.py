"""Summary and closing comment, taken from the paragraphs."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.fields.corpus import corpus_bodies
from transforms.fields.paragraphs import Paragraph, parse_paragraphs
from transforms.fields.summary import parse_comment, parse_summary

# Timings are CPU time (time.process_time): other processes on a shared machine do not count.
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "../shared/cables"


def _p(text: str, heading: str | None = None, number: str | None = "1") -> Paragraph:
    return Paragraph(number, "C", heading, text)


def test_seed_golden() -> None:
    seed = ROOT / "seeds/cables/08ISLAMABAD421.txt"
    if not seed.is_file():
        seed = CORPUS / "seed/000_271cbb6e049b91fc.txt"
    text = seed.read_text(encoding="utf-8")
    paragraphs = parse_paragraphs(text[text.index("C O N F I D E N T I A L") :])
    summary = parse_summary(paragraphs)
    assert summary is not None
    assert summary.startswith("The Muttahida Quami Movement (MQM) based in Karachi")
    assert summary.endswith("continued support for our policies.")
    comment = parse_comment(paragraphs)
    assert comment is not None
    assert comment.startswith("Despite some continuing evidence of thuggery, MQM")
    assert comment.endswith("in forming the next coalition government.")


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param([_p("Summary. One two. End Summary")], "One two.", id="seed-style"),
        pytest.param([_p("Summary: One. END SUMMARY.")], "One.", id="colon-caps-end"),
        pytest.param([_p("(C) Summary: One. End summary.")], "One.", id="mark-left-in-text"),
        pytest.param(
            [_p("SUMMARY AND COMMENT: One. END SUMMARY AND COMMENT.")], "One.", id="and-comment"
        ),
        pytest.param(
            [_p("Summary and Introduction. One. End Summary and Introduction.")],
            "One.",
            id="04BRASILIA1938-and-introduction",
        ),
        pytest.param([_p("SUMMARY -- One.")], "One.", id="dashes-to-paragraph-end"),
        pytest.param(
            [_p("This is an action request. Summary: One. End Summary.")],
            "One.",
            id="after-first-sentence",
        ),
        pytest.param(
            [_p("Summary: One."), _p("Two. End Summary."), _p("Three.")],
            "One.\n\nTwo.",
            id="multi-paragraph",
        ),
        pytest.param(
            [
                _p("In a meeting, he said. Iran was raised."),
                _p("Bio notes follow. End summary."),
                _p("Three."),
            ],
            "In a meeting, he said. Iran was raised.\n\nBio notes follow.",
            id="04CAIRO8456-no-opener",
        ),
        pytest.param([_p("One. End summary.", heading="Summary")], "One.", id="05ANKARA82-heading"),
        pytest.param([_p("Nothing to see.")], None, id="none"),
        pytest.param([], None, id="empty"),
    ],
)
def test_parse_summary(paragraphs: list[Paragraph], expected: str | None) -> None:
    assert parse_summary(paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param([_p("One."), _p("Comment: Two three.")], "Two three.", id="seed-style"),
        pytest.param([_p("(C) COMMENT: Two. END COMMENT. More.")], "Two.", id="end-comment"),
        pytest.param(
            [_p("Comment: first."), _p("Text."), _p("Comment -- last.")], "last.", id="last-wins"
        ),
        pytest.param(
            [_p("Comment: Two."), _p("Three. End Comment."), _p("Four.")],
            "Two.\n\nThree.",
            id="multi-paragraph",
        ),
        pytest.param(
            [_p("One.", heading="Comment"), _p("Two.", heading="Comment"), _p("x", heading="Next")],
            "One.\n\nTwo.",
            id="00HARARE5461-comment-heading",
        ),
        pytest.param(
            [_p("He left. (Comment: The idea is odd. End Comment.) Later.")],
            "The idea is odd.",
            id="inline-fallback",
        ),
        pytest.param([_p("A comment was made by the minister.")], None, id="word-in-prose"),
        pytest.param([], None, id="empty"),
    ],
)
def test_parse_comment(paragraphs: list[Paragraph], expected: str | None) -> None:
    assert parse_comment(paragraphs) == expected


def test_garbage_never_raises() -> None:
    for paragraphs in ([], None, [_p("")], [_p("Summary:")], [_p("End Summary. End Comment.")]):
        assert parse_summary(paragraphs) is None or isinstance(parse_summary(paragraphs), str)
        assert parse_comment(paragraphs) is None or isinstance(parse_comment(paragraphs), str)


def test_huge_inputs_stay_fast() -> None:
    huge = [_p("Summary: " + "word " * 1_000_000), _p("Comment: " + "x " * 1_000_000)]
    many = [_p(f"Comment: {i}.") for i in range(100_000)]
    for paragraphs in (huge, many):
        started = time.process_time()
        parse_summary(paragraphs)
        parse_comment(paragraphs)
        assert time.process_time() - started < 2.0


@pytest.mark.corpus
def test_corpus_summary_and_comment() -> None:
    with_summary = with_comment = summaries = comments = 0
    worst = 0.0
    for _path, body in corpus_bodies():
        paragraphs = parse_paragraphs(body)
        summary, comment = parse_summary(paragraphs), parse_comment(paragraphs)
        worst = max(worst, min(_timed(paragraphs) for _ in range(3)))
        if re.search(r"end summary", body, re.IGNORECASE):
            with_summary += 1
            summaries += summary is not None
        if re.search(r"end comment", body, re.IGNORECASE):
            with_comment += 1
            comments += comment is not None
        for text in (summary, comment):
            assert text is None or (text.strip() == text and text)
    # measured: 1,077 of 1,081 bodies saying "End Summary" get a summary (99.6 %);
    # 441 of 464 saying "End Comment" get a comment (95 %)
    assert summaries >= 0.97 * with_summary, (summaries, with_summary)
    assert comments >= 0.9 * with_comment, (comments, with_comment)
    assert worst < 0.25, worst  # a never-hang bound; speed is the benchmark's (slowest ten)


def _timed(paragraphs: list[Paragraph]) -> float:
    """One run of both parsers; the corpus test keeps the best of three (a busy machine)."""
    started = time.process_time()
    parse_summary(paragraphs)
    parse_comment(paragraphs)
    return time.process_time() - started
