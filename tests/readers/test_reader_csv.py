"""cables.csv: a line state machine with backslash escapes, bounded rows, a cut-off end."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest

from transforms.raw import RawCable, Reject
from transforms.readers import cables_csv, read_cables, read_cables_csv_stream
from transforms.readers.common import sha256_hex

SAMPLES = Path(__file__).parent / "samples"


def _items(data: bytes) -> list[RawCable | Reject]:
    return list(read_cables(data, "c.csv"))


def test_sample_rows_exact_values() -> None:
    data = (SAMPLES / "cables.csv").read_bytes()
    items = _items(data)
    kinds = [i.member if isinstance(i, RawCable) else i.reason for i in items]
    assert kinds == ["stray-text", "101", "102", "unterminated-row", "104", "truncated-row"]
    row_bytes = b"".join(data.splitlines(keepends=True)[1:11])
    assert items[1] == RawCable(
        reference_id="85GABORONE9001",
        title=None,
        created=date(1985, 1, 9),
        created_at=datetime(1985, 1, 9, 15, 30),
        released=None,
        classification="UNCLASSIFIED",
        origin="Embassy Gaborone",
        references=("85STATE1001", "85GABORONE8001"),
        header="R 091530Z JAN 85\nFM AMEMBASSY GABORONE\nTO SECSTATE WASHDC 0001",
        telegram="UNCLAS GABORONE 9001 \n\nE.O. 12356: N/A \nSUBJECT: INVENTED ROW WITH "
        '"ESCAPED QUOTES" AND THE MINISTER\'S VIEW \n\n1. THE PAPER SAID "NO". \nMAINO \n',
        source_file="c.csv",
        member="101",
        source_format="csv",
        source_sha256=sha256_hex(row_bytes),
        encoding="utf-8",
    )


def test_unescaped_quote_at_line_end_does_not_end_the_row() -> None:
    """Row 102: `HE SAID "NO"` ends a line with a bare quote; the next line continues."""
    row = _items((SAMPLES / "cables.csv").read_bytes())[2]
    assert isinstance(row, RawCable) and row.references == ()
    assert '2. HE SAID "NO"\n3. THE QUOTE ABOVE' in row.telegram
    assert '"7","1/1/1985 1:00","85X1"' in row.telegram  # an escaped dump row stays text


def test_broken_and_truncated_rows_name_their_row() -> None:
    items = _items((SAMPLES / "cables.csv").read_bytes())
    broken, truncated = items[3], items[5]
    assert isinstance(broken, Reject) and broken.member == "103"
    assert "line 20" in broken.message and "line 22" in broken.message
    assert isinstance(truncated, Reject) and truncated.member == "105"
    assert truncated.excerpt.startswith('"105","3/5/1985 8:46"')


@pytest.mark.parametrize(
    ("data", "reasons"),
    [
        pytest.param(b'"1","13/45/1985 1:00","X","O","C","","H","B"\n', ["bad-metadata"]),
        pytest.param(b'"1","1/2/1985 1:00","X","O","C","H","B"\n', ["truncated-row"]),
        pytest.param(b"junk line\nmore junk\n", ["stray-text"], id="only-stray"),
        pytest.param(b'"1","1/2/1985 1:00","X","O","C","","H","B\\\\"\n', ["cable"]),
    ],
)
def test_csv_edge_rows(data: bytes, reasons: list[str]) -> None:
    items = list(read_cables(data, "c.csv", layout="csv"))
    assert [i.reason if isinstance(i, Reject) else "cable" for i in items] == reasons


def test_oversized_row_is_skipped_to_the_next_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cables_csv, "MAX_ROW_BYTES", 200)
    big = b'"1","1/2/1985 1:00","X","O","C","","H","' + b"LONG LINE\n" * 40
    good = b'"2","1/3/1985 1:00","Y","O","C","","H","B"\n'
    items = list(read_cables_csv_stream(io.BytesIO(big + good), "c.csv"))
    assert [i.reason if isinstance(i, Reject) else i.member for i in items] == [
        "oversized-row",
        "2",
    ]


def test_empty_stream() -> None:
    (item,) = read_cables_csv_stream(io.BytesIO(b""), "c.csv")
    assert isinstance(item, Reject) and item.reason == "empty-file"


@pytest.mark.corpus
def test_corpus_sample_csv(corpus: Path) -> None:
    path = corpus / "csv" / "cables-sample.csv"
    with path.open("rb") as stream:
        items = list(read_cables_csv_stream(stream, str(path)))
    cables = [i for i in items if isinstance(i, RawCable)]
    rejects = [i.reason for i in items if isinstance(i, Reject)]
    assert len(cables) == 36 and rejects == ["stray-text", "truncated-row"]
    assert [c.member for c in cables] == [str(n) for n in range(1, 37)]
    assert items[-1].member == "37"
    assert all(c.created == c.created_at.date() for c in cables)
    assert all('\\"' not in c.telegram for c in cables)
    assert items == list(read_cables(path.read_bytes(), str(path)))
