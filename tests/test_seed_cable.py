"""Golden test: every value the brief pins for the seed cable 08ISLAMABAD421."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.sources import SourceFile, read_source
from tests.conftest import SEED_CABLE
from transforms.batch import parse_items
from transforms.tables import CABLES, PARAGRAPHS, RECIPIENTS, REFERENCES, TAGS


@pytest.fixture(scope="module")
def seed_frames() -> dict[str, pl.DataFrame]:
    items = list(read_source(SourceFile(str(SEED_CABLE), SEED_CABLE.stat().st_size, 0)))
    frames = parse_items(items)
    tables = {t.name: t for t in (CABLES, PARAGRAPHS, RECIPIENTS, TAGS, REFERENCES)}
    return {name: frame.select(tables[name].column_names) if name in tables else frame
            for name, frame in frames.items()}


def test_seed_is_one_cable_no_rejects(seed_frames):
    assert seed_frames["cables"].height == 1
    assert seed_frames["rejects"].height == 0


def test_seed_cable_row(seed_frames):
    row = seed_frames["cables"].row(0, named=True)
    expected = {
        "cable_id": "08ISLAMABAD421",
        "reference_id": "08ISLAMABAD421",
        "year": 2008,
        "subject": "MQM LOOKING FOR RESPECT",
        "created": date(2008, 1, 29),
        "dtg": datetime(2008, 1, 29, 13, 36, tzinfo=UTC),
        "classification": "CONFIDENTIAL",
        "classification_level": "CONFIDENTIAL",
        "origin": "Embassy Islamabad",
        "origin_route": "RUEHIL",
        "transmission_id": "VZCZCXRO3938",
        "precedence": "IMMEDIATE",
        "section_count": 2,
        "eo": "12958",
        "declassify_on": date(2018, 1, 22),
        "classified_by": ["Anne W. Patterson"],
        "classification_reasons": ["b", "d"],
        "signers": ["PATTERSON"],
        "paragraph_count": 10,
        "is_partial": False,
        "is_corrected": False,
        "has_redactions": False,
        "has_dump_rows": False,
        "source_format": "txt",
    }
    assert {k: row[k] for k in expected} == expected
    assert "SIPDIS" in row["caveats"]
    assert row["summary"].startswith("The Muttahida Quami Movement (MQM) based in Karachi")
    assert row["summary"].endswith("continued support for our policies.")
    assert row["comment"].startswith("Despite some continuing evidence of thuggery")
    assert row["comment"].endswith("in forming the next coalition government.")
    assert row["header"].endswith("RUEAIIA/CIA WASHDC PRIORITY")
    assert row["body"].startswith("C O N F I D E N T I A L SECTION 01 OF 02 ISLAMABAD 000421")
    assert row["body"].rstrip().endswith("PATTERSON")


def test_seed_recipients(seed_frames):
    info = [
        ("RUEHBUL", "AMEMBASSY KABUL", "8097"), ("RUEHLO", "AMEMBASSY LONDON", "7139"),
        ("RUEHNE", "AMEMBASSY NEW DELHI", "2718"), ("RUEHOT", "AMEMBASSY OTTAWA", "1130"),
        ("RUEHKP", "AMCONSUL KARACHI", "8772"), ("RUEHLH", "AMCONSUL LAHORE", "4686"),
        ("RUEHPW", "AMCONSUL PESHAWAR", "3362"), ("RUEKJCS", "SECDEF WASHINGTON DC", None),
        ("RUMICEA", "USCENTCOM INTEL CEN MACDILL AFB FL", None),
        ("RHWSMRC", "USCINCCENT MACDILL AFB FL", None), ("RUEAIIA", "CIA WASHDC", None),
    ]
    rows = [("TO", "RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "4713")] + [
        ("INFO", route, name, "PRIORITY", mcn) for route, name, mcn in info]
    expected = pl.DataFrame(
        [{"cable_id": "08ISLAMABAD421", "position": i, "kind": kind, "route": route,
          "name": name, "precedence": precedence, "mcn": mcn, "excluded": False}
         for i, (kind, route, name, precedence, mcn) in enumerate(rows, start=1)],
        schema=RECIPIENTS.schema)
    assert_frame_equal(seed_frames["recipients"], expected)


def test_seed_paragraphs(seed_frames):
    paragraphs = seed_frames["paragraphs"]
    headings = [None, None] + ["Young, Activist Mayor"] * 3 + ["Don't Ignore Us"] * 2 + [
        "Post-Election Coalition"] + ["Altaf Hussain Returns?"] * 2
    expected = pl.DataFrame({
        "cable_id": ["08ISLAMABAD421"] * 10,
        "position": list(range(1, 11)),
        "number": [str(n) for n in range(1, 11)],
        "classification": ["C", "U"] + ["C"] * 8,
        "heading": headings,
    }, schema={k: PARAGRAPHS.schema[k] for k in
               ("cable_id", "position", "number", "classification", "heading")})
    assert_frame_equal(paragraphs.drop("text"), expected)
    text = paragraphs["text"].to_list()
    assert text[5].endswith('Kamal urged that the U.S. "stop ignoring us."')
    assert "\n" not in text[5]
    assert "The National Reconciliation Ordinance signed by Musharraf" in text[8]
    assert text[0].startswith("Summary. The Muttahida Quami Movement")
    assert not any(t.startswith(("¶", "(C)", "(U)")) for t in text)


def test_seed_tags(seed_frames):
    expected = pl.DataFrame({
        "cable_id": ["08ISLAMABAD421"] * 4, "position": [1, 2, 3, 4],
        "tag": ["PREL", "PGOV", "PTER", "PK"],
        "kind": ["subject", "subject", "subject", "geographic"],
    }, schema=TAGS.schema)
    assert_frame_equal(seed_frames["tags"], expected)


def test_seed_references(seed_frames):
    refs = seed_frames["references"]
    assert refs.columns == REFERENCES.column_names
    assert refs["referenced_cable_id"].to_list() == ["08ISLAMABAD405", "08ISLAMABAD281"]
    assert refs["kind"].to_list() == ["cable", "cable"]
    assert refs["position"].to_list() == [1, 2]


def test_seed_frames_have_declared_schemas(seed_frames):
    for table in (CABLES, PARAGRAPHS, RECIPIENTS, TAGS, REFERENCES):
        assert seed_frames[table.name].schema == table.schema, table.name
