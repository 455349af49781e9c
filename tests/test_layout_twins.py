"""The cablegate HTML pages held against their text-layout twins (../shared/cables).

Every page in ``html/`` is also in ``txt/`` under the same reference id. Both readers must
give the same rows, except the columns that name the copy (``source_*``) and metadata only
one layout has or writes differently (``released``, ``created_at``, ``title``).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.sources import SourceFile, read_source
from tests.conftest import shared_dir
from transforms.batch import STAGED_KEY, parse_items

CHILD_TABLES = ("paragraphs", "recipients", "tags", "references")
LAYOUT_ONLY = ("released", "created_at", "title")


def _frames(path: Path) -> dict[str, pl.DataFrame]:
    items = list(read_source(SourceFile(str(path), path.stat().st_size, 0)))
    return parse_items(items)


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    dropped = [
        c for c in frame.columns if c.startswith("source_") or c in LAYOUT_ONLY or c == STAGED_KEY
    ]
    return frame.drop(dropped)


def _pairs() -> list[tuple[Path, Path]]:
    html = shared_dir("html")
    txt = shared_dir("txt")
    return [(page, txt / f"{page.stem}.txt") for page in sorted(html.glob("*.html"))]


@pytest.fixture(scope="module")
def twins() -> list[tuple[str, dict, dict]]:
    """(reference id, frames of the page, frames of the text) for every pair, parsed once."""
    return [(page.stem, _frames(page), _frames(text)) for page, text in _pairs() if text.is_file()]


def test_every_page_has_a_text_twin():
    pairs = _pairs()
    assert len(pairs) == 160
    assert [p.name for p, twin in pairs if not twin.is_file()] == []


def test_both_layouts_are_read_without_rejects(twins):
    for name, from_page, from_text in twins:
        assert (
            from_page["cables"]["source_format"].to_list(),
            from_text["cables"]["source_format"].to_list(),
        ) == (["html"], ["txt"]), name
        assert from_page["rejects"].height == from_text["rejects"].height == 0, name


@pytest.mark.parametrize("table", ["cables", *CHILD_TABLES])
def test_html_and_text_give_the_same_rows(twins, table):
    differing = []
    for name, from_page, from_text in twins:
        try:
            assert_frame_equal(_comparable(from_page[table]), _comparable(from_text[table]))
        except AssertionError as error:
            differing.append(f"{name}: {' '.join(str(error).split())[:300]}")
    assert differing == [], f"{len(differing)} pages differ:\n" + "\n".join(differing[:20])
    assert sum(page[table].height for _, page, _ in twins) > 0  # rows were compared
